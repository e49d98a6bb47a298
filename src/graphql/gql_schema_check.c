/*
 * gql_schema_check.c: validation of a built schema, the spec's type
 * system rules (3.3 - 3.13) as graphql-js's validateSchema() words them:
 * root types are objects, names do not start with "__", objects and
 * interfaces have fields of output types and arguments of input types,
 * interfaces are implemented correctly (fields present with covariant
 * types, arguments present with equal types, extra arguments optional,
 * transitive interfaces declared, no cycles), unions have object
 * members, enums values, input objects input-typed fields without
 * non-null cycles, @oneOf fields nullable without defaults, and required
 * arguments and input fields are not deprecated. Built-in types are
 * trusted. The first error is reported.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "common/buf.h"
#include "common/xmalloc.h"
#include "graphql/gql_schema_int.h"

struct check {
	struct gql_schema	 *s;
	struct gql_error	 *err;
	struct buf		  b1;
	struct buf		  b2;
	/* Input object cycle search (graphql-js's validator's state). */
	uint8_t			 *visited;
	uint32_t		 *path_pos;	/* type index -> depth + 1 */
	const struct gql_input_value **path;
	uint32_t		  depth;
};

static int	 check_fail(struct check *, struct gql_loc, const char *, ...)
		    __attribute__((format(printf, 3, 4)));
static const char *check_ref(struct buf *, const struct gql_typeref *);
static int	 check_name(struct check *, const char *, struct gql_loc);
static int	 check_is_required(const struct gql_input_value *);
static int	 check_roots(struct check *);
static int	 check_directives(struct check *);
static int	 check_args(struct check *, const char *,
		    const struct gql_input_value *, uint32_t);
static int	 check_type(struct check *, struct gql_type *);
static int	 check_fields(struct check *, struct gql_type *);
static int	 check_interfaces(struct check *, struct gql_type *);
static int	 check_ancestors(struct check *, struct gql_type *,
		    struct gql_type *);
static int	 check_implements(struct check *, struct gql_type *,
		    struct gql_type *);
static int	 check_impl_args(struct check *, struct gql_type *,
		    struct gql_type *, struct gql_field *, struct gql_field *);
static int	 check_union(struct check *, struct gql_type *);
static int	 check_enum(struct check *, struct gql_type *);
static int	 check_input(struct check *, struct gql_type *);
static int	 check_input_cycles(struct check *, struct gql_type *);

static int
check_fail(struct check *c, struct gql_loc loc, const char *fmt, ...)
{
	va_list	ap;

	va_start(ap, fmt);
	gql_error_vset(c->err, GQL_ERR_SCHEMA, loc, fmt, ap);
	va_end(ap);
	return -1;
}

/* A type reference printed into a scratch buffer, as inspect() does. */
static const char *
check_ref(struct buf *b, const struct gql_typeref *r)
{
	buf_reset(b);
	gql_typeref_print(r, b);
	return buf_cstr(b);
}

static int
check_name(struct check *c, const char *name, struct gql_loc loc)
{
	if (name[0] == '_' && name[1] == '_')
		return check_fail(c, loc, "Name \"%s\" must not begin with "
		    "\"__\", which is reserved by GraphQL introspection.",
		    name);
	return 0;
}

/* graphql-js isRequiredArgument(): non-null without a default. */
static int
check_is_required(const struct gql_input_value *v)
{
	return gql_typeref_is_non_null(v->type) && v->default_value == NULL;
}

/* Check a built schema against the type system rules. */
int
gql_schema_check(struct gql_schema *s, struct gql_error *err)
{
	struct check	c;
	uint32_t	i;
	int		rc = -1;

	memset(&c, 0, sizeof(c));
	c.s = s;
	c.err = err;
	buf_init(&c.b1);
	buf_init(&c.b2);
	c.visited = xcalloc(s->ntypes + 1, 1);
	c.path_pos = xcalloc(s->ntypes + 1, sizeof(*c.path_pos));
	c.path = xcalloc(s->ntypes + 1, sizeof(*c.path));
	if (check_roots(&c) == -1 || check_directives(&c) == -1)
		goto fail;
	for (i = 0; i < s->ntypes; i++) {
		if (!s->types[i]->builtin && check_type(&c, s->types[i]) == -1)
			goto fail;
	}
	rc = 0;
fail:
	buf_free(&c.b1);
	buf_free(&c.b2);
	free(c.visited);
	free(c.path_pos);
	free(c.path);
	return rc;
}

static int
check_roots(struct check *c)
{
	static const char *const what[] = { "Query", "Mutation",
	    "Subscription" };
	struct gql_type	*t;
	int		 i;

	if (c->s->query == NULL)
		return check_fail(c, GQL_LOC_NONE, "Query root type must be "
		    "provided.");
	for (i = 0; i < 3; i++) {
		t = gql_schema_root(c->s, (enum gql_op_type)i);
		if (t == NULL || t->kind == GQL_KIND_OBJECT)
			continue;
		return check_fail(c, t->loc, "%s root type must be Object "
		    "type%s, it cannot be %s.", what[i],
		    i == 0 ? "" : " if provided", t->name);
	}
	return 0;
}

static int
check_directives(struct check *c)
{
	struct gql_directive_def	*d;
	char				*owner;
	uint32_t			 i;
	int				 rc;

	for (i = 0; i < c->s->ndirectives; i++) {
		d = c->s->directives[i];
		if (d->builtin)
			continue;
		if (check_name(c, d->name, d->loc) == -1)
			return -1;
		xasprintf(&owner, "@%s", d->name);
		rc = check_args(c, owner, d->args, d->nargs);
		free(owner);
		if (rc == -1)
			return -1;
	}
	return 0;
}

/* Arguments of a field ("T.f") or a directive ("@d"). */
static int
check_args(struct check *c, const char *owner,
    const struct gql_input_value *args, uint32_t n)
{
	const struct gql_input_value	*a;
	uint32_t			 i;

	for (i = 0; i < n; i++) {
		a = &args[i];
		if (check_name(c, a->name, a->loc) == -1)
			return -1;
		if (!gql_type_is_input(gql_typeref_named(a->type)))
			return check_fail(c, a->loc, "The type of %s(%s:) must "
			    "be Input Type but got: %s.", owner, a->name,
			    check_ref(&c->b1, a->type));
		if (check_is_required(a) && a->deprecated)
			return check_fail(c, a->loc, "Required argument %s(%s:) "
			    "cannot be deprecated.", owner, a->name);
	}
	return 0;
}

static int
check_type(struct check *c, struct gql_type *t)
{
	switch (t->kind) {
	case GQL_KIND_OBJECT:
	case GQL_KIND_INTERFACE:
		if (check_fields(c, t) == -1)
			return -1;
		return check_interfaces(c, t);
	case GQL_KIND_UNION:
		return check_union(c, t);
	case GQL_KIND_ENUM:
		return check_enum(c, t);
	case GQL_KIND_INPUT_OBJECT:
		if (check_input(c, t) == -1)
			return -1;
		return check_input_cycles(c, t);
	default:
		return 0;
	}
}

static int
check_fields(struct check *c, struct gql_type *t)
{
	struct gql_field	*f;
	char			*owner;
	uint32_t		 i;
	int			 rc;

	if (t->nfields == 0)
		return check_fail(c, t->loc, "Type %s must define one or more "
		    "fields.", t->name);
	for (i = 0; i < t->nfields; i++) {
		f = &t->fields[i];
		if (check_name(c, f->name, f->loc) == -1)
			return -1;
		if (!gql_type_is_output(gql_typeref_named(f->type)))
			return check_fail(c, f->loc, "The type of %s.%s must be "
			    "Output Type but got: %s.", t->name, f->name,
			    check_ref(&c->b1, f->type));
		xasprintf(&owner, "%s.%s", t->name, f->name);
		rc = check_args(c, owner, f->args, f->nargs);
		free(owner);
		if (rc == -1)
			return -1;
	}
	return 0;
}

static int
check_interfaces(struct check *c, struct gql_type *t)
{
	struct gql_type	*iface;
	uint32_t	 i, j;

	for (i = 0; i < t->ninterfaces; i++) {
		iface = t->interfaces[i];
		if (iface->kind != GQL_KIND_INTERFACE)
			return check_fail(c, t->loc, "Type %s must only "
			    "implement Interface types, it cannot implement "
			    "%s.", t->name, iface->name);
		if (iface == t)
			return check_fail(c, t->loc, "Type %s cannot implement "
			    "itself because it would create a circular "
			    "reference.", t->name);
		for (j = 0; j < i; j++) {
			if (t->interfaces[j] == iface)
				return check_fail(c, t->loc, "Type %s can only "
				    "implement %s once.", t->name,
				    iface->name);
		}
		if (check_ancestors(c, t, iface) == -1 ||
		    check_implements(c, t, iface) == -1)
			return -1;
	}
	return 0;
}

/* Interfaces of an implemented interface must be implemented too. */
static int
check_ancestors(struct check *c, struct gql_type *t, struct gql_type *iface)
{
	struct gql_type	*tr;
	uint32_t	 i, j;

	for (i = 0; i < iface->ninterfaces; i++) {
		tr = iface->interfaces[i];
		for (j = 0; j < t->ninterfaces; j++) {
			if (t->interfaces[j] == tr)
				break;
		}
		if (j < t->ninterfaces)
			continue;
		if (tr == t)
			return check_fail(c, t->loc, "Type %s cannot implement "
			    "%s because it would create a circular "
			    "reference.", t->name, iface->name);
		return check_fail(c, t->loc, "Type %s must implement %s "
		    "because it is implemented by %s.", t->name, tr->name,
		    iface->name);
	}
	return 0;
}

/* Every interface field present with a covariant type. */
static int
check_implements(struct check *c, struct gql_type *t, struct gql_type *iface)
{
	struct gql_field	*ifield, *tfield;
	uint32_t		 i;

	for (i = 0; i < iface->nfields; i++) {
		ifield = &iface->fields[i];
		tfield = gql_type_field(t, ifield->name, ifield->name_len);
		if (tfield == NULL) {
			check_fail(c, t->loc, "Interface field %s.%s expected "
			    "but %s does not provide it.", iface->name,
			    ifield->name, t->name);
			gql_error_add_loc(c->err, ifield->loc);
			return -1;
		}
		if (!gql_typeref_is_subtype(c->s, tfield->type, ifield->type)) {
			check_fail(c, tfield->loc, "Interface field %s.%s "
			    "expects type %s but %s.%s is type %s.",
			    iface->name, ifield->name,
			    check_ref(&c->b1, ifield->type), t->name,
			    tfield->name, check_ref(&c->b2, tfield->type));
			gql_error_add_loc(c->err, ifield->loc);
			return -1;
		}
		if (check_impl_args(c, t, iface, ifield, tfield) == -1)
			return -1;
	}
	return 0;
}

/* Interface field arguments present with equal types; extras optional. */
static int
check_impl_args(struct check *c, struct gql_type *t, struct gql_type *iface,
    struct gql_field *ifield, struct gql_field *tfield)
{
	struct gql_input_value	*ia, *ta;
	uint32_t		 i;

	for (i = 0; i < ifield->nargs; i++) {
		ia = &ifield->args[i];
		ta = gql_field_arg(tfield, ia->name, ia->name_len);
		if (ta == NULL)
			return check_fail(c, tfield->loc, "Interface field "
			    "argument %s.%s(%s:) expected but %s.%s does not "
			    "provide it.", iface->name, ifield->name, ia->name,
			    t->name, tfield->name);
		if (!gql_typeref_eq(ia->type, ta->type))
			return check_fail(c, ta->loc, "Interface field argument "
			    "%s.%s(%s:) expects type %s but %s.%s(%s:) is type "
			    "%s.", iface->name, ifield->name, ia->name,
			    check_ref(&c->b1, ia->type), t->name, tfield->name,
			    ta->name, check_ref(&c->b2, ta->type));
	}
	for (i = 0; i < tfield->nargs; i++) {
		ta = &tfield->args[i];
		if (gql_field_arg(ifield, ta->name, ta->name_len) == NULL &&
		    check_is_required(ta))
			return check_fail(c, ta->loc, "Object field %s.%s "
			    "includes required argument %s that is missing from "
			    "the Interface field %s.%s.", t->name,
			    tfield->name, ta->name, iface->name, ifield->name);
	}
	return 0;
}

static int
check_union(struct check *c, struct gql_type *t)
{
	uint32_t	i, j;

	if (t->npossible == 0)
		return check_fail(c, t->loc, "Union type %s must define one or "
		    "more member types.", t->name);
	for (i = 0; i < t->npossible; i++) {
		for (j = 0; j < i; j++) {
			if (t->possible[j] == t->possible[i])
				return check_fail(c, t->loc, "Union type %s can "
				    "only include type %s once.", t->name,
				    t->possible[i]->name);
		}
		if (t->possible[i]->kind != GQL_KIND_OBJECT)
			return check_fail(c, t->loc, "Union type %s can only "
			    "include Object types, it cannot include %s.",
			    t->name, t->possible[i]->name);
	}
	return 0;
}

static int
check_enum(struct check *c, struct gql_type *t)
{
	uint32_t	i;

	if (t->nvalues == 0)
		return check_fail(c, t->loc, "Enum type %s must define one or "
		    "more values.", t->name);
	for (i = 0; i < t->nvalues; i++) {
		if (check_name(c, t->values[i].name, t->values[i].loc) == -1)
			return -1;
	}
	return 0;
}

static int
check_input(struct check *c, struct gql_type *t)
{
	struct gql_input_value	*f;
	uint32_t		 i;

	if (t->ninput_fields == 0)
		return check_fail(c, t->loc, "Input Object type %s must define "
		    "one or more fields.", t->name);
	for (i = 0; i < t->ninput_fields; i++) {
		f = &t->input_fields[i];
		if (check_name(c, f->name, f->loc) == -1)
			return -1;
		if (!gql_type_is_input(gql_typeref_named(f->type)))
			return check_fail(c, f->loc, "The type of %s.%s must be "
			    "Input Type but got: %s.", t->name, f->name,
			    check_ref(&c->b1, f->type));
		if (check_is_required(f) && f->deprecated)
			return check_fail(c, f->loc, "Required input field %s.%s "
			    "cannot be deprecated.", t->name, f->name);
		if (t->one_of && gql_typeref_is_non_null(f->type))
			return check_fail(c, f->loc, "OneOf input field %s.%s "
			    "must be nullable.", t->name, f->name);
		if (t->one_of && f->default_value != NULL)
			return check_fail(c, f->loc, "OneOf input field %s.%s "
			    "cannot have a default value.", t->name, f->name);
	}
	return 0;
}

/*
 * An input object must not reach itself through non-null input object
 * fields (lists break the chain): such a value could never be written.
 * Depth-first, as graphql-js's createInputObjectCircularRefsValidator().
 */
static int
check_input_cycles(struct check *c, struct gql_type *t)
{
	struct gql_input_value	*f;
	struct gql_type		*ft;
	struct buf		*b = &c->b1;
	uint32_t		 i, j, start;

	if (c->visited[t->index])
		return 0;
	c->visited[t->index] = 1;
	c->path_pos[t->index] = c->depth + 1;
	for (i = 0; i < t->ninput_fields; i++) {
		f = &t->input_fields[i];
		if (!gql_typeref_is_non_null(f->type) ||
		    f->type->of->kind != GQL_WRAP_NAMED ||
		    f->type->of->named->kind != GQL_KIND_INPUT_OBJECT)
			continue;
		ft = f->type->of->named;
		c->path[c->depth++] = f;
		if (c->path_pos[ft->index] == 0) {
			if (check_input_cycles(c, ft) == -1)
				return -1;
		} else {
			start = c->path_pos[ft->index] - 1;
			buf_reset(b);
			for (j = start; j < c->depth; j++)
				buf_addf(b, "%s%s", j > start ? "." : "",
				    c->path[j]->name);
			return check_fail(c, c->path[start]->loc, "Cannot "
			    "reference Input Object \"%s\" within itself "
			    "through a series of non-null fields: \"%s\".",
			    ft->name, buf_cstr(b));
		}
		c->depth--;
	}
	c->path_pos[t->index] = 0;
	return 0;
}
