/*
 * gql_exec_complete.c: ExecuteSelectionSet, ExecuteField and
 * CompleteValue (spec 6.3 and 6.4), writing JSON as it goes.
 *
 * Every completion returns 0 (a non-null value was written), 1 (null was
 * written) or -1 (an error was raised and recorded; what was written for
 * this position is garbage). The nearest nullable position (a nullable
 * field or list item) truncates the buffer back to where its value began
 * and writes `null`; a non-null position passes the -1 up, and an object
 * that sees it stops executing its remaining fields, exactly as
 * graphql-js's synchronous executor does (spec 6.4.4). A WOULD_BLOCK or
 * a limit also unwinds with -1, with x->blocked or x->aborted set, and
 * then nothing is patched: the caller discards the whole response.
 */
#include "config.h"

#include <string.h>

#include "graphql/gql_arena.h"
#include "graphql/gql_coerce.h"
#include "graphql/gql_exec_int.h"
#include "graphql/gql_json.h"

static int	 exec_field(struct gql_exec *, const struct gql_type *, void *,
		    struct xfield *);
static int	 exec_complete(struct gql_exec *, const struct gql_typeref *,
		    struct xfield *, const struct gql_resolve_info *,
		    struct gql_result *);
static int	 exec_is_null(const struct gql_result *);
static int	 exec_list(struct gql_exec *, const struct gql_typeref *,
		    struct xfield *, const struct gql_resolve_info *,
		    const struct gql_result *);
static int	 exec_list_item(struct gql_exec *, const struct gql_typeref *,
		    struct xfield *, const struct gql_resolve_info *,
		    struct gql_result *, size_t);
static int	 exec_leaf(struct gql_exec *, const struct gql_type *,
		    struct xfield *, const struct gql_result *);
static int	 exec_leaf_fast(struct gql_exec *, const struct gql_type *,
		    enum xleaf, const struct gql_result *);
static int	 exec_leaf_int(struct gql_exec *, enum xleaf, int64_t);
static int	 exec_leaf_boolean(struct gql_exec *, enum xleaf, int);
static int	 exec_leaf_enum(struct gql_exec *, const struct gql_type *,
		    const char *, size_t);
static int	 exec_composite(struct gql_exec *, const struct gql_type *,
		    struct xfield *, const struct gql_resolve_info *,
		    const struct gql_result *);
static const struct gql_type *exec_runtime_type(struct gql_exec *,
		    const struct gql_type *, struct xfield *,
		    const struct gql_resolve_info *, const struct gql_result *);
static void	 exec_truncate(struct gql_exec *, size_t);
static int	 exec_limits(struct gql_exec *);

static void
exec_truncate(struct gql_exec *x, size_t mark)
{
	x->out->len = mark;
	x->out->data[mark] = '\0';
}

static int
exec_limits(struct gql_exec *x)
{
	if (x->opts->max_output != 0 &&
	    x->out->len - x->out_start > x->opts->max_output) {
		gql_exec_abort(x, "The response is too large.",
		    "PAYLOAD_TOO_LARGE");
		return -1;
	}
	return 0;
}

/*
 * Execute a plan on an object of type `t`, writing {"key":value,...}.
 * Returns 0, or -1 when a non-null field failed (the object is null).
 */
int
gql_exec_object(struct gql_exec *x, const struct gql_type *t, void *obj,
    const struct xplan *plan)
{
	struct xfield	*f;
	uint32_t	 i;
	int		 first = 1;

	if (exec_limits(x) == -1)
		return -1;
	gql_exec_outc(x->out, '{');
	for (i = 0; i < plan->n; i++) {
		f = &plan->fields[i];
		if (f->def == NULL)
			continue;
		if (!first)
			gql_exec_outc(x->out, ',');
		first = 0;
		gql_exec_key(x->out, f->key_json, f->key_json_len);
		gql_exec_path_push(x, f->key, f->key_len, 0);
		if (exec_field(x, t, obj, f) == -1) {
			gql_exec_path_pop(x);
			return -1;
		}
		gql_exec_path_pop(x);
	}
	gql_exec_outc(x->out, '}');
	return 0;
}

/* One field: 0 (a value or null written), -1 (propagate null). */
static int
exec_field(struct gql_exec *x, const struct gql_type *t, void *obj,
    struct xfield *f)
{
	struct gql_resolve_info	 info;
	struct gql_result	 r;
	const struct gql_value	*args = f->args;
	const struct gql_error	*aerr;
	size_t			 mark = x->out->len;
	int			 rc;

	if (f->meta == XMETA_TYPENAME) {
		gql_json_write_string(x->out, t->name, t->name_len);
		return 0;
	}
	r.kind = GQL_R_UNSET;
	if ((f->args_state != 1 || f->dyn != 0) &&
	    gql_exec_args(x, f, &args, &aerr) == -1) {
		gql_exec_raise(x, f, &aerr->locs[0], aerr->message, NULL);
		rc = -1;
	} else {
		info.schema = x->schema;
		info.field = f->def;
		info.parent_type = t;
		info.parent = obj;
		info.args = args;
		info.ctx = x->ctx;
		info.data = f->data;
		info.exec = x;
		if (f->resolve != NULL) {
			if (x->opts->max_resolves != 0 &&
			    ++x->resolves > x->opts->max_resolves) {
				gql_exec_abort(x, "Too many fields to "
				    "resolve.", "RESOURCE_LIMIT");
				return -1;
			}
			f->resolve(&info, &r);
		}
		if (f->leaf != NULL && exec_leaf_fast(x, f->leaf, f->leaf_kind,
		    &r))
			return 0;
		rc = exec_complete(x, f->def->type, f, &info, &r);
	}
	if (rc != -1)
		return 0;
	if (x->blocked || x->aborted ||
	    f->def->type->kind == GQL_WRAP_NON_NULL)
		return -1;
	exec_truncate(x, mark);
	gql_exec_out(x->out, "null", 4);
	return 0;
}

static int
exec_is_null(const struct gql_result *r)
{
	switch (r->kind) {
	case GQL_R_UNSET:
	case GQL_R_NULL:
		return 1;
	case GQL_R_VALUE:
		return gql_value_is_nullish(r->u.value);
	case GQL_R_STRING:
	case GQL_R_ENUM:
		return r->u.str.s == NULL;
	default:
		return 0;
	}
}

static int
exec_complete(struct gql_exec *x, const struct gql_typeref *t,
    struct xfield *f, const struct gql_resolve_info *info,
    struct gql_result *r)
{
	if (r->kind == GQL_R_ERROR) {
		gql_exec_raise(x, f, NULL, r->u.err.message != NULL ?
		    r->u.err.message : "Unknown error.", r->u.err.code);
		return -1;
	}
	if (r->kind == GQL_R_WOULD_BLOCK) {
		if (x->no_block) {
			gql_exec_raise(x, f, NULL, "This field cannot wait "
			    "here.", "BAD_REQUEST");
			return -1;
		}
		x->blocked = 1;
		return -1;
	}
	if (exec_is_null(r)) {
		if (t->kind == GQL_WRAP_NON_NULL) {
			gql_exec_raisef(x, f, "Cannot return null for "
			    "non-nullable field %s.%s.", info->parent_type->name,
			    f->def->name);
			return -1;
		}
		gql_exec_out(x->out, "null", 4);
		return 1;
	}
	/* Non-null: what follows never writes null (0 or -1). */
	if (t->kind == GQL_WRAP_NON_NULL)
		t = t->of;
	if (t->kind == GQL_WRAP_LIST)
		return exec_list(x, t, f, info, r);
	if (t->named->kind == GQL_KIND_SCALAR || t->named->kind == GQL_KIND_ENUM)
		return exec_leaf(x, t->named, f, r);
	return exec_composite(x, t->named, f, info, r);
}

static int
exec_list(struct gql_exec *x, const struct gql_typeref *t, struct xfield *f,
    const struct gql_resolve_info *info, const struct gql_result *r)
{
	struct gql_result	 item;
	const struct gql_value	*v = NULL;
	size_t			 i, n;

	if (r->kind == GQL_R_VALUE && r->u.value->kind == GQL_V_LIST)
		v = r->u.value;
	else if (r->kind != GQL_R_LIST && r->kind != GQL_R_ITER) {
		gql_exec_raisef(x, f, "Expected Iterable, but did not find one "
		    "for field \"%s.%s\".", info->parent_type->name,
		    f->def->name);
		return -1;
	}
	n = v != NULL ? v->count : r->kind == GQL_R_LIST ? r->u.list.count :
	    SIZE_MAX;
	gql_exec_outc(x->out, '[');
	for (i = 0; i < n; i++) {
		memset(&item, 0, sizeof(item));
		if (v != NULL)
			gql_result_value(&item, &v->u.items[i]);
		else if (r->kind == GQL_R_LIST)
			r->u.list.item(info, r->u.list.list, i, &item);
		else if (!r->u.iter.next(info, r->u.iter.iter, &item))
			break;
		if (i > 0)
			gql_exec_outc(x->out, ',');
		if (exec_list_item(x, t->of, f, info, &item, i) == -1)
			return -1;
	}
	gql_exec_outc(x->out, ']');
	return 0;
}

static int
exec_list_item(struct gql_exec *x, const struct gql_typeref *t,
    struct xfield *f, const struct gql_resolve_info *info,
    struct gql_result *item, size_t i)
{
	size_t	mark = x->out->len;
	int	rc;

	if (exec_limits(x) == -1)
		return -1;
	gql_exec_path_push(x, NULL, 0, i);
	rc = exec_complete(x, t, f, info, item);
	gql_exec_path_pop(x);
	if (rc != -1)
		return 0;
	if (x->blocked || x->aborted || t->kind == GQL_WRAP_NON_NULL)
		return -1;
	exec_truncate(x, mark);
	gql_exec_out(x->out, "null", 4);
	return 0;
}

static int
exec_leaf(struct gql_exec *x, const struct gql_type *t, struct xfield *f,
    const struct gql_result *r)
{
	struct buf	err;
	size_t		mark = x->out->len;

	if (exec_leaf_fast(x, t, gql_exec_leaf_kind(x->schema, t), r))
		return 0;
	buf_init(&err);
	if (gql_coerce_scalar_serialize(x->schema, t, r, x->out, &err) == 0) {
		buf_free(&err);
		return 0;
	}
	exec_truncate(x, mark);
	gql_exec_raise(x, f, NULL, err.len ? buf_cstr(&err) :
	    "Cannot serialize value.", NULL);
	buf_free(&err);
	return -1;
}

/* The kind of a leaf type (for a bound schema). */
enum xleaf
gql_exec_leaf_kind(const struct gql_schema *s, const struct gql_type *t)
{
	const struct gql_type_binding	*tb = t->udata;

	if (t == s->t_string || t == s->t_id)
		return XLEAF_STRING;
	if (t == s->t_int)
		return XLEAF_INT;
	if (t == s->t_boolean)
		return XLEAF_BOOLEAN;
	if (t->kind == GQL_KIND_ENUM)
		return XLEAF_ENUM;
	if (t->kind != GQL_KIND_SCALAR)
		return XLEAF_NONE;
	/* A custom scalar without a serialize hook passes results through. */
	if (!t->builtin && (tb == NULL || tb->scalar == NULL ||
	    tb->scalar->serialize == NULL))
		return XLEAF_STRING;
	return XLEAF_OTHER;
}

/*
 * The common non-null leaves, written as gql_coerce_scalar_serialize()
 * would write them but without its detour: 1, or 0 (nothing written) for
 * the general path, which also has every null, error and WOULD_BLOCK. A
 * result's string, enum name or run-time value serialize alike.
 */
static int
exec_leaf_fast(struct gql_exec *x, const struct gql_type *t, enum xleaf k,
    const struct gql_result *r)
{
	const struct gql_value	*v = r->u.value;
	const char		*s;
	size_t			 len;

	switch (r->kind) {
	case GQL_R_STRING:
	case GQL_R_ENUM:
		if ((s = r->u.str.s) == NULL)
			return 0;
		len = r->u.str.len;
		break;
	case GQL_R_INT:
		return exec_leaf_int(x, k, r->u.i);
	case GQL_R_BOOLEAN:
		return exec_leaf_boolean(x, k, r->u.boolean);
	case GQL_R_VALUE:
		if (v == NULL)
			return 0;
		if (v->kind == GQL_V_INT)
			return exec_leaf_int(x, k, v->u.i);
		if (v->kind == GQL_V_BOOLEAN)
			return exec_leaf_boolean(x, k, v->u.boolean);
		if (v->kind != GQL_V_STRING && v->kind != GQL_V_ENUM)
			return 0;
		s = v->u.str.s;
		len = v->u.str.len;
		break;
	default:
		return 0;
	}
	if (k == XLEAF_STRING) {
		gql_json_write_string(x->out, s, len);
		return 1;
	}
	return k == XLEAF_ENUM ? exec_leaf_enum(x, t, s, len) : 0;
}

static int
exec_leaf_int(struct gql_exec *x, enum xleaf k, int64_t i)
{
	if (k != XLEAF_INT || i < INT32_MIN || i > INT32_MAX)
		return 0;
	gql_json_write_int(x->out, i);
	return 1;
}

static int
exec_leaf_boolean(struct gql_exec *x, enum xleaf k, int b)
{
	if (k != XLEAF_BOOLEAN)
		return 0;
	if (b)
		gql_exec_out(x->out, "true", 4);
	else
		gql_exec_out(x->out, "false", 5);
	return 1;
}

static int
exec_leaf_enum(struct gql_exec *x, const struct gql_type *t, const char *s,
    size_t len)
{
	const struct gql_enum_value	*ev;

	if ((ev = gql_type_enum_value(t, s, len)) == NULL)
		return 0;
	/* A name ([_A-Za-z][_0-9A-Za-z]*) needs no escaping. */
	gql_exec_outc(x->out, '"');
	gql_exec_out(x->out, ev->name, ev->name_len);
	gql_exec_outc(x->out, '"');
	return 1;
}

static int
exec_composite(struct gql_exec *x, const struct gql_type *t,
    struct xfield *f, const struct gql_resolve_info *info,
    const struct gql_result *r)
{
	const struct gql_type	*rt = t;
	const struct xplan	*plan;
	struct gql_error	 err;

	if (r->kind != GQL_R_OBJECT) {
		gql_exec_raisef(x, f, "Expected value of type \"%s\" for field "
		    "\"%s.%s\", found a scalar.", t->name,
		    info->parent_type->name, f->def->name);
		return -1;
	}
	if (gql_type_is_abstract(t) &&
	    (rt = exec_runtime_type(x, t, f, info, r)) == NULL)
		return -1;
	gql_error_clear(&err);
	if ((plan = gql_exec_subplan(x, f, rt, &err)) == NULL) {
		gql_exec_raise(x, f, &err.locs[0], err.message, NULL);
		gql_error_free(&err);
		return -1;
	}
	return gql_exec_object(x, rt, r->u.obj.ptr, plan);
}

/* ensureValidRuntimeType(): the object type of an abstract value. */
static const struct gql_type *
exec_runtime_type(struct gql_exec *x, const struct gql_type *t,
    struct xfield *f, const struct gql_resolve_info *info,
    const struct gql_result *r)
{
	const struct gql_type_binding	*tb = t->udata;
	const struct gql_type		*rt;
	gql_resolve_type_fn		 fn;
	const char			*name = NULL;

	if (r->u.obj.type != NULL)
		name = r->u.obj.type->name;
	else {
		fn = tb != NULL && tb->resolve_type != NULL ?
		    tb->resolve_type : x->opts->default_resolve_type;
		if (fn != NULL)
			name = fn(info, r->u.obj.ptr, t);
	}
	if (name == NULL) {
		gql_exec_raisef(x, f, "Abstract type \"%s\" must resolve to an "
		    "Object type at runtime for field \"%s.%s\". Either the "
		    "\"%s\" type should provide a \"resolveType\" function or "
		    "each possible type should provide an \"isTypeOf\" "
		    "function.", t->name, info->parent_type->name,
		    f->def->name, t->name);
		return NULL;
	}
	if ((rt = gql_schema_type(x->schema, name, strlen(name))) == NULL) {
		gql_exec_raisef(x, f, "Abstract type \"%s\" was resolved to a "
		    "type \"%s\" that does not exist inside the schema.",
		    t->name, name);
		return NULL;
	}
	if (rt->kind != GQL_KIND_OBJECT) {
		gql_exec_raisef(x, f, "Abstract type \"%s\" was resolved to a "
		    "non-object type \"%s\".", t->name, name);
		return NULL;
	}
	if (!gql_schema_is_possible_type(x->schema, t, rt)) {
		gql_exec_raisef(x, f, "Runtime Object type \"%s\" is not a "
		    "possible type for \"%s\".", rt->name, t->name);
		return NULL;
	}
	return rt;
}
