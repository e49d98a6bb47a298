/*
 * store_mailbox.c: mailboxes and their devices: creation with the first
 * device, quotas, authorisation look-ups, device cursors, removal.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "common/xmalloc.h"
#include "store/store_int.h"

static enum store_result store_mailbox_create_tx(struct store *,
		    const char *, const uint8_t *, const uint8_t *, int64_t,
		    int64_t, int64_t);
static enum store_result store_device_add_tx(struct store *, const char *,
		    const uint8_t *, int64_t, int64_t *);
static enum store_result store_device_remove_tx(struct store *,
		    const char *, const uint8_t *, int64_t *);
static void	 store_device_read(sqlite3_stmt *, void *);

static const struct store_rowtype store_device_rows = {
	sizeof(struct store_device), store_device_read, NULL
};
static size_t	 store_mailbox_hash(const char *);

/* Create mailbox id with its first device (cursor 0). */
enum store_result
store_mailbox_create(struct store *st, const char *id, const uint8_t *owner,
    const uint8_t *device, int64_t now, int64_t quota_count,
    int64_t quota_bytes)
{
	enum store_result	r;

	if ((r = store_begin(st)) != STORE_OK)
		return r;
	r = store_mailbox_create_tx(st, id, owner, device, now, quota_count,
	    quota_bytes);
	return store_finish(st, r);
}

static enum store_result
store_mailbox_create_tx(struct store *st, const char *id,
    const uint8_t *owner, const uint8_t *device, int64_t now,
    int64_t quota_count, int64_t quota_bytes)
{
	sqlite3_stmt	*stmt;
	int64_t		 mbx;

	stmt = store_stmt(st, STMT_MAILBOX_INSERT, "INSERT INTO mailbox"
	    " (id, owner_key, created, quota_count, quota_bytes)"
	    " VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (id) DO NOTHING");
	if (stmt == NULL)
		return st->last;
	sqlite3_bind_text(stmt, 1, id, -1, SQLITE_STATIC);
	sqlite3_bind_blob(stmt, 2, owner, STORE_KEY_LEN, SQLITE_STATIC);
	sqlite3_bind_int64(stmt, 3, now);
	sqlite3_bind_int64(stmt, 4, quota_count);
	sqlite3_bind_int64(stmt, 5, quota_bytes);
	if (store_step(st, stmt) != SQLITE_DONE)
		return st->last;
	if (sqlite3_changes(st->db) == 0)
		return store_failx(st, STORE_DUPLICATE,
		    "mailbox %s already exists", id);
	mbx = sqlite3_last_insert_rowid(st->db);
	return store_device_insert(st, mbx, device, 0, now);
}

/* Insert device key into mailbox mbx with cursor acked. */
enum store_result
store_device_insert(struct store *st, int64_t mbx, const uint8_t *key,
    int64_t acked, int64_t now)
{
	sqlite3_stmt	*stmt;

	stmt = store_stmt(st, STMT_DEVICE_INSERT, "INSERT INTO device"
	    " (mbx, key, acked, created) VALUES (?1, ?2, ?3, ?4)"
	    " ON CONFLICT (mbx, key) DO NOTHING");
	if (stmt == NULL)
		return st->last;
	sqlite3_bind_int64(stmt, 1, mbx);
	sqlite3_bind_blob(stmt, 2, key, STORE_KEY_LEN, SQLITE_STATIC);
	sqlite3_bind_int64(stmt, 3, acked);
	sqlite3_bind_int64(stmt, 4, now);
	if (store_step(st, stmt) != SQLITE_DONE)
		return st->last;
	if (sqlite3_changes(st->db) == 0)
		return store_failx(st, STORE_DUPLICATE,
		    "the device is already in the mailbox");
	return STORE_OK;
}

/*
 * Find mailbox id's row number: from the connection's cache when it is
 * there, else from the table (then cached); NOT_FOUND when there is no
 * such mailbox. A cached number can be stale only when another
 * connection deleted the mailbox (numbers are never reused): nothing is
 * found by it, and callers that find nothing ask store_mailbox_stale().
 */
enum store_result
store_mailbox_mbx(struct store *st, const char *id, int64_t *mbx)
{
	if (store_mailbox_cache_get(st, id, mbx))
		return STORE_OK;
	return store_mailbox_refresh(st, id, mbx);
}

/* Look mailbox id's row number up in the table, and cache it. */
enum store_result
store_mailbox_refresh(struct store *st, const char *id, int64_t *mbx)
{
	sqlite3_stmt	*stmt;
	int		 rc;

	stmt = store_stmt(st, STMT_MAILBOX_MBX,
	    "SELECT mbx FROM mailbox WHERE id = ?1");
	if (stmt == NULL)
		return st->last;
	sqlite3_bind_text(stmt, 1, id, -1, SQLITE_STATIC);
	rc = store_step(st, stmt);
	if (rc == SQLITE_ROW)
		*mbx = sqlite3_column_int64(stmt, 0);
	sqlite3_reset(stmt);
	if (rc == SQLITE_ROW) {
		store_mailbox_cache_put(st, id, *mbx);
		return STORE_OK;
	}
	if (rc != SQLITE_DONE)
		return st->last;
	store_mailbox_cache_del(st, id);
	return store_failx(st, STORE_NOT_FOUND, "no mailbox %s", id);
}

/*
 * For a look-up that found nothing by row number *mbx of mailbox id:
 * 1 to ask again with the fresh number now in *mbx; 0 to answer *r
 * (STORE_OK: there is nothing; or the failure).
 */
int
store_mailbox_again(struct store *st, const char *id, int64_t *mbx,
    enum store_result *r)
{
	switch (store_mailbox_stale(st, id, mbx)) {
	case 0:
		*r = STORE_OK;
		return 0;
	case -1:
		*r = st->last;
		return 0;
	}
	return 1;
}

/*
 * Nothing was found by row number *mbx of mailbox id: was the number
 * stale? 1: yes, try again with the new one in *mbx; 0: no, there is
 * nothing; -1: no such mailbox now, or a failure (st->last).
 */
int
store_mailbox_stale(struct store *st, const char *id, int64_t *mbx)
{
	int64_t	fresh;

	if (store_mailbox_refresh(st, id, &fresh) != STORE_OK)
		return -1;
	if (fresh == *mbx)
		return 0;
	*mbx = fresh;
	return 1;
}

static size_t
store_mailbox_hash(const char *id)
{
	size_t	h = 2166136261u;

	for (; *id != '\0'; id++)
		h = (h ^ (unsigned char)*id) * 16777619u;
	return h & (STORE_MBX_SLOTS - 1);
}

/* Find id's cached row number; 0 when it is not cached. */
int
store_mailbox_cache_get(struct store *st, const char *id, int64_t *mbx)
{
	struct store_mbx_slot	*s;
	size_t			 i;

	for (i = store_mailbox_hash(id);; i = (i + 1) & (STORE_MBX_SLOTS - 1)) {
		s = &st->mbx_cache[i];
		if (s->id == NULL)
			return 0;
		if (strcmp(s->id, id) == 0) {
			*mbx = s->mbx;
			return 1;
		}
	}
}

/* Cache id's row number (replacing what was cached for id). */
void
store_mailbox_cache_put(struct store *st, const char *id, int64_t mbx)
{
	struct store_mbx_slot	*s;
	size_t			 i;

	if (st->mbx_cached >= STORE_MBX_MAX)
		store_mailbox_cache_clear(st);
	for (i = store_mailbox_hash(id);; i = (i + 1) & (STORE_MBX_SLOTS - 1)) {
		s = &st->mbx_cache[i];
		if (s->id == NULL) {
			s->id = xstrdup(id);
			st->mbx_cached++;
			break;
		}
		if (strcmp(s->id, id) == 0)
			break;
	}
	s->mbx = mbx;
}

/* Forget id's cached row number (linear probing: shift the rest back). */
void
store_mailbox_cache_del(struct store *st, const char *id)
{
	struct store_mbx_slot	*c = st->mbx_cache;
	size_t			 i, j, k, mask = STORE_MBX_SLOTS - 1;

	for (i = store_mailbox_hash(id);; i = (i + 1) & mask) {
		if (c[i].id == NULL)
			return;
		if (strcmp(c[i].id, id) == 0)
			break;
	}
	free(c[i].id);
	c[i].id = NULL;
	st->mbx_cached--;
	for (j = (i + 1) & mask; c[j].id != NULL; j = (j + 1) & mask) {
		k = store_mailbox_hash(c[j].id);
		/* stays when its home is cyclically within (i, j] */
		if (i <= j ? (i < k && k <= j) : (i < k || k <= j))
			continue;
		c[i] = c[j];
		c[j].id = NULL;
		i = j;
	}
}

/* Forget every cached row number. */
void
store_mailbox_cache_clear(struct store *st)
{
	size_t	i;

	for (i = 0; i < STORE_MBX_SLOTS; i++) {
		free(st->mbx_cache[i].id);
		st->mbx_cache[i].id = NULL;
	}
	st->mbx_cached = 0;
}

/* Fill *out with mailbox id. */
enum store_result
store_mailbox_get(struct store *st, const char *id, struct store_mailbox *out)
{
	sqlite3_stmt	*stmt;
	int		 rc;

	stmt = store_stmt(st, STMT_MAILBOX_GET, "SELECT owner_key, created,"
	    " quota_count, quota_bytes, used_count, used_bytes,"
	    " (SELECT coalesce(max(seq), 0) FROM message m"
	    "  WHERE m.mbx = b.mbx),"
	    " (SELECT count(*) FROM device d WHERE d.mbx = b.mbx)"
	    " FROM mailbox b WHERE id = ?1");
	if (stmt == NULL)
		return st->last;
	sqlite3_bind_text(stmt, 1, id, -1, SQLITE_STATIC);
	if ((rc = store_step(st, stmt)) == SQLITE_ROW) {
		memset(out, 0, sizeof(*out));
		if (sqlite3_column_bytes(stmt, 0) == STORE_KEY_LEN)
			memcpy(out->owner_key, sqlite3_column_blob(stmt, 0),
			    STORE_KEY_LEN);
		out->created = sqlite3_column_int64(stmt, 1);
		out->quota_count = sqlite3_column_int64(stmt, 2);
		out->quota_bytes = sqlite3_column_int64(stmt, 3);
		out->used_count = sqlite3_column_int64(stmt, 4);
		out->used_bytes = sqlite3_column_int64(stmt, 5);
		out->newest_seq = sqlite3_column_int64(stmt, 6);
		out->devices = sqlite3_column_int64(stmt, 7);
	}
	sqlite3_reset(stmt);
	if (rc == SQLITE_DONE)
		return store_failx(st, STORE_NOT_FOUND, "no mailbox %s", id);
	return rc == SQLITE_ROW ? STORE_OK : st->last;
}

/* Set mailbox id's quotas; 0 means no limit. */
enum store_result
store_mailbox_set_quota(struct store *st, const char *id, int64_t count,
    int64_t bytes)
{
	sqlite3_stmt		*stmt;
	enum store_result	 r;

	if ((r = store_begin(st)) != STORE_OK)
		return r;
	stmt = store_stmt(st, STMT_MAILBOX_QUOTA, "UPDATE mailbox"
	    " SET quota_count = ?2, quota_bytes = ?3 WHERE id = ?1");
	if (stmt == NULL)
		return store_finish(st, st->last);
	sqlite3_bind_text(stmt, 1, id, -1, SQLITE_STATIC);
	sqlite3_bind_int64(stmt, 2, count);
	sqlite3_bind_int64(stmt, 3, bytes);
	if (store_step(st, stmt) != SQLITE_DONE)
		r = st->last;
	else if (sqlite3_changes(st->db) == 0)
		r = store_failx(st, STORE_NOT_FOUND, "no mailbox %s", id);
	return store_finish(st, r);
}

/* Delete mailbox id with its devices, messages and outbox entries. */
enum store_result
store_mailbox_delete(struct store *st, const char *id)
{
	sqlite3_stmt		*stmt;
	enum store_result	 r;

	if ((r = store_begin(st)) != STORE_OK)
		return r;
	stmt = store_stmt(st, STMT_MAILBOX_DELETE,
	    "DELETE FROM mailbox WHERE id = ?1");
	if (stmt == NULL)
		return store_finish(st, st->last);
	sqlite3_bind_text(stmt, 1, id, -1, SQLITE_STATIC);
	store_recent_stale(st);
	store_mailbox_cache_del(st, id);
	if (store_step(st, stmt) != SQLITE_DONE)
		r = st->last;
	else if (sqlite3_changes(st->db) == 0)
		r = store_failx(st, STORE_NOT_FOUND, "no mailbox %s", id);
	return store_finish(st, r);
}

/* Add device key to mailbox id; *acked gets its starting cursor. */
enum store_result
store_device_add(struct store *st, const char *id, const uint8_t *key,
    int64_t now, int64_t *acked)
{
	enum store_result	r;

	if ((r = store_begin(st)) != STORE_OK)
		return r;
	r = store_device_add_tx(st, id, key, now, acked);
	return store_finish(st, r);
}

static enum store_result
store_device_add_tx(struct store *st, const char *id, const uint8_t *key,
    int64_t now, int64_t *acked)
{
	enum store_result	r;
	int64_t			mbx, newest;

	if ((r = store_mailbox_refresh(st, id, &mbx)) != STORE_OK)
		return r;
	if ((r = store_message_newest(st, &newest)) != STORE_OK)
		return r;
	if ((r = store_device_insert(st, mbx, key, newest, now)) != STORE_OK)
		return r;
	if (acked != NULL)
		*acked = newest;
	return STORE_OK;
}

/* Fill *out with device key of mailbox id. */
enum store_result
store_device_get(struct store *st, const char *id, const uint8_t *key,
    struct store_device *out)
{
	sqlite3_stmt	*stmt;
	int		 rc;

	stmt = store_stmt(st, STMT_DEVICE_GET, "SELECT key, acked, created"
	    " FROM device WHERE mbx = (SELECT mbx FROM mailbox WHERE id = ?1)"
	    " AND key = ?2");
	if (stmt == NULL)
		return st->last;
	sqlite3_bind_text(stmt, 1, id, -1, SQLITE_STATIC);
	sqlite3_bind_blob(stmt, 2, key, STORE_KEY_LEN, SQLITE_STATIC);
	if ((rc = store_step(st, stmt)) == SQLITE_ROW && out != NULL)
		store_device_read(stmt, out);
	sqlite3_reset(stmt);
	if (rc == SQLITE_DONE)
		return store_failx(st, STORE_NOT_FOUND,
		    "no such device in mailbox %s", id);
	return rc == SQLITE_ROW ? STORE_OK : st->last;
}

/* Read the cursor of device key of mailbox mbx. */
enum store_result
store_device_cursor(struct store *st, int64_t mbx, const uint8_t *key,
    int64_t *acked)
{
	sqlite3_stmt	*stmt;
	int		 rc;

	stmt = store_stmt(st, STMT_DEVICE_CURSOR,
	    "SELECT acked FROM device WHERE mbx = ?1 AND key = ?2");
	if (stmt == NULL)
		return st->last;
	sqlite3_bind_int64(stmt, 1, mbx);
	sqlite3_bind_blob(stmt, 2, key, STORE_KEY_LEN, SQLITE_STATIC);
	if ((rc = store_step(st, stmt)) == SQLITE_ROW)
		*acked = sqlite3_column_int64(stmt, 0);
	sqlite3_reset(stmt);
	if (rc == SQLITE_DONE)
		return store_failx(st, STORE_NOT_FOUND, "no such device");
	return rc == SQLITE_ROW ? STORE_OK : st->last;
}

/* Return mailbox id's devices, oldest first, in a new array. */
enum store_result
store_device_list(struct store *st, const char *id,
    struct store_device **out, size_t *n)
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
		stmt = store_stmt(st, STMT_DEVICE_LIST, "SELECT key, acked,"
		    " created FROM device WHERE mbx = ?1"
		    " ORDER BY created, key");
		if (stmt == NULL)
			return st->last;
		sqlite3_bind_int64(stmt, 1, mbx);
		*out = store_rows(st, stmt, &store_device_rows, n, &r);
		/* a mailbox has a device: none means a stale row number */
		if (r != STORE_OK || *n != 0 ||
		    !store_mailbox_again(st, id, &mbx, &r))
			return r;
	}
	return STORE_OK;
}

static void
store_device_read(sqlite3_stmt *stmt, void *p)
{
	struct store_device	*d = p;

	memset(d, 0, sizeof(*d));
	if (sqlite3_column_bytes(stmt, 0) == STORE_KEY_LEN)
		memcpy(d->key, sqlite3_column_blob(stmt, 0), STORE_KEY_LEN);
	d->acked = sqlite3_column_int64(stmt, 1);
	d->created = sqlite3_column_int64(stmt, 2);
}

/* Remove device key from mailbox id, deleting what is now all acked. */
enum store_result
store_device_remove(struct store *st, const char *id, const uint8_t *key,
    int64_t *deleted)
{
	enum store_result	r;
	int64_t			n = 0;

	if ((r = store_begin(st)) != STORE_OK)
		return r;
	r = store_device_remove_tx(st, id, key, &n);
	if ((r = store_finish(st, r)) == STORE_OK && deleted != NULL)
		*deleted = n;
	return r;
}

static enum store_result
store_device_remove_tx(struct store *st, const char *id, const uint8_t *key,
    int64_t *deleted)
{
	sqlite3_stmt		*stmt;
	enum store_result	 r;
	int64_t			 mbx;

	if ((r = store_mailbox_refresh(st, id, &mbx)) != STORE_OK)
		return r;
	stmt = store_stmt(st, STMT_DEVICE_DELETE,
	    "DELETE FROM device WHERE mbx = ?1 AND key = ?2");
	if (stmt == NULL)
		return st->last;
	sqlite3_bind_int64(stmt, 1, mbx);
	sqlite3_bind_blob(stmt, 2, key, STORE_KEY_LEN, SQLITE_STATIC);
	if (store_step(st, stmt) != SQLITE_DONE)
		return st->last;
	if (sqlite3_changes(st->db) == 0)
		return store_failx(st, STORE_NOT_FOUND,
		    "no such device in mailbox %s", id);
	stmt = store_stmt(st, STMT_DEVICE_COUNT,
	    "SELECT count(*) FROM device WHERE mbx = ?1");
	if (stmt == NULL)
		return st->last;
	sqlite3_bind_int64(stmt, 1, mbx);
	if (store_step(st, stmt) != SQLITE_ROW)
		return st->last;
	if (sqlite3_column_int64(stmt, 0) == 0) {
		sqlite3_reset(stmt);
		return store_failx(st, STORE_LAST_DEVICE, "the last device of "
		    "mailbox %s cannot be removed", id);
	}
	sqlite3_reset(stmt);
	return store_message_delete_acked(st, mbx, deleted);
}
