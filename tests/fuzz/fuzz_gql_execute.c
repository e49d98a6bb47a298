/*
 * fuzz_gql_execute.c: the whole GraphQL request path on arbitrary bytes:
 * parse (default limits), validate (default limits), execute on the
 * differential test's schema (tests/graphql/schema.graphql) with its data
 * (tests/graphql/data.json) and resolver convention, whether it is valid
 * or not, since the executor must survive documents nobody checked. An input is "DOCUMENT\0VARIABLES\0OPERATION";
 * the last two parts are optional. Every response must be one JSON
 * object, and an operation must not block (no resolver here blocks).
 * Subscriptions also go through gql_subscribe(), which must refuse them
 * (no field of the test schema has an event source).
 * The data is read with the engine's own JSON reader, so this target
 * needs no jansson.
 */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/buf.h"
#include "common/xmalloc.h"
#include "graphql/gql_arena.h"
#include "graphql/gql_coerce.h"
#include "graphql/gql_exec.h"
#include "graphql/gql_json.h"
#include "graphql/gql_parse.h"
#include "graphql/gql_schema.h"
#include "graphql/gql_validate.h"

#define FUZZ_SCHEMA	TOP_SRCDIR "/tests/graphql/schema.graphql"
#define FUZZ_DATA	TOP_SRCDIR "/tests/graphql/data.json"
#define FUZZ_COUNTERS	8

struct fuzz_ctx {
	const char	*name[FUZZ_COUNTERS];
	int64_t		 count[FUZZ_COUNTERS];
};

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static void	 fuzz_init(void);
static char	*fuzz_slurp(const char *, size_t *);
static void	 fuzz_resolve(const struct gql_resolve_info *,
		    struct gql_result *);
static void	 fuzz_special(const struct gql_resolve_info *,
		    const struct gql_value *, struct gql_result *, int);
static void	 fuzz_output(const struct gql_resolve_info *,
		    const struct gql_value *, struct gql_result *);
static void	 fuzz_item(const struct gql_resolve_info *, void *, size_t,
		    struct gql_result *);
static const struct gql_value *fuzz_path(const struct gql_value *,
		    const struct gql_value *);
static int64_t	 fuzz_counter(struct fuzz_ctx *, const struct gql_value *,
		    int64_t);
static const char *fuzz_type(const struct gql_resolve_info *, void *,
		    const struct gql_type *);
static void	 fuzz_run(const struct gql_ast_document *, const char *,
		    size_t, const char *);
static void	 fuzz_subscribe(const struct gql_request *, struct buf *);

static struct gql_schema	*schema;
static struct gql_arena		*data_arena;
static const struct gql_value	*data;
static const struct gql_exec_options options = {
	.default_resolve = fuzz_resolve,
	.default_resolve_type = fuzz_type,
	.max_output = 1 << 18,
	.max_resolves = 20000,
};

static char *
fuzz_slurp(const char *path, size_t *len)
{
	FILE	*f;
	char	*p;
	long	 n;

	if ((f = fopen(path, "rb")) == NULL || fseek(f, 0, SEEK_END) == -1 ||
	    (n = ftell(f)) < 0 || fseek(f, 0, SEEK_SET) == -1)
		abort();
	p = malloc((size_t)n + 1);
	if (p == NULL || fread(p, 1, (size_t)n, f) != (size_t)n)
		abort();
	fclose(f);
	p[n] = '\0';
	*len = (size_t)n;
	return p;
}

static void
fuzz_init(void)
{
	struct gql_error	 err;
	char			*text, msg[128];
	size_t			 len;

	if ((schema = gql_schema_load(FUZZ_SCHEMA, &err)) == NULL ||
	    gql_bind(schema, NULL, 0, NULL, 0, &err) == -1)
		abort();
	data_arena = gql_arena_new(65536);
	text = fuzz_slurp(FUZZ_DATA, &len);
	if ((data = gql_json_parse(text, len, data_arena, 0, msg,
	    sizeof(msg))) == NULL)
		abort();
	free(text);
}

static const char *
fuzz_type(const struct gql_resolve_info *info, void *obj,
    const struct gql_type *abstract)
{
	const struct gql_value	*tn = gql_value_get(obj, "__typename");

	(void)info;
	(void)abstract;
	return tn != NULL && tn->kind == GQL_V_STRING ? tn->u.str.s : NULL;
}

/* The data.json convention (tests/graphql/README.md). */
static void
fuzz_resolve(const struct gql_resolve_info *info, struct gql_result *r)
{
	const struct gql_value	*p = info->parent;

	if (p == NULL || p->kind != GQL_V_OBJECT) {
		gql_result_null(r);
		return;
	}
	fuzz_special(info, gql_value_get(p, info->field->name), r, 0);
}

static void
fuzz_special(const struct gql_resolve_info *info, const struct gql_value *v,
    struct gql_result *r, int depth)
{
	const struct gql_value	*k, *cases, *a;
	struct buf		 key = BUF_INIT;
	double			 by = 1;

	if (v == NULL || v->kind != GQL_V_OBJECT || depth > 8) {
		fuzz_output(info, v, r);
	} else if ((k = gql_value_get(v, "$error")) != NULL) {
		gql_result_error(r, k->kind == GQL_V_STRING ? k->u.str.s :
		    "error", NULL);
	} else if (gql_value_get(v, "$args") != NULL) {
		gql_result_value(r, info->args);
	} else if ((k = gql_value_get(v, "$arg")) != NULL) {
		a = fuzz_path(info->args, k);
		if (a == NULL)
			gql_result_null(r);
		else
			gql_result_value(r, a);
	} else if ((k = gql_value_get(v, "$lookup")) != NULL) {
		a = fuzz_path(info->args, k);
		if (gql_value_is_nullish(a))
			buf_adds(&key, "null");
		else if (a->kind == GQL_V_STRING || a->kind == GQL_V_ENUM)
			buf_add(&key, a->u.str.s, a->u.str.len);
		else
			gql_value_write_json(a, &key);
		cases = gql_value_get(v, "cases");
		if ((a = gql_value_getn(cases, key.data ? key.data : "",
		    key.len)) != NULL)
			fuzz_special(info, a, r, depth + 1);
		else
			fuzz_special(info, gql_value_get(v, "default"), r,
			    depth + 1);
		buf_free(&key);
	} else if ((k = gql_value_get(v, "$counter")) != NULL) {
		gql_value_number(gql_value_get(info->args, "by"), &by);
		if (by != by || by > 1e9 || by < -1e9)
			by = 1;
		gql_result_int(r, fuzz_counter(info->ctx, k, (int64_t)by));
	} else
		fuzz_output(info, v, r);
}

static int64_t
fuzz_counter(struct fuzz_ctx *c, const struct gql_value *name, int64_t by)
{
	int	i;

	if (name->kind != GQL_V_STRING)
		return 0;
	for (i = 0; i < FUZZ_COUNTERS && c->name[i] != NULL; i++)
		if (strcmp(c->name[i], name->u.str.s) == 0)
			break;
	if (i == FUZZ_COUNTERS)
		return 0;
	c->name[i] = name->u.str.s;
	return c->count[i] += by;
}

static const struct gql_value *
fuzz_path(const struct gql_value *args, const struct gql_value *path)
{
	const struct gql_value	*v = args;
	const char		*p, *dot;

	if (path->kind != GQL_V_STRING)
		return NULL;
	for (p = path->u.str.s; p != NULL && v != NULL; p = dot ? dot + 1 :
	    NULL) {
		dot = strchr(p, '.');
		v = gql_value_getn(v, p, dot ? (size_t)(dot - p) : strlen(p));
	}
	return v;
}

static void
fuzz_output(const struct gql_resolve_info *info, const struct gql_value *v,
    struct gql_result *r)
{
	if (gql_value_is_nullish(v))
		gql_result_null(r);
	else if (gql_type_is_leaf(gql_typeref_named(info->field->type)))
		gql_result_value(r, v);
	else if (v->kind == GQL_V_LIST)
		gql_result_list(r, (void *)(uintptr_t)v, v->count, fuzz_item);
	else
		gql_result_object(r, (void *)(uintptr_t)v, NULL);
}

static void
fuzz_item(const struct gql_resolve_info *info, void *list, size_t i,
    struct gql_result *r)
{
	const struct gql_value	*v = &((const struct gql_value *)list)->
				    u.items[i];

	(void)info;
	if (v->kind == GQL_V_LIST)
		gql_result_list(r, (void *)(uintptr_t)v, v->count, fuzz_item);
	else if (gql_value_is_nullish(v))
		gql_result_null(r);
	else
		gql_result_object(r, (void *)(uintptr_t)v, NULL);
}

static void
fuzz_run(const struct gql_ast_document *doc, const char *vars, size_t vlen,
    const char *opname)
{
	const struct gql_ast_operation	*op;
	const struct gql_value		*rootv;
	struct gql_request		 req;
	struct gql_error		 err;
	struct fuzz_ctx			 ctx;
	struct buf			 out = BUF_INIT;
	const char			*root = "Query";
	enum gql_exec_status		 st;

	memset(&req, 0, sizeof(req));
	memset(&ctx, 0, sizeof(ctx));
	if ((op = gql_exec_operation(doc, opname, &err)) != NULL)
		root = op->op == GQL_OP_MUTATION ? "Mutation" :
		    op->op == GQL_OP_SUBSCRIPTION ? "Subscription" : "Query";
	gql_error_free(&err);
	req.schema = schema;
	req.doc = doc;
	req.operation_name = opname;
	req.variables_json = vars;
	req.variables_len = vlen;
	rootv = gql_value_get(data, root);
	req.root_value = (void *)(uintptr_t)rootv;
	req.ctx = &ctx;
	req.options = &options;
	st = gql_execute(&req, &out);
	if (st == GQL_EXEC_WOULD_BLOCK || out.len < 2 || out.data[0] != '{' ||
	    out.data[out.len - 1] != '}')
		abort();
	if (op != NULL && op->op == GQL_OP_SUBSCRIPTION)
		fuzz_subscribe(&req, &out);
	buf_free(&out);
}

/* The subscription path: no field here has an event source. */
static void
fuzz_subscribe(const struct gql_request *req, struct buf *out)
{
	struct gql_subscription	*sub;
	void			*source;

	buf_reset(out);
	if (gql_subscribe(req, &sub, &source, out) != GQL_EXEC_REQUEST_ERROR ||
	    sub != NULL || out->len < 2 || out->data[0] != '{')
		abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *bytes, size_t size)
{
	static const struct gql_limits		 lim = GQL_LIMITS_DEFAULT;
	static const struct gql_validate_limits	 vlim =
	    GQL_VALIDATE_LIMITS_DEFAULT;
	const char				*src = (const char *)bytes;
	const char				*vars = NULL, *opname = NULL;
	char					*name = NULL;
	const char				*z1, *z2;
	struct gql_ast_document			*doc;
	struct gql_errors			 errs = GQL_ERRORS_INIT;
	struct gql_error			 err;
	size_t					 dlen = size, vlen = 0;

	if (schema == NULL)
		fuzz_init();
	if ((z1 = memchr(src, '\0', size)) != NULL) {
		dlen = (size_t)(z1 - src);
		vars = z1 + 1;
		vlen = size - dlen - 1;
		if ((z2 = memchr(vars, '\0', vlen)) != NULL) {
			vlen = (size_t)(z2 - vars);
			name = xstrndup(z2 + 1, size - dlen - vlen - 2);
			opname = name;
		}
	}
	if ((doc = gql_parse_document(src, dlen, &lim, &err)) == NULL) {
		gql_error_free(&err);
		free(name);
		return 0;
	}
	/* Valid or not, it runs: invalid documents test the executor's
	 * own robustness (nothing may assume validation happened). */
	gql_validate(schema, doc, &vlim, &errs);
	gql_errors_free(&errs);
	fuzz_run(doc, vars, vlen, opname);
	gql_ast_document_free(doc);
	free(name);
	return 0;
}
