/*
 * gql_cache.c: the cache of parsed and validated documents (see
 * gql_cache.h): a chained hash table on SipHash-1-3 of the text under a
 * random key, a doubly-linked recency list (head: most recent), byte and
 * entry bounds enforced on every insertion, reference counts so that an
 * evicted entry lives on until its last user releases it.
 *
 * Why SipHash-1-3 (one compression round per 8 bytes, three to finish)
 * rather than the paper's 2-4: the hash only has to keep texts from being
 * aimed at one bucket by someone who does not know the key, and 1-3 is
 * what Rust's HashMap and CPython's str hash use for exactly that; a hit
 * hashes the whole text, so the rounds per block are most of its cost
 * (2-4: ~1500 instructions for a 275-byte text, 1-3: ~860). A collision
 * costs nothing but a comparison: an entry is only ever taken after its
 * whole text compared equal.
 */
#include "config.h"

#include <endian.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>

#include "common/buf.h"
#include "common/log.h"
#include "common/xmalloc.h"
#include "graphql/gql_arena.h"
#include "graphql/gql_cache.h"

#define CACHE_BUCKETS_MIN	64

struct gql_cache_entry {
	struct gql_cache_entry	*chain;		/* in its bucket */
	struct gql_cache_entry	*prev;		/* recency list */
	struct gql_cache_entry	*next;
	struct gql_ast_document	*doc;
	void			*aux;		/* gql_cache_set_aux() */
	void			(*aux_free)(void *);
	uint64_t		 hash;
	size_t			 len;
	size_t			 bytes;		/* accounted to the cache */
	uint32_t		 refs;
	int			 cached;
	char			 text[];
};

struct gql_cache {
	struct gql_cache_config	  cfg;
	uint8_t			  key[16];
	struct gql_cache_entry	**buckets;
	uint32_t		  mask;
	struct gql_cache_entry	 *head;
	struct gql_cache_entry	 *tail;
	struct gql_cache_stats	  st;
};

static void	 cache_link(struct gql_cache *, struct gql_cache_entry *);
static void	 cache_unlink(struct gql_cache *, struct gql_cache_entry *);
static void	 cache_evict(struct gql_cache *, struct gql_cache_entry *);
static void	 cache_grow(struct gql_cache *);
static void	 cache_entry_free(struct gql_cache_entry *);
static uint64_t	 cache_le64(const uint8_t *);

/* Create a cache for one schema and set of limits. */
struct gql_cache *
gql_cache_new(const struct gql_cache_config *cfg)
{
	struct gql_cache	*c;

	c = xcalloc(1, sizeof(*c));
	c->cfg = *cfg;
	if (getrandom(c->key, sizeof(c->key), 0) != (ssize_t)sizeof(c->key))
		fatal("graphql", "getrandom");
	c->buckets = xcalloc(CACHE_BUCKETS_MIN, sizeof(*c->buckets));
	c->mask = CACHE_BUCKETS_MIN - 1;
	return c;
}

/* Free a cache; entries still referenced live until released. */
void
gql_cache_free(struct gql_cache *c)
{
	struct gql_cache_entry	*e, *next;

	if (c == NULL)
		return;
	for (e = c->head; e != NULL; e = next) {
		next = e->next;
		e->cached = 0;
		e->prev = e->next = e->chain = NULL;
		if (e->refs == 0)
			cache_entry_free(e);
	}
	free(c->buckets);
	free(c);
}

static void
cache_entry_free(struct gql_cache_entry *e)
{
	if (e->aux_free != NULL)
		e->aux_free(e->aux);
	gql_ast_document_free(e->doc);
	free(e);
}

static inline uint64_t
cache_le64(const uint8_t *p)
{
	uint64_t	v;

	memcpy(&v, p, sizeof(v));
	return le64toh(v);
}

#define CACHE_ROTL(x, b)	(((x) << (b)) | ((x) >> (64 - (b))))
#define CACHE_SIPROUND do {						\
	v0 += v1; v1 = CACHE_ROTL(v1, 13); v1 ^= v0;			\
	v0 = CACHE_ROTL(v0, 32);					\
	v2 += v3; v3 = CACHE_ROTL(v3, 16); v3 ^= v2;			\
	v0 += v3; v3 = CACHE_ROTL(v3, 21); v3 ^= v0;			\
	v2 += v1; v1 = CACHE_ROTL(v1, 17); v1 ^= v2;			\
	v2 = CACHE_ROTL(v2, 32);					\
} while (0)

/*
 * SipHash-1-3 (Aumasson and Bernstein's SipHash with one compression and
 * three finalization rounds) of `len` bytes under `key`.
 */
uint64_t
gql_cache_hash(const uint8_t *key, const void *in, size_t len)
{
	const uint8_t	*p = in, *end = p + (len & ~(size_t)7);
	uint64_t	 k0 = cache_le64(key), k1 = cache_le64(key + 8);
	uint64_t	 v0 = 0x736f6d6570736575ull ^ k0;
	uint64_t	 v1 = 0x646f72616e646f6dull ^ k1;
	uint64_t	 v2 = 0x6c7967656e657261ull ^ k0;
	uint64_t	 v3 = 0x7465646279746573ull ^ k1;
	uint64_t	 m, b = (uint64_t)len << 56;
	size_t		 i;

	for (; p != end; p += 8) {
		m = cache_le64(p);
		v3 ^= m;
		CACHE_SIPROUND;
		v0 ^= m;
	}
	for (i = 0; i < (len & 7); i++)
		b |= (uint64_t)p[i] << (8 * i);
	v3 ^= b;
	CACHE_SIPROUND;
	v0 ^= b;
	v2 ^= 0xff;
	CACHE_SIPROUND;
	CACHE_SIPROUND;
	CACHE_SIPROUND;
	return v0 ^ v1 ^ v2 ^ v3;
}

/* Look a text up; count a hit (or, in gql_cache_fetch(), a miss). */
struct gql_cache_entry *
gql_cache_get(struct gql_cache *c, const char *text, size_t len)
{
	struct gql_cache_entry	*e;
	uint64_t		 h;

	if (c->st.entries == 0)
		return NULL;
	h = gql_cache_hash(c->key, text, len);
	for (e = c->buckets[h & c->mask]; e != NULL; e = e->chain) {
		if (e->hash != h || e->len != len ||
		    memcmp(e->text, text, len) != 0)
			continue;
		if (e != c->head) {
			cache_unlink(c, e);
			cache_link(c, e);
		}
		e->refs++;
		c->st.hits++;
		return e;
	}
	return NULL;
}

/* Cache a document (see gql_cache.h). */
struct gql_cache_entry *
gql_cache_put(struct gql_cache *c, const char *text, size_t len,
    struct gql_ast_document *doc)
{
	struct gql_cache_entry	*e;
	uint64_t		 hits = c->st.hits;

	if ((e = gql_cache_get(c, text, len)) != NULL) {
		c->st.hits = hits;	/* not a lookup of the caller's */
		gql_ast_document_free(doc);
		return e;
	}
	e = xmalloc(sizeof(*e) + len + 1);
	memcpy(e->text, text, len);
	e->text[len] = '\0';
	e->len = len;
	e->doc = doc;
	e->refs = 1;
	e->aux = NULL;
	e->aux_free = NULL;
	e->cached = 0;
	e->chain = e->prev = e->next = NULL;
	e->hash = gql_cache_hash(c->key, text, len);
	e->bytes = sizeof(*e) + len + 1 + gql_arena_used(doc->arena);
	if (c->cfg.max_entries == 0 || e->bytes > c->cfg.max_bytes)
		return e;	/* too large to keep: the caller's alone */
	e->cached = 1;
	e->chain = c->buckets[e->hash & c->mask];
	c->buckets[e->hash & c->mask] = e;
	cache_link(c, e);
	c->st.entries++;
	c->st.bytes += e->bytes;
	while (c->st.entries > c->cfg.max_entries ||
	    c->st.bytes > c->cfg.max_bytes)
		cache_evict(c, c->tail);
	if (c->st.entries > c->mask + 1)
		cache_grow(c);
	return e;
}

/* Return the document of a query text, from the cache or made now. */
struct gql_cache_entry *
gql_cache_fetch(struct gql_cache *c, const char *text, size_t len,
    struct gql_errors *out)
{
	struct gql_cache_entry	*e;
	struct gql_ast_document	*doc;
	struct gql_error	 err, *copy;
	struct buf		 msg = BUF_INIT;
	unsigned		 i;

	if ((e = gql_cache_get(c, text, len)) != NULL)
		return e;
	c->st.misses++;
	if ((doc = gql_parse_document(text, len, &c->cfg.parse,
	    &err)) == NULL) {
		/* By its length: a message may quote a NUL of the text. */
		buf_add(&msg, err.message, err.msglen);
		copy = gql_errors_add_buf(out, err.kind, err.nlocs > 0 ?
		    err.locs[0] : GQL_LOC_NONE, &msg);
		for (i = 1; i < err.nlocs; i++)
			gql_error_add_loc(copy, err.locs[i]);
		gql_error_free(&err);
		return NULL;
	}
	if (gql_validate_with(c->cfg.schema, doc, &c->cfg.validate,
	    c->cfg.hook.fn != NULL ? &c->cfg.hook : NULL, out) == -1) {
		gql_ast_document_free(doc);
		return NULL;
	}
	return gql_cache_put(c, text, len, doc);
}

/* Return an entry's document (valid until the entry is released). */
const struct gql_ast_document *
gql_cache_doc(const struct gql_cache_entry *e)
{
	return e->doc;
}

/* Return what gql_cache_set_aux() gave the entry, or NULL. */
void *
gql_cache_aux(const struct gql_cache_entry *e)
{
	return e->aux;
}

/* Give the entry aux (replacing any), freed by fn when the entry goes. */
void
gql_cache_set_aux(struct gql_cache_entry *e, void *aux, void (*fn)(void *))
{
	if (e->aux_free != NULL)
		e->aux_free(e->aux);
	e->aux = aux;
	e->aux_free = fn;
}

/* Drop a reference; an entry no longer cached goes with its last one. */
void
gql_cache_release(struct gql_cache_entry *e)
{
	if (e == NULL)
		return;
	if (--e->refs == 0 && !e->cached)
		cache_entry_free(e);
}

/* Fill in the cache's counters. */
void
gql_cache_get_stats(const struct gql_cache *c, struct gql_cache_stats *st)
{
	*st = c->st;
}

/* Put an entry at the head of the recency list. */
static void
cache_link(struct gql_cache *c, struct gql_cache_entry *e)
{
	e->prev = NULL;
	e->next = c->head;
	if (c->head != NULL)
		c->head->prev = e;
	c->head = e;
	if (c->tail == NULL)
		c->tail = e;
}

static void
cache_unlink(struct gql_cache *c, struct gql_cache_entry *e)
{
	if (e->prev != NULL)
		e->prev->next = e->next;
	else
		c->head = e->next;
	if (e->next != NULL)
		e->next->prev = e->prev;
	else
		c->tail = e->prev;
	e->prev = e->next = NULL;
}

/* Take an entry out of the cache; free it unless it is referenced. */
static void
cache_evict(struct gql_cache *c, struct gql_cache_entry *e)
{
	struct gql_cache_entry	**pp;

	for (pp = &c->buckets[e->hash & c->mask]; *pp != e;
	    pp = &(*pp)->chain)
		;
	*pp = e->chain;
	e->chain = NULL;
	cache_unlink(c, e);
	c->st.entries--;
	c->st.bytes -= e->bytes;
	c->st.evictions++;
	e->cached = 0;
	if (e->refs == 0)
		cache_entry_free(e);
}

/* Double the buckets and rehash. */
static void
cache_grow(struct gql_cache *c)
{
	struct gql_cache_entry	**old = c->buckets, *e, *next;
	uint32_t		  i, n = c->mask + 1;

	c->buckets = xcalloc((size_t)n * 2, sizeof(*c->buckets));
	c->mask = n * 2 - 1;
	for (i = 0; i < n; i++) {
		for (e = old[i]; e != NULL; e = next) {
			next = e->chain;
			e->chain = c->buckets[e->hash & c->mask];
			c->buckets[e->hash & c->mask] = e;
		}
	}
	free(old);
}
