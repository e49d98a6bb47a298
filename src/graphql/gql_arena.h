/*
 * gql_arena.h: a bump allocator. A parsed document, a built schema or one
 * request's execution state lives in one arena and is released with one
 * gql_arena_free(); nothing allocated from an arena is freed on its own.
 * Chunks grow geometrically, so a document of n bytes costs O(n) memory in
 * O(log n) mallocs. Allocation failure is fatal, as with xmalloc.
 */
#ifndef OM_GQL_ARENA_H
#define OM_GQL_ARENA_H

#include <stddef.h>

struct gql_arena;

struct gql_arena *gql_arena_new(size_t);
void	 gql_arena_free(struct gql_arena *);
void	 gql_arena_reset(struct gql_arena *);
void	*gql_arena_alloc(struct gql_arena *, size_t);
void	*gql_arena_calloc(struct gql_arena *, size_t, size_t);
char	*gql_arena_strndup(struct gql_arena *, const char *, size_t);
char	*gql_arena_strdup(struct gql_arena *, const char *);
void	*gql_arena_memdup(struct gql_arena *, const void *, size_t);
size_t	 gql_arena_used(const struct gql_arena *);

#endif
