/*
 * store.h: the node's SQLite store: mailboxes, devices, messages, the
 * outbox and node settings, in one WAL-mode database file.
 *
 * A struct store is one SQLite connection; it belongs to one thread at a
 * time (each daemon thread opens its own on the same file; writers wait
 * for each other up to 5 s, then get STORE_BUSY). Every mutation runs in
 * its own transaction and returns only after it committed; group commit
 * (struct store_batch) lets many inserts share one commit. Times are
 * milliseconds since the epoch, chosen by the caller (tests pass their
 * own clock). The data directory's checks are the daemon's; the store
 * owns the database file.
 */
#ifndef OM_STORE_H
#define OM_STORE_H

#include <stddef.h>
#include <stdint.h>

/* Durability: NORMAL survives a process crash, FULL a power loss. */
enum store_sync {
	STORE_SYNC_NORMAL,
	STORE_SYNC_FULL,
};

/* What an operation did. Every value but STORE_OK has a message. */
enum store_result {
	STORE_OK = 0,
	STORE_DUPLICATE,	/* already there; the first one's id given */
	STORE_NOT_FOUND,	/* no such mailbox, device, entry or key */
	STORE_QUOTA,		/* the mailbox's count or bytes quota is full */
	STORE_LAST_DEVICE,	/* a mailbox keeps at least one device */
	STORE_TOO_BIG,		/* too big for the database or the buffer */
	STORE_FULL,		/* disk or database full; nothing was changed */
	STORE_BUSY,		/* another connection held the lock too long */
	STORE_CORRUPT,		/* the database file is damaged */
	STORE_ERROR,		/* anything else; see store_errmsg() */
	STORE_PENDING,		/* a batch op whose batch has not committed */
};

struct store;

/*
 * Open (creating when missing, mode 0600 whatever the umask) the database
 * at path and bring its schema up to date. Returns NULL and a one-line
 * message in err when the file is not an onionmsg database, is corrupt,
 * comes from a newer onionmsgd or cannot be opened. Never recreates it.
 */
struct store	*store_open(const char *path, enum store_sync sync, char *err,
		    size_t errlen);
/* Close the connection; NULL is a no-op. */
void		 store_close(struct store *);
/* Return the message of the last failed operation on this connection. */
const char	*store_errmsg(const struct store *);
/* Return the schema version (PRAGMA user_version) this build writes. */
int		 store_schema_version(void);
/* Return a short constant name for a result ("quota exceeded" ...). */
const char	*store_result_str(enum store_result);

/* Length of owner and device keys (Ed25519 public keys). */
#define STORE_KEY_LEN	32

/*
 * Mailboxes and devices (store_mailbox.c).
 *
 * A mailbox is created with its first device. Quotas of 0 mean no limit.
 * Every device has its own acknowledged cursor ("acked"): the first device
 * starts at 0; a device added later starts at the newest seq given so far
 * (to any mailbox), so it receives only what arrives after it was added
 * and does not hold back the deletion of older messages. A mailbox keeps
 * at least one device (removing the last gives STORE_LAST_DEVICE).
 * Removing a device deletes the messages every remaining device has
 * acknowledged. Deleting a mailbox deletes its devices, messages and
 * outbox entries.
 */
struct store_mailbox {
	uint8_t		 owner_key[STORE_KEY_LEN];
	int64_t		 created;	/* ms since the epoch */
	int64_t		 quota_count;	/* 0: no limit */
	int64_t		 quota_bytes;	/* 0: no limit */
	int64_t		 used_count;
	int64_t		 used_bytes;
	int64_t		 newest_seq;	/* newest stored message, 0: none */
	int64_t		 devices;
};

struct store_device {
	uint8_t		 key[STORE_KEY_LEN];
	int64_t		 acked;		/* acknowledged up to this seq */
	int64_t		 created;
};

/* Create mailbox id with its first device; DUPLICATE if id exists. */
enum store_result store_mailbox_create(struct store *, const char *id,
		    const uint8_t *owner_key, const uint8_t *device_key,
		    int64_t now, int64_t quota_count, int64_t quota_bytes);
/* Fill *out with mailbox id; NOT_FOUND if there is none. */
enum store_result store_mailbox_get(struct store *, const char *id,
		    struct store_mailbox *out);
/* Set mailbox id's quotas (count, bytes; 0: no limit). */
enum store_result store_mailbox_set_quota(struct store *, const char *id,
		    int64_t quota_count, int64_t quota_bytes);
/* Delete mailbox id and everything of it. */
enum store_result store_mailbox_delete(struct store *, const char *id);
/* Add a device (key) to mailbox id; its cursor is set to *acked. */
enum store_result store_device_add(struct store *, const char *id,
		    const uint8_t *key, int64_t now, int64_t *acked);
/* Fill *out (may be NULL) with device key of mailbox id (auth check). */
enum store_result store_device_get(struct store *, const char *id,
		    const uint8_t *key, struct store_device *out);
/* Return mailbox id's devices in a new array (*n entries); free() it. */
enum store_result store_device_list(struct store *, const char *id,
		    struct store_device **out, size_t *n);
/* Remove device key from mailbox id; *deleted: messages deleted by it. */
enum store_result store_device_remove(struct store *, const char *id,
		    const uint8_t *key, int64_t *deleted);

/*
 * Messages (store_message.c).
 *
 * seq is the cursor: global, increasing, never reused. (mailbox,
 * sender_id) is unique: inserting it again gives STORE_DUPLICATE and the
 * first message's seq, stores nothing and costs no quota (even when the
 * mailbox is full). expires 0 means never. A message is deleted when
 * every device of its mailbox acknowledged it, or by the expiry purge.
 */
struct store_message_in {
	const char	*mailbox;
	const char	*sender_id;
	const void	*envelope;
	size_t		 size;
	int64_t		 received;	/* ms */
	int64_t		 expires;	/* ms, 0: never */
};

struct store_message {
	int64_t		 seq;
	char		*sender_id;
	uint8_t		*envelope;
	size_t		 size;
	int64_t		 received;
	int64_t		 expires;
};

/*
 * Insert one message in its own transaction; *seq gets its seq (or the
 * first one's on DUPLICATE). NOT_FOUND: no such mailbox; QUOTA: count or
 * bytes would exceed the mailbox's quota; TOO_BIG: larger than SQLite
 * takes (callers enforce far smaller limits); FULL: disk full, nothing
 * stored.
 */
enum store_result store_message_insert(struct store *,
		    const struct store_message_in *in, int64_t *seq);
/*
 * List up to limit messages of mailbox with seq > after, oldest first,
 * hiding expired ones (expires <= now). *out is a new array of *n entries
 * (NULL when 0); free it with store_message_list_free.
 */
enum store_result store_message_list(struct store *, const char *id,
		    int64_t after, size_t limit, int64_t now,
		    struct store_message **out, size_t *n);
/* Free an array from store_message_list. */
void		 store_message_list_free(struct store_message *, size_t);
/*
 * Count mailbox id's unexpired messages with seq > after into *count,
 * counting at most limit (so the cost is bounded); reads no envelope.
 */
enum store_result store_message_count(struct store *, const char *id,
		    int64_t after, int64_t now, size_t limit, int64_t *count);
/*
 * Acknowledge for device key of mailbox every message up to seq upto
 * (clamped to the newest seq given so far; a cursor never moves back).
 * *acked gets the device's cursor afterwards, *deleted the number of
 * messages now acknowledged by all devices and thus deleted (may be NULL).
 */
enum store_result store_message_ack(struct store *, const char *id,
		    const uint8_t *key, int64_t upto, int64_t *acked,
		    int64_t *deleted);
/* Delete up to limit messages expired at now; *deleted gets the count. */
enum store_result store_message_purge(struct store *, int64_t now,
		    size_t limit, int64_t *deleted);

/*
 * Recent messages (store_recent.c). A connection that is the only one to
 * insert and delete messages (the daemon's edge thread; another may only
 * purge expired ones) can keep the messages it committed last in memory,
 * so that a reader following a mailbox from its newest message gets
 * what came after without a read transaction. Up to max_rows messages
 * and max_bytes of envelopes are kept; acknowledged ones deleted are
 * dropped from memory as they are from the file; older ones, and all of
 * them after a mailbox was deleted, are read from the store again.
 */
enum store_result store_recent_enable(struct store *, size_t max_rows,
		    size_t max_bytes);
/*
 * What store_message_list would give (up to limit unexpired messages of
 * mailbox id after seq after, oldest first; out has room for limit),
 * from memory: the entries point into it and stay valid until the next
 * write on this connection; never free them. NOT_FOUND when memory
 * cannot tell (nothing kept, inside a transaction, the mailbox not looked
 * up yet, or messages after `after` may have gone): use
 * store_message_list.
 */
enum store_result store_message_recent(struct store *, const char *id,
		    int64_t after, size_t limit, int64_t now,
		    struct store_message *out, size_t *n);

/*
 * Group commit (store_batch.c), for an event loop: queue the inserts of
 * many requests (store_batch_add copies what it is given and returns the
 * op's index), then store_batch_commit runs them all in one transaction
 * and fills each op's outcome, which store_batch_result reads.
 * Outcomes are those of store_message_insert. An op refused (DUPLICATE,
 * QUOTA, NOT_FOUND, TOO_BIG) does not affect its neighbours; when the
 * transaction itself fails (FULL, BUSY, a failed COMMIT ...) every op
 * gets that result and nothing was stored. Before commit every op is PENDING. A
 * batch is reusable after store_batch_reset.
 */
struct store_batch;

/* Return a new, empty batch. */
struct store_batch *store_batch_new(void);
/* Free batch; NULL is a no-op. */
void		 store_batch_free(struct store_batch *);
/* Empty batch for reuse. */
void		 store_batch_reset(struct store_batch *);
/* Queue one insert (copied); return its index. */
size_t		 store_batch_add(struct store_batch *,
		    const struct store_message_in *in);
/* Return the number of queued ops. */
size_t		 store_batch_count(const struct store_batch *);
/* Run every queued op in one transaction; STORE_OK if it committed. */
enum store_result store_batch_commit(struct store *, struct store_batch *);
/* Return op i's outcome, and its seq (inserted or first) in *seq. */
enum store_result store_batch_result(const struct store_batch *, size_t i,
		    int64_t *seq);

/*
 * Group commit for any operation (store.c): between store_group_begin and
 * store_group_commit every operation on this connection joins one
 * transaction as a savepoint of its own, so a refused or failed one
 * undoes itself alone, and all of them become durable at the one COMMIT
 * (or none: a failed commit rolls everything back, e.g. FULL). Results
 * read inside the group are final only once the commit succeeded.
 */
enum store_result store_group_begin(struct store *);
enum store_result store_group_commit(struct store *);
void		 store_group_rollback(struct store *);

/*
 * Many reads in a row (store.c): between store_read_begin and
 * store_read_end they share one snapshot and take the database's locks
 * once, instead of once each. Nothing is locked before the first read; a
 * write operation in between ends it first. Inside a write transaction
 * both do nothing.
 */
enum store_result store_read_begin(struct store *);
void		 store_read_end(struct store *);

/*
 * Outbox (store_outbox.c): envelopes a local mailbox asked to deliver to
 * another node. Enqueue is idempotent on (mailbox, dest, msg_id).
 * claim_due moves due QUEUED entries to DELIVERING, counting an attempt;
 * the deliverer then marks each delivered, failed (permanent), retry
 * (back to QUEUED at a later time) or expired. At start-up
 * store_outbox_recover puts DELIVERING entries (a crash mid-delivery)
 * back to QUEUED. The state values are stored on disk: never renumber.
 */
enum store_outbox_state {
	STORE_OUTBOX_QUEUED = 0,
	STORE_OUTBOX_DELIVERING = 1,
	STORE_OUTBOX_DELIVERED = 2,
	STORE_OUTBOX_FAILED = 3,
	STORE_OUTBOX_EXPIRED = 4,
};
#define STORE_OUTBOX_ANY	(-1)	/* list: every state */

struct store_outbox_in {
	const char	*mailbox;	/* the local sender */
	const char	*dest;		/* "<mailbox-id>@<onion>.onion" */
	const char	*msg_id;
	const void	*envelope;
	size_t		 size;
	int64_t		 now;		/* created, first attempt */
	int64_t		 expires;	/* ms, 0: never */
};

struct store_outbox {
	int64_t			 id;
	char			*mailbox;
	char			*dest;
	char			*msg_id;
	uint8_t			*envelope;
	size_t			 size;
	enum store_outbox_state	 state;
	int64_t			 attempts;
	int64_t			 next_attempt;
	char			*last_error;	/* NULL: none */
	int64_t			 created;
	int64_t			 expires;
	int64_t			 updated;
};

/* Queue an envelope; *id gets its id (or the first one's: DUPLICATE). */
enum store_result store_outbox_enqueue(struct store *,
		    const struct store_outbox_in *in, int64_t *id);
/* Fill *out (may be NULL) with entry id; free with store_outbox_clear. */
enum store_result store_outbox_get(struct store *, int64_t id,
		    struct store_outbox *out);
/*
 * Claim up to limit due entries (QUEUED, next_attempt <= now, not
 * expired), oldest due first: they become DELIVERING with one attempt
 * more. *out: a new array of *n; free with store_outbox_list_free.
 */
enum store_result store_outbox_claim_due(struct store *, int64_t now,
		    size_t limit, struct store_outbox **out, size_t *n);
/* Put DELIVERING entries back to QUEUED (start-up); *n: how many. */
enum store_result store_outbox_recover(struct store *, int64_t now,
		    int64_t *n);
/*
 * Finish entry id (QUEUED or DELIVERING; NOT_FOUND otherwise): delivered,
 * failed for good with error, or expired.
 */
enum store_result store_outbox_mark_delivered(struct store *, int64_t id,
		    int64_t now);
enum store_result store_outbox_mark_failed(struct store *, int64_t id,
		    int64_t now, const char *error);
enum store_result store_outbox_mark_expired(struct store *, int64_t id,
		    int64_t now);
/* Put entry id back to QUEUED, due at next_attempt; error may be NULL. */
enum store_result store_outbox_mark_retry(struct store *, int64_t id,
		    int64_t now, int64_t next_attempt, const char *error);
/*
 * Make mailbox id's waiting QUEUED entries, and its FAILED ones that have
 * not expired (back to QUEUED), due at now; *n: how many.
 */
enum store_result store_outbox_retry_now(struct store *, const char *id,
		    int64_t now, int64_t *n);
/* Mark QUEUED entries whose expiry passed at now EXPIRED; *n: how many. */
enum store_result store_outbox_expire(struct store *, int64_t now,
		    int64_t *n);
/* Delete finished (DELIVERED, FAILED, EXPIRED) entries updated before. */
enum store_result store_outbox_purge(struct store *, int64_t before,
		    int64_t *n);
/*
 * List up to limit of mailbox id's entries in state (STORE_OUTBOX_ANY:
 * all), oldest first, or newest first; without their envelopes
 * (envelope NULL, size set). Free with store_outbox_list_free.
 */
enum store_result store_outbox_list(struct store *, const char *id,
		    int state, int newest_first, size_t limit,
		    struct store_outbox **out, size_t *n);
/* Free what one entry owns. */
void		 store_outbox_clear(struct store_outbox *);
/* Free an array from claim_due or list. */
void		 store_outbox_list_free(struct store_outbox *, size_t);
/* Return "QUEUED", "DELIVERING" ... (the GraphQL enum names). */
const char	*store_outbox_state_str(enum store_outbox_state);

/*
 * Node settings (store_node.c): key/value, the value opaque bytes (the
 * onion service key blob, settings). Values read are NUL-terminated
 * beyond their length, so text reads as a C string.
 */
/* Return key's value in a new buffer (*len bytes); free() it. */
enum store_result store_node_get(struct store *, const char *key,
		    void **val, size_t *len);
/* Copy key's value into buf of cap bytes (TOO_BIG if it does not fit). */
enum store_result store_node_get_into(struct store *, const char *key,
		    void *buf, size_t cap, size_t *len);
/* Set key to len bytes of value. */
enum store_result store_node_set(struct store *, const char *key,
		    const void *val, size_t len);
/* Delete key; NOT_FOUND if it was not set. */
enum store_result store_node_delete(struct store *, const char *key);

/*
 * Checkpoints copy the WAL into the database file and cost two fsyncs.
 * By default a commit does one when the WAL reaches 16 MiB, and the
 * first commit after the WAL started again cuts its file back to 64 MiB.
 * A daemon that takes inserts on one thread can turn both off on that
 * thread's connection (it then checkpoints only at 1 GiB, and never cuts
 * the file) and checkpoint from another thread's connection
 * (store_checkpoint, or the finer controls below), so no insert waits
 * for an fsync of the database file or a truncation. See bench/README.md.
 */
enum store_result store_set_autocheckpoint(struct store *, int on);
/* Copy the WAL into the database now without blocking anyone (or BUSY). */
enum store_result store_checkpoint(struct store *);

/*
 * A checkpointer's finer controls (src/daemon/daemon_ckpt.c). A PASSIVE
 * checkpoint copies what it can and never waits, but with inserts going
 * on all the time the WAL is never wholly copied when one ends, so it is
 * never started again from its beginning and keeps growing. RESTART
 * takes the writers' lock (inserts wait meanwhile), waits up to wait_ms
 * for the writer and for readers still using the WAL, copies the rest
 * and syncs, so that the next commit starts the WAL again from its
 * beginning; TRUNCATE also empties the WAL file. Either is BUSY when the
 * others did not let go in time (nothing is lost, the WAL stays as it
 * was). To hold the writers off briefly, run store_sync_files() and a
 * PASSIVE just before: then little is left to copy and to sync. *out
 * (may be NULL) gets the WAL's frames (pages) and how many of them are
 * in the database file now.
 */
enum store_ckpt_mode {
	STORE_CKPT_PASSIVE,
	STORE_CKPT_RESTART,
	STORE_CKPT_TRUNCATE,
};

struct store_wal {
	int64_t		 frames;	/* in the WAL */
	int64_t		 backfilled;	/* of those, copied */
	int64_t		 bytes;		/* the frames' size in the WAL */
};

/* Checkpoint in mode, waiting at most wait_ms (TRUNCATE). */
enum store_result store_checkpoint_wal(struct store *, enum store_ckpt_mode,
		    unsigned wait_ms, struct store_wal *out);
/*
 * Return the WAL file's size in pages, without touching the database (a
 * stat): the frames written since it was last emptied, or more once it
 * was started again from its beginning. *mtime_ns (may be NULL) gets its
 * modification time. 0 when there is no WAL file.
 */
int64_t		 store_wal_pages(struct store *, int64_t *mtime_ns);
/*
 * Flush what was written to the database file and its WAL to the disk
 * (fdatasync through descriptors of its own: no lock is taken, no one
 * waits).
 */
enum store_result store_sync_files(struct store *);
/* Check the whole file (PRAGMA integrity_check); CORRUPT with a message. */
enum store_result store_integrity_check(struct store *);

#endif
