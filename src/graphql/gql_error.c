/*
 * gql_error.c: filling and listing GraphQL errors. Messages longer than
 * the fixed buffer are cut and end in "...", so a hostile document (a
 * megabyte-long string quoted in "found ...") cannot grow an error.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/xmalloc.h"
#include "graphql/gql_error.h"

/* Reset an error to "no error". */
void
gql_error_clear(struct gql_error *err)
{
	err->kind = GQL_ERR_SYNTAX;
	err->message[0] = '\0';
	err->nlocs = 0;
	err->next = NULL;
}

/* Fill an error with a message and one location (line 0: none). */
void
gql_error_vset(struct gql_error *err, enum gql_error_kind kind,
    struct gql_loc loc, const char *fmt, va_list ap)
{
	int	n;

	err->kind = kind;
	err->nlocs = 0;
	n = vsnprintf(err->message, sizeof(err->message), fmt, ap);
	if (n >= (int)sizeof(err->message))
		memcpy(err->message + sizeof(err->message) - 4, "...", 4);
	gql_error_add_loc(err, loc);
}

/* Fill an error with a formatted message and one location. */
void
gql_error_set(struct gql_error *err, enum gql_error_kind kind,
    struct gql_loc loc, const char *fmt, ...)
{
	va_list	ap;

	va_start(ap, fmt);
	gql_error_vset(err, kind, loc, fmt, ap);
	va_end(ap);
}

/* Add a location to an error; none (line 0) and overflow are ignored. */
void
gql_error_add_loc(struct gql_error *err, struct gql_loc loc)
{
	if (loc.line == 0 || err->nlocs >= GQL_ERROR_LOCS_MAX)
		return;
	err->locs[err->nlocs++] = loc;
}

/* Return a short name for an error kind (for logs and extensions). */
const char *
gql_error_kind_name(enum gql_error_kind kind)
{
	switch (kind) {
	case GQL_ERR_SYNTAX:
		return "syntax";
	case GQL_ERR_LIMIT:
		return "limit";
	case GQL_ERR_SCHEMA:
		return "schema";
	case GQL_ERR_VALIDATION:
		return "validation";
	case GQL_ERR_EXECUTION:
		return "execution";
	}
	return "unknown";
}

/* Append a new error to a list and return it (to add more locations). */
struct gql_error *
gql_errors_add(struct gql_errors *list, enum gql_error_kind kind,
    struct gql_loc loc, const char *fmt, ...)
{
	struct gql_error	*err;
	va_list			 ap;

	err = xmalloc(sizeof(*err));
	gql_error_clear(err);
	va_start(ap, fmt);
	gql_error_vset(err, kind, loc, fmt, ap);
	va_end(ap);
	if (list->last != NULL)
		list->last->next = err;
	else
		list->first = err;
	list->last = err;
	list->count++;
	return err;
}

/* Free every error of a list and leave it empty. */
void
gql_errors_free(struct gql_errors *list)
{
	struct gql_error	*err, *next;

	if (list == NULL)
		return;
	for (err = list->first; err != NULL; err = next) {
		next = err->next;
		free(err);
	}
	list->first = list->last = NULL;
	list->count = 0;
}
