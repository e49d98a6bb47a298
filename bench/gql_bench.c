/*
 * gql_bench.c: how fast onionmsg's GraphQL engine handles the API's
 * documents, the C twin of bench/gql_bench_js.mjs (graphql-js): the same
 * cases and documents (bench/gql_docs/), the same schema
 * (src/api/schema.graphql), the same fixed data (bench/gql_docs/data.json,
 * every field reading its parent's property of its name; custom scalars
 * pass values through), the same three modes:
 *
 *   uncached: parse + validate + execute + the JSON response, per op;
 *   cached:   what a server does for a query text it has seen before: the
 *             document cache (gql_cache_fetch(): a keyed hash of the text
 *             and a comparison of the whole text), the plans kept with the
 *             entry (gql_cache_aux(), made by gql_prepare() at the first
 *             execution, as src/api does), execute + JSON, per op;
 *   prepared: the cached document and its plans already in hand (no
 *             look-up); execute + JSON per op. graphql-js's twin reuses
 *             its parsed document object.
 *
 * Each figure is the median of --runs runs (default 5) of about --seconds
 * seconds (default 1), after a warm-up run, as operations per wall-clock
 * second and per CPU second of this process (steadier on a busy machine).
 * Variables are parsed from the sidecar once and passed as values, as
 * the JS bench passes a parsed object (coercing them is per operation).
 * The data is turned into records once (struct bench_rec, one ready result
 * per field, as a C API keeps its data in structs); resolvers copy from
 * them, so the work measured is the engine's.
 *
 * --ops N runs exactly N operations of one case and mode in bench_loop()
 * and measures nothing, for instruction counts:
 *   valgrind --tool=callgrind --toggle-collect=bench_loop \
 *       bench/gql_bench --case send-message --mode cached --ops 2000
 * gives the instructions of 2000 operations (bench/run_gql_bench.sh
 * --callgrind does this for every case and mode).
 *
 * usage: gql_bench [--seconds S] [--runs N] [--json] [--docs DIR]
 *        [--schema FILE] [--case NAME] [--mode uncached|cached|prepared]
 *        [--ops N]
 * (--case and --mode measure one case or mode only, for profiling.)
 */
#include "config.h"

#include <err.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "common/buf.h"
#include "common/xmalloc.h"
#include "graphql/gql_arena.h"
#include "graphql/gql_cache.h"
#include "graphql/gql_exec.h"
#include "graphql/gql_json.h"
#include "graphql/gql_parse.h"
#include "graphql/gql_schema.h"
#include "graphql/gql_validate.h"

#define BENCH_DOCS	TOP_SRCDIR "/bench/gql_docs"
#define BENCH_SCHEMA	TOP_SRCDIR "/src/api/schema.graphql"
#define BENCH_RUNS_MAX	99
#define BENCH_NCASES	3
#define BENCH_NMODES	3

struct bench_rec;

enum bench_mode {
	BENCH_UNCACHED,
	BENCH_CACHED,
	BENCH_PREPARED,
};

struct bench_case {
	const char		*name;
	char			*text;
	size_t			 len;
	const struct gql_value	*vars;		/* parsed once, as the JS bench */
	char			*opname;
	struct bench_rec	*root;
	struct gql_ast_document	*doc;		/* the bench's own parse */
	struct gql_cache_entry	*entry;		/* prepared mode: held */
	const struct gql_prepared *prep;	/* ... and its plans */
	size_t			 bytes;
	double			 ops[BENCH_NMODES][2];	/* [mode][cpu] */
};

static const char *const bench_names[BENCH_NCASES] = {
	"send-message", "messages", "introspection",
};

static const char *const bench_modes[BENCH_NMODES] = {
	"uncached", "cached", "prepared",
};

static struct gql_schema	*schema;
static struct gql_cache		*cache;
static struct gql_arena		*arena;
static const struct gql_value	*data;
static struct buf		 out;

static char	*bench_slurp(const char *, size_t *, int);
static struct bench_rec *bench_rec(const struct gql_type *,
		    const struct gql_value *);
static void	 bench_resolve(const struct gql_resolve_info *,
		    struct gql_result *);
static void	 bench_output(const struct gql_value *, struct gql_result *,
		    const struct gql_field *);
static void	 bench_item(const struct gql_resolve_info *, void *, size_t,
		    struct gql_result *);
static void	 bench_load(struct bench_case *, const char *);
static const struct gql_prepared *bench_plans(struct gql_cache_entry *);
static void	 bench_plans_free(void *);
static size_t	 bench_once(struct bench_case *, enum bench_mode);
void		 bench_loop(struct bench_case *, enum bench_mode, long)
		    __attribute__((noinline));
static void	 bench_measure(struct bench_case *, enum bench_mode, double,
		    double *);
static double	 bench_now(clockid_t);
static double	 bench_median(double *, int);
static int	 bench_cmp(const void *, const void *);
static void	 bench_print(struct bench_case *, double, int, int);
static void	 bench_case_run(struct bench_case *, const char *, double,
		    int, long);

static const struct gql_exec_options options = {
	.default_resolve = bench_resolve,
};

static char *
bench_slurp(const char *path, size_t *len, int optional)
{
	FILE	*f;
	char	*p;
	long	 n;

	if ((f = fopen(path, "rb")) == NULL) {
		if (optional)
			return NULL;
		err(1, "%s", path);
	}
	if (fseek(f, 0, SEEK_END) == -1 || (n = ftell(f)) < 0 ||
	    fseek(f, 0, SEEK_SET) == -1)
		err(1, "%s", path);
	p = xmalloc((size_t)n + 1);
	if (n > 0 && fread(p, 1, (size_t)n, f) != (size_t)n)
		err(1, "%s", path);
	fclose(f);
	p[n] = '\0';
	*len = (size_t)n;
	return p;
}

/*
 * The fixed data as a C API would hold it: one record per object, with
 * each field's result ready at the field's index (like a struct member),
 * built once from data.json by following the schema's types. A resolver
 * is then a copy, and the work measured is the engine's.
 */
struct bench_rec {
	struct gql_result	 res[1];	/* [type->nfields] */
};

static struct bench_rec *
bench_rec(const struct gql_type *t, const struct gql_value *obj)
{
	struct bench_rec	*rec;
	uint32_t		 i;

	rec = gql_arena_calloc(arena, t->nfields ? t->nfields : 1,
	    sizeof(struct gql_result));
	for (i = 0; i < t->nfields; i++)
		bench_output(gql_value_getn(obj, t->fields[i].name,
		    t->fields[i].name_len), &rec->res[i], &t->fields[i]);
	return rec;
}

static void
bench_output(const struct gql_value *v, struct gql_result *r,
    const struct gql_field *f)
{
	const struct gql_type	*t = gql_typeref_named(f->type);
	struct bench_rec	**items;
	uint32_t		  i;

	if (v == NULL || v->kind == GQL_V_NULL)
		gql_result_null(r);
	else if (gql_type_is_leaf(t) && v->kind == GQL_V_STRING)
		gql_result_string(r, v->u.str.s, v->u.str.len);
	else if (gql_type_is_leaf(t) && v->kind == GQL_V_INT)
		gql_result_int(r, v->u.i);
	else if (gql_type_is_leaf(t))
		gql_result_value(r, v);
	else if (v->kind == GQL_V_LIST) {
		items = gql_arena_calloc(arena, v->count ? v->count : 1,
		    sizeof(*items));
		for (i = 0; i < v->count; i++)
			if (v->u.items[i].kind == GQL_V_OBJECT)
				items[i] = bench_rec(t, &v->u.items[i]);
		gql_result_list(r, items, v->count, bench_item);
	} else
		gql_result_object(r, bench_rec(t, v), NULL);
}

static void
bench_resolve(const struct gql_resolve_info *info, struct gql_result *r)
{
	const struct bench_rec	*rec = info->parent;

	*r = rec->res[info->field->index];
}

static void
bench_item(const struct gql_resolve_info *info, void *list, size_t i,
    struct gql_result *r)
{
	struct bench_rec	*rec = ((struct bench_rec **)list)[i];

	(void)info;
	if (rec == NULL)
		gql_result_null(r);
	else
		gql_result_object(r, rec, NULL);
}

static void
bench_load(struct bench_case *c, const char *dir)
{
	const struct gql_value	*side, *v;
	const struct gql_ast_operation *op;
	struct gql_errors	 errs = GQL_ERRORS_INIT;
	struct gql_error	 e;
	char			*path, *text, msg[128];
	size_t			 len;

	xasprintf(&path, "%s/%s.graphql", dir, c->name);
	c->text = bench_slurp(path, &c->len, 0);
	free(path);
	xasprintf(&path, "%s/%s.json", dir, c->name);
	if ((text = bench_slurp(path, &len, 1)) != NULL) {
		if ((side = gql_json_parse(text, len, arena, 0, msg,
		    sizeof(msg))) == NULL)
			errx(1, "%s: %s", path, msg);
		c->vars = gql_value_get(side, "variables");
		if ((v = gql_value_get(side, "operationName")) != NULL &&
		    v->kind == GQL_V_STRING)
			c->opname = xstrdup(v->u.str.s);
		free(text);
	}
	free(path);
	if ((c->doc = gql_parse_document(c->text, c->len, NULL, &e)) == NULL)
		errx(1, "%s: %s", c->name, e.message);
	if (gql_validate(schema, c->doc, NULL, &errs) != 0)
		errx(1, "%s: %s", c->name, errs.first->message);
	if ((op = gql_exec_operation(c->doc, c->opname, &e)) == NULL)
		errx(1, "%s: %s", c->name, e.message);
	c->root = bench_rec(gql_schema_root(schema, op->op), gql_value_get(data,
	    op->op == GQL_OP_MUTATION ? "Mutation" :
	    op->op == GQL_OP_SUBSCRIPTION ? "Subscription" : "Query"));
	c->bytes = bench_once(c, BENCH_UNCACHED);
	/* The cache's entry, with the plans kept with it (as src/api keeps
	 * them): cached mode finds it by its text, prepared mode holds it. */
	if ((c->entry = gql_cache_fetch(cache, c->text, c->len,
	    &errs)) == NULL)
		errx(1, "%s: not cached", c->name);
	if ((c->prep = bench_plans(c->entry)) == NULL)
		errx(1, "%s: not prepared", c->name);
	if (bench_once(c, BENCH_CACHED) != c->bytes ||
	    bench_once(c, BENCH_PREPARED) != c->bytes)
		errx(1, "%s: the modes' responses differ", c->name);
}

/* The plans kept with a cache entry, prepared at its first use. */
static const struct gql_prepared *
bench_plans(struct gql_cache_entry *entry)
{
	struct gql_prepared	*p;

	if ((p = gql_cache_aux(entry)) == NULL &&
	    (p = gql_prepare(schema, gql_cache_doc(entry), &options)) != NULL)
		gql_cache_set_aux(entry, p, bench_plans_free);
	return p;
}

static void
bench_plans_free(void *p)
{
	gql_prepared_free(p);
}

/* One operation; the response's size. Fails on any error, as the JS bench. */
static size_t
bench_once(struct bench_case *c, enum bench_mode mode)
{
	static const struct gql_limits	 lim = GQL_LIMITS_DEFAULT;
	const struct gql_ast_document	*doc = NULL;
	struct gql_ast_document		*parsed = NULL;
	struct gql_cache_entry		*entry = NULL;
	struct gql_errors		 errs = GQL_ERRORS_INIT;
	struct gql_request		 req;
	struct gql_error		 e;

	memset(&req, 0, sizeof(req));
	switch (mode) {
	case BENCH_UNCACHED:
		if ((doc = parsed = gql_parse_document(c->text, c->len, &lim,
		    &e)) == NULL)
			errx(1, "%s: %s", c->name, e.message);
		if (gql_validate(schema, doc, NULL, &errs) != 0)
			errx(1, "%s: %s", c->name, errs.first->message);
		break;
	case BENCH_CACHED:
		if ((entry = gql_cache_fetch(cache, c->text, c->len,
		    &errs)) == NULL)
			errx(1, "%s: %s", c->name, errs.first->message);
		doc = gql_cache_doc(entry);
		req.prepared = bench_plans(entry);
		break;
	case BENCH_PREPARED:
		doc = gql_cache_doc(c->entry);
		req.prepared = c->prep;
		break;
	}
	req.schema = schema;
	req.doc = doc;
	req.operation_name = c->opname;
	req.variables = c->vars;
	req.root_value = c->root;
	req.options = &options;
	buf_reset(&out);
	if (gql_execute(&req, &out) != GQL_EXEC_OK)
		errx(1, "%s: %s", c->name, buf_cstr(&out));
	gql_ast_document_free(parsed);
	gql_cache_release(entry);
	return out.len;
}

/* Run n operations (not static: callgrind's --toggle-collect names it). */
void
bench_loop(struct bench_case *c, enum bench_mode mode, long n)
{
	long	i;

	for (i = 0; i < n; i++)
		bench_once(c, mode);
}

static double
bench_now(clockid_t clk)
{
	struct timespec	ts;

	clock_gettime(clk, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* ops per wall second and per CPU second over about `seconds`. */
static void
bench_measure(struct bench_case *c, enum bench_mode mode, double seconds,
    double *res)
{
	double	w0, c0, w;
	long	n = 0;

	w0 = bench_now(CLOCK_MONOTONIC);
	c0 = bench_now(CLOCK_PROCESS_CPUTIME_ID);
	do {
		bench_loop(c, mode, 8);
		n += 8;
		w = bench_now(CLOCK_MONOTONIC);
	} while (w - w0 < seconds);
	res[0] = (double)n / (w - w0);
	res[1] = (double)n / (bench_now(CLOCK_PROCESS_CPUTIME_ID) - c0);
}

static int
bench_cmp(const void *a, const void *b)
{
	double	x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

static double
bench_median(double *v, int n)
{
	qsort(v, (size_t)n, sizeof(*v), bench_cmp);
	return v[n / 2];
}

static void
bench_print(struct bench_case *cs, double seconds, int runs, int json)
{
	size_t	i;
	int	m;

	if (json) {
		printf("{\"engine\":\"onionmsg\",\"seconds\":%g,\"runs\":%d,"
		    "\"results\":[", seconds, runs);
		for (i = 0; i < BENCH_NCASES; i++) {
			printf("%s{\"case\":\"%s\",\"bytes\":%zu", i ? "," : "",
			    cs[i].name, cs[i].bytes);
			for (m = 0; m < BENCH_NMODES; m++)
				printf(",\"%s\":%.0f,\"%sCpu\":%.0f",
				    bench_modes[m], cs[i].ops[m][0],
				    bench_modes[m], cs[i].ops[m][1]);
			printf("}");
		}
		printf("]}\n");
		return;
	}
	printf("onionmsg GraphQL engine; median of %d x %g s\n", runs, seconds);
	printf("                         uncached               cached"
	    "             prepared\n");
	printf("case         response    ops/s  ops/cpu-s    ops/s  ops/cpu-s"
	    "    ops/s  ops/cpu-s\n");
	for (i = 0; i < BENCH_NCASES; i++) {
		printf("%-13s%7zu B", cs[i].name, cs[i].bytes);
		for (m = 0; m < BENCH_NMODES; m++)
			printf("%9.0f%11.0f", cs[i].ops[m][0], cs[i].ops[m][1]);
		printf("\n");
	}
}

/* Measure every mode of a case (or one, `mode`); or run `ops` of it. */
static void
bench_case_run(struct bench_case *c, const char *mode, double seconds,
    int runs, long ops)
{
	double	wall[BENCH_RUNS_MAX], cpu[BENCH_RUNS_MAX], r[2];
	int	k, m;

	for (m = 0; m < BENCH_NMODES; m++) {
		if (mode != NULL && strcmp(mode, bench_modes[m]) != 0)
			continue;
		if (ops > 0) {
			bench_loop(c, m, ops);
			continue;
		}
		bench_measure(c, m, seconds < 1 ? 1 : seconds, r);
		for (k = 0; k < runs; k++) {
			bench_measure(c, m, seconds, r);
			wall[k] = r[0];
			cpu[k] = r[1];
		}
		c->ops[m][0] = bench_median(wall, runs);
		c->ops[m][1] = bench_median(cpu, runs);
	}
}

int
main(int argc, char **argv)
{
	static const struct gql_limits			 lim =
	    GQL_LIMITS_DEFAULT;
	static const struct gql_validate_limits		 vlim =
	    GQL_VALIDATE_LIMITS_DEFAULT;
	struct gql_cache_config	 cc = { .parse = lim, .validate = vlim };
	struct bench_case	 cs[BENCH_NCASES];
	struct gql_error	 e;
	const char		*docs = BENCH_DOCS, *spath = BENCH_SCHEMA;
	const char		*only = NULL, *mode = NULL;
	char			*text, *p, msg[128];
	double			 seconds = 1;
	size_t			 len, i;
	long			 ops = 0;
	int			 runs = 5, json = 0, a;

	for (a = 1; a < argc; a++) {
		if (strcmp(argv[a], "--seconds") == 0 && a + 1 < argc)
			seconds = strtod(argv[++a], NULL);
		else if (strcmp(argv[a], "--runs") == 0 && a + 1 < argc)
			runs = atoi(argv[++a]);
		else if (strcmp(argv[a], "--json") == 0)
			json = 1;
		else if (strcmp(argv[a], "--docs") == 0 && a + 1 < argc)
			docs = argv[++a];
		else if (strcmp(argv[a], "--schema") == 0 && a + 1 < argc)
			spath = argv[++a];
		else if (strcmp(argv[a], "--case") == 0 && a + 1 < argc)
			only = argv[++a];
		else if (strcmp(argv[a], "--mode") == 0 && a + 1 < argc)
			mode = argv[++a];
		else if (strcmp(argv[a], "--ops") == 0 && a + 1 < argc)
			ops = atol(argv[++a]);
		else
			errx(2, "usage: gql_bench [--seconds S] [--runs N] "
			    "[--json] [--docs DIR] [--schema FILE] [--case NAME] "
			    "[--mode uncached|cached|prepared] [--ops N]");
	}
	if (runs < 1 || runs > BENCH_RUNS_MAX || seconds <= 0 || ops < 0)
		errx(2, "bad --runs, --seconds or --ops");
	if (mode != NULL && strcmp(mode, "uncached") != 0 &&
	    strcmp(mode, "cached") != 0 && strcmp(mode, "prepared") != 0)
		errx(2, "bad --mode %s", mode);
	if ((schema = gql_schema_load(spath, &e)) == NULL)
		errx(1, "%s: %s", spath, e.message);
	if (gql_bind(schema, NULL, 0, NULL, 0, &e) == -1)
		errx(1, "bind: %s", e.message);
	cc.max_entries = GQL_CACHE_MAX_ENTRIES;
	cc.max_bytes = GQL_CACHE_MAX_BYTES;
	cc.schema = schema;
	cache = gql_cache_new(&cc);
	arena = gql_arena_new(65536);
	xasprintf(&p, "%s/data.json", docs);
	text = bench_slurp(p, &len, 0);
	if ((data = gql_json_parse(text, len, arena, 0, msg,
	    sizeof(msg))) == NULL)
		errx(1, "%s: %s", p, msg);
	free(p);
	memset(cs, 0, sizeof(cs));
	for (i = 0; i < BENCH_NCASES; i++) {
		cs[i].name = bench_names[i];
		bench_load(&cs[i], docs);
		if (only == NULL || strcmp(only, cs[i].name) == 0)
			bench_case_run(&cs[i], mode, seconds, runs, ops);
	}
	if (ops == 0)
		bench_print(cs, seconds, runs, json);
	for (i = 0; i < BENCH_NCASES; i++) {
		gql_cache_release(cs[i].entry);
		gql_ast_document_free(cs[i].doc);
		free(cs[i].text);
		free(cs[i].opname);
	}
	free(text);
	buf_free(&out);
	gql_cache_free(cache);
	gql_arena_free(arena);
	gql_schema_free(schema);
	return 0;
}
