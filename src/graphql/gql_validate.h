/*
 * gql_validate.h: validation of an executable document against a schema
 * (spec October 2021, section 5), rule for rule as graphql-js 16.15
 * implements it: the same rules (its specifiedRules, MaxIntrospectionDepth
 * included), the same messages, locations and order of errors, the same
 * stop after `max_errors` errors ("Too many validation errors, error limit
 * reached. Validation aborted.") and the same work budgets graphql-js
 * meters in OverlappingFieldsCanBeMerged and in its fragment walks.
 *
 * On top of that come onionmsg's own query limits (each an onionmsgd
 * flag): how deep fields nest and how many field selections a document
 * makes once fragments are expanded. They are checked first, in time
 * linear in the document plus the limit, so a hostile document is turned
 * away before the rules run; a limit error has kind GQL_ERR_LIMIT and says
 * which limit and its value.
 *
 * Validation allocates from one scratch arena per call and never from the
 * document or the schema, so both stay immutable: a validated document may
 * be cached and executed by several requests (see gql_cache.h), and one
 * schema serves every thread.
 *
 * Where it differs from graphql-js: messages and locations are kept whole,
 * but the errors of one validation hold at most GQL_ERRORS_BYTES_MAX bytes
 * in all (gql_error.h), past which messages are cut; when a budget runs
 * out the last error says which ("Validation aborted: ..."), where
 * graphql-js says "Validation aborted."; helpers that follow chains of
 * fragments stop at 2048 levels with a limit error, where graphql-js would
 * overflow its stack; a subscription whose root fields depend on @skip or
 * @include with a variable is checked as if they were included, where
 * graphql-js throws.
 */
#ifndef OM_GQL_VALIDATE_H
#define OM_GQL_VALIDATE_H

#include <stddef.h>
#include <stdint.h>

#include "graphql/gql_ast.h"
#include "graphql/gql_error.h"
#include "graphql/gql_schema.h"

/* Bounds on a document; 0 disables a bound. */
struct gql_validate_limits {
	uint32_t	max_errors;	/* errors before giving up (js: 100) */
	uint32_t	max_depth;	/* fields nested, fragments expanded */
	uint32_t	max_fields;	/* selections, fragments expanded */
	uint32_t	max_introspection_depth; /* nested introspection
					   lists: fields, interfaces,
					   possibleTypes, inputFields (js: 3) */
};

/* For documents from the network; the daemon's flags override them. */
#define GQL_VALIDATE_LIMITS_DEFAULT	{ 100, 32, 10000, 3 }

/* Exactly graphql-js 16.15's validate(schema, doc, specifiedRules). */
#define GQL_VALIDATE_LIMITS_JS		{ 100, 0, 0, 3 }

/*
 * A check of a literal for a custom scalar: graphql-js calls the scalar's
 * parseLiteral() during validation (rule ValuesOfCorrectType). Return 0 to
 * accept the literal, -1 to reject it; what the hook appends to `why`
 * (empty when called; it may stay empty, and is taken whole, by its
 * length) explains, as the message of the Error parseLiteral throws: the
 * validator reports 'Expected value of type "T", found V; <why>' (or
 * '... found V.' when `why` is empty). The literal may be a list or an object, and may contain
 * variables, whose values are not known yet. Built-in scalars and enums
 * never reach the hook; without a hook every literal is accepted for a
 * custom scalar, as buildSchema()'s scalars do.
 */
typedef int (*gql_literal_fn)(void *, const struct gql_type *,
	    const struct gql_ast_value *, struct buf *);

struct gql_literal_hook {
	gql_literal_fn	 fn;
	void		*arg;
};

/*
 * Validate `doc` against `schema`. NULL limits: GQL_VALIDATE_LIMITS_DEFAULT.
 * Returns 0 if the document is valid; -1 with at least one error appended
 * to `out` otherwise.
 */
int	 gql_validate(const struct gql_schema *,
	    const struct gql_ast_document *, const struct gql_validate_limits *,
	    struct gql_errors *);

/* As gql_validate(), with a hook for custom scalar literals (or NULL). */
int	 gql_validate_with(const struct gql_schema *,
	    const struct gql_ast_document *, const struct gql_validate_limits *,
	    const struct gql_literal_hook *, struct gql_errors *);

#endif
