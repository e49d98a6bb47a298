/*
 * store_node.c: the node's own key/value settings: the onion service key
 * blob (unless ephemeral) and whatever else the daemon keeps across
 * restarts. Values are opaque bytes.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "common/xmalloc.h"
#include "store/store_int.h"

static sqlite3_stmt *store_node_lookup(struct store *, const char *,
		    enum store_result *);

/* Return key's value in a new NUL-terminated buffer of *len bytes. */
enum store_result
store_node_get(struct store *st, const char *key, void **val, size_t *len)
{
	sqlite3_stmt		*stmt;
	enum store_result	 r;
	size_t			 n;
	uint8_t			*p;

	if ((stmt = store_node_lookup(st, key, &r)) == NULL)
		return r;
	n = (size_t)sqlite3_column_bytes(stmt, 0);
	p = xmalloc(n + 1);
	if (n != 0)
		memcpy(p, sqlite3_column_blob(stmt, 0), n);
	p[n] = '\0';
	sqlite3_reset(stmt);
	*val = p;
	*len = n;
	return STORE_OK;
}

/* Copy key's value into buf (cap bytes); ERROR if it does not fit. */
enum store_result
store_node_get_into(struct store *st, const char *key, void *buf, size_t cap,
    size_t *len)
{
	sqlite3_stmt		*stmt;
	enum store_result	 r;
	size_t			 n;

	if ((stmt = store_node_lookup(st, key, &r)) == NULL)
		return r;
	n = (size_t)sqlite3_column_bytes(stmt, 0);
	if (n > cap) {
		sqlite3_reset(stmt);
		return store_failx(st, STORE_TOO_BIG, "node setting %s: %zu "
		    "bytes do not fit in %zu", key, n, cap);
	}
	if (n != 0)
		memcpy(buf, sqlite3_column_blob(stmt, 0), n);
	sqlite3_reset(stmt);
	*len = n;
	return STORE_OK;
}

/* Step the look-up of key; the row's statement, or NULL and *r. */
static sqlite3_stmt *
store_node_lookup(struct store *st, const char *key, enum store_result *r)
{
	sqlite3_stmt	*stmt;
	int		 rc;

	stmt = store_stmt(st, STMT_NODE_GET,
	    "SELECT value FROM node WHERE key = ?1");
	if (stmt == NULL) {
		*r = st->last;
		return NULL;
	}
	sqlite3_bind_text(stmt, 1, key, -1, SQLITE_STATIC);
	if ((rc = store_step(st, stmt)) == SQLITE_ROW)
		return stmt;
	sqlite3_reset(stmt);
	if (rc == SQLITE_DONE)
		*r = store_failx(st, STORE_NOT_FOUND, "no node setting %s",
		    key);
	else
		*r = st->last;
	return NULL;
}

/* Set key to len bytes of val. */
enum store_result
store_node_set(struct store *st, const char *key, const void *val,
    size_t len)
{
	sqlite3_stmt		*stmt;
	enum store_result	 r;

	if (len > (size_t)sqlite3_limit(st->db, SQLITE_LIMIT_LENGTH, -1))
		return store_failx(st, STORE_TOO_BIG, "node setting %s: %zu "
		    "bytes are too large", key, len);
	if ((r = store_begin(st)) != STORE_OK)
		return r;
	stmt = store_stmt(st, STMT_NODE_SET, "INSERT INTO node (key, value)"
	    " VALUES (?1, ?2) ON CONFLICT (key) DO UPDATE"
	    " SET value = excluded.value");
	if (stmt == NULL)
		return store_finish(st, st->last);
	sqlite3_bind_text(stmt, 1, key, -1, SQLITE_STATIC);
	sqlite3_bind_blob(stmt, 2, len != 0 ? val : "", (int)len,
	    SQLITE_STATIC);
	if (store_step(st, stmt) != SQLITE_DONE)
		r = st->last;
	sqlite3_reset(stmt);
	return store_finish(st, r);
}

/* Delete key. */
enum store_result
store_node_delete(struct store *st, const char *key)
{
	sqlite3_stmt		*stmt;
	enum store_result	 r;

	if ((r = store_begin(st)) != STORE_OK)
		return r;
	stmt = store_stmt(st, STMT_NODE_DELETE,
	    "DELETE FROM node WHERE key = ?1");
	if (stmt == NULL)
		return store_finish(st, st->last);
	sqlite3_bind_text(stmt, 1, key, -1, SQLITE_STATIC);
	if (store_step(st, stmt) != SQLITE_DONE)
		r = st->last;
	else if (sqlite3_changes(st->db) == 0)
		r = store_failx(st, STORE_NOT_FOUND, "no node setting %s",
		    key);
	sqlite3_reset(stmt);
	return store_finish(st, r);
}
