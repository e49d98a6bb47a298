/*
 * gql_cache.h: a cache of parsed and validated documents, keyed by the
 * query text, so a repeated query skips parsing and validation.
 *
 * - The key is the text itself: entries are found by a keyed hash
 *   (SipHash-1-3 under a random per-cache key, so nobody can aim texts at
 *   one bucket) and confirmed by comparing the whole text, so two texts
 *   never share an entry.
 * - Only valid documents are cached; a cache belongs to one schema and
 *   one set of parse and validation limits (struct gql_cache_config),
 *   since a document's validity depends on them.
 * - Bounded by entry count and by bytes (the document's arena, the text
 *   and the entry), least recently used first out.
 * - Entries are reference-counted: gql_cache_fetch() and gql_cache_get()
 *   return a referenced entry, gql_cache_release() drops the reference.
 *   An entry evicted (or whose cache is freed) while referenced stays
 *   alive until its last release, so an execution in flight keeps its
 *   document.
 *
 * - An entry can carry one more thing derived from its document, e.g.
 *   the plans of gql_prepare(): gql_cache_set_aux() hands it over with
 *   the function that frees it, which runs when the entry goes.
 *
 * Threads: a cache, and its entries' references, belong to one thread;
 * nothing here locks. Each thread that executes requests keeps its own
 * cache (the schema they validate against may be shared).
 */
#ifndef OM_GQL_CACHE_H
#define OM_GQL_CACHE_H

#include <stddef.h>
#include <stdint.h>

#include "graphql/gql_ast.h"
#include "graphql/gql_error.h"
#include "graphql/gql_parse.h"
#include "graphql/gql_validate.h"

struct gql_cache;
struct gql_cache_entry;

struct gql_cache_config {
	uint32_t			 max_entries;	/* 0: no caching */
	size_t				 max_bytes;	/* 0: no caching */
	const struct gql_schema		*schema;
	struct gql_limits		 parse;
	struct gql_validate_limits	 validate;
	struct gql_literal_hook		 hook;		/* fn NULL: none */
};

/* For the daemon's defaults; schema, limits and hook are the caller's. */
#define GQL_CACHE_MAX_ENTRIES	1000
#define GQL_CACHE_MAX_BYTES	(32 * 1024 * 1024)

struct gql_cache_stats {
	uint64_t	hits;
	uint64_t	misses;
	uint64_t	evictions;
	uint32_t	entries;
	size_t		bytes;
};

struct gql_cache *gql_cache_new(const struct gql_cache_config *);
void	 gql_cache_free(struct gql_cache *);

/*
 * Return the document of a query text, cached or parsed and validated
 * now (and cached if valid), referenced; NULL with the syntax, limit or
 * validation errors appended to `out`.
 */
struct gql_cache_entry *gql_cache_fetch(struct gql_cache *, const char *,
	    size_t, struct gql_errors *);

/* Return the cached entry of a text, referenced, or NULL. */
struct gql_cache_entry *gql_cache_get(struct gql_cache *, const char *,
	    size_t);

/*
 * Cache a valid document parsed from a text (the cache owns it now) and
 * return its entry, referenced. If the text is cached already, `doc` is
 * freed and the cached entry returned; a document too large for the
 * cache gets an entry of its own that is not cached.
 */
struct gql_cache_entry *gql_cache_put(struct gql_cache *, const char *,
	    size_t, struct gql_ast_document *);

const struct gql_ast_document *gql_cache_doc(const struct gql_cache_entry *);
void	*gql_cache_aux(const struct gql_cache_entry *);
void	 gql_cache_set_aux(struct gql_cache_entry *, void *,
	    void (*)(void *));
void	 gql_cache_release(struct gql_cache_entry *);
void	 gql_cache_get_stats(const struct gql_cache *,
	    struct gql_cache_stats *);

/* SipHash-1-3 of a text under a 16-byte key (the cache's key function). */
uint64_t gql_cache_hash(const uint8_t *, const void *, size_t);

#endif
