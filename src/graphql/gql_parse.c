/*
 * gql_parse.c: the recursive-descent GraphQL parser (stub until the
 * implementation lands; the API in gql_parse.h is stable).
 */
#include "config.h"

#include "graphql/gql_parse.h"

/* Parse a document (stub). */
struct gql_ast_document *
gql_parse_document(const char *src, size_t len,
    const struct gql_limits *limits, struct gql_error *err)
{
	gql_error_set(err, GQL_ERR_SYNTAX, GQL_LOC_NONE, "not implemented");
	return NULL;
}

/* Parse a lone value (stub). */
struct gql_ast_document *
gql_parse_value(const char *src, size_t len, const struct gql_limits *limits,
    struct gql_ast_value **out, struct gql_error *err)
{
	gql_error_set(err, GQL_ERR_SYNTAX, GQL_LOC_NONE, "not implemented");
	return NULL;
}

/* Parse a lone type reference (stub). */
struct gql_ast_document *
gql_parse_type(const char *src, size_t len, const struct gql_limits *limits,
    struct gql_ast_type **out, struct gql_error *err)
{
	gql_error_set(err, GQL_ERR_SYNTAX, GQL_LOC_NONE, "not implemented");
	return NULL;
}
