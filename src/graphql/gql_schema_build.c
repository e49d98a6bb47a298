/*
 * gql_schema_build.c: from parsed SDL to the schema model, as graphql-js's
 * buildASTSchema() does, with the SDL rules it checks first (unique type,
 * field, argument, enum value and directive names, one schema definition,
 * one type per root operation, known types, known directives in allowed
 * locations, not repeated unless repeatable, known and required directive
 * arguments, extensions only of defined types of the same kind).
 *
 * The steps: collect the type and directive definitions (built-ins first,
 * so a user "scalar String" keeps the standard one, as in graphql-js, and
 * a user directive of a built-in's name replaces it); attach extensions;
 * build directive definitions, then every type's members, checking the
 * directives applied on the way (@deprecated, @specifiedBy and @oneOf take
 * effect); resolve the root types (schema { } or the Query, Mutation and
 * Subscription convention); finally order the types as graphql-js's
 * GraphQLSchema constructor does and index them. Names and descriptions
 * point into the SDL documents, which the schema keeps.
 *
 * Only the first error is reported; for schema errors the first location
 * is the offending node (a duplicate, not the original), further ones give
 * context.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/buf.h"
#include "common/xmalloc.h"
#include "graphql/gql_arena.h"
#include "graphql/gql_schema_int.h"

struct btype {
	struct gql_type			 *t;
	const struct gql_ast_def	**defs;	/* definition, then extensions */
	uint32_t			  ndefs;
};

struct bdir {
	struct gql_directive_def	*d;
	const struct gql_ast_def	*def;
};

/* What the built-in directives say about the element they are on. */
struct applied {
	int		 deprecated;
	const char	*reason;
	const char	*url;
	int		 one_of;
};

struct build {
	struct gql_schema		 *s;
	struct gql_arena		 *a;
	struct gql_error		 *err;
	struct btype			 *types;
	uint32_t			  ntypes;
	struct bdir			 *dirs;
	uint32_t			  ndirs;
	const struct gql_ast_def	**schema_defs;
	uint32_t			  nschema_defs;
	const struct gql_ast_directive	**seen;	/* per-location uniqueness */
	uint32_t			  nseen;
};

static int	 build_fail(struct build *, struct gql_loc, const char *, ...)
		    __attribute__((format(printf, 3, 4)));
static struct btype *build_find(struct build *, const char *, size_t);
static struct bdir *build_find_dir(struct build *, const char *, size_t);
static void	 build_reindex(struct build *);
static void	*build_grow(void *, uint32_t, size_t);
static enum gql_kind build_kind(enum gql_def_kind);
static const char *build_kind_word(enum gql_def_kind);
static int	 build_collect(struct build *, const struct gql_ast_document *,
		    int);
static int	 build_collect_type(struct build *, const struct gql_ast_def *,
		    int);
static int	 build_collect_dir(struct build *, const struct gql_ast_def *,
		    int);
static int	 build_extensions(struct build *,
		    const struct gql_ast_document *);
static const struct gql_typeref *build_ref(struct build *,
		    const struct gql_ast_type *);
static int	 build_input_values(struct build *,
		    const struct gql_ast_input_value_def *, uint32_t,
		    struct gql_input_value **, uint32_t *, const char *,
		    const char *);
static int	 build_directive_defs(struct build *);
static int	 build_directive_args(struct build *);
static int	 build_apply(struct build *, const struct gql_ast_directive *,
		    enum gql_dirloc, int, struct applied *);
static int	 build_apply_args(struct build *,
		    const struct gql_ast_directive *,
		    const struct gql_directive_def *);
static int	 build_apply_values(struct build *,
		    const struct gql_ast_directive *,
		    const struct gql_directive_def *, struct applied *);
static int	 build_type(struct build *, struct btype *);
static int	 build_type_directives(struct build *, struct btype *);
static int	 build_interfaces(struct build *, struct btype *);
static int	 build_fields(struct build *, struct btype *);
static int	 build_field(struct build *, struct gql_type *,
		    const struct gql_ast_field_def *, struct gql_field *);
static int	 build_members(struct build *, struct btype *);
static int	 build_values(struct build *, struct btype *);
static int	 build_input_fields(struct build *, struct btype *);
static int	 build_roots(struct build *);
static int	 build_root(struct build *, const struct gql_ast_root_op *,
		    struct gql_type **);
static void	 build_order(struct build *);
static void	 build_collect_refs(struct build *, struct gql_type *,
		    struct gql_type **, uint32_t *, uint8_t *);
static void	 build_possible(struct build *);
static void	 build_meta(struct build *);

static int
build_fail(struct build *b, struct gql_loc loc, const char *fmt, ...)
{
	va_list	ap;

	va_start(ap, fmt);
	gql_error_vset(b->err, GQL_ERR_SCHEMA, loc, fmt, ap);
	va_end(ap);
	return -1;
}

static void *
build_grow(void *p, uint32_t n, size_t size)
{
	/* Grow at powers of two; n is the count before adding one. */
	if (n == 0 || (n & (n - 1)) == 0)
		p = xreallocarray(p, n == 0 ? 1 : n * 2, size);
	return p;
}

static struct btype *
build_find(struct build *b, const char *name, size_t len)
{
	struct gql_type	*t;

	if ((t = gql_schema_type(b->s, name, len)) == NULL)
		return NULL;
	return &b->types[t->index];
}

static struct bdir *
build_find_dir(struct build *b, const char *name, size_t len)
{
	struct gql_directive_def	*d;

	if ((d = gql_schema_directive(b->s, name, len)) == NULL)
		return NULL;
	return &b->dirs[d->index];
}

/* Point the schema's arrays at the build's and index them. */
static void
build_reindex(struct build *b)
{
	uint32_t	i;

	b->s->types = gql_arena_calloc(b->a, b->ntypes + 1,
	    sizeof(*b->s->types));
	for (i = 0; i < b->ntypes; i++) {
		b->s->types[i] = b->types[i].t;
		b->types[i].t->index = i;
	}
	b->s->ntypes = b->ntypes;
	b->s->directives = gql_arena_calloc(b->a, b->ndirs + 1,
	    sizeof(*b->s->directives));
	for (i = 0; i < b->ndirs; i++) {
		b->s->directives[i] = b->dirs[i].d;
		b->dirs[i].d->index = i;
	}
	b->s->ndirectives = b->ndirs;
	gql_schema_index_build(b->s);
}

static enum gql_kind
build_kind(enum gql_def_kind k)
{
	switch (k) {
	case GQL_DEF_OBJECT:
		return GQL_KIND_OBJECT;
	case GQL_DEF_INTERFACE:
		return GQL_KIND_INTERFACE;
	case GQL_DEF_UNION:
		return GQL_KIND_UNION;
	case GQL_DEF_ENUM:
		return GQL_KIND_ENUM;
	case GQL_DEF_INPUT_OBJECT:
		return GQL_KIND_INPUT_OBJECT;
	default:
		return GQL_KIND_SCALAR;
	}
}

/* The kind as PossibleTypeExtensions words it. */
static const char *
build_kind_word(enum gql_def_kind k)
{
	switch (k) {
	case GQL_DEF_OBJECT:
		return "object";
	case GQL_DEF_INTERFACE:
		return "interface";
	case GQL_DEF_UNION:
		return "union";
	case GQL_DEF_ENUM:
		return "enum";
	case GQL_DEF_INPUT_OBJECT:
		return "input object";
	default:
		return "scalar";
	}
}

/*
 * Build the model of `s` from the user's SDL and the built-in SDL. On
 * failure `err` holds the first problem.
 */
int
gql_schema_build(struct gql_schema *s, const struct gql_ast_document *user,
    const struct gql_ast_document *builtin, struct gql_error *err)
{
	struct build	b;
	uint32_t	i;
	int		rc = -1;

	memset(&b, 0, sizeof(b));
	b.s = s;
	b.a = s->arena;
	b.err = err;
	if (build_collect(&b, builtin, 1) == -1 ||
	    build_collect(&b, user, 0) == -1)
		goto fail;
	build_reindex(&b);
	if (build_extensions(&b, user) == -1 ||
	    build_directive_defs(&b) == -1)
		goto fail;
	for (i = 0; i < b.ntypes; i++) {
		if (build_type(&b, &b.types[i]) == -1)
			goto fail;
	}
	if (build_directive_args(&b) == -1 || build_roots(&b) == -1)
		goto fail;
	build_order(&b);
	build_possible(&b);
	build_meta(&b);
	rc = 0;
fail:
	for (i = 0; i < b.ntypes; i++)
		free(b.types[i].defs);
	free(b.types);
	free(b.dirs);
	free(b.schema_defs);
	free(b.seen);
	return rc;
}

/* Register every type and directive definition of a document. */
static int
build_collect(struct build *b, const struct gql_ast_document *doc,
    int builtin)
{
	const struct gql_ast_def	*def;

	for (def = doc->defs; def != NULL; def = def->next) {
		if (gql_def_is_executable(def))
			return build_fail(b, def->loc, "Schema SDL may contain "
			    "only type-system definitions, not %s.",
			    def->kind == GQL_DEF_FRAGMENT ? "fragments" :
			    "operations");
		if (def->extend)
			continue;
		if (def->kind == GQL_DEF_SCHEMA) {
			if (b->nschema_defs > 0 && !b->schema_defs[0]->extend)
				return build_fail(b, def->loc, "Must provide "
				    "only one schema definition.");
			b->schema_defs = build_grow(b->schema_defs,
			    b->nschema_defs, sizeof(*b->schema_defs));
			b->schema_defs[b->nschema_defs++] = def;
		} else if (def->kind == GQL_DEF_DIRECTIVE) {
			if (build_collect_dir(b, def, builtin) == -1)
				return -1;
		} else if (build_collect_type(b, def, builtin) == -1)
			return -1;
	}
	return 0;
}

static int
build_collect_type(struct build *b, const struct gql_ast_def *def,
    int builtin)
{
	const struct gql_name	*name = &def->u.type.name;
	struct gql_type		*t;
	struct btype		*bt;
	uint32_t		 i;

	for (i = 0; i < b->ntypes; i++) {
		t = b->types[i].t;
		if (!gql_name_eqn(name, t->name, t->name_len))
			continue;
		if (t->builtin && t->kind == GQL_KIND_SCALAR &&
		    name->s[0] != '_')
			return 0;	/* graphql-js keeps the standard one */
		if (t->builtin)
			break;
		gql_error_set(b->err, GQL_ERR_SCHEMA, name->loc, "There can be "
		    "only one type named \"%s\".", name->s);
		gql_error_add_loc(b->err, t->loc);
		return -1;
	}
	if (!builtin && name->len >= 2 && name->s[0] == '_' &&
	    name->s[1] == '_')
		return build_fail(b, name->loc, "Name \"%s\" must not begin "
		    "with \"__\", which is reserved by GraphQL introspection.",
		    name->s);
	t = gql_arena_calloc(b->a, 1, sizeof(*t));
	t->kind = build_kind(def->kind);
	t->name = name->s;
	t->name_len = name->len;
	t->builtin = builtin;
	t->loc = name->loc;
	t->ref.kind = GQL_WRAP_NAMED;
	t->ref.named = t;
	if (def->u.type.description != NULL)
		t->description = def->u.type.description->str;
	b->types = build_grow(b->types, b->ntypes, sizeof(*b->types));
	bt = &b->types[b->ntypes];
	memset(bt, 0, sizeof(*bt));
	bt->t = t;
	t->index = b->ntypes++;
	bt->defs = xmalloc(sizeof(*bt->defs));
	bt->defs[bt->ndefs++] = def;
	return 0;
}

static int
build_collect_dir(struct build *b, const struct gql_ast_def *def,
    int builtin)
{
	const struct gql_ast_directive_def	*dd = &def->u.directive;
	struct gql_directive_def		*d;
	uint32_t				 i;

	d = gql_arena_calloc(b->a, 1, sizeof(*d));
	d->name = dd->name.s;
	d->name_len = dd->name.len;
	d->builtin = builtin;
	d->loc = dd->name.loc;
	d->locations = dd->location_bits;
	d->location_list = dd->locations;
	d->repeatable = dd->repeatable;
	if (dd->description != NULL)
		d->description = dd->description->str;
	for (i = 0; i < b->ndirs; i++) {
		if (!gql_name_eqn(&dd->name, b->dirs[i].d->name,
		    b->dirs[i].d->name_len))
			continue;
		if (!b->dirs[i].d->builtin) {
			gql_error_set(b->err, GQL_ERR_SCHEMA, dd->name.loc,
			    "There can be only one directive named \"@%s\".",
			    dd->name.s);
			gql_error_add_loc(b->err, b->dirs[i].d->loc);
			return -1;
		}
		/* A user definition replaces the built-in (graphql-js). */
		d->index = i;
		b->dirs[i].d = d;
		b->dirs[i].def = def;
		return 0;
	}
	b->dirs = build_grow(b->dirs, b->ndirs, sizeof(*b->dirs));
	d->index = b->ndirs;
	b->dirs[b->ndirs].d = d;
	b->dirs[b->ndirs++].def = def;
	return 0;
}

/* Attach each extension to its type (or the schema), in source order. */
static int
build_extensions(struct build *b, const struct gql_ast_document *doc)
{
	const struct gql_ast_def	*def, *orig;
	struct btype			*bt;

	for (def = doc->defs; def != NULL; def = def->next) {
		if (!def->extend)
			continue;
		if (def->kind == GQL_DEF_SCHEMA) {
			b->schema_defs = build_grow(b->schema_defs,
			    b->nschema_defs, sizeof(*b->schema_defs));
			b->schema_defs[b->nschema_defs++] = def;
			continue;
		}
		bt = build_find(b, def->u.type.name.s, def->u.type.name.len);
		if (bt == NULL || bt->t->builtin)
			return build_fail(b, def->u.type.name.loc, "Cannot "
			    "extend type \"%s\" because it is not defined.",
			    def->u.type.name.s);
		orig = bt->defs[0];
		if (orig->kind != def->kind) {
			build_fail(b, def->u.type.name.loc, "Cannot extend "
			    "non-%s type \"%s\".", build_kind_word(def->kind),
			    def->u.type.name.s);
			gql_error_add_loc(b->err, orig->loc);
			return -1;
		}
		bt->defs = build_grow(bt->defs, bt->ndefs, sizeof(*bt->defs));
		bt->defs[bt->ndefs++] = def;
	}
	return 0;
}

/* The model's reference for an AST type; NULL (error set) if unknown. */
static const struct gql_typeref *
build_ref(struct build *b, const struct gql_ast_type *t)
{
	const struct gql_ast_type	*n = t;
	const struct gql_typeref	*r;

	while (n->kind != GQL_WRAP_NAMED)
		n = n->of;
	if ((r = gql_typeref_from_ast(b->s, b->a, t)) == NULL)
		build_fail(b, n->loc, "Unknown type \"%s\".", n->name.s);
	return r;
}

/*
 * Build an array of input values (arguments or input fields) from `n`
 * definitions; `what` and `owner` word the duplicate error (graphql-js:
 * Argument "T.f(a:)" / Field "I.f" can only be defined once).
 */
static int
build_input_values(struct build *b, const struct gql_ast_input_value_def *iv,
    uint32_t n, struct gql_input_value **out, uint32_t *nout,
    const char *what, const char *owner)
{
	struct gql_input_value	*arr, *v;
	uint32_t		 i;

	arr = gql_arena_calloc(b->a, n + 1, sizeof(*arr));
	for (; iv != NULL; iv = iv->next) {
		for (i = 0; i < *nout; i++) {
			if (!gql_name_eqn(&iv->name, arr[i].name,
			    arr[i].name_len))
				continue;
			if (strcmp(what, "Field") == 0)
				build_fail(b, iv->name.loc, "Field \"%s.%s\" "
				    "can only be defined once.", owner,
				    iv->name.s);
			else
				build_fail(b, iv->name.loc, "Argument "
				    "\"%s(%s:)\" can only be defined once.",
				    owner, iv->name.s);
			gql_error_add_loc(b->err, arr[i].loc);
			return -1;
		}
		v = &arr[*nout];
		v->name = iv->name.s;
		v->name_len = iv->name.len;
		v->index = (*nout)++;
		v->loc = iv->name.loc;
		v->default_value = iv->default_value;
		if (iv->description != NULL)
			v->description = iv->description->str;
		if ((v->type = build_ref(b, iv->type)) == NULL)
			return -1;
	}
	/* Callers check the directives on these once all are built. */
	*out = arr;
	return 0;
}

/* Directive definitions: arguments and their types. */
static int
build_directive_defs(struct build *b)
{
	struct gql_directive_def		*d;
	const struct gql_ast_directive_def	*dd;
	struct buf				 owner = BUF_INIT;
	uint32_t				 i, n;
	const struct gql_ast_input_value_def	*iv;
	int					 rc = 0;

	for (i = 0; i < b->ndirs && rc == 0; i++) {
		d = b->dirs[i].d;
		dd = &b->dirs[i].def->u.directive;
		for (n = 0, iv = dd->args; iv != NULL; iv = iv->next)
			n++;
		buf_reset(&owner);
		buf_addf(&owner, "@%s", d->name);
		rc = build_input_values(b, dd->args, n, &d->args, &d->nargs,
		    "Argument", buf_cstr(&owner));
	}
	buf_free(&owner);
	if (rc == -1)
		return -1;
	for (i = 0; i < b->ndirs; i++) {
		d = b->dirs[i].d;
		if (strcmp(d->name, "skip") == 0 && d->builtin)
			b->s->d_skip = d;
		else if (strcmp(d->name, "include") == 0 && d->builtin)
			b->s->d_include = d;
		else if (strcmp(d->name, "deprecated") == 0)
			b->s->d_deprecated = d;
	}
	return 0;
}

/* Directives applied to directive definitions' arguments. */
static int
build_directive_args(struct build *b)
{
	const struct gql_ast_input_value_def	*iv;
	struct gql_input_value			*v;
	struct applied				 ap;
	uint32_t				 i, j;

	for (i = 0; i < b->ndirs; i++) {
		iv = b->dirs[i].def->u.directive.args;
		for (j = 0; iv != NULL; iv = iv->next, j++) {
			v = &b->dirs[i].d->args[j];
			if (build_apply(b, iv->directives,
			    GQL_DIRLOC_ARGUMENT_DEFINITION, 1, &ap) == -1)
				return -1;
			v->deprecated = ap.deprecated;
			v->deprecation_reason = ap.reason;
		}
	}
	return 0;
}

/*
 * Check the directives applied at one location and extract what the
 * built-ins say. With `fresh` the per-location uniqueness list starts
 * over; without, it continues (a type's definition and extensions, the
 * schema definition and its extensions, count as one location).
 */
static int
build_apply(struct build *b, const struct gql_ast_directive *list,
    enum gql_dirloc where, int fresh, struct applied *ap)
{
	const struct gql_ast_directive	*d;
	struct bdir			*bd;
	uint32_t			 i;

	if (fresh) {
		memset(ap, 0, sizeof(*ap));
		b->nseen = 0;
	}
	for (d = list; d != NULL; d = d->next) {
		if ((bd = build_find_dir(b, d->name.s, d->name.len)) == NULL)
			return build_fail(b, d->loc, "Unknown directive "
			    "\"@%s\".", d->name.s);
		if (!(bd->d->locations & GQL_DIRLOC_BIT(where)))
			return build_fail(b, d->loc, "Directive \"@%s\" may "
			    "not be used on %s.", d->name.s,
			    gql_dirloc_name(where));
		for (i = 0; !bd->d->repeatable && i < b->nseen; i++) {
			if (!gql_name_eq(&b->seen[i]->name, d->name.s))
				continue;
			build_fail(b, d->loc, "The directive \"@%s\" can only "
			    "be used once at this location.", d->name.s);
			gql_error_add_loc(b->err, b->seen[i]->loc);
			return -1;
		}
		b->seen = build_grow(b->seen, b->nseen, sizeof(*b->seen));
		b->seen[b->nseen++] = d;
		if (build_apply_args(b, d, bd->d) == -1 ||
		    build_apply_values(b, d, bd->d, ap) == -1)
			return -1;
	}
	return 0;
}

/* Arguments of an applied directive: known, unique, required present. */
static int
build_apply_args(struct build *b, const struct gql_ast_directive *d,
    const struct gql_directive_def *dd)
{
	const struct gql_ast_argument	*a, *o;
	const struct gql_input_value	*v;
	struct buf			 tb = BUF_INIT;
	uint32_t			 i;

	for (a = d->args; a != NULL; a = a->next) {
		if (gql_directive_def_arg(dd, a->name.s, a->name.len) == NULL)
			return build_fail(b, a->loc, "Unknown argument \"%s\" "
			    "on directive \"@%s\".", a->name.s, d->name.s);
		for (o = d->args; o != a; o = o->next) {
			if (!gql_name_eq(&o->name, a->name.s))
				continue;
			build_fail(b, a->name.loc, "There can be only one "
			    "argument named \"%s\".", a->name.s);
			gql_error_add_loc(b->err, o->name.loc);
			return -1;
		}
	}
	for (i = 0; i < dd->nargs; i++) {
		v = &dd->args[i];
		if (!gql_typeref_is_non_null(v->type) ||
		    v->default_value != NULL)
			continue;
		for (a = d->args; a != NULL; a = a->next) {
			if (gql_name_eqn(&a->name, v->name, v->name_len))
				break;
		}
		if (a != NULL)
			continue;
		gql_typeref_print(v->type, &tb);
		build_fail(b, d->loc, "Directive \"@%s\" argument \"%s\" of type "
		    "\"%s\" is required, but it was not provided.", d->name.s,
		    v->name, tb.data);
		buf_free(&tb);
		return -1;
	}
	return 0;
}

/* @deprecated(reason:), @specifiedBy(url:), @oneOf take effect. */
static int
build_apply_values(struct build *b, const struct gql_ast_directive *d,
    const struct gql_directive_def *dd, struct applied *ap)
{
	const struct gql_ast_argument	*a;
	const struct gql_input_value	*v;

	if (dd == b->s->d_deprecated) {
		ap->deprecated = 1;
		ap->reason = "No longer supported";
		if ((v = gql_directive_def_arg(dd, "reason", 6)) != NULL &&
		    v->default_value != NULL &&
		    v->default_value->kind == GQL_VALUE_STRING)
			ap->reason = v->default_value->str;
		for (a = d->args; a != NULL; a = a->next) {
			if (!gql_name_eq(&a->name, "reason"))
				continue;
			if (a->value->kind == GQL_VALUE_NULL)
				ap->deprecated = 0, ap->reason = NULL;
			else if (a->value->kind == GQL_VALUE_STRING)
				ap->reason = a->value->str;
			else
				return build_fail(b, a->value->loc, "Argument "
				    "\"reason\" has invalid value: expected "
				    "a String.");
		}
	} else if (strcmp(dd->name, "specifiedBy") == 0 && dd->builtin) {
		for (a = d->args; a != NULL; a = a->next) {
			if (a->value->kind != GQL_VALUE_STRING)
				return build_fail(b, a->value->loc, "Argument "
				    "\"url\" has invalid value: expected a "
				    "String.");
			ap->url = a->value->str;
		}
	} else if (strcmp(dd->name, "oneOf") == 0 && dd->builtin)
		ap->one_of = 1;
	return 0;
}

/* Build one type's members from its definition and extensions. */
static int
build_type(struct build *b, struct btype *bt)
{
	if (build_type_directives(b, bt) == -1)
		return -1;
	switch (bt->t->kind) {
	case GQL_KIND_OBJECT:
	case GQL_KIND_INTERFACE:
		if (build_interfaces(b, bt) == -1)
			return -1;
		return build_fields(b, bt);
	case GQL_KIND_UNION:
		return build_members(b, bt);
	case GQL_KIND_ENUM:
		return build_values(b, bt);
	case GQL_KIND_INPUT_OBJECT:
		return build_input_fields(b, bt);
	default:
		return 0;
	}
}

/* The directives on a type's definition and extensions. */
static int
build_type_directives(struct build *b, struct btype *bt)
{
	static const enum gql_dirloc	 where[] = {
		[GQL_KIND_SCALAR] = GQL_DIRLOC_SCALAR,
		[GQL_KIND_OBJECT] = GQL_DIRLOC_OBJECT,
		[GQL_KIND_INTERFACE] = GQL_DIRLOC_INTERFACE,
		[GQL_KIND_UNION] = GQL_DIRLOC_UNION,
		[GQL_KIND_ENUM] = GQL_DIRLOC_ENUM,
		[GQL_KIND_INPUT_OBJECT] = GQL_DIRLOC_INPUT_OBJECT,
	};
	struct applied			 ap;
	uint32_t			 i;

	for (i = 0; i < bt->ndefs; i++) {
		if (build_apply(b, bt->defs[i]->u.type.directives,
		    where[bt->t->kind], i == 0, &ap) == -1)
			return -1;
	}
	bt->t->specified_by_url = ap.url;
	bt->t->one_of = ap.one_of;
	return 0;
}

/* ImplementsInterfaces of every definition, resolved. */
static int
build_interfaces(struct build *b, struct btype *bt)
{
	const struct gql_ast_type	*it;
	struct btype			*to;
	uint32_t			 i, n = 0;

	for (i = 0; i < bt->ndefs; i++)
		for (it = bt->defs[i]->u.type.interfaces; it; it = it->next)
			n++;
	bt->t->interfaces = gql_arena_calloc(b->a, n + 1, sizeof(void *));
	for (i = 0; i < bt->ndefs; i++) {
		for (it = bt->defs[i]->u.type.interfaces; it; it = it->next) {
			to = build_find(b, it->name.s, it->name.len);
			if (to == NULL)
				return build_fail(b, it->loc, "Unknown type "
				    "\"%s\".", it->name.s);
			bt->t->interfaces[bt->t->ninterfaces++] = to->t;
		}
	}
	return 0;
}

/* FieldsDefinition of every definition; names unique across them. */
static int
build_fields(struct build *b, struct btype *bt)
{
	const struct gql_ast_field_def	*fd;
	struct gql_type			*t = bt->t;
	uint32_t			 i, j, n = 0;

	for (i = 0; i < bt->ndefs; i++)
		n += bt->defs[i]->u.type.nfields;
	t->fields = gql_arena_calloc(b->a, n + 1, sizeof(*t->fields));
	for (i = 0; i < bt->ndefs; i++) {
		for (fd = bt->defs[i]->u.type.fields; fd; fd = fd->next) {
			for (j = 0; j < t->nfields; j++) {
				if (!gql_name_eq(&fd->name, t->fields[j].name))
					continue;
				build_fail(b, fd->name.loc, "Field \"%s.%s\" "
				    "can only be defined once.", t->name,
				    fd->name.s);
				gql_error_add_loc(b->err, t->fields[j].loc);
				return -1;
			}
			if (build_field(b, t, fd, &t->fields[t->nfields]) == -1)
				return -1;
			t->fields[t->nfields].index = t->nfields;
			t->nfields++;
		}
	}
	return 0;
}

static int
build_field(struct build *b, struct gql_type *t,
    const struct gql_ast_field_def *fd, struct gql_field *f)
{
	const struct gql_ast_input_value_def	*iv;
	struct applied				 ap;
	struct buf				 owner = BUF_INIT;
	uint32_t				 i;
	int					 rc;

	f->name = fd->name.s;
	f->name_len = fd->name.len;
	f->owner = t;
	f->loc = fd->name.loc;
	if (fd->description != NULL)
		f->description = fd->description->str;
	buf_addf(&owner, "%s.%s", t->name, f->name);
	rc = (f->type = build_ref(b, fd->type)) == NULL ||
	    build_input_values(b, fd->args, fd->nargs, &f->args, &f->nargs,
	    "Argument", buf_cstr(&owner)) == -1 ? -1 : 0;
	buf_free(&owner);
	if (rc == -1)
		return -1;
	for (i = 0, iv = fd->args; iv != NULL; iv = iv->next, i++) {
		if (build_apply(b, iv->directives,
		    GQL_DIRLOC_ARGUMENT_DEFINITION, 1, &ap) == -1)
			return -1;
		f->args[i].deprecated = ap.deprecated;
		f->args[i].deprecation_reason = ap.reason;
	}
	if (build_apply(b, fd->directives, GQL_DIRLOC_FIELD_DEFINITION, 1,
	    &ap) == -1)
		return -1;
	f->deprecated = ap.deprecated;
	f->deprecation_reason = ap.reason;
	return 0;
}

/* UnionMemberTypes of every definition, resolved. */
static int
build_members(struct build *b, struct btype *bt)
{
	const struct gql_ast_type	*m;
	struct btype			*to;
	uint32_t			 i, n = 0;

	for (i = 0; i < bt->ndefs; i++)
		for (m = bt->defs[i]->u.type.members; m; m = m->next)
			n++;
	bt->t->possible = gql_arena_calloc(b->a, n + 1, sizeof(void *));
	for (i = 0; i < bt->ndefs; i++) {
		for (m = bt->defs[i]->u.type.members; m; m = m->next) {
			if ((to = build_find(b, m->name.s, m->name.len)) ==
			    NULL)
				return build_fail(b, m->loc, "Unknown type "
				    "\"%s\".", m->name.s);
			bt->t->possible[bt->t->npossible++] = to->t;
		}
	}
	return 0;
}

/* EnumValuesDefinition of every definition; names unique. */
static int
build_values(struct build *b, struct btype *bt)
{
	const struct gql_ast_enum_value_def	*ev;
	struct gql_type				*t = bt->t;
	struct gql_enum_value			*v;
	struct applied				 ap;
	uint32_t				 i, j, n = 0;

	for (i = 0; i < bt->ndefs; i++)
		for (ev = bt->defs[i]->u.type.values; ev; ev = ev->next)
			n++;
	t->values = gql_arena_calloc(b->a, n + 1, sizeof(*t->values));
	for (i = 0; i < bt->ndefs; i++) {
		for (ev = bt->defs[i]->u.type.values; ev; ev = ev->next) {
			for (j = 0; j < t->nvalues; j++) {
				if (!gql_name_eq(&ev->name, t->values[j].name))
					continue;
				build_fail(b, ev->name.loc, "Enum value "
				    "\"%s.%s\" can only be defined once.",
				    t->name, ev->name.s);
				gql_error_add_loc(b->err, t->values[j].loc);
				return -1;
			}
			v = &t->values[t->nvalues];
			v->name = ev->name.s;
			v->name_len = ev->name.len;
			v->index = t->nvalues++;
			v->owner = t;
			v->loc = ev->name.loc;
			if (ev->description != NULL)
				v->description = ev->description->str;
			if (build_apply(b, ev->directives,
			    GQL_DIRLOC_ENUM_VALUE, 1, &ap) == -1)
				return -1;
			v->deprecated = ap.deprecated;
			v->deprecation_reason = ap.reason;
		}
	}
	return 0;
}

/* InputFieldsDefinition of every definition; names unique. */
static int
build_input_fields(struct build *b, struct btype *bt)
{
	const struct gql_ast_input_value_def	*iv;
	struct gql_type				*t = bt->t;
	struct gql_input_value			*all, *part;
	struct applied				 ap;
	uint32_t				 i, j, k, n = 0, np;

	for (i = 0; i < bt->ndefs; i++)
		for (iv = bt->defs[i]->u.type.input_fields; iv; iv = iv->next)
			n++;
	all = gql_arena_calloc(b->a, n + 1, sizeof(*all));
	for (i = 0; i < bt->ndefs; i++) {
		iv = bt->defs[i]->u.type.input_fields;
		np = 0;
		if (build_input_values(b, iv, n, &part, &np, "Field",
		    t->name) == -1)
			return -1;
		for (j = 0; j < np; j++, iv = iv->next) {
			for (k = 0; k < t->ninput_fields; k++) {
				if (strcmp(all[k].name, part[j].name) != 0)
					continue;
				build_fail(b, part[j].loc, "Field \"%s.%s\" "
				    "can only be defined once.", t->name,
				    part[j].name);
				gql_error_add_loc(b->err, all[k].loc);
				return -1;
			}
			if (build_apply(b, iv->directives,
			    GQL_DIRLOC_INPUT_FIELD_DEFINITION, 1, &ap) == -1)
				return -1;
			all[t->ninput_fields] = part[j];
			all[t->ninput_fields].index = t->ninput_fields;
			all[t->ninput_fields].deprecated = ap.deprecated;
			all[t->ninput_fields].deprecation_reason = ap.reason;
			t->ninput_fields++;
		}
	}
	t->input_fields = all;
	return 0;
}

/* Root operation types: schema { } and extensions, and by convention. */
static int
build_roots(struct build *b)
{
	static const char *const conv[] = { "Query", "Mutation",
	    "Subscription" };
	struct gql_type			*roots[3] = { NULL, NULL, NULL };
	const struct gql_ast_root_op	*op;
	struct btype			*bt;
	struct applied			 ap;
	uint32_t			 i;
	int				 defined = 0;

	for (i = 0; i < b->nschema_defs; i++) {
		defined |= !b->schema_defs[i]->extend;
		if (build_apply(b, b->schema_defs[i]->u.schema.directives,
		    GQL_DIRLOC_SCHEMA, i == 0, &ap) == -1)
			return -1;
		if (b->schema_defs[i]->u.schema.description != NULL)
			b->s->description =
			    b->schema_defs[i]->u.schema.description->str;
		for (op = b->schema_defs[i]->u.schema.ops; op; op = op->next) {
			if (roots[op->op] != NULL)
				return build_fail(b, op->loc, "There can be "
				    "only one %s type in schema.",
				    gql_op_type_name(op->op));
			if (build_root(b, op, &roots[op->op]) == -1)
				return -1;
		}
	}
	/* Without a schema definition the conventional names win, even
	 * over an extension's (graphql-js buildASTSchema()). */
	for (i = 0; !defined && i < 3; i++) {
		if ((bt = build_find(b, conv[i], strlen(conv[i]))) != NULL &&
		    !bt->t->builtin)
			roots[i] = bt->t;
	}
	b->s->query = roots[GQL_OP_QUERY];
	b->s->mutation = roots[GQL_OP_MUTATION];
	b->s->subscription = roots[GQL_OP_SUBSCRIPTION];
	return 0;
}

static int
build_root(struct build *b, const struct gql_ast_root_op *op,
    struct gql_type **out)
{
	struct btype	*bt;

	bt = build_find(b, op->type->name.s, op->type->name.len);
	if (bt == NULL)
		return build_fail(b, op->type->loc, "Unknown type \"%s\".",
		    op->type->name.s);
	*out = bt->t;
	return 0;
}

/*
 * Order the types as graphql-js's GraphQLSchema constructor does (user
 * types, each followed by what it references first, then what the roots,
 * the directives' arguments and __Schema reach), which leaves out the
 * built-in scalars nothing refers to.
 */
static void
build_order(struct build *b)
{
	struct gql_type	**order;
	uint8_t		 *in;
	uint32_t	  i, j, n = 0;

	order = xcalloc(b->ntypes + 1, sizeof(*order));
	in = xcalloc(b->ntypes + 1, 1);
	for (i = 0; i < b->ntypes; i++)
		in[i] = !b->types[i].t->builtin;
	for (i = 0; i < b->ntypes; i++) {
		if (b->types[i].t->builtin)
			continue;
		in[i] = 0;
		build_collect_refs(b, b->types[i].t, order, &n, in);
	}
	if (b->s->query != NULL)
		build_collect_refs(b, b->s->query, order, &n, in);
	if (b->s->mutation != NULL)
		build_collect_refs(b, b->s->mutation, order, &n, in);
	if (b->s->subscription != NULL)
		build_collect_refs(b, b->s->subscription, order, &n, in);
	for (i = 0; i < b->ndirs; i++)
		for (j = 0; j < b->dirs[i].d->nargs; j++)
			build_collect_refs(b, gql_typeref_named(
			    b->dirs[i].d->args[j].type), order, &n, in);
	build_collect_refs(b, build_find(b, "__Schema", 8)->t, order, &n, in);
	for (i = 0; i < b->ntypes; i++) {
		if (strcmp(b->types[i].t->name, "Int") == 0)
			b->s->t_int = b->types[i].t;
		else if (strcmp(b->types[i].t->name, "Float") == 0)
			b->s->t_float = b->types[i].t;
		else if (strcmp(b->types[i].t->name, "String") == 0)
			b->s->t_string = b->types[i].t;
		else if (strcmp(b->types[i].t->name, "Boolean") == 0)
			b->s->t_boolean = b->types[i].t;
		else if (strcmp(b->types[i].t->name, "ID") == 0)
			b->s->t_id = b->types[i].t;
	}
	/* Directives: the user's first, as buildASTSchema() lists them. */
	for (i = 0, j = 0; i < b->ndirs; i++)
		if (!b->dirs[i].d->builtin)
			b->s->directives[j++] = b->dirs[i].d;
	for (i = 0; i < b->ndirs; i++)
		if (b->dirs[i].d->builtin)
			b->s->directives[j++] = b->dirs[i].d;
	for (i = 0; i < b->ndirs; i++)
		b->s->directives[i]->index = i;
	b->s->types = gql_arena_calloc(b->a, n + 1, sizeof(*b->s->types));
	for (i = 0; i < n; i++) {
		b->s->types[i] = order[i];
		order[i]->index = i;
	}
	b->s->ntypes = n;
	gql_schema_index_build(b->s);
	free(order);
	free(in);
}

/* graphql-js collectReferencedTypes(): add t, then what it refers to. */
static void
build_collect_refs(struct build *b, struct gql_type *t,
    struct gql_type **order, uint32_t *n, uint8_t *in)
{
	uint32_t	i, j, k = t->index;

	/* t->index is still the build index here; `in` is keyed by it:
	 * 0 not in the set, 1 a user type waiting for its turn, 2 added. */
	if (in[k] != 0)
		return;
	in[k] = 2;
	order[(*n)++] = t;
	for (i = 0; i < t->npossible && t->kind == GQL_KIND_UNION; i++)
		build_collect_refs(b, t->possible[i], order, n, in);
	for (i = 0; i < t->ninterfaces; i++)
		build_collect_refs(b, t->interfaces[i], order, n, in);
	for (i = 0; i < t->nfields; i++) {
		build_collect_refs(b, gql_typeref_named(t->fields[i].type),
		    order, n, in);
		for (j = 0; j < t->fields[i].nargs; j++)
			build_collect_refs(b, gql_typeref_named(
			    t->fields[i].args[j].type), order, n, in);
	}
	for (i = 0; i < t->ninput_fields; i++)
		build_collect_refs(b, gql_typeref_named(
		    t->input_fields[i].type), order, n, in);
}

/* Interfaces' possible types: implementing objects, in type order. */
static void
build_possible(struct build *b)
{
	struct gql_schema	*s = b->s;
	struct gql_type		*t, *o;
	uint32_t		 i, j, k;

	for (i = 0; i < s->ntypes; i++) {
		t = s->types[i];
		if (t->kind != GQL_KIND_INTERFACE)
			continue;
		t->possible = gql_arena_calloc(b->a, s->ntypes + 1,
		    sizeof(void *));
		for (j = 0; j < s->ntypes; j++) {
			o = s->types[j];
			if (o->kind != GQL_KIND_OBJECT)
				continue;
			for (k = 0; k < o->ninterfaces; k++) {
				if (o->interfaces[k] == t) {
					t->possible[t->npossible++] = o;
					break;
				}
			}
		}
	}
}

/* __schema, __type(name:) and __typename. */
static void
build_meta(struct build *b)
{
	struct gql_schema	*s = b->s;
	struct gql_field	*f;
	struct gql_typeref	*nn;

	f = gql_arena_calloc(b->a, 3, sizeof(*f));
	nn = gql_arena_calloc(b->a, 2, sizeof(*nn));
	nn[0].kind = GQL_WRAP_NON_NULL;
	nn[0].of = &gql_schema_type(s, "__Schema", 8)->ref;
	nn[1].kind = GQL_WRAP_NON_NULL;
	nn[1].of = &s->t_string->ref;
	f[0].name = "__schema";
	f[0].name_len = 8;
	f[0].description = "Access the current type schema of this server.";
	f[0].type = &nn[0];
	f[1].name = "__type";
	f[1].name_len = 6;
	f[1].description = "Request the type information of a single type.";
	f[1].type = &gql_schema_type(s, "__Type", 6)->ref;
	f[1].args = gql_arena_calloc(b->a, 1, sizeof(*f[1].args));
	f[1].nargs = 1;
	f[1].args[0].name = "name";
	f[1].args[0].name_len = 4;
	f[1].args[0].type = &nn[1];
	f[2].name = "__typename";
	f[2].name_len = 10;
	f[2].description = "The name of the current Object type at runtime.";
	f[2].type = &nn[1];
	s->meta_schema = &f[0];
	s->meta_type = &f[1];
	s->meta_typename = &f[2];
}
