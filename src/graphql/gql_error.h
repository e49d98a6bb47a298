/*
 * gql_error.h: one GraphQL error as the parsers, the schema builder, the
 * validator and variable coercion report it: a message in graphql-js's
 * wording, a kind (which becomes extensions.code or an HTTP status), and
 * the source locations (1-based line and column, columns counted in UTF-16
 * code units exactly as graphql-js counts them) that become
 * errors[].locations. Errors chain through `next` into a struct gql_errors
 * list.
 *
 * An error owns its message and its locations (heap memory), so both are
 * kept whole, as graphql-js keeps them: no message is cut and no location
 * dropped. Memory stays bounded by the input: every message quotes at most
 * a constant times the document or variables it is about (graphql-js's
 * inspect() already shortens deep and long values; conflict details are
 * abbreviated as graphql-js does), every location list names nodes of the
 * document, and a list holds at most max_errors errors. On top of that a
 * list holds at most GQL_ERRORS_BYTES_MAX bytes of messages and locations
 * in all, so errors repeating one huge value max_errors times cannot make
 * a response many times larger than its request: past the budget, a
 * message is cut to GQL_ERROR_MSG_MIN bytes (ending in "...") and an error
 * keeps only its first location. No document graphql-js is compared with
 * comes near it.
 *
 * Ownership: gql_error_clear() makes an error empty without freeing (use
 * it on fresh memory); every function that fills a caller's struct
 * gql_error clears it first. Release a filled error with gql_error_free()
 * before it goes out of scope or is filled again; gql_errors_free() does
 * that for the errors of a list. `message` and `locs` are never NULL: an
 * empty error has message "" and locs[0] is { 0, 0 }.
 */
#ifndef OM_GQL_ERROR_H
#define OM_GQL_ERROR_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

struct buf;
struct gql_arena;

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

/* What all the errors of one list may hold: message bytes + LOC_COST each. */
#define GQL_ERRORS_BYTES_MAX	(4u * 1024 * 1024)
#define GQL_ERRORS_LOC_COST	32	/* about a location's JSON size */
#define GQL_ERROR_MSG_MIN	256	/* what a cut message keeps */

struct gql_error {
	enum gql_error_kind	 kind;
	const char		*message;	/* NUL-terminated, never NULL */
	size_t			 msglen;	/* may hold quoted NULs */
	unsigned		 nlocs;
	const struct gql_loc	*locs;		/* nlocs of them, never NULL */
	unsigned		 locs_cap;	/* 0: locs is not owned */
	struct gql_errors	*list;		/* holding it, or NULL */
	struct gql_error	*next;		/* in a struct gql_errors */
};

/* A list of heap-allocated errors, in the order they were added. */
struct gql_errors {
	struct gql_error	*first;
	struct gql_error	*last;
	unsigned		 count;
	size_t			 bytes;		/* held, for the budget */
};

#define GQL_ERRORS_INIT	{ NULL, NULL, 0, 0 }

void	 gql_error_clear(struct gql_error *);
void	 gql_error_free(struct gql_error *);
void	 gql_error_set(struct gql_error *, enum gql_error_kind,
	    struct gql_loc, const char *, ...)
	    __attribute__((format(printf, 4, 5)));
void	 gql_error_vset(struct gql_error *, enum gql_error_kind,
	    struct gql_loc, const char *, va_list)
	    __attribute__((format(printf, 4, 0)));
void	 gql_error_set_buf(struct gql_error *, enum gql_error_kind,
	    struct gql_loc, struct buf *);
void	 gql_error_add_loc(struct gql_error *, struct gql_loc);
struct gql_error *gql_error_arena_copy(struct gql_arena *,
	    const struct gql_error *);
const char *gql_error_kind_name(enum gql_error_kind);

struct gql_error *gql_errors_add(struct gql_errors *, enum gql_error_kind,
	    struct gql_loc, const char *, ...)
	    __attribute__((format(printf, 4, 5)));
struct gql_error *gql_errors_add_buf(struct gql_errors *,
	    enum gql_error_kind, struct gql_loc, struct buf *);
void	 gql_errors_free(struct gql_errors *);

#endif
