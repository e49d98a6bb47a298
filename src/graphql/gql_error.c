/*
 * gql_error.c: filling, copying and listing GraphQL errors. Messages and
 * locations live on the heap, owned by their error, and are kept whole;
 * the one bound is a list's byte budget (gql_error.h), past which a
 * message is cut at a UTF-8 character boundary, so that it stays valid
 * text for the JSON response, and further locations are dropped.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/buf.h"
#include "common/xmalloc.h"
#include "graphql/gql_arena.h"
#include "graphql/gql_error.h"

#define ERROR_LOCS_FIRST	4	/* the first allocation of locations */
#define ERROR_SLACK		64	/* more spare room: shrink */

static const char		error_empty[] = "";
static const struct gql_loc	error_noloc[1];

static void	 error_take(struct gql_error *, enum gql_error_kind,
		    struct gql_loc, char *, size_t);
static void	 error_release(struct gql_error *);
static size_t	 error_room(const struct gql_errors *, size_t);
static size_t	 error_cut(char *, size_t, size_t);
static struct gql_error *error_append(struct gql_errors *);

/* Make an error empty ("no error"); it owns nothing afterwards. */
void
gql_error_clear(struct gql_error *err)
{
	err->kind = GQL_ERR_SYNTAX;
	err->message = error_empty;
	err->msglen = 0;
	err->nlocs = 0;
	err->locs = error_noloc;
	err->locs_cap = 0;
	err->list = NULL;
	err->next = NULL;
}

/* Release what an error (not in a list) holds; it is empty afterwards. */
void
gql_error_free(struct gql_error *err)
{
	if (err == NULL)
		return;
	error_release(err);
	gql_error_clear(err);
}

static void
error_release(struct gql_error *err)
{
	if (err->message != error_empty)
		free((void *)(uintptr_t)err->message);
	if (err->locs_cap != 0)
		free((void *)(uintptr_t)err->locs);
}

/* Fill an error with a message and one location (line 0: none). */
void
gql_error_vset(struct gql_error *err, enum gql_error_kind kind,
    struct gql_loc loc, const char *fmt, va_list ap)
{
	struct buf	b = BUF_INIT;

	buf_vaddf(&b, fmt, ap);
	gql_error_set_buf(err, kind, loc, &b);
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

/*
 * Fill an error with the message in `b` (which it takes: b is left empty)
 * and one location.
 */
void
gql_error_set_buf(struct gql_error *err, enum gql_error_kind kind,
    struct gql_loc loc, struct buf *b)
{
	size_t	 len;
	int	 shrink = b->cap > b->len + ERROR_SLACK;
	char	*msg;

	msg = buf_detach(b, &len);
	if (shrink)
		msg = xrealloc(msg, len + 1);
	error_take(err, kind, loc, msg, len);
}

/* Replace the message (heap, NUL-terminated) and the locations. */
static void
error_take(struct gql_error *err, enum gql_error_kind kind,
    struct gql_loc loc, char *msg, size_t len)
{
	struct gql_errors	*list = err->list;
	size_t			 room;

	if (list != NULL)
		list->bytes -= err->msglen + (size_t)err->nlocs *
		    GQL_ERRORS_LOC_COST;
	if (err->message != error_empty)
		free((void *)(uintptr_t)err->message);
	err->nlocs = 0;
	if ((room = error_room(list, len)) < len) {
		len = error_cut(msg, len, room);
		msg = xrealloc(msg, len + 1);
	}
	if (len == 0) {
		free(msg);
		err->message = error_empty;
	} else
		err->message = msg;
	err->msglen = len;
	err->kind = kind;
	if (list != NULL)
		list->bytes += len;
	gql_error_add_loc(err, loc);
}

/* How much of a message of `len` bytes a list's budget lets in. */
static size_t
error_room(const struct gql_errors *list, size_t len)
{
	size_t	left = 0;

	if (list == NULL)
		return len;
	if (list->bytes < GQL_ERRORS_BYTES_MAX)
		left = GQL_ERRORS_BYTES_MAX - list->bytes;
	if (left < GQL_ERROR_MSG_MIN)
		left = GQL_ERROR_MSG_MIN;
	return len < left ? len : left;
}

/*
 * Cut a message of `len` bytes to at most `max` (>= 4) ending in "...",
 * before a whole UTF-8 character; return the new length.
 */
static size_t
error_cut(char *msg, size_t len, size_t max)
{
	size_t	n = max - 3;

	if (len <= max)
		return len;
	while (n > 0 && ((unsigned char)msg[n] & 0xc0) == 0x80)
		n--;
	memcpy(msg + n, "...", 4);
	return n + 3;
}

/*
 * Add a location to an error; none (line 0) is ignored, and so is one
 * past its list's budget unless the error has none yet.
 */
void
gql_error_add_loc(struct gql_error *err, struct gql_loc loc)
{
	struct gql_loc	*locs;
	unsigned	 cap = err->locs_cap;

	if (loc.line == 0)
		return;
	if (err->list != NULL && err->nlocs > 0 &&
	    err->list->bytes >= GQL_ERRORS_BYTES_MAX)
		return;
	if (err->nlocs == cap) {
		err->locs = xreallocarray(cap != 0 ?
		    (void *)(uintptr_t)err->locs : NULL,
		    cap != 0 ? 2 * (size_t)cap : ERROR_LOCS_FIRST,
		    sizeof(*locs));
		err->locs_cap = cap != 0 ? 2 * cap : ERROR_LOCS_FIRST;
	}
	locs = (struct gql_loc *)(uintptr_t)err->locs;	/* ours, on the heap */
	locs[err->nlocs++] = loc;
	if (err->list != NULL)
		err->list->bytes += GQL_ERRORS_LOC_COST;
}

/*
 * Copy an error into an arena (which then owns the copy: it is never
 * passed to gql_error_free()).
 */
struct gql_error *
gql_error_arena_copy(struct gql_arena *arena, const struct gql_error *err)
{
	struct gql_error	*c;

	c = gql_arena_alloc(arena, sizeof(*c));
	gql_error_clear(c);
	c->kind = err->kind;
	if (err->msglen != 0) {
		c->message = gql_arena_memdup(arena, err->message,
		    err->msglen + 1);
		c->msglen = err->msglen;
	}
	if (err->nlocs != 0) {
		c->locs = gql_arena_memdup(arena, err->locs,
		    err->nlocs * sizeof(*err->locs));
		c->nlocs = err->nlocs;
	}
	return c;
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

static struct gql_error *
error_append(struct gql_errors *list)
{
	struct gql_error	*err;

	err = xmalloc(sizeof(*err));
	gql_error_clear(err);
	err->list = list;
	if (list->last != NULL)
		list->last->next = err;
	else
		list->first = err;
	list->last = err;
	list->count++;
	return err;
}

/* Append a new error to a list and return it (to add more locations). */
struct gql_error *
gql_errors_add(struct gql_errors *list, enum gql_error_kind kind,
    struct gql_loc loc, const char *fmt, ...)
{
	struct gql_error	*err;
	va_list			 ap;

	err = error_append(list);
	va_start(ap, fmt);
	gql_error_vset(err, kind, loc, fmt, ap);
	va_end(ap);
	return err;
}

/* Append a new error whose message is taken from `b` (left empty). */
struct gql_error *
gql_errors_add_buf(struct gql_errors *list, enum gql_error_kind kind,
    struct gql_loc loc, struct buf *b)
{
	struct gql_error	*err;

	err = error_append(list);
	gql_error_set_buf(err, kind, loc, b);
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
		error_release(err);
		free(err);
	}
	list->first = list->last = NULL;
	list->count = 0;
	list->bytes = 0;
}
