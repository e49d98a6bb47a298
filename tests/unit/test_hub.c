/*
 * test_hub.c: the hub (src/hub/hub.h) on its own: the follower registry,
 * notify by topic and key (and for every key), one kick per batch, runs
 * that are bounded (a follower marked again waits for the next run),
 * followers removed in the middle of a run, the per-run payload cache
 * that serialises an event once per distinct selection, hub_each and
 * followers that end themselves in their wake-up, and the
 * pause/resume protocol api_subscribe.c builds on it.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "hub/hub.h"
#include "unit.h"

#define NF	8

/* A test follower: what it follows and what happened to it. */
struct tf {
	struct hub_follower	*f;
	const char		*selection;	/* payload cache key */
	int			 woken;
	int			 paused;
	int			 consumed;	/* events taken while awake */
	int			 remark;	/* hub_mark itself when woken */
	struct tf		*victim;	/* unfollow it when woken */
	int			 end;		/* unfollow itself when woken */
	int			 visited;	/* by hub_each */
};

static struct hub	*hub;
static int		 kicks;
static int		 serialised;

static void
kick(void *arg)
{
	(void)arg;
	kicks++;
}

static void
setup(void)
{
	kicks = serialised = 0;
	hub = hub_new(kick, NULL);
}

static void
teardown(void)
{
	hub_free(hub);
	hub = NULL;
}

/* A wake callback shaped as api_subscribe.c's sub_wake/sub_send. */
static void
wake(void *arg)
{
	struct tf	*t = arg;
	const char	*text;
	char		 json[64];
	size_t		 len;

	t->woken++;
	if (t->end) {
		/* an ended subscription: its follower is freed here */
		hub_unfollow(t->f);
		t->f = NULL;
		return;
	}
	if (t->victim != NULL) {
		hub_unfollow(t->victim->f);
		t->victim->f = NULL;
	}
	if (t->paused)
		return;
	if (t->selection != NULL) {
		text = hub_cache_get(hub, t->selection, strlen(t->selection), 1,
		    7, &len);
		if (text == NULL) {
			serialised++;
			len = (size_t)snprintf(json, sizeof(json),
			    "{\"sel\":\"%s\",\"seq\":7}", t->selection);
			hub_cache_put(hub, t->selection, strlen(t->selection),
			    1, 7, json, len);
		} else
			ck_assert_ptr_nonnull(strstr(text, t->selection));
	}
	t->consumed++;
	if (t->remark) {
		t->remark = 0;
		hub_mark(t->f);
	}
}

static void
follow(struct tf *t, enum hub_topic topic, const char *key)
{
	memset(t, 0, sizeof(*t));
	t->f = hub_follow(hub, topic, key, wake, t);
	ck_assert_ptr_nonnull(t->f);
}

START_TEST(followers_are_counted_and_removed)
{
	struct tf	t[3];

	ck_assert_uint_eq(hub_count(hub), 0);
	ck_assert_uint_eq(hub_count(NULL), 0);
	follow(&t[0], HUB_MESSAGES, "alice");
	follow(&t[1], HUB_MESSAGES, "alice");
	follow(&t[2], HUB_NODE, "");
	ck_assert_uint_eq(hub_count(hub), 3);
	hub_unfollow(t[1].f);
	ck_assert_uint_eq(hub_count(hub), 2);
	hub_unfollow(NULL);
	hub_notify(hub, HUB_MESSAGES, "alice");
	hub_run(hub);
	ck_assert_int_eq(t[0].woken, 1);
	ck_assert_int_eq(t[1].woken, 0);
	hub_unfollow(t[0].f);
	hub_unfollow(t[2].f);
	ck_assert_uint_eq(hub_count(hub), 0);
	hub_free(NULL);
	hub_notify(NULL, HUB_MESSAGES, "alice");
	hub_notify_all(NULL, HUB_DELIVERIES);
}
END_TEST

START_TEST(notify_wakes_its_topic_and_key_only)
{
	struct tf	t[4];
	int		i;

	follow(&t[0], HUB_MESSAGES, "alice");
	follow(&t[1], HUB_MESSAGES, "bob");
	follow(&t[2], HUB_DELIVERIES, "alice");
	follow(&t[3], HUB_NODE, "");
	hub_notify(hub, HUB_MESSAGES, "carol");
	ck_assert_int_eq(kicks, 0);
	hub_notify(hub, HUB_MESSAGES, "alice");
	ck_assert_int_eq(kicks, 1);
	ck_assert_int_eq(t[0].woken, 0);	/* never inside notify */
	hub_run(hub);
	ck_assert_int_eq(t[0].woken, 1);
	for (i = 1; i < 4; i++)
		ck_assert_int_eq(t[i].woken, 0);
	hub_notify(hub, HUB_NODE, "");
	hub_run(hub);
	ck_assert_int_eq(t[3].woken, 1);
	ck_assert_int_eq(t[0].woken, 1);
	for (i = 0; i < 4; i++)
		hub_unfollow(t[i].f);
}
END_TEST

START_TEST(notify_all_wakes_every_key_of_a_topic)
{
	struct tf	t[NF];
	char		key[16];
	int		i;

	for (i = 0; i < NF; i++) {
		snprintf(key, sizeof(key), "mb%d", i);
		follow(&t[i], i % 2 ? HUB_DELIVERIES : HUB_MESSAGES, key);
	}
	hub_notify_all(hub, HUB_DELIVERIES);
	ck_assert_int_eq(kicks, 1);
	hub_run(hub);
	for (i = 0; i < NF; i++)
		ck_assert_int_eq(t[i].woken, i % 2);
	for (i = 0; i < NF; i++)
		hub_unfollow(t[i].f);
}
END_TEST

START_TEST(a_burst_is_one_kick_and_one_wake)
{
	struct tf	t;
	int		i;

	follow(&t, HUB_MESSAGES, "alice");
	for (i = 0; i < 100; i++)
		hub_notify(hub, HUB_MESSAGES, "alice");
	ck_assert_int_eq(kicks, 1);
	hub_run(hub);
	ck_assert_int_eq(t.woken, 1);
	hub_run(hub);				/* nothing pending */
	ck_assert_int_eq(t.woken, 1);
	hub_notify(hub, HUB_MESSAGES, "alice");
	ck_assert_int_eq(kicks, 2);
	hub_run(hub);
	ck_assert_int_eq(t.woken, 2);
	hub_unfollow(t.f);
}
END_TEST

/* A follower with more to read marks itself: the next run, not this one. */
START_TEST(a_follower_marked_during_a_run_waits_for_the_next)
{
	struct tf	t;

	follow(&t, HUB_MESSAGES, "alice");
	t.remark = 1;
	hub_notify(hub, HUB_MESSAGES, "alice");
	hub_run(hub);
	ck_assert_int_eq(t.woken, 1);
	ck_assert_int_eq(kicks, 2);		/* asks for another run */
	hub_run(hub);
	ck_assert_int_eq(t.woken, 2);
	ck_assert_int_eq(kicks, 2);
	hub_unfollow(t.f);
}
END_TEST

/* A subscription completed by an earlier one's wake-up is just gone. */
START_TEST(a_follower_removed_during_a_run_is_not_woken)
{
	struct tf	a, b;

	follow(&a, HUB_MESSAGES, "alice");
	follow(&b, HUB_MESSAGES, "alice");
	a.victim = &b;
	hub_notify(hub, HUB_MESSAGES, "alice");
	hub_run(hub);
	ck_assert_int_eq(a.woken, 1);
	ck_assert_int_eq(b.woken, 0);
	ck_assert_ptr_null(b.f);
	ck_assert_uint_eq(hub_count(hub), 1);
	hub_unfollow(a.f);
}
END_TEST

static void
visit(struct hub_follower *f, void *farg, void *arg)
{
	struct tf	*t = farg;

	ck_assert_ptr_eq(t->f, f);
	t->visited++;
	t->end = *(int *)arg;
	hub_mark(f);
}

/*
 * A deleted mailbox: hub_each finds the followers of its topic and key
 * only; marked, each ends itself (unfollows) in its wake-up, and the run
 * goes on with the others without touching it again (ASan would see).
 */
START_TEST(each_visits_its_topic_and_key_and_ended_followers_go)
{
	struct tf	t[4];
	int		end = 1, i;

	follow(&t[0], HUB_MESSAGES, "alice");
	follow(&t[1], HUB_MESSAGES, "alice");
	follow(&t[2], HUB_DELIVERIES, "alice");
	follow(&t[3], HUB_MESSAGES, "bob");
	hub_each(NULL, HUB_MESSAGES, "alice", visit, &end);
	hub_each(hub, HUB_MESSAGES, "carol", visit, &end);
	ck_assert_int_eq(kicks, 0);
	hub_each(hub, HUB_MESSAGES, "alice", visit, &end);
	ck_assert_int_eq(kicks, 1);
	ck_assert_int_eq(t[0].visited + t[1].visited, 2);
	ck_assert_int_eq(t[2].visited + t[3].visited, 0);
	hub_notify(hub, HUB_MESSAGES, "alice");	/* marked once only */
	hub_run(hub);
	ck_assert_int_eq(t[0].woken, 1);
	ck_assert_int_eq(t[1].woken, 1);
	ck_assert_ptr_null(t[0].f);
	ck_assert_ptr_null(t[1].f);
	ck_assert_uint_eq(hub_count(hub), 2);
	hub_notify(hub, HUB_MESSAGES, "alice");
	hub_run(hub);
	for (i = 2; i < 4; i++) {
		ck_assert_int_eq(t[i].woken, 0);
		hub_unfollow(t[i].f);
	}
	ck_assert_uint_eq(hub_count(hub), 0);
}
END_TEST

START_TEST(payload_is_serialised_once_per_distinct_selection)
{
	struct tf	t[5];
	const char	*text;
	size_t		 len;
	int		 i;

	for (i = 0; i < 5; i++) {
		follow(&t[i], HUB_MESSAGES, i < 4 ? "alice" : "bob");
		t[i].selection = i % 2 ? "{ id }" : "{ id envelope }";
	}
	hub_notify(hub, HUB_MESSAGES, "alice");
	hub_notify(hub, HUB_MESSAGES, "bob");
	hub_run(hub);
	for (i = 0; i < 5; i++)
		ck_assert_int_eq(t[i].consumed, 1);
	ck_assert_int_eq(serialised, 2);
	/* the cache lives for one run only */
	ck_assert_ptr_null(hub_cache_get(hub, "{ id }", 6, 1, 7, &len));
	hub_notify(hub, HUB_MESSAGES, "bob");
	hub_run(hub);
	ck_assert_int_eq(serialised, 3);
	/* another sequence or selection hash is another payload */
	hub_cache_put(hub, "{ id }", 6, 1, 7, "seven", 5);
	ck_assert_ptr_null(hub_cache_get(hub, "{ id }", 6, 1, 8, &len));
	ck_assert_ptr_null(hub_cache_get(hub, "{ id }", 6, 2, 7, &len));
	ck_assert_ptr_null(hub_cache_get(hub, "{ id } ", 7, 1, 7, &len));
	text = hub_cache_get(hub, "{ id }", 6, 1, 7, &len);
	ck_assert_ptr_nonnull(text);
	ck_assert_uint_eq(len, 5);
	ck_assert_str_eq(text, "seven");
	for (i = 0; i < 5; i++)
		hub_unfollow(t[i].f);
}
END_TEST

/*
 * Paused (its connection's send queue full), a follower ignores wake-ups;
 * the edge's resume marks it and it goes on, woken once however many
 * notifications came in between.
 */
START_TEST(a_paused_follower_goes_on_when_resumed)
{
	struct tf	t;
	int		i;

	follow(&t, HUB_MESSAGES, "alice");
	hub_notify(hub, HUB_MESSAGES, "alice");
	hub_run(hub);
	ck_assert_int_eq(t.consumed, 1);
	t.paused = 1;
	for (i = 0; i < 10; i++) {
		hub_notify(hub, HUB_MESSAGES, "alice");
		hub_run(hub);
	}
	ck_assert_int_eq(t.consumed, 1);
	t.paused = 0;				/* api_sub_resume() */
	hub_mark(t.f);
	hub_mark(t.f);
	hub_run(hub);
	ck_assert_int_eq(t.consumed, 2);
	ck_assert_int_eq(t.woken, 12);
	hub_unfollow(t.f);
}
END_TEST

int
main(void)
{
	Suite	*s = suite_create("hub");
	TCase	*tc = tcase_create("hub");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, followers_are_counted_and_removed);
	tcase_add_test(tc, notify_wakes_its_topic_and_key_only);
	tcase_add_test(tc, notify_all_wakes_every_key_of_a_topic);
	tcase_add_test(tc, a_burst_is_one_kick_and_one_wake);
	tcase_add_test(tc, a_follower_marked_during_a_run_waits_for_the_next);
	tcase_add_test(tc, a_follower_removed_during_a_run_is_not_woken);
	tcase_add_test(tc,
	    each_visits_its_topic_and_key_and_ended_followers_go);
	tcase_add_test(tc, payload_is_serialised_once_per_distinct_selection);
	tcase_add_test(tc, a_paused_follower_goes_on_when_resumed);
	suite_add_tcase(s, tc);
	return unit_run(s);
}
