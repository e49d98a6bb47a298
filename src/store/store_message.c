/*
 * store_message.c: messages: idempotent insert under the mailbox's quota,
 * listing and counting after a cursor, per-device acknowledgement with
 * deletion once every device acknowledged, and the expiry purge.
 *
 * The insert is two statements in the common case: the mailbox's usage
 * counters are raised under the quota in one UPDATE by row number (the
 * connection caches id -> row number, store_mailbox_mbx; row numbers are
 * never reused, so a stale entry only makes the UPDATE miss and is
 * looked up again, as listing, counting and acks do), then
 * the row goes in with ON CONFLICT DO NOTHING. The rare paths
 * (duplicate, quota, no mailbox) cost a few look-ups more. Two things
 * SQLite makes expensive are avoided here: RETURNING (an ephemeral table,
 * so a fresh page cache per call) and INSERT ... SELECT (a multi-row
 * write, so a statement journal with a 64 KiB buffer per call).
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "common/xmalloc.h"
#include "store/store_int.h"

static enum store_result store_message_reserve(struct store *, int64_t,
		    size_t);
static int	 store_message_refusal(enum store_result);
static enum store_result store_message_add(struct store *,
		    const struct store_message_in *, int64_t, int64_t *);
static enum store_result store_message_refused(struct store *,
		    const struct store_message_in *, int64_t, int64_t *);
static enum store_result store_message_find(struct store *, int64_t,
		    const char *, int64_t *);
static enum store_result store_message_unreserve(struct store *, int64_t,
		    size_t);
static enum store_result store_message_ack_tx(struct store *, const char *,
		    const uint8_t *, int64_t, int64_t *, int64_t *);
static enum store_result store_message_ack_device(struct store *, int64_t,
		    const uint8_t *, int64_t);
static enum store_result store_message_cut_acked(struct store *, int64_t);
static void	 store_message_read(sqlite3_stmt *, void *);
static void	 store_message_clear(void *);

static const struct store_rowtype store_message_rows = {
	sizeof(struct store_message), store_message_read, store_message_clear
};

/*
 * Insert one message in its own transaction or, inside a group, without
 * a savepoint: a refusal changes nothing (store_message_insert_tx) and
 * any other failure loses the whole group, as in store_batch_commit. A
 * savepoint would make SQLite copy every page the insert touches first,
 * for a rollback that never comes: the hottest write goes without.
 */
enum store_result
store_message_insert(struct store *st, const struct store_message_in *in,
    int64_t *seq)
{
	enum store_result	r;
	int64_t			s = 0;

	if (st->group) {
		if ((r = store_group_alive(st)) != STORE_OK)
			return r;
		r = store_message_insert_tx(st, in, &s);
		if (r != STORE_OK && !store_message_refusal(r))
			store_group_lose(st, r);
	} else {
		if ((r = store_begin(st)) != STORE_OK)
			return r;
		r = store_message_insert_tx(st, in, &s);
		if (r == STORE_OK)
			r = store_commit(st);
		else
			store_rollback(st);
	}
	if (r == STORE_OK || r == STORE_DUPLICATE)
		*seq = s;
	return r;
}

/* Return whether r is a refusal of store_message_insert_tx (no change). */
static int
store_message_refusal(enum store_result r)
{
	return r == STORE_DUPLICATE || r == STORE_QUOTA ||
	    r == STORE_NOT_FOUND || r == STORE_TOO_BIG;
}

/*
 * Insert in of the open transaction. A refusal (DUPLICATE, QUOTA,
 * NOT_FOUND, TOO_BIG) changes nothing; any other failure leaves the
 * transaction to be rolled back.
 */
enum store_result
store_message_insert_tx(struct store *st, const struct store_message_in *in,
    int64_t *seq)
{
	enum store_result	r;
	int64_t			mbx;
	int			attempt;

	if (in->size > (size_t)sqlite3_limit(st->db, SQLITE_LIMIT_LENGTH, -1))
		return store_failx(st, STORE_TOO_BIG, "message %s: envelope of "
		    "%zu bytes is too large", in->sender_id, in->size);
	if ((r = store_mailbox_mbx(st, in->mailbox, &mbx)) != STORE_OK)
		return r;
	for (attempt = 0; attempt < 2; attempt++) {
		if ((r = store_message_reserve(st, mbx, in->size)) !=
		    STORE_NOT_FOUND)
			break;
		/* over quota, or the cached row number is stale */
		switch (store_mailbox_stale(st, in->mailbox, &mbx)) {
		case 0:
			return store_message_refused(st, in, mbx, seq);
		case -1:
			return st->last;
		}
	}
	if (r == STORE_NOT_FOUND)
		return store_failx(st, STORE_ERROR, "mailbox %s keeps moving",
		    in->mailbox);
	if (r != STORE_OK)
		return r;
	return store_message_add(st, in, mbx, seq);
}

/* Count size more bytes and one more message against mailbox mbx. */
static enum store_result
store_message_reserve(struct store *st, int64_t mbx, size_t size)
{
	sqlite3_stmt	*stmt;

	stmt = store_stmt(st, STMT_MESSAGE_RESERVE, "UPDATE mailbox"
	    " SET used_count = used_count + 1, used_bytes = used_bytes + ?2"
	    " WHERE mbx = ?1 AND (quota_count = 0 OR used_count < quota_count)"
	    " AND (quota_bytes = 0 OR used_bytes + ?2 <= quota_bytes)");
	if (stmt == NULL)
		return st->last;
	sqlite3_bind_int64(stmt, 1, mbx);
	sqlite3_bind_int64(stmt, 2, (int64_t)size);
	if (store_step(st, stmt) != SQLITE_DONE)
		return st->last;
	return sqlite3_changes(st->db) == 1 ? STORE_OK : STORE_NOT_FOUND;
}

/* Insert the row of a reserved message; undo the reservation if a dup. */
static enum store_result
store_message_add(struct store *st, const struct store_message_in *in,
    int64_t mbx, int64_t *seq)
{
	sqlite3_stmt		*stmt;
	enum store_result	 r;
	int64_t			 s;

	if ((r = store_seq_next(st, &s)) != STORE_OK)
		return r;
	stmt = store_stmt(st, STMT_MESSAGE_INSERT, "INSERT INTO message"
	    " (seq, mbx, sender_id, envelope, size, received, expires)"
	    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)"
	    " ON CONFLICT (mbx, sender_id) DO NOTHING");
	if (stmt == NULL)
		return st->last;
	sqlite3_bind_int64(stmt, 1, s);
	sqlite3_bind_int64(stmt, 2, mbx);
	sqlite3_bind_text(stmt, 3, in->sender_id, -1, SQLITE_STATIC);
	sqlite3_bind_blob(stmt, 4, in->size != 0 ? in->envelope : "",
	    (int)in->size, SQLITE_STATIC);
	sqlite3_bind_int64(stmt, 5, (int64_t)in->size);
	sqlite3_bind_int64(stmt, 6, in->received);
	sqlite3_bind_int64(stmt, 7, in->expires);
	if (store_step(st, stmt) != SQLITE_DONE)
		return st->last;
	if (sqlite3_changes(st->db) == 1) {
		store_recent_add(st, mbx, s, in);
		*seq = s;
		return STORE_OK;
	}
	store_seq_unget(st, s);
	if (store_message_unreserve(st, mbx, in->size) != STORE_OK ||
	    store_message_find(st, mbx, in->sender_id, seq) != STORE_OK)
		return st->last;
	return store_failx(st, STORE_DUPLICATE, "message %s already stored",
	    in->sender_id);
}

/* The reservation failed on mailbox mbx: a duplicate, or the quota. */
static enum store_result
store_message_refused(struct store *st, const struct store_message_in *in,
    int64_t mbx, int64_t *seq)
{
	enum store_result	r;

	r = store_message_find(st, mbx, in->sender_id, seq);
	if (r == STORE_OK)
		return store_failx(st, STORE_DUPLICATE,
		    "message %s already stored", in->sender_id);
	if (r != STORE_NOT_FOUND)
		return r;
	return store_failx(st, STORE_QUOTA, "mailbox %s is over its quota",
	    in->mailbox);
}

/* Find the seq of (mbx, sender_id). */
static enum store_result
store_message_find(struct store *st, int64_t mbx, const char *sender_id,
    int64_t *seq)
{
	sqlite3_stmt	*stmt;
	int		 rc;

	stmt = store_stmt(st, STMT_MESSAGE_FIND, "SELECT seq FROM message"
	    " WHERE mbx = ?1 AND sender_id = ?2");
	if (stmt == NULL)
		return st->last;
	sqlite3_bind_int64(stmt, 1, mbx);
	sqlite3_bind_text(stmt, 2, sender_id, -1, SQLITE_STATIC);
	if ((rc = store_step(st, stmt)) == SQLITE_ROW)
		*seq = sqlite3_column_int64(stmt, 0);
	sqlite3_reset(stmt);
	if (rc == SQLITE_DONE)
		return store_failx(st, STORE_NOT_FOUND, "no message %s",
		    sender_id);
	return rc == SQLITE_ROW ? STORE_OK : st->last;
}

/* Give back a reservation made for a message that turned out a duplicate. */
static enum store_result
store_message_unreserve(struct store *st, int64_t mbx, size_t size)
{
	sqlite3_stmt	*stmt;

	stmt = store_stmt(st, STMT_MESSAGE_UNRESERVE, "UPDATE mailbox"
	    " SET used_count = used_count - 1, used_bytes = used_bytes - ?2"
	    " WHERE mbx = ?1");
	if (stmt == NULL)
		return st->last;
	sqlite3_bind_int64(stmt, 1, mbx);
	sqlite3_bind_int64(stmt, 2, (int64_t)size);
	if (store_step(st, stmt) != SQLITE_DONE)
		return st->last;
	return STORE_OK;
}

/* Return the newest seq ever given (0 before the first message). */
enum store_result
store_message_newest(struct store *st, int64_t *seq)
{
	sqlite3_stmt	*stmt;
	int		 rc;

	if (st->seq_loaded) {
		*seq = st->seq_last;
		return STORE_OK;
	}
	stmt = store_stmt(st, STMT_MESSAGE_SEQ, "SELECT max(value,"
	    " (SELECT coalesce(max(seq), 0) FROM message))"
	    " FROM sequence WHERE name = 'message'");
	if (stmt == NULL)
		return st->last;
	if ((rc = store_step(st, stmt)) == SQLITE_ROW)
		*seq = sqlite3_column_int64(stmt, 0);
	sqlite3_reset(stmt);
	return rc == SQLITE_ROW ? STORE_OK : st->last;
}

/* List up to limit unexpired messages of mailbox id after seq after. */
enum store_result
store_message_list(struct store *st, const char *id, int64_t after,
    size_t limit, int64_t now, struct store_message **out, size_t *n)
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
		stmt = store_stmt(st, STMT_MESSAGE_LIST, "SELECT seq,"
		    " sender_id, envelope, size, received, expires FROM message"
		    " WHERE mbx = ?1 AND seq > ?2 AND (expires = 0 OR"
		    " expires > ?3) ORDER BY seq LIMIT ?4");
		if (stmt == NULL)
			return st->last;
		sqlite3_bind_int64(stmt, 1, mbx);
		sqlite3_bind_int64(stmt, 2, after);
		sqlite3_bind_int64(stmt, 3, now);
		sqlite3_bind_int64(stmt, 4, limit > INT64_MAX ? INT64_MAX :
		    (int64_t)limit);
		*out = store_rows(st, stmt, &store_message_rows, n, &r);
		if (r != STORE_OK || *n != 0 ||
		    !store_mailbox_again(st, id, &mbx, &r))
			return r;
	}
	return STORE_OK;
}

/*
 * Count mailbox id's unexpired messages after seq after, stopping at
 * limit: an index-only walk (message_live) that never reads a row.
 */
enum store_result
store_message_count(struct store *st, const char *id, int64_t after,
    int64_t now, size_t limit, int64_t *count)
{
	sqlite3_stmt		*stmt;
	enum store_result	 r;
	int64_t			 mbx;
	int			 rc;
	int			 attempt;

	*count = 0;
	if ((r = store_mailbox_mbx(st, id, &mbx)) != STORE_OK)
		return r;
	for (attempt = 0; attempt < 2; attempt++) {
		stmt = store_stmt(st, STMT_MESSAGE_COUNT, "SELECT count(*)"
		    " FROM (SELECT 1 FROM message WHERE mbx = ?1 AND seq > ?2"
		    " AND (expires = 0 OR expires > ?3) LIMIT ?4)");
		if (stmt == NULL)
			return st->last;
		sqlite3_bind_int64(stmt, 1, mbx);
		sqlite3_bind_int64(stmt, 2, after);
		sqlite3_bind_int64(stmt, 3, now);
		sqlite3_bind_int64(stmt, 4, limit > INT64_MAX ? INT64_MAX :
		    (int64_t)limit);
		if ((rc = store_step(st, stmt)) == SQLITE_ROW)
			*count = sqlite3_column_int64(stmt, 0);
		sqlite3_reset(stmt);
		if (rc != SQLITE_ROW)
			return st->last;
		if (*count != 0 || !store_mailbox_again(st, id, &mbx, &r))
			return r;
	}
	return STORE_OK;
}

static void
store_message_read(sqlite3_stmt *stmt, void *p)
{
	struct store_message	*m = p;
	size_t			 len;

	m->seq = sqlite3_column_int64(stmt, 0);
	m->sender_id = xstrdup((const char *)sqlite3_column_text(stmt, 1));
	len = (size_t)sqlite3_column_bytes(stmt, 2);
	m->envelope = xmalloc(len + 1);
	if (len != 0)
		memcpy(m->envelope, sqlite3_column_blob(stmt, 2), len);
	m->envelope[len] = '\0';
	m->size = len;
	m->received = sqlite3_column_int64(stmt, 4);
	m->expires = sqlite3_column_int64(stmt, 5);
}

static void
store_message_clear(void *p)
{
	struct store_message	*m = p;

	free(m->sender_id);
	free(m->envelope);
}

/* Free an array from store_message_list. */
void
store_message_list_free(struct store_message *v, size_t n)
{
	size_t	i;

	if (v == NULL)
		return;
	for (i = 0; i < n; i++)
		store_message_clear(&v[i]);
	free(v);
}

/*
 * Acknowledge for a device up to seq upto; delete what all devices have.
 * Inside a group without a savepoint, as store_message_insert: the one
 * refusal (no such device) changes nothing, anything else loses the
 * group; a savepoint made SQLite copy every page the deletions touched.
 */
enum store_result
store_message_ack(struct store *st, const char *id, const uint8_t *key,
    int64_t upto, int64_t *acked, int64_t *deleted)
{
	enum store_result	r;
	int64_t			a = 0, d = 0;

	if (st->group) {
		if ((r = store_group_alive(st)) != STORE_OK)
			return r;
		r = store_message_ack_tx(st, id, key, upto, &a, &d);
		if (r != STORE_OK && r != STORE_NOT_FOUND)
			store_group_lose(st, r);
		if (r != STORE_OK)
			return r;
	} else {
		if ((r = store_begin(st)) != STORE_OK)
			return r;
		r = store_message_ack_tx(st, id, key, upto, &a, &d);
		if ((r = store_finish(st, r)) != STORE_OK)
			return r;
	}
	if (acked != NULL)
		*acked = a;
	if (deleted != NULL)
		*deleted = d;
	return STORE_OK;
}

static enum store_result
store_message_ack_tx(struct store *st, const char *id, const uint8_t *key,
    int64_t upto, int64_t *acked, int64_t *deleted)
{
	enum store_result	 r;
	int64_t			 mbx, newest;
	int			 attempt;

	if ((r = store_mailbox_mbx(st, id, &mbx)) != STORE_OK ||
	    (r = store_message_newest(st, &newest)) != STORE_OK)
		return r;
	for (attempt = 0; attempt < 2; attempt++) {
		if ((r = store_message_ack_device(st, mbx, key, upto < newest ?
		    upto : newest)) != STORE_NOT_FOUND)
			break;
		switch (store_mailbox_stale(st, id, &mbx)) {
		case 0:
			return store_failx(st, STORE_NOT_FOUND,
			    "no such device in mailbox %s", id);
		case -1:
			return st->last;
		}
	}
	if (r != STORE_OK)
		return r;
	if ((r = store_device_cursor(st, mbx, key, acked)) != STORE_OK)
		return r;
	return store_message_delete_acked(st, mbx, deleted);
}

/* Move device key's cursor to upto (never back); NOT_FOUND: no device. */
static enum store_result
store_message_ack_device(struct store *st, int64_t mbx, const uint8_t *key,
    int64_t upto)
{
	sqlite3_stmt	*stmt;

	stmt = store_stmt(st, STMT_DEVICE_ACK, "UPDATE device"
	    " SET acked = max(acked, ?3) WHERE mbx = ?1 AND key = ?2");
	if (stmt == NULL)
		return st->last;
	sqlite3_bind_int64(stmt, 1, mbx);
	sqlite3_bind_blob(stmt, 2, key, STORE_KEY_LEN, SQLITE_STATIC);
	sqlite3_bind_int64(stmt, 3, upto);
	if (store_step(st, stmt) != SQLITE_DONE)
		return st->last;
	return sqlite3_changes(st->db) == 0 ? STORE_NOT_FOUND : STORE_OK;
}

/* Delete mailbox mbx's messages every one of its devices acknowledged. */
enum store_result
store_message_delete_acked(struct store *st, int64_t mbx, int64_t *deleted)
{
	sqlite3_stmt	*stmt;

	stmt = store_stmt(st, STMT_MESSAGE_DELETE_ACKED, "DELETE FROM message"
	    " WHERE mbx = ?1 AND seq <= (SELECT min(acked) FROM device"
	    " WHERE mbx = ?1)");
	if (stmt == NULL)
		return st->last;
	sqlite3_bind_int64(stmt, 1, mbx);
	if (store_step(st, stmt) != SQLITE_DONE)
		return st->last;
	if ((*deleted = sqlite3_changes(st->db)) > 0 && st->recent != NULL)
		return store_message_cut_acked(st, mbx);
	return STORE_OK;
}

/*
 * Tell the recent messages (store_recent.c) that mailbox mbx's messages
 * up to its devices' lowest cursor were deleted.
 */
static enum store_result
store_message_cut_acked(struct store *st, int64_t mbx)
{
	sqlite3_stmt	*stmt;
	int		 rc;

	stmt = store_stmt(st, STMT_DEVICE_MIN_ACKED,
	    "SELECT min(acked) FROM device WHERE mbx = ?1");
	if (stmt == NULL)
		return st->last;
	sqlite3_bind_int64(stmt, 1, mbx);
	if ((rc = store_step(st, stmt)) == SQLITE_ROW)
		store_recent_cut(st, mbx, sqlite3_column_int64(stmt, 0));
	sqlite3_reset(stmt);
	return rc == SQLITE_ROW ? STORE_OK : st->last;
}

/*
 * Delete up to limit messages expired at now. The recent messages need
 * not know: their readers hide expired ones by themselves.
 */
enum store_result
store_message_purge(struct store *st, int64_t now, size_t limit,
    int64_t *deleted)
{
	sqlite3_stmt		*stmt;
	enum store_result	 r;
	int64_t			 n = 0;

	if ((r = store_begin(st)) != STORE_OK)
		return r;
	stmt = store_stmt(st, STMT_MESSAGE_PURGE, "DELETE FROM message"
	    " WHERE seq IN (SELECT seq FROM message"
	    " WHERE expires > 0 AND expires <= ?1 LIMIT ?2)");
	if (stmt == NULL)
		return store_finish(st, st->last);
	sqlite3_bind_int64(stmt, 1, now);
	sqlite3_bind_int64(stmt, 2, limit > INT64_MAX ? INT64_MAX :
	    (int64_t)limit);
	if (store_step(st, stmt) != SQLITE_DONE)
		r = st->last;
	else
		n = sqlite3_changes(st->db);
	if ((r = store_finish(st, r)) == STORE_OK && deleted != NULL)
		*deleted = n;
	return r;
}
