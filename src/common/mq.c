/*
 * mq.c: the cross-thread message queue. A ring of fixed-size slots under
 * one mutex; producers copy a message in, the single consumer copies it
 * out. A bounded queue refuses a message when full (and counts it), an
 * unbounded one grows its ring. The wake callback runs outside the lock
 * and only on the empty -> non-empty transition: the consumer drains until
 * mq_get() says empty, so a later put always sees an empty queue again and
 * wakes it; no wake-up can be lost, and a burst costs one wake.
 */
#include "config.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "common/mq.h"
#include "common/xmalloc.h"

struct mq {
	pthread_mutex_t	 mtx;
	unsigned char	*ring;
	size_t		 elem;		/* bytes per message */
	size_t		 cap;		/* slots in ring */
	size_t		 max;		/* 0: unbounded */
	size_t		 head;		/* next slot to read */
	size_t		 len;		/* messages queued */
	size_t		 dropped;	/* refused because full */
	mq_wake_cb	 wake;
	void		*wake_arg;
};

static void	mq_grow(struct mq *);

/*
 * Create a queue of messages of elem bytes, holding at most max of them
 * (0: no bound). wake(arg) is called when the queue becomes non-empty.
 */
struct mq *
mq_new(size_t elem, size_t max, mq_wake_cb wake, void *arg)
{
	struct mq	*q;

	q = xcalloc(1, sizeof(*q));
	pthread_mutex_init(&q->mtx, NULL);
	q->elem = elem != 0 ? elem : 1;
	q->max = max;
	q->cap = max != 0 && max < 64 ? max : 64;
	q->ring = xreallocarray(NULL, q->cap, q->elem);
	q->wake = wake;
	q->wake_arg = arg;
	return q;
}

/* Free a queue; messages still queued are discarded. */
void
mq_free(struct mq *q)
{
	if (q == NULL)
		return;
	pthread_mutex_destroy(&q->mtx);
	free(q->ring);
	free(q);
}

/* Replace the wake callback (NULL: none), e.g. once the consumer exists. */
void
mq_set_wake(struct mq *q, mq_wake_cb wake, void *arg)
{
	pthread_mutex_lock(&q->mtx);
	q->wake = wake;
	q->wake_arg = arg;
	pthread_mutex_unlock(&q->mtx);
}

static void
mq_grow(struct mq *q)
{
	unsigned char	*ring;
	size_t		 cap, first;

	cap = q->cap * 2;
	if (q->max != 0 && cap > q->max)
		cap = q->max;
	ring = xreallocarray(NULL, cap, q->elem);
	first = q->cap - q->head;
	if (first > q->len)
		first = q->len;
	memcpy(ring, q->ring + q->head * q->elem, first * q->elem);
	memcpy(ring + first * q->elem, q->ring, (q->len - first) * q->elem);
	free(q->ring);
	q->ring = ring;
	q->cap = cap;
	q->head = 0;
}

/*
 * Copy one message in; any thread. Return 0, or -1 when a bounded queue
 * is full (the message is not queued and the drop counter goes up).
 */
int
mq_put(struct mq *q, const void *msg)
{
	mq_wake_cb	 wake = NULL;
	void		*arg = NULL;
	size_t		 tail;

	pthread_mutex_lock(&q->mtx);
	if (q->max != 0 && q->len >= q->max) {
		q->dropped++;
		pthread_mutex_unlock(&q->mtx);
		return -1;
	}
	if (q->len == q->cap)
		mq_grow(q);
	tail = (q->head + q->len) % q->cap;
	memcpy(q->ring + tail * q->elem, msg, q->elem);
	if (q->len++ == 0) {
		wake = q->wake;
		arg = q->wake_arg;
	}
	pthread_mutex_unlock(&q->mtx);
	if (wake != NULL)
		wake(arg);
	return 0;
}

/* Copy the oldest message out (consumer thread); 0, or -1 if empty. */
int
mq_get(struct mq *q, void *msg)
{
	pthread_mutex_lock(&q->mtx);
	if (q->len == 0) {
		pthread_mutex_unlock(&q->mtx);
		return -1;
	}
	memcpy(msg, q->ring + q->head * q->elem, q->elem);
	q->head = (q->head + 1) % q->cap;
	q->len--;
	pthread_mutex_unlock(&q->mtx);
	return 0;
}

/* Return how many messages are queued (a snapshot). */
size_t
mq_len(struct mq *q)
{
	size_t	n;

	pthread_mutex_lock(&q->mtx);
	n = q->len;
	pthread_mutex_unlock(&q->mtx);
	return n;
}

/* Return how many messages a bounded queue refused so far. */
size_t
mq_dropped(struct mq *q)
{
	size_t	n;

	pthread_mutex_lock(&q->mtx);
	n = q->dropped;
	pthread_mutex_unlock(&q->mtx);
	return n;
}
