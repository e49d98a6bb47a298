/*
 * gql_validate_values.c: the rules about literal values (spec 5.6):
 * ValuesOfCorrectType and UniqueInputFieldNames. A literal is checked as
 * graphql-js checks it: the built-in scalars' parseLiteral() (with their
 * own messages, "Int cannot represent non 32-bit signed integer value:
 * ..."), enums by name, input objects for unknown and missing required
 * fields and @oneOf's exactly-one-non-null-field, and custom scalars by
 * the caller's hook (struct gql_literal_hook), which stands in for their
 * parseLiteral(). Once a list or an object is found where it does not
 * belong, the rule looks no deeper inside it, as graphql-js does.
 *
 * Coercing values at run time is not done here (gql_coerce*.c is).
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "common/buf.h"
#include "graphql/gql_arena.h"
#include "graphql/gql_validate_int.h"

/* Above this many fields, an object's names go into a map. */
#define VALUES_LINEAR	16

static void	 values_check(struct gv *, const struct gql_ast_value *);
static int	 values_builtin(struct gv *, const struct gql_type *,
		    const struct gql_ast_value *, struct buf *);
static int	 values_int_ok(const struct gql_ast_value *);
static void	 values_enum(struct gv *, const struct gql_type *,
		    const struct gql_ast_value *, struct buf *);
static void	 values_custom(struct gv *, const struct gql_typeref *,
		    const struct gql_ast_value *);
static void	 values_expected(const struct gql_typeref *,
		    const struct gql_ast_value *, struct buf *);
static void	 values_required(struct gv *, const struct gql_type *,
		    const struct gql_ast_value *);
static void	 values_one_of(struct gv *, const struct gql_type *,
		    const struct gql_ast_value *);
static const struct gql_ast_object_field *values_first(struct gv *,
		    const struct gql_ast_value *, const struct gql_name *);

/* Scalar, enum and null literal enter: ValuesOfCorrectType. */
void
gql_validate_values_leaf(struct gv *v, const struct gql_ast_value *val)
{
	const struct gql_typeref	*t = v->ti.input_type;
	struct buf			 b = BUF_INIT;

	if (v->values_skip != NULL)
		return;
	if (val->kind != GQL_VALUE_NULL) {
		values_check(v, val);
		return;
	}
	if (t == NULL || t->kind != GQL_WRAP_NON_NULL)
		return;
	values_expected(t, val, &b);
	buf_addc(&b, '.');
	gql_validate_report_buf(v, val->loc, &b);
}

/* List literal enter: ValuesOfCorrectType. */
void
gql_validate_values_list(struct gv *v, const struct gql_ast_value *val)
{
	const struct gql_typeref	*t;

	if (v->values_skip != NULL)
		return;
	t = gql_validate_nullable(v->ti.parent_input_type);
	if (t != NULL && t->kind == GQL_WRAP_LIST)
		return;
	values_check(v, val);
	v->values_skip = val;
}

/* Object literal enter: ValuesOfCorrectType. */
void
gql_validate_values_object(struct gv *v, const struct gql_ast_value *val)
{
	struct gql_type	*t;

	if (v->values_skip != NULL)
		return;
	t = v->ti.input_type != NULL ? gql_typeref_named(v->ti.input_type) :
	    NULL;
	if (t == NULL || t->kind != GQL_KIND_INPUT_OBJECT) {
		values_check(v, val);
		v->values_skip = val;
		return;
	}
	values_required(v, t, val);
	if (t->one_of)
		values_one_of(v, t, val);
}

/* Object field enter: ValuesOfCorrectType, UniqueInputFieldNames. */
void
gql_validate_values_object_field(struct gv *v,
    const struct gql_ast_value *obj, const struct gql_ast_object_field *f)
{
	const struct gql_ast_object_field	*first;
	struct gql_type				*pt = NULL;
	struct gql_error			*err;
	const char				**opts;
	struct buf				  b = BUF_INIT;
	uint32_t				  i;

	if (v->ti.parent_input_type != NULL)
		pt = gql_typeref_named(v->ti.parent_input_type);
	if (v->values_skip == NULL && v->ti.input_type == NULL && pt != NULL &&
	    pt->kind == GQL_KIND_INPUT_OBJECT) {
		opts = gql_arena_calloc(v->arena, pt->ninput_fields + 1,
		    sizeof(*opts));
		for (i = 0; i < pt->ninput_fields; i++)
			opts[i] = pt->input_fields[i].name;
		buf_addf(&b, "Field \"%s\" is not defined by type \"%s\".",
		    f->name.s, pt->name);
		gql_validate_print_suggest(v, f->name.s, f->name.len, opts,
		    NULL, pt->ninput_fields, NULL, &b);
		gql_validate_report_buf(v, f->loc, &b);
	}
	first = values_first(v, obj, &f->name);
	if (first != f) {
		err = gql_validate_report(v, first->name.loc, "There can be "
		    "only one input field named \"%s\".", f->name.s);
		gql_error_add_loc(err, f->name.loc);
	}
}

/* The first field of an object with a name. */
static const struct gql_ast_object_field *
values_first(struct gv *v, const struct gql_ast_value *obj,
    const struct gql_name *name)
{
	const struct gql_ast_object_field	*f;
	struct gv_strmap			*m;
	void					**slot;
	int					  isnew;

	if (obj->count <= VALUES_LINEAR) {
		for (f = obj->fields; f != NULL; f = f->next) {
			if (gql_name_eqn(&f->name, name->s, name->len))
				return f;
		}
		return NULL;
	}
	slot = gql_validate_map_ptr_slot(v, &v->obj_maps, obj, NULL,
	    &isnew);
	if (isnew) {
		m = gql_arena_calloc(v->arena, 1, sizeof(*m));
		for (f = obj->fields; f != NULL; f = f->next) {
			void **fs = gql_validate_map_str_slot(v, m,
			    f->name.s, f->name.len, &isnew);

			if (isnew)
				*fs = (void *)(uintptr_t)f;
		}
		*slot = m;
	}
	return gql_validate_map_str_get(*slot, name->s, name->len);
}

static void
values_expected(const struct gql_typeref *t, const struct gql_ast_value *val,
    struct buf *b)
{
	buf_adds(b, "Expected value of type \"");
	gql_typeref_print(t, b);
	buf_adds(b, "\", found ");
	gql_validate_print_value(val, b);
}

/* graphql-js isValidValueNode(). */
static void
values_check(struct gv *v, const struct gql_ast_value *val)
{
	const struct gql_typeref	*lt = v->ti.input_type;
	struct gql_type			*t;
	struct buf			 b = BUF_INIT;

	if (lt == NULL)
		return;
	t = gql_typeref_named(lt);
	if (!gql_type_is_leaf(t)) {
		values_expected(lt, val, &b);
		buf_addc(&b, '.');
	} else if (t->kind == GQL_KIND_ENUM) {
		values_enum(v, t, val, &b);
	} else if (!values_builtin(v, t, val, &b)) {
		values_custom(v, lt, val);
		return;
	}
	if (b.len > 0)
		gql_validate_report_buf(v, val->loc, &b);
}

/* The built-in scalars' parseLiteral(); 0 if `t` is none of them. */
static int
values_builtin(struct gv *v, const struct gql_type *t,
    const struct gql_ast_value *val, struct buf *b)
{
	const struct gql_schema	*s = v->schema;
	enum gql_value_kind	 k = val->kind;
	const char		*what = NULL;

	if (t == s->t_int) {
		if (k != GQL_VALUE_INT)
			what = "Int cannot represent non-integer value: ";
		else if (!values_int_ok(val)) {
			buf_adds(b, "Int cannot represent non 32-bit signed "
			    "integer value: ");
			buf_add(b, val->str, val->len);
			return 1;
		}
	} else if (t == s->t_float) {
		if (k != GQL_VALUE_FLOAT && k != GQL_VALUE_INT)
			what = "Float cannot represent non numeric value: ";
	} else if (t == s->t_string) {
		if (k != GQL_VALUE_STRING)
			what = "String cannot represent a non string value: ";
	} else if (t == s->t_boolean) {
		if (k != GQL_VALUE_BOOLEAN)
			what = "Boolean cannot represent a non boolean value: ";
	} else if (t == s->t_id) {
		if (k != GQL_VALUE_STRING && k != GQL_VALUE_INT)
			what = "ID cannot represent a non-string and "
			    "non-integer value: ";
	} else {
		return 0;
	}
	if (what != NULL) {
		buf_adds(b, what);
		gql_validate_print_value(val, b);
	}
	return 1;
}

/* Whether an Int literal fits 32 bits (graphql-js GRAPHQL_MIN/MAX_INT). */
static int
values_int_ok(const struct gql_ast_value *val)
{
	const char	*p = val->str;
	long long	 n;
	size_t		 digits = val->len;

	if (*p == '-')
		digits--;
	if (digits > 10)
		return 0;
	n = strtoll(p, NULL, 10);
	return n >= -2147483648LL && n <= 2147483647LL;
}

/* GraphQLEnumType.parseLiteral(), with didYouMeanEnumValue(). */
static void
values_enum(struct gv *v, const struct gql_type *t,
    const struct gql_ast_value *val, struct buf *b)
{
	const char	**opts;
	struct buf	  vs = BUF_INIT;
	uint32_t	  i;

	if (val->kind == GQL_VALUE_ENUM &&
	    gql_type_enum_value(t, val->name.s, val->name.len) != NULL)
		return;
	gql_validate_print_value(val, &vs);
	buf_addc(&vs, '\0');
	if (val->kind != GQL_VALUE_ENUM)
		buf_addf(b, "Enum \"%s\" cannot represent non-enum value: %s.",
		    t->name, vs.data);
	else
		buf_addf(b, "Value \"%s\" does not exist in \"%s\" enum.",
		    vs.data, t->name);
	opts = gql_arena_calloc(v->arena, t->nvalues + 1, sizeof(*opts));
	for (i = 0; i < t->nvalues; i++)
		opts[i] = t->values[i].name;
	gql_validate_print_suggest(v, vs.data, vs.len - 1, opts, NULL,
	    t->nvalues, "the enum value", b);
	buf_free(&vs);
}

/* A custom scalar: the hook decides, as parseLiteral() would. */
static void
values_custom(struct gv *v, const struct gql_typeref *lt,
    const struct gql_ast_value *val)
{
	struct buf	b = BUF_INIT, why = BUF_INIT;

	if (v->hook.fn == NULL)
		return;
	if (v->hook.fn(v->hook.arg, gql_typeref_named(lt), val, &why) == 0) {
		buf_free(&why);
		return;
	}
	values_expected(lt, val, &b);
	if (why.len != 0) {
		buf_add(&b, "; ", 2);
		buf_add(&b, why.data, why.len);
	} else
		buf_addc(&b, '.');
	buf_free(&why);
	gql_validate_report_buf(v, val->loc, &b);
}

/* Every required field (non-null, no default) must be given. */
static void
values_required(struct gv *v, const struct gql_type *t,
    const struct gql_ast_value *obj)
{
	const struct gql_input_value	*fd;
	struct buf			 b = BUF_INIT;
	uint32_t			 i;

	for (i = 0; i < t->ninput_fields; i++) {
		fd = &t->input_fields[i];
		if (fd->type->kind != GQL_WRAP_NON_NULL ||
		    fd->default_value != NULL)
			continue;
		if (values_first(v, obj, &(struct gql_name){ fd->name,
		    fd->name_len, GQL_LOC_NONE }) != NULL)
			continue;
		buf_addf(&b, "Field \"%s.%s\" of required type \"", t->name,
		    fd->name);
		gql_typeref_print(fd->type, &b);
		buf_adds(&b, "\" was not provided.");
		gql_validate_report_buf(v, obj->loc, &b);
	}
}

/* graphql-js validateOneOfInputObject(). */
static void
values_one_of(struct gv *v, const struct gql_type *t,
    const struct gql_ast_value *obj)
{
	const struct gql_ast_object_field	*f, *last = obj->fields;

	for (f = obj->fields; f != NULL; f = f->next) {
		if (!gql_name_eqn(&f->name, obj->fields->name.s,
		    obj->fields->name.len))
			break;
		last = f;
	}
	if (obj->fields == NULL || f != NULL) {
		gql_validate_report(v, obj->loc, "OneOf Input Object \"%s\" "
		    "must specify exactly one key.", t->name);
		return;
	}
	if (last->value->kind == GQL_VALUE_NULL)
		gql_validate_report(v, obj->loc, "Field \"%s.%s\" must be "
		    "non-null.", t->name, last->name.s);
}
