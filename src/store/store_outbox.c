/*
 * store_outbox.c: the outbox: envelopes local mailboxes asked to deliver
 * to other nodes, and their delivery state machine:
 *
 *   QUEUED --claim_due--> DELIVERING --mark_delivered--> DELIVERED
 *     ^                      |  |-----mark_failed------> FAILED
 *     +-----mark_retry-------+  +-----mark_expired-----> EXPIRED
 *     +-----recover (start-up, after a crash mid-delivery)
 *
 * A QUEUED entry may also be marked failed or expired directly (expire()
 * does so for every entry whose expiry passed). DELIVERED, FAILED and
 * EXPIRED are final: marks on them give STORE_NOT_FOUND. Only the
 * mailbox's own retry_now (retryDeliveries) puts a FAILED entry that has
 * not expired back to QUEUED.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "common/util.h"
#include "common/xmalloc.h"
#include "store/store_int.h"

#define OUTBOX_COLUMNS \
	"SELECT o.id, b.id, o.dest, o.msg_id, o.envelope, o.state," \
	" o.attempts, o.next_attempt, o.last_error, o.created, o.expires," \
	" o.updated FROM outbox o JOIN mailbox b ON b.mbx = o.mbx "
/* The same for listings: the envelope's length instead of its bytes. */
#define OUTBOX_LIST_COLUMNS \
	"SELECT o.id, b.id, o.dest, o.msg_id, length(o.envelope), o.state," \
	" o.attempts, o.next_attempt, o.last_error, o.created, o.expires," \
	" o.updated FROM outbox o JOIN mailbox b ON b.mbx = o.mbx "

static enum store_result store_outbox_enqueue_tx(struct store *,
		    const struct store_outbox_in *, int64_t *);
static enum store_result store_outbox_claim_tx(struct store *, int64_t,
		    size_t, struct store_outbox **, size_t *);
static enum store_result store_outbox_update(struct store *, sqlite3_stmt *,
		    int64_t *);
static enum store_result store_outbox_mark(struct store *, int64_t,
		    enum store_outbox_state, int64_t, const char *);
static void	 store_outbox_read(sqlite3_stmt *, void *);
static void	 store_outbox_clear_row(void *);
static char	*store_column_strdup(sqlite3_stmt *, int);
static sqlite3_stmt *store_outbox_list_stmt(struct store *, int, int);

static const struct store_rowtype store_outbox_rows = {
	sizeof(struct store_outbox), store_outbox_read, store_outbox_clear_row
};

static const char *const outbox_state_names[] = {
	[STORE_OUTBOX_QUEUED] = "QUEUED",
	[STORE_OUTBOX_DELIVERING] = "DELIVERING",
	[STORE_OUTBOX_DELIVERED] = "DELIVERED",
	[STORE_OUTBOX_FAILED] = "FAILED",
	[STORE_OUTBOX_EXPIRED] = "EXPIRED",
};

/* Return the GraphQL enum name of state s. */
const char *
store_outbox_state_str(enum store_outbox_state s)
{
	if ((size_t)s >= nitems(outbox_state_names))
		return "UNKNOWN";
	return outbox_state_names[s];
}

/* Queue an envelope for delivery; idempotent on (mailbox, dest, msg_id). */
enum store_result
store_outbox_enqueue(struct store *st, const struct store_outbox_in *in,
    int64_t *id)
{
	enum store_result	r;
	int64_t			i = 0;

	if ((r = store_begin(st)) != STORE_OK)
		return r;
	r = store_outbox_enqueue_tx(st, in, &i);
	if (r == STORE_OK)
		r = store_commit(st);
	else
		store_rollback(st);
	if ((r == STORE_OK || r == STORE_DUPLICATE) && id != NULL)
		*id = i;
	return r;
}

static enum store_result
store_outbox_enqueue_tx(struct store *st, const struct store_outbox_in *in,
    int64_t *id)
{
	sqlite3_stmt		*stmt;
	enum store_result	 r;
	int64_t			 mbx;
	int			 rc;

	/* fresh: a stale row number would break the foreign key */
	if ((r = store_mailbox_refresh(st, in->mailbox, &mbx)) != STORE_OK)
		return r;
	if (in->size > (size_t)sqlite3_limit(st->db, SQLITE_LIMIT_LENGTH, -1))
		return store_failx(st, STORE_TOO_BIG, "outbox: envelope of %zu "
		    "bytes is too large", in->size);
	stmt = store_stmt(st, STMT_OUTBOX_INSERT, "INSERT INTO outbox"
	    " (mbx, dest, msg_id, envelope, next_attempt, created, expires,"
	    " updated) VALUES (?1, ?2, ?3, ?4, ?5, ?5, ?6, ?5)"
	    " ON CONFLICT (mbx, dest, msg_id) DO NOTHING");
	if (stmt == NULL)
		return st->last;
	sqlite3_bind_int64(stmt, 1, mbx);
	sqlite3_bind_text(stmt, 2, in->dest, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 3, in->msg_id, -1, SQLITE_STATIC);
	sqlite3_bind_blob(stmt, 4, in->size != 0 ? in->envelope : "",
	    (int)in->size, SQLITE_STATIC);
	sqlite3_bind_int64(stmt, 5, in->now);
	sqlite3_bind_int64(stmt, 6, in->expires);
	if (store_step(st, stmt) != SQLITE_DONE)
		return st->last;
	if (sqlite3_changes(st->db) == 1) {
		*id = sqlite3_last_insert_rowid(st->db);
		return STORE_OK;
	}
	stmt = store_stmt(st, STMT_OUTBOX_FIND, "SELECT id FROM outbox"
	    " WHERE mbx = ?1 AND dest = ?2 AND msg_id = ?3");
	if (stmt == NULL)
		return st->last;
	sqlite3_bind_int64(stmt, 1, mbx);
	sqlite3_bind_text(stmt, 2, in->dest, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 3, in->msg_id, -1, SQLITE_STATIC);
	if ((rc = store_step(st, stmt)) == SQLITE_ROW)
		*id = sqlite3_column_int64(stmt, 0);
	sqlite3_reset(stmt);
	if (rc != SQLITE_ROW)
		return rc == SQLITE_DONE ? STORE_ERROR : st->last;
	return store_failx(st, STORE_DUPLICATE, "outbox: %s to %s is "
	    "already queued", in->msg_id, in->dest);
}

/* Fill *out with entry id. */
enum store_result
store_outbox_get(struct store *st, int64_t id, struct store_outbox *out)
{
	sqlite3_stmt	*stmt;
	int		 rc;

	stmt = store_stmt(st, STMT_OUTBOX_GET, OUTBOX_COLUMNS
	    "WHERE o.id = ?1");
	if (stmt == NULL)
		return st->last;
	sqlite3_bind_int64(stmt, 1, id);
	if ((rc = store_step(st, stmt)) == SQLITE_ROW && out != NULL)
		store_outbox_read(stmt, out);
	sqlite3_reset(stmt);
	if (rc == SQLITE_DONE)
		return store_failx(st, STORE_NOT_FOUND, "no outbox entry %lld",
		    (long long)id);
	return rc == SQLITE_ROW ? STORE_OK : st->last;
}

/* Claim up to limit due entries: QUEUED -> DELIVERING, one more attempt. */
enum store_result
store_outbox_claim_due(struct store *st, int64_t now, size_t limit,
    struct store_outbox **out, size_t *n)
{
	enum store_result	r;

	*out = NULL;
	*n = 0;
	if ((r = store_begin(st)) != STORE_OK)
		return r;
	r = store_outbox_claim_tx(st, now, limit, out, n);
	if ((r = store_finish(st, r)) != STORE_OK) {
		store_outbox_list_free(*out, *n);
		*out = NULL;
		*n = 0;
	}
	return r;
}

static enum store_result
store_outbox_claim_tx(struct store *st, int64_t now, size_t limit,
    struct store_outbox **out, size_t *n)
{
	sqlite3_stmt		*stmt;
	enum store_result	 r;
	size_t			 i;

	stmt = store_stmt(st, STMT_OUTBOX_DUE, OUTBOX_COLUMNS
	    "WHERE o.state = 0 AND o.next_attempt <= ?1"
	    " AND (o.expires = 0 OR o.expires > ?1)"
	    " ORDER BY o.next_attempt, o.id LIMIT ?2");
	if (stmt == NULL)
		return st->last;
	sqlite3_bind_int64(stmt, 1, now);
	sqlite3_bind_int64(stmt, 2, limit > INT64_MAX ? INT64_MAX :
	    (int64_t)limit);
	if ((*out = store_rows(st, stmt, &store_outbox_rows, n, &r)) == NULL)
		return r;
	for (i = 0; i < *n; i++) {
		stmt = store_stmt(st, STMT_OUTBOX_CLAIM, "UPDATE outbox"
		    " SET state = 1, attempts = attempts + 1, updated = ?2"
		    " WHERE id = ?1");
		if (stmt == NULL)
			return st->last;
		sqlite3_bind_int64(stmt, 1, (*out)[i].id);
		sqlite3_bind_int64(stmt, 2, now);
		if (store_step(st, stmt) != SQLITE_DONE)
			return st->last;
		(*out)[i].state = STORE_OUTBOX_DELIVERING;
		(*out)[i].attempts++;
		(*out)[i].updated = now;
	}
	return STORE_OK;
}

/* Put entries left DELIVERING by a crash back to QUEUED. */
enum store_result
store_outbox_recover(struct store *st, int64_t now, int64_t *n)
{
	sqlite3_stmt	*stmt;

	stmt = store_stmt(st, STMT_OUTBOX_RECOVER, "UPDATE outbox"
	    " SET state = 0, updated = ?1 WHERE state = 1");
	if (stmt == NULL)
		return st->last;
	sqlite3_bind_int64(stmt, 1, now);
	return store_outbox_update(st, stmt, n);
}

/* Run the bound UPDATE stmt in its own transaction; *n: rows changed. */
static enum store_result
store_outbox_update(struct store *st, sqlite3_stmt *stmt, int64_t *n)
{
	enum store_result	r;
	int64_t			c = 0;

	if ((r = store_begin(st)) != STORE_OK)
		return r;
	if (store_step(st, stmt) != SQLITE_DONE)
		r = st->last;
	else
		c = sqlite3_changes(st->db);
	if ((r = store_finish(st, r)) == STORE_OK && n != NULL)
		*n = c;
	return r;
}

/* Mark entry id delivered. */
enum store_result
store_outbox_mark_delivered(struct store *st, int64_t id, int64_t now)
{
	return store_outbox_mark(st, id, STORE_OUTBOX_DELIVERED, now, NULL);
}

/* Mark entry id failed for good. */
enum store_result
store_outbox_mark_failed(struct store *st, int64_t id, int64_t now,
    const char *error)
{
	return store_outbox_mark(st, id, STORE_OUTBOX_FAILED, now, error);
}

/* Mark entry id expired. */
enum store_result
store_outbox_mark_expired(struct store *st, int64_t id, int64_t now)
{
	return store_outbox_mark(st, id, STORE_OUTBOX_EXPIRED, now, NULL);
}

/* Move an unfinished entry to a final state. */
static enum store_result
store_outbox_mark(struct store *st, int64_t id, enum store_outbox_state to,
    int64_t now, const char *error)
{
	sqlite3_stmt		*stmt;
	enum store_result	 r;
	int64_t			 n;

	stmt = store_stmt(st, STMT_OUTBOX_MARK, "UPDATE outbox SET state = ?2,"
	    " updated = ?3, last_error = coalesce(?4, last_error)"
	    " WHERE id = ?1 AND state IN (0, 1)");
	if (stmt == NULL)
		return st->last;
	sqlite3_bind_int64(stmt, 1, id);
	sqlite3_bind_int(stmt, 2, (int)to);
	sqlite3_bind_int64(stmt, 3, now);
	if (error != NULL)
		sqlite3_bind_text(stmt, 4, error, -1, SQLITE_STATIC);
	if ((r = store_outbox_update(st, stmt, &n)) != STORE_OK)
		return r;
	if (n == 0)
		return store_failx(st, STORE_NOT_FOUND, "no unfinished outbox "
		    "entry %lld", (long long)id);
	return STORE_OK;
}

/* Put entry id back to QUEUED, due at next_attempt. */
enum store_result
store_outbox_mark_retry(struct store *st, int64_t id, int64_t now,
    int64_t next_attempt, const char *error)
{
	sqlite3_stmt		*stmt;
	enum store_result	 r;
	int64_t			 n;

	stmt = store_stmt(st, STMT_OUTBOX_RETRY, "UPDATE outbox SET state = 0,"
	    " next_attempt = ?2, updated = ?3,"
	    " last_error = coalesce(?4, last_error)"
	    " WHERE id = ?1 AND state IN (0, 1)");
	if (stmt == NULL)
		return st->last;
	sqlite3_bind_int64(stmt, 1, id);
	sqlite3_bind_int64(stmt, 2, next_attempt);
	sqlite3_bind_int64(stmt, 3, now);
	if (error != NULL)
		sqlite3_bind_text(stmt, 4, error, -1, SQLITE_STATIC);
	if ((r = store_outbox_update(st, stmt, &n)) != STORE_OK)
		return r;
	if (n == 0)
		return store_failx(st, STORE_NOT_FOUND, "no unfinished outbox "
		    "entry %lld", (long long)id);
	return STORE_OK;
}

/* Make mailbox id's waiting and failed (unexpired) entries due now. */
enum store_result
store_outbox_retry_now(struct store *st, const char *id, int64_t now,
    int64_t *n)
{
	sqlite3_stmt		*stmt;
	enum store_result	 r;
	int64_t			 mbx;

	if ((r = store_mailbox_refresh(st, id, &mbx)) != STORE_OK)
		return r;
	stmt = store_stmt(st, STMT_OUTBOX_RETRY_NOW, "UPDATE outbox"
	    " SET state = 0, next_attempt = ?2, updated = ?2"
	    " WHERE mbx = ?1 AND ((state = 0 AND next_attempt > ?2)"
	    " OR (state = 3 AND (expires = 0 OR expires > ?2)))");
	if (stmt == NULL)
		return st->last;
	sqlite3_bind_int64(stmt, 1, mbx);
	sqlite3_bind_int64(stmt, 2, now);
	return store_outbox_update(st, stmt, n);
}

/* Mark QUEUED entries whose expiry passed EXPIRED. */
enum store_result
store_outbox_expire(struct store *st, int64_t now, int64_t *n)
{
	sqlite3_stmt	*stmt;

	stmt = store_stmt(st, STMT_OUTBOX_EXPIRE, "UPDATE outbox"
	    " SET state = 4, updated = ?1"
	    " WHERE state = 0 AND expires > 0 AND expires <= ?1");
	if (stmt == NULL)
		return st->last;
	sqlite3_bind_int64(stmt, 1, now);
	return store_outbox_update(st, stmt, n);
}

/* Delete finished entries last updated before t. */
enum store_result
store_outbox_purge(struct store *st, int64_t t, int64_t *n)
{
	sqlite3_stmt	*stmt;

	stmt = store_stmt(st, STMT_OUTBOX_PURGE, "DELETE FROM outbox"
	    " WHERE state IN (2, 3, 4) AND updated < ?1");
	if (stmt == NULL)
		return st->last;
	sqlite3_bind_int64(stmt, 1, t);
	return store_outbox_update(st, stmt, n);
}

/* List up to limit of mailbox id's entries in state (or ANY). */
enum store_result
store_outbox_list(struct store *st, const char *id, int state,
    int newest_first, size_t limit, struct store_outbox **out, size_t *n)
{
	sqlite3_stmt		*stmt;
	enum store_result	 r;
	int64_t			 mbx;
	int			 attempt;

	*out = NULL;
	*n = 0;
	if ((r = store_mailbox_mbx(st, id, &mbx)) != STORE_OK)
		return r;
	for (attempt = 0; attempt < 2; attempt++) {
		if ((stmt = store_outbox_list_stmt(st, state,
		    newest_first)) == NULL)
			return st->last;
		sqlite3_bind_int64(stmt, 1, mbx);
		if (state != STORE_OUTBOX_ANY)
			sqlite3_bind_int(stmt, 2, state);
		sqlite3_bind_int64(stmt, 3, limit > INT64_MAX ? INT64_MAX :
		    (int64_t)limit);
		*out = store_rows(st, stmt, &store_outbox_rows, n, &r);
		if (r != STORE_OK || *n != 0 ||
		    !store_mailbox_again(st, id, &mbx, &r))
			return r;
	}
	return STORE_OK;
}

/* The listing's statement for state (or ANY), in either order. */
static sqlite3_stmt *
store_outbox_list_stmt(struct store *st, int state, int newest_first)
{
	if (state == STORE_OUTBOX_ANY && !newest_first)
		return store_stmt(st, STMT_OUTBOX_LIST, OUTBOX_LIST_COLUMNS
		    "WHERE o.mbx = ?1 ORDER BY o.id LIMIT ?3");
	if (state == STORE_OUTBOX_ANY)
		return store_stmt(st, STMT_OUTBOX_LIST_NEW, OUTBOX_LIST_COLUMNS
		    "WHERE o.mbx = ?1 ORDER BY o.id DESC LIMIT ?3");
	if (!newest_first)
		return store_stmt(st, STMT_OUTBOX_LIST_STATE,
		    OUTBOX_LIST_COLUMNS "WHERE o.mbx = ?1 AND o.state = ?2"
		    " ORDER BY o.id LIMIT ?3");
	return store_stmt(st, STMT_OUTBOX_LIST_STATE_NEW,
	    OUTBOX_LIST_COLUMNS "WHERE o.mbx = ?1 AND o.state = ?2"
	    " ORDER BY o.id DESC LIMIT ?3");
}

/* One row; column 4 is the envelope, or its length (a listing). */
static void
store_outbox_read(sqlite3_stmt *stmt, void *p)
{
	struct store_outbox	*e = p;
	size_t			 len;
	int			 state;

	memset(e, 0, sizeof(*e));
	e->id = sqlite3_column_int64(stmt, 0);
	e->mailbox = store_column_strdup(stmt, 1);
	e->dest = store_column_strdup(stmt, 2);
	e->msg_id = store_column_strdup(stmt, 3);
	if (sqlite3_column_type(stmt, 4) == SQLITE_INTEGER)
		e->size = (size_t)sqlite3_column_int64(stmt, 4);
	else {
		len = (size_t)sqlite3_column_bytes(stmt, 4);
		e->envelope = xmalloc(len + 1);
		if (len != 0)
			memcpy(e->envelope, sqlite3_column_blob(stmt, 4), len);
		e->envelope[len] = '\0';
		e->size = len;
	}
	state = sqlite3_column_int(stmt, 5);
	e->state = state >= STORE_OUTBOX_QUEUED &&
	    state <= STORE_OUTBOX_EXPIRED ? state : STORE_OUTBOX_QUEUED;
	e->attempts = sqlite3_column_int64(stmt, 6);
	e->next_attempt = sqlite3_column_int64(stmt, 7);
	if (sqlite3_column_type(stmt, 8) != SQLITE_NULL)
		e->last_error = store_column_strdup(stmt, 8);
	e->created = sqlite3_column_int64(stmt, 9);
	e->expires = sqlite3_column_int64(stmt, 10);
	e->updated = sqlite3_column_int64(stmt, 11);
}

static void
store_outbox_clear_row(void *p)
{
	store_outbox_clear(p);
}

static char *
store_column_strdup(sqlite3_stmt *stmt, int col)
{
	const unsigned char	*s = sqlite3_column_text(stmt, col);

	return xstrdup(s != NULL ? (const char *)s : "");
}

/* Free what one entry owns. */
void
store_outbox_clear(struct store_outbox *e)
{
	if (e == NULL)
		return;
	free(e->mailbox);
	free(e->dest);
	free(e->msg_id);
	free(e->envelope);
	free(e->last_error);
	memset(e, 0, sizeof(*e));
}

/* Free an array from claim_due or list. */
void
store_outbox_list_free(struct store_outbox *v, size_t n)
{
	size_t	i;

	if (v == NULL)
		return;
	for (i = 0; i < n; i++)
		store_outbox_clear(&v[i]);
	free(v);
}
