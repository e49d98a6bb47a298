/*
 * edge_timer.c: one-shot, re-armable timers on the edge thread, for the
 * API layer (long-poll deadlines, hub retries) without exposing lws. Each
 * wraps an lws_sul; the edge keeps a list so that, at shutdown, timers the
 * handler forgot are disarmed before the lws context goes away (freeing
 * one afterwards is then still safe).
 */
#include "config.h"

#include <stdlib.h>

#include "common/xmalloc.h"
#include "edge/edge_int.h"

static void	timer_fire(lws_sorted_usec_list_t *);

static void
timer_fire(lws_sorted_usec_list_t *sul)
{
	struct edge_timer	*t = EDGE_CONTAINER(sul, struct edge_timer,
				    sul);

	t->pending = 0;
	t->cb(t->arg);
}

/* Create a disarmed timer calling cb(arg) on the edge thread. */
struct edge_timer *
edge_timer_new(struct edge *edge, void (*cb)(void *), void *arg)
{
	struct edge_timer	*t;

	t = xcalloc(1, sizeof(*t));
	t->edge = edge;
	t->cb = cb;
	t->arg = arg;
	TAILQ_INSERT_TAIL(&edge->timers, t, entry);
	return t;
}

/* Arm (or re-arm) t to fire once after ms milliseconds. */
void
edge_timer_set(struct edge_timer *t, unsigned ms)
{
	if (t->edge == NULL || t->edge->ctx == NULL)
		return;
	lws_sul_schedule(t->edge->ctx, 0, &t->sul, timer_fire,
	    (lws_usec_t)ms * 1000);
	t->pending = 1;
}

/* Disarm t; a no-op if it is not armed. */
void
edge_timer_cancel(struct edge_timer *t)
{
	if (t == NULL || !t->pending)
		return;
	if (t->edge != NULL && t->edge->ctx != NULL)
		lws_sul_cancel(&t->sul);
	t->pending = 0;
}

/* Return whether t is armed. */
int
edge_timer_is_pending(const struct edge_timer *t)
{
	return t->pending;
}

/*
 * If t is armed, disarm it and call its callback now (from a callback of
 * the edge thread, never from inside the one it would interrupt).
 */
void
edge_timer_fire_now(struct edge_timer *t)
{
	if (t == NULL || !t->pending)
		return;
	edge_timer_cancel(t);
	t->cb(t->arg);
}

/* Disarm and free t; NULL is a no-op. */
void
edge_timer_free(struct edge_timer *t)
{
	if (t == NULL)
		return;
	edge_timer_cancel(t);
	if (t->edge != NULL)
		TAILQ_REMOVE(&t->edge->timers, t, entry);
	free(t);
}

/* Disarm every timer and detach it from edge, before lws goes away. */
void
edge_timer_orphan_all(struct edge *edge)
{
	struct edge_timer	*t;

	while ((t = TAILQ_FIRST(&edge->timers)) != NULL) {
		edge_timer_cancel(t);
		TAILQ_REMOVE(&edge->timers, t, entry);
		t->edge = NULL;
	}
}
