/*
 * test_store_message.c: mailboxes, devices and messages in the store:
 * idempotent inserts, quotas, cursors, per-device acknowledgement and
 * deletion, expiry, mailbox deletion, group commit outcomes, and the
 * recent messages kept in memory agreeing with the store.
 */
#include "config.h"

#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "common/util.h"
#include "common/xmalloc.h"
#include "store/store_int.h"
#include "unit.h"

#define ck_ok(expr) do {						\
	enum store_result r_ = (expr);					\
	ck_assert_msg(r_ == STORE_OK, "%s: %s", #expr,			\
	    store_errmsg(st));						\
} while (0)

static char		 tmpdir[256];
static char		 dbpath[PATH_MAX];
static struct store	*st;
static uint8_t		 owner[STORE_KEY_LEN], dev1[STORE_KEY_LEN];
static uint8_t		 dev2[STORE_KEY_LEN], dev3[STORE_KEY_LEN];

static void
setup(void)
{
	const char	*t = getenv("TMPDIR");
	char		 err[256];

	snprintf(tmpdir, sizeof(tmpdir), "%s/test_store_message.XXXXXX",
	    t != NULL ? t : "/tmp");
	ck_assert_ptr_nonnull(mkdtemp(tmpdir));
	snprintf(dbpath, sizeof(dbpath), "%s/onionmsg.db", tmpdir);
	st = store_open(dbpath, STORE_SYNC_NORMAL, err, sizeof(err));
	ck_assert_msg(st != NULL, "%s", err);
	memset(owner, 'o', sizeof(owner));
	memset(dev1, '1', sizeof(dev1));
	memset(dev2, '2', sizeof(dev2));
	memset(dev3, '3', sizeof(dev3));
	ck_ok(store_mailbox_create(st, "alice", owner, dev1, 1000, 0, 0));
}

static void
teardown(void)
{
	char	p[PATH_MAX + 8];

	store_close(st);
	unlink(dbpath);
	snprintf(p, sizeof(p), "%s-wal", dbpath);
	unlink(p);
	snprintf(p, sizeof(p), "%s-shm", dbpath);
	unlink(p);
	rmdir(tmpdir);
}

static enum store_result
put(const char *mailbox, const char *sid, size_t size, int64_t expires,
    int64_t *seq)
{
	struct store_message_in	 in;
	uint8_t			 env[1024];
	int64_t			 dummy;

	ck_assert_uint_le(size, sizeof(env));
	memset(env, (int)size, size);
	memset(&in, 0, sizeof(in));
	in.mailbox = mailbox;
	in.sender_id = sid;
	in.envelope = env;
	in.size = size;
	in.received = 5000;
	in.expires = expires;
	return store_message_insert(st, &in, seq != NULL ? seq : &dummy);
}

static int64_t
put_ok(const char *mailbox, const char *sid, size_t size)
{
	int64_t	seq = 0;

	ck_ok(put(mailbox, sid, size, 0, &seq));
	ck_assert_int_gt(seq, 0);
	return seq;
}

/* Insert a message into alice through another connection. */
static enum store_result
put_other(struct store *other, const char *sid)
{
	struct store_message_in	 in;
	int64_t			 seq;

	memset(&in, 0, sizeof(in));
	in.mailbox = "alice";
	in.sender_id = sid;
	in.envelope = "e";
	in.size = 1;
	in.received = 5000;
	return store_message_insert(other, &in, &seq);
}

static size_t
count_listed(const char *mailbox, int64_t after, int64_t now)
{
	struct store_message	*v;
	size_t			 n;

	ck_ok(store_message_list(st, mailbox, after, 100000, now, &v, &n));
	store_message_list_free(v, n);
	return n;
}

static struct store_mailbox
mailbox(const char *id)
{
	struct store_mailbox	mb;

	ck_ok(store_mailbox_get(st, id, &mb));
	return mb;
}

/* The counters must equal what the message table holds. */
static void
check_counters(const char *id)
{
	struct store_mailbox	 mb = mailbox(id);
	sqlite3_stmt		*stmt;

	ck_assert_int_eq(sqlite3_prepare_v2(store_db(st), "SELECT count(*),"
	    " coalesce(sum(size), 0) FROM message JOIN mailbox USING (mbx)"
	    " WHERE id = ?1", -1, &stmt, NULL), SQLITE_OK);
	sqlite3_bind_text(stmt, 1, id, -1, SQLITE_STATIC);
	ck_assert_int_eq(sqlite3_step(stmt), SQLITE_ROW);
	ck_assert_int_eq(mb.used_count, sqlite3_column_int64(stmt, 0));
	ck_assert_int_eq(mb.used_bytes, sqlite3_column_int64(stmt, 1));
	sqlite3_finalize(stmt);
}

START_TEST(mailbox_create_and_get)
{
	struct store_mailbox	mb;
	struct store_device	d;

	mb = mailbox("alice");
	ck_assert(memcmp(mb.owner_key, owner, STORE_KEY_LEN) == 0);
	ck_assert_int_eq(mb.created, 1000);
	ck_assert_int_eq(mb.quota_count, 0);
	ck_assert_int_eq(mb.used_count, 0);
	ck_assert_int_eq(mb.newest_seq, 0);
	ck_assert_int_eq(mb.devices, 1);
	ck_ok(store_device_get(st, "alice", dev1, &d));
	ck_assert_int_eq(d.acked, 0);
	ck_assert_int_eq(d.created, 1000);
	ck_assert(memcmp(d.key, dev1, STORE_KEY_LEN) == 0);
}
END_TEST

START_TEST(mailbox_create_twice_is_duplicate)
{
	ck_assert_int_eq(store_mailbox_create(st, "alice", owner, dev2, 2000,
	    0, 0), STORE_DUPLICATE);
	ck_assert_ptr_nonnull(strstr(store_errmsg(st), "alice"));
	ck_assert_int_eq(mailbox("alice").created, 1000);
	ck_assert_int_eq(store_device_get(st, "alice", dev2, NULL),
	    STORE_NOT_FOUND);
}
END_TEST

START_TEST(unknown_mailbox_is_not_found_everywhere)
{
	struct store_mailbox	 mb;
	struct store_message	*v;
	struct store_device	*dv;
	size_t			 n;
	int64_t			 x;

	ck_assert_int_eq(store_mailbox_get(st, "bob", &mb), STORE_NOT_FOUND);
	ck_assert_str_eq(store_errmsg(st), "no mailbox bob");
	ck_assert_int_eq(put("bob", "m", 1, 0, NULL), STORE_NOT_FOUND);
	ck_assert_int_eq(store_message_list(st, "bob", 0, 10, 0, &v, &n),
	    STORE_NOT_FOUND);
	ck_assert_ptr_null(v);
	ck_assert_int_eq(store_message_ack(st, "bob", dev1, 1, &x, &x),
	    STORE_NOT_FOUND);
	ck_assert_int_eq(store_device_add(st, "bob", dev2, 1, &x),
	    STORE_NOT_FOUND);
	ck_assert_int_eq(store_device_remove(st, "bob", dev1, &x),
	    STORE_NOT_FOUND);
	ck_assert_int_eq(store_device_list(st, "bob", &dv, &n),
	    STORE_NOT_FOUND);
	ck_assert_int_eq(store_mailbox_set_quota(st, "bob", 1, 1),
	    STORE_NOT_FOUND);
	ck_assert_int_eq(store_mailbox_delete(st, "bob"), STORE_NOT_FOUND);
}
END_TEST

START_TEST(insert_gives_increasing_seqs)
{
	int64_t	a, b, c;

	a = put_ok("alice", "m1", 10);
	b = put_ok("alice", "m2", 20);
	c = put_ok("alice", "m3", 30);
	ck_assert_int_lt(a, b);
	ck_assert_int_lt(b, c);
	ck_assert_int_eq(mailbox("alice").used_count, 3);
	ck_assert_int_eq(mailbox("alice").used_bytes, 60);
	ck_assert_int_eq(mailbox("alice").newest_seq, c);
}
END_TEST

START_TEST(resend_returns_first_seq_and_stores_nothing)
{
	int64_t	first, again = 0;

	first = put_ok("alice", "same", 10);
	ck_assert_int_eq(put("alice", "same", 99, 0, &again),
	    STORE_DUPLICATE);
	ck_assert_int_eq(again, first);
	ck_assert_int_eq(mailbox("alice").used_count, 1);
	ck_assert_int_eq(mailbox("alice").used_bytes, 10);
	ck_assert_uint_eq(count_listed("alice", 0, 0), 1);
	check_counters("alice");
}
END_TEST

START_TEST(same_sender_id_in_two_mailboxes_is_two_messages)
{
	memset(owner, 'p', sizeof(owner));
	ck_ok(store_mailbox_create(st, "bob", owner, dev1, 1000, 0, 0));
	ck_assert_int_ne(put_ok("alice", "x", 1), put_ok("bob", "x", 1));
	ck_assert_uint_eq(count_listed("alice", 0, 0), 1);
	ck_assert_uint_eq(count_listed("bob", 0, 0), 1);
}
END_TEST

START_TEST(long_sender_ids_work)
{
	char	*sid;
	int64_t	 seq, again;

	sid = xmalloc(100001);
	memset(sid, 'L', 100000);
	sid[100000] = '\0';
	ck_ok(put("alice", sid, 5, 0, &seq));
	ck_assert_int_eq(put("alice", sid, 5, 0, &again), STORE_DUPLICATE);
	ck_assert_int_eq(seq, again);
	sid[99999] = 'M';
	ck_ok(put("alice", sid, 5, 0, &again));
	ck_assert_int_ne(seq, again);
	free(sid);
}
END_TEST

START_TEST(oversized_envelope_is_refused)
{
	struct store_batch	*b;
	struct store_message_in	 in;
	char			 env[600];

	sqlite3_limit(store_db(st), SQLITE_LIMIT_LENGTH, 500);
	ck_assert_int_eq(put("alice", "big", 501, 0, NULL), STORE_TOO_BIG);
	ck_assert_msg(strstr(store_errmsg(st), "too large") != NULL, "%s",
	    store_errmsg(st));
	put_ok("alice", "fits", 300);
	ck_assert_int_eq(mailbox("alice").used_count, 1);
	/* in a batch it is refused alone */
	b = store_batch_new();
	memset(&in, 0, sizeof(in));
	memset(env, 'x', sizeof(env));
	in.mailbox = "alice";
	in.envelope = env;
	in.sender_id = "b-big";
	in.size = 501;
	store_batch_add(b, &in);
	in.sender_id = "b-fits";
	in.size = 100;
	store_batch_add(b, &in);
	ck_ok(store_batch_commit(st, b));
	ck_assert_int_eq(store_batch_result(b, 0, NULL), STORE_TOO_BIG);
	ck_assert_int_eq(store_batch_result(b, 1, NULL), STORE_OK);
	store_batch_free(b);
	ck_assert_int_eq(mailbox("alice").used_count, 2);
}
END_TEST

START_TEST(empty_envelope_is_stored)
{
	struct store_message	*v;
	size_t			 n;

	put_ok("alice", "empty", 0);
	ck_ok(store_message_list(st, "alice", 0, 10, 0, &v, &n));
	ck_assert_uint_eq(n, 1);
	ck_assert_uint_eq(v[0].size, 0);
	store_message_list_free(v, n);
}
END_TEST

START_TEST(count_quota_is_its_own_error)
{
	int64_t	seq, x;

	ck_ok(store_mailbox_set_quota(st, "alice", 3, 0));
	put_ok("alice", "a", 100);
	put_ok("alice", "b", 100);
	seq = put_ok("alice", "c", 100);
	ck_assert_int_eq(put("alice", "d", 1, 0, NULL), STORE_QUOTA);
	ck_assert_str_eq(store_errmsg(st), "mailbox alice is over its quota");
	ck_assert_int_eq(mailbox("alice").used_count, 3);
	/* a re-send is still answered as a duplicate, not as over quota */
	ck_assert_int_eq(put("alice", "c", 100, 0, &x), STORE_DUPLICATE);
	ck_assert_int_eq(x, seq);
	/* acknowledging makes room */
	ck_ok(store_message_ack(st, "alice", dev1, seq, &x, &x));
	ck_assert_int_eq(x, 3);
	put_ok("alice", "d", 1);
	check_counters("alice");
}
END_TEST

START_TEST(byte_quota_is_its_own_error)
{
	ck_ok(store_mailbox_set_quota(st, "alice", 0, 250));
	put_ok("alice", "a", 100);
	put_ok("alice", "b", 100);
	ck_assert_int_eq(put("alice", "c", 51, 0, NULL), STORE_QUOTA);
	put_ok("alice", "c", 50);
	ck_assert_int_eq(put("alice", "d", 1, 0, NULL), STORE_QUOTA);
	ck_assert_int_eq(mailbox("alice").used_bytes, 250);
	ck_ok(store_mailbox_set_quota(st, "alice", 0, 0));
	put_ok("alice", "d", 1000);
	ck_assert_int_eq(mailbox("alice").quota_bytes, 0);
	check_counters("alice");
}
END_TEST

START_TEST(list_pages_through_a_cursor)
{
	struct store_message	*v;
	size_t			 n, total = 0;
	int64_t			 after = 0, last = 0;
	char			 sid[16];
	int			 i, pages = 0;

	for (i = 0; i < 250; i++) {
		snprintf(sid, sizeof(sid), "m%03d", i);
		put_ok("alice", sid, (size_t)(i % 50));
	}
	do {
		ck_ok(store_message_list(st, "alice", after, 100, 0, &v, &n));
		for (size_t j = 0; j < n; j++) {
			ck_assert_int_gt(v[j].seq, last);
			last = v[j].seq;
			snprintf(sid, sizeof(sid), "m%03zu", total + j);
			ck_assert_str_eq(v[j].sender_id, sid);
			ck_assert_uint_eq(v[j].size, (total + j) % 50);
			ck_assert_int_eq(v[j].received, 5000);
			if (v[j].size != 0)
				ck_assert_uint_eq(v[j].envelope[0],
				    v[j].size);
		}
		if (n != 0)
			after = v[n - 1].seq;
		total += n;
		pages++;
		store_message_list_free(v, n);
	} while (n != 0 && pages < 10);
	ck_assert_uint_eq(total, 250);
	ck_assert_int_eq(pages, 4);
	ck_ok(store_message_list(st, "alice", after, 0, 0, &v, &n));
	ck_assert_uint_eq(n, 0);
	ck_assert_ptr_null(v);
}
END_TEST

START_TEST(list_hides_expired_messages)
{
	ck_ok(put("alice", "old", 1, 2000, NULL));
	ck_ok(put("alice", "new", 1, 9000, NULL));
	ck_ok(put("alice", "forever", 1, 0, NULL));
	ck_assert_uint_eq(count_listed("alice", 0, 1000), 3);
	ck_assert_uint_eq(count_listed("alice", 0, 2000), 2);
	ck_assert_uint_eq(count_listed("alice", 0, 10000), 1);
}
END_TEST

/* ack's remaining: as many as a listing shows, bounded, from the index. */
START_TEST(count_matches_the_listing_and_stops_at_its_limit)
{
	sqlite3_stmt	*stmt;
	const char	*plan;
	int64_t		 a, c;
	int		 covered = 0;

	a = put_ok("alice", "a", 10);
	ck_ok(put("alice", "old", 10, 2000, NULL));
	ck_ok(put("alice", "new", 10, 9000, NULL));
	put_ok("alice", "b", 10);
	ck_ok(store_message_count(st, "alice", 0, 1000, 100, &c));
	ck_assert_int_eq(c, 4);
	ck_ok(store_message_count(st, "alice", 0, 5000, 100, &c));
	ck_assert_int_eq(c, (int64_t)count_listed("alice", 0, 5000));
	ck_ok(store_message_count(st, "alice", a, 1000, 100, &c));
	ck_assert_int_eq(c, (int64_t)count_listed("alice", a, 1000));
	ck_ok(store_message_count(st, "alice", 0, 1000, 2, &c));
	ck_assert_int_eq(c, 2);
	ck_assert_int_eq(store_message_count(st, "bob", 0, 0, 10, &c),
	    STORE_NOT_FOUND);
	/* it never reads a row, so never an envelope's overflow pages */
	ck_assert_int_eq(sqlite3_prepare_v2(store_db(st), "EXPLAIN QUERY PLAN"
	    " SELECT count(*) FROM (SELECT 1 FROM message WHERE mbx = 1"
	    " AND seq > 0 AND (expires = 0 OR expires > 5) LIMIT 10)", -1,
	    &stmt, NULL), SQLITE_OK);
	while (sqlite3_step(stmt) == SQLITE_ROW)
		if ((plan = (const char *)sqlite3_column_text(stmt, 3)) !=
		    NULL && strstr(plan, "COVERING INDEX message_live") != NULL)
			covered = 1;
	sqlite3_finalize(stmt);
	ck_assert(covered);
}
END_TEST

START_TEST(ack_deletes_what_the_only_device_acknowledged)
{
	int64_t	a, b, c, acked, deleted;

	a = put_ok("alice", "a", 10);
	b = put_ok("alice", "b", 10);
	c = put_ok("alice", "c", 10);
	ck_ok(store_message_ack(st, "alice", dev1, b, &acked, &deleted));
	ck_assert_int_eq(acked, b);
	ck_assert_int_eq(deleted, 2);
	ck_assert_uint_eq(count_listed("alice", 0, 0), 1);
	ck_assert_int_eq(mailbox("alice").used_count, 1);
	/* a cursor never moves back */
	ck_ok(store_message_ack(st, "alice", dev1, a, &acked, &deleted));
	ck_assert_int_eq(acked, b);
	ck_assert_int_eq(deleted, 0);
	ck_ok(store_message_ack(st, "alice", dev1, c, NULL, NULL));
	ck_assert_int_eq(mailbox("alice").used_count, 0);
	check_counters("alice");
}
END_TEST

START_TEST(ack_waits_for_every_device)
{
	int64_t	a, b, acked, deleted, start;

	ck_ok(store_device_add(st, "alice", dev2, 2000, &start));
	ck_assert_int_eq(start, 0);
	a = put_ok("alice", "a", 10);
	b = put_ok("alice", "b", 10);
	ck_ok(store_message_ack(st, "alice", dev1, b, &acked, &deleted));
	ck_assert_int_eq(deleted, 0);
	ck_assert_uint_eq(count_listed("alice", 0, 0), 2);
	ck_ok(store_message_ack(st, "alice", dev2, a, &acked, &deleted));
	ck_assert_int_eq(deleted, 1);
	ck_ok(store_message_ack(st, "alice", dev2, b, &acked, &deleted));
	ck_assert_int_eq(deleted, 1);
	ck_assert_uint_eq(count_listed("alice", 0, 0), 0);
	check_counters("alice");
}
END_TEST

START_TEST(ack_past_the_newest_does_not_swallow_future_messages)
{
	int64_t	a, b, acked, deleted;

	a = put_ok("alice", "a", 10);
	ck_ok(store_message_ack(st, "alice", dev1, a + 1000000, &acked,
	    &deleted));
	ck_assert_int_eq(acked, a);
	ck_assert_int_eq(deleted, 1);
	b = put_ok("alice", "b", 10);
	ck_assert_uint_eq(count_listed("alice", acked, 0), 1);
	ck_ok(store_message_ack(st, "alice", dev1, b, &acked, &deleted));
	ck_assert_int_eq(deleted, 1);
}
END_TEST

START_TEST(ack_by_unknown_device_is_not_found)
{
	int64_t	a, x;

	a = put_ok("alice", "a", 10);
	ck_assert_int_eq(store_message_ack(st, "alice", dev2, a, &x, &x),
	    STORE_NOT_FOUND);
	ck_assert_uint_eq(count_listed("alice", 0, 0), 1);
}
END_TEST

START_TEST(new_device_starts_at_the_newest_seq)
{
	struct store_device	d;
	int64_t			a, b, start, acked, deleted;

	a = put_ok("alice", "a", 10);
	ck_ok(store_device_add(st, "alice", dev2, 2000, &start));
	ck_assert_int_eq(start, a);
	ck_ok(store_device_get(st, "alice", dev2, &d));
	ck_assert_int_eq(d.acked, a);
	/* dev2 does not hold back the deletion of what came before it */
	ck_ok(store_message_ack(st, "alice", dev1, a, &acked, &deleted));
	ck_assert_int_eq(deleted, 1);
	b = put_ok("alice", "b", 10);
	ck_ok(store_message_ack(st, "alice", dev1, b, &acked, &deleted));
	ck_assert_int_eq(deleted, 0);
	ck_assert_int_eq(mailbox("alice").devices, 2);
}
END_TEST

START_TEST(device_add_twice_is_duplicate)
{
	int64_t	x;

	ck_assert_int_eq(store_device_add(st, "alice", dev1, 2000, &x),
	    STORE_DUPLICATE);
	ck_ok(store_device_add(st, "alice", dev2, 2000, &x));
	ck_assert_int_eq(store_device_add(st, "alice", dev2, 2000, &x),
	    STORE_DUPLICATE);
}
END_TEST

START_TEST(device_list_in_order_of_addition)
{
	struct store_device	*v;
	size_t			 n;

	ck_ok(store_device_add(st, "alice", dev3, 2000, NULL));
	ck_ok(store_device_add(st, "alice", dev2, 3000, NULL));
	ck_ok(store_device_list(st, "alice", &v, &n));
	ck_assert_uint_eq(n, 3);
	ck_assert(memcmp(v[0].key, dev1, STORE_KEY_LEN) == 0);
	ck_assert(memcmp(v[1].key, dev3, STORE_KEY_LEN) == 0);
	ck_assert(memcmp(v[2].key, dev2, STORE_KEY_LEN) == 0);
	free(v);
}
END_TEST

START_TEST(removing_a_lagging_device_deletes_what_others_acked)
{
	int64_t	b, x, deleted;

	ck_ok(store_device_add(st, "alice", dev2, 2000, NULL));
	put_ok("alice", "a", 10);
	b = put_ok("alice", "b", 10);
	ck_ok(store_message_ack(st, "alice", dev1, b, &x, &deleted));
	ck_assert_int_eq(deleted, 0);
	ck_ok(store_device_remove(st, "alice", dev2, &deleted));
	ck_assert_int_eq(deleted, 2);
	ck_assert_int_eq(mailbox("alice").used_count, 0);
	ck_assert_int_eq(mailbox("alice").devices, 1);
	ck_assert_int_eq(store_device_get(st, "alice", dev2, NULL),
	    STORE_NOT_FOUND);
	check_counters("alice");
}
END_TEST

START_TEST(the_last_device_cannot_be_removed)
{
	int64_t	x;

	ck_assert_int_eq(store_device_remove(st, "alice", dev1, &x),
	    STORE_LAST_DEVICE);
	ck_assert_int_eq(mailbox("alice").devices, 1);
	ck_assert_int_eq(store_device_remove(st, "alice", dev2, &x),
	    STORE_NOT_FOUND);
}
END_TEST

START_TEST(seqs_are_never_reused_after_deletion_and_reopen)
{
	char	err[256];
	int64_t	a, b;

	a = put_ok("alice", "a", 10);
	ck_ok(store_message_ack(st, "alice", dev1, a, NULL, NULL));
	ck_assert_uint_eq(count_listed("alice", 0, 0), 0);
	store_close(st);
	st = store_open(dbpath, STORE_SYNC_NORMAL, err, sizeof(err));
	ck_assert_ptr_nonnull(st);
	b = put_ok("alice", "b", 10);
	ck_assert_int_gt(b, a);
}
END_TEST

START_TEST(purge_deletes_expired_messages_only)
{
	int64_t	deleted;
	char	sid[16];
	int	i;

	for (i = 0; i < 10; i++) {
		snprintf(sid, sizeof(sid), "e%d", i);
		ck_ok(put("alice", sid, 10, 1000 + i, NULL));
	}
	ck_ok(put("alice", "later", 10, 50000, NULL));
	ck_ok(put("alice", "never", 10, 0, NULL));
	ck_ok(store_message_purge(st, 1004, 3, &deleted));
	ck_assert_int_eq(deleted, 3);
	ck_ok(store_message_purge(st, 1004, 100, &deleted));
	ck_assert_int_eq(deleted, 2);
	ck_ok(store_message_purge(st, 40000, 100, &deleted));
	ck_assert_int_eq(deleted, 5);
	ck_ok(store_message_purge(st, 40000, 100, &deleted));
	ck_assert_int_eq(deleted, 0);
	ck_assert_int_eq(mailbox("alice").used_count, 2);
	check_counters("alice");
}
END_TEST

START_TEST(deleting_a_mailbox_deletes_everything_of_it)
{
	struct store_outbox_in	o;
	int64_t			id;

	put_ok("alice", "a", 10);
	ck_ok(store_device_add(st, "alice", dev2, 2000, NULL));
	memset(&o, 0, sizeof(o));
	o.mailbox = "alice";
	o.dest = "bob@example.onion";
	o.msg_id = "m";
	o.envelope = "x";
	o.size = 1;
	ck_ok(store_outbox_enqueue(st, &o, &id));
	ck_ok(store_mailbox_delete(st, "alice"));
	ck_assert_int_eq(put("alice", "b", 1, 0, NULL), STORE_NOT_FOUND);
	ck_assert_int_eq(store_outbox_get(st, id, NULL), STORE_NOT_FOUND);
	ck_ok(store_mailbox_create(st, "alice", owner, dev3, 3000, 0, 0));
	ck_assert_int_eq(mailbox("alice").used_count, 0);
	ck_assert_int_eq(mailbox("alice").devices, 1);
	ck_assert_uint_eq(count_listed("alice", 0, 0), 0);
	ck_assert_int_eq(store_device_get(st, "alice", dev1, NULL),
	    STORE_NOT_FOUND);
}
END_TEST

START_TEST(a_recreated_mailbox_takes_messages_again)
{
	struct store	*other;
	char		 err[256];

	put_ok("alice", "a", 10);
	ck_ok(store_mailbox_delete(st, "alice"));
	ck_ok(store_mailbox_create(st, "alice", owner, dev1, 2000, 0, 0));
	put_ok("alice", "b", 10);
	ck_assert_uint_eq(count_listed("alice", 0, 0), 1);
	/* the same through another connection, behind this one's back */
	other = store_open(dbpath, STORE_SYNC_NORMAL, err, sizeof(err));
	ck_assert_ptr_nonnull(other);
	ck_assert_int_eq(store_mailbox_delete(other, "alice"), STORE_OK);
	ck_assert_int_eq(put("alice", "c", 10, 0, NULL), STORE_NOT_FOUND);
	ck_assert_int_eq(store_mailbox_create(other, "alice", owner, dev1,
	    3000, 0, 0), STORE_OK);
	store_close(other);
	put_ok("alice", "c", 10);
	ck_assert_uint_eq(count_listed("alice", 0, 0), 1);
	ck_assert_int_eq(mailbox("alice").used_count, 1);
	check_counters("alice");
}
END_TEST

/*
 * Every look-up by mailbox id goes through the connection's cache; one
 * deleted and created again behind its back (another connection) is
 * found again by listing, counting, acks, device and outbox listings.
 */
START_TEST(cached_row_numbers_heal_after_a_mailbox_moved)
{
	struct store		*other;
	struct store_device	*dv;
	struct store_outbox	*ob;
	struct store_outbox_in	 o;
	int64_t			 c, x, acked;
	size_t			 n;
	char			 err[256];

	put_ok("alice", "a", 10);
	ck_assert_uint_eq(count_listed("alice", 0, 0), 1);
	other = store_open(dbpath, STORE_SYNC_NORMAL, err, sizeof(err));
	ck_assert_ptr_nonnull(other);
	ck_assert_int_eq(store_mailbox_delete(other, "alice"), STORE_OK);
	ck_assert_int_eq(store_message_count(st, "alice", 0, 0, 10, &c),
	    STORE_NOT_FOUND);
	ck_assert_int_eq(store_mailbox_create(other, "alice", owner, dev1,
	    3000, 0, 0), STORE_OK);
	memset(&o, 0, sizeof(o));
	o.mailbox = "alice";
	o.dest = "bob@example.onion";
	o.msg_id = "m";
	o.envelope = "x";
	o.size = 1;
	ck_assert_int_eq(store_outbox_enqueue(other, &o, &x), STORE_OK);
	x = 0;
	ck_assert_int_eq(put_other(other, "b"), STORE_OK);
	ck_assert_uint_eq(count_listed("alice", 0, 0), 1);
	ck_ok(store_message_count(st, "alice", 0, 0, 10, &c));
	ck_assert_int_eq(c, 1);
	ck_ok(store_device_list(st, "alice", &dv, &n));
	ck_assert_uint_eq(n, 1);
	free(dv);
	ck_ok(store_outbox_list(st, "alice", STORE_OUTBOX_ANY, 0, 10, &ob,
	    &n));
	ck_assert_uint_eq(n, 1);
	store_outbox_list_free(ob, n);
	/* again, then an ack */
	ck_assert_int_eq(store_mailbox_delete(other, "alice"), STORE_OK);
	ck_assert_int_eq(store_mailbox_create(other, "alice", owner, dev1,
	    4000, 0, 0), STORE_OK);
	ck_assert_int_eq(put_other(other, "c"), STORE_OK);
	ck_ok(store_message_ack(st, "alice", dev1, INT64_MAX, &acked, &x));
	ck_assert_int_eq(x, 1);
	store_close(other);
	ck_assert_uint_eq(count_listed("alice", 0, 0), 0);
	/* and deleted here: forgotten at once */
	ck_ok(store_mailbox_delete(st, "alice"));
	ck_assert_int_eq(store_message_count(st, "alice", 0, 0, 10, &c),
	    STORE_NOT_FOUND);
}
END_TEST

/* The row number cache: puts, gets and deletes against a plain table. */
START_TEST(mailbox_cache_deletes_keep_the_rest_findable)
{
	static char	ids[3000][12];
	static int	in[3000];
	unsigned	rnd = 77;
	int64_t		mbx;
	int		i, k;

	for (i = 0; i < 3000; i++)
		snprintf(ids[i], sizeof(ids[i]), "mb%d", i);
	for (i = 0; i < 20000; i++) {
		rnd = rnd * 1103515245 + 12345;
		k = (int)((rnd >> 8) % 3000);
		if ((rnd >> 20) % 3 == 0) {
			store_mailbox_cache_del(st, ids[k]);
			in[k] = 0;
		} else {
			store_mailbox_cache_put(st, ids[k], k + 1);
			in[k] = 1;
		}
		if (i % 1000 != 999)
			continue;
		for (k = 0; k < 3000; k++) {
			ck_assert_int_eq(store_mailbox_cache_get(st, ids[k],
			    &mbx), in[k]);
			if (in[k])
				ck_assert_int_eq(mbx, k + 1);
		}
	}
}
END_TEST

START_TEST(batch_outcomes_are_per_op)
{
	struct store_batch	*b;
	struct store_message_in	 in;
	int64_t			 seq, early, s[8];
	size_t			 i;

	memset(owner, 'p', sizeof(owner));
	ck_ok(store_mailbox_create(st, "bob", owner, dev1, 1000, 1, 0));
	early = put_ok("alice", "early", 5);
	b = store_batch_new();
	memset(&in, 0, sizeof(in));
	in.envelope = "hello";
	in.size = 5;
	in.mailbox = "alice";
	in.sender_id = "one";
	ck_assert_uint_eq(store_batch_add(b, &in), 0);
	in.sender_id = "early";				/* stored before */
	ck_assert_uint_eq(store_batch_add(b, &in), 1);
	in.sender_id = "one";				/* earlier in batch */
	store_batch_add(b, &in);
	in.mailbox = "nobody";
	store_batch_add(b, &in);
	in.mailbox = "bob";
	in.sender_id = "b1";
	store_batch_add(b, &in);
	in.sender_id = "b2";				/* over bob's quota */
	store_batch_add(b, &in);
	in.mailbox = "alice";
	in.sender_id = "two";
	ck_assert_uint_eq(store_batch_add(b, &in), 6);
	ck_assert_uint_eq(store_batch_count(b), 7);
	ck_assert_int_eq(store_batch_result(b, 0, &seq), STORE_PENDING);
	ck_ok(store_batch_commit(st, b));
	for (i = 0; i < 7; i++)
		store_batch_result(b, i, &s[i]);
	ck_assert_int_eq(store_batch_result(b, 0, NULL), STORE_OK);
	ck_assert_int_eq(store_batch_result(b, 1, NULL), STORE_DUPLICATE);
	ck_assert_int_eq(s[1], early);
	ck_assert_int_eq(store_batch_result(b, 2, NULL), STORE_DUPLICATE);
	ck_assert_int_eq(s[2], s[0]);
	ck_assert_int_eq(store_batch_result(b, 3, NULL), STORE_NOT_FOUND);
	ck_assert_int_eq(store_batch_result(b, 4, NULL), STORE_OK);
	ck_assert_int_eq(store_batch_result(b, 5, NULL), STORE_QUOTA);
	ck_assert_int_eq(store_batch_result(b, 6, NULL), STORE_OK);
	ck_assert_int_lt(s[0], s[4]);
	ck_assert_int_lt(s[4], s[6]);
	ck_assert_int_eq(store_batch_result(b, 7, NULL), STORE_NOT_FOUND);
	ck_assert_uint_eq(count_listed("alice", 0, 0), 3);
	ck_assert_uint_eq(count_listed("bob", 0, 0), 1);
	check_counters("alice");
	check_counters("bob");

	store_batch_reset(b);
	ck_assert_uint_eq(store_batch_count(b), 0);
	ck_ok(store_batch_commit(st, b));
	in.sender_id = "three";
	store_batch_add(b, &in);
	ck_ok(store_batch_commit(st, b));
	ck_assert_int_eq(store_batch_result(b, 0, &seq), STORE_OK);
	ck_assert_int_gt(seq, s[6]);
	store_batch_free(b);
	store_batch_free(NULL);
}
END_TEST

START_TEST(batch_copies_what_it_is_given)
{
	struct store_batch	*b;
	struct store_message_in	 in;
	struct store_message	*v;
	char			 mbx[16], sid[16], env[16];
	size_t			 n;

	b = store_batch_new();
	strcpy(mbx, "alice");
	strcpy(sid, "copied");
	strcpy(env, "payload");
	memset(&in, 0, sizeof(in));
	in.mailbox = mbx;
	in.sender_id = sid;
	in.envelope = env;
	in.size = 7;
	store_batch_add(b, &in);
	memset(mbx, 0, sizeof(mbx));
	memset(sid, 0, sizeof(sid));
	memset(env, 0, sizeof(env));
	ck_ok(store_batch_commit(st, b));
	ck_ok(store_message_list(st, "alice", 0, 10, 0, &v, &n));
	ck_assert_uint_eq(n, 1);
	ck_assert_str_eq(v[0].sender_id, "copied");
	ck_assert(memcmp(v[0].envelope, "payload", 7) == 0);
	store_message_list_free(v, n);
	store_batch_free(b);
}
END_TEST

START_TEST(batch_fills_a_quota_exactly)
{
	struct store_batch	*b;
	struct store_message_in	 in;
	char			 sid[16];
	int			 i;

	ck_ok(store_mailbox_set_quota(st, "alice", 5, 0));
	b = store_batch_new();
	memset(&in, 0, sizeof(in));
	in.mailbox = "alice";
	in.sender_id = sid;
	in.envelope = "x";
	in.size = 1;
	for (i = 0; i < 8; i++) {
		snprintf(sid, sizeof(sid), "q%d", i);
		store_batch_add(b, &in);
	}
	ck_ok(store_batch_commit(st, b));
	for (i = 0; i < 8; i++)
		ck_assert_int_eq(store_batch_result(b, (size_t)i, NULL),
		    i < 5 ? STORE_OK : STORE_QUOTA);
	ck_assert_int_eq(mailbox("alice").used_count, 5);
	store_batch_free(b);
}
END_TEST

/* store_message_recent must answer exactly what the listing does. */
static int
recent_agrees(const char *mailbox, int64_t after, int64_t now)
{
	struct store_message	 mem[64], *v;
	size_t			 n, nv, i;
	enum store_result	 r;

	r = store_message_recent(st, mailbox, after, nitems(mem), now, mem,
	    &n);
	if (r == STORE_NOT_FOUND)
		return 0;
	ck_ok(r);
	ck_ok(store_message_list(st, mailbox, after, nitems(mem), now, &v,
	    &nv));
	ck_assert_uint_eq(n, nv);
	for (i = 0; i < n; i++) {
		ck_assert_int_eq(mem[i].seq, v[i].seq);
		ck_assert_str_eq(mem[i].sender_id, v[i].sender_id);
		ck_assert_uint_eq(mem[i].size, v[i].size);
		ck_assert_mem_eq(mem[i].envelope, v[i].envelope, v[i].size);
		ck_assert_int_eq(mem[i].received, v[i].received);
		ck_assert_int_eq(mem[i].expires, v[i].expires);
	}
	store_message_list_free(v, nv);
	return 1;
}

static size_t
recent_count(const char *mailbox, int64_t after)
{
	struct store_message	mem[64];
	size_t			n;

	ck_ok(store_message_recent(st, mailbox, after, nitems(mem), 0, mem,
	    &n));
	return n;
}

START_TEST(recent_gives_what_was_committed_since_it_was_enabled)
{
	struct store_message	mem[4];
	int64_t			a, b, c;
	size_t			n;

	a = put_ok("alice", "a", 10);
	ck_ok(store_recent_enable(st, 100, 1 << 20));
	ck_assert_int_eq(store_message_recent(st, "alice", 0, 4, 0, mem, &n),
	    STORE_NOT_FOUND);		/* a came before: read the store */
	ck_assert(recent_agrees("alice", a, 0));
	ck_assert_uint_eq(recent_count("alice", a), 0);
	ck_ok(store_mailbox_create(st, "bob", owner, dev1, 1000, 0, 0));
	b = put_ok("alice", "b", 20);
	put_ok("bob", "x", 5);
	c = put_ok("alice", "c", 30);
	ck_assert(recent_agrees("alice", a, 0));
	ck_assert_uint_eq(recent_count("alice", a), 2);
	ck_assert_uint_eq(recent_count("alice", b), 1);
	ck_assert_uint_eq(recent_count("alice", c), 0);
	ck_assert(recent_agrees("bob", a, 0));
	ck_assert_uint_eq(recent_count("bob", a), 1);
	/* limit: the oldest first */
	ck_ok(store_message_recent(st, "alice", a, 1, 0, mem, &n));
	ck_assert_uint_eq(n, 1);
	ck_assert_int_eq(mem[0].seq, b);
	/* a duplicate adds nothing */
	ck_assert_int_eq(put("alice", "b", 20, 0, NULL), STORE_DUPLICATE);
	ck_assert_uint_eq(recent_count("alice", a), 2);
	/* inside a transaction the store answers */
	ck_ok(store_begin(st));
	ck_assert_int_eq(store_message_recent(st, "alice", a, 4, 0, mem, &n),
	    STORE_NOT_FOUND);
	store_rollback(st);
}
END_TEST

START_TEST(recent_keeps_only_what_a_group_committed)
{
	struct store_message_in	 in;
	int64_t			 a, seq;

	ck_ok(store_recent_enable(st, 100, 1 << 20));
	a = put_ok("alice", "a", 10);
	ck_ok(store_group_begin(st));
	put_ok("alice", "b", 10);
	/* an op that inserted, then was rolled back to its savepoint */
	memset(&in, 0, sizeof(in));
	in.mailbox = "alice";
	in.sender_id = "undone";
	in.envelope = "x";
	in.size = 1;
	ck_ok(store_begin(st));
	ck_ok(store_message_insert_tx(st, &in, &seq));
	store_rollback(st);
	put_ok("alice", "c", 10);
	ck_ok(store_group_commit(st));
	ck_assert(recent_agrees("alice", a, 0));
	ck_assert_uint_eq(recent_count("alice", a), 2);
	/* a group rolled back as a whole */
	ck_ok(store_group_begin(st));
	put_ok("alice", "d", 10);
	store_group_rollback(st);
	(void)recent_agrees("alice", a, 0);	/* may not know the mailbox */
	put_ok("alice", "e", 10);
	ck_assert(recent_agrees("alice", a, 0));
	ck_assert_uint_eq(recent_count("alice", a), 3);
}
END_TEST

START_TEST(recent_leaves_deleted_messages_to_the_store)
{
	struct store_message	mem[4];
	int64_t			a, b, c, d, deleted;
	size_t			n;

	ck_ok(store_recent_enable(st, 100, 1 << 20));
	a = put_ok("alice", "a", 10);
	b = put_ok("alice", "b", 10);
	c = put_ok("alice", "c", 10);
	ck_ok(store_message_ack(st, "alice", dev1, b, NULL, &deleted));
	ck_assert_int_eq(deleted, 2);
	ck_assert(recent_agrees("alice", 0, 0));	/* a and b are cut */
	ck_assert_uint_eq(recent_count("alice", 0), 1);
	ck_assert(recent_agrees("alice", a, 0));
	ck_assert(recent_agrees("alice", c, 0));
	/* an ack undone with its savepoint cuts nothing */
	ck_ok(store_device_add(st, "alice", dev2, 1000, NULL));
	ck_ok(store_group_begin(st));
	ck_ok(store_begin(st));
	ck_ok(store_message_ack(st, "alice", dev1, c, NULL, &deleted));
	store_rollback(st);
	ck_ok(store_group_commit(st));
	ck_assert(recent_agrees("alice", a, 0));
	ck_assert_uint_eq(recent_count("alice", a), 1);
	/* removing the device that lagged deletes d: cut too */
	d = put_ok("alice", "d", 10);
	ck_ok(store_message_ack(st, "alice", dev1, d, NULL, &deleted));
	ck_assert_int_eq(deleted, 1);		/* c: dev2 started there */
	ck_assert(recent_agrees("alice", a, 0));
	ck_assert_uint_eq(recent_count("alice", a), 1);
	ck_ok(store_device_remove(st, "alice", dev2, &deleted));
	ck_assert_int_eq(deleted, 1);
	ck_assert(recent_agrees("alice", a, 0));
	ck_assert_uint_eq(recent_count("alice", a), 0);
	/* expired ones are hidden as the listing hides them */
	ck_ok(put("alice", "e", 10, 7000, NULL));
	ck_assert(recent_agrees("alice", d, 6999));
	ck_assert_uint_eq(recent_count("alice", d), 1);
	ck_assert(recent_agrees("alice", d, 7000));
	ck_assert_int_eq(store_message_recent(st, "alice", d, 4, 7000, mem,
	    &n), STORE_OK);
	ck_assert_uint_eq(n, 0);
	/* a deleted mailbox */
	ck_ok(store_mailbox_delete(st, "alice"));
	ck_assert_int_eq(store_message_recent(st, "alice", d, 4, 0, mem, &n),
	    STORE_NOT_FOUND);
}
END_TEST

START_TEST(recent_is_bounded_in_rows_and_bytes)
{
	struct store_message	mem[16];
	int64_t			s[10];
	size_t			n;
	char			sid[8];
	int			i;

	ck_ok(store_recent_enable(st, 4, 1000));
	for (i = 0; i < 10; i++) {
		snprintf(sid, sizeof(sid), "m%d", i);
		s[i] = put_ok("alice", sid, 100);
	}
	ck_assert_int_eq(store_message_recent(st, "alice", s[4], 16, 0, mem,
	    &n), STORE_NOT_FOUND);
	ck_assert(recent_agrees("alice", s[5], 0));
	ck_assert_uint_eq(recent_count("alice", s[5]), 4);
	for (i = 0; i < 3; i++) {
		snprintf(sid, sizeof(sid), "big%d", i);
		s[i] = put_ok("alice", sid, 400);
	}
	/* 1000 bytes: the last two of 400 */
	ck_assert_int_eq(store_message_recent(st, "alice", s[0] - 1, 16, 0,
	    mem, &n), STORE_NOT_FOUND);
	ck_assert(recent_agrees("alice", s[0], 0));
	ck_assert_uint_eq(recent_count("alice", s[0]), 2);
}
END_TEST

/*
 * Random inserts (some duplicate, some expiring), acks, groups with ops
 * rolled back and whole groups rolled back, in three mailboxes: after
 * each step memory and the store agree on every cursor memory answers,
 * and it answers most of those a follower asks.
 */
START_TEST(recent_agrees_with_the_store_through_random_operations)
{
	const char	*mbs[] = { "alice", "bob", "carol" };
	int64_t		 cur[3] = { 0, 0, 0 }, seq, deleted;
	unsigned	 rnd = 12345, answered = 0, asked = 0;
	char		 sid[16];
	int		 i, k, op, in_group = 0;

	ck_ok(store_mailbox_create(st, "bob", owner, dev1, 1000, 0, 0));
	ck_ok(store_mailbox_create(st, "carol", owner, dev1, 1000, 0, 0));
	ck_ok(store_device_add(st, "carol", dev2, 1000, NULL));
	ck_ok(store_recent_enable(st, 64, 1 << 20));
	for (i = 0; i < 600; i++) {
		rnd = rnd * 1103515245 + 12345;
		op = (int)((rnd >> 16) % 100);
		k = (int)((rnd >> 8) % 3);
		if (op < 70) {
			snprintf(sid, sizeof(sid), "s%u", (rnd >> 4) % 400);
			(void)put(mbs[k], sid, (rnd >> 3) % 200, op < 10 ?
			    6000 : 0, &seq);
		} else if (op < 78) {
			ck_ok(store_message_ack(st, mbs[k], k == 2 &&
			    op < 74 ? dev2 : dev1, cur[k], NULL, &deleted));
		} else if (op < 88 && !in_group) {
			ck_ok(store_group_begin(st));
			in_group = 1;
		} else if (op < 94 && in_group) {
			ck_ok(store_group_commit(st));
			in_group = 0;
		} else if (in_group) {
			store_group_rollback(st);
			in_group = 0;
		}
		if (in_group)
			continue;
		for (k = 0; k < 3; k++) {
			asked++;
			answered += recent_agrees(mbs[k], cur[k], 5000);
			answered += recent_agrees(mbs[k], cur[k], 6000);
			(void)recent_agrees(mbs[k], INT64_MAX / 2, 0);
			ck_ok(store_message_newest(st, &seq));
			if ((rnd >> 12) % 4 == 0)
				cur[k] = seq;	/* caught up */
		}
	}
	if (in_group)
		ck_ok(store_group_commit(st));
	ck_assert_uint_gt(answered, asked / 2);
}
END_TEST

int
main(void)
{
	Suite	*s = suite_create("store_message");
	TCase	*tm = tcase_create("mailbox");
	TCase	*tg = tcase_create("message");
	TCase	*tb = tcase_create("batch");
	TCase	*tr = tcase_create("recent");

	tcase_add_checked_fixture(tm, setup, teardown);
	tcase_add_test(tm, mailbox_create_and_get);
	tcase_add_test(tm, mailbox_create_twice_is_duplicate);
	tcase_add_test(tm, unknown_mailbox_is_not_found_everywhere);
	tcase_add_test(tm, device_add_twice_is_duplicate);
	tcase_add_test(tm, device_list_in_order_of_addition);
	tcase_add_test(tm, new_device_starts_at_the_newest_seq);
	tcase_add_test(tm, removing_a_lagging_device_deletes_what_others_acked);
	tcase_add_test(tm, the_last_device_cannot_be_removed);
	tcase_add_test(tm, deleting_a_mailbox_deletes_everything_of_it);
	tcase_add_test(tm, a_recreated_mailbox_takes_messages_again);
	tcase_add_test(tm, cached_row_numbers_heal_after_a_mailbox_moved);
	tcase_add_test(tm, mailbox_cache_deletes_keep_the_rest_findable);
	suite_add_tcase(s, tm);

	tcase_add_checked_fixture(tg, setup, teardown);
	tcase_add_test(tg, insert_gives_increasing_seqs);
	tcase_add_test(tg, resend_returns_first_seq_and_stores_nothing);
	tcase_add_test(tg, same_sender_id_in_two_mailboxes_is_two_messages);
	tcase_add_test(tg, long_sender_ids_work);
	tcase_add_test(tg, empty_envelope_is_stored);
	tcase_add_test(tg, oversized_envelope_is_refused);
	tcase_add_test(tg, count_quota_is_its_own_error);
	tcase_add_test(tg, byte_quota_is_its_own_error);
	tcase_add_test(tg, list_pages_through_a_cursor);
	tcase_add_test(tg, list_hides_expired_messages);
	tcase_add_test(tg, count_matches_the_listing_and_stops_at_its_limit);
	tcase_add_test(tg, ack_deletes_what_the_only_device_acknowledged);
	tcase_add_test(tg, ack_waits_for_every_device);
	tcase_add_test(tg,
	    ack_past_the_newest_does_not_swallow_future_messages);
	tcase_add_test(tg, ack_by_unknown_device_is_not_found);
	tcase_add_test(tg, seqs_are_never_reused_after_deletion_and_reopen);
	tcase_add_test(tg, purge_deletes_expired_messages_only);
	suite_add_tcase(s, tg);

	tcase_add_checked_fixture(tr, setup, teardown);
	tcase_add_test(tr, recent_gives_what_was_committed_since_it_was_enabled);
	tcase_add_test(tr, recent_keeps_only_what_a_group_committed);
	tcase_add_test(tr, recent_leaves_deleted_messages_to_the_store);
	tcase_add_test(tr, recent_is_bounded_in_rows_and_bytes);
	tcase_add_test(tr,
	    recent_agrees_with_the_store_through_random_operations);
	suite_add_tcase(s, tr);

	tcase_add_checked_fixture(tb, setup, teardown);
	tcase_add_test(tb, batch_outcomes_are_per_op);
	tcase_add_test(tb, batch_copies_what_it_is_given);
	tcase_add_test(tb, batch_fills_a_quota_exactly);
	suite_add_tcase(s, tb);
	return unit_run(s);
}
