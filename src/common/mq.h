/*
 * mq.h: a multi-producer, single-consumer queue of small fixed-size
 * structs between threads, bounded or not, with a wake callback. This is
 * the only channel between the daemon's two event loops (DESIGN.md): the
 * producer copies a message in and, when the queue goes from empty to
 * non-empty, calls the wake function (lws_cancel_service() for the edge,
 * event_active() for the tor thread); the consumer drains on its own loop.
 */
#ifndef OM_MQ_H
#define OM_MQ_H

#include <stddef.h>

struct mq;

typedef void	(*mq_wake_cb)(void *);

struct mq	*mq_new(size_t, size_t, mq_wake_cb, void *);
void		 mq_free(struct mq *);
void		 mq_set_wake(struct mq *, mq_wake_cb, void *);
int		 mq_put(struct mq *, const void *);
int		 mq_get(struct mq *, void *);
size_t		 mq_len(struct mq *);
size_t		 mq_dropped(struct mq *);

#endif
