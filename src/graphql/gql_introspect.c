/*
 * gql_introspect.c: the introspection system (spec 4.2) as graphql-js
 * 16.15 answers it: __schema, __type(name:) and the fields of __Schema,
 * __Type, __Field, __InputValue, __EnumValue and __Directive, including
 * what 16.15 adds to the October 2021 spec (includeDeprecated on args and
 * input fields, __Directive.isDeprecated, __Type.isOneOf), so the
 * standard IntrospectionQuery rebuilds the schema with buildClientSchema.
 *
 * The objects handed around are the schema model itself: a __Type is a
 * const struct gql_typeref * (a named type is its own `ref`, wrappers are
 * LIST / NON_NULL references), a __Field a struct gql_field, and so on.
 * defaultValue is graphql-js's print(astFromValue(default, type)): the
 * default is coerced, then printed back as a literal, so input object
 * defaults show their fields' own defaults in definition order.
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "common/buf.h"
#include "graphql/gql_arena.h"
#include "graphql/gql_coerce.h"
#include "graphql/gql_exec_int.h"
#include "graphql/gql_json.h"

#define IS_REF(i)	((const struct gql_typeref *)(i)->parent)
#define IS_NAMED(i)	(IS_REF(i)->kind == GQL_WRAP_NAMED ? \
			    IS_REF(i)->named : NULL)

/* A filtered walk over an array (fields, args, values, directives). */
struct walk {
	const void	*base;
	size_t		 size;		/* of one element */
	uint32_t	 n;
	uint32_t	 i;
	int		 all;		/* includeDeprecated */
	int		 indirect;	/* base is an array of pointers */
	int		 kind;		/* what the deprecation flag is on */
};

enum walk_kind { W_FIELD, W_INPUT, W_ENUM, W_DIRECTIVE, W_TYPE };

static int	 is_include_deprecated(const struct gql_resolve_info *);
static void	 is_walk(const struct gql_resolve_info *, struct gql_result *,
		    const void *, size_t, uint32_t, int, int);
static int	 is_walk_next(const struct gql_resolve_info *, void *,
		    struct gql_result *);
static void	 is_string(struct gql_result *, const char *);
static void	 is_ref(struct gql_result *, const struct gql_typeref *);
static void	 is_named_list(const struct gql_resolve_info *,
		    struct gql_result *, struct gql_type **, uint32_t);
static void	 is_dirloc_item(const struct gql_resolve_info *, void *,
		    size_t, struct gql_result *);
static const struct gql_ast_directive_def *is_directive_ast(
		    const struct gql_schema *, const struct gql_directive_def *);
static int	 is_print_default(const struct gql_resolve_info *,
		    const struct gql_typeref *, const struct gql_value *,
		    struct buf *, struct buf *);
static int	 is_print_leaf(const struct gql_resolve_info *,
		    const struct gql_type *, const struct gql_value *,
		    struct buf *, struct buf *);
static int	 is_int_string(const char *, size_t);

static void	 is_schema_description(const struct gql_resolve_info *,
		    struct gql_result *);
static void	 is_schema_types(const struct gql_resolve_info *,
		    struct gql_result *);
static void	 is_schema_query(const struct gql_resolve_info *,
		    struct gql_result *);
static void	 is_schema_mutation(const struct gql_resolve_info *,
		    struct gql_result *);
static void	 is_schema_subscription(const struct gql_resolve_info *,
		    struct gql_result *);
static void	 is_schema_directives(const struct gql_resolve_info *,
		    struct gql_result *);
static void	 is_type_kind(const struct gql_resolve_info *,
		    struct gql_result *);
static void	 is_type_name(const struct gql_resolve_info *,
		    struct gql_result *);
static void	 is_type_description(const struct gql_resolve_info *,
		    struct gql_result *);
static void	 is_type_specified_by(const struct gql_resolve_info *,
		    struct gql_result *);
static void	 is_type_fields(const struct gql_resolve_info *,
		    struct gql_result *);
static void	 is_type_interfaces(const struct gql_resolve_info *,
		    struct gql_result *);
static void	 is_type_possible(const struct gql_resolve_info *,
		    struct gql_result *);
static void	 is_type_enum_values(const struct gql_resolve_info *,
		    struct gql_result *);
static void	 is_type_input_fields(const struct gql_resolve_info *,
		    struct gql_result *);
static void	 is_type_of_type(const struct gql_resolve_info *,
		    struct gql_result *);
static void	 is_type_one_of(const struct gql_resolve_info *,
		    struct gql_result *);
static void	 is_field_name(const struct gql_resolve_info *,
		    struct gql_result *);
static void	 is_field_description(const struct gql_resolve_info *,
		    struct gql_result *);
static void	 is_field_args(const struct gql_resolve_info *,
		    struct gql_result *);
static void	 is_field_type(const struct gql_resolve_info *,
		    struct gql_result *);
static void	 is_field_deprecated(const struct gql_resolve_info *,
		    struct gql_result *);
static void	 is_field_reason(const struct gql_resolve_info *,
		    struct gql_result *);
static void	 is_input_name(const struct gql_resolve_info *,
		    struct gql_result *);
static void	 is_input_description(const struct gql_resolve_info *,
		    struct gql_result *);
static void	 is_input_type(const struct gql_resolve_info *,
		    struct gql_result *);
static void	 is_input_default(const struct gql_resolve_info *,
		    struct gql_result *);
static void	 is_input_deprecated(const struct gql_resolve_info *,
		    struct gql_result *);
static void	 is_input_reason(const struct gql_resolve_info *,
		    struct gql_result *);
static void	 is_enum_name(const struct gql_resolve_info *,
		    struct gql_result *);
static void	 is_enum_description(const struct gql_resolve_info *,
		    struct gql_result *);
static void	 is_enum_deprecated(const struct gql_resolve_info *,
		    struct gql_result *);
static void	 is_enum_reason(const struct gql_resolve_info *,
		    struct gql_result *);
static void	 is_dir_name(const struct gql_resolve_info *,
		    struct gql_result *);
static void	 is_dir_description(const struct gql_resolve_info *,
		    struct gql_result *);
static void	 is_dir_repeatable(const struct gql_resolve_info *,
		    struct gql_result *);
static void	 is_dir_locations(const struct gql_resolve_info *,
		    struct gql_result *);
static void	 is_dir_args(const struct gql_resolve_info *,
		    struct gql_result *);
static void	 is_dir_deprecated(const struct gql_resolve_info *,
		    struct gql_result *);
static void	 is_dir_reason(const struct gql_resolve_info *,
		    struct gql_result *);

/* Every introspection field; gql_bind() binds them like any other. */
const struct gql_field_binding gql_introspect_bindings[] = {
	{ "__Schema.description", is_schema_description, NULL, NULL },
	{ "__Schema.types", is_schema_types, NULL, NULL },
	{ "__Schema.queryType", is_schema_query, NULL, NULL },
	{ "__Schema.mutationType", is_schema_mutation, NULL, NULL },
	{ "__Schema.subscriptionType", is_schema_subscription, NULL, NULL },
	{ "__Schema.directives", is_schema_directives, NULL, NULL },
	{ "__Type.kind", is_type_kind, NULL, NULL },
	{ "__Type.name", is_type_name, NULL, NULL },
	{ "__Type.description", is_type_description, NULL, NULL },
	{ "__Type.specifiedByURL", is_type_specified_by, NULL, NULL },
	{ "__Type.fields", is_type_fields, NULL, NULL },
	{ "__Type.interfaces", is_type_interfaces, NULL, NULL },
	{ "__Type.possibleTypes", is_type_possible, NULL, NULL },
	{ "__Type.enumValues", is_type_enum_values, NULL, NULL },
	{ "__Type.inputFields", is_type_input_fields, NULL, NULL },
	{ "__Type.ofType", is_type_of_type, NULL, NULL },
	{ "__Type.isOneOf", is_type_one_of, NULL, NULL },
	{ "__Field.name", is_field_name, NULL, NULL },
	{ "__Field.description", is_field_description, NULL, NULL },
	{ "__Field.args", is_field_args, NULL, NULL },
	{ "__Field.type", is_field_type, NULL, NULL },
	{ "__Field.isDeprecated", is_field_deprecated, NULL, NULL },
	{ "__Field.deprecationReason", is_field_reason, NULL, NULL },
	{ "__InputValue.name", is_input_name, NULL, NULL },
	{ "__InputValue.description", is_input_description, NULL, NULL },
	{ "__InputValue.type", is_input_type, NULL, NULL },
	{ "__InputValue.defaultValue", is_input_default, NULL, NULL },
	{ "__InputValue.isDeprecated", is_input_deprecated, NULL, NULL },
	{ "__InputValue.deprecationReason", is_input_reason, NULL, NULL },
	{ "__EnumValue.name", is_enum_name, NULL, NULL },
	{ "__EnumValue.description", is_enum_description, NULL, NULL },
	{ "__EnumValue.isDeprecated", is_enum_deprecated, NULL, NULL },
	{ "__EnumValue.deprecationReason", is_enum_reason, NULL, NULL },
	{ "__Directive.name", is_dir_name, NULL, NULL },
	{ "__Directive.description", is_dir_description, NULL, NULL },
	{ "__Directive.isRepeatable", is_dir_repeatable, NULL, NULL },
	{ "__Directive.locations", is_dir_locations, NULL, NULL },
	{ "__Directive.args", is_dir_args, NULL, NULL },
	{ "__Directive.isDeprecated", is_dir_deprecated, NULL, NULL },
	{ "__Directive.deprecationReason", is_dir_reason, NULL, NULL },
};
const size_t gql_introspect_nbindings =
    sizeof(gql_introspect_bindings) / sizeof(gql_introspect_bindings[0]);

/* The resolver of an introspection field, or NULL. */
gql_resolve_fn
gql_introspect_resolver(const struct gql_field *f)
{
	const char	*coord;
	size_t		 i, tl;

	if (f->owner == NULL)
		return NULL;
	tl = f->owner->name_len;
	for (i = 0; i < gql_introspect_nbindings; i++) {
		coord = gql_introspect_bindings[i].coord;
		if (strncmp(coord, f->owner->name, tl) == 0 &&
		    coord[tl] == '.' && strcmp(coord + tl + 1, f->name) == 0)
			return gql_introspect_bindings[i].resolve;
	}
	return NULL;
}

/* Query.__schema: the schema itself. */
void
gql_introspect_schema(const struct gql_resolve_info *info,
    struct gql_result *r)
{
	gql_result_object(r, (void *)(uintptr_t)info->schema, NULL);
}

/* Query.__type(name:): the named type, or null. */
void
gql_introspect_type(const struct gql_resolve_info *info,
    struct gql_result *r)
{
	const struct gql_value	*name = gql_arg(info, "name");
	const struct gql_type	*t;

	if (name == NULL || name->kind != GQL_V_STRING ||
	    (t = gql_schema_type(info->schema, name->u.str.s,
	    name->u.str.len)) == NULL) {
		gql_result_null(r);
		return;
	}
	is_ref(r, &t->ref);
}

static int
is_include_deprecated(const struct gql_resolve_info *info)
{
	const struct gql_value	*v = gql_arg(info, "includeDeprecated");

	return v != NULL && v->kind == GQL_V_BOOLEAN && v->u.boolean;
}

static void
is_string(struct gql_result *r, const char *s)
{
	if (s == NULL)
		gql_result_null(r);
	else
		gql_result_cstring(r, s);
}

static void
is_ref(struct gql_result *r, const struct gql_typeref *ref)
{
	if (ref == NULL)
		gql_result_null(r);
	else
		gql_result_object(r, (void *)(uintptr_t)ref, NULL);
}

static void
is_walk(const struct gql_resolve_info *info, struct gql_result *r,
    const void *base, size_t size, uint32_t n, int kind, int indirect)
{
	struct walk	*w;

	w = gql_exec_alloc(info, sizeof(*w));
	w->base = base;
	w->size = size;
	w->n = n;
	w->i = 0;
	w->all = kind == W_TYPE || is_include_deprecated(info);
	w->kind = kind;
	w->indirect = indirect;
	gql_result_iter(r, w, is_walk_next);
}

static int
is_walk_next(const struct gql_resolve_info *info, void *arg,
    struct gql_result *r)
{
	struct walk	*w = arg;
	const void	*e;
	int		 dep;

	(void)info;
	while (w->i < w->n) {
		e = (const char *)w->base + (size_t)w->i++ * w->size;
		if (w->indirect)
			e = *(const void *const *)e;
		switch (w->kind) {
		case W_FIELD:
			dep = ((const struct gql_field *)e)->deprecated;
			break;
		case W_INPUT:
			dep = ((const struct gql_input_value *)e)->deprecated;
			break;
		case W_ENUM:
			dep = ((const struct gql_enum_value *)e)->deprecated;
			break;
		case W_DIRECTIVE:
			dep = ((const struct gql_directive_def *)e)->deprecated;
			break;
		default:
			dep = 0;
			e = &((const struct gql_type *)e)->ref;
			break;
		}
		if (dep && !w->all)
			continue;
		gql_result_object(r, (void *)(uintptr_t)e, NULL);
		return 1;
	}
	return 0;
}

static void
is_named_list(const struct gql_resolve_info *info, struct gql_result *r,
    struct gql_type **types, uint32_t n)
{
	is_walk(info, r, types, sizeof(*types), n, W_TYPE, 1);
}

static void
is_schema_description(const struct gql_resolve_info *info,
    struct gql_result *r)
{
	is_string(r, info->schema->description);
}

static void
is_schema_types(const struct gql_resolve_info *info, struct gql_result *r)
{
	is_named_list(info, r, info->schema->types, info->schema->ntypes);
}

static void
is_schema_query(const struct gql_resolve_info *info, struct gql_result *r)
{
	is_ref(r, &info->schema->query->ref);
}

static void
is_schema_mutation(const struct gql_resolve_info *info,
    struct gql_result *r)
{
	is_ref(r, info->schema->mutation ? &info->schema->mutation->ref :
	    NULL);
}

static void
is_schema_subscription(const struct gql_resolve_info *info,
    struct gql_result *r)
{
	is_ref(r, info->schema->subscription ?
	    &info->schema->subscription->ref : NULL);
}

static void
is_schema_directives(const struct gql_resolve_info *info,
    struct gql_result *r)
{
	is_walk(info, r, info->schema->directives,
	    sizeof(*info->schema->directives), info->schema->ndirectives,
	    W_DIRECTIVE, 1);
}

static void
is_type_kind(const struct gql_resolve_info *info, struct gql_result *r)
{
	const struct gql_typeref	*ref = IS_REF(info);

	if (ref->kind == GQL_WRAP_LIST)
		gql_result_enum(r, "LIST");
	else if (ref->kind == GQL_WRAP_NON_NULL)
		gql_result_enum(r, "NON_NULL");
	else
		gql_result_enum(r, gql_kind_name(ref->named->kind));
}

static void
is_type_name(const struct gql_resolve_info *info, struct gql_result *r)
{
	const struct gql_type	*t = IS_NAMED(info);

	if (t == NULL)
		gql_result_null(r);
	else
		gql_result_string(r, t->name, t->name_len);
}

static void
is_type_description(const struct gql_resolve_info *info,
    struct gql_result *r)
{
	const struct gql_type	*t = IS_NAMED(info);

	is_string(r, t != NULL ? t->description : NULL);
}

static void
is_type_specified_by(const struct gql_resolve_info *info,
    struct gql_result *r)
{
	const struct gql_type	*t = IS_NAMED(info);

	is_string(r, t != NULL && t->kind == GQL_KIND_SCALAR ?
	    t->specified_by_url : NULL);
}

static void
is_type_fields(const struct gql_resolve_info *info, struct gql_result *r)
{
	const struct gql_type	*t = IS_NAMED(info);

	if (t == NULL || (t->kind != GQL_KIND_OBJECT &&
	    t->kind != GQL_KIND_INTERFACE))
		gql_result_null(r);
	else
		is_walk(info, r, t->fields, sizeof(*t->fields), t->nfields,
		    W_FIELD, 0);
}

static void
is_type_interfaces(const struct gql_resolve_info *info, struct gql_result *r)
{
	const struct gql_type	*t = IS_NAMED(info);

	if (t == NULL || (t->kind != GQL_KIND_OBJECT &&
	    t->kind != GQL_KIND_INTERFACE))
		gql_result_null(r);
	else
		is_named_list(info, r, t->interfaces, t->ninterfaces);
}

static void
is_type_possible(const struct gql_resolve_info *info, struct gql_result *r)
{
	const struct gql_type	*t = IS_NAMED(info);

	if (t == NULL || !gql_type_is_abstract(t))
		gql_result_null(r);
	else
		is_named_list(info, r, t->possible, t->npossible);
}

static void
is_type_enum_values(const struct gql_resolve_info *info,
    struct gql_result *r)
{
	const struct gql_type	*t = IS_NAMED(info);

	if (t == NULL || t->kind != GQL_KIND_ENUM)
		gql_result_null(r);
	else
		is_walk(info, r, t->values, sizeof(*t->values), t->nvalues,
		    W_ENUM, 0);
}

static void
is_type_input_fields(const struct gql_resolve_info *info,
    struct gql_result *r)
{
	const struct gql_type	*t = IS_NAMED(info);

	if (t == NULL || t->kind != GQL_KIND_INPUT_OBJECT)
		gql_result_null(r);
	else
		is_walk(info, r, t->input_fields, sizeof(*t->input_fields),
		    t->ninput_fields, W_INPUT, 0);
}

static void
is_type_of_type(const struct gql_resolve_info *info, struct gql_result *r)
{
	const struct gql_typeref	*ref = IS_REF(info);

	is_ref(r, ref->kind == GQL_WRAP_NAMED ? NULL : ref->of);
}

static void
is_type_one_of(const struct gql_resolve_info *info, struct gql_result *r)
{
	const struct gql_type	*t = IS_NAMED(info);

	if (t == NULL || t->kind != GQL_KIND_INPUT_OBJECT)
		gql_result_null(r);
	else
		gql_result_boolean(r, t->one_of);
}

#define FIELD(i)	((const struct gql_field *)(i)->parent)
#define INPUT(i)	((const struct gql_input_value *)(i)->parent)
#define ENUMV(i)	((const struct gql_enum_value *)(i)->parent)
#define DIR(i)		((const struct gql_directive_def *)(i)->parent)

static void
is_field_name(const struct gql_resolve_info *info, struct gql_result *r)
{
	gql_result_string(r, FIELD(info)->name, FIELD(info)->name_len);
}

static void
is_field_description(const struct gql_resolve_info *info,
    struct gql_result *r)
{
	is_string(r, FIELD(info)->description);
}

static void
is_field_args(const struct gql_resolve_info *info, struct gql_result *r)
{
	is_walk(info, r, FIELD(info)->args, sizeof(*FIELD(info)->args),
	    FIELD(info)->nargs, W_INPUT, 0);
}

static void
is_field_type(const struct gql_resolve_info *info, struct gql_result *r)
{
	is_ref(r, FIELD(info)->type);
}

static void
is_field_deprecated(const struct gql_resolve_info *info,
    struct gql_result *r)
{
	gql_result_boolean(r, FIELD(info)->deprecated);
}

static void
is_field_reason(const struct gql_resolve_info *info, struct gql_result *r)
{
	is_string(r, FIELD(info)->deprecated ?
	    FIELD(info)->deprecation_reason : NULL);
}

static void
is_input_name(const struct gql_resolve_info *info, struct gql_result *r)
{
	gql_result_string(r, INPUT(info)->name, INPUT(info)->name_len);
}

static void
is_input_description(const struct gql_resolve_info *info,
    struct gql_result *r)
{
	is_string(r, INPUT(info)->description);
}

static void
is_input_type(const struct gql_resolve_info *info, struct gql_result *r)
{
	is_ref(r, INPUT(info)->type);
}

static void
is_input_deprecated(const struct gql_resolve_info *info,
    struct gql_result *r)
{
	gql_result_boolean(r, INPUT(info)->deprecated);
}

static void
is_input_reason(const struct gql_resolve_info *info, struct gql_result *r)
{
	is_string(r, INPUT(info)->deprecated ?
	    INPUT(info)->deprecation_reason : NULL);
}

/* print(astFromValue(defaultValue, type)), or null. */
static void
is_input_default(const struct gql_resolve_info *info, struct gql_result *r)
{
	const struct gql_input_value	*iv = INPUT(info);
	const struct gql_value		*v;
	struct buf			 b = BUF_INIT, err = BUF_INIT;
	int				 rc;

	if (iv->default_value == NULL || (v = gql_coerce_default(info->schema,
	    iv, info->exec->arena)) == NULL) {
		gql_result_null(r);
		return;
	}
	rc = is_print_default(info, iv->type, v, &b, &err);
	if (rc == -1)
		gql_result_error(r, gql_arena_strndup(info->exec->arena,
		    buf_cstr(&err), err.len), NULL);
	else if (rc == 1)
		gql_result_null(r);
	else
		gql_result_string(r, gql_arena_strndup(info->exec->arena,
		    b.data, b.len), b.len);
	buf_free(&b);
	buf_free(&err);
}

/* 0: printed; 1: no literal (astFromValue gives null); -1: error. */
static int
is_print_default(const struct gql_resolve_info *info,
    const struct gql_typeref *t, const struct gql_value *v, struct buf *b,
    struct buf *err)
{
	const struct gql_input_value	*def;
	const struct gql_value		*fv;
	size_t				 mark = b->len;
	uint32_t			 i;
	int				 n = 0, rc;

	if (t->kind == GQL_WRAP_NON_NULL)
		return v->kind == GQL_V_NULL ? 1 :
		    is_print_default(info, t->of, v, b, err);
	if (v->kind == GQL_V_NULL) {
		buf_add(b, "null", 4);
		return 0;
	}
	if (v->kind == GQL_V_UNDEFINED)
		return 1;
	if (t->kind == GQL_WRAP_LIST) {
		if (v->kind != GQL_V_LIST)
			return is_print_default(info, t->of, v, b, err);
		buf_addc(b, '[');
		for (i = 0; i < v->count; i++) {
			if (n > 0)
				buf_add(b, ", ", 2);
			if ((rc = is_print_default(info, t->of, &v->u.items[i],
			    b, err)) == -1)
				return -1;
			if (rc == 0)
				n++;
			else if (n > 0)
				b->len -= 2;
		}
		buf_addc(b, ']');
		return 0;
	}
	if (t->named->kind != GQL_KIND_INPUT_OBJECT)
		return is_print_leaf(info, t->named, v, b, err);
	if (v->kind != GQL_V_OBJECT)
		return 1;
	buf_addc(b, '{');
	for (i = 0; i < t->named->ninput_fields; i++) {
		def = &t->named->input_fields[i];
		if ((fv = gql_value_getn(v, def->name, def->name_len)) == NULL)
			continue;
		mark = b->len;
		if (n > 0)
			buf_add(b, ", ", 2);
		buf_addf(b, "%s: ", def->name);
		if ((rc = is_print_default(info, def->type, fv, b, err)) == -1)
			return -1;
		if (rc == 1)
			b->len = mark;
		else
			n++;
	}
	buf_addc(b, '}');
	return 0;
}

/* A leaf: serialize, then the literal of what JavaScript would hold. */
static int
is_print_leaf(const struct gql_resolve_info *info, const struct gql_type *t,
    const struct gql_value *v, struct buf *b, struct buf *err)
{
	struct gql_result	 res;
	struct buf		 json = BUF_INIT;
	const struct gql_value	*s;
	char			 msg[64];

	gql_result_value(&res, v);
	if (gql_coerce_scalar_serialize(info->schema, t, &res, &json,
	    err) == -1) {
		buf_free(&json);
		return -1;
	}
	s = gql_json_parse(json.data, json.len, info->exec->arena, 0, msg,
	    sizeof(msg));
	buf_free(&json);
	if (s == NULL || s->kind == GQL_V_NULL)
		return 1;
	switch (s->kind) {
	case GQL_V_BOOLEAN:
		buf_adds(b, s->u.boolean ? "true" : "false");
		return 0;
	case GQL_V_INT:
	case GQL_V_FLOAT:
		if (s->kind == GQL_V_FLOAT && !isfinite(s->u.f))
			break;
		gql_json_format_number(b, s->kind == GQL_V_INT ?
		    (double)s->u.i : s->u.f);
		return 0;
	case GQL_V_STRING:
		if (t->kind == GQL_KIND_ENUM || (t == info->schema->t_id &&
		    is_int_string(s->u.str.s, s->u.str.len)))
			buf_add(b, s->u.str.s, s->u.str.len);
		else
			gql_ast_print_string(s->u.str.s, s->u.str.len, 0, b);
		return 0;
	default:
		break;
	}
	buf_adds(err, "Cannot convert value to AST: ");
	gql_value_inspect(s, err);
	buf_addc(err, '.');
	return -1;
}

/* graphql-js integerStringRegExp: /^-?(?:0|[1-9][0-9]*)$/ */
static int
is_int_string(const char *s, size_t len)
{
	size_t	i = 0;

	if (i < len && s[i] == '-')
		i++;
	if (i >= len)
		return 0;
	if (s[i] == '0')
		return i + 1 == len;
	for (; i < len; i++)
		if (s[i] < '0' || s[i] > '9')
			return 0;
	return 1;
}

static void
is_enum_name(const struct gql_resolve_info *info, struct gql_result *r)
{
	gql_result_string(r, ENUMV(info)->name, ENUMV(info)->name_len);
}

static void
is_enum_description(const struct gql_resolve_info *info,
    struct gql_result *r)
{
	is_string(r, ENUMV(info)->description);
}

static void
is_enum_deprecated(const struct gql_resolve_info *info,
    struct gql_result *r)
{
	gql_result_boolean(r, ENUMV(info)->deprecated);
}

static void
is_enum_reason(const struct gql_resolve_info *info, struct gql_result *r)
{
	is_string(r, ENUMV(info)->deprecated ?
	    ENUMV(info)->deprecation_reason : NULL);
}

static void
is_dir_name(const struct gql_resolve_info *info, struct gql_result *r)
{
	gql_result_string(r, DIR(info)->name, DIR(info)->name_len);
}

static void
is_dir_description(const struct gql_resolve_info *info,
    struct gql_result *r)
{
	is_string(r, DIR(info)->description);
}

static void
is_dir_repeatable(const struct gql_resolve_info *info, struct gql_result *r)
{
	gql_result_boolean(r, DIR(info)->repeatable);
}

/* The definition of a directive in the schema's SDL, for its order. */
static const struct gql_ast_directive_def *
is_directive_ast(const struct gql_schema *s,
    const struct gql_directive_def *d)
{
	const struct gql_ast_def	*def;
	size_t				 i;

	for (i = 0; i < sizeof(s->docs) / sizeof(s->docs[0]); i++) {
		if (s->docs[i] == NULL)
			continue;
		for (def = s->docs[i]->defs; def != NULL; def = def->next)
			if (def->kind == GQL_DEF_DIRECTIVE &&
			    gql_name_eqn(&def->u.directive.name, d->name,
			    d->name_len))
				return &def->u.directive;
	}
	return NULL;
}

static void
is_dirloc_item(const struct gql_resolve_info *info, void *list, size_t i,
    struct gql_result *r)
{
	const enum gql_dirloc	*locs = list;

	(void)info;
	gql_result_enum(r, gql_dirloc_name(locs[i]));
}

/* Locations in the order of the definition, as graphql-js keeps them. */
static void
is_dir_locations(const struct gql_resolve_info *info, struct gql_result *r)
{
	const struct gql_directive_def		*d = DIR(info);
	const struct gql_ast_directive_def	*ast;
	const struct gql_ast_dirloc		*l;
	enum gql_dirloc				*locs;
	size_t					 n = 0;
	int					 k;

	locs = gql_exec_alloc(info, GQL_DIRLOC_COUNT * sizeof(*locs));
	if ((ast = is_directive_ast(info->schema, d)) != NULL) {
		for (l = ast->locations; l != NULL && n < GQL_DIRLOC_COUNT;
		    l = l->next)
			if (d->locations & GQL_DIRLOC_BIT(l->dirloc))
				locs[n++] = l->dirloc;
	} else {
		for (k = 0; k < GQL_DIRLOC_COUNT; k++)
			if (d->locations & GQL_DIRLOC_BIT(k))
				locs[n++] = (enum gql_dirloc)k;
	}
	gql_result_list(r, locs, n, is_dirloc_item);
}

static void
is_dir_args(const struct gql_resolve_info *info, struct gql_result *r)
{
	is_walk(info, r, DIR(info)->args, sizeof(*DIR(info)->args),
	    DIR(info)->nargs, W_INPUT, 0);
}

static void
is_dir_deprecated(const struct gql_resolve_info *info, struct gql_result *r)
{
	gql_result_boolean(r, DIR(info)->deprecated);
}

static void
is_dir_reason(const struct gql_resolve_info *info, struct gql_result *r)
{
	is_string(r, DIR(info)->deprecated ? DIR(info)->deprecation_reason :
	    NULL);
}
