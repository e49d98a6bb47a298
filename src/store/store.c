/*
 * store.c: the store's connection: opening the database file safely (mode
 * 0600, never recreated, foreign and corrupt files refused), the pragmas,
 * the forward schema migrations, the statement cache that keeps prepared
 * statements for the connection's life, transactions and error reporting.
 */
#include "config.h"

#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "common/log.h"
#include "common/util.h"
#include "common/xmalloc.h"
#include "store/store_int.h"

static int	 store_file_prepare(const char *, char *, size_t);
static int	 store_pragma_int(struct store *, const char *, int64_t *);
static int	 store_exec(struct store *, const char *);
static int	 store_identify(struct store *, char *, size_t);
static int	 store_configure(struct store *, char *, size_t);
static int	 store_migrate(struct store *, char *, size_t);
static int	 store_file_tighten(struct store *, char *, size_t);
static void	 store_open_error(struct store *, int, char *, size_t);
static void	 store_sqlite_init(void);
static enum store_result store_seq_save(struct store *);
static int64_t	 store_page_size(struct store *);
static enum store_result store_simple(struct store *, enum store_stmt_id,
		    const char *);

static pthread_once_t	 store_once = PTHREAD_ONCE_INIT;
static const char	*store_vfs;		/* NULL: SQLite's default */

/*
 * The schema, one step per version: migrations[i] takes a database from
 * user_version i to i + 1. Only ever append; a released step never changes.
 * Counters in mailbox (used_count, used_bytes) follow message rows: the
 * insert path adds, the trigger subtracts on every delete (ack, expiry,
 * device removal), so quota checks are O(1). message.seq is the cursor:
 * it comes from sequence 'message', the newest seq ever given, read once
 * per transaction and written back in it (store_seq_next), so a seq is
 * never reused, even after the newest message was deleted. That is what
 * AUTOINCREMENT would give, without its sqlite_sequence read and write in
 * every INSERT (12% of an insert's instructions). The duplicate check's
 * index leads with sender_id: ids that grow with time (as a client's
 * ULID-like ids do) then land at the index's end instead of in each
 * mailbox's own range, one page less written per message when many
 * mailboxes receive at once; message_cursor (message_live since
 * version 2) serves per-mailbox look-ups.
 * outbox.state holds enum store_outbox_state values (on-disk format).
 */
static const char *const migrations[] = {
	/* 0 -> 1 */
	"CREATE TABLE mailbox ("
	" mbx INTEGER PRIMARY KEY AUTOINCREMENT,"
	" id TEXT NOT NULL UNIQUE,"
	" owner_key BLOB NOT NULL CHECK (length(owner_key) = 32),"
	" created INTEGER NOT NULL,"
	" quota_count INTEGER NOT NULL DEFAULT 0,"
	" quota_bytes INTEGER NOT NULL DEFAULT 0,"
	" used_count INTEGER NOT NULL DEFAULT 0,"
	" used_bytes INTEGER NOT NULL DEFAULT 0);"
	"CREATE TABLE device ("
	" mbx INTEGER NOT NULL REFERENCES mailbox (mbx) ON DELETE CASCADE,"
	" key BLOB NOT NULL CHECK (length(key) = 32),"
	" acked INTEGER NOT NULL,"
	" created INTEGER NOT NULL,"
	" PRIMARY KEY (mbx, key)) WITHOUT ROWID;"
	"CREATE TABLE sequence ("
	" name TEXT PRIMARY KEY,"
	" value INTEGER NOT NULL) WITHOUT ROWID;"
	"INSERT INTO sequence VALUES ('message', 0);"
	"CREATE TABLE message ("
	" seq INTEGER PRIMARY KEY,"
	" mbx INTEGER NOT NULL REFERENCES mailbox (mbx) ON DELETE CASCADE,"
	" sender_id TEXT NOT NULL,"
	" envelope BLOB NOT NULL,"
	" size INTEGER NOT NULL,"
	" received INTEGER NOT NULL,"
	" expires INTEGER NOT NULL,"
	" UNIQUE (sender_id, mbx));"
	"CREATE INDEX message_cursor ON message (mbx, seq);"
	"CREATE INDEX message_expiry ON message (expires) WHERE expires > 0;"
	"CREATE TRIGGER message_deleted AFTER DELETE ON message BEGIN"
	" UPDATE mailbox SET used_count = used_count - 1,"
	" used_bytes = used_bytes - old.size WHERE mbx = old.mbx; END;"
	"CREATE TABLE outbox ("
	" id INTEGER PRIMARY KEY AUTOINCREMENT,"
	" mbx INTEGER NOT NULL REFERENCES mailbox (mbx) ON DELETE CASCADE,"
	" dest TEXT NOT NULL,"
	" msg_id TEXT NOT NULL,"
	" envelope BLOB NOT NULL,"
	" state INTEGER NOT NULL DEFAULT 0 CHECK (state BETWEEN 0 AND 4),"
	" attempts INTEGER NOT NULL DEFAULT 0,"
	" next_attempt INTEGER NOT NULL,"
	" last_error TEXT,"
	" created INTEGER NOT NULL,"
	" expires INTEGER NOT NULL,"
	" updated INTEGER NOT NULL,"
	" UNIQUE (mbx, dest, msg_id));"
	"CREATE INDEX outbox_due ON outbox (state, next_attempt);"
	"CREATE INDEX outbox_list ON outbox (mbx, state, id);"
	"CREATE TABLE node ("
	" key TEXT PRIMARY KEY,"
	" value BLOB NOT NULL) WITHOUT ROWID;",
	/*
	 * 1 -> 2: message_live replaces message_cursor and also holds
	 * expires, so counting a device's unexpired messages after a cursor
	 * (ack's remaining) reads the index alone: expires comes after the
	 * envelope in a row, and reading it from the row walks the
	 * envelope's overflow pages (35 ms instead of 0.06 ms for 1000
	 * messages of 60 kB).
	 */
	"CREATE INDEX message_live ON message (mbx, seq, expires);"
	"DROP INDEX message_cursor;",
};

#define STORE_CHECKPOINT_PAGES	4096		/* 16 MiB */
#define STORE_CHECKPOINT_VALVE	262144		/* 1 GiB */
#define STORE_WAL_LIMIT		"67108864"
#define STORE_BUSY_MS		5000		/* wait for another writer */

static const char *const result_names[] = {
	[STORE_OK] = "ok",
	[STORE_DUPLICATE] = "duplicate",
	[STORE_NOT_FOUND] = "not found",
	[STORE_QUOTA] = "quota exceeded",
	[STORE_LAST_DEVICE] = "last device of the mailbox",
	[STORE_TOO_BIG] = "too big",
	[STORE_FULL] = "database or disk is full",
	[STORE_BUSY] = "database is locked",
	[STORE_CORRUPT] = "database is corrupt",
	[STORE_ERROR] = "database error",
	[STORE_PENDING] = "not committed yet",
};

/* Return the schema version this build creates and understands. */
int
store_schema_version(void)
{
	return (int)nitems(migrations);
}

/* Open the database at path; see store.h. */
struct store *
store_open(const char *path, enum store_sync sync, char *err, size_t errlen)
{
	struct store	*st;
	int		 rc;

	pthread_once(&store_once, store_sqlite_init);
	if (store_file_prepare(path, err, errlen) == -1)
		return NULL;
	st = xcalloc(1, sizeof(*st));
	st->path = xstrdup(path);
	st->sync = sync;
	rc = sqlite3_open_v2(path, &st->db,
	    SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, store_vfs);
	if (rc != SQLITE_OK) {
		store_open_error(st, rc, err, errlen);
		goto fail;
	}
	sqlite3_extended_result_codes(st->db, 1);
	sqlite3_busy_timeout(st->db, STORE_BUSY_MS);
	/*
	 * Plans must not depend on bound values: "expires > ?" against the
	 * partial index message_expiry otherwise marks a cached statement
	 * expired at every new `now`, and SQLite parses it again per step.
	 */
	sqlite3_db_config(st->db, SQLITE_DBCONFIG_ENABLE_QPSG, 1, NULL);
	if (store_identify(st, err, errlen) == -1 ||
	    store_file_tighten(st, err, errlen) == -1 ||
	    store_configure(st, err, errlen) == -1 ||
	    store_migrate(st, err, errlen) == -1)
		goto fail;
	return st;
fail:
	store_close(st);
	return NULL;
}

/* Close the connection, finalizing every cached statement. */
void
store_close(struct store *st)
{
	size_t	i;

	if (st == NULL)
		return;
	for (i = 0; i < nitems(st->stmts); i++)
		sqlite3_finalize(st->stmts[i]);
	store_mailbox_cache_clear(st);
	store_recent_free(st);
	if (st->db != NULL && sqlite3_close(st->db) != SQLITE_OK)
		log_warnx("store", "%s: close: %s", st->path,
		    sqlite3_errmsg(st->db));
	free(st->path);
	free(st);
}

/* Return the message of the last failed operation. */
const char *
store_errmsg(const struct store *st)
{
	if (st->errmsg[0] == '\0')
		return "no error";
	return st->errmsg;
}

/* Return a short constant name for a result. */
const char *
store_result_str(enum store_result r)
{
	if ((size_t)r >= nitems(result_names) || result_names[r] == NULL)
		return "unknown result";
	return result_names[r];
}

/*
 * Before SQLite's first use in the process: no memory statistics. They
 * take a global mutex in every one of the ~18 allocations of an insert
 * (this SQLite is built without lookaside): 9% of an insert. Too late
 * when SQLite was used already; that is harmless. And the store's VFS
 * (store_vfs.c), which writes a commit's WAL frames at once.
 */
static void
store_sqlite_init(void)
{
	sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
	sqlite3_initialize();
	store_vfs = store_vfs_register();
}

/*
 * Read every row stmt yields into a new array of t->size-byte entries
 * filled by t->read; reset stmt. Return the array (NULL when empty) and
 * its length in *n, or NULL, *n = 0 and the failure in *r (entries read
 * so far are cleared with t->clear and freed).
 */
void *
store_rows(struct store *st, sqlite3_stmt *stmt, const struct store_rowtype *t,
    size_t *n, enum store_result *r)
{
	unsigned char	*v = NULL;
	size_t		 cap = 0, i;
	int		 rc;

	*n = 0;
	while ((rc = store_step(st, stmt)) == SQLITE_ROW) {
		if (*n == cap) {
			cap = cap == 0 ? 16 : cap * 2;
			v = xreallocarray(v, cap, t->size);
		}
		memset(v + *n * t->size, 0, t->size);
		t->read(stmt, v + (*n)++ * t->size);
	}
	sqlite3_reset(stmt);
	*r = rc == SQLITE_DONE ? STORE_OK : st->last;
	if (*r == STORE_OK)
		return v;
	for (i = 0; i < *n && t->clear != NULL; i++)
		t->clear(v + i * t->size);
	free(v);
	*n = 0;
	return NULL;
}

/* Return the raw connection (tests, diagnostics). */
sqlite3 *
store_db(struct store *st)
{
	return st->db;
}

/*
 * Create the file when missing, 0600 whatever the umask, and refuse what
 * is not a regular file of ours.
 */
static int
store_file_prepare(const char *path, char *err, size_t errlen)
{
	struct stat	sb;
	int		fd;

	fd = open(path, O_RDWR | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC,
	    0600);
	if (fd != -1) {
		if (fchmod(fd, 0600) == -1) {
			snprintf(err, errlen, "%s: fchmod: %s", path,
			    strerror(errno));
			close(fd);
			return -1;
		}
		close(fd);
		return 0;
	}
	if (errno != EEXIST || lstat(path, &sb) == -1) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		return -1;
	}
	if (!S_ISREG(sb.st_mode)) {
		snprintf(err, errlen, "%s: not a regular file", path);
		return -1;
	}
	if (sb.st_uid != geteuid()) {
		snprintf(err, errlen, "%s: owned by uid %u, not by this user "
		    "(uid %u)", path, (unsigned)sb.st_uid, (unsigned)geteuid());
		return -1;
	}
	return 0;
}

/* Make an onionmsg database others could read 0600 (never a foreign one). */
static int
store_file_tighten(struct store *st, char *err, size_t errlen)
{
	struct stat	sb;

	if (stat(st->path, &sb) == -1) {
		snprintf(err, errlen, "%s: %s", st->path, strerror(errno));
		return -1;
	}
	if ((sb.st_mode & 077) == 0)
		return 0;
	log_warnx("store", "%s: mode %04o, tightening to 0600", st->path,
	    (unsigned)(sb.st_mode & 07777));
	if (chmod(st->path, 0600) == -1) {
		snprintf(err, errlen, "%s: chmod: %s", st->path,
		    strerror(errno));
		return -1;
	}
	return 0;
}

/* Put an open-time failure into err, naming the file. */
static void
store_open_error(struct store *st, int rc, char *err, size_t errlen)
{
	switch (rc & 0xff) {
	case SQLITE_NOTADB:
	case SQLITE_CORRUPT:
		snprintf(err, errlen, "%s is not a database (corrupt?)",
		    st->path);
		break;
	default:
		snprintf(err, errlen, "%s: %s", st->path, st->db != NULL ?
		    sqlite3_errmsg(st->db) : sqlite3_errstr(rc));
		break;
	}
}

/* Read one integer-valued PRAGMA; returns an SQLite code. */
static int
store_pragma_int(struct store *st, const char *sql, int64_t *v)
{
	sqlite3_stmt	*stmt;
	int		 rc;

	rc = sqlite3_prepare_v2(st->db, sql, -1, &stmt, NULL);
	if (rc != SQLITE_OK)
		return rc;
	rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW) {
		*v = sqlite3_column_int64(stmt, 0);
		rc = SQLITE_OK;
	}
	sqlite3_finalize(stmt);
	return rc;
}

/* Run SQL that returns no rows; returns an SQLite code. */
static int
store_exec(struct store *st, const char *sql)
{
	return sqlite3_exec(st->db, sql, NULL, NULL, NULL);
}

/*
 * Tell an onionmsg database (our application_id), a fresh empty file
 * (becomes one) and anything else (refused) apart.
 */
static int
store_identify(struct store *st, char *err, size_t errlen)
{
	int64_t	app, ver, objects;
	int	rc;

	if ((rc = store_pragma_int(st, "PRAGMA application_id", &app)) != 0 ||
	    (rc = store_pragma_int(st, "PRAGMA user_version", &ver)) != 0 ||
	    (rc = store_pragma_int(st, "SELECT count(*) FROM sqlite_schema",
	    &objects)) != 0) {
		store_open_error(st, rc, err, errlen);
		return -1;
	}
	if (app == STORE_APPLICATION_ID)
		return 0;
	if (app == 0 && ver == 0 && objects == 0)
		return 0;
	snprintf(err, errlen, "%s is not an onionmsg database (application_id "
	    "%lld)", st->path, (long long)app);
	return -1;
}

/*
 * Set the connection's pragmas: WAL, sync level, foreign keys, and when
 * to checkpoint. A checkpoint costs two fsyncs (~7 ms each on the test
 * machine); at SQLite's default of 1000 pages that was a third of a
 * group commit's time, so the WAL may grow to 4096 pages (16 MiB) before
 * a commit checkpoints it, and is cut back to 64 MiB afterwards.
 * store_checkpoint lets a caller do it off the hot path instead.
 */
static int
store_configure(struct store *st, char *err, size_t errlen)
{
	const char	*sync;
	sqlite3_stmt	*stmt;
	int		 rc, wal = 0;

	rc = sqlite3_prepare_v2(st->db, "PRAGMA journal_mode = WAL", -1,
	    &stmt, NULL);
	if (rc == SQLITE_OK && (rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		wal = strcmp((const char *)sqlite3_column_text(stmt, 0),
		    "wal") == 0;
		rc = SQLITE_OK;
	}
	sqlite3_finalize(stmt);
	if (rc != SQLITE_OK) {
		store_open_error(st, rc, err, errlen);
		return -1;
	}
	if (!wal) {
		snprintf(err, errlen, "%s: cannot switch to WAL mode",
		    st->path);
		return -1;
	}
	sync = st->sync == STORE_SYNC_FULL ? "PRAGMA synchronous = FULL" :
	    "PRAGMA synchronous = NORMAL";
	if ((rc = store_exec(st, sync)) != SQLITE_OK ||
	    (rc = store_exec(st, "PRAGMA foreign_keys = ON")) != SQLITE_OK ||
	    (rc = store_exec(st, "PRAGMA trusted_schema = OFF")) != SQLITE_OK ||
	    (rc = store_exec(st, "PRAGMA temp_store = MEMORY")) != SQLITE_OK ||
	    (rc = sqlite3_wal_autocheckpoint(st->db,
	    STORE_CHECKPOINT_PAGES)) != SQLITE_OK ||
	    (rc = store_exec(st, "PRAGMA journal_size_limit = "
	    STORE_WAL_LIMIT)) != SQLITE_OK) {
		store_open_error(st, rc, err, errlen);
		return -1;
	}
	return 0;
}

/*
 * Bring the schema to this build's version, each step in the same
 * transaction as its user_version; refuse a database from a newer build.
 */
static int
store_migrate(struct store *st, char *err, size_t errlen)
{
	int64_t	 ver, from;
	char	*sql;
	int	 rc, known = store_schema_version();

	if ((rc = store_exec(st, "BEGIN IMMEDIATE")) != SQLITE_OK ||
	    (rc = store_pragma_int(st, "PRAGMA user_version", &ver)) != 0)
		goto fail;
	if (ver > known) {
		store_exec(st, "ROLLBACK");
		snprintf(err, errlen, "%s was created by a newer onionmsgd "
		    "(schema %lld, this build knows %d)", st->path,
		    (long long)ver, known);
		return -1;
	}
	for (from = ver; ver < known; ver++) {
		if ((rc = store_exec(st, migrations[ver])) != SQLITE_OK)
			goto fail;
		xasprintf(&sql, "PRAGMA user_version = %lld; "
		    "PRAGMA application_id = %d", (long long)ver + 1,
		    STORE_APPLICATION_ID);
		rc = store_exec(st, sql);
		free(sql);
		if (rc != SQLITE_OK)
			goto fail;
	}
	if (from == 0)
		log_info("store", "%s: new database", st->path);
	else if (from < known)
		log_notice("store", "%s: schema upgraded from version %lld to "
		    "%d", st->path, (long long)from, known);
	if ((rc = store_exec(st, "COMMIT")) != SQLITE_OK)
		goto fail;
	return 0;
fail:
	store_open_error(st, rc, err, errlen);
	if (!sqlite3_get_autocommit(st->db))
		store_exec(st, "ROLLBACK");
	return -1;
}

/*
 * Return the cached statement id, preparing it on first use; reset and
 * unbound. NULL (error recorded) when SQLite cannot prepare it.
 */
sqlite3_stmt *
store_stmt(struct store *st, enum store_stmt_id id, const char *sql)
{
	sqlite3_stmt	*stmt = st->stmts[id];
	int		 rc;

	if (stmt != NULL) {
		sqlite3_reset(stmt);
		sqlite3_clear_bindings(stmt);
		return stmt;
	}
	rc = sqlite3_prepare_v3(st->db, sql, -1, SQLITE_PREPARE_PERSISTENT,
	    &stmt, NULL);
	if (rc != SQLITE_OK) {
		store_fail(st, rc, "prepare");
		return NULL;
	}
	st->stmts[id] = stmt;
	return stmt;
}

/* Step stmt; on anything but a row or the end, record the error. */
int
store_step(struct store *st, sqlite3_stmt *stmt)
{
	int	rc;

	rc = sqlite3_step(stmt);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
		store_fail(st, rc, NULL);
		sqlite3_reset(stmt);
	}
	return rc;
}

/* Record SQLite failure rc (during what, or NULL); return its result. */
enum store_result
store_fail(struct store *st, int rc, const char *what)
{
	enum store_result	r;
	char			io[80];

	switch (rc & 0xff) {
	case SQLITE_FULL:
		r = STORE_FULL;
		break;
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		r = STORE_BUSY;
		break;
	case SQLITE_CORRUPT:
	case SQLITE_NOTADB:
		r = STORE_CORRUPT;
		break;
	default:
		r = STORE_ERROR;
		break;
	}
	io[0] = '\0';
	/* an I/O error: which one, and the system's word */
	if ((rc & 0xff) == SQLITE_IOERR)
		snprintf(io, sizeof(io), " (SQLite code %d, errno %d)",
		    sqlite3_extended_errcode(st->db),
		    sqlite3_system_errno(st->db));
	store_failx(st, r, "%s: %s%s%s%s%s", st->path, what != NULL ? what :
	    "", what != NULL ? ": " : "", sqlite3_errmsg(st->db), io,
	    r == STORE_FULL ? "; nothing of this change was stored" : "");
	if (r == STORE_CORRUPT || r == STORE_ERROR)
		log_warnx("store", "%s", st->errmsg);
	return r;
}

/* Record a failure r with a formatted message; return r. */
enum store_result
store_failx(struct store *st, enum store_result r, const char *fmt, ...)
{
	va_list	ap;

	va_start(ap, fmt);
	vsnprintf(st->errmsg, sizeof(st->errmsg), fmt, ap);
	va_end(ap);
	st->last = r;
	return r;
}

/*
 * Begin a read transaction: the reads until store_read_end share one
 * snapshot, and one taking of its locks. A deferred BEGIN: nothing is
 * locked before the first read.
 */
enum store_result
store_read_begin(struct store *st)
{
	enum store_result	r;

	if (st->in_tx || st->in_read)
		return STORE_OK;
	if ((r = store_simple(st, STMT_BEGIN_READ, "BEGIN")) == STORE_OK)
		st->in_read = 1;
	return r;
}

/* End the read transaction of store_read_begin, if one is open. */
void
store_read_end(struct store *st)
{
	if (!st->in_read)
		return;
	st->in_read = 0;
	if (!sqlite3_get_autocommit(st->db) &&
	    store_simple(st, STMT_COMMIT, "COMMIT") != STORE_OK)
		log_warnx("store", "%s: end of a read: %s", st->path,
		    st->errmsg);
}

/* Begin a write transaction (BEGIN IMMEDIATE: take the lock now). */
enum store_result
store_begin(struct store *st)
{
	sqlite3_stmt	*stmt;

	if (st->group) {
		if (store_group_alive(st) != STORE_OK)
			return st->last;
		store_recent_mark(st);
		return store_simple(st, STMT_SAVEPOINT, "SAVEPOINT op");
	}
	store_read_end(st);	/* a write sees the newest data */
	if ((stmt = store_stmt(st, STMT_BEGIN, "BEGIN IMMEDIATE")) == NULL)
		return st->last;
	if (store_step(st, stmt) != SQLITE_DONE)
		return st->last;
	sqlite3_reset(stmt);
	st->in_tx = 1;
	st->seq_loaded = st->seq_dirty = 0;
	return STORE_OK;
}

/* Commit; on failure the transaction is rolled back. */
enum store_result
store_commit(struct store *st)
{
	sqlite3_stmt	*stmt;

	if (st->group)
		return store_simple(st, STMT_RELEASE, "RELEASE op");
	if (st->seq_dirty && store_seq_save(st) != STORE_OK) {
		store_rollback(st);
		return st->last;
	}
	st->seq_loaded = st->seq_dirty = 0;
	if ((stmt = store_stmt(st, STMT_COMMIT, "COMMIT")) == NULL ||
	    store_step(st, stmt) != SQLITE_DONE) {
		store_rollback(st);
		return st->last;
	}
	sqlite3_reset(stmt);
	st->in_tx = 0;
	store_recent_end(st, 1);
	return STORE_OK;
}

/* Roll back the open transaction, if SQLite has not done so already. */
void
store_rollback(struct store *st)
{
	sqlite3_stmt	*stmt;

	if (st->group && !sqlite3_get_autocommit(st->db)) {
		/* One op of a group: undo it alone; seqs it took stay used. */
		store_recent_undo(st);
		if (store_simple(st, STMT_ROLLBACK_TO, "ROLLBACK TO op") ==
		    STORE_OK)
			store_simple(st, STMT_RELEASE, "RELEASE op");
		return;
	}
	st->in_tx = 0;
	store_recent_end(st, 0);
	st->seq_loaded = st->seq_dirty = 0;
	if (st->group && st->group_lost == STORE_OK) {
		/*
		 * SQLite rolled the whole group back (FULL, I/O, BUSY in a
		 * statement without a statement journal): every later op
		 * and the group's commit must fail, or they would commit
		 * without what came before. Cached row numbers may be gone.
		 */
		st->group_lost = st->last != STORE_OK ? st->last : STORE_ERROR;
		store_mailbox_cache_clear(st);
	}
	if (sqlite3_get_autocommit(st->db))
		return;
	stmt = store_stmt(st, STMT_ROLLBACK, "ROLLBACK");
	if (stmt == NULL || sqlite3_step(stmt) != SQLITE_DONE)
		log_warnx("store", "%s: rollback: %s", st->path,
		    sqlite3_errmsg(st->db));
	if (stmt != NULL)
		sqlite3_reset(stmt);
}

/*
 * Give the next message seq of the open transaction. The newest seq given
 * is read once per transaction (never below the newest stored, should a
 * row ever come from elsewhere) and saved by store_commit.
 */
enum store_result
store_seq_next(struct store *st, int64_t *seq)
{
	sqlite3_stmt	*stmt;
	int		 rc;

	if (!st->seq_loaded) {
		stmt = store_stmt(st, STMT_SEQ_LOAD, "SELECT max(value,"
		    " (SELECT coalesce(max(seq), 0) FROM message))"
		    " FROM sequence WHERE name = 'message'");
		if (stmt == NULL)
			return st->last;
		if ((rc = store_step(st, stmt)) == SQLITE_ROW)
			st->seq_last = sqlite3_column_int64(stmt, 0);
		sqlite3_reset(stmt);
		if (rc == SQLITE_DONE)
			return store_failx(st, STORE_CORRUPT, "%s: the message "
			    "sequence is missing", st->path);
		if (rc != SQLITE_ROW)
			return st->last;
		st->seq_loaded = 1;
	}
	*seq = ++st->seq_last;
	st->seq_dirty = 1;
	return STORE_OK;
}

/* Give back seq, the last one given, unused. */
void
store_seq_unget(struct store *st, int64_t seq)
{
	if (st->seq_loaded && seq == st->seq_last)
		st->seq_last--;
}

static enum store_result
store_seq_save(struct store *st)
{
	sqlite3_stmt	*stmt;

	stmt = store_stmt(st, STMT_SEQ_SAVE, "UPDATE sequence SET value = ?1"
	    " WHERE name = 'message' AND value < ?1");
	if (stmt == NULL)
		return st->last;
	sqlite3_bind_int64(stmt, 1, st->seq_last);
	if (store_step(st, stmt) != SQLITE_DONE)
		return st->last;
	return STORE_OK;
}

/* Run one cached statement that returns no rows. */
static enum store_result
store_simple(struct store *st, enum store_stmt_id id, const char *sql)
{
	sqlite3_stmt	*stmt;

	if ((stmt = store_stmt(st, id, sql)) == NULL)
		return st->last;
	if (store_step(st, stmt) != SQLITE_DONE) {
		sqlite3_reset(stmt);
		return st->last;
	}
	sqlite3_reset(stmt);
	return STORE_OK;
}

/*
 * Open a group: one transaction that the following operations join, each
 * as a savepoint (one refused or failed undoes itself alone), until
 * store_group_commit or store_group_rollback.
 */
enum store_result
store_group_begin(struct store *st)
{
	enum store_result	r;

	st->group_lost = STORE_OK;
	if ((r = store_begin(st)) == STORE_OK)
		st->group = 1;
	return r;
}

/* Inside a group: STORE_OK while its transaction is still there. */
enum store_result
store_group_alive(struct store *st)
{
	if (st->group_lost == STORE_OK && sqlite3_get_autocommit(st->db))
		st->group_lost = STORE_ERROR;
	if (st->group_lost != STORE_OK)
		return store_failx(st, st->group_lost, "%s: the group's "
		    "transaction was rolled back", st->path);
	return STORE_OK;
}

/*
 * An op of the group that ran without a savepoint failed with r: nothing
 * of the group may be committed (store_group_commit rolls it all back).
 */
void
store_group_lose(struct store *st, enum store_result r)
{
	if (st->group_lost == STORE_OK)
		st->group_lost = r != STORE_OK ? r : STORE_ERROR;
	store_mailbox_cache_clear(st);
}

/* Commit the group; on failure nothing of it was stored. */
enum store_result
store_group_commit(struct store *st)
{
	enum store_result	r;

	st->group = 0;
	if (st->group_lost != STORE_OK) {
		r = store_failx(st, st->group_lost, "%s: the group's "
		    "transaction was rolled back", st->path);
		store_rollback(st);
		st->group_lost = STORE_OK;
		return r;
	}
	if ((r = store_commit(st)) != STORE_OK)
		store_mailbox_cache_clear(st);
	return r;
}

/* Undo the whole group. */
void
store_group_rollback(struct store *st)
{
	st->group = 0;
	st->group_lost = STORE_OK;
	store_rollback(st);
	store_mailbox_cache_clear(st);
}

/* End the transaction: commit when r is STORE_OK, else roll back. */
enum store_result
store_finish(struct store *st, enum store_result r)
{
	if (r == STORE_OK)
		return store_commit(st);
	store_rollback(st);
	return r;
}

/*
 * Choose who checkpoints: this connection's commits, once the WAL holds
 * 16 MiB (on, the default), or another connection (off: this one steps
 * in only at 1 GiB of 4 KiB pages, should the other fall behind, and no
 * longer cuts the WAL file back when it starts again: the other keeps
 * its size in check, and truncating is work for a file system).
 */
enum store_result
store_set_autocheckpoint(struct store *st, int on)
{
	int	rc;

	rc = sqlite3_wal_autocheckpoint(st->db, on ? STORE_CHECKPOINT_PAGES :
	    STORE_CHECKPOINT_VALVE);
	if (rc == SQLITE_OK)
		rc = store_exec(st, on ? "PRAGMA journal_size_limit = "
		    STORE_WAL_LIMIT : "PRAGMA journal_size_limit = -1");
	if (rc != SQLITE_OK)
		return store_fail(st, rc, "autocheckpoint");
	return STORE_OK;
}

/*
 * Copy what the WAL holds into the database file without waiting for
 * readers or writers (a PASSIVE checkpoint), e.g. from a timer on the
 * thread that does not take the inserts. BUSY: another checkpoint was
 * running; try again later.
 */
enum store_result
store_checkpoint(struct store *st)
{
	int	rc;

	rc = sqlite3_wal_checkpoint_v2(st->db, NULL, SQLITE_CHECKPOINT_PASSIVE,
	    NULL, NULL);
	if (rc != SQLITE_OK)
		return store_fail(st, rc, "checkpoint");
	return STORE_OK;
}

/*
 * Checkpoint in mode (see store.h). RESTART and TRUNCATE wait through
 * this connection's busy handler, for wait_ms instead of the usual 5 s.
 */
enum store_result
store_checkpoint_wal(struct store *st, enum store_ckpt_mode mode,
    unsigned wait_ms, struct store_wal *out)
{
	static const int	 modes[] = {
		[STORE_CKPT_PASSIVE] = SQLITE_CHECKPOINT_PASSIVE,
		[STORE_CKPT_RESTART] = SQLITE_CHECKPOINT_RESTART,
		[STORE_CKPT_TRUNCATE] = SQLITE_CHECKPOINT_TRUNCATE,
	};
	int			 rc, log = -1, ckpt = -1;

	if (mode != STORE_CKPT_PASSIVE)
		sqlite3_busy_timeout(st->db, (int)wait_ms);
	rc = sqlite3_wal_checkpoint_v2(st->db, NULL, modes[mode], &log,
	    &ckpt);
	if (mode != STORE_CKPT_PASSIVE)
		sqlite3_busy_timeout(st->db, STORE_BUSY_MS);
	if (out != NULL) {
		out->frames = log < 0 ? 0 : log;
		out->backfilled = ckpt < 0 ? 0 : ckpt;
		out->bytes = out->frames * (store_page_size(st) + 24);
	}
	if (rc != SQLITE_OK)
		return store_fail(st, rc, "checkpoint");
	return STORE_OK;
}

/* Return the WAL file's size in pages and its mtime (a stat). */
int64_t
store_wal_pages(struct store *st, int64_t *mtime_ns)
{
	struct stat	 sb;
	char		*wal;
	int		 rc;

	if (mtime_ns != NULL)
		*mtime_ns = 0;
	xasprintf(&wal, "%s-wal", st->path);
	rc = stat(wal, &sb);
	free(wal);
	if (rc == -1 || sb.st_size <= 32)
		return 0;
	if (mtime_ns != NULL)
		*mtime_ns = (int64_t)sb.st_mtim.tv_sec * 1000000000 +
		    sb.st_mtim.tv_nsec;
	/* a 32-byte header, then frames of a 24-byte header and a page */
	return (int64_t)(sb.st_size - 32) / (store_page_size(st) + 24);
}

/* The database's page size, read once (4096 if it cannot be read). */
static int64_t
store_page_size(struct store *st)
{
	if (st->page_size == 0 && (store_pragma_int(st, "PRAGMA page_size",
	    &st->page_size) != SQLITE_OK || st->page_size <= 0))
		st->page_size = 4096;
	return st->page_size;
}

/* Flush the database file and its WAL to the disk, taking no lock. */
enum store_result
store_sync_files(struct store *st)
{
	const char	*suffix[] = { "", "-wal" };
	char		*path;
	size_t		 i;
	int		 fd, rc;

	for (i = 0; i < nitems(suffix); i++) {
		xasprintf(&path, "%s%s", st->path, suffix[i]);
		fd = open(path, O_RDONLY | O_CLOEXEC);
		free(path);
		if (fd == -1 && errno == ENOENT)
			continue;
		if (fd == -1)
			return store_failx(st, STORE_ERROR, "%s%s: %s",
			    st->path, suffix[i], strerror(errno));
		rc = fdatasync(fd);
		close(fd);
		if (rc == -1)
			return store_failx(st, errno == ENOSPC ? STORE_FULL :
			    STORE_ERROR, "%s%s: fdatasync: %s", st->path,
			    suffix[i], strerror(errno));
	}
	return STORE_OK;
}

/* Check the whole database file; CORRUPT with SQLite's first complaint. */
enum store_result
store_integrity_check(struct store *st)
{
	sqlite3_stmt		*stmt;
	enum store_result	 r = STORE_OK;
	const char		*msg;
	int			 rc;

	rc = sqlite3_prepare_v2(st->db, "PRAGMA integrity_check", -1, &stmt,
	    NULL);
	if (rc != SQLITE_OK)
		return store_fail(st, rc, "integrity check");
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		msg = (const char *)sqlite3_column_text(stmt, 0);
		if (r == STORE_OK && (msg == NULL || strcmp(msg, "ok") != 0))
			r = store_failx(st, STORE_CORRUPT, "%s: integrity "
			    "check: %s", st->path, msg != NULL ? msg : "?");
	}
	if (rc != SQLITE_DONE && r == STORE_OK)
		r = store_fail(st, rc, "integrity check");
	sqlite3_finalize(stmt);
	return r;
}
