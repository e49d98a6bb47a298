/*
 * edge_sendq.c: a WebSocket connection's queue of outgoing messages. The
 * writer builds each message into a buffer that begins with LWS_PRE bytes
 * of headroom (lws writes its frame header there), hands the buffer over,
 * and the WRITEABLE callback sends one message per call. The queue counts
 * its bytes; the callers decide what "full" means (ws-send-queue-bytes).
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "common/xmalloc.h"
#include "edge/edge_int.h"

/* Make q empty. */
void
edge_sendq_init(struct edge_sendq *q)
{
	STAILQ_INIT(&q->items);
	q->bytes = 0;
	q->count = 0;
}

/* Drop every queued message. */
void
edge_sendq_clear(struct edge_sendq *q)
{
	while (edge_sendq_peek(q) != NULL)
		edge_sendq_pop(q);
}

/* Start a message in b: reset it and reserve the LWS_PRE headroom. */
void
edge_sendq_begin(struct buf *b)
{
	static const char	zero[LWS_PRE];

	buf_reset(b);
	buf_add(b, zero, sizeof(zero));
}

/* Queue the message in b (begun with edge_sendq_begin); b is emptied. */
void
edge_sendq_push(struct edge_sendq *q, struct buf *b)
{
	struct edge_sendq_item	*it;
	size_t			 len;

	it = xcalloc(1, sizeof(*it));
	it->mem = buf_detach(b, &len);
	it->len = len - LWS_PRE;
	STAILQ_INSERT_TAIL(&q->items, it, entry);
	q->bytes += it->len;
	q->count++;
}

/* Return the oldest message, or NULL. */
struct edge_sendq_item *
edge_sendq_peek(struct edge_sendq *q)
{
	return STAILQ_FIRST(&q->items);
}

/* Remove the oldest message. */
void
edge_sendq_pop(struct edge_sendq *q)
{
	struct edge_sendq_item	*it = STAILQ_FIRST(&q->items);

	if (it == NULL)
		return;
	STAILQ_REMOVE_HEAD(&q->items, entry);
	q->bytes -= it->len;
	q->count--;
	free(it->mem);
	free(it);
}
