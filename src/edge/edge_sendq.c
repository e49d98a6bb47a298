/*
 * edge_sendq.c: a WebSocket connection's queue of outgoing messages. The
 * writer builds each message into a buffer that begins with LWS_PRE bytes
 * of headroom (lws writes its frame header there), hands the buffer over,
 * and the WRITEABLE callback sends from the queue. The queue counts its
 * bytes; the callers decide what "full" means (ws-send-queue-bytes).
 *
 * One message goes out as lws frames it. When several wait, they are
 * framed here, back to back, and handed to lws as one raw write: one
 * system call instead of one per message (a subscription's `next` and
 * `complete`, or a burst of events, are common). The frames are what lws
 * would write itself for a server: FIN, text, unmasked, no extension
 * (the edge offers none), so its per-connection state stays true.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "common/xmalloc.h"
#include "edge/edge_int.h"

/* At most this much is packed into one write (a larger message goes alone). */
#define EDGE_SENDQ_PACK_MAX	(64 * 1024)

static void	sendq_frame(struct buf *, const struct edge_sendq_item *);

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

/*
 * Send from q on wsi, in its WRITEABLE callback: the oldest message, or
 * as many whole queued messages as fit in EDGE_SENDQ_PACK_MAX in one
 * write, built in pack (the caller's, kept between calls: no allocation
 * per write). Sent messages leave the queue. 0, or -1 if the write failed.
 */
int
edge_sendq_write(struct edge_sendq *q, struct lws *wsi, struct buf *pack)
{
	struct edge_sendq_item	*it = edge_sendq_peek(q), *next;
	size_t			 n = 0;
	int			 rc;

	if (it == NULL)
		return 0;
	next = STAILQ_NEXT(it, entry);
	if (next == NULL || it->len + next->len + 20 > EDGE_SENDQ_PACK_MAX) {
		if (lws_write(wsi, (unsigned char *)it->mem + LWS_PRE, it->len,
		    LWS_WRITE_TEXT) < (int)it->len)
			return -1;
		edge_sendq_pop(q);
		return 0;
	}
	buf_reset(pack);
	for (; it != NULL && pack->len + it->len + 10 <= EDGE_SENDQ_PACK_MAX;
	    it = STAILQ_NEXT(it, entry), n++)
		sendq_frame(pack, it);
	/* LWS_WRITE_HTTP: lws sends the bytes as they are (ops-ws.c). */
	rc = lws_write(wsi, (unsigned char *)pack->data, pack->len,
	    LWS_WRITE_HTTP) < (int)pack->len ? -1 : 0;
	while (rc == 0 && n-- > 0)
		edge_sendq_pop(q);
	return rc;
}

/* Append it as one unmasked final text frame (RFC 6455 5.2). */
static void
sendq_frame(struct buf *b, const struct edge_sendq_item *it)
{
	unsigned char	h[10];
	size_t		hl, i;

	h[0] = 0x81;
	if (it->len < 126) {
		h[1] = (unsigned char)it->len;
		hl = 2;
	} else if (it->len <= 0xffff) {
		h[1] = 126;
		h[2] = (unsigned char)(it->len >> 8);
		h[3] = (unsigned char)it->len;
		hl = 4;
	} else {
		h[1] = 127;
		for (i = 0; i < 8; i++)
			h[2 + i] = (unsigned char)((uint64_t)it->len >>
			    (56 - 8 * i));
		hl = 10;
	}
	buf_add(b, h, hl);
	buf_add(b, it->mem + LWS_PRE, it->len);
}
