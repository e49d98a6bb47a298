/*
 * gql_arena.c: the bump allocator behind documents and schemas. Each chunk
 * is one malloc; a request that does not fit opens a new chunk at least
 * twice the previous size (capped), or a dedicated one for a large block.
 * Structures are aligned to 8 bytes (pointers, 64-bit integers; nothing
 * here needs more), strings are packed.
 */
#include "config.h"

#include <stdalign.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "common/xmalloc.h"
#include "graphql/gql_arena.h"

#define ARENA_ALIGN	8
#define ARENA_MIN	1024
#define ARENA_MAX_GROW	(1024 * 1024)

struct arena_chunk {
	struct arena_chunk	*next;
	size_t			 size;		/* usable bytes after header */
	size_t			 used;
	alignas(max_align_t) unsigned char data[];
};

struct gql_arena {
	struct arena_chunk	*head;		/* current chunk first */
	size_t			 next_size;
	size_t			 total;		/* bytes handed out */
};

static struct arena_chunk *arena_chunk_new(struct gql_arena *, size_t);
static void	*arena_take(struct gql_arena *, size_t, size_t);

static struct arena_chunk *
arena_chunk_new(struct gql_arena *a, size_t size)
{
	struct arena_chunk	*c;

	c = xmalloc(sizeof(*c) + size);
	c->size = size;
	c->used = 0;
	c->next = a->head;
	a->head = c;
	return c;
}

static void *
arena_take(struct gql_arena *a, size_t size, size_t align)
{
	struct arena_chunk	*c = a->head;
	size_t			 off = 0;

	if (size > SIZE_MAX / 2)
		abort();	/* a broken invariant, not input */
	if (c != NULL)
		off = (c->used + align - 1) & ~(align - 1);
	if (c == NULL || off > c->size || c->size - off < size) {
		if (c != NULL && size > a->next_size / 4) {
			/* Large block: its own chunk, kept behind the head. */
			c = arena_chunk_new(a, size);
			a->head = c->next;
			c->next = a->head->next;
			a->head->next = c;
		} else {
			if (size > a->next_size)
				a->next_size = size;
			c = arena_chunk_new(a, a->next_size);
			if (a->next_size < ARENA_MAX_GROW)
				a->next_size *= 2;
		}
		off = 0;
	}
	c->used = off + size;
	a->total += size;
	return c->data + off;
}

/* Create an arena whose first chunk holds `hint` bytes (0: a default). */
struct gql_arena *
gql_arena_new(size_t hint)
{
	struct gql_arena	*a;

	a = xcalloc(1, sizeof(*a));
	a->next_size = hint < ARENA_MIN ? ARENA_MIN : hint;
	return a;
}

/* Free an arena and everything allocated from it. */
void
gql_arena_free(struct gql_arena *a)
{
	struct arena_chunk	*c, *next;

	if (a == NULL)
		return;
	for (c = a->head; c != NULL; c = next) {
		next = c->next;
		free(c);
	}
	free(a);
}

/*
 * Forget everything allocated, keeping the most recent chunk for reuse
 * (a connection parsing one request after another then stops calling
 * malloc once its arena has grown to its usual size).
 */
void
gql_arena_reset(struct gql_arena *a)
{
	struct arena_chunk	*c, *next;

	if (a->head == NULL)
		return;
	for (c = a->head->next; c != NULL; c = next) {
		next = c->next;
		free(c);
	}
	a->head->next = NULL;
	a->head->used = 0;
	a->total = 0;
}

/* Allocate `size` bytes aligned for pointers and 64-bit integers. */
void *
gql_arena_alloc(struct gql_arena *a, size_t size)
{
	return arena_take(a, size, ARENA_ALIGN);
}

/* Allocate n * size zeroed bytes. */
void *
gql_arena_calloc(struct gql_arena *a, size_t n, size_t size)
{
	void	*p;

	if (size != 0 && n > SIZE_MAX / size)
		abort();
	p = gql_arena_alloc(a, n * size);
	memset(p, 0, n * size);
	return p;
}

/* Copy `len` bytes of `s` into the arena, NUL-terminated. */
char *
gql_arena_strndup(struct gql_arena *a, const char *s, size_t len)
{
	char	*p;

	p = arena_take(a, len + 1, 1);
	if (len > 0)
		memcpy(p, s, len);
	p[len] = '\0';
	return p;
}

/* Copy a C string into the arena. */
char *
gql_arena_strdup(struct gql_arena *a, const char *s)
{
	return gql_arena_strndup(a, s, strlen(s));
}

/* Copy `len` bytes into the arena. */
void *
gql_arena_memdup(struct gql_arena *a, const void *s, size_t len)
{
	void	*p;

	p = gql_arena_alloc(a, len);
	if (len > 0)
		memcpy(p, s, len);
	return p;
}

/* Return the bytes handed out so far (for limits and tests). */
size_t
gql_arena_used(const struct gql_arena *a)
{
	return a->total;
}
