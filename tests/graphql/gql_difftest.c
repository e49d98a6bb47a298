/*
 * gql_difftest.c: the C side of the differential test against graphql-js
 * (tests/graphql/README.md specifies the invocation, the result lines and
 * the resolver convention). For each corpus document: UTF-8 check, parse
 * (with GQL_LIMITS_DEFAULT), validate, execute with the data.json
 * convention through the engine's default-resolver hook, and print one
 * JSON line. The data is read with jansson; the engine's own response is
 * re-read with gql_json_parse() and rewritten into the line's format.
 * Every document is also executed through a prepared document
 * (gql_prepare(), the document cache's path), which must give the same
 * bytes; a difference is reported on stderr and in the exit status.
 *
 * usage: gql_difftest SCHEMA.graphql DATA.json FILE.graphql...
 */
#include "config.h"

#include <errno.h>
#include <jansson.h>
#include <math.h>
#include <regex.h>
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

struct dt_ctx {
	json_t	*counters;
};

static char	*dt_read(const char *, size_t *);
static const char *dt_base(const char *);
static int	 dt_utf8_error(const unsigned char *, size_t, size_t *);
static void	 dt_loc_of(const char *, size_t, unsigned *, unsigned *);
static void	 dt_one(const struct gql_schema *, json_t *, const char *,
		    struct buf *);
static void	 dt_line_syntax(struct buf *, const char *, unsigned,
		    unsigned, const char *, size_t);
static int	 dt_execute(const struct gql_schema *, json_t *,
		    const struct gql_ast_document *, json_t *, const char *,
		    struct buf *);
static void	 dt_rewrite(const struct gql_value *, struct buf *);
static int	 dt_prepared(struct gql_request *, const struct buf *);
static int	 dt_validate(const struct gql_schema *,
		    const struct gql_ast_document *, struct buf *);
static void	 dt_resolve(const struct gql_resolve_info *,
		    struct gql_result *);
static void	 dt_special(const struct gql_resolve_info *, json_t *,
		    struct gql_result *);
static void	 dt_output(const struct gql_resolve_info *, json_t *,
		    struct gql_result *);
static void	 dt_item(const struct gql_resolve_info *, void *, size_t,
		    struct gql_result *);
static struct gql_value *dt_value(const struct gql_resolve_info *,
		    json_t *);
static const struct gql_value *dt_sorted(const struct gql_resolve_info *,
		    const struct gql_value *);
static const struct gql_value *dt_arg_path(const struct gql_value *,
		    const char *);
static void	 dt_lookup_key(const struct gql_value *, struct buf *);
static const char *dt_resolve_type(const struct gql_resolve_info *, void *,
		    const struct gql_type *);
static int	 dt_is_leaf_field(const struct gql_field *);
static int	 dt_date_ok(const struct gql_value *);
static int	 dt_odd_ok(const struct gql_value *);
static int	 dt_date_value(const struct gql_value *, struct gql_arena *,
		    struct gql_value *, struct buf *);
static int	 dt_date_literal(const struct gql_ast_value *,
		    const struct gql_value *, struct gql_arena *,
		    struct gql_value *, struct buf *);
static int	 dt_date_serialize(const struct gql_result *, struct buf *,
		    struct buf *);
static int	 dt_odd_value(const struct gql_value *, struct gql_arena *,
		    struct gql_value *, struct buf *);
static int	 dt_odd_literal(const struct gql_ast_value *,
		    const struct gql_value *, struct gql_arena *,
		    struct gql_value *, struct buf *);
static int	 dt_odd_serialize(const struct gql_result *, struct buf *,
		    struct buf *);

static const struct gql_scalar_hooks dt_date_hooks = {
	dt_date_value, dt_date_literal, dt_date_serialize
};
static const struct gql_scalar_hooks dt_odd_hooks = {
	dt_odd_value, dt_odd_literal, dt_odd_serialize
};
static const struct gql_type_binding dt_types[] = {
	{ "Date", &dt_date_hooks, NULL },
	{ "Odd", &dt_odd_hooks, NULL },
};
static const struct gql_exec_options dt_options = {
	.default_resolve = dt_resolve,
	.default_resolve_type = dt_resolve_type,
	.max_errors = 1000,
};

static regex_t	dt_date_re;
static int	dt_failed;	/* an internal inconsistency: exit 1 */

int
main(int argc, char **argv)
{
	struct gql_schema	*schema;
	struct gql_error	 err;
	struct buf		 line = BUF_INIT;
	json_error_t		 jerr;
	json_t			*data;
	int			 i;

	if (argc < 3) {
		fprintf(stderr, "usage: gql_difftest SCHEMA.graphql "
		    "DATA.json FILE.graphql...\n");
		return 2;
	}
	if (regcomp(&dt_date_re, "^[0-9]{4}-[0-9]{2}-[0-9]{2}$",
	    REG_EXTENDED | REG_NOSUB) != 0)
		return 2;
	gql_error_clear(&err);
	if ((schema = gql_schema_load(argv[1], &err)) == NULL) {
		fprintf(stderr, "gql_difftest: %s: %s\n", argv[1], err.message);
		return 1;
	}
	if (gql_bind(schema, NULL, 0, dt_types, 2, &err) == -1) {
		fprintf(stderr, "gql_difftest: bind: %s\n", err.message);
		return 1;
	}
	if ((data = json_load_file(argv[2], 0,
	    &jerr)) == NULL) {
		fprintf(stderr, "gql_difftest: %s: %s\n", argv[2], jerr.text);
		return 1;
	}
	for (i = 3; i < argc; i++) {
		buf_reset(&line);
		dt_one(schema, data, argv[i], &line);
		buf_addc(&line, '\n');
		if (fwrite(line.data, 1, line.len, stdout) != line.len)
			return 1;
	}
	buf_free(&line);
	json_decref(data);
	gql_schema_free(schema);
	regfree(&dt_date_re);
	return fflush(stdout) == 0 && !dt_failed ? 0 : 1;
}

static char *
dt_read(const char *path, size_t *len)
{
	FILE	*f;
	char	*p;
	long	 n;

	if ((f = fopen(path, "rb")) == NULL)
		return NULL;
	if (fseek(f, 0, SEEK_END) == -1 || (n = ftell(f)) < 0 ||
	    fseek(f, 0, SEEK_SET) == -1) {
		fclose(f);
		return NULL;
	}
	p = xmalloc((size_t)n + 1);
	if (n > 0 && fread(p, 1, (size_t)n, f) != (size_t)n) {
		free(p);
		fclose(f);
		return NULL;
	}
	fclose(f);
	p[n] = '\0';
	*len = (size_t)n;
	return p;
}

static const char *
dt_base(const char *path)
{
	const char	*s = strrchr(path, '/');

	return s != NULL ? s + 1 : path;
}

/* 1 and the offset of the first ill-formed sequence, or 0. */
static int
dt_utf8_error(const unsigned char *b, size_t len, size_t *at)
{
	size_t		i = 0, n, k;
	unsigned	cp, min;

	while (i < len) {
		if (b[i] < 0x80) {
			i++;
			continue;
		}
		if (b[i] >= 0xc2 && b[i] <= 0xdf)
			n = 1, min = 0x80;
		else if (b[i] >= 0xe0 && b[i] <= 0xef)
			n = 2, min = 0x800;
		else if (b[i] >= 0xf0 && b[i] <= 0xf4)
			n = 3, min = 0x10000;
		else
			goto bad;
		cp = b[i] & (0x3f >> n);
		for (k = 1; k <= n; k++) {
			if (i + k >= len || (b[i + k] & 0xc0) != 0x80)
				goto bad;
			cp = (cp << 6) | (b[i + k] & 0x3f);
		}
		if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
			goto bad;
		i += n + 1;
	}
	return 0;
bad:
	*at = i;
	return 1;
}

/* Line and UTF-16 column of byte offset `at` (graphql-js counting). */
static void
dt_loc_of(const char *s, size_t at, unsigned *line, unsigned *col)
{
	const unsigned char	*b = (const unsigned char *)s;
	size_t			 i;

	*line = 1;
	*col = 1;
	for (i = 0; i < at; i++) {
		if (b[i] == '\r' || b[i] == '\n') {
			if (b[i] == '\r' && i + 1 < at && b[i + 1] == '\n')
				i++;
			(*line)++;
			*col = 1;
		} else if ((b[i] & 0xc0) != 0x80)
			*col += b[i] >= 0xf0 ? 2 : 1;
	}
}

static void
dt_line_syntax(struct buf *b, const char *file, unsigned line, unsigned col,
    const char *msg, size_t msglen)
{
	buf_adds(b, "{\"file\":");
	gql_json_write_string(b, file, strlen(file));
	buf_addf(b, ",\"phase\":\"syntax\",\"locations\":[{\"line\":%u,"
	    "\"column\":%u}],\"message\":", line, col);
	gql_json_write_string(b, msg, msglen);
	buf_addc(b, '}');
}

static void
dt_one(const struct gql_schema *schema, json_t *data, const char *path,
    struct buf *b)
{
	static const struct gql_limits	 limits = GQL_LIMITS_DEFAULT;
	static const char		 bad_utf8[] =
	    "Syntax Error: Invalid UTF-8.";
	struct gql_ast_document		*doc;
	struct gql_error		 err;
	const char			*file = dt_base(path);
	char				*src, *side_path, *dot;
	json_t				*side = NULL;
	json_error_t			 jerr;
	unsigned			 line, col;
	size_t				 len, at;

	if ((src = dt_read(path, &len)) == NULL) {
		fprintf(stderr, "gql_difftest: %s: %s\n", path,
		    strerror(errno));
		exit(1);
	}
	if (dt_utf8_error((const unsigned char *)src, len, &at)) {
		dt_loc_of(src, at, &line, &col);
		dt_line_syntax(b, file, line, col, bad_utf8,
		    sizeof(bad_utf8) - 1);
		free(src);
		return;
	}
	side_path = xstrdup(path);
	if ((dot = strrchr(side_path, '.')) != NULL &&
	    strcmp(dot, ".graphql") == 0) {
		strcpy(dot, ".json");
		side = json_load_file(side_path, JSON_ALLOW_NUL, &jerr);
	}
	free(side_path);
	gql_error_clear(&err);
	if ((doc = gql_parse_document(src, len, &limits, &err)) == NULL) {
		dt_line_syntax(b, file, err.locs[0].line, err.locs[0].column,
		    err.message, err.msglen);
		gql_error_free(&err);
	} else if (dt_execute(schema, data, doc, side, file, b) == -1)
		fprintf(stderr, "gql_difftest: %s: bad response\n", file);
	gql_ast_document_free(doc);
	json_decref(side);
	free(src);
}

static int
dt_execute(const struct gql_schema *schema, json_t *data,
    const struct gql_ast_document *doc, json_t *side, const char *file,
    struct buf *b)
{
	const struct gql_ast_operation	*op;
	struct gql_request		 req;
	struct gql_error		 err;
	struct dt_ctx			 ctx;
	struct gql_arena		*arena;
	const struct gql_value		*resp;
	struct buf			 out = BUF_INIT;
	json_t				*vars, *opname;
	char				*vtext = NULL, msg[128];
	const char			*root = "Query";
	int				 rc = 0;

	buf_adds(b, "{\"file\":");
	gql_json_write_string(b, file, strlen(file));
	if (dt_validate(schema, doc, b) == -1)
		return 0;
	memset(&req, 0, sizeof(req));
	vars = side != NULL ? json_object_get(side, "variables") : NULL;
	opname = side != NULL ? json_object_get(side, "operationName") : NULL;
	if (vars != NULL) {
		vtext = json_dumps(vars, JSON_ENCODE_ANY | JSON_COMPACT);
		req.variables_json = vtext;
		req.variables_len = strlen(vtext);
	}
	req.operation_name = json_is_string(opname) ?
	    json_string_value(opname) : NULL;
	gql_error_clear(&err);
	if ((op = gql_exec_operation(doc, req.operation_name, &err)) != NULL)
		root = op->op == GQL_OP_MUTATION ? "Mutation" :
		    op->op == GQL_OP_SUBSCRIPTION ? "Subscription" : "Query";
	gql_error_free(&err);	/* gql_execute() reports it */
	ctx.counters = json_object();
	req.schema = schema;
	req.doc = doc;
	req.root_value = json_object_get(data, root);
	req.ctx = &ctx;
	req.options = &dt_options;
	gql_execute(&req, &out);
	if (dt_prepared(&req, &out) == -1) {
		fprintf(stderr, "gql_difftest: %s: prepared execution "
		    "differs\n", file);
		dt_failed = 1;
	}
	arena = gql_arena_new(4096);
	if ((resp = gql_json_parse(out.data, out.len, arena, 10000, msg,
	    sizeof(msg))) == NULL || resp->kind != GQL_V_OBJECT) {
		fprintf(stderr, "gql_difftest: %s: %s: %s\n", file, msg,
		    out.data);
		rc = -1;
		buf_adds(b, ",\"phase\":\"crash\",\"message\":\"bad JSON\"}");
	} else {
		buf_adds(b, ",\"phase\":\"execution\",\"result\":");
		dt_rewrite(resp, b);
		buf_addc(b, '}');
	}
	gql_arena_free(arena);
	buf_free(&out);
	free(vtext);
	json_decref(ctx.counters);
	return rc;
}

/* Validation as graphql-js validate(schema, doc, specifiedRules). */
static int
dt_validate(const struct gql_schema *schema,
    const struct gql_ast_document *doc, struct buf *b)
{
	static const struct gql_validate_limits	 limits =
	    GQL_VALIDATE_LIMITS_JS;
	static const struct gql_literal_hook	 hook = {
		gql_coerce_literal_hook, NULL
	};
	struct gql_errors			 errs = GQL_ERRORS_INIT;
	const struct gql_error			*e;

	if (gql_validate_with(schema, doc, &limits, &hook, &errs) == 0) {
		gql_errors_free(&errs);
		return 0;
	}
	buf_adds(b, ",\"phase\":\"validation\",\"errors\":[");
	for (e = errs.first; e != NULL; e = e->next) {
		if (e != errs.first)
			buf_addc(b, ',');
		gql_exec_write_error(e, NULL, b);
	}
	buf_adds(b, "]}");
	gql_errors_free(&errs);
	return -1;
}

/*
 * Execute again through a prepared document (what the daemon's document
 * cache does), with fresh counters: -1 if the response differs.
 */
static int
dt_prepared(struct gql_request *req, const struct buf *first)
{
	struct gql_prepared	*p;
	struct dt_ctx		*ctx = req->ctx, again;
	struct buf		 out = BUF_INIT;
	int			 rc = 0;

	if ((p = gql_prepare(req->schema, req->doc, req->options)) == NULL)
		return 0;
	again.counters = json_object();
	req->ctx = &again;
	req->prepared = p;
	gql_execute(req, &out);
	if (out.len != first->len || memcmp(out.data, first->data,
	    out.len) != 0)
		rc = -1;
	req->prepared = NULL;
	req->ctx = ctx;
	json_decref(again.counters);
	gql_prepared_free(p);
	buf_free(&out);
	return rc;
}

/* The response without extensions: {data?, errors?[message,locations,path]} */
static void
dt_rewrite(const struct gql_value *resp, struct buf *b)
{
	const struct gql_value	*data, *errs, *e, *v;
	uint32_t		 i;
	int			 first = 1;

	buf_addc(b, '{');
	if ((data = gql_value_get(resp, "data")) != NULL) {
		buf_adds(b, "\"data\":");
		gql_value_write_json(data, b);
		first = 0;
	}
	errs = gql_value_get(resp, "errors");
	if (errs != NULL && errs->kind == GQL_V_LIST && errs->count > 0) {
		buf_adds(b, first ? "\"errors\":[" : ",\"errors\":[");
		for (i = 0; i < errs->count; i++) {
			e = &errs->u.items[i];
			buf_adds(b, i ? ",{\"message\":" : "{\"message\":");
			gql_value_write_json(gql_value_get(e, "message"), b);
			if ((v = gql_value_get(e, "locations")) != NULL) {
				buf_adds(b, ",\"locations\":");
				gql_value_write_json(v, b);
			}
			if ((v = gql_value_get(e, "path")) != NULL) {
				buf_adds(b, ",\"path\":");
				gql_value_write_json(v, b);
			}
			buf_addc(b, '}');
		}
		buf_addc(b, ']');
	}
	buf_addc(b, '}');
}

static int
dt_is_leaf_field(const struct gql_field *f)
{
	return gql_type_is_leaf(gql_typeref_named(f->type));
}

/* The default resolver: P[f], then the data.json convention. */
static void
dt_resolve(const struct gql_resolve_info *info, struct gql_result *r)
{
	json_t	*p = info->parent;

	if (!json_is_object(p)) {
		gql_result_null(r);
		return;
	}
	dt_special(info, json_object_get(p, info->field->name), r);
}

static void
dt_special(const struct gql_resolve_info *info, json_t *v,
    struct gql_result *r)
{
	const struct gql_value	*a, *by;
	json_t			*k, *cases;
	struct buf		 key = BUF_INIT;
	struct dt_ctx		*ctx = info->ctx;
	json_int_t		 n;
	double			 d;

	if (v == NULL || !json_is_object(v)) {
		dt_output(info, v, r);
	} else if ((k = json_object_get(v, "$error")) != NULL) {
		gql_result_error(r, json_is_string(k) ? json_string_value(k) :
		    "error", NULL);
	} else if (json_object_get(v, "$args") != NULL) {
		gql_result_value(r, dt_sorted(info, info->args));
	} else if ((k = json_object_get(v, "$arg")) != NULL) {
		a = dt_arg_path(info->args, json_string_value(k));
		if (a == NULL)
			gql_result_null(r);
		else
			gql_result_value(r, a);
	} else if ((k = json_object_get(v, "$lookup")) != NULL) {
		dt_lookup_key(dt_arg_path(info->args, json_string_value(k)),
		    &key);
		cases = json_object_get(v, "cases");
		if (cases != NULL && json_object_get(cases, buf_cstr(&key)))
			dt_special(info, json_object_get(cases, buf_cstr(&key)),
			    r);
		else if (json_object_get(v, "default") != NULL)
			dt_special(info, json_object_get(v, "default"), r);
		else
			gql_result_null(r);
		buf_free(&key);
	} else if ((k = json_object_get(v, "$counter")) != NULL) {
		by = gql_value_get(info->args, "by");
		d = 1;
		if (by != NULL)
			gql_value_number(by, &d);
		n = json_integer_value(json_object_get(ctx->counters,
		    json_string_value(k))) + (json_int_t)d;
		json_object_set_new(ctx->counters, json_string_value(k),
		    json_integer(n));
		gql_result_int(r, n);
	} else
		dt_output(info, v, r);
}

/* A plain JSON value as the result for the field's type. */
static void
dt_output(const struct gql_resolve_info *info, json_t *v,
    struct gql_result *r)
{
	if (v == NULL || json_is_null(v))
		gql_result_null(r);
	else if (dt_is_leaf_field(info->field))
		gql_result_value(r, dt_value(info, v));
	else if (json_is_array(v))
		gql_result_list(r, v, json_array_size(v), dt_item);
	else
		gql_result_object(r, v, NULL);
}

static void
dt_item(const struct gql_resolve_info *info, void *list, size_t i,
    struct gql_result *r)
{
	json_t	*v = json_array_get(list, i);

	if (json_is_array(v))
		gql_result_list(r, v, json_array_size(v), dt_item);
	else if (v == NULL || json_is_null(v))
		gql_result_null(r);
	else
		gql_result_object(r, v, NULL);
}

/* jansson -> gql_value (a JSON 3.0 is the number 3, as in JavaScript). */
static struct gql_value *
dt_value(const struct gql_resolve_info *info, json_t *j)
{
	struct gql_value	*v, *items;
	struct gql_value_field	*f;
	const char		*key;
	json_t			*x;
	json_int_t		 ji;
	size_t			 i, n;

	v = gql_exec_alloc(info, sizeof(*v));
	memset(v, 0, sizeof(*v));
	switch (json_typeof(j)) {
	case JSON_NULL:
		v->kind = GQL_V_NULL;
		break;
	case JSON_TRUE:
	case JSON_FALSE:
		gql_value_set_boolean(v, json_is_true(j));
		break;
	case JSON_INTEGER:
		ji = json_integer_value(j);
		gql_value_set_number(v, (double)ji);
		break;
	case JSON_REAL:
		gql_value_set_number(v, json_real_value(j));
		break;
	case JSON_STRING:
		gql_value_set_string(v, json_string_value(j),
		    json_string_length(j));
		break;
	case JSON_ARRAY:
		n = json_array_size(j);
		items = gql_exec_alloc(info, (n ? n : 1) * sizeof(*items));
		for (i = 0; i < n; i++)
			items[i] = *dt_value(info, json_array_get(j, i));
		v->kind = GQL_V_LIST;
		v->count = (uint32_t)n;
		v->u.items = items;
		break;
	case JSON_OBJECT:
		n = json_object_size(j);
		f = gql_exec_alloc(info, (n ? n : 1) * sizeof(*f));
		i = 0;
		json_object_foreach(j, key, x) {
			f[i].name = key;
			f[i].name_len = strlen(key);
			f[i++].value = *dt_value(info, x);
		}
		v->kind = GQL_V_OBJECT;
		v->count = (uint32_t)i;
		v->u.fields = f;
		break;
	}
	return v;
}

/* A copy with the keys of every object sorted (byte order), enums as strings. */
static const struct gql_value *
dt_sorted(const struct gql_resolve_info *info, const struct gql_value *v)
{
	struct gql_value	*c, *items;
	struct gql_value_field	*f, tmp;
	uint32_t		 i, k;

	c = gql_exec_alloc(info, sizeof(*c));
	*c = *v;
	if (v->kind == GQL_V_ENUM)
		c->kind = GQL_V_STRING;
	if (v->kind == GQL_V_LIST) {
		items = gql_exec_alloc(info, (v->count ? v->count : 1) *
		    sizeof(*items));
		for (i = 0; i < v->count; i++)
			items[i] = *dt_sorted(info, &v->u.items[i]);
		c->u.items = items;
	} else if (v->kind == GQL_V_OBJECT) {
		f = gql_exec_alloc(info, (v->count ? v->count : 1) *
		    sizeof(*f));
		for (i = 0; i < v->count; i++) {
			f[i] = v->u.fields[i];
			f[i].value = *dt_sorted(info, &v->u.fields[i].value);
			for (k = i; k > 0 && strcmp(f[k - 1].name,
			    f[k].name) > 0; k--) {
				tmp = f[k];
				f[k] = f[k - 1];
				f[k - 1] = tmp;
			}
		}
		c->u.fields = f;
	}
	return c;
}

static const struct gql_value *
dt_arg_path(const struct gql_value *args, const char *path)
{
	const struct gql_value	*v = args;
	const char		*dot;
	size_t			 len;

	while (path != NULL && v != NULL) {
		dot = strchr(path, '.');
		len = dot != NULL ? (size_t)(dot - path) : strlen(path);
		v = gql_value_getn(v, path, len);
		path = dot != NULL ? dot + 1 : NULL;
	}
	if (v != NULL && v->kind == GQL_V_UNDEFINED)
		return NULL;
	return v;
}

static void
dt_lookup_key(const struct gql_value *v, struct buf *b)
{
	if (v == NULL || v->kind == GQL_V_NULL)
		buf_adds(b, "null");
	else if (v->kind == GQL_V_STRING || v->kind == GQL_V_ENUM)
		buf_add(b, v->u.str.s, v->u.str.len);
	else if (v->kind == GQL_V_BOOLEAN)
		buf_adds(b, v->u.boolean ? "true" : "false");
	else if (v->kind == GQL_V_INT)
		gql_json_format_number(b, (double)v->u.i);
	else if (v->kind == GQL_V_FLOAT)
		gql_json_format_number(b, v->u.f);
	else
		gql_value_write_json(v, b);
}

static const char *
dt_resolve_type(const struct gql_resolve_info *info, void *obj,
    const struct gql_type *abstract)
{
	json_t	*tn;

	(void)info;
	(void)abstract;
	if (!json_is_object((json_t *)obj))
		return NULL;
	tn = json_object_get(obj, "__typename");
	return json_is_string(tn) ? json_string_value(tn) : NULL;
}

static int
dt_date_ok(const struct gql_value *v)
{
	return v->kind == GQL_V_STRING && strlen(v->u.str.s) == v->u.str.len &&
	    regexec(&dt_date_re, v->u.str.s, 0, NULL, 0) == 0;
}

static int
dt_odd_ok(const struct gql_value *v)
{
	double	d;

	return gql_value_number(v, &d) == 0 && d == trunc(d) &&
	    d >= -2147483648.0 && d <= 2147483647.0 && fmod(fabs(d), 2) == 1;
}

static int
dt_date_value(const struct gql_value *in, struct gql_arena *arena,
    struct gql_value *out, struct buf *err)
{
	(void)arena;
	if (!dt_date_ok(in)) {
		buf_adds(err, "Date must be a string of the form YYYY-MM-DD");
		return -1;
	}
	*out = *in;
	return 0;
}

static int
dt_date_literal(const struct gql_ast_value *in, const struct gql_value *vars,
    struct gql_arena *arena, struct gql_value *out, struct buf *err)
{
	struct gql_value	v;

	(void)vars;
	(void)arena;
	if (in->kind == GQL_VALUE_STRING) {
		gql_value_set_string(&v, in->str, in->len);
		if (dt_date_ok(&v)) {
			*out = v;
			return 0;
		}
	}
	buf_adds(err, "Date must be a string of the form YYYY-MM-DD");
	return -1;
}

static int
dt_date_serialize(const struct gql_result *r, struct buf *out,
    struct buf *err)
{
	struct gql_value	v;

	gql_coerce_result_value(r, &v);
	if (dt_date_ok(&v)) {
		gql_value_write_json(&v, out);
		return 0;
	}
	buf_adds(err, "Date cannot represent value: ");
	gql_value_write_json(&v, err);
	return -1;
}

static int
dt_odd_value(const struct gql_value *in, struct gql_arena *arena,
    struct gql_value *out, struct buf *err)
{
	(void)arena;
	if (!dt_odd_ok(in)) {
		buf_adds(err, "Odd must be an odd 32-bit integer");
		return -1;
	}
	*out = *in;
	return 0;
}

static int
dt_odd_literal(const struct gql_ast_value *in, const struct gql_value *vars,
    struct gql_arena *arena, struct gql_value *out, struct buf *err)
{
	struct gql_value	v;

	(void)vars;
	(void)arena;
	if (in->kind == GQL_VALUE_INT) {
		gql_value_set_number(&v, strtod(in->str, NULL));
		if (dt_odd_ok(&v)) {
			*out = v;
			return 0;
		}
	}
	buf_adds(err, "Odd must be an odd 32-bit integer");
	return -1;
}

static int
dt_odd_serialize(const struct gql_result *r, struct buf *out,
    struct buf *err)
{
	struct gql_value	v;

	gql_coerce_result_value(r, &v);
	if (dt_odd_ok(&v)) {
		gql_value_write_json(&v, out);
		return 0;
	}
	buf_adds(err, "Odd cannot represent value: ");
	gql_value_write_json(&v, err);
	return -1;
}
