/*
 * gql_schema.c: the schema model's life cycle and queries: creating a
 * schema from SDL (parse, gql_schema_build(), gql_schema_check()),
 * loading it from a file, the name index, lookups, kind predicates, the
 * subtype relations validation needs (graphql-js isTypeSubTypeOf,
 * doTypesOverlap) and type references.
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/buf.h"
#include "common/xmalloc.h"
#include "graphql/gql_arena.h"
#include "graphql/gql_parse.h"
#include "graphql/gql_schema_int.h"

/* An SDL file larger than this is refused (ours is a few KiB). */
#define SCHEMA_FILE_MAX	(16 * 1024 * 1024)

static uint32_t	 schema_capacity(uint32_t);
static int	 schema_name_is(const char *, uint32_t, const char *, size_t);
static const struct gql_ast_def *schema_first_executable(
		    const struct gql_ast_document *);

/* Hash a name (FNV-1a), as the schema index does. */
uint32_t
gql_schema_hash(const char *s, size_t len)
{
	uint32_t	h = 2166136261u;
	size_t		i;

	for (i = 0; i < len; i++) {
		h ^= (unsigned char)s[i];
		h *= 16777619u;
	}
	return h;
}

static uint32_t
schema_capacity(uint32_t n)
{
	uint32_t	cap = 16;

	while (cap < n * 2)
		cap *= 2;
	return cap;
}

static int
schema_name_is(const char *name, uint32_t name_len, const char *s,
    size_t len)
{
	return name_len == len && memcmp(name, s, len) == 0;
}

static const struct gql_ast_def *
schema_first_executable(const struct gql_ast_document *doc)
{
	const struct gql_ast_def	*def;

	for (def = doc->defs; def != NULL; def = def->next) {
		if (gql_def_is_executable(def))
			return def;
	}
	return NULL;
}

/* Index the schema's types and directives by name. */
void
gql_schema_index_build(struct gql_schema *s)
{
	struct gql_schema_index	*ix;
	uint32_t		 i, h, cap;

	ix = gql_arena_calloc(s->arena, 1, sizeof(*ix));
	cap = schema_capacity(s->ntypes);
	ix->types = gql_arena_calloc(s->arena, cap, sizeof(*ix->types));
	ix->tmask = cap - 1;
	for (i = 0; i < s->ntypes; i++) {
		h = gql_schema_hash(s->types[i]->name, s->types[i]->name_len);
		while (ix->types[h & ix->tmask] != NULL)
			h++;
		ix->types[h & ix->tmask] = s->types[i];
	}
	cap = schema_capacity(s->ndirectives);
	ix->dirs = gql_arena_calloc(s->arena, cap, sizeof(*ix->dirs));
	ix->dmask = cap - 1;
	for (i = 0; i < s->ndirectives; i++) {
		h = gql_schema_hash(s->directives[i]->name,
		    s->directives[i]->name_len);
		while (ix->dirs[h & ix->dmask] != NULL)
			h++;
		ix->dirs[h & ix->dmask] = s->directives[i];
	}
	s->index = ix;
}

/* Build a schema from SDL text: parse, build, validate. */
struct gql_schema *
gql_schema_new(const char *sdl, size_t len, struct gql_error *err)
{
	struct gql_schema	*s;
	struct gql_ast_document	*user, *builtin;
	const struct gql_ast_def *exe;
	struct gql_error	 berr;

	gql_error_clear(err);
	if ((user = gql_parse_document(sdl, len, NULL, err)) == NULL)
		return NULL;
	if ((exe = schema_first_executable(user)) != NULL) {
		gql_error_set(err, GQL_ERR_SCHEMA, exe->loc, "Schema SDL may "
		    "contain only type-system definitions, not %s.",
		    exe->kind == GQL_DEF_FRAGMENT ? "fragments" : "operations");
		gql_ast_document_free(user);
		return NULL;
	}
	builtin = gql_parse_document(gql_schema_builtin_sdl,
	    strlen(gql_schema_builtin_sdl), NULL, &berr);
	if (builtin == NULL)
		abort();	/* our own text: a broken invariant */
	s = xcalloc(1, sizeof(*s));
	s->arena = gql_arena_new(64 * 1024);
	if (gql_schema_build(s, user, builtin, err) == -1 ||
	    gql_schema_check(s, err) == -1) {
		gql_ast_document_free(user);
		gql_ast_document_free(builtin);
		gql_schema_free(s);
		return NULL;
	}
	/* Keep the documents: default values point into them. */
	s->docs[0] = user;
	s->docs[1] = builtin;
	return s;
}

/*
 * Read and build the schema in file `path`. On failure `err` holds the
 * message and, for SDL problems, the line and column in that file.
 */
struct gql_schema *
gql_schema_load(const char *path, struct gql_error *err)
{
	struct gql_schema	*s = NULL;
	FILE			*f;
	char			*data = NULL;
	size_t			 n;

	gql_error_clear(err);
	if ((f = fopen(path, "rb")) == NULL) {
		gql_error_set(err, GQL_ERR_SCHEMA, GQL_LOC_NONE, "%s",
		    strerror(errno));
		return NULL;
	}
	data = xmalloc(SCHEMA_FILE_MAX + 1);
	n = fread(data, 1, SCHEMA_FILE_MAX + 1, f);
	if (ferror(f))
		gql_error_set(err, GQL_ERR_SCHEMA, GQL_LOC_NONE, "%s",
		    strerror(errno));
	else if (n > SCHEMA_FILE_MAX)
		gql_error_set(err, GQL_ERR_SCHEMA, GQL_LOC_NONE,
		    "schema file larger than %d bytes", SCHEMA_FILE_MAX);
	else
		s = gql_schema_new(data, n, err);
	fclose(f);
	free(data);
	return s;
}

/* Free a schema and everything in it; NULL is a no-op. */
void
gql_schema_free(struct gql_schema *s)
{
	if (s == NULL)
		return;
	gql_ast_document_free(s->docs[0]);
	gql_ast_document_free(s->docs[1]);
	gql_arena_free(s->arena);
	free(s);
}

/* Return the named type, or NULL. */
struct gql_type *
gql_schema_type(const struct gql_schema *s, const char *name, size_t len)
{
	const struct gql_schema_index	*ix = s->index;
	struct gql_type			*t;
	uint32_t			 h;

	h = gql_schema_hash(name, len);
	while ((t = ix->types[h & ix->tmask]) != NULL) {
		if (schema_name_is(t->name, t->name_len, name, len))
			return t;
		h++;
	}
	return NULL;
}

/* Return the directive definition named without its '@', or NULL. */
struct gql_directive_def *
gql_schema_directive(const struct gql_schema *s, const char *name, size_t len)
{
	const struct gql_schema_index	*ix = s->index;
	struct gql_directive_def	*d;
	uint32_t			 h;

	h = gql_schema_hash(name, len);
	while ((d = ix->dirs[h & ix->dmask]) != NULL) {
		if (schema_name_is(d->name, d->name_len, name, len))
			return d;
		h++;
	}
	return NULL;
}

/* Return the root type of an operation type, or NULL if there is none. */
struct gql_type *
gql_schema_root(const struct gql_schema *s, enum gql_op_type op)
{
	switch (op) {
	case GQL_OP_QUERY:
		return s->query;
	case GQL_OP_MUTATION:
		return s->mutation;
	case GQL_OP_SUBSCRIPTION:
		return s->subscription;
	}
	return NULL;
}

/* Return a field of an object or interface type, or NULL. */
struct gql_field *
gql_type_field(const struct gql_type *t, const char *name, size_t len)
{
	uint32_t	i;

	for (i = 0; i < t->nfields; i++) {
		if (schema_name_is(t->fields[i].name, t->fields[i].name_len,
		    name, len))
			return &t->fields[i];
	}
	return NULL;
}

/* Return an input object's field, or NULL. */
struct gql_input_value *
gql_type_input_field(const struct gql_type *t, const char *name, size_t len)
{
	uint32_t	i;

	for (i = 0; i < t->ninput_fields; i++) {
		if (schema_name_is(t->input_fields[i].name,
		    t->input_fields[i].name_len, name, len))
			return &t->input_fields[i];
	}
	return NULL;
}

/* Return an enum type's value, or NULL. */
struct gql_enum_value *
gql_type_enum_value(const struct gql_type *t, const char *name, size_t len)
{
	uint32_t	i;

	for (i = 0; i < t->nvalues; i++) {
		if (schema_name_is(t->values[i].name, t->values[i].name_len,
		    name, len))
			return &t->values[i];
	}
	return NULL;
}

/* Return a field's argument, or NULL. */
struct gql_input_value *
gql_field_arg(const struct gql_field *f, const char *name, size_t len)
{
	uint32_t	i;

	for (i = 0; i < f->nargs; i++) {
		if (schema_name_is(f->args[i].name, f->args[i].name_len, name,
		    len))
			return &f->args[i];
	}
	return NULL;
}

/* Return a directive's argument, or NULL. */
struct gql_input_value *
gql_directive_def_arg(const struct gql_directive_def *d, const char *name,
    size_t len)
{
	uint32_t	i;

	for (i = 0; i < d->nargs; i++) {
		if (schema_name_is(d->args[i].name, d->args[i].name_len, name,
		    len))
			return &d->args[i];
	}
	return NULL;
}

/* Return whether a type may be used for arguments and variables. */
int
gql_type_is_input(const struct gql_type *t)
{
	return t->kind == GQL_KIND_SCALAR || t->kind == GQL_KIND_ENUM ||
	    t->kind == GQL_KIND_INPUT_OBJECT;
}

/* Return whether a type may be a field's type. */
int
gql_type_is_output(const struct gql_type *t)
{
	return t->kind != GQL_KIND_INPUT_OBJECT;
}

/* Return whether a type is a scalar or an enum. */
int
gql_type_is_leaf(const struct gql_type *t)
{
	return t->kind == GQL_KIND_SCALAR || t->kind == GQL_KIND_ENUM;
}

/* Return whether a type is an object, interface or union. */
int
gql_type_is_composite(const struct gql_type *t)
{
	return t->kind == GQL_KIND_OBJECT || t->kind == GQL_KIND_INTERFACE ||
	    t->kind == GQL_KIND_UNION;
}

/* Return whether a type is an interface or union. */
int
gql_type_is_abstract(const struct gql_type *t)
{
	return t->kind == GQL_KIND_INTERFACE || t->kind == GQL_KIND_UNION;
}

/* Return a kind as __TypeKind spells it. */
const char *
gql_kind_name(enum gql_kind k)
{
	static const char *const names[] = {
		"SCALAR", "OBJECT", "INTERFACE", "UNION", "ENUM",
		"INPUT_OBJECT", "LIST", "NON_NULL",
	};

	if ((unsigned)k >= sizeof(names) / sizeof(*names))
		return "UNKNOWN";
	return names[k];
}

/*
 * Return whether object type `obj` is a possible type of the abstract
 * type `abstract`: a member of the union, or an object implementing the
 * interface.
 */
int
gql_schema_is_possible_type(const struct gql_schema *s,
    const struct gql_type *abstract, const struct gql_type *obj)
{
	uint32_t	i;

	(void)s;
	for (i = 0; i < abstract->npossible; i++) {
		if (abstract->possible[i] == obj)
			return 1;
	}
	return 0;
}

/*
 * Return whether `sub` is a subtype of abstract type `abstract`: one of
 * its possible types, or (interfaces) an interface implementing it
 * (graphql-js isSubType()).
 */
int
gql_schema_is_subtype(const struct gql_schema *s,
    const struct gql_type *abstract, const struct gql_type *sub)
{
	uint32_t	i;

	if (sub->kind == GQL_KIND_INTERFACE) {
		for (i = 0; i < sub->ninterfaces; i++) {
			if (sub->interfaces[i] == abstract)
				return 1;
		}
		return 0;
	}
	return gql_schema_is_possible_type(s, abstract, sub);
}

/*
 * Return whether two composite types can have an object in common
 * (graphql-js doTypesOverlap()): fragment spreads need it.
 */
int
gql_schema_types_overlap(const struct gql_schema *s,
    const struct gql_type *a, const struct gql_type *b)
{
	uint32_t	i;

	if (a == b)
		return 1;
	if (gql_type_is_abstract(a)) {
		if (gql_type_is_abstract(b)) {
			for (i = 0; i < a->npossible; i++) {
				if (gql_schema_is_possible_type(s, b,
				    a->possible[i]))
					return 1;
			}
			return 0;
		}
		return gql_schema_is_possible_type(s, a, b);
	}
	if (gql_type_is_abstract(b))
		return gql_schema_is_possible_type(s, b, a);
	return 0;
}

/* Return the named type under all list and non-null wrappers. */
struct gql_type *
gql_typeref_named(const struct gql_typeref *r)
{
	while (r->kind != GQL_WRAP_NAMED)
		r = r->of;
	return r->named;
}

/* Return whether a reference is a non-null one. */
int
gql_typeref_is_non_null(const struct gql_typeref *r)
{
	return r->kind == GQL_WRAP_NON_NULL;
}

/* Return whether two references denote the same type (isEqualType). */
int
gql_typeref_eq(const struct gql_typeref *a, const struct gql_typeref *b)
{
	while (a->kind == b->kind) {
		if (a->kind == GQL_WRAP_NAMED)
			return a->named == b->named;
		a = a->of;
		b = b->of;
	}
	return 0;
}

/*
 * Return whether a value of type `sub` can be used where `super` is
 * expected (graphql-js isTypeSubTypeOf(): non-null fits nullable, lists
 * pairwise, objects and interfaces fit the abstract types they belong to).
 */
int
gql_typeref_is_subtype(const struct gql_schema *s,
    const struct gql_typeref *sub, const struct gql_typeref *super)
{
	for (;;) {
		if (sub->kind == GQL_WRAP_NAMED && super->kind ==
		    GQL_WRAP_NAMED && sub->named == super->named)
			return 1;
		if (super->kind == GQL_WRAP_NON_NULL) {
			if (sub->kind != GQL_WRAP_NON_NULL)
				return 0;
			sub = sub->of;
			super = super->of;
			continue;
		}
		if (sub->kind == GQL_WRAP_NON_NULL) {
			sub = sub->of;
			continue;
		}
		if (super->kind == GQL_WRAP_LIST) {
			if (sub->kind != GQL_WRAP_LIST)
				return 0;
			sub = sub->of;
			super = super->of;
			continue;
		}
		if (sub->kind == GQL_WRAP_LIST)
			return 0;
		return gql_type_is_abstract(super->named) &&
		    (sub->named->kind == GQL_KIND_INTERFACE ||
		    sub->named->kind == GQL_KIND_OBJECT) &&
		    gql_schema_is_subtype(s, super->named, sub->named);
	}
}

/*
 * Return the schema's reference for an AST type, allocating wrappers in
 * `arena`; NULL if its named type is unknown. Named references cost
 * nothing: every type carries one.
 */
const struct gql_typeref *
gql_typeref_from_ast(const struct gql_schema *s, struct gql_arena *arena,
    const struct gql_ast_type *t)
{
	struct gql_typeref		*r;
	const struct gql_typeref	*of;
	struct gql_type			*named;

	if (t->kind == GQL_WRAP_NAMED) {
		named = gql_schema_type(s, t->name.s, t->name.len);
		return named == NULL ? NULL : &named->ref;
	}
	if ((of = gql_typeref_from_ast(s, arena, t->of)) == NULL)
		return NULL;
	r = gql_arena_alloc(arena, sizeof(*r));
	r->kind = t->kind;
	r->named = NULL;
	r->of = of;
	return r;
}

/* Append a reference as GraphQL writes it: "[String!]!". */
void
gql_typeref_print(const struct gql_typeref *r, struct buf *b)
{
	switch (r->kind) {
	case GQL_WRAP_NAMED:
		buf_add(b, r->named->name, r->named->name_len);
		break;
	case GQL_WRAP_LIST:
		buf_addc(b, '[');
		gql_typeref_print(r->of, b);
		buf_addc(b, ']');
		break;
	case GQL_WRAP_NON_NULL:
		gql_typeref_print(r->of, b);
		buf_addc(b, '!');
		break;
	}
}
