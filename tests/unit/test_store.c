/*
 * test_store.c: the store's connection and safety: creating the file 0600,
 * refusing foreign, corrupt, newer and not-ours files without touching
 * them, schema version, two connections on one file, checkpoints from
 * another connection (PASSIVE, TRUNCATE and what stops it), a full disk
 * (PRAGMA max_page_count) that loses nothing, a writer killed with
 * SIGKILL in the middle of group commits that loses nothing it reported,
 * and the store's VFS, which writes a commit's WAL frames together:
 * whole after a crash, and a failed write fails the commit.
 */
#include "config.h"

#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "common/util.h"
#include "store/store_int.h"
#include "unit.h"

#define ck_ok(st, expr) do {						\
	enum store_result r_ = (expr);					\
	ck_assert_msg(r_ == STORE_OK, "%s: %s", #expr,			\
	    store_errmsg(st));						\
} while (0)

static char	tmpdir[256];
static char	dbpath[PATH_MAX];
static uint8_t	owner[STORE_KEY_LEN], dev1[STORE_KEY_LEN];

static void
setup(void)
{
	const char	*t = getenv("TMPDIR");

	snprintf(tmpdir, sizeof(tmpdir), "%s/test_store.XXXXXX",
	    t != NULL ? t : "/tmp");
	ck_assert_ptr_nonnull(mkdtemp(tmpdir));
	snprintf(dbpath, sizeof(dbpath), "%s/onionmsg.db", tmpdir);
	memset(owner, 'o', sizeof(owner));
	memset(dev1, '1', sizeof(dev1));
}

static void
teardown(void)
{
	char	p[PATH_MAX + 8];

	unlink(dbpath);
	snprintf(p, sizeof(p), "%s-wal", dbpath);
	unlink(p);
	snprintf(p, sizeof(p), "%s-shm", dbpath);
	unlink(p);
	rmdir(tmpdir);
}

static struct store *
open_ok(enum store_sync sync)
{
	struct store	*st;
	char		 err[512];

	st = store_open(dbpath, sync, err, sizeof(err));
	ck_assert_msg(st != NULL, "store_open: %s", err);
	return st;
}

/* Open must fail; return its message in err. */
static void
open_fails(char *err, size_t len)
{
	struct store	*st;

	err[0] = '\0';
	st = store_open(dbpath, STORE_SYNC_NORMAL, err, len);
	ck_assert_ptr_null(st);
	ck_assert(err[0] != '\0');
}

static void
put(struct store *st, const char *mailbox, const char *sid, size_t size)
{
	struct store_message_in	 in;
	uint8_t			 env[4096];
	int64_t			 seq;

	ck_assert_uint_le(size, sizeof(env));
	memset(env, 'e', size);
	memset(&in, 0, sizeof(in));
	in.mailbox = mailbox;
	in.sender_id = sid;
	in.envelope = env;
	in.size = size;
	in.received = 1000;
	ck_ok(st, store_message_insert(st, &in, &seq));
}

static void
write_file(const char *data, size_t len)
{
	int	fd;

	fd = open(dbpath, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	ck_assert_int_ne(fd, -1);
	ck_assert_int_eq(write(fd, data, len), (ssize_t)len);
	close(fd);
}

static int64_t
query_int(const char *sql)
{
	sqlite3		*db;
	sqlite3_stmt	*stmt;
	int64_t		 v = -1;

	ck_assert_int_eq(sqlite3_open_v2(dbpath, &db, SQLITE_OPEN_READWRITE,
	    NULL), SQLITE_OK);
	ck_assert_int_eq(sqlite3_prepare_v2(db, sql, -1, &stmt, NULL),
	    SQLITE_OK);
	if (sqlite3_step(stmt) == SQLITE_ROW)
		v = sqlite3_column_int64(stmt, 0);
	sqlite3_finalize(stmt);
	sqlite3_close(db);
	return v;
}

static void
exec_sql(const char *sql)
{
	sqlite3	*db;

	ck_assert_int_eq(sqlite3_open(dbpath, &db), SQLITE_OK);
	ck_assert_int_eq(sqlite3_exec(db, sql, NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);
}

START_TEST(open_creates_file_0600_whatever_the_umask)
{
	struct store	*st;
	struct stat	 sb;
	char		 wal[PATH_MAX + 8];
	mode_t		 old;

	old = umask(0);
	st = open_ok(STORE_SYNC_NORMAL);
	ck_ok(st, store_node_set(st, "k", "v", 1));
	ck_assert_int_eq(stat(dbpath, &sb), 0);
	ck_assert_uint_eq(sb.st_mode & 0777, 0600);
	snprintf(wal, sizeof(wal), "%s-wal", dbpath);
	ck_assert_int_eq(stat(wal, &sb), 0);
	ck_assert_uint_eq(sb.st_mode & 0777, 0600);
	store_close(st);
	umask(old);
	store_close(NULL);
}
END_TEST

START_TEST(open_writes_schema_version_and_application_id)
{
	store_close(open_ok(STORE_SYNC_FULL));
	ck_assert_int_eq(query_int("PRAGMA user_version"),
	    store_schema_version());
	ck_assert_int_eq(query_int("PRAGMA application_id"),
	    STORE_APPLICATION_ID);
	ck_assert_int_eq(query_int("SELECT count(*) FROM sqlite_schema"
	    " WHERE name IN ('mailbox', 'device', 'message', 'outbox',"
	    " 'node')"), 5);
}
END_TEST

START_TEST(reopen_keeps_data_and_wal_mode)
{
	struct store	*st;
	void		*v;
	size_t		 len;

	st = open_ok(STORE_SYNC_NORMAL);
	ck_ok(st, store_node_set(st, "name", "alice", 5));
	store_close(st);
	st = open_ok(STORE_SYNC_FULL);
	ck_ok(st, store_node_get(st, "name", &v, &len));
	ck_assert_str_eq(v, "alice");
	free(v);
	store_close(st);
	ck_assert_int_eq(query_int("SELECT count(*) FROM pragma_journal_mode"
	    " WHERE journal_mode = 'wal'"), 1);
}
END_TEST

START_TEST(foreign_sqlite_database_is_refused_untouched)
{
	struct stat	sb;
	char		err[512];

	exec_sql("CREATE TABLE photos (id INTEGER PRIMARY KEY);"
	    "INSERT INTO photos VALUES (7)");
	ck_assert_int_eq(chmod(dbpath, 0644), 0);
	open_fails(err, sizeof(err));
	ck_assert_int_eq(stat(dbpath, &sb), 0);
	ck_assert_uint_eq(sb.st_mode & 0777, 0644);
	ck_assert_msg(strstr(err, "is not an onionmsg database") != NULL,
	    "%s", err);
	ck_assert_ptr_nonnull(strstr(err, dbpath));
	ck_assert_int_eq(query_int("SELECT id FROM photos"), 7);
	ck_assert_int_eq(query_int("PRAGMA application_id"), 0);
	ck_assert_int_eq(query_int("SELECT count(*) FROM sqlite_schema"), 1);
}
END_TEST

START_TEST(other_application_id_is_refused)
{
	char	err[512];

	exec_sql("PRAGMA application_id = 1234");
	open_fails(err, sizeof(err));
	ck_assert_msg(strstr(err, "is not an onionmsg database") != NULL,
	    "%s", err);
}
END_TEST

START_TEST(non_sqlite_file_is_refused_untouched)
{
	char		 err[512], buf[8192];
	struct stat	 sb;
	size_t		 i;
	int		 fd;

	for (i = 0; i < sizeof(buf); i++)
		buf[i] = (char)('a' + i % 26);
	write_file(buf, sizeof(buf));
	open_fails(err, sizeof(err));
	ck_assert_msg(strstr(err, "is not a database (corrupt?)") != NULL,
	    "%s", err);
	ck_assert_int_eq(stat(dbpath, &sb), 0);
	ck_assert_int_eq(sb.st_size, sizeof(buf));
	fd = open(dbpath, O_RDONLY);
	ck_assert_int_eq(read(fd, err, 26), 26);
	close(fd);
	ck_assert(memcmp(err, "abcdefghijklmnopqrstuvwxyz", 26) == 0);
}
END_TEST

START_TEST(newer_schema_is_refused)
{
	char	err[512], want[128];

	store_close(open_ok(STORE_SYNC_NORMAL));
	exec_sql("PRAGMA user_version = 99");
	open_fails(err, sizeof(err));
	snprintf(want, sizeof(want), "created by a newer onionmsgd (schema 99,"
	    " this build knows %d)", store_schema_version());
	ck_assert_msg(strstr(err, want) != NULL, "%s", err);
	ck_assert_int_eq(query_int("PRAGMA user_version"), 99);
}
END_TEST

/* Version 1 had message_cursor; version 2 replaces it by message_live. */
START_TEST(version_1_database_is_upgraded_keeping_its_messages)
{
	struct store		*st;
	struct store_message	*v;
	size_t			 n;
	uint8_t			 k[STORE_KEY_LEN];

	st = open_ok(STORE_SYNC_NORMAL);
	memset(k, 'k', sizeof(k));
	ck_ok(st, store_mailbox_create(st, "mb", k, k, 1, 0, 0));
	put(st, "mb", "a", 10);
	put(st, "mb", "b", 10);
	store_close(st);
	exec_sql("DROP INDEX message_live;"
	    " CREATE INDEX message_cursor ON message (mbx, seq);"
	    " PRAGMA user_version = 1");
	st = open_ok(STORE_SYNC_NORMAL);
	ck_assert_int_eq(query_int("PRAGMA user_version"), 2);
	ck_assert_int_eq(query_int("SELECT count(*) FROM sqlite_schema"
	    " WHERE name = 'message_live'"), 1);
	ck_assert_int_eq(query_int("SELECT count(*) FROM sqlite_schema"
	    " WHERE name = 'message_cursor'"), 0);
	ck_ok(st, store_message_list(st, "mb", 0, 10, 0, &v, &n));
	ck_assert_uint_eq(n, 2);
	ck_assert_str_eq(v[1].sender_id, "b");
	store_message_list_free(v, n);
	store_close(st);
}
END_TEST

START_TEST(damaged_pages_are_reported_corrupt)
{
	struct store	*st;
	struct stat	 before, after;
	char		 err[512], junk[512];
	int		 fd, i;

	st = open_ok(STORE_SYNC_NORMAL);
	ck_ok(st, store_mailbox_create(st, "mb", owner, dev1, 1, 0, 0));
	for (i = 0; i < 200; i++) {
		snprintf(junk, sizeof(junk), "m%d", i);
		put(st, "mb", junk, 300);
	}
	store_close(st);	/* checkpoints the WAL into the file */
	memset(junk, 0xa5, sizeof(junk));
	fd = open(dbpath, O_WRONLY);
	for (i = 3; i < 12; i++)
		ck_assert_int_eq(pwrite(fd, junk, sizeof(junk), i * 4096 + 8),
		    (ssize_t)sizeof(junk));
	close(fd);
	ck_assert_int_eq(stat(dbpath, &before), 0);
	st = store_open(dbpath, STORE_SYNC_NORMAL, err, sizeof(err));
	if (st == NULL) {
		ck_assert_msg(strstr(err, "corrupt") != NULL, "%s", err);
		ck_assert_int_eq(stat(dbpath, &after), 0);
		ck_assert_int_eq(before.st_size, after.st_size);
		return;
	}
	ck_assert_int_eq(store_integrity_check(st), STORE_CORRUPT);
	ck_assert_msg(strstr(store_errmsg(st), "integrity check") != NULL,
	    "%s", store_errmsg(st));
	store_close(st);
}
END_TEST

START_TEST(healthy_database_passes_integrity_check)
{
	struct store	*st;

	st = open_ok(STORE_SYNC_NORMAL);
	ck_ok(st, store_mailbox_create(st, "mb", owner, dev1, 1, 0, 0));
	put(st, "mb", "a", 10);
	ck_ok(st, store_integrity_check(st));
	store_close(st);
}
END_TEST

START_TEST(checkpoints_from_another_connection)
{
	struct store	*st, *ck;
	struct stat	 sb;
	char		 wal[PATH_MAX + 8], sid[16];
	int		 i;

	st = open_ok(STORE_SYNC_NORMAL);
	ck = open_ok(STORE_SYNC_NORMAL);
	ck_ok(st, store_set_autocheckpoint(st, 0));
	ck_ok(st, store_mailbox_create(st, "mb", owner, dev1, 1, 0, 0));
	for (i = 0; i < 100; i++) {
		snprintf(sid, sizeof(sid), "m%d", i);
		put(st, "mb", sid, 1000);
	}
	ck_ok(ck, store_checkpoint(ck));
	ck_assert_int_eq(stat(dbpath, &sb), 0);
	ck_assert_int_gt(sb.st_size, 100 * 1000);	/* in the file now */
	snprintf(wal, sizeof(wal), "%s-wal", dbpath);
	ck_assert_int_eq(stat(wal, &sb), 0);
	ck_ok(st, store_set_autocheckpoint(st, 1));
	store_close(ck);
	store_close(st);
	ck_assert_int_eq(query_int("SELECT count(*) FROM message"), 100);
}
END_TEST

/*
 * The daemon's checkpointer: PASSIVE copies without waiting; RESTART
 * makes the next commit start the WAL again (its file is not cut back on
 * a connection with automatic checkpoints off); TRUNCATE empties the WAL
 * file; a reader still on the WAL or a writer holding its lock makes
 * TRUNCATE give up after its wait (BUSY), losing nothing.
 */
START_TEST(restart_and_truncate_checkpoints_or_giving_up_in_time)
{
	struct store		*st, *ck;
	struct store_wal	 w;
	sqlite3			*rd;
	uint64_t		 t0;
	char			 sid[16];
	int			 i;

	st = open_ok(STORE_SYNC_NORMAL);
	ck = open_ok(STORE_SYNC_NORMAL);
	ck_ok(st, store_set_autocheckpoint(st, 0));
	ck_ok(st, store_mailbox_create(st, "mb", owner, dev1, 1, 0, 0));
	for (i = 0; i < 100; i++) {
		snprintf(sid, sizeof(sid), "m%d", i);
		put(st, "mb", sid, 1000);
	}
	ck_assert_int_ge(store_wal_pages(ck, NULL), 30);
	ck_ok(ck, store_checkpoint_wal(ck, STORE_CKPT_PASSIVE, 0, &w));
	ck_assert_int_ge(w.frames, 30);
	ck_assert_int_eq(w.backfilled, w.frames);

	/* A reader on the WAL's snapshot: TRUNCATE waits, then gives up. */
	put(st, "mb", "late", 1000);
	ck_assert_int_eq(sqlite3_open(dbpath, &rd), SQLITE_OK);
	ck_assert_int_eq(sqlite3_exec(rd, "BEGIN; SELECT count(*) FROM "
	    "message", NULL, NULL, NULL), SQLITE_OK);
	t0 = util_mono_us();
	ck_assert_int_eq(store_checkpoint_wal(ck, STORE_CKPT_TRUNCATE, 50,
	    &w), STORE_BUSY);
	ck_assert_uint_lt(util_mono_us() - t0, 2000000);
	ck_assert_int_gt(store_wal_pages(ck, NULL), 0);
	sqlite3_exec(rd, "COMMIT", NULL, NULL, NULL);
	sqlite3_close(rd);

	/* A writer holding the lock: the same. */
	ck_ok(st, store_group_begin(st));
	put(st, "mb", "held", 10);
	ck_assert_int_eq(store_checkpoint_wal(ck, STORE_CKPT_TRUNCATE, 20,
	    NULL), STORE_BUSY);
	ck_ok(st, store_group_commit(st));

	/* RESTART: the next commit starts the WAL from its beginning. */
	ck_ok(ck, store_sync_files(ck));
	ck_ok(ck, store_checkpoint_wal(ck, STORE_CKPT_RESTART, 50, &w));
	ck_assert_int_eq(w.backfilled, w.frames);
	ck_assert_int_gt(w.bytes, w.frames * 1000);
	put(st, "mb", "restarted", 10);
	ck_ok(ck, store_checkpoint_wal(ck, STORE_CKPT_PASSIVE, 0, &w));
	ck_assert_int_le(w.frames, 10);
	ck_assert_int_ge(store_wal_pages(ck, NULL), 30);	/* not cut */

	/* Nobody in the way: the WAL file is emptied. */
	ck_ok(ck, store_checkpoint_wal(ck, STORE_CKPT_TRUNCATE, 50, &w));
	ck_assert_int_eq(store_wal_pages(ck, NULL), 0);
	put(st, "mb", "after", 10);
	ck_assert_int_gt(store_wal_pages(ck, NULL), 0);
	store_close(ck);
	store_close(st);
	ck_assert_int_eq(query_int("SELECT count(*) FROM message"), 104);
}
END_TEST

START_TEST(group_readable_file_is_tightened)
{
	struct stat	sb;

	store_close(open_ok(STORE_SYNC_NORMAL));
	ck_assert_int_eq(chmod(dbpath, 0644), 0);
	store_close(open_ok(STORE_SYNC_NORMAL));
	ck_assert_int_eq(stat(dbpath, &sb), 0);
	ck_assert_uint_eq(sb.st_mode & 0777, 0600);
}
END_TEST

START_TEST(file_of_another_user_is_refused)
{
	char	err[512];

	if (geteuid() != 0)
		return;		/* only root can give a file away */
	store_close(open_ok(STORE_SYNC_NORMAL));
	ck_assert_int_eq(chown(dbpath, 65534, 65534), 0);
	open_fails(err, sizeof(err));
	ck_assert_msg(strstr(err, "owned by uid 65534") != NULL, "%s", err);
}
END_TEST

START_TEST(symlink_and_directory_are_refused)
{
	char	err[512];

	ck_assert_int_eq(symlink("/etc/passwd", dbpath), 0);
	open_fails(err, sizeof(err));
	ck_assert_msg(strstr(err, "not a regular file") != NULL, "%s", err);
	unlink(dbpath);
	ck_assert_int_eq(mkdir(dbpath, 0700), 0);
	open_fails(err, sizeof(err));
	ck_assert_msg(strstr(err, "not a regular file") != NULL, "%s", err);
	rmdir(dbpath);
}
END_TEST

START_TEST(missing_directory_is_an_error)
{
	char	err[512];

	snprintf(dbpath, sizeof(dbpath), "%s/nonexistent/onionmsg.db",
	    tmpdir);
	open_fails(err, sizeof(err));
	ck_assert_msg(strstr(err, "No such file or directory") != NULL, "%s",
	    err);
}
END_TEST

START_TEST(result_names_are_distinct)
{
	int	i, j;

	for (i = STORE_OK; i <= STORE_PENDING; i++) {
		ck_assert_ptr_nonnull(store_result_str(i));
		for (j = STORE_OK; j < i; j++)
			ck_assert_str_ne(store_result_str(i),
			    store_result_str(j));
	}
	ck_assert_str_eq(store_result_str(STORE_QUOTA), "quota exceeded");
	ck_assert_str_eq(store_result_str(99), "unknown result");
}
END_TEST

/*
 * A full disk: cap the file with PRAGMA max_page_count, fill it; the
 * failing insert and a failing batch change nothing, what was stored
 * stays, and the store works again once there is room.
 */
START_TEST(disk_full_fails_cleanly_and_loses_nothing)
{
	struct store		*st;
	struct store_mailbox	 mb;
	struct store_message	*v;
	struct store_batch	*b;
	struct store_message_in	 in;
	struct store_outbox_in	 o;
	enum store_result	 r = STORE_OK;
	char			 sid[32], env[3000];
	int64_t			 seq, stored = 0;
	size_t			 n, i;
	void			*blob;
	struct store_outbox	*ov;

	st = open_ok(STORE_SYNC_NORMAL);
	ck_ok(st, store_mailbox_create(st, "mb", owner, dev1, 1, 0, 0));
	ck_assert_int_eq(sqlite3_exec(store_db(st),
	    "PRAGMA max_page_count = 60", NULL, NULL, NULL), SQLITE_OK);
	memset(env, 'x', sizeof(env));
	memset(&in, 0, sizeof(in));
	in.mailbox = "mb";
	in.envelope = env;
	in.size = sizeof(env);
	in.sender_id = sid;
	for (i = 0; i < 1000; i++) {
		snprintf(sid, sizeof(sid), "m%zu", i);
		if ((r = store_message_insert(st, &in, &seq)) != STORE_OK)
			break;
		stored++;
	}
	ck_assert_int_eq(r, STORE_FULL);
	ck_assert_msg(strstr(store_errmsg(st), "full") != NULL, "%s",
	    store_errmsg(st));
	ck_assert_int_gt(stored, 5);

	b = store_batch_new();
	for (i = 0; i < 20; i++) {
		snprintf(sid, sizeof(sid), "b%zu", i);
		store_batch_add(b, &in);
	}
	ck_assert_int_eq(store_batch_commit(st, b), STORE_FULL);
	for (i = 0; i < 20; i++)
		ck_assert_int_eq(store_batch_result(b, i, &seq), STORE_FULL);

	/* every other mutation fails the same way and changes nothing */
	memset(owner, 'q', sizeof(owner));
	for (i = 0; i < 1000 && r != STORE_FULL; i++) {
		snprintf(sid, sizeof(sid), "box%zu", i);
		r = store_mailbox_create(st, sid, owner, dev1, 1, 0, 0);
	}
	ck_assert_int_eq(r, STORE_FULL);
	ck_assert_int_eq(store_mailbox_get(st, sid, &mb), STORE_NOT_FOUND);
	ck_assert_int_eq(store_node_set(st, "big", env, sizeof(env)),
	    STORE_FULL);
	ck_assert_int_eq(store_node_get(st, "big", &blob, &n),
	    STORE_NOT_FOUND);
	memset(&o, 0, sizeof(o));
	o.mailbox = "mb";
	o.dest = "x@y.onion";
	o.envelope = env;
	o.size = sizeof(env);
	o.msg_id = sid;
	for (i = 0, r = STORE_OK; i < 1000 && r == STORE_OK; i++) {
		snprintf(sid, sizeof(sid), "o%zu", i);
		r = store_outbox_enqueue(st, &o, &seq);
	}
	ck_assert_int_eq(r, STORE_FULL);
	ck_ok(st, store_outbox_list(st, "mb", STORE_OUTBOX_ANY, 0, 5000, &ov,
	    &n));
	ck_assert_uint_eq(n, i - 1);
	store_outbox_list_free(ov, n);

	ck_ok(st, store_mailbox_get(st, "mb", &mb));
	ck_assert_int_eq(mb.used_count, stored);
	ck_assert_int_eq(mb.used_bytes, stored * (int64_t)sizeof(env));
	ck_ok(st, store_message_list(st, "mb", 0, 5000, 0, &v, &n));
	ck_assert_uint_eq(n, (size_t)stored);
	ck_assert_str_eq(v[0].sender_id, "m0");
	store_message_list_free(v, n);

	ck_assert_int_eq(sqlite3_exec(store_db(st),
	    "PRAGMA max_page_count = 100000", NULL, NULL, NULL), SQLITE_OK);
	ck_ok(st, store_batch_commit(st, b));
	ck_assert_int_eq(store_batch_result(b, 19, &seq), STORE_OK);
	store_batch_free(b);
	ck_ok(st, store_integrity_check(st));
	store_close(st);
	st = open_ok(STORE_SYNC_NORMAL);
	ck_ok(st, store_mailbox_get(st, "mb", &mb));
	ck_assert_int_eq(mb.used_count, stored + 20);
	store_close(st);
}
END_TEST

/*
 * Regression: SQLite rolls a whole transaction back when a statement
 * without a statement journal hits a full disk. Inside a group, the ops
 * after that must not start a new transaction and commit without the
 * ones before; and an insert that failed half-way (no savepoint of its
 * own) must not be committed with the rest.
 */
START_TEST(full_disk_in_a_group_fails_the_whole_group)
{
	struct store		*st;
	struct store_message_in	 in;
	struct store_mailbox	 mb;
	enum store_result	 r = STORE_OK;
	char			 sid[32], env[3000];
	int64_t			 seq;
	int			 i;

	st = open_ok(STORE_SYNC_NORMAL);
	ck_ok(st, store_mailbox_create(st, "mb", owner, dev1, 1, 0, 0));
	ck_ok(st, store_group_begin(st));
	memset(env, 'x', sizeof(env));
	memset(&in, 0, sizeof(in));
	in.mailbox = "mb";
	in.envelope = env;
	in.size = sizeof(env);
	in.sender_id = "first";
	ck_ok(st, store_message_insert(st, &in, &seq));
	ck_assert_int_eq(sqlite3_exec(store_db(st),
	    "PRAGMA max_page_count = 40", NULL, NULL, NULL), SQLITE_OK);
	in.sender_id = sid;
	for (i = 0; i < 1000 && r == STORE_OK; i++) {
		snprintf(sid, sizeof(sid), "m%d", i);
		r = store_message_insert(st, &in, &seq);
	}
	ck_assert_int_eq(r, STORE_FULL);
	ck_assert_int_eq(sqlite3_exec(store_db(st),
	    "PRAGMA max_page_count = 100000", NULL, NULL, NULL), SQLITE_OK);
	/*
	 * Whether SQLite dropped the transaction or undid the statement
	 * only, an insert runs without a savepoint in a group: the group is
	 * lost either way, and nothing of it is stored.
	 */
	in.sender_id = "after";
	ck_assert_int_eq(store_message_insert(st, &in, &seq), STORE_FULL);
	ck_assert_int_eq(store_group_commit(st), STORE_FULL);
	ck_ok(st, store_mailbox_get(st, "mb", &mb));
	ck_assert_int_eq(mb.used_count, 0);
	ck_ok(st, store_integrity_check(st));
	store_close(st);
}
END_TEST

/* In a group, refused inserts and acks (no savepoint of their own)
 * change nothing and the rest of the group commits. */
START_TEST(refused_inserts_in_a_group_leave_the_rest)
{
	static const uint8_t	 stranger[STORE_KEY_LEN] = { 7 };
	struct store		*st;
	struct store_message_in	 in;
	struct store_mailbox	 mb;
	int64_t			 seq, first, acked, gone;

	st = open_ok(STORE_SYNC_NORMAL);
	ck_ok(st, store_mailbox_create(st, "mb", owner, dev1, 1, 0, 0));
	ck_ok(st, store_mailbox_create(st, "small", owner, dev1, 1, 1, 0));
	ck_ok(st, store_group_begin(st));
	memset(&in, 0, sizeof(in));
	in.mailbox = "mb";
	in.envelope = "abc";
	in.size = 3;
	in.sender_id = "a";
	ck_ok(st, store_message_insert(st, &in, &first));
	ck_assert_int_eq(store_message_insert(st, &in, &seq),
	    STORE_DUPLICATE);
	ck_assert_int_eq(seq, first);
	in.mailbox = "nowhere";
	ck_assert_int_eq(store_message_insert(st, &in, &seq),
	    STORE_NOT_FOUND);
	in.mailbox = "small";
	ck_ok(st, store_message_insert(st, &in, &seq));
	in.sender_id = "b";
	ck_assert_int_eq(store_message_insert(st, &in, &seq), STORE_QUOTA);
	in.mailbox = "mb";
	ck_ok(st, store_message_insert(st, &in, &seq));
	ck_assert_int_gt(seq, first);
	/* an ack, also without a savepoint: refused, then done */
	ck_assert_int_eq(store_message_ack(st, "mb", stranger, seq, NULL,
	    NULL), STORE_NOT_FOUND);
	ck_ok(st, store_message_ack(st, "mb", dev1, first, &acked, &gone));
	ck_assert_int_eq(acked, first);
	ck_assert_int_eq(gone, 1);
	ck_ok(st, store_group_commit(st));
	ck_ok(st, store_mailbox_get(st, "mb", &mb));
	ck_assert_int_eq(mb.used_count, 1);
	ck_assert_int_eq(mb.used_bytes, 3);
	ck_ok(st, store_mailbox_get(st, "small", &mb));
	ck_assert_int_eq(mb.used_count, 1);
	ck_ok(st, store_integrity_check(st));
	store_close(st);
}
END_TEST

struct writer {
	const char	*mailbox;
	int		 n;
	int		 failed;
};

static void *
writer_main(void *arg)
{
	struct writer		*w = arg;
	struct store		*st;
	struct store_message_in	 in;
	char			 sid[32], err[256];
	int64_t			 seq;
	int			 i;

	if ((st = store_open(dbpath, STORE_SYNC_NORMAL, err,
	    sizeof(err))) == NULL) {
		w->failed = w->n;
		return NULL;
	}
	memset(&in, 0, sizeof(in));
	in.mailbox = w->mailbox;
	in.sender_id = sid;
	in.envelope = "hello";
	in.size = 5;
	for (i = 0; i < w->n; i++) {
		snprintf(sid, sizeof(sid), "%s-%d", w->mailbox, i);
		if (store_message_insert(st, &in, &seq) != STORE_OK)
			w->failed++;
	}
	store_close(st);
	return NULL;
}

START_TEST(two_connections_write_the_same_file)
{
	struct store		*st;
	struct store_mailbox	 mb;
	struct writer		 w[2] = { { "a", 300, 0 }, { "b", 300, 0 } };
	pthread_t		 t[2];
	int			 i;

	st = open_ok(STORE_SYNC_NORMAL);
	ck_ok(st, store_mailbox_create(st, "a", owner, dev1, 1, 0, 0));
	memset(owner, 'p', sizeof(owner));
	ck_ok(st, store_mailbox_create(st, "b", owner, dev1, 1, 0, 0));
	for (i = 0; i < 2; i++)
		ck_assert_int_eq(pthread_create(&t[i], NULL, writer_main,
		    &w[i]), 0);
	for (i = 0; i < 2; i++) {
		pthread_join(t[i], NULL);
		ck_assert_int_eq(w[i].failed, 0);
	}
	ck_ok(st, store_mailbox_get(st, "a", &mb));
	ck_assert_int_eq(mb.used_count, 300);
	ck_ok(st, store_mailbox_get(st, "b", &mb));
	ck_assert_int_eq(mb.used_count, 300);
	store_close(st);
}
END_TEST

START_TEST(held_lock_gives_busy_and_stores_nothing)
{
	struct store		*st;
	struct store_batch	*b;
	struct store_message_in	 in;
	struct store_mailbox	 mb;
	sqlite3			*other;
	int64_t			 seq;

	st = open_ok(STORE_SYNC_NORMAL);
	ck_ok(st, store_mailbox_create(st, "mb", owner, dev1, 1, 0, 0));
	sqlite3_busy_timeout(store_db(st), 50);
	ck_assert_int_eq(sqlite3_open(dbpath, &other), SQLITE_OK);
	ck_assert_int_eq(sqlite3_exec(other, "BEGIN IMMEDIATE", NULL, NULL,
	    NULL), SQLITE_OK);
	memset(&in, 0, sizeof(in));
	in.mailbox = "mb";
	in.sender_id = "x";
	in.envelope = "e";
	in.size = 1;
	b = store_batch_new();
	store_batch_add(b, &in);
	ck_assert_int_eq(store_batch_commit(st, b), STORE_BUSY);
	ck_assert_int_eq(store_batch_result(b, 0, &seq), STORE_BUSY);
	ck_assert_int_eq(store_message_insert(st, &in, &seq), STORE_BUSY);
	ck_assert_msg(strstr(store_errmsg(st), "locked") != NULL, "%s",
	    store_errmsg(st));
	sqlite3_exec(other, "ROLLBACK", NULL, NULL, NULL);
	sqlite3_close(other);
	ck_ok(st, store_mailbox_get(st, "mb", &mb));
	ck_assert_int_eq(mb.used_count, 0);
	ck_ok(st, store_batch_commit(st, b));
	store_batch_free(b);
	store_close(st);
}
END_TEST

/*
 * The crash test's child: group commits of 32 messages "c<i>" as fast as
 * it can; after each commit it reports the number of messages committed
 * so far on fd. Bounded: 200000 messages or 20 seconds.
 */
static void __attribute__((noreturn))
crash_child(int fd, int64_t first)
{
	struct store		*st;
	struct store_batch	*b;
	struct store_message_in	 in;
	char			 sid[32], err[256], env[256];
	uint64_t		 t0 = util_mono_us();
	int64_t			 i = first, j;

	if ((st = store_open(dbpath, STORE_SYNC_NORMAL, err,
	    sizeof(err))) == NULL)
		_exit(2);
	b = store_batch_new();
	memset(env, 'z', sizeof(env));
	memset(&in, 0, sizeof(in));
	in.mailbox = "mb";
	in.sender_id = sid;
	in.envelope = env;
	in.size = sizeof(env);
	while (i < first + 200000 && util_mono_us() - t0 < 20000000) {
		store_batch_reset(b);
		for (j = 0; j < 32; j++) {
			snprintf(sid, sizeof(sid), "c%lld", (long long)(i + j));
			store_batch_add(b, &in);
		}
		if (store_batch_commit(st, b) != STORE_OK)
			_exit(3);
		i += 32;
		if (write(fd, &i, sizeof(i)) != sizeof(i))
			_exit(4);
	}
	_exit(0);
}

/* Run a child, kill it mid-stream; return the last count it reported. */
static int64_t
crash_round(int64_t first, int wait_reports)
{
	struct pollfd	pfd;
	int64_t		v, last = first;
	pid_t		pid;
	int		p[2], got = 0, status;
	uint64_t	t0 = util_mono_us();

	ck_assert_int_eq(pipe(p), 0);
	pid = fork();
	ck_assert_int_ne(pid, -1);
	if (pid == 0) {
		close(p[0]);
		crash_child(p[1], first);
	}
	close(p[1]);
	pfd.fd = p[0];
	pfd.events = POLLIN;
	while (got < wait_reports && util_mono_us() - t0 < 10000000) {
		if (poll(&pfd, 1, 100) == 1 &&
		    read(p[0], &v, sizeof(v)) == sizeof(v)) {
			last = v;
			got++;
		}
	}
	kill(pid, SIGKILL);
	ck_assert_int_eq(waitpid(pid, &status, 0), pid);
	ck_assert(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL);
	while (read(p[0], &v, sizeof(v)) == sizeof(v))
		last = v;		/* reported before it died */
	close(p[0]);
	ck_assert_int_gt(got, 0);
	return last;
}

START_TEST(sigkill_during_group_commits_loses_no_reported_message)
{
	struct store		*st;
	struct store_message_in	 in;
	struct store_mailbox	 mb;
	char			 sid[32];
	int64_t			 reported = 0, seq, i;
	int			 round;

	st = open_ok(STORE_SYNC_NORMAL);
	ck_ok(st, store_mailbox_create(st, "mb", owner, dev1, 1, 0, 0));
	store_close(st);
	for (round = 0; round < 3; round++) {
		reported = crash_round(reported, 20 + 40 * round);
		st = open_ok(STORE_SYNC_NORMAL);
		ck_ok(st, store_integrity_check(st));
		ck_ok(st, store_mailbox_get(st, "mb", &mb));
		ck_assert_int_ge(mb.used_count, reported);
		memset(&in, 0, sizeof(in));
		in.mailbox = "mb";
		in.sender_id = sid;
		in.envelope = "";
		for (i = 0; i < reported; i++) {
			snprintf(sid, sizeof(sid), "c%lld", (long long)i);
			ck_assert_int_eq(store_message_insert(st, &in, &seq),
			    STORE_DUPLICATE);
		}
		/* the next round starts after what may be committed */
		reported = mb.used_count;
		store_close(st);
		ck_assert_int_eq(query_int("SELECT count(*) FROM message"),
		    reported);
		ck_assert_int_eq(query_int("SELECT used_count FROM mailbox"),
		    reported);
	}
}
END_TEST

/* The store's connections use its VFS (store_vfs.c). */
START_TEST(connections_use_the_store_vfs)
{
	struct store	*st;
	sqlite3_vfs	*vfs = NULL;

	st = open_ok(STORE_SYNC_NORMAL);
	ck_assert_int_eq(sqlite3_file_control(store_db(st), "main",
	    SQLITE_FCNTL_VFS_POINTER, &vfs), SQLITE_OK);
	ck_assert_ptr_nonnull(vfs);
	ck_assert_str_eq(vfs->zName, "onionmsg");
	store_close(st);
}
END_TEST

/*
 * A child writes a transaction of many more pages than its cache holds
 * (SQLite then writes pages to the WAL before the commit, writes some of
 * them again and rewrites the frames' checksums: the commit frame's
 * header is the last write) and a group of many frames, reports, and
 * dies without closing: what it reported is there, and whole.
 */
START_TEST(wal_frames_written_together_survive_a_crash)
{
	struct store		*st;
	struct store_message_in	 in;
	struct store_mailbox	 mb;
	char			 sid[16], env[3000];
	int64_t			 seq;
	pid_t			 pid;
	int			 status, i;

	st = open_ok(STORE_SYNC_NORMAL);
	ck_ok(st, store_mailbox_create(st, "mb", owner, dev1, 1, 0, 0));
	store_close(st);
	if ((pid = fork()) == 0) {
		st = store_open(dbpath, STORE_SYNC_NORMAL, NULL, 0);
		if (st == NULL || store_set_autocheckpoint(st, 0) != STORE_OK ||
		    sqlite3_exec(store_db(st), "PRAGMA cache_size = 8", NULL,
		    NULL, NULL) != SQLITE_OK || store_group_begin(st) !=
		    STORE_OK)
			_exit(2);
		memset(&in, 0, sizeof(in));
		memset(env, 'x', sizeof(env));
		in.mailbox = "mb";
		in.sender_id = sid;
		in.envelope = env;
		in.size = sizeof(env);
		for (i = 0; i < 400; i++) {
			snprintf(sid, sizeof(sid), "m%d", i);
			env[i % sizeof(env)] = (char)('a' + i % 26);
			if (store_message_insert(st, &in, &seq) != STORE_OK)
				_exit(3);
		}
		_exit(store_group_commit(st) == STORE_OK ? 0 : 4);
	}
	ck_assert_int_gt(pid, 0);
	ck_assert_int_eq(waitpid(pid, &status, 0), pid);
	ck_assert(WIFEXITED(status));
	ck_assert_int_eq(WEXITSTATUS(status), 0);
	st = open_ok(STORE_SYNC_NORMAL);
	ck_ok(st, store_integrity_check(st));
	ck_ok(st, store_mailbox_get(st, "mb", &mb));
	ck_assert_int_eq(mb.used_count, 400);
	store_close(st);
	ck_assert_int_eq(query_int("SELECT count(*) FROM message"), 400);
	ck_assert_int_eq(query_int("SELECT sum(length(envelope))"
	    " FROM message"), 400 * 3000);
}
END_TEST

/*
 * Regression: the store's VFS gathers a commit's WAL frames into one
 * write; when the commit frame's header filled the buffer and its page
 * did not fit, the page stayed behind after the commit was made visible,
 * and another connection read it short (SQLITE_IOERR_SHORT_READ, seen
 * in the checkpointer under load) or, in a restarted WAL, read an old
 * frame's page. Commits of 1 to 90 pages, each read back at once by a
 * second connection, cover every place the commit frame can fall.
 */
START_TEST(every_committed_frame_is_in_the_wal_before_readers_see_it)
{
	struct store	*st;
	sqlite3		*rd, *wr;
	sqlite3_stmt	*w, *r;
	int		 n, rc;

	st = open_ok(STORE_SYNC_NORMAL);
	ck_ok(st, store_set_autocheckpoint(st, 0));
	wr = store_db(st);
	ck_assert_int_eq(sqlite3_exec(wr, "CREATE TABLE blobs (n INTEGER "
	    "PRIMARY KEY, b BLOB)", NULL, NULL, NULL), SQLITE_OK);
	ck_assert_int_eq(sqlite3_open_v2(dbpath, &rd, SQLITE_OPEN_READWRITE,
	    NULL), SQLITE_OK);
	ck_assert_int_eq(sqlite3_prepare_v2(wr, "SELECT b FROM blobs WHERE "
	    "n = ?", -1, &w, NULL), SQLITE_OK);
	ck_assert_int_eq(sqlite3_prepare_v2(rd, "SELECT b FROM blobs WHERE "
	    "n = ?", -1, &r, NULL), SQLITE_OK);
	for (n = 1; n <= 90; n++) {
		char	sql[128];

		snprintf(sql, sizeof(sql), "INSERT INTO blobs VALUES (%d, "
		    "randomblob(%d))", n, n * 4000);
		ck_assert_int_eq(sqlite3_exec(wr, sql, NULL, NULL, NULL),
		    SQLITE_OK);
		sqlite3_bind_int(r, 1, n);
		rc = sqlite3_step(r);
		ck_assert_msg(rc == SQLITE_ROW, "%d pages: the reader got %s",
		    n, sqlite3_errmsg(rd));
		sqlite3_bind_int(w, 1, n);
		ck_assert_int_eq(sqlite3_step(w), SQLITE_ROW);
		ck_assert_int_eq(sqlite3_column_bytes(r, 0), n * 4000);
		ck_assert_msg(memcmp(sqlite3_column_blob(r, 0),
		    sqlite3_column_blob(w, 0), (size_t)n * 4000) == 0,
		    "%d pages: the reader saw other bytes", n);
		sqlite3_reset(r);
		sqlite3_reset(w);
	}
	sqlite3_finalize(r);
	sqlite3_finalize(w);
	ck_assert_int_eq(sqlite3_wal_checkpoint_v2(rd, NULL,
	    SQLITE_CHECKPOINT_PASSIVE, NULL, NULL), SQLITE_OK);
	sqlite3_close(rd);
	ck_ok(st, store_integrity_check(st));
	store_close(st);
}
END_TEST

/*
 * The WAL cannot grow (RLIMIT_FSIZE, as a full disk): a group of many
 * frames fails as a whole, nothing of it is stored, what came before is
 * intact, and once there is room the store goes on.
 */
START_TEST(wal_write_failure_fails_the_commit_and_loses_nothing)
{
	struct store		*st;
	struct store_message_in	 in;
	struct rlimit		 rl;
	struct stat		 sb;
	char			 sid[16], env[2000], wal[PATH_MAX + 8];
	int64_t			 seq;
	pid_t			 pid;
	int			 status, i, r;

	st = open_ok(STORE_SYNC_NORMAL);
	ck_ok(st, store_mailbox_create(st, "mb", owner, dev1, 1, 0, 0));
	store_close(st);
	if ((pid = fork()) == 0) {
		signal(SIGXFSZ, SIG_IGN);
		st = store_open(dbpath, STORE_SYNC_NORMAL, NULL, 0);
		if (st == NULL || store_set_autocheckpoint(st, 0) != STORE_OK)
			_exit(2);
		memset(&in, 0, sizeof(in));
		memset(env, 'y', sizeof(env));
		in.mailbox = "mb";
		in.sender_id = sid;
		in.envelope = env;
		in.size = sizeof(env);
		for (i = 0; i < 10; i++) {	/* stored */
			snprintf(sid, sizeof(sid), "a%d", i);
			if (store_message_insert(st, &in, &seq) != STORE_OK)
				_exit(3);
		}
		snprintf(wal, sizeof(wal), "%s-wal", dbpath);
		if (stat(wal, &sb) == -1)
			_exit(4);
		if (getrlimit(RLIMIT_FSIZE, &rl) == -1)
			_exit(4);
		rl.rlim_cur = (rlim_t)sb.st_size + 60000;
		if (setrlimit(RLIMIT_FSIZE, &rl) == -1 ||
		    store_group_begin(st) != STORE_OK)
			_exit(5);
		for (i = 0; i < 100; i++) {	/* ~50 pages: too many */
			snprintf(sid, sizeof(sid), "b%d", i);
			if (store_message_insert(st, &in, &seq) != STORE_OK)
				_exit(6);
		}
		r = store_group_commit(st);
		if (r == STORE_OK)
			_exit(7);
		/* room again: the store goes on */
		rl.rlim_cur = rl.rlim_max;
		if (setrlimit(RLIMIT_FSIZE, &rl) == -1)
			_exit(8);
		snprintf(sid, sizeof(sid), "c0");
		if (store_message_insert(st, &in, &seq) != STORE_OK ||
		    store_integrity_check(st) != STORE_OK)
			_exit(9);
		store_close(st);
		_exit(0);
	}
	ck_assert_int_gt(pid, 0);
	ck_assert_int_eq(waitpid(pid, &status, 0), pid);
	ck_assert(WIFEXITED(status));
	ck_assert_int_eq(WEXITSTATUS(status), 0);
	ck_assert_int_eq(query_int("SELECT count(*) FROM message"), 11);
	ck_assert_int_eq(query_int("SELECT count(*) FROM message"
	    " WHERE sender_id LIKE 'b%'"), 0);
	ck_assert_int_eq(query_int("SELECT used_count FROM mailbox"), 11);
}
END_TEST

int
main(void)
{
	Suite	*s = suite_create("store");
	TCase	*tc = tcase_create("open");
	TCase	*tf = tcase_create("failures");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, open_creates_file_0600_whatever_the_umask);
	tcase_add_test(tc, open_writes_schema_version_and_application_id);
	tcase_add_test(tc, reopen_keeps_data_and_wal_mode);
	tcase_add_test(tc, foreign_sqlite_database_is_refused_untouched);
	tcase_add_test(tc, other_application_id_is_refused);
	tcase_add_test(tc, non_sqlite_file_is_refused_untouched);
	tcase_add_test(tc, newer_schema_is_refused);
	tcase_add_test(tc, version_1_database_is_upgraded_keeping_its_messages);
	tcase_add_test(tc, damaged_pages_are_reported_corrupt);
	tcase_add_test(tc, healthy_database_passes_integrity_check);
	tcase_add_test(tc, checkpoints_from_another_connection);
	tcase_add_test(tc,
	    restart_and_truncate_checkpoints_or_giving_up_in_time);
	tcase_add_test(tc, group_readable_file_is_tightened);
	tcase_add_test(tc, file_of_another_user_is_refused);
	tcase_add_test(tc, symlink_and_directory_are_refused);
	tcase_add_test(tc, missing_directory_is_an_error);
	tcase_add_test(tc, result_names_are_distinct);
	suite_add_tcase(s, tc);

	tcase_add_checked_fixture(tf, setup, teardown);
	tcase_set_timeout(tf, 60);
	tcase_add_test(tf, disk_full_fails_cleanly_and_loses_nothing);
	tcase_add_test(tf, full_disk_in_a_group_fails_the_whole_group);
	tcase_add_test(tc, refused_inserts_in_a_group_leave_the_rest);
	tcase_add_test(tf, two_connections_write_the_same_file);
	tcase_add_test(tf, held_lock_gives_busy_and_stores_nothing);
	tcase_add_test(tf,
	    sigkill_during_group_commits_loses_no_reported_message);
	tcase_add_test(tf, connections_use_the_store_vfs);
	tcase_add_test(tf, wal_frames_written_together_survive_a_crash);
	tcase_add_test(tf,
	    every_committed_frame_is_in_the_wal_before_readers_see_it);
	tcase_add_test(tf,
	    wal_write_failure_fails_the_commit_and_loses_nothing);
	suite_add_tcase(s, tf);
	return unit_run(s);
}
