/*
 * test_store_outbox.c: the outbox's state machine (enqueue, claim,
 * delivered, failed, retry, retryDeliveries, expired, crash recovery,
 * listing oldest or newest first, purge) and
 * the node's key/value settings.
 */
#include "config.h"

#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

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

static void
setup(void)
{
	const char	*t = getenv("TMPDIR");
	uint8_t		 k[STORE_KEY_LEN];
	char		 err[256];

	snprintf(tmpdir, sizeof(tmpdir), "%s/test_store_outbox.XXXXXX",
	    t != NULL ? t : "/tmp");
	ck_assert_ptr_nonnull(mkdtemp(tmpdir));
	snprintf(dbpath, sizeof(dbpath), "%s/onionmsg.db", tmpdir);
	st = store_open(dbpath, STORE_SYNC_NORMAL, err, sizeof(err));
	ck_assert_msg(st != NULL, "%s", err);
	memset(k, 'a', sizeof(k));
	ck_ok(store_mailbox_create(st, "alice", k, k, 1, 0, 0));
	memset(k, 'b', sizeof(k));
	ck_ok(store_mailbox_create(st, "bob", k, k, 1, 0, 0));
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
enqueue(const char *mailbox, const char *dest, const char *msg_id,
    int64_t now, int64_t expires, int64_t *id)
{
	struct store_outbox_in	in;

	memset(&in, 0, sizeof(in));
	in.mailbox = mailbox;
	in.dest = dest;
	in.msg_id = msg_id;
	in.envelope = "sealed";
	in.size = 6;
	in.now = now;
	in.expires = expires;
	return store_outbox_enqueue(st, &in, id);
}

static struct store_outbox
get(int64_t id)
{
	struct store_outbox	e;

	ck_ok(store_outbox_get(st, id, &e));
	return e;
}

static enum store_outbox_state
state_of(int64_t id)
{
	struct store_outbox	e = get(id);
	enum store_outbox_state	s = e.state;

	store_outbox_clear(&e);
	return s;
}

static int64_t
attempts_of(int64_t id)
{
	struct store_outbox	e = get(id);
	int64_t			a = e.attempts;

	store_outbox_clear(&e);
	return a;
}

static int64_t
updated_of(int64_t id)
{
	struct store_outbox	e = get(id);
	int64_t			u = e.updated;

	store_outbox_clear(&e);
	return u;
}

static size_t
claim(int64_t now, size_t limit, int64_t *first)
{
	struct store_outbox	*v;
	size_t			 n;

	ck_ok(store_outbox_claim_due(st, now, limit, &v, &n));
	if (n != 0 && first != NULL)
		*first = v[0].id;
	store_outbox_list_free(v, n);
	return n;
}

START_TEST(enqueue_and_get)
{
	struct store_outbox	e;
	int64_t			id;

	ck_ok(enqueue("alice", "carol@x.onion", "m1", 100, 900, &id));
	e = get(id);
	ck_assert_int_eq(e.id, id);
	ck_assert_str_eq(e.mailbox, "alice");
	ck_assert_str_eq(e.dest, "carol@x.onion");
	ck_assert_str_eq(e.msg_id, "m1");
	ck_assert_uint_eq(e.size, 6);
	ck_assert(memcmp(e.envelope, "sealed", 6) == 0);
	ck_assert_int_eq(e.state, STORE_OUTBOX_QUEUED);
	ck_assert_int_eq(e.attempts, 0);
	ck_assert_int_eq(e.next_attempt, 100);
	ck_assert_int_eq(e.created, 100);
	ck_assert_int_eq(e.expires, 900);
	ck_assert_ptr_null(e.last_error);
	store_outbox_clear(&e);
	store_outbox_clear(NULL);
	ck_assert_int_eq(store_outbox_get(st, id + 100, &e), STORE_NOT_FOUND);
}
END_TEST

START_TEST(enqueue_is_idempotent)
{
	int64_t	a, b, c;

	ck_ok(enqueue("alice", "carol@x.onion", "m1", 100, 0, &a));
	ck_assert_int_eq(enqueue("alice", "carol@x.onion", "m1", 200, 0, &b),
	    STORE_DUPLICATE);
	ck_assert_int_eq(a, b);
	ck_ok(enqueue("alice", "dave@y.onion", "m1", 100, 0, &c));
	ck_assert_int_ne(a, c);
	ck_ok(enqueue("bob", "carol@x.onion", "m1", 100, 0, &c));
	ck_assert_int_ne(a, c);
	ck_assert_int_eq(enqueue("nobody", "carol@x.onion", "m1", 100, 0,
	    &c), STORE_NOT_FOUND);
}
END_TEST

START_TEST(claim_takes_due_entries_once)
{
	struct store_outbox	*v;
	size_t			 n;
	int64_t			 a, b, c;

	ck_ok(enqueue("alice", "c@x.onion", "late", 300, 0, &c));
	ck_ok(enqueue("alice", "c@x.onion", "m2", 200, 0, &b));
	ck_ok(enqueue("bob", "c@x.onion", "m1", 100, 0, &a));
	ck_assert_uint_eq(claim(50, 10, NULL), 0);
	ck_ok(store_outbox_claim_due(st, 250, 10, &v, &n));
	ck_assert_uint_eq(n, 2);
	ck_assert_int_eq(v[0].id, a);		/* oldest due first */
	ck_assert_int_eq(v[1].id, b);
	ck_assert_str_eq(v[0].mailbox, "bob");
	ck_assert_int_eq(v[0].state, STORE_OUTBOX_DELIVERING);
	ck_assert_int_eq(v[0].attempts, 1);
	store_outbox_list_free(v, n);
	ck_assert_int_eq(state_of(a), STORE_OUTBOX_DELIVERING);
	ck_assert_int_eq(attempts_of(a), 1);
	ck_assert_uint_eq(claim(250, 10, NULL), 0);
	ck_assert_uint_eq(claim(1000, 10, NULL), 1);
	ck_assert_int_eq(state_of(c), STORE_OUTBOX_DELIVERING);
}
END_TEST

START_TEST(claim_respects_its_limit)
{
	char	mid[16];
	int	i;

	for (i = 0; i < 25; i++) {
		snprintf(mid, sizeof(mid), "m%d", i);
		ck_ok(enqueue("alice", "c@x.onion", mid, 100, 0, NULL));
	}
	ck_assert_uint_eq(claim(100, 10, NULL), 10);
	ck_assert_uint_eq(claim(100, 10, NULL), 10);
	ck_assert_uint_eq(claim(100, 10, NULL), 5);
	ck_assert_uint_eq(claim(100, 10, NULL), 0);
}
END_TEST

START_TEST(delivered_is_final)
{
	int64_t	id;

	ck_ok(enqueue("alice", "c@x.onion", "m", 100, 0, &id));
	claim(100, 1, NULL);
	ck_ok(store_outbox_mark_delivered(st, id, 150));
	ck_assert_int_eq(state_of(id), STORE_OUTBOX_DELIVERED);
	ck_assert_int_eq(updated_of(id), 150);
	ck_assert_int_eq(store_outbox_mark_delivered(st, id, 160),
	    STORE_NOT_FOUND);
	ck_assert_int_eq(store_outbox_mark_retry(st, id, 160, 200, "x"),
	    STORE_NOT_FOUND);
	ck_assert_int_eq(store_outbox_mark_failed(st, id + 9, 160, "x"),
	    STORE_NOT_FOUND);
	ck_assert_uint_eq(claim(100000, 10, NULL), 0);
}
END_TEST

START_TEST(retry_waits_for_its_time_and_counts_attempts)
{
	struct store_outbox	e;
	int64_t			id;

	ck_ok(enqueue("alice", "c@x.onion", "m", 100, 0, &id));
	claim(100, 1, NULL);
	ck_ok(store_outbox_mark_retry(st, id, 110, 500, "connection refused"));
	e = get(id);
	ck_assert_int_eq(e.state, STORE_OUTBOX_QUEUED);
	ck_assert_int_eq(e.next_attempt, 500);
	ck_assert_str_eq(e.last_error, "connection refused");
	store_outbox_clear(&e);
	ck_assert_uint_eq(claim(499, 1, NULL), 0);
	ck_assert_uint_eq(claim(500, 1, NULL), 1);
	ck_assert_int_eq(attempts_of(id), 2);
	ck_ok(store_outbox_mark_failed(st, id, 600, "404 no such mailbox"));
	e = get(id);
	ck_assert_int_eq(e.state, STORE_OUTBOX_FAILED);
	ck_assert_str_eq(e.last_error, "404 no such mailbox");
	store_outbox_clear(&e);
}
END_TEST

START_TEST(mark_expired_and_expire_sweep)
{
	int64_t	a, b, c, n;

	ck_ok(enqueue("alice", "c@x.onion", "a", 100, 200, &a));
	ck_ok(enqueue("alice", "c@x.onion", "b", 100, 1000, &b));
	ck_ok(enqueue("alice", "c@x.onion", "c", 100, 0, &c));
	/* claim skips what expired but was not swept yet */
	ck_assert_uint_eq(claim(300, 10, NULL), 2);
	ck_ok(store_outbox_mark_expired(st, b, 310));
	ck_assert_int_eq(state_of(b), STORE_OUTBOX_EXPIRED);
	ck_ok(store_outbox_expire(st, 300, &n));
	ck_assert_int_eq(n, 1);
	ck_assert_int_eq(state_of(a), STORE_OUTBOX_EXPIRED);
	ck_assert_int_eq(state_of(c), STORE_OUTBOX_DELIVERING);
}
END_TEST

START_TEST(recover_requeues_what_a_crash_left_delivering)
{
	char	err[256];
	int64_t	a, b, n;

	ck_ok(enqueue("alice", "c@x.onion", "a", 100, 0, &a));
	ck_ok(enqueue("alice", "c@x.onion", "b", 100, 0, &b));
	ck_assert_uint_eq(claim(100, 10, NULL), 2);
	ck_ok(store_outbox_mark_delivered(st, b, 120));
	store_close(st);
	st = store_open(dbpath, STORE_SYNC_NORMAL, err, sizeof(err));
	ck_assert_ptr_nonnull(st);
	ck_ok(store_outbox_recover(st, 200, &n));
	ck_assert_int_eq(n, 1);
	ck_assert_int_eq(state_of(a), STORE_OUTBOX_QUEUED);
	ck_assert_int_eq(state_of(b), STORE_OUTBOX_DELIVERED);
	ck_assert_uint_eq(claim(200, 10, NULL), 1);
	ck_assert_int_eq(attempts_of(a), 2);
}
END_TEST

START_TEST(retry_now_makes_waiting_entries_due)
{
	int64_t	a, b, n;

	ck_ok(enqueue("alice", "c@x.onion", "a", 100, 0, &a));
	ck_ok(enqueue("bob", "c@x.onion", "b", 100, 0, &b));
	claim(100, 10, NULL);
	ck_ok(store_outbox_mark_retry(st, a, 110, 90000, "timeout"));
	ck_ok(store_outbox_mark_retry(st, b, 110, 90000, "timeout"));
	ck_ok(store_outbox_retry_now(st, "alice", 200, &n));
	ck_assert_int_eq(n, 1);
	ck_assert_uint_eq(claim(200, 10, NULL), 1);
	ck_assert_int_eq(state_of(b), STORE_OUTBOX_QUEUED);
	ck_assert_int_eq(store_outbox_retry_now(st, "nobody", 200, &n),
	    STORE_NOT_FOUND);
}
END_TEST

/* retryDeliveries: "FAILED ... Final unless retried" (schema.graphql). */
START_TEST(retry_now_requeues_failed_unexpired_entries)
{
	struct store_outbox	e;
	int64_t			a, b, c, n;

	ck_ok(enqueue("alice", "c@x.onion", "a", 100, 0, &a));
	ck_ok(enqueue("alice", "c@x.onion", "b", 100, 150, &b));
	ck_ok(enqueue("alice", "c@x.onion", "c", 100, 0, &c));
	claim(100, 10, NULL);
	ck_ok(store_outbox_mark_failed(st, a, 110, "unknown mailbox"));
	ck_ok(store_outbox_mark_failed(st, b, 110, "too big"));
	ck_ok(store_outbox_mark_delivered(st, c, 110));
	ck_ok(store_outbox_retry_now(st, "alice", 200, &n));
	ck_assert_int_eq(n, 1);
	e = get(a);
	ck_assert_int_eq(e.state, STORE_OUTBOX_QUEUED);
	ck_assert_int_eq(e.next_attempt, 200);
	ck_assert_int_eq(e.attempts, 1);
	ck_assert_str_eq(e.last_error, "unknown mailbox");
	store_outbox_clear(&e);
	ck_assert_int_eq(state_of(b), STORE_OUTBOX_FAILED);	/* expired */
	ck_assert_int_eq(state_of(c), STORE_OUTBOX_DELIVERED);
	ck_assert_uint_eq(claim(200, 10, NULL), 1);
	ck_assert_int_eq(attempts_of(a), 2);
}
END_TEST

START_TEST(list_by_mailbox_and_state)
{
	struct store_outbox	*v;
	size_t			 n;
	int64_t			 a, b, c;

	ck_ok(enqueue("alice", "c@x.onion", "a", 100, 0, &a));
	ck_ok(enqueue("alice", "c@x.onion", "b", 100, 0, &b));
	ck_ok(enqueue("alice", "c@x.onion", "c", 100, 0, &c));
	ck_ok(enqueue("bob", "c@x.onion", "a", 100, 0, NULL));
	claim(100, 1, NULL);
	ck_ok(store_outbox_mark_delivered(st, a, 120));
	ck_ok(store_outbox_list(st, "alice", STORE_OUTBOX_ANY, 0, 100, &v,
	    &n));
	ck_assert_uint_eq(n, 3);
	ck_assert_int_eq(v[0].id, a);
	ck_assert_int_eq(v[2].id, c);
	store_outbox_list_free(v, n);
	ck_ok(store_outbox_list(st, "alice", STORE_OUTBOX_QUEUED, 0, 100, &v,
	    &n));
	ck_assert_uint_eq(n, 2);
	ck_assert_int_eq(v[0].id, b);
	store_outbox_list_free(v, n);
	ck_ok(store_outbox_list(st, "alice", STORE_OUTBOX_QUEUED, 0, 1, &v,
	    &n));
	ck_assert_uint_eq(n, 1);
	store_outbox_list_free(v, n);
	ck_ok(store_outbox_list(st, "alice", STORE_OUTBOX_FAILED, 0, 100, &v,
	    &n));
	ck_assert_uint_eq(n, 0);
	ck_assert_ptr_null(v);
	ck_assert_int_eq(store_outbox_list(st, "nobody", STORE_OUTBOX_ANY, 0,
	    100, &v, &n), STORE_NOT_FOUND);
}
END_TEST

/* Query.outbox: newest first, the limit applied by SQL, no envelopes. */
START_TEST(list_newest_first_with_limit_and_without_envelopes)
{
	struct store_outbox	*v;
	size_t			 n;
	int64_t			 id[5];
	char			 msg[8];
	int			 i;

	for (i = 0; i < 5; i++) {
		snprintf(msg, sizeof(msg), "m%d", i);
		ck_ok(enqueue("alice", "c@x.onion", msg, 100 + i, 0, &id[i]));
	}
	claim(200, 1, NULL);			/* m0: DELIVERING */
	ck_ok(store_outbox_list(st, "alice", STORE_OUTBOX_ANY, 1, 2, &v, &n));
	ck_assert_uint_eq(n, 2);
	ck_assert_int_eq(v[0].id, id[4]);
	ck_assert_int_eq(v[1].id, id[3]);
	ck_assert_ptr_null(v[0].envelope);
	ck_assert_uint_eq(v[0].size, 6);
	ck_assert_str_eq(v[0].msg_id, "m4");
	ck_assert_str_eq(v[0].mailbox, "alice");
	store_outbox_list_free(v, n);
	ck_ok(store_outbox_list(st, "alice", STORE_OUTBOX_QUEUED, 1, 10, &v,
	    &n));
	ck_assert_uint_eq(n, 4);
	ck_assert_int_eq(v[0].id, id[4]);
	ck_assert_int_eq(v[3].id, id[1]);
	store_outbox_list_free(v, n);
	ck_ok(store_outbox_list(st, "alice", STORE_OUTBOX_DELIVERING, 1, 10,
	    &v, &n));
	ck_assert_uint_eq(n, 1);
	ck_assert_int_eq(v[0].attempts, 1);
	store_outbox_list_free(v, n);
}
END_TEST

START_TEST(purge_deletes_old_finished_entries)
{
	int64_t	a, b, c, n;

	ck_ok(enqueue("alice", "c@x.onion", "a", 100, 0, &a));
	ck_ok(enqueue("alice", "c@x.onion", "b", 100, 0, &b));
	ck_ok(enqueue("alice", "c@x.onion", "c", 100, 0, &c));
	claim(100, 2, NULL);
	ck_ok(store_outbox_mark_delivered(st, a, 200));
	ck_ok(store_outbox_mark_failed(st, b, 300, "gone"));
	ck_ok(store_outbox_purge(st, 250, &n));
	ck_assert_int_eq(n, 1);
	ck_assert_int_eq(store_outbox_get(st, a, NULL), STORE_NOT_FOUND);
	ck_ok(store_outbox_purge(st, 100000, &n));
	ck_assert_int_eq(n, 1);
	ck_assert_int_eq(state_of(c), STORE_OUTBOX_QUEUED);
}
END_TEST

START_TEST(state_names_are_the_graphql_enum)
{
	ck_assert_str_eq(store_outbox_state_str(STORE_OUTBOX_QUEUED),
	    "QUEUED");
	ck_assert_str_eq(store_outbox_state_str(STORE_OUTBOX_DELIVERING),
	    "DELIVERING");
	ck_assert_str_eq(store_outbox_state_str(STORE_OUTBOX_DELIVERED),
	    "DELIVERED");
	ck_assert_str_eq(store_outbox_state_str(STORE_OUTBOX_FAILED),
	    "FAILED");
	ck_assert_str_eq(store_outbox_state_str(STORE_OUTBOX_EXPIRED),
	    "EXPIRED");
	ck_assert_str_eq(store_outbox_state_str(42), "UNKNOWN");
}
END_TEST

START_TEST(node_settings_round_trip)
{
	uint8_t	 blob[64], buf[64], small[8];
	void	*v;
	size_t	 len;
	char	 err[256];
	int	 i;

	for (i = 0; i < 64; i++)
		blob[i] = (uint8_t)(i * 7);	/* with NUL bytes */
	ck_assert_int_eq(store_node_get(st, "onion_key", &v, &len),
	    STORE_NOT_FOUND);
	ck_ok(store_node_set(st, "onion_key", blob, sizeof(blob)));
	ck_ok(store_node_get(st, "onion_key", &v, &len));
	ck_assert_uint_eq(len, 64);
	ck_assert(memcmp(v, blob, 64) == 0);
	free(v);
	ck_ok(store_node_get_into(st, "onion_key", buf, sizeof(buf), &len));
	ck_assert(memcmp(buf, blob, 64) == 0);
	ck_assert_int_eq(store_node_get_into(st, "onion_key", small,
	    sizeof(small), &len), STORE_TOO_BIG);
	ck_assert_ptr_nonnull(strstr(store_errmsg(st), "do not fit"));
	sqlite3_limit(store_db(st), SQLITE_LIMIT_LENGTH, 100);
	ck_assert_int_eq(store_node_set(st, "big", blob, 101), STORE_TOO_BIG);
	ck_ok(store_node_set(st, "name", "x", 1));
	ck_ok(store_node_set(st, "name", "longer", 6));
	ck_ok(store_node_set(st, "empty", NULL, 0));
	store_close(st);
	st = store_open(dbpath, STORE_SYNC_FULL, err, sizeof(err));
	ck_assert_ptr_nonnull(st);
	ck_ok(store_node_get(st, "name", &v, &len));
	ck_assert_str_eq(v, "longer");
	free(v);
	ck_ok(store_node_get(st, "empty", &v, &len));
	ck_assert_uint_eq(len, 0);
	ck_assert_str_eq(v, "");
	free(v);
	ck_ok(store_node_delete(st, "name"));
	ck_assert_int_eq(store_node_delete(st, "name"), STORE_NOT_FOUND);
	ck_assert_int_eq(store_node_get(st, "name", &v, &len),
	    STORE_NOT_FOUND);
}
END_TEST

int
main(void)
{
	Suite	*s = suite_create("store_outbox");
	TCase	*to = tcase_create("outbox");
	TCase	*tn = tcase_create("node");

	tcase_add_checked_fixture(to, setup, teardown);
	tcase_add_test(to, enqueue_and_get);
	tcase_add_test(to, enqueue_is_idempotent);
	tcase_add_test(to, claim_takes_due_entries_once);
	tcase_add_test(to, claim_respects_its_limit);
	tcase_add_test(to, delivered_is_final);
	tcase_add_test(to, retry_waits_for_its_time_and_counts_attempts);
	tcase_add_test(to, mark_expired_and_expire_sweep);
	tcase_add_test(to, recover_requeues_what_a_crash_left_delivering);
	tcase_add_test(to, retry_now_makes_waiting_entries_due);
	tcase_add_test(to, list_by_mailbox_and_state);
	tcase_add_test(to, list_newest_first_with_limit_and_without_envelopes);
	tcase_add_test(to, retry_now_requeues_failed_unexpired_entries);
	tcase_add_test(to, purge_deletes_old_finished_entries);
	tcase_add_test(to, state_names_are_the_graphql_enum);
	suite_add_tcase(s, to);

	tcase_add_checked_fixture(tn, setup, teardown);
	tcase_add_test(tn, node_settings_round_trip);
	suite_add_tcase(s, tn);
	return unit_run(s);
}
