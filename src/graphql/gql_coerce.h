/*
 * gql_coerce.h: input coercion (spec 3.5 - 3.10 input coercion, 6.1.2
 * CoerceVariableValues, 6.4.1 CoerceArgumentValues) and result coercion
 * of leaf values, with graphql-js 16.15's behaviour and messages:
 *
 * - variables: JSON values (gql_json_parse()) against the variable's
 *   type, as graphql-js coerceInputValue(); every problem becomes one
 *   request error 'Variable "$v" got invalid value ...; ...' located at
 *   the variable definition, at most max_errors of them.
 * - literals: AST values against a type, as graphql-js valueFromAST():
 *   -1 means "invalid" (graphql-js returns undefined), with no message;
 *   validation reports literal errors, execution only refuses.
 * - arguments: field and directive arguments from literals, variables and
 *   defaults, raising graphql-js's execution-time errors.
 * - scalars (gql_coerce_scalar.c): Int (32-bit), Float (finite), String,
 *   Boolean, ID exactly as graphql-js parses and serializes them, enums,
 *   and custom scalars through their struct gql_scalar_hooks (a custom
 *   scalar without hooks passes values through, as graphql-js does).
 * - @oneOf input objects (graphql-js 16.9+): exactly one field, non-null.
 *
 * Coerced values are built in the caller's arena (see gql_value.h for
 * their representation).
 */
#ifndef OM_GQL_COERCE_H
#define OM_GQL_COERCE_H

#include <stddef.h>
#include <stdint.h>

#include "graphql/gql_ast.h"
#include "graphql/gql_error.h"
#include "graphql/gql_schema.h"
#include "graphql/gql_value.h"

struct buf;
struct gql_arena;
struct gql_result;

/* CoerceVariableValues: 0 and *out (an object), or -1 and errors. */
int	 gql_coerce_variables(const struct gql_schema *,
	    const struct gql_ast_operation *, const struct gql_typeref *const *,
	    const struct gql_value *, struct gql_arena *, unsigned,
	    const struct gql_value **, const struct gql_value **,
	    struct gql_errors *);

const struct gql_typeref *gql_coerce_variable_type(const struct gql_schema *,
	    struct gql_arena *, const struct gql_ast_type *);
struct gql_value *gql_coerce_object(struct gql_arena *, uint32_t,
	    struct gql_value_field **);

/* CoerceArgumentValues: 0 and *out (an object), or -1 and err. */
int	 gql_coerce_arguments(const struct gql_schema *,
	    const struct gql_input_value *, uint32_t,
	    const struct gql_ast_argument *, struct gql_loc,
	    const struct gql_value *, struct gql_arena *,
	    const struct gql_value **, struct gql_error *);

/* One argument of those: 0 and *out, 1 when left out, -1 and err. */
int	 gql_coerce_argument(const struct gql_schema *,
	    const struct gql_input_value *, const struct gql_ast_argument *,
	    struct gql_loc, const struct gql_value *, struct gql_arena *,
	    struct gql_value *, struct gql_error *);
const struct gql_ast_argument *gql_coerce_find_arg(
	    const struct gql_ast_argument *, const char *, size_t);

/* valueFromAST: 0 and *out, or -1 when the literal is invalid. */
int	 gql_coerce_literal(const struct gql_schema *,
	    const struct gql_typeref *, const struct gql_ast_value *,
	    const struct gql_value *, struct gql_arena *, struct gql_value *);
/* valueFromASTUntyped: a literal as a plain value (for JSON scalars). */
void	 gql_coerce_literal_untyped(const struct gql_ast_value *,
	    const struct gql_value *, struct gql_arena *, struct gql_value *);
/* coerceInputValue: 0 and *out, or -1 with the first message in err. */
int	 gql_coerce_value(const struct gql_schema *,
	    const struct gql_typeref *, const struct gql_value *,
	    struct gql_arena *, struct gql_value *, struct buf *);
/* The coerced default of an argument or input field; NULL: none. */
const struct gql_value *gql_coerce_default(const struct gql_schema *,
	    const struct gql_input_value *, struct gql_arena *);
void	 gql_coerce_bind_defaults(struct gql_schema *);

/* Scalars and enums (gql_coerce_scalar.c). */
int	 gql_coerce_scalar_value(const struct gql_schema *,
	    const struct gql_type *, const struct gql_value *,
	    struct gql_arena *, struct gql_value *, struct buf *, int *);
int	 gql_coerce_scalar_literal(const struct gql_schema *,
	    const struct gql_type *, const struct gql_ast_value *,
	    const struct gql_value *, struct gql_arena *, struct gql_value *);
int	 gql_coerce_scalar_serialize(const struct gql_schema *,
	    const struct gql_type *, const struct gql_result *, struct buf *,
	    struct buf *);
void	 gql_coerce_result_value(const struct gql_result *,
	    struct gql_value *);
double	 gql_coerce_js_number(const char *, size_t);
int	 gql_coerce_literal_hook(void *, const struct gql_type *,
	    const struct gql_ast_value *, struct buf *);
void	 gql_coerce_did_you_mean(struct buf *, const char *, const char *,
	    size_t, const char *const *, size_t);

#endif
