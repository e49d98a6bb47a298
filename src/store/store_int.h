/*
 * store_int.h: what the store's files share and nobody else sees: the
 * connection struct, the statement cache, transaction and error helpers.
 * Unit tests include it to reach the raw connection (PRAGMA max_page_count
 * to simulate a full disk).
 */
#ifndef OM_STORE_INT_H
#define OM_STORE_INT_H

#include <sqlite3.h>

#include "store/store.h"

/* PRAGMA application_id of every onionmsg database: "OnMs". */
#define STORE_APPLICATION_ID	0x4f6e4d73

/* One slot per cached statement; each file names its own SQL text. */
enum store_stmt_id {
	STMT_BEGIN,
	STMT_BEGIN_READ,
	STMT_COMMIT,
	STMT_ROLLBACK,
	STMT_SAVEPOINT,
	STMT_RELEASE,
	STMT_ROLLBACK_TO,
	STMT_MAILBOX_INSERT,
	STMT_MAILBOX_GET,
	STMT_MAILBOX_DELETE,
	STMT_MAILBOX_QUOTA,
	STMT_MAILBOX_MBX,
	STMT_DEVICE_INSERT,
	STMT_DEVICE_GET,
	STMT_DEVICE_LIST,
	STMT_DEVICE_DELETE,
	STMT_DEVICE_COUNT,
	STMT_DEVICE_ACK,
	STMT_DEVICE_CURSOR,
	STMT_DEVICE_MIN_ACKED,
	STMT_MESSAGE_RESERVE,
	STMT_MESSAGE_UNRESERVE,
	STMT_MESSAGE_INSERT,
	STMT_MESSAGE_FIND,
	STMT_MESSAGE_SEQ,
	STMT_MESSAGE_LIST,
	STMT_MESSAGE_COUNT,
	STMT_MESSAGE_DELETE_ACKED,
	STMT_MESSAGE_PURGE,
	STMT_OUTBOX_INSERT,
	STMT_OUTBOX_FIND,
	STMT_OUTBOX_GET,
	STMT_OUTBOX_DUE,
	STMT_OUTBOX_CLAIM,
	STMT_OUTBOX_RECOVER,
	STMT_OUTBOX_MARK,
	STMT_OUTBOX_RETRY,
	STMT_OUTBOX_RETRY_NOW,
	STMT_OUTBOX_EXPIRE,
	STMT_OUTBOX_LIST,
	STMT_OUTBOX_LIST_STATE,
	STMT_OUTBOX_LIST_NEW,
	STMT_OUTBOX_LIST_STATE_NEW,
	STMT_OUTBOX_PURGE,
	STMT_NODE_GET,
	STMT_NODE_SET,
	STMT_NODE_DELETE,
	STMT_SEQ_LOAD,
	STMT_SEQ_SAVE,
	STMT_MAX
};

/* Mailbox id -> row number, so hot paths need no look-up by text. */
#define STORE_MBX_SLOTS		8192	/* a power of two */
#define STORE_MBX_MAX		4096	/* cleared when this full */

struct store_mbx_slot {
	char			*id;	/* NULL: free */
	int64_t			 mbx;
};

struct store {
	sqlite3			*db;
	char			*path;
	enum store_sync		 sync;
	int			 in_tx;
	int			 in_read;	/* store_read_begin */
	int			 group;	/* store_group_begin: ops are savepoints */
	enum store_result	 group_lost;	/* OK, or why its tx is gone */
	enum store_result	 last;
	char			 errmsg[256];
	sqlite3_stmt		*stmts[STMT_MAX];

	/* message seq allocation, valid inside one transaction */
	int			 seq_loaded;
	int			 seq_dirty;
	int64_t			 seq_last;

	int64_t			 page_size;	/* 0: not read yet */
	struct store_recent	*recent;	/* NULL: none kept */

	struct store_mbx_slot	 mbx_cache[STORE_MBX_SLOTS];
	size_t			 mbx_cached;
};

/* How store_rows() reads one row into an entry, and frees what it owns. */
struct store_rowtype {
	size_t		  size;
	void		(*read)(sqlite3_stmt *, void *);
	void		(*clear)(void *);	/* NULL: owns nothing */
};

sqlite3_stmt	*store_stmt(struct store *, enum store_stmt_id, const char *);
void		*store_rows(struct store *, sqlite3_stmt *,
		    const struct store_rowtype *, size_t *,
		    enum store_result *);
enum store_result store_fail(struct store *, int, const char *);
enum store_result store_failx(struct store *, enum store_result,
		    const char *, ...) __attribute__((format(printf, 3, 4)));
enum store_result store_begin(struct store *);
enum store_result store_commit(struct store *);
void		 store_rollback(struct store *);
enum store_result store_group_alive(struct store *);
void		 store_group_lose(struct store *, enum store_result);
enum store_result store_finish(struct store *, enum store_result);
int		 store_step(struct store *, sqlite3_stmt *);
sqlite3		*store_db(struct store *);

enum store_result store_mailbox_mbx(struct store *, const char *, int64_t *);
enum store_result store_mailbox_refresh(struct store *, const char *,
		    int64_t *);
int		 store_mailbox_stale(struct store *, const char *, int64_t *);
int		 store_mailbox_again(struct store *, const char *, int64_t *,
		    enum store_result *);
void		 store_mailbox_cache_del(struct store *, const char *);
int		 store_mailbox_cache_get(struct store *, const char *,
		    int64_t *);
void		 store_mailbox_cache_put(struct store *, const char *, int64_t);
void		 store_mailbox_cache_clear(struct store *);
enum store_result store_seq_next(struct store *, int64_t *);
void		 store_seq_unget(struct store *, int64_t);
enum store_result store_device_insert(struct store *, int64_t,
		    const uint8_t *, int64_t, int64_t);
enum store_result store_device_cursor(struct store *, int64_t,
		    const uint8_t *, int64_t *);
enum store_result store_message_newest(struct store *, int64_t *);
enum store_result store_message_delete_acked(struct store *, int64_t,
		    int64_t *);
enum store_result store_message_insert_tx(struct store *,
		    const struct store_message_in *, int64_t *);

/* store_vfs.c */
const char	*store_vfs_register(void);

/* store_recent.c: the connection's transactions tell it what happened. */
void		 store_recent_free(struct store *);
void		 store_recent_add(struct store *, int64_t, int64_t,
		    const struct store_message_in *);
void		 store_recent_mark(struct store *);
void		 store_recent_undo(struct store *);
void		 store_recent_cut(struct store *, int64_t, int64_t);
void		 store_recent_stale(struct store *);
void		 store_recent_end(struct store *, int);

#endif
