/*
 * gql_coerce.c: coercion of variables, arguments and literals (spec 3.10
 * input coercion, 6.1.2 CoerceVariableValues, 6.4.1 CoerceArgumentValues)
 * as graphql-js 16.15 implements them in coerceInputValue(),
 * getVariableValues(), getArgumentValues() and valueFromAST(), so that
 * results and messages agree with the reference. Leaf types are handled
 * in gql_coerce_scalar.c.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "common/buf.h"
#include "common/xmalloc.h"
#include "graphql/gql_arena.h"
#include "graphql/gql_coerce.h"
#include "graphql/gql_exec.h"

/* A position inside a variable's value, for "at \"v.a[0]\"". */
struct cpath {
	const struct cpath	*prev;
	const char		*key;		/* NULL: index */
	size_t			 key_len;
	size_t			 index;
};

struct coerce {
	const struct gql_schema		*schema;
	struct gql_arena		*arena;
	const struct gql_ast_var_def	*var;	/* NULL: gql_coerce_value */
	struct gql_errors		*errs;
	unsigned			 max_errors;
	int				 aborted;
	struct buf			*first;	/* gql_coerce_value's message */
	int				 nfailed;
};

static void	 coerce_report(struct coerce *, const struct cpath *,
		    const struct gql_value *, const char *);
static void	 coerce_path_print(const struct cpath *, struct buf *);
static int	 coerce_input(struct coerce *, const struct gql_typeref *,
		    const struct gql_value *, const struct cpath *,
		    struct gql_value *);
static int	 coerce_null(struct coerce *, const struct gql_typeref *,
		    const struct gql_value *, const struct cpath *);
static int	 coerce_leaf_fast(const struct gql_schema *,
		    const struct gql_type *, const struct gql_value *,
		    struct gql_value *);
static int	 coerce_list(struct coerce *, const struct gql_typeref *,
		    const struct gql_value *, const struct cpath *,
		    struct gql_value *);
static int	 coerce_object(struct coerce *, const struct gql_type *,
		    const struct gql_value *, const struct cpath *,
		    struct gql_value *);
static void	 coerce_unknown_fields(struct coerce *,
		    const struct gql_type *, const struct gql_value *,
		    const struct cpath *);
static void	 coerce_one_of(struct coerce *, const struct gql_type *,
		    const struct gql_value *, const struct gql_value *,
		    const struct cpath *);
static int	 coerce_leaf(struct coerce *, const struct gql_type *,
		    const struct gql_value *, const struct cpath *,
		    struct gql_value *);
static int	 coerce_variable(struct coerce *,
		    const struct gql_ast_var_def *, const struct gql_typeref *,
		    const struct gql_value *, struct gql_value *);
static void	 coerce_var_error(struct coerce *, struct gql_loc,
		    const char *, ...) __attribute__((format(printf, 3, 4)));
static void	 coerce_var_error_buf(struct coerce *, struct gql_loc,
		    struct buf *);
static int	 coerce_is_missing_var(const struct gql_ast_value *,
		    const struct gql_value *);
static int	 coerce_literal_object(const struct gql_schema *,
		    const struct gql_type *, const struct gql_ast_value *,
		    const struct gql_value *, struct gql_arena *,
		    struct gql_value *);
static int	 coerce_argument_missing(const struct gql_schema *,
		    const struct gql_input_value *,
		    const struct gql_ast_argument *, struct gql_loc,
		    struct gql_arena *, struct gql_value *, struct gql_error *);
static struct gql_value_field *coerce_fields(struct gql_arena *, uint32_t);
static void	 coerce_bind_set(struct gql_schema *, struct gql_input_value *,
		    uint32_t);

static struct gql_value_field *
coerce_fields(struct gql_arena *arena, uint32_t n)
{
	return gql_arena_alloc(arena, (n ? n : 1) * sizeof(struct gql_value_field));
}

static void
coerce_path_print(const struct cpath *p, struct buf *b)
{
	if (p == NULL)
		return;
	coerce_path_print(p->prev, b);
	if (p->key != NULL) {
		buf_addc(b, '.');
		buf_add(b, p->key, p->key_len);
	} else
		buf_addf(b, "[%zu]", p->index);
}

/*
 * One coercion problem: for a variable, graphql-js's 'Variable "$v" got
 * invalid value V at "v.path"; message' request error; for
 * gql_coerce_value() the first message alone.
 */
static void
coerce_report(struct coerce *c, const struct cpath *path,
    const struct gql_value *invalid, const char *msg)
{
	struct buf	b = BUF_INIT;

	c->nfailed++;
	if (c->var == NULL) {
		if (c->first != NULL && c->nfailed == 1)
			buf_adds(c->first, msg);
		return;
	}
	buf_addf(&b, "Variable \"$%s\" got invalid value ", c->var->name.s);
	gql_value_inspect(invalid, &b);
	if (path != NULL) {
		buf_addf(&b, " at \"%s", c->var->name.s);
		coerce_path_print(path, &b);
		buf_addc(&b, '"');
	}
	buf_addf(&b, "; %s", msg);
	coerce_var_error_buf(c, c->var->loc, &b);
}

static void
coerce_var_error(struct coerce *c, struct gql_loc loc, const char *fmt, ...)
{
	struct buf	b = BUF_INIT;
	va_list		ap;

	va_start(ap, fmt);
	buf_vaddf(&b, fmt, ap);
	va_end(ap);
	coerce_var_error_buf(c, loc, &b);
}

/* A variable's request error, its message taken from `b`. */
static void
coerce_var_error_buf(struct coerce *c, struct gql_loc loc, struct buf *b)
{
	if (c->aborted) {
		buf_free(b);
		return;
	}
	if (c->max_errors != 0 && c->errs->count >= c->max_errors) {
		buf_free(b);
		gql_errors_add(c->errs, GQL_ERR_EXECUTION, GQL_LOC_NONE,
		    "Too many errors processing variables, error limit "
		    "reached. Execution aborted.");
		c->aborted = 1;
		return;
	}
	gql_errors_add_buf(c->errs, GQL_ERR_EXECUTION, loc, b);
}

static int
coerce_input(struct coerce *c, const struct gql_typeref *t,
    const struct gql_value *in, const struct cpath *path,
    struct gql_value *out)
{
	if (c->aborted)
		return -1;
	if (t->kind == GQL_WRAP_NON_NULL) {
		if (gql_value_is_nullish(in))
			return coerce_null(c, t, in, path);
		t = t->of;	/* never non-null itself */
	} else if (gql_value_is_nullish(in)) {
		gql_value_set_null(out);
		return 0;
	}
	if (t->kind == GQL_WRAP_LIST)
		return coerce_list(c, t, in, path, out);
	if (t->named->kind == GQL_KIND_INPUT_OBJECT)
		return coerce_object(c, t->named, in, path, out);
	if (coerce_leaf_fast(c->schema, t->named, in, out))
		return 0;
	return coerce_leaf(c, t->named, in, path, out);
}

/* A null (or nothing) for a non-null type. */
static int
coerce_null(struct coerce *c, const struct gql_typeref *t,
    const struct gql_value *in, const struct cpath *path)
{
	struct buf	b = BUF_INIT;

	buf_adds(&b, "Expected non-nullable type \"");
	gql_typeref_print(t, &b);
	buf_adds(&b, "\" not to be null.");
	coerce_report(c, path, in, buf_cstr(&b));
	buf_free(&b);
	return -1;
}

/*
 * The leaf values that coerce to themselves, as gql_coerce_scalar_value()
 * would coerce them (a string for String or ID, a 32-bit integer for Int,
 * a boolean for Boolean, anything for a custom scalar without a
 * parse_value hook): 1 and *out, or 0 for the general path.
 */
static int
coerce_leaf_fast(const struct gql_schema *s, const struct gql_type *t,
    const struct gql_value *in, struct gql_value *out)
{
	const struct gql_type_binding	*tb;

	if ((in->kind == GQL_V_STRING && (t == s->t_string || t == s->t_id)) ||
	    (in->kind == GQL_V_INT && t == s->t_int && in->u.i >= INT32_MIN &&
	    in->u.i <= INT32_MAX) ||
	    (in->kind == GQL_V_BOOLEAN && t == s->t_boolean) ||
	    (t->kind == GQL_KIND_SCALAR && !t->builtin &&
	    ((tb = t->udata) == NULL || tb->scalar == NULL ||
	    tb->scalar->parse_value == NULL))) {
		*out = *in;
		return 1;
	}
	return 0;
}

static int
coerce_list(struct coerce *c, const struct gql_typeref *t,
    const struct gql_value *in, const struct cpath *path,
    struct gql_value *out)
{
	struct gql_value	*items;
	struct cpath		 p;
	uint32_t		 i;
	int			 rc = 0;

	if (in->kind != GQL_V_LIST) {
		/* A non-list value is a list of one (spec 3.11). */
		items = gql_arena_alloc(c->arena, sizeof(*items));
		rc = coerce_input(c, t->of, in, path, items);
		memset(out, 0, sizeof(*out));
		out->kind = GQL_V_LIST;
		out->count = 1;
		out->u.items = items;
		return rc;
	}
	items = gql_arena_calloc(c->arena, in->count ? in->count : 1,
	    sizeof(*items));
	p.prev = path;
	p.key = NULL;
	p.key_len = 0;
	for (i = 0; i < in->count; i++) {
		p.index = i;
		if (coerce_input(c, t->of, &in->u.items[i], &p, &items[i]) == -1)
			rc = -1;
	}
	memset(out, 0, sizeof(*out));
	out->kind = GQL_V_LIST;
	out->count = in->count;
	out->u.items = items;
	return rc;
}

static int
coerce_object(struct coerce *c, const struct gql_type *t,
    const struct gql_value *in, const struct cpath *path,
    struct gql_value *out)
{
	const struct gql_input_value	*def;
	const struct gql_value		*fv, *dflt;
	struct gql_value_field		*fields;
	struct cpath			 p;
	struct buf			 b = BUF_INIT;
	uint32_t			 i, n = 0;
	int				 rc = 0, before = c->nfailed;

	if (in->kind != GQL_V_OBJECT) {
		buf_addf(&b, "Expected type \"%s\" to be an object.", t->name);
		coerce_report(c, path, in, buf_cstr(&b));
		buf_free(&b);
		return -1;
	}
	fields = coerce_fields(c->arena, t->ninput_fields);
	p.prev = path;
	p.index = 0;
	for (i = 0; i < t->ninput_fields; i++) {
		def = &t->input_fields[i];
		fv = gql_value_getn(in, def->name, def->name_len);
		if (fv == NULL) {
			if ((dflt = gql_coerce_default(c->schema, def,
			    c->arena)) != NULL) {
				fields[n].name = def->name;
				fields[n].name_len = def->name_len;
				fields[n++].value = *dflt;
			} else if (def->type->kind == GQL_WRAP_NON_NULL) {
				buf_reset(&b);
				buf_addf(&b, "Field \"%s\" of required type \"",
				    def->name);
				gql_typeref_print(def->type, &b);
				buf_adds(&b, "\" was not provided.");
				coerce_report(c, path, in, buf_cstr(&b));
			}
			continue;
		}
		p.key = def->name;
		p.key_len = def->name_len;
		fields[n].name = def->name;
		fields[n].name_len = def->name_len;
		if (coerce_input(c, def->type, fv, &p, &fields[n++].value) == -1)
			rc = -1;
	}
	buf_free(&b);
	memset(out, 0, sizeof(*out));
	out->kind = GQL_V_OBJECT;
	out->count = n;
	out->u.fields = fields;
	coerce_unknown_fields(c, t, in, path);
	if (t->one_of)
		coerce_one_of(c, t, in, out, path);
	return c->nfailed != before ? -1 : rc;
}

static void
coerce_unknown_fields(struct coerce *c, const struct gql_type *t,
    const struct gql_value *in, const struct cpath *path)
{
	const struct gql_value_field	*f;
	const char			**names;
	struct buf			 b = BUF_INIT;
	uint32_t			 i, k;

	for (i = 0; i < in->count; i++) {
		f = &in->u.fields[i];
		if (gql_type_input_field(t, f->name, f->name_len) != NULL)
			continue;
		names = xcalloc(t->ninput_fields + 1, sizeof(*names));
		for (k = 0; k < t->ninput_fields; k++)
			names[k] = t->input_fields[k].name;
		buf_reset(&b);
		buf_adds(&b, "Field \"");
		buf_add(&b, f->name, f->name_len);
		buf_addf(&b, "\" is not defined by type \"%s\".", t->name);
		gql_coerce_did_you_mean(&b, NULL, f->name, f->name_len, names,
		    t->ninput_fields);
		free(names);
		coerce_report(c, path, in, buf_cstr(&b));
	}
	buf_free(&b);
}

static void
coerce_one_of(struct coerce *c, const struct gql_type *t,
    const struct gql_value *in, const struct gql_value *out,
    const struct cpath *path)
{
	struct cpath	p;
	struct buf	b = BUF_INIT;

	if (out->count != 1) {
		buf_addf(&b, "Exactly one key must be specified for OneOf "
		    "type \"%s\".", t->name);
		coerce_report(c, path, in, buf_cstr(&b));
		buf_reset(&b);
	}
	if (out->count >= 1 && out->u.fields[0].value.kind == GQL_V_NULL) {
		p.prev = path;
		p.key = out->u.fields[0].name;
		p.key_len = out->u.fields[0].name_len;
		p.index = 0;
		buf_addf(&b, "Field \"%s\" must be non-null.",
		    out->u.fields[0].name);
		coerce_report(c, &p, &out->u.fields[0].value, buf_cstr(&b));
	}
	buf_free(&b);
}

static int
coerce_leaf(struct coerce *c, const struct gql_type *t,
    const struct gql_value *in, const struct cpath *path,
    struct gql_value *out)
{
	struct buf	msg = BUF_INIT, b = BUF_INIT;
	int		plain = 0;

	if (gql_coerce_scalar_value(c->schema, t, in, c->arena, out, &msg,
	    &plain) == 0 && out->kind != GQL_V_UNDEFINED) {
		buf_free(&msg);
		return 0;
	}
	if (plain || msg.len == 0)
		buf_addf(&b, "Expected type \"%s\".%s", t->name,
		    msg.len ? " " : "");
	buf_add(&b, msg.data, msg.len);
	coerce_report(c, path, in, buf_cstr(&b));
	buf_free(&msg);
	buf_free(&b);
	return -1;
}

/*
 * Coerce one variable to its type `t` (NULL: not an input type); 0: *out
 * set (maybe UNDEFINED), 1: left out.
 */
static int
coerce_variable(struct coerce *c, const struct gql_ast_var_def *vd,
    const struct gql_typeref *t, const struct gql_value *inputs,
    struct gql_value *out)
{
	const struct gql_typeref	*u;
	const struct gql_value		*in;
	struct buf			 b = BUF_INIT;

	if (t == NULL) {
		gql_ast_print_type(vd->type, &b);
		coerce_var_error(c, vd->type->loc, "Variable \"$%s\" expected "
		    "value of type \"%s\" which cannot be used as an input "
		    "type.", vd->name.s, buf_cstr(&b));
		buf_free(&b);
		return 1;
	}
	in = gql_value_getn(inputs, vd->name.s, vd->name.len);
	if (in == NULL) {
		if (vd->default_value != NULL) {
			if (gql_coerce_literal(c->schema, t, vd->default_value,
			    NULL, c->arena, out) == -1)
				memset(out, 0, sizeof(*out));
			return 0;
		}
		if (t->kind == GQL_WRAP_NON_NULL) {
			gql_typeref_print(t, &b);
			coerce_var_error(c, vd->loc, "Variable \"$%s\" of "
			    "required type \"%s\" was not provided.",
			    vd->name.s, buf_cstr(&b));
			buf_free(&b);
		}
		return 1;
	}
	if (in->kind == GQL_V_NULL && t->kind == GQL_WRAP_NON_NULL) {
		gql_typeref_print(t, &b);
		coerce_var_error(c, vd->loc, "Variable \"$%s\" of non-null type "
		    "\"%s\" must not be null.", vd->name.s, buf_cstr(&b));
		buf_free(&b);
		return 1;
	}
	/* A leaf that coerces to itself, as coerce_input() would see it. */
	u = t->kind == GQL_WRAP_NON_NULL ? t->of : t;
	if (u->kind == GQL_WRAP_NAMED && !gql_value_is_nullish(in) &&
	    coerce_leaf_fast(c->schema, u->named, in, out))
		return 0;
	c->var = vd;
	if (coerce_input(c, t, in, NULL, out) == -1)
		memset(out, 0, sizeof(*out));
	c->var = NULL;
	return 0;
}

/*
 * Coerce the variables of an operation from the request's JSON object
 * `inputs` (NULL: none), as graphql-js getVariableValues(). `types` are
 * the variables' gql_coerce_variable_type() if known already (a prepared
 * document), else NULL.
 * A variable given twice in the operation keeps its last definition's
 * value. If `byindex` is not NULL, byindex[i] is set to the value of the
 * operation's variable i, or left alone when it was not provided.
 */
int
gql_coerce_variables(const struct gql_schema *schema,
    const struct gql_ast_operation *op,
    const struct gql_typeref *const *types, const struct gql_value *inputs,
    struct gql_arena *arena, unsigned max_errors,
    const struct gql_value **out, const struct gql_value **byindex,
    struct gql_errors *errs)
{
	struct coerce		 c;
	const struct gql_ast_var_def *vd;
	struct gql_value_field	*fields;
	struct gql_value	*obj;
	uint32_t		 n = 0, k, i;

	memset(&c, 0, sizeof(c));
	c.schema = schema;
	c.arena = arena;
	c.errs = errs;
	c.max_errors = max_errors;
	obj = gql_coerce_object(arena, op->nvars, &fields);
	for (vd = op->vars, i = 0; vd != NULL && !c.aborted;
	    vd = vd->next, i++) {
		if (coerce_variable(&c, vd, types != NULL && i < op->nvars ?
		    types[i] : gql_coerce_variable_type(schema, arena,
		    vd->type), inputs, &fields[n].value) != 0)
			continue;
		for (k = 0; k < n; k++)
			if (fields[k].name_len == vd->name.len &&
			    fields[k].name[0] == vd->name.s[0] &&
			    memcmp(fields[k].name, vd->name.s, vd->name.len) == 0)
				break;
		fields[k].name = vd->name.s;
		fields[k].name_len = vd->name.len;
		if (k < n)
			fields[k].value = fields[n].value;
		else
			n++;
		if (byindex != NULL && i < op->nvars)
			byindex[i] = &fields[k].value;
	}
	obj->count = n;
	*out = obj;
	return errs->count != 0 ? -1 : 0;
}

/* Return a variable's type if it is an input type, else NULL. */
const struct gql_typeref *
gql_coerce_variable_type(const struct gql_schema *schema,
    struct gql_arena *arena, const struct gql_ast_type *ast)
{
	const struct gql_typeref	*t;

	t = gql_typeref_from_ast(schema, arena, ast);
	return t != NULL && gql_type_is_input(gql_typeref_named(t)) ? t : NULL;
}

/* Return an empty object value with room for n fields (one allocation). */
struct gql_value *
gql_coerce_object(struct gql_arena *arena, uint32_t n,
    struct gql_value_field **fields)
{
	struct gql_value	*obj;

	obj = gql_arena_alloc(arena, sizeof(*obj) + (n ? n : 1) *
	    sizeof(**fields));
	memset(obj, 0, sizeof(*obj));
	obj->kind = GQL_V_OBJECT;
	*fields = (struct gql_value_field *)(void *)(obj + 1);
	obj->u.fields = *fields;
	return obj;
}

/*
 * Coerce a JSON value to a type, as graphql-js coerceInputValue() does
 * for one variable; -1 with the first problem's message in err.
 */
int
gql_coerce_value(const struct gql_schema *schema,
    const struct gql_typeref *t, const struct gql_value *in,
    struct gql_arena *arena, struct gql_value *out, struct buf *err)
{
	struct coerce	c;

	memset(&c, 0, sizeof(c));
	c.schema = schema;
	c.arena = arena;
	c.first = err;
	if (coerce_input(&c, t, in, NULL, out) == -1 || c.nfailed != 0)
		return -1;
	return 0;
}

/* Return the coerced default value of an input value, NULL if none. */
const struct gql_value *
gql_coerce_default(const struct gql_schema *schema,
    const struct gql_input_value *iv, struct gql_arena *arena)
{
	const struct gql_value	*bound = iv->udata;
	struct gql_value	*v;

	if (iv->default_value == NULL)
		return NULL;
	if (bound != NULL)
		return bound->kind == GQL_V_UNDEFINED ? NULL : bound;
	v = gql_arena_calloc(arena, 1, sizeof(*v));
	if (gql_coerce_literal(schema, iv->type, iv->default_value, NULL,
	    arena, v) == -1)
		return NULL;
	return v;
}

/* Coerce every default value once, into the schema (at start-up). */
void
gql_coerce_bind_defaults(struct gql_schema *s)
{
	struct gql_type	*t;
	uint32_t	 i, f;

	for (i = 0; i < s->ntypes; i++) {
		t = s->types[i];
		coerce_bind_set(s, t->input_fields, t->ninput_fields);
		for (f = 0; f < t->nfields; f++)
			coerce_bind_set(s, t->fields[f].args,
			    t->fields[f].nargs);
	}
	for (i = 0; i < s->ndirectives; i++)
		coerce_bind_set(s, s->directives[i]->args,
		    s->directives[i]->nargs);
	coerce_bind_set(s, s->meta_type->args, s->meta_type->nargs);
}

static void
coerce_bind_set(struct gql_schema *s, struct gql_input_value *iv,
    uint32_t n)
{
	struct gql_value	*v;
	uint32_t		 i;

	for (i = 0; i < n; i++) {
		if (iv[i].default_value == NULL || iv[i].udata != NULL)
			continue;
		v = gql_arena_calloc(s->arena, 1, sizeof(*v));
		if (gql_coerce_literal(s, iv[i].type, iv[i].default_value,
		    NULL, s->arena, v) == -1)
			memset(v, 0, sizeof(*v));
		iv[i].udata = v;
	}
}

static int
coerce_is_missing_var(const struct gql_ast_value *v,
    const struct gql_value *vars)
{
	const struct gql_value	*x;

	if (v->kind != GQL_VALUE_VARIABLE)
		return 0;
	x = gql_value_getn(vars, v->name.s, v->name.len);
	return x == NULL || x->kind == GQL_V_UNDEFINED;
}

/*
 * Coerce a literal to a type with the given variables (an object, or
 * NULL), as graphql-js valueFromAST(); -1 when the literal is invalid.
 */
int
gql_coerce_literal(const struct gql_schema *schema,
    const struct gql_typeref *t, const struct gql_ast_value *v,
    const struct gql_value *vars, struct gql_arena *arena,
    struct gql_value *out)
{
	const struct gql_ast_value	*item;
	const struct gql_value		*x;
	struct gql_value		*items;
	uint32_t			 i;

	if (v->kind == GQL_VALUE_VARIABLE) {
		x = gql_value_getn(vars, v->name.s, v->name.len);
		if (x == NULL || x->kind == GQL_V_UNDEFINED)
			return -1;
		if (x->kind == GQL_V_NULL && t->kind == GQL_WRAP_NON_NULL)
			return -1;
		*out = *x;
		return 0;
	}
	if (t->kind == GQL_WRAP_NON_NULL) {
		if (v->kind == GQL_VALUE_NULL)
			return -1;
		return gql_coerce_literal(schema, t->of, v, vars, arena, out);
	}
	if (v->kind == GQL_VALUE_NULL) {
		gql_value_set_null(out);
		return 0;
	}
	if (t->kind == GQL_WRAP_LIST) {
		if (v->kind != GQL_VALUE_LIST) {
			items = gql_arena_alloc(arena, sizeof(*items));
			if (gql_coerce_literal(schema, t->of, v, vars, arena,
			    items) == -1)
				return -1;
			memset(out, 0, sizeof(*out));
			out->kind = GQL_V_LIST;
			out->count = 1;
			out->u.items = items;
			return 0;
		}
		items = gql_arena_calloc(arena, v->count ? v->count : 1,
		    sizeof(*items));
		for (i = 0, item = v->items; item != NULL && i < v->count;
		    item = item->next, i++) {
			if (coerce_is_missing_var(item, vars)) {
				if (t->of->kind == GQL_WRAP_NON_NULL)
					return -1;
				gql_value_set_null(&items[i]);
			} else if (gql_coerce_literal(schema, t->of, item, vars,
			    arena, &items[i]) == -1)
				return -1;
		}
		memset(out, 0, sizeof(*out));
		out->kind = GQL_V_LIST;
		out->count = i;
		out->u.items = items;
		return 0;
	}
	if (t->named->kind == GQL_KIND_INPUT_OBJECT)
		return coerce_literal_object(schema, t->named, v, vars, arena,
		    out);
	return gql_coerce_scalar_literal(schema, t->named, v, vars, arena,
	    out);
}

static int
coerce_literal_object(const struct gql_schema *schema,
    const struct gql_type *t, const struct gql_ast_value *v,
    const struct gql_value *vars, struct gql_arena *arena,
    struct gql_value *out)
{
	const struct gql_ast_object_field	*f, *found;
	const struct gql_input_value		*def;
	const struct gql_value			*dflt;
	struct gql_value_field			*fields;
	uint32_t				 i, n = 0;

	if (v->kind != GQL_VALUE_OBJECT)
		return -1;
	fields = coerce_fields(arena, t->ninput_fields);
	for (i = 0; i < t->ninput_fields; i++) {
		def = &t->input_fields[i];
		for (found = NULL, f = v->fields; f != NULL; f = f->next)
			if (gql_name_eqn(&f->name, def->name, def->name_len))
				found = f;	/* the last one wins */
		if (found == NULL || coerce_is_missing_var(found->value, vars)) {
			if ((dflt = gql_coerce_default(schema, def, arena)) !=
			    NULL) {
				fields[n].name = def->name;
				fields[n].name_len = def->name_len;
				fields[n++].value = *dflt;
			} else if (def->type->kind == GQL_WRAP_NON_NULL)
				return -1;
			continue;
		}
		fields[n].name = def->name;
		fields[n].name_len = def->name_len;
		if (gql_coerce_literal(schema, def->type, found->value, vars,
		    arena, &fields[n++].value) == -1)
			return -1;
	}
	if (t->one_of && (n != 1 || fields[0].value.kind == GQL_V_NULL))
		return -1;
	memset(out, 0, sizeof(*out));
	out->kind = GQL_V_OBJECT;
	out->count = n;
	out->u.fields = fields;
	return 0;
}

/* Convert a literal to a plain value, as graphql-js valueFromASTUntyped. */
void
gql_coerce_literal_untyped(const struct gql_ast_value *v,
    const struct gql_value *vars, struct gql_arena *arena,
    struct gql_value *out)
{
	const struct gql_ast_value		*item;
	const struct gql_ast_object_field	*f;
	const struct gql_value			*x;
	struct gql_value			*items;
	struct gql_value_field			*fields;
	uint32_t				 i, k, n = 0;

	memset(out, 0, sizeof(*out));
	switch (v->kind) {
	case GQL_VALUE_NULL:
		out->kind = GQL_V_NULL;
		break;
	case GQL_VALUE_INT:
	case GQL_VALUE_FLOAT:
		gql_value_set_number(out, strtod(v->str, NULL));
		if (v->kind == GQL_VALUE_FLOAT && out->kind == GQL_V_INT)
			gql_value_set_number(out, (double)out->u.i);
		break;
	case GQL_VALUE_STRING:
	case GQL_VALUE_ENUM:
		if (v->kind == GQL_VALUE_ENUM)
			gql_value_set_string(out, v->name.s, v->name.len);
		else
			gql_value_set_string(out, v->str, v->len);
		break;
	case GQL_VALUE_BOOLEAN:
		gql_value_set_boolean(out, v->boolean);
		break;
	case GQL_VALUE_VARIABLE:
		x = gql_value_getn(vars, v->name.s, v->name.len);
		if (x != NULL)
			*out = *x;
		break;
	case GQL_VALUE_LIST:
		items = gql_arena_calloc(arena, v->count ? v->count : 1,
		    sizeof(*items));
		for (i = 0, item = v->items; item != NULL && i < v->count;
		    item = item->next, i++)
			gql_coerce_literal_untyped(item, vars, arena, &items[i]);
		out->kind = GQL_V_LIST;
		out->count = i;
		out->u.items = items;
		break;
	case GQL_VALUE_OBJECT:
		fields = coerce_fields(arena, v->count);
		for (f = v->fields; f != NULL && n < v->count; f = f->next) {
			for (k = 0; k < n; k++)
				if (gql_name_eqn(&f->name, fields[k].name,
				    fields[k].name_len))
					break;
			fields[k].name = f->name.s;
			fields[k].name_len = f->name.len;
			gql_coerce_literal_untyped(f->value, vars, arena,
			    &fields[k].value);
			if (k == n)
				n++;
		}
		out->kind = GQL_V_OBJECT;
		out->count = n;
		out->u.fields = fields;
		break;
	}
}

/* The argument of a node named by len bytes at name (the last one). */
const struct gql_ast_argument *
gql_coerce_find_arg(const struct gql_ast_argument *args, const char *name,
    size_t len)
{
	const struct gql_ast_argument	*a, *found = NULL;

	for (a = args; a != NULL; a = a->next)
		if (a->name.len == len && a->name.s[0] == name[0] &&
		    memcmp(a->name.s, name, len) == 0)
			found = a;	/* keyMap(): the last one wins */
	return found;
}

/*
 * Coerce the arguments of a field or directive (`defs`) given at a node
 * (`args`, located at `loc`), as graphql-js getArgumentValues().
 */
int
gql_coerce_arguments(const struct gql_schema *schema,
    const struct gql_input_value *defs, uint32_t ndefs,
    const struct gql_ast_argument *args, struct gql_loc loc,
    const struct gql_value *vars, struct gql_arena *arena,
    const struct gql_value **out, struct gql_error *err)
{
	struct gql_value_field	*fields;
	struct gql_value	*obj;
	uint32_t		 i, n = 0;
	int			 rc;

	gql_error_clear(err);
	obj = gql_coerce_object(arena, ndefs, &fields);
	for (i = 0; i < ndefs; i++) {
		rc = gql_coerce_argument(schema, &defs[i], args, loc, vars,
		    arena, &fields[n].value, err);
		if (rc == -1)
			return -1;
		if (rc == 1)
			continue;
		fields[n].name = defs[i].name;
		fields[n++].name_len = defs[i].name_len;
	}
	obj->count = n;
	*out = obj;
	return 0;
}

/*
 * One argument of CoerceArgumentValues, `def`, from a node's arguments:
 * 0 and *out, 1 when it is left out, -1 and err.
 */
int
gql_coerce_argument(const struct gql_schema *schema,
    const struct gql_input_value *def, const struct gql_ast_argument *args,
    struct gql_loc loc, const struct gql_value *vars,
    struct gql_arena *arena, struct gql_value *out, struct gql_error *err)
{
	const struct gql_ast_argument	*a;
	const struct gql_value		*x = NULL;
	struct buf			 b = BUF_INIT;
	int				 is_null, nn;

	nn = def->type->kind == GQL_WRAP_NON_NULL;
	a = gql_coerce_find_arg(args, def->name, def->name_len);
	if (a != NULL && a->value->kind == GQL_VALUE_VARIABLE)
		x = gql_value_getn(vars, a->value->name.s, a->value->name.len);
	if (a == NULL || (a->value->kind == GQL_VALUE_VARIABLE && x == NULL))
		return coerce_argument_missing(schema, def, a, loc, arena, out,
		    err);
	is_null = x != NULL ? gql_value_is_nullish(x) :
	    a->value->kind == GQL_VALUE_NULL;
	if (is_null && nn) {
		gql_typeref_print(def->type, &b);
		gql_error_set(err, GQL_ERR_EXECUTION, a->value->loc, "Argument "
		    "\"%s\" of non-null type \"%s\" must not be null.",
		    def->name, buf_cstr(&b));
		buf_free(&b);
		return -1;
	}
	/* A variable is taken as it is (valueFromAST() of a variable). */
	if (x != NULL && x->kind != GQL_V_UNDEFINED) {
		*out = *x;
		return 0;
	}
	if (x != NULL || gql_coerce_literal(schema, def->type, a->value, vars,
	    arena, out) == -1) {
		gql_ast_print_value(a->value, &b);
		gql_error_set(err, GQL_ERR_EXECUTION, a->value->loc, "Argument "
		    "\"%s\" has invalid value %s.", def->name, buf_cstr(&b));
		buf_free(&b);
		return -1;
	}
	return 0;
}

/* An argument not given, or given a variable the request lacks. */
static int
coerce_argument_missing(const struct gql_schema *schema,
    const struct gql_input_value *def, const struct gql_ast_argument *a,
    struct gql_loc loc, struct gql_arena *arena, struct gql_value *out,
    struct gql_error *err)
{
	const struct gql_value	*dflt;
	struct buf		 b = BUF_INIT;

	if ((dflt = gql_coerce_default(schema, def, arena)) != NULL) {
		*out = *dflt;
		return 0;
	}
	if (def->type->kind != GQL_WRAP_NON_NULL)
		return 1;
	gql_typeref_print(def->type, &b);
	if (a == NULL)
		gql_error_set(err, GQL_ERR_EXECUTION, loc, "Argument \"%s\" of "
		    "required type \"%s\" was not provided.", def->name,
		    buf_cstr(&b));
	else
		gql_error_set(err, GQL_ERR_EXECUTION, a->value->loc,
		    "Argument \"%s\" of required type \"%s\" was provided the "
		    "variable \"$%s\" which was not provided a runtime value.",
		    def->name, buf_cstr(&b), a->value->name.s);
	buf_free(&b);
	return -1;
}
