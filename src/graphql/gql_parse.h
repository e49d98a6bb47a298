/*
 * gql_parse.h: the GraphQL parser (spec October 2021, plus the working
 * draft's "\u{...}" escapes, as graphql-js 16 accepts them). Bytes in,
 * struct gql_ast_document out, or a filled struct gql_error whose message
 * and location match graphql-js 16's ("Syntax Error: Expected Name, found
 * "}"." at the offending token; for lexer errors, the offending character).
 *
 * One grammar serves executable documents and SDL, as in graphql-js: the
 * parser accepts both kinds of definition in any document; the validator
 * rejects type-system definitions in a request ("ExecutableDefinitions")
 * and the schema builder rejects executable ones.
 *
 * Hostile input is bounded by struct gql_limits: the document's size in
 * bytes, the number of tokens, and the nesting depth of selection sets,
 * list and object values and list types, checked before recursing.
 */
#ifndef OM_GQL_PARSE_H
#define OM_GQL_PARSE_H

#include <stddef.h>
#include <stdint.h>

#include "graphql/gql_ast.h"
#include "graphql/gql_error.h"

struct gql_limits {
	size_t		max_bytes;	/* 0: unlimited */
	uint32_t	max_tokens;	/* 0: unlimited */
	uint32_t	max_depth;	/* 0 or > GQL_DEPTH_HARD_MAX: hard max */
};

/* Nesting is never deeper than this, whatever the limits say. */
#define GQL_DEPTH_HARD_MAX	2048

/* Defaults for documents from the network (the daemon's flags override). */
#define GQL_LIMITS_DEFAULT	{ 1024 * 1024, 100000, 256 }

/*
 * Parse `len` bytes of UTF-8 at `src` (need not be NUL-terminated). NULL
 * limits: no bounds but the hard depth cap (for trusted SDL). Returns the
 * document, or NULL with `err` filled (kind GQL_ERR_SYNTAX or
 * GQL_ERR_LIMIT, one location).
 */
struct gql_ast_document *gql_parse_document(const char *, size_t,
	    const struct gql_limits *, struct gql_error *);

/* Parse a lone value literal ("[1, {a: $v}]"), as graphql-js parseValue(). */
struct gql_ast_document *gql_parse_value(const char *, size_t,
	    const struct gql_limits *, struct gql_ast_value **,
	    struct gql_error *);

/* Parse a lone type reference ("[String!]!"), as graphql-js parseType(). */
struct gql_ast_document *gql_parse_type(const char *, size_t,
	    const struct gql_limits *, struct gql_ast_type **,
	    struct gql_error *);

#endif
