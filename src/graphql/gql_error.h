/*
 * gql_error.h: one GraphQL error as the parsers, the schema builder and the
 * validator report it: a message in graphql-js's wording, a kind (which
 * becomes extensions.code or an HTTP status), and the source locations
 * (1-based line and column, columns counted in UTF-16 code units exactly
 * as graphql-js counts them) that become errors[].locations. Errors chain
 * through `next` into a struct gql_errors list. No allocation happens when
 * an error is filled, so a parser can report one while out of everything.
 */
#ifndef OM_GQL_ERROR_H
#define OM_GQL_ERROR_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

/* A position in a source: 1-based; line 0 means "no location". */
struct gql_loc {
	uint32_t	line;
	uint32_t	column;
};

#define GQL_LOC_NONE	((struct gql_loc){ 0, 0 })

enum gql_error_kind {
	GQL_ERR_SYNTAX = 0,	/* lexer or parser: "Syntax Error: ..." */
	GQL_ERR_LIMIT,		/* a struct gql_limits bound was exceeded */
	GQL_ERR_SCHEMA,		/* SDL builds no valid schema */
	GQL_ERR_VALIDATION,	/* document invalid against the schema */
	GQL_ERR_EXECUTION,	/* raised while resolving */
};

#define GQL_ERROR_MSG_MAX	512	/* longer messages are cut, with "..." */
#define GQL_ERROR_LOCS_MAX	8	/* further locations are dropped */

struct gql_error {
	enum gql_error_kind	 kind;
	char			 message[GQL_ERROR_MSG_MAX];
	unsigned		 nlocs;
	struct gql_loc		 locs[GQL_ERROR_LOCS_MAX];
	struct gql_error	*next;		/* in a struct gql_errors */
};

/* A list of heap-allocated errors, in the order they were added. */
struct gql_errors {
	struct gql_error	*first;
	struct gql_error	*last;
	unsigned		 count;
};

#define GQL_ERRORS_INIT	{ NULL, NULL, 0 }

void	 gql_error_clear(struct gql_error *);
void	 gql_error_set(struct gql_error *, enum gql_error_kind,
	    struct gql_loc, const char *, ...)
	    __attribute__((format(printf, 4, 5)));
void	 gql_error_vset(struct gql_error *, enum gql_error_kind,
	    struct gql_loc, const char *, va_list)
	    __attribute__((format(printf, 4, 0)));
void	 gql_error_add_loc(struct gql_error *, struct gql_loc);
const char *gql_error_kind_name(enum gql_error_kind);

struct gql_error *gql_errors_add(struct gql_errors *, enum gql_error_kind,
	    struct gql_loc, const char *, ...)
	    __attribute__((format(printf, 4, 5)));
void	 gql_errors_free(struct gql_errors *);

#endif
