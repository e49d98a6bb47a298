/*
 * test_gql_validate.c: validation against graphql-js 16.15 and the query
 * limits. Every rule has documents with graphql-js's exact errors
 * (messages, locations, order) in test_gql_validate_cases.c; every
 * document of the differential corpus (tests/graphql/corpus) that parses
 * gets graphql-js's verdict and errors from tests/graphql/expected.jsonl;
 * then the API (return values, error kinds, limits structure), each limit
 * with its message, the custom scalar hook, and hostile documents
 * (fragment cycles and chains, 100k aliases, deep nesting, fragment
 * fan-out, pairwise fragment comparisons) in bounded time; and the errors
 * themselves: whole messages and every location (struct gql_error used to
 * keep 512 bytes and 8 locations), within an error list's byte budget.
 */
#include "config.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/buf.h"
#include "common/util.h"
#include "graphql/gql_arena.h"
#include "graphql/gql_parse.h"
#include "graphql/gql_schema.h"
#include "graphql/gql_validate.h"
#include "unit.h"

#include "test_gql_validate_cases.c"

#define TEST_SCHEMA	TOP_SRCDIR "/tests/graphql/schema.graphql"
#define CORPUS_DIR	TOP_SRCDIR "/tests/graphql/corpus"
#define CORPUS_EXPECTED	TOP_SRCDIR "/tests/graphql/expected.jsonl"

/* Hostile documents must be judged within this (sanitizers included). */
#define HOSTILE_US	(10 * 1000 * 1000)

static struct gql_schema	*schema;

/* The corpus: file names and expected errors (none: a valid document). */
struct corpus_doc {
	char		*file;
	int		 invalid;
	struct vexp	*errs;
	unsigned	 nerrs;
};

static struct corpus_doc	*corpus;
static size_t			 ncorpus;

static int	 test_hook(void *, const struct gql_type *,
		    const struct gql_ast_value *, struct buf *);
static int	 long_hook(void *, const struct gql_type *,
		    const struct gql_ast_value *, struct buf *);
static struct gql_ast_document *test_parse(const char *, size_t);
static int	 test_validate(const char *, const struct gql_validate_limits *,
		    struct gql_errors *);
static int	 test_same(const char *, const struct gql_errors *,
		    const struct vexp *, unsigned, char *, size_t);
static void	 corpus_loc(struct gql_loc *, json_t *);
static void	 corpus_load(void);

/* Date and Odd check literals as tests/graphql/reference.mjs has them. */
static int
test_hook(void *arg, const struct gql_type *t, const struct gql_ast_value *v,
    struct buf *why)
{
	long long	n;
	int		i, ok = 1;

	(void)arg;
	if (strcmp(t->name, "Date") == 0) {
		if (v->kind != GQL_VALUE_STRING || v->len != 10)
			ok = 0;
		for (i = 0; ok && i < 10; i++) {
			if (i == 4 || i == 7)
				ok = v->str[i] == '-';
			else
				ok = v->str[i] >= '0' && v->str[i] <= '9';
		}
		if (!ok)
			buf_adds(why, "Date must be a string of the form "
			    "YYYY-MM-DD");
		return ok ? 0 : -1;
	}
	if (strcmp(t->name, "Odd") == 0) {
		ok = v->kind == GQL_VALUE_INT && v->len <= 11;
		n = ok ? strtoll(v->str, NULL, 10) : 0;
		if (!ok || n < -2147483648LL || n > 2147483647LL ||
		    n % 2 == 0) {
			buf_adds(why, "Odd must be an odd 32-bit integer");
			return -1;
		}
	}
	return 0;
}

/* Refuses every literal with 3000 letters, a NUL and a 'z'. */
static int
long_hook(void *arg, const struct gql_type *t, const struct gql_ast_value *v,
    struct buf *why)
{
	int	i;

	(void)arg;
	(void)t;
	(void)v;
	for (i = 0; i < 3000; i++)
		buf_addc(why, (char)('a' + i % 26));
	buf_add(why, "\0z", 2);
	return -1;
}

static struct gql_ast_document *
test_parse(const char *src, size_t len)
{
	struct gql_limits	 pl = { 0, 0, 0 };
	struct gql_error	 err;
	struct gql_ast_document	*doc;

	doc = gql_parse_document(src, len, &pl, &err);
	ck_assert_msg(doc != NULL, "syntax error: %s", err.message);
	return doc;
}

/* Validate a document with the hook; 0 or -1 as gql_validate(). */
static int
test_validate(const char *src, const struct gql_validate_limits *lim,
    struct gql_errors *out)
{
	static const struct gql_literal_hook	 hook = { test_hook, NULL };
	struct gql_ast_document			*doc;
	int					 rc;

	doc = test_parse(src, strlen(src));
	rc = gql_validate_with(schema, doc, lim, &hook, out);
	gql_ast_document_free(doc);
	ck_assert_int_eq(rc, out->count > 0 ? -1 : 0);
	return rc;
}

/* Whether errors are graphql-js's; if not, say why in `why`. */
static int
test_same(const char *name, const struct gql_errors *out,
    const struct vexp *exp, unsigned n, char *why, size_t len)
{
	const struct gql_error	*e = out->first;
	const struct gql_loc	*want;
	unsigned		 i, k;

	if (out->count != n) {
		snprintf(why, len, "%s: %u errors, expected %u (first: %s)",
		    name, out->count, n, e != NULL ? e->message : "-");
		return 0;
	}
	for (i = 0; i < n; i++, e = e->next) {
		if (strcmp(e->message, exp[i].msg) != 0 ||
		    e->msglen != strlen(e->message)) {
			snprintf(why, len, "%s: error %u is\n  %s\nexpected\n  "
			    "%s", name, i, e->message, exp[i].msg);
			return 0;
		}
		if (e->nlocs != exp[i].nlocs) {
			snprintf(why, len, "%s: error %u has %u locations, "
			    "expected %u", name, i, e->nlocs, exp[i].nlocs);
			return 0;
		}
		want = exp[i].all != NULL ? exp[i].all : exp[i].locs;
		for (k = 0; k < e->nlocs; k++) {
			if (e->locs[k].line == want[k].line &&
			    e->locs[k].column == want[k].column)
				continue;
			snprintf(why, len, "%s: error %u location %u is %u:%u, "
			    "expected %u:%u", name, i, k, e->locs[k].line,
			    e->locs[k].column, want[k].line, want[k].column);
			return 0;
		}
	}
	return 1;
}

/*
 * Every document of test_gql_validate_cases.c (one test: forking a test
 * per document costs minutes under the sanitizers).
 */
START_TEST(cases_match_graphql_js)
{
	static const struct gql_validate_limits	 js = GQL_VALIDATE_LIMITS_JS;
	struct gql_errors			 out = GQL_ERRORS_INIT;
	char					 why[2048], first[2048];
	size_t					 i, bad = 0;

	for (i = 0; i < nvcases; i++) {
		test_validate(vcases[i].doc, &js, &out);
		if (!test_same(vcases[i].name, &out, vcases[i].errs,
		    vcases[i].nerrs, why, sizeof(why))) {
			fprintf(stderr, "# %s\n", why);
			if (bad++ == 0)
				snprintf(first, sizeof(first), "%s", why);
		}
		gql_errors_free(&out);
	}
	ck_assert_msg(bad == 0, "%zu of %zu documents differ; %s", bad,
	    nvcases, first);
}
END_TEST

static void
corpus_loc(struct gql_loc *loc, json_t *l)
{
	loc->line = json_integer_value(json_object_get(l, "line"));
	loc->column = json_integer_value(json_object_get(l, "column"));
}

static void
corpus_load(void)
{
	static char	 buf[1 << 20];
	json_t		*line, *errs, *e, *locs, *l;
	struct gql_loc	*all;
	json_error_t	 jerr;
	FILE		*f;
	const char	*phase;
	size_t		 i, k;

	if ((f = fopen(CORPUS_EXPECTED, "r")) == NULL)
		return;
	corpus = calloc(4096, sizeof(*corpus));
	while (fgets(buf, sizeof(buf), f) != NULL && ncorpus < 4096) {
		if ((line = json_loads(buf, 0, &jerr)) == NULL)
			continue;	/* a line longer than buf: skip it */
		phase = json_string_value(json_object_get(line, "phase"));
		if (phase != NULL && (strcmp(phase, "validation") == 0 ||
		    strcmp(phase, "execution") == 0)) {
			struct corpus_doc *d = &corpus[ncorpus++];

			d->file = strdup(json_string_value(json_object_get(line,
			    "file")));
			d->invalid = strcmp(phase, "validation") == 0;
			errs = json_object_get(line, "errors");
			d->nerrs = d->invalid ? json_array_size(errs) : 0;
			d->errs = calloc(d->nerrs + 1, sizeof(*d->errs));
			json_array_foreach(d->invalid ? errs : NULL, i, e) {
				d->errs[i].msg = strdup(json_string_value(
				    json_object_get(e, "message")));
				locs = json_object_get(e, "locations");
				all = calloc(json_array_size(locs) + 1,
				    sizeof(*all));
				json_array_foreach(locs, k, l)
					corpus_loc(&all[k], l);
				d->errs[i].all = all;
				d->errs[i].nlocs = json_array_size(locs);
			}
		}
		json_decref(line);
	}
	fclose(f);
}

/* One corpus document; 1 if it gets graphql-js's errors, else 0 + why. */
static int
corpus_check(const struct corpus_doc *d, char *why, size_t len)
{
	static const struct gql_validate_limits	 js = GQL_VALIDATE_LIMITS_JS;
	static const struct gql_literal_hook	 hook = { test_hook, NULL };
	struct gql_errors			 out = GQL_ERRORS_INIT;
	struct gql_ast_document			*doc;
	char					 path[1024];
	char					*src;
	size_t					 n;
	FILE					*f;
	int					 ok;

	snprintf(path, sizeof(path), "%s/%s", CORPUS_DIR, d->file);
	if ((f = fopen(path, "rb")) == NULL) {
		snprintf(why, len, "%s: cannot open", d->file);
		return 0;
	}
	src = malloc(4 << 20);
	n = fread(src, 1, 4 << 20, f);
	fclose(f);
	doc = test_parse(src, n);
	gql_validate_with(schema, doc, &js, &hook, &out);
	ok = test_same(d->file, &out, d->errs, d->nerrs, why, len);
	gql_errors_free(&out);
	gql_ast_document_free(doc);
	free(src);
	return ok;
}

/* Every corpus document that parses (one test, as above). */
START_TEST(corpus_matches_graphql_js)
{
	char	why[2048], first[2048];
	size_t	i, bad = 0;

	ck_assert_msg(ncorpus > 300, "only %zu corpus documents", ncorpus);
	for (i = 0; i < ncorpus; i++) {
		if (corpus_check(&corpus[i], why, sizeof(why)))
			continue;
		fprintf(stderr, "# %s\n", why);
		if (bad++ == 0)
			snprintf(first, sizeof(first), "%s", why);
	}
	ck_assert_msg(bad == 0, "%zu of %zu corpus documents differ; %s", bad,
	    ncorpus, first);
}
END_TEST

/* A hook's message is taken whole: no fixed buffer cuts it, nor a NUL. */
START_TEST(literal_hook_message_is_whole)
{
	static const struct gql_literal_hook	 hook = { long_hook, NULL };
	static const char			 head[] = "Expected value of "
						     "type \"Date\", found "
						     "\"x\"; abc";
	struct gql_errors			 out = GQL_ERRORS_INIT;
	struct gql_ast_document			*doc;
	const char				*q = "{ date(value: \"x\") }";

	doc = test_parse(q, strlen(q));
	ck_assert_int_eq(gql_validate_with(schema, doc, NULL, &hook, &out), -1);
	ck_assert_uint_eq(out.count, 1);
	/* the head ends in the hook's first 3 letters */
	ck_assert_uint_eq(out.first->msglen, sizeof(head) - 1 - 3 + 3000 + 2);
	ck_assert(memcmp(out.first->message, head, sizeof(head) - 1) == 0);
	ck_assert(memcmp(out.first->message + out.first->msglen - 3, "j\0z",
	    3) == 0);
	gql_errors_free(&out);
	gql_ast_document_free(doc);
}
END_TEST

START_TEST(api_valid_and_invalid)
{
	struct gql_errors	 out = GQL_ERRORS_INIT;
	struct gql_ast_document	*doc;

	ck_assert_int_eq(test_validate("{ dog { name } }", NULL, &out), 0);
	ck_assert_uint_eq(out.count, 0);
	ck_assert_int_eq(test_validate("{ dog { xyzzy } }", NULL, &out), -1);
	ck_assert_uint_eq(out.count, 1);
	ck_assert_int_eq(out.first->kind, GQL_ERR_VALIDATION);
	ck_assert_str_eq(out.first->message,
	    "Cannot query field \"xyzzy\" on type \"Dog\".");
	/* Errors are appended to what the list holds. */
	ck_assert_int_eq(test_validate("{ cat }", NULL, &out), -1);
	ck_assert_uint_eq(out.count, 2);
	gql_errors_free(&out);
	/* gql_validate(): no hook, so any literal fits a custom scalar. */
	doc = test_parse("{ date(value: 1) odd(value: 2) }", 32);
	ck_assert_int_eq(gql_validate(schema, doc, NULL, &out), 0);
	gql_ast_document_free(doc);
}
END_TEST

START_TEST(scalar_hook)
{
	static const struct gql_validate_limits	 js = GQL_VALIDATE_LIMITS_JS;
	struct gql_errors			 out = GQL_ERRORS_INIT;

	test_validate("{ date(value: \"2021-10-01\") odd(value: -7) "
	    "echo(json: [1, {a: RED}]) }", &js, &out);
	ck_assert_uint_eq(out.count, 0);
	test_validate("{ date(value: \"2021-1-1\") echo(date: [\"x\"]) }", &js,
	    &out);
	ck_assert_uint_eq(out.count, 2);
	ck_assert_str_eq(out.first->message, "Expected value of type "
	    "\"Date\", found \"2021-1-1\"; Date must be a string of the form "
	    "YYYY-MM-DD");
	ck_assert_uint_eq(out.first->locs[0].column, 15);
	ck_assert_str_eq(out.last->message, "Expected value of type "
	    "\"Date\", found [\"x\"]; Date must be a string of the form "
	    "YYYY-MM-DD");
	gql_errors_free(&out);
}
END_TEST

START_TEST(max_errors)
{
	struct gql_validate_limits	 lim = GQL_VALIDATE_LIMITS_JS;
	struct gql_errors		 out = GQL_ERRORS_INIT;
	const char			*doc = "{ dog { a b c d e } }";

	lim.max_errors = 3;
	test_validate(doc, &lim, &out);
	ck_assert_uint_eq(out.count, 4);
	ck_assert_str_eq(out.last->message, "Too many validation errors, "
	    "error limit reached. Validation aborted.");
	ck_assert_uint_eq(out.last->nlocs, 0);
	gql_errors_free(&out);
	lim.max_errors = 0;
	test_validate(doc, &lim, &out);
	ck_assert_uint_eq(out.count, 5);
	gql_errors_free(&out);
}
END_TEST

/* A document whose fields nest `depth` levels: { deep { deep { level } } }. */
static char *
deep_doc(int depth)
{
	struct buf	b = BUF_INIT;
	int		i;

	buf_adds(&b, "{ ");
	for (i = 1; i < depth; i++)
		buf_adds(&b, "deep { ");
	buf_adds(&b, "level ");
	for (i = 1; i < depth; i++)
		buf_adds(&b, "} ");
	buf_adds(&b, "}");
	return buf_detach(&b, NULL);
}

START_TEST(max_depth)
{
	struct gql_validate_limits	 lim = GQL_VALIDATE_LIMITS_DEFAULT;
	struct gql_errors		 out = GQL_ERRORS_INIT;
	char				*doc;

	doc = deep_doc(32);
	ck_assert_int_eq(test_validate(doc, &lim, &out), 0);
	free(doc);
	doc = deep_doc(33);
	ck_assert_int_eq(test_validate(doc, NULL, &out), -1);
	ck_assert_uint_eq(out.count, 1);
	ck_assert_int_eq(out.first->kind, GQL_ERR_LIMIT);
	ck_assert_str_eq(out.first->message, "Query is too deep: its fields "
	    "nest 33 levels, more than the maximum depth of 32.");
	ck_assert_uint_eq(out.first->locs[0].line, 1);
	ck_assert_uint_eq(out.first->locs[0].column, 1);
	gql_errors_free(&out);
	lim.max_depth = 0;
	ck_assert_int_eq(test_validate(doc, &lim, &out), 0);
	free(doc);
	/* Through fragments and an inline fragment: 11 levels. */
	lim.max_depth = 10;
	test_validate("{ ...A } fragment A on Query { deep { ...B } } "
	    "fragment B on Deep { deep { deep { ...C } } } fragment C on Deep "
	    "{ deep { deep { deep { ... on Deep { deep { deep { deep { deep { "
	    "level } } } } } } } } }", &lim, &out);
	ck_assert_uint_eq(out.count, 1);
	ck_assert_str_eq(out.first->message, "Query is too deep: its fields "
	    "nest 11 levels, more than the maximum depth of 10.");
	gql_errors_free(&out);
}
END_TEST

/* { dog { a0: name a1: name ... } }: n aliases, n + 1 selections. */
static char *
alias_doc(int n)
{
	struct buf	b = BUF_INIT;
	int		i;

	buf_adds(&b, "{ dog { ");
	for (i = 0; i < n; i++)
		buf_addf(&b, "a%d: name ", i);
	buf_adds(&b, "} }");
	return buf_detach(&b, NULL);
}

START_TEST(max_fields)
{
	struct gql_validate_limits	 lim = GQL_VALIDATE_LIMITS_DEFAULT;
	struct gql_errors		 out = GQL_ERRORS_INIT;
	char				*doc;

	doc = alias_doc(9999);
	ck_assert_int_eq(test_validate(doc, &lim, &out), 0);
	free(doc);
	doc = alias_doc(10000);
	ck_assert_int_eq(test_validate(doc, &lim, &out), -1);
	ck_assert_int_eq(out.first->kind, GQL_ERR_LIMIT);
	ck_assert_str_eq(out.first->message, "Query is too large: it makes "
	    "more than 10000 selections once fragments are expanded, the "
	    "maximum number of fields.");
	gql_errors_free(&out);
	free(doc);
	/* Spreads merge as execution merges them: 3^30 spread, ~2k seen. */
	lim.max_depth = 0;
	doc = NULL;
	{
		struct buf	b = BUF_INIT;
		int		i;

		buf_adds(&b, "{ dog { ...F0 } }\n");
		for (i = 0; i < 30; i++)
			buf_addf(&b, "fragment F%d on Dog { name ...F%d ...F%d "
			    "owner { pets { ...F%d } } }\n", i, i + 1, i + 1,
			    i + 1);
		buf_adds(&b, "fragment F30 on Dog { name }\n");
		doc = buf_detach(&b, NULL);
	}
	ck_assert_int_eq(test_validate(doc, &lim, &out), 0);
	lim.max_fields = 1000;
	ck_assert_int_eq(test_validate(doc, &lim, &out), -1);
	ck_assert_int_eq(out.first->kind, GQL_ERR_LIMIT);
	gql_errors_free(&out);
	free(doc);
}
END_TEST

START_TEST(max_introspection_depth)
{
	struct gql_validate_limits	 lim = GQL_VALIDATE_LIMITS_DEFAULT;
	struct gql_errors		 out = GQL_ERRORS_INIT;
	const char			*doc = "{ __schema { types { fields { "
					    "type { fields { type { fields { "
					    "name } } } } } } } }";

	test_validate(doc, &lim, &out);
	ck_assert_uint_eq(out.count, 1);
	ck_assert_str_eq(out.first->message,
	    "Maximum introspection depth exceeded");
	ck_assert_uint_eq(out.first->locs[0].column, 3);
	gql_errors_free(&out);
	lim.max_introspection_depth = 4;
	ck_assert_int_eq(test_validate(doc, &lim, &out), 0);
	lim.max_introspection_depth = 2;
	ck_assert_int_eq(test_validate("{ __type(name: \"Dog\") { fields { "
	    "name } interfaces { name } } }", &lim, &out), 0);
	ck_assert_int_eq(test_validate("{ __type(name: \"Dog\") { fields { "
	    "type { interfaces { name } } } } }", &lim, &out), -1);
	gql_errors_free(&out);
	lim.max_introspection_depth = 0;
	ck_assert_int_eq(test_validate(doc, &lim, &out), 0);
}
END_TEST

/* Parse and validate a hostile document; return its first error. */
static char *
hostile(struct buf *b, const struct gql_validate_limits *lim,
    enum gql_error_kind *kind)
{
	struct gql_errors	 out = GQL_ERRORS_INIT;
	struct gql_ast_document	*doc;
	uint64_t		 t0;
	char			*msg = NULL;

	doc = test_parse(b->data, b->len);
	t0 = util_mono_us();
	gql_validate(schema, doc, lim, &out);
	ck_assert_msg(util_mono_us() - t0 < HOSTILE_US, "took %llu us",
	    (unsigned long long)(util_mono_us() - t0));
	if (out.first != NULL) {
		msg = strdup(out.first->message);
		*kind = out.first->kind;
	}
	gql_errors_free(&out);
	gql_ast_document_free(doc);
	buf_reset(b);
	return msg;
}

START_TEST(hostile_aliases_and_nesting)
{
	static const struct gql_validate_limits	 js = GQL_VALIDATE_LIMITS_JS;
	enum gql_error_kind			 kind = GQL_ERR_SYNTAX;
	struct buf				 b = BUF_INIT;
	char					*msg, *doc;
	int					 i;

	doc = alias_doc(100000);
	buf_adds(&b, doc);
	free(doc);
	msg = hostile(&b, NULL, &kind);
	ck_assert_ptr_nonnull(msg);
	ck_assert_int_eq(kind, GQL_ERR_LIMIT);
	free(msg);
	/* 100k copies of one field: graphql-js's merge budget stops it. */
	buf_adds(&b, "{ dog { ");
	for (i = 0; i < 100000; i++)
		buf_adds(&b, "name ");
	buf_adds(&b, "} }");
	msg = hostile(&b, &js, &kind);
	ck_assert_str_eq(msg, "Validation aborted: comparing fields for "
	    "merging needs more than 500000 steps.");
	free(msg);
	doc = deep_doc(2000);
	buf_adds(&b, doc);
	free(doc);
	ck_assert_ptr_null(hostile(&b, &js, &kind));
	buf_free(&b);
}
END_TEST

START_TEST(hostile_fragments)
{
	static const struct gql_validate_limits	 js = GQL_VALIDATE_LIMITS_JS;
	enum gql_error_kind			 kind = GQL_ERR_SYNTAX;
	struct buf				 b = BUF_INIT;
	char					*msg;
	int					 i;

	/* A cycle through 20000 fragments. */
	buf_adds(&b, "{ dog { ...F0 } }\n");
	for (i = 0; i < 20000; i++)
		buf_addf(&b, "fragment F%d on Dog { ...F%d }\n", i,
		    (i + 1) % 20000);
	msg = hostile(&b, NULL, &kind);
	ck_assert_msg(strncmp(msg, "Cannot spread fragment \"F0\" within "
	    "itself via \"F1\", \"F2\", ", 58) == 0, "%s", msg);
	free(msg);
	/* A chain as long: beyond the recursion guard, with the limits. */
	buf_adds(&b, "{ dog { ...F0 } }\n");
	for (i = 0; i < 20000; i++)
		buf_addf(&b, "fragment F%d on Dog { ...F%d }\n", i, i + 1);
	buf_adds(&b, "fragment F20000 on Dog { name }\n");
	msg = hostile(&b, NULL, &kind);
	ck_assert_int_eq(kind, GQL_ERR_LIMIT);
	free(msg);
	/* 1000 fragments compared pairwise: the merge budget. */
	buf_adds(&b, "{ dog { ");
	for (i = 0; i < 1000; i++)
		buf_addf(&b, "...F%d ", i);
	buf_adds(&b, "} }\n");
	for (i = 0; i < 1000; i++)
		buf_addf(&b, "fragment F%d on Dog { name x: barkVolume }\n", i);
	msg = hostile(&b, &js, &kind);
	ck_assert_int_eq(kind, GQL_ERR_LIMIT);
	free(msg);
	/* Fan-out 2^40 below distinct keys: graphql-js's memo keeps it
	 * linear; the size limit rejects it. */
	buf_adds(&b, "{ dog { ...F0 } }\n");
	for (i = 0; i < 40; i++)
		buf_addf(&b, "fragment F%d on Dog { a: owner { pets { ... on "
		    "Dog { ...F%d } } } b: owner { pets { ... on Dog { ...F%d "
		    "} } } }\n", i, i + 1, i + 1);
	buf_adds(&b, "fragment F40 on Dog { name }\n");
	ck_assert_ptr_null(hostile(&b, &js, &kind));
	buf_adds(&b, "{ dog { ...F0 } }\n");
	for (i = 0; i < 40; i++)
		buf_addf(&b, "fragment F%d on Dog { a: owner { pets { ... on "
		    "Dog { ...F%d } } } b: owner { pets { ... on Dog { ...F%d "
		    "} } } }\n", i, i + 1, i + 1);
	buf_adds(&b, "fragment F40 on Dog { name }\n");
	{
		struct gql_validate_limits lim = GQL_VALIDATE_LIMITS_DEFAULT;

		lim.max_depth = 0;
		msg = hostile(&b, &lim, &kind);
	}
	ck_assert_str_eq(msg, "Query is too large: it makes more than 10000 "
	    "selections once fragments are expanded, the maximum number of "
	    "fields.");
	free(msg);
	buf_free(&b);
}
END_TEST

/* Whether s[0..n) is well-formed UTF-8 (a cut message must stay so). */
static int
utf8_ok(const char *s, size_t n)
{
	size_t		i = 0, k, len;
	unsigned char	c;

	while (i < n) {
		c = (unsigned char)s[i];
		len = c < 0x80 ? 1 : (c & 0xe0) == 0xc0 ? 2 :
		    (c & 0xf0) == 0xe0 ? 3 : (c & 0xf8) == 0xf0 ? 4 : 0;
		if (len == 0 || i + len > n)
			return 0;
		for (k = 1; k < len; k++)
			if (((unsigned char)s[i + k] & 0xc0) != 0x80)
				return 0;
		i += len;
	}
	return 1;
}

/* gql_error owns its message and locations; set replaces, free releases. */
START_TEST(errors_own_whole_messages_and_locations)
{
	struct gql_error	 err, *c;
	struct gql_arena	*a;
	struct buf		 b = BUF_INIT;
	uint32_t		 i;

	gql_error_clear(&err);
	ck_assert_str_eq(err.message, "");
	ck_assert_uint_eq(err.msglen, 0);
	ck_assert_uint_eq(err.nlocs, 0);
	ck_assert_uint_eq(err.locs[0].line, 0);	/* readable when empty */
	gql_error_free(&err);
	gql_error_free(NULL);
	gql_error_set(&err, GQL_ERR_SYNTAX, (struct gql_loc){ 1, 2 },
	    "first %d", 1);
	ck_assert_str_eq(err.message, "first 1");
	ck_assert_uint_eq(err.nlocs, 1);
	gql_error_set(&err, GQL_ERR_EXECUTION, GQL_LOC_NONE, "second");
	ck_assert_str_eq(err.message, "second");
	ck_assert_int_eq(err.kind, GQL_ERR_EXECUTION);
	ck_assert_uint_eq(err.nlocs, 0);
	for (i = 1; i <= 1000; i++)
		gql_error_add_loc(&err, (struct gql_loc){ i, i + 1 });
	gql_error_add_loc(&err, GQL_LOC_NONE);
	ck_assert_uint_eq(err.nlocs, 1000);
	ck_assert_uint_eq(err.locs[999].line, 1000);
	ck_assert_uint_eq(err.locs[999].column, 1001);
	/* A copy in an arena outlives the original. */
	a = gql_arena_new(0);
	c = gql_error_arena_copy(a, &err);
	gql_error_free(&err);
	ck_assert_str_eq(err.message, "");
	ck_assert_str_eq(c->message, "second");
	ck_assert_uint_eq(c->nlocs, 1000);
	ck_assert_uint_eq(c->locs[500].line, 501);
	gql_arena_free(a);
	/* A message from a buffer: taken whole, NULs included. */
	buf_add(&b, "a\0b", 3);
	gql_error_set_buf(&err, GQL_ERR_SYNTAX, (struct gql_loc){ 3, 4 }, &b);
	ck_assert_uint_eq(b.len, 0);
	ck_assert_uint_eq(err.msglen, 3);
	ck_assert_int_eq(memcmp(err.message, "a\0b", 4), 0);
	ck_assert_uint_eq(err.locs[0].column, 4);
	gql_error_free(&err);
	/* An error outside a list has no budget: 5 MB stay whole. */
	for (i = 0; i < 5 * 1024 * 1024; i++)
		buf_addc(&b, 'm');
	gql_error_set_buf(&err, GQL_ERR_SYNTAX, GQL_LOC_NONE, &b);
	ck_assert_uint_eq(err.msglen, 5 * 1024 * 1024);
	ck_assert_uint_eq(strlen(err.message), 5 * 1024 * 1024);
	gql_error_free(&err);
	buf_free(&b);
}
END_TEST

/*
 * The errors of one list hold at most GQL_ERRORS_BYTES_MAX bytes: past
 * that a message is cut to GQL_ERROR_MSG_MIN bytes, before a whole UTF-8
 * character, and an error keeps only its first location.
 */
START_TEST(error_lists_have_a_byte_budget)
{
	struct gql_errors	 list = GQL_ERRORS_INIT;
	struct gql_error	*e;
	struct buf		 b = BUF_INIT;
	size_t			 i, room;

	for (i = 0; i < 3 * 1024 * 1024; i++)
		buf_addc(&b, 'a');
	e = gql_errors_add_buf(&list, GQL_ERR_VALIDATION,
	    (struct gql_loc){ 1, 1 }, &b);
	ck_assert_uint_eq(e->msglen, 3 * 1024 * 1024);
	ck_assert_uint_eq(list.bytes, 3 * 1024 * 1024 + GQL_ERRORS_LOC_COST);
	/* 2 MB of two-byte characters after one byte: cut mid-character. */
	room = GQL_ERRORS_BYTES_MAX - list.bytes;
	buf_addc(&b, '"');
	for (i = 0; i < 1024 * 1024; i++)
		buf_add(&b, "\xc3\xa9", 2);
	e = gql_errors_add_buf(&list, GQL_ERR_VALIDATION,
	    (struct gql_loc){ 2, 1 }, &b);
	ck_assert_uint_le(e->msglen, room);
	ck_assert_uint_ge(e->msglen, room - 1);
	ck_assert_str_eq(e->message + e->msglen - 3, "...");
	ck_assert(utf8_ok(e->message, e->msglen));
	ck_assert_uint_eq(strlen(e->message), e->msglen);
	ck_assert_uint_eq(e->nlocs, 1);
	/* Spent: short messages stay whole, long ones keep the minimum. */
	e = gql_errors_add(&list, GQL_ERR_VALIDATION, (struct gql_loc){ 3, 1 },
	    "short");
	ck_assert_str_eq(e->message, "short");
	for (i = 0; i < 10; i++)
		gql_error_add_loc(e, (struct gql_loc){ 4, 1 });
	ck_assert_uint_eq(e->nlocs, 1);
	ck_assert_uint_eq(e->locs[0].line, 3);
	for (i = 0; i < 1000; i++)
		buf_add(&b, "\xe2\x82\xac", 3);	/* three-byte characters */
	e = gql_errors_add_buf(&list, GQL_ERR_VALIDATION, GQL_LOC_NONE, &b);
	ck_assert_uint_le(e->msglen, GQL_ERROR_MSG_MIN);
	ck_assert_uint_ge(e->msglen, GQL_ERROR_MSG_MIN - 2);
	ck_assert_str_eq(e->message + e->msglen - 3, "...");
	ck_assert(utf8_ok(e->message, e->msglen));
	ck_assert_uint_eq(list.count, 4);
	ck_assert_uint_le(list.bytes, GQL_ERRORS_BYTES_MAX + 2 *
	    (GQL_ERROR_MSG_MIN + GQL_ERRORS_LOC_COST));
	gql_errors_free(&list);
	ck_assert_uint_eq(list.bytes, 0);
	ck_assert_uint_eq(list.count, 0);
	/* An emptied list has its whole budget again. */
	for (i = 0; i < 1024; i++)
		buf_addc(&b, 'z');
	e = gql_errors_add_buf(&list, GQL_ERR_VALIDATION, GQL_LOC_NONE, &b);
	ck_assert_uint_eq(e->msglen, 1024);
	gql_errors_free(&list);
	buf_free(&b);
}
END_TEST

/*
 * Validation errors with hundreds of locations and messages of tens of
 * kilobytes come out whole, as graphql-js writes them.
 */
START_TEST(validation_keeps_every_location_and_message)
{
	struct gql_errors	 out = GQL_ERRORS_INIT;
	struct buf		 doc = BUF_INIT, want = BUF_INIT;
	char			 name[128];
	uint32_t		 i, col = 7;

	/* UniqueArgumentNames: one error at all 300 arguments. */
	buf_adds(&doc, "{ int(");
	for (i = 0; i < 300; i++)
		buf_addf(&doc, "value: %u ", i);
	buf_adds(&doc, ") }");
	ck_assert_int_eq(test_validate(buf_cstr(&doc), NULL, &out), -1);
	ck_assert_uint_eq(out.count, 1);
	ck_assert_str_eq(out.first->message,
	    "There can be only one argument named \"value\".");
	ck_assert_uint_eq(out.first->nlocs, 300);
	for (i = 0; i < 300; i++) {
		ck_assert_uint_eq(out.first->locs[i].column, col);
		col += 9 + (i >= 10) + (i >= 100);
	}
	gql_errors_free(&out);
	/* NoFragmentCycles: 200 fragments with 100-character names. */
	buf_reset(&doc);
	buf_adds(&doc, "{ dog { ...F000");
	memset(name, 'n', 96);
	name[96] = '\0';
	buf_addf(&doc, "%s } }\n", name);
	buf_addf(&want, "Cannot spread fragment \"F000%s\" within itself via ",
	    name);
	for (i = 0; i < 200; i++) {
		buf_addf(&doc, "fragment F%03u%s on Dog { name ...F%03u%s }\n",
		    i, name, (i + 1) % 200, name);
		if (i > 0)
			buf_addf(&want, "%s\"F%03u%s\"", i > 1 ? ", " : "", i,
			    name);
	}
	buf_addc(&want, '.');
	ck_assert_int_eq(test_validate(buf_cstr(&doc), NULL, &out), -1);
	ck_assert_uint_eq(out.count, 1);
	ck_assert_uint_gt(want.len, 20000);
	ck_assert_str_eq(out.first->message, buf_cstr(&want));
	ck_assert_uint_eq(out.first->nlocs, 200);
	ck_assert_uint_eq(out.first->locs[199].line, 201);
	gql_errors_free(&out);
	/* A 10 kB unknown field name, quoted whole. */
	buf_reset(&doc);
	buf_reset(&want);
	buf_adds(&doc, "{ dog { ");
	for (i = 0; i < 10000; i++)
		buf_addc(&doc, 'q');
	buf_adds(&doc, " } }");
	buf_addf(&want, "Cannot query field \"%.*s\" on type \"Dog\".", 10000,
	    doc.data + 8);
	ck_assert_int_eq(test_validate(buf_cstr(&doc), NULL, &out), -1);
	ck_assert_str_eq(out.first->message, buf_cstr(&want));
	gql_errors_free(&out);
	buf_free(&doc);
	buf_free(&want);
}
END_TEST

int
main(void)
{
	struct gql_error	 err;
	Suite			*s = suite_create("gql_validate");
	TCase			*tc = tcase_create("validate");
	int			 rc;
	size_t			 i, k;

	if ((schema = gql_schema_load(TEST_SCHEMA, &err)) == NULL) {
		fprintf(stderr, "%s: %s\n", TEST_SCHEMA, err.message);
		return EXIT_FAILURE;
	}
	corpus_load();
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, cases_match_graphql_js);
	tcase_add_test(tc, corpus_matches_graphql_js);
	tcase_add_test(tc, api_valid_and_invalid);
	tcase_add_test(tc, literal_hook_message_is_whole);
	tcase_add_test(tc, scalar_hook);
	tcase_add_test(tc, max_errors);
	tcase_add_test(tc, max_depth);
	tcase_add_test(tc, max_fields);
	tcase_add_test(tc, max_introspection_depth);
	tcase_add_test(tc, hostile_aliases_and_nesting);
	tcase_add_test(tc, hostile_fragments);
	tcase_add_test(tc, errors_own_whole_messages_and_locations);
	tcase_add_test(tc, error_lists_have_a_byte_budget);
	tcase_add_test(tc, validation_keeps_every_location_and_message);
	suite_add_tcase(s, tc);
	rc = unit_run(s);
	for (i = 0; i < ncorpus; i++) {
		for (k = 0; k < corpus[i].nerrs; k++) {
			free((char *)corpus[i].errs[k].msg);
			free((void *)corpus[i].errs[k].all);
		}
		free(corpus[i].errs);
		free(corpus[i].file);
	}
	free(corpus);
	gql_schema_free(schema);
	return rc;
}
