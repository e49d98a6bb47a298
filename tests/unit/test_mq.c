/*
 * test_mq.c: the cross-thread message queue: order, bounds, growth, the
 * wake-on-transition rule, and real producer threads against a consumer
 * that sleeps until woken (no lost wake-ups, nothing lost or duplicated).
 */
#include "config.h"

#include <pthread.h>
#include <stdint.h>
#include <string.h>
#include <time.h>

#include "common/mq.h"
#include "unit.h"

struct msg {
	uint32_t	producer;
	uint32_t	seq;
	uint64_t	pad;
};

struct waker {
	pthread_mutex_t	mtx;
	pthread_cond_t	cond;
	unsigned	wakes;
};

struct producer {
	struct mq	*q;
	uint32_t	 id;
	uint32_t	 count;
};

static void
waker_init(struct waker *w)
{
	pthread_mutex_init(&w->mtx, NULL);
	pthread_cond_init(&w->cond, NULL);
	w->wakes = 0;
}

static void
waker_wake(void *arg)
{
	struct waker	*w = arg;

	pthread_mutex_lock(&w->mtx);
	w->wakes++;
	pthread_cond_signal(&w->cond);
	pthread_mutex_unlock(&w->mtx);
}

static void
count_wake(void *arg)
{
	(*(unsigned *)arg)++;
}

START_TEST(test_fifo_order)
{
	struct mq	*q = mq_new(sizeof(struct msg), 0, NULL, NULL);
	struct msg	 m;
	uint32_t	 i;

	for (i = 0; i < 1000; i++) {
		m.producer = 0;
		m.seq = i;
		ck_assert_int_eq(mq_put(q, &m), 0);
	}
	ck_assert_uint_eq(mq_len(q), 1000);
	for (i = 0; i < 1000; i++) {
		ck_assert_int_eq(mq_get(q, &m), 0);
		ck_assert_uint_eq(m.seq, i);
	}
	ck_assert_int_eq(mq_get(q, &m), -1);
	mq_free(q);
}
END_TEST

START_TEST(test_wraparound_growth)
{
	struct mq	*q = mq_new(sizeof(uint32_t), 0, NULL, NULL);
	uint32_t	 v, next_in = 0, next_out = 0;
	int		 round, i;

	/* Interleave so head is mid-ring when the ring has to grow. */
	for (round = 0; round < 50; round++) {
		for (i = 0; i < 3 + round * 7; i++) {
			ck_assert_int_eq(mq_put(q, &next_in), 0);
			next_in++;
		}
		for (i = 0; i < 2 + round * 5; i++) {
			ck_assert_int_eq(mq_get(q, &v), 0);
			ck_assert_uint_eq(v, next_out);
			next_out++;
		}
	}
	while (mq_get(q, &v) == 0) {
		ck_assert_uint_eq(v, next_out);
		next_out++;
	}
	ck_assert_uint_eq(next_in, next_out);
	mq_free(q);
}
END_TEST

START_TEST(test_bounded_refuses)
{
	struct mq	*q = mq_new(sizeof(uint32_t), 100, NULL, NULL);
	uint32_t	 v;

	for (v = 0; v < 100; v++)
		ck_assert_int_eq(mq_put(q, &v), 0);
	ck_assert_int_eq(mq_put(q, &v), -1);
	ck_assert_int_eq(mq_put(q, &v), -1);
	ck_assert_uint_eq(mq_dropped(q), 2);
	ck_assert_uint_eq(mq_len(q), 100);
	ck_assert_int_eq(mq_get(q, &v), 0);
	ck_assert_uint_eq(v, 0);
	ck_assert_int_eq(mq_put(q, &v), 0);
	mq_free(q);
}
END_TEST

START_TEST(test_wake_on_transition_only)
{
	unsigned	 wakes = 0;
	struct mq	*q = mq_new(sizeof(uint32_t), 0, count_wake, &wakes);
	uint32_t	 v = 7;

	mq_put(q, &v);
	mq_put(q, &v);
	mq_put(q, &v);
	ck_assert_uint_eq(wakes, 1);
	while (mq_get(q, &v) == 0)
		;
	mq_put(q, &v);
	ck_assert_uint_eq(wakes, 2);
	mq_set_wake(q, NULL, NULL);
	mq_get(q, &v);
	mq_put(q, &v);
	ck_assert_uint_eq(wakes, 2);
	mq_free(q);
	mq_free(NULL);
}
END_TEST

static void *
producer_main(void *arg)
{
	struct producer	*p = arg;
	struct msg	 m;
	uint32_t	 i;

	memset(&m, 0, sizeof(m));
	m.producer = p->id;
	for (i = 0; i < p->count; i++) {
		m.seq = i;
		while (mq_put(p->q, &m) == -1)
			sched_yield();	/* bounded queue full: retry */
	}
	return NULL;
}

/* Consume until every producer's count arrived; per-producer order kept. */
static void
consume_all(struct mq *q, struct waker *w, struct producer *p, int np)
{
	uint32_t	 next[8] = { 0 };
	uint64_t	 total = 0, want = 0;
	struct timespec	 ts;
	struct msg	 m;
	int		 i;

	for (i = 0; i < np; i++)
		want += p[i].count;
	while (total < want) {
		while (mq_get(q, &m) == 0) {
			ck_assert_uint_lt(m.producer, (uint32_t)np);
			ck_assert_uint_eq(m.seq, next[m.producer]);
			next[m.producer]++;
			total++;
		}
		pthread_mutex_lock(&w->mtx);
		if (mq_len(q) == 0 && total < want) {
			clock_gettime(CLOCK_REALTIME, &ts);
			ts.tv_sec += 10;
			/* A lost wake-up would hang here: fail after 10 s. */
			ck_assert_int_eq(pthread_cond_timedwait(&w->cond,
			    &w->mtx, &ts), 0);
		}
		pthread_mutex_unlock(&w->mtx);
	}
	ck_assert_int_eq(mq_get(q, &m), -1);
}

static void
run_threads(size_t bound)
{
	struct waker	 w;
	struct producer	 p[4];
	pthread_t	 t[4];
	struct mq	*q;
	int		 i;

	waker_init(&w);
	q = mq_new(sizeof(struct msg), bound, waker_wake, &w);
	for (i = 0; i < 4; i++) {
		p[i].q = q;
		p[i].id = i;
		p[i].count = 50000;
		ck_assert_int_eq(pthread_create(&t[i], NULL, producer_main,
		    &p[i]), 0);
	}
	consume_all(q, &w, p, 4);
	for (i = 0; i < 4; i++)
		pthread_join(t[i], NULL);
	ck_assert_uint_gt(w.wakes, 0);
	mq_free(q);
}

START_TEST(test_threads_unbounded)
{
	run_threads(0);
}
END_TEST

START_TEST(test_threads_bounded)
{
	run_threads(16);
}
END_TEST

int
main(void)
{
	Suite	*s = suite_create("mq");
	TCase	*tc = tcase_create("mq");

	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_fifo_order);
	tcase_add_test(tc, test_wraparound_growth);
	tcase_add_test(tc, test_bounded_refuses);
	tcase_add_test(tc, test_wake_on_transition_only);
	tcase_add_test(tc, test_threads_unbounded);
	tcase_add_test(tc, test_threads_bounded);
	suite_add_tcase(s, tc);
	return unit_run(s);
}
