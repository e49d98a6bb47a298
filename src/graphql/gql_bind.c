/*
 * gql_bind.c: binding resolvers and type hooks to a schema, once, at
 * start-up: each "Type.field" of a const table is looked up and stored
 * in the field's udata, each type binding in the type's udata, and the
 * introspection fields get the engine's own resolvers. Default values of
 * arguments and input fields are coerced here too, once, so requests
 * reuse them. A coordinate that names nothing is an error, so a typo in
 * a table fails at start-up instead of leaving a field unresolved.
 */
#include "config.h"

#include <stdint.h>
#include <string.h>

#include "graphql/gql_coerce.h"
#include "graphql/gql_exec_int.h"

static int	 bind_fields(struct gql_schema *,
		    const struct gql_field_binding *, size_t, int,
		    struct gql_error *);
static int	 bind_types(struct gql_schema *,
		    const struct gql_type_binding *, size_t,
		    struct gql_error *);

static int
bind_fields(struct gql_schema *s, const struct gql_field_binding *fb,
    size_t n, int override, struct gql_error *err)
{
	struct gql_type		*t;
	struct gql_field	*f;
	const char		*dot;
	size_t			 i;

	for (i = 0; i < n; i++) {
		dot = strchr(fb[i].coord, '.');
		t = dot == NULL ? NULL : gql_schema_type(s, fb[i].coord,
		    (size_t)(dot - fb[i].coord));
		if (t == NULL || (f = gql_type_field(t, dot + 1,
		    strlen(dot + 1))) == NULL) {
			gql_error_set(err, GQL_ERR_SCHEMA, GQL_LOC_NONE,
			    "Cannot bind \"%s\": no such field.", fb[i].coord);
			return -1;
		}
		if (f->udata == NULL || override)
			f->udata = (void *)(uintptr_t)&fb[i];
	}
	return 0;
}

static int
bind_types(struct gql_schema *s, const struct gql_type_binding *tb,
    size_t n, struct gql_error *err)
{
	struct gql_type	*t;
	size_t		 i;

	for (i = 0; i < n; i++) {
		t = gql_schema_type(s, tb[i].name, strlen(tb[i].name));
		if (t == NULL || (tb[i].scalar != NULL &&
		    (t->kind != GQL_KIND_SCALAR || t->builtin)) ||
		    (tb[i].resolve_type != NULL && !gql_type_is_abstract(t))) {
			gql_error_set(err, GQL_ERR_SCHEMA, GQL_LOC_NONE,
			    "Cannot bind type \"%s\".", tb[i].name);
			return -1;
		}
		t->udata = (void *)(uintptr_t)&tb[i];
	}
	return 0;
}

/*
 * Bind resolvers ("Type.field" -> function) and type hooks to a schema.
 * Call once, before the schema is shared; -1 and err on a bad entry.
 */
int
gql_bind(struct gql_schema *s, const struct gql_field_binding *fb,
    size_t nf, const struct gql_type_binding *tb, size_t nt,
    struct gql_error *err)
{
	gql_error_clear(err);
	if (bind_types(s, tb, nt, err) == -1 ||
	    bind_fields(s, fb, nf, 1, err) == -1 ||
	    bind_fields(s, gql_introspect_bindings, gql_introspect_nbindings,
	    0, err) == -1)
		return -1;
	gql_coerce_bind_defaults(s);
	return 0;
}
