/*
 * gql_ast.c: small helpers over the syntax tree (gql_ast.h): freeing a
 * document, comparing names, directive location names, fragment lookup.
 * The printer lives in gql_ast_print.c.
 */
#include "config.h"

#include <string.h>

#include "common/util.h"
#include "graphql/gql_arena.h"
#include "graphql/gql_ast.h"

/* Indexed by enum gql_dirloc. */
static const char *const ast_dirloc_names[GQL_DIRLOC_COUNT] = {
	"QUERY", "MUTATION", "SUBSCRIPTION", "FIELD", "FRAGMENT_DEFINITION",
	"FRAGMENT_SPREAD", "INLINE_FRAGMENT", "VARIABLE_DEFINITION",
	"SCHEMA", "SCALAR", "OBJECT", "FIELD_DEFINITION",
	"ARGUMENT_DEFINITION", "INTERFACE", "UNION", "ENUM", "ENUM_VALUE",
	"INPUT_OBJECT", "INPUT_FIELD_DEFINITION", "DIRECTIVE_DEFINITION",
};

/* Free a document and every node in it; NULL is a no-op. */
void
gql_ast_document_free(struct gql_ast_document *doc)
{
	if (doc != NULL)
		gql_arena_free(doc->arena);
}

/* Return whether a name equals a C string. */
int
gql_name_eq(const struct gql_name *n, const char *s)
{
	return gql_name_eqn(n, s, strlen(s));
}

/* Return whether a name equals `len` bytes at `s`. */
int
gql_name_eqn(const struct gql_name *n, const char *s, size_t len)
{
	return n->s != NULL && n->len == len && memcmp(n->s, s, len) == 0;
}

/* Return whether a definition is a type-system definition or extension. */
int
gql_def_is_type(const struct gql_ast_def *def)
{
	return def->kind >= GQL_DEF_SCHEMA;
}

/* Return whether a definition is an operation or a fragment. */
int
gql_def_is_executable(const struct gql_ast_def *def)
{
	return def->kind == GQL_DEF_OPERATION ||
	    def->kind == GQL_DEF_FRAGMENT;
}

/* Return "query", "mutation" or "subscription". */
const char *
gql_op_type_name(enum gql_op_type op)
{
	switch (op) {
	case GQL_OP_QUERY:
		return "query";
	case GQL_OP_MUTATION:
		return "mutation";
	case GQL_OP_SUBSCRIPTION:
		return "subscription";
	}
	return "query";
}

/* Return a directive location's name as the spec spells it. */
const char *
gql_dirloc_name(enum gql_dirloc l)
{
	if ((unsigned)l >= GQL_DIRLOC_COUNT)
		return "UNKNOWN";
	return ast_dirloc_names[l];
}

/* Map a directive location name to its value; -1 if it names none. */
int
gql_dirloc_from_name(const char *s, size_t len, enum gql_dirloc *out)
{
	size_t	i;

	for (i = 0; i < nitems(ast_dirloc_names); i++) {
		if (strlen(ast_dirloc_names[i]) == len &&
		    memcmp(ast_dirloc_names[i], s, len) == 0) {
			*out = (enum gql_dirloc)i;
			return 0;
		}
	}
	return -1;
}

/* Return the first fragment definition with this name, or NULL. */
const struct gql_ast_def *
gql_ast_find_fragment(const struct gql_ast_document *doc, const char *name,
    size_t len)
{
	const struct gql_ast_def	*def;

	for (def = doc->defs; def != NULL; def = def->next) {
		if (def->kind == GQL_DEF_FRAGMENT &&
		    gql_name_eqn(&def->u.fragment.name, name, len))
			return def;
	}
	return NULL;
}
