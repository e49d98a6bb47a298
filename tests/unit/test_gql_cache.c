/*
 * test_gql_cache.c: the document cache: SipHash-1-3 against the
 * reference vectors (Rust's libcore test_siphash_1_3), hits and misses, only valid documents kept (errors
 * still reported), eviction by entry count and by bytes in recency
 * order, documents too large to keep, references keeping an evicted
 * entry (and one whose cache is gone) alive, and texts sharing buckets,
 * lengths and prefixes never sharing an entry.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "graphql/gql_cache.h"
#include "graphql/gql_schema.h"
#include "unit.h"

#define TEST_SCHEMA	TOP_SRCDIR "/tests/graphql/schema.graphql"

static struct gql_schema	*schema;

static struct gql_cache *cache_new(uint32_t, size_t);
static struct gql_cache_entry *fetch(struct gql_cache *, const char *);
static void	 stats(struct gql_cache *, struct gql_cache_stats *);

static struct gql_cache *
cache_new(uint32_t max_entries, size_t max_bytes)
{
	struct gql_cache_config	cfg;
	struct gql_limits	pl = GQL_LIMITS_DEFAULT;
	struct gql_validate_limits vl = GQL_VALIDATE_LIMITS_DEFAULT;

	memset(&cfg, 0, sizeof(cfg));
	cfg.max_entries = max_entries;
	cfg.max_bytes = max_bytes;
	cfg.schema = schema;
	cfg.parse = pl;
	cfg.validate = vl;
	return gql_cache_new(&cfg);
}

/* Fetch a query that must be valid. */
static struct gql_cache_entry *
fetch(struct gql_cache *c, const char *q)
{
	struct gql_errors	 out = GQL_ERRORS_INIT;
	struct gql_cache_entry	*e;

	e = gql_cache_fetch(c, q, strlen(q), &out);
	ck_assert_msg(e != NULL, "%s: %s", q, out.first != NULL ?
	    out.first->message : "?");
	ck_assert_uint_eq(out.count, 0);
	return e;
}

static void
stats(struct gql_cache *c, struct gql_cache_stats *st)
{
	gql_cache_get_stats(c, st);
}

START_TEST(siphash_vectors)
{
	uint8_t		key[16], msg[64];
	unsigned	i;

	for (i = 0; i < 16; i++)
		key[i] = (uint8_t)i;
	for (i = 0; i < 64; i++)
		msg[i] = (uint8_t)i;
	/* Key 00..0f, message 00 .. len-1: the reference vectors of
	 * SipHash-1-3 (vector n is the output's 8 bytes little-endian). */
	ck_assert(gql_cache_hash(key, msg, 0) == 0xabac0158050fc4dcull);
	ck_assert(gql_cache_hash(key, msg, 7) == 0xd3927d989bb11140ull);
	ck_assert(gql_cache_hash(key, msg, 8) == 0x369095118d299a8eull);
	ck_assert(gql_cache_hash(key, msg, 15) == 0xd320d86d2a519956ull);
	ck_assert(gql_cache_hash(key, msg, 63) == 0x9d199062b7bbb3a8ull);
}
END_TEST

/* A syntax error that quotes a NUL of the text keeps all of it. */
START_TEST(parse_error_quoting_nul_is_whole)
{
	static const char	 q[] = "{ \"a\\u0000b\" }";
	static const char	 want[] = "Syntax Error: Expected Name, found "
				     "String \"a\0b\".";
	struct gql_cache	*c = cache_new(10, 1 << 20);
	struct gql_errors	 out = GQL_ERRORS_INIT;

	ck_assert_ptr_null(gql_cache_fetch(c, q, sizeof(q) - 1, &out));
	ck_assert_uint_eq(out.count, 1);
	ck_assert_uint_eq(out.first->msglen, sizeof(want) - 1);
	ck_assert(memcmp(out.first->message, want, sizeof(want)) == 0);
	ck_assert_uint_eq(out.first->locs[0].column, 3);
	gql_errors_free(&out);
	gql_cache_free(c);
}
END_TEST

START_TEST(hit_and_miss)
{
	struct gql_cache	*c = cache_new(10, 1 << 20);
	struct gql_cache_entry	*a, *b;
	struct gql_cache_stats	 st;

	a = fetch(c, "{ dog { name } }");
	b = fetch(c, "{ dog { name } }");
	ck_assert_ptr_eq(a, b);
	ck_assert_ptr_eq(gql_cache_doc(a), gql_cache_doc(b));
	ck_assert_uint_eq(gql_cache_doc(a)->noperations, 1);
	stats(c, &st);
	ck_assert_uint_eq(st.hits, 1);
	ck_assert_uint_eq(st.misses, 1);
	ck_assert_uint_eq(st.entries, 1);
	ck_assert_uint_gt(st.bytes, 0);
	/* Another text (one space more) is another entry. */
	b = fetch(c, "{ dog { name }  }");
	ck_assert_ptr_ne(a, b);
	ck_assert_ptr_null(gql_cache_get(c, "{dog{name}}", 11));
	gql_cache_release(a);
	gql_cache_release(a);
	gql_cache_release(b);
	gql_cache_free(c);
}
END_TEST

START_TEST(only_valid_documents)
{
	struct gql_cache	*c = cache_new(10, 1 << 20);
	struct gql_errors	 out = GQL_ERRORS_INIT;
	struct gql_cache_stats	 st;
	const char		*bad = "{ dog { nope } }";

	ck_assert_ptr_null(gql_cache_fetch(c, bad, strlen(bad), &out));
	ck_assert_uint_eq(out.count, 1);
	ck_assert_int_eq(out.first->kind, GQL_ERR_VALIDATION);
	ck_assert_ptr_null(gql_cache_fetch(c, "{ dog {", 7, &out));
	ck_assert_uint_eq(out.count, 2);
	ck_assert_int_eq(out.last->kind, GQL_ERR_SYNTAX);
	ck_assert_str_eq(out.last->message,
	    "Syntax Error: Expected Name, found <EOF>.");
	ck_assert_uint_eq(out.last->locs[0].column, 8);
	ck_assert_ptr_null(gql_cache_fetch(c, bad, strlen(bad), &out));
	stats(c, &st);
	ck_assert_uint_eq(st.entries, 0);
	ck_assert_uint_eq(st.misses, 3);
	gql_errors_free(&out);
	gql_cache_free(c);
}
END_TEST

START_TEST(evict_by_count)
{
	struct gql_cache	*c = cache_new(3, 1 << 20);
	struct gql_cache_stats	 st;
	const char		*q[] = {
		"{ dog { name } }", "{ cat: dog { name } }",
		"{ human { name } }", "{ pet { name } }",
	};
	unsigned		 i;

	for (i = 0; i < 3; i++)
		gql_cache_release(fetch(c, q[i]));
	/* Use the oldest: the second becomes the least recently used. */
	gql_cache_release(fetch(c, q[0]));
	gql_cache_release(fetch(c, q[3]));
	stats(c, &st);
	ck_assert_uint_eq(st.entries, 3);
	ck_assert_uint_eq(st.evictions, 1);
	ck_assert_ptr_null(gql_cache_get(c, q[1], strlen(q[1])));
	for (i = 0; i < 4; i++) {
		struct gql_cache_entry *e = gql_cache_get(c, q[i],
		    strlen(q[i]));

		if (i != 1)
			ck_assert_ptr_nonnull(e);
		gql_cache_release(e);
	}
	gql_cache_free(c);
}
END_TEST

START_TEST(evict_by_bytes)
{
	struct gql_cache	*c = cache_new(100, 1 << 20);
	struct gql_cache_stats	 st;
	size_t			 one;

	gql_cache_release(fetch(c, "{ dog { name } }"));
	stats(c, &st);
	one = st.bytes;
	gql_cache_free(c);
	/* Room for two documents of about that size, not three. */
	c = cache_new(100, one * 2 + one / 2);
	gql_cache_release(fetch(c, "{ dog { name } }"));
	gql_cache_release(fetch(c, "{ dog { nick: name } }"));
	stats(c, &st);
	ck_assert_uint_eq(st.entries, 2);
	gql_cache_release(fetch(c, "{ dog { nick2: name } }"));
	stats(c, &st);
	ck_assert_uint_eq(st.entries, 2);
	ck_assert_uint_eq(st.evictions, 1);
	ck_assert_uint_le(st.bytes, one * 2 + one / 2);
	ck_assert_ptr_null(gql_cache_get(c, "{ dog { name } }", 16));
	gql_cache_free(c);
	/* A document larger than the cache is served, not kept. */
	c = cache_new(100, one / 2);
	gql_cache_release(fetch(c, "{ dog { name } }"));
	stats(c, &st);
	ck_assert_uint_eq(st.entries, 0);
	ck_assert_uint_eq(st.bytes, 0);
	gql_cache_free(c);
	/* No room at all: no caching. */
	c = cache_new(0, 0);
	gql_cache_release(fetch(c, "{ dog { name } }"));
	gql_cache_release(fetch(c, "{ dog { name } }"));
	stats(c, &st);
	ck_assert_uint_eq(st.misses, 2);
	gql_cache_free(c);
}
END_TEST

START_TEST(references_outlive_eviction)
{
	struct gql_cache		*c = cache_new(1, 1 << 20);
	struct gql_cache_entry		*a, *b;
	const struct gql_ast_document	*doc;
	struct gql_errors		 out = GQL_ERRORS_INIT;

	a = fetch(c, "{ dog { name barkVolume } }");
	doc = gql_cache_doc(a);
	b = fetch(c, "{ cat: dog { name } }");	/* evicts a */
	ck_assert_ptr_null(gql_cache_get(c, "{ dog { name barkVolume } }",
	    27));
	/* a's document is intact: it still validates. */
	ck_assert_int_eq(gql_validate(schema, doc, NULL, &out), 0);
	ck_assert_str_eq(doc->defs->u.op.selset->first->name.s, "dog");
	gql_cache_release(a);
	/* The cache goes first; b lives on until released. */
	gql_cache_free(c);
	ck_assert_int_eq(gql_validate(schema, gql_cache_doc(b), NULL, &out),
	    0);
	gql_cache_release(b);
	gql_cache_release(NULL);
}
END_TEST

/* aux_free counts the things it freed (and which, in freed_last). */
static int	aux_freed;
static void	*aux_freed_last;

static void
aux_free(void *p)
{
	aux_freed++;
	aux_freed_last = p;
}

START_TEST(aux_goes_with_its_entry)
{
	struct gql_cache	*c = cache_new(1, 1 << 20);
	struct gql_cache_entry	*a, *b;
	int			 x, y, z;

	aux_freed = 0;
	a = fetch(c, "{ dog { name } }");
	ck_assert_ptr_null(gql_cache_aux(a));
	gql_cache_set_aux(a, &x, aux_free);
	gql_cache_release(a);
	a = fetch(c, "{ dog { name } }");	/* a hit keeps it */
	ck_assert_ptr_eq(gql_cache_aux(a), &x);
	gql_cache_set_aux(a, &y, aux_free);	/* replacing frees the old */
	ck_assert_int_eq(aux_freed, 1);
	ck_assert_ptr_eq(aux_freed_last, &x);
	/* Evicted while referenced: aux lives until the last release. */
	b = fetch(c, "{ cat: dog { name } }");
	ck_assert_int_eq(aux_freed, 1);
	gql_cache_release(a);
	ck_assert_int_eq(aux_freed, 2);
	ck_assert_ptr_eq(aux_freed_last, &y);
	/* Freeing the cache frees an unreferenced entry's aux. */
	gql_cache_set_aux(b, &z, aux_free);
	gql_cache_release(b);
	gql_cache_free(c);
	ck_assert_int_eq(aux_freed, 3);
	ck_assert_ptr_eq(aux_freed_last, &z);
}
END_TEST

START_TEST(texts_never_share_entries)
{
	struct gql_cache	*c = cache_new(1000, 64 << 20);
	struct gql_cache_entry	*e[400];
	struct gql_cache_stats	 st;
	char			 q[64];
	unsigned		 i;

	/* 400 texts in 64 buckets and more (the table grows): many share
	 * a bucket, all have one length and a long common prefix. */
	for (i = 0; i < 400; i++) {
		snprintf(q, sizeof(q), "{ dog { a%03u: name } }", i);
		e[i] = fetch(c, q);
	}
	for (i = 0; i < 400; i++) {
		snprintf(q, sizeof(q), "{ dog { a%03u: name } }", i);
		ck_assert_ptr_eq(gql_cache_get(c, q, strlen(q)), e[i]);
		ck_assert(strncmp(gql_cache_doc(e[i])->defs->u.op.selset->first
		    ->selset->first->alias.s, q + 8, 4) == 0);
		gql_cache_release(e[i]);
		gql_cache_release(e[i]);
	}
	stats(c, &st);
	ck_assert_uint_eq(st.entries, 400);
	ck_assert_uint_eq(st.hits, 400);
	/* A text that is a prefix of a cached one is not that one. */
	ck_assert_ptr_null(gql_cache_get(c, "{ dog { a000: name }", 20));
	/* put() of a text cached already keeps the cached document. */
	snprintf(q, sizeof(q), "{ dog { a%03u: name } }", 7);
	{
		struct gql_limits	 pl = GQL_LIMITS_DEFAULT;
		struct gql_error	 err;
		struct gql_ast_document	*doc;
		struct gql_cache_entry	*x;

		doc = gql_parse_document(q, strlen(q), &pl, &err);
		x = gql_cache_put(c, q, strlen(q), doc);
		ck_assert_ptr_eq(x, e[7]);
		gql_cache_release(x);
	}
	gql_cache_free(c);
}
END_TEST

int
main(void)
{
	struct gql_error	 err;
	Suite			*s = suite_create("gql_cache");
	TCase			*tc = tcase_create("cache");
	int			 rc;

	if ((schema = gql_schema_load(TEST_SCHEMA, &err)) == NULL) {
		fprintf(stderr, "%s: %s\n", TEST_SCHEMA, err.message);
		return EXIT_FAILURE;
	}
	tcase_add_test(tc, siphash_vectors);
	tcase_add_test(tc, parse_error_quoting_nul_is_whole);
	tcase_add_test(tc, hit_and_miss);
	tcase_add_test(tc, only_valid_documents);
	tcase_add_test(tc, evict_by_count);
	tcase_add_test(tc, evict_by_bytes);
	tcase_add_test(tc, references_outlive_eviction);
	tcase_add_test(tc, texts_never_share_entries);
	tcase_add_test(tc, aux_goes_with_its_entry);
	suite_add_tcase(s, tc);
	rc = unit_run(s);
	gql_schema_free(schema);
	return rc;
}
