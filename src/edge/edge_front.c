/*
 * edge_front.c: the first look at every connection. lws 4.1.6 keeps each
 * request header it does not know in its header buffer (8 bytes of
 * bookkeeping, the name and the value: lib/roles/http/parsers.c, the
 * custom-header branch of lws_parse()) and, when that buffer is full,
 * closes the connection without an answer and without a callback
 * (lws_pos_in_bounds() -> LPR_FAIL -> bail_nuke_ah in
 * lws_handshake_server(), lib/roles/http/server/server.c). Headers it
 * does not know are also invisible to the edge's own size check: 4.1 can
 * only look them up by name. 2000 small headers were simply dropped.
 *
 * So each accepted socket (edge_accept.c) is first a raw descriptor of
 * this protocol, which peeks at the request line and headers
 * (edge_head.c) without taking them from the socket. Too big: it answers
 * 414 or 431 and closes, lingering (edge_linger.c) so that the rest of
 * the flood does not reset the answer away. Otherwise, or when the bytes
 * are not HTTP at all, it hands the socket to lws as an HTTP connection,
 * and lws reads the request itself. A head that arrives in pieces must
 * be read here (else the socket stays readable and the loop spins); it is
 * read up to, not including, its last byte and given to lws with the
 * socket (lws_adopt_socket_vhost_readbuf()): lws 4.1.6 re-reads its
 * read-buffer as body when a complete head with a body is in it
 * (lws_http_action(), the buflist loop after "LRS_BODY state set"), so
 * the head must complete from the socket.
 *
 * Only the first request of a connection comes through here: lws reads
 * the next ones of a keep-alive connection itself, with the old limits
 * (a client whose headers are too big sends them on its first request
 * too, and a 431 closes the connection).
 */
#include "config.h"

#include <sys/socket.h>

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "common/log.h"
#include "common/xmalloc.h"
#include "edge/edge_head.h"
#include "edge/edge_int.h"

/* Per-session struct of the front protocol. */
struct edge_front {
	struct buf		 in;		/* what was read of the head */
	struct edge_head	 head;
};

static int	 front_look(struct lws *, struct edge *, struct edge_front *);
static int	 front_take(int, struct edge_front *, size_t);
static int	 front_hand_over(struct lws *, struct edge *,
		    struct edge_front *);
static void	 front_adopt_all(lws_sorted_usec_list_t *);
static int	 front_refuse(struct lws *, struct edge *,
		    const struct edge_error *);

/* The front protocol's callback: one switch. */
int
edge_front_callback(struct lws *wsi, enum lws_callback_reasons reason,
    void *user, void *in, size_t len)
{
	struct edge_front	*f = user;
	struct edge		*edge = edge_from_wsi(wsi);

	(void)in;
	(void)len;
	if (f == NULL)
		return 0;
	switch (reason) {
	case LWS_CALLBACK_RAW_ADOPT_FILE:
		buf_init(&f->in);
		edge_head_init(&f->head, edge->cfg.max_header_bytes);
		/* As lws would for headers: dropped, without an answer. */
		lws_set_timeout(wsi, PENDING_TIMEOUT_USER_OK,
		    (int)((edge->cfg.request_timeout_ms + 999) / 1000));
		return 0;
	case LWS_CALLBACK_RAW_RX_FILE:
		return front_look(wsi, edge, f);
	case LWS_CALLBACK_RAW_CLOSE_FILE:
		buf_free(&f->in);	/* (lws zeroed it, if never used) */
		return 0;
	default:
		return 0;
	}
}

/*
 * The socket is readable: peek at what came (up to one byte past the
 * limit) and decide. 0 to wait for more, -1 to close this descriptor
 * (handed over, refused, or the client left).
 */
static int
front_look(struct lws *wsi, struct edge *edge, struct edge_front *f)
{
	struct edge_error	err;
	size_t			room = f->head.max + 1 - f->in.len;
	ssize_t			n;
	int			fd = lws_get_socket_fd(wsi);

	buf_reserve(&f->in, room);
	n = recv(fd, f->in.data + f->in.len, room, MSG_PEEK);
	if (n == -1 && (errno == EAGAIN || errno == EINTR))
		return 0;
	if (n <= 0)
		return -1;	/* gone before a whole head */
	switch (edge_head_scan(&f->head, f->in.data, f->in.len + (size_t)n,
	    &err)) {
	case EDGE_HEAD_MORE:
		/* Take it, or the socket stays readable and we spin. */
		return front_take(fd, f, (size_t)n);
	case EDGE_HEAD_TOO_BIG:
		return front_refuse(wsi, edge, &err);
	case EDGE_HEAD_DONE:
		/* Read on up to the last byte, if we have begun to read. */
		if (f->in.len > 0 && front_take(fd, f, f->head.end - 1 -
		    f->in.len) == -1)
			return -1;
		return front_hand_over(wsi, edge, f);
	default:
		return front_hand_over(wsi, edge, f);
	}
}

/* Read n bytes already peeked at into f->in. */
static int
front_take(int fd, struct edge_front *f, size_t n)
{
	ssize_t	got;

	if (n == 0)
		return 0;
	got = recv(fd, f->in.data + f->in.len, n, 0);
	if (got != (ssize_t)n)
		return -1;
	f->in.len += n;
	f->in.data[f->in.len] = '\0';
	return 0;
}

/*
 * Queue the socket, and what was read of it, for lws's HTTP role on the
 * next loop turn (not from inside this descriptor's callback); closing
 * this descriptor (-1) then leaves the duplicate.
 */
static int
front_hand_over(struct lws *wsi, struct edge *edge, struct edge_front *f)
{
	struct edge_handover	*h;
	int			 fd;

	if (edge->stopping || edge->ctx == NULL)
		return -1;
	if ((fd = fcntl(lws_get_socket_fd(wsi), F_DUPFD_CLOEXEC, 0)) == -1) {
		log_warn("edge", "cannot hand a connection over");
		return -1;
	}
	if (edge->nhandover == edge->handover_cap) {
		edge->handover_cap = edge->handover_cap == 0 ? 16 :
		    edge->handover_cap * 2;
		edge->handovers = xreallocarray(edge->handovers,
		    edge->handover_cap, sizeof(*edge->handovers));
	}
	h = &edge->handovers[edge->nhandover++];
	h->fd = fd;
	h->len = f->in.len;
	h->data = h->len > 0 ? buf_detach(&f->in, NULL) : NULL;
	lws_sul_schedule(edge->ctx, 0, &edge->handover_sul, front_adopt_all,
	    1);
	return -1;
}

static void
front_adopt_all(lws_sorted_usec_list_t *sul)
{
	struct edge		*edge = EDGE_CONTAINER(sul, struct edge,
				    handover_sul);
	struct edge_handover	*h;
	struct lws		*wsi;
	size_t			 i, n = edge->nhandover;

	/* Adoption runs callbacks, which may queue more: take these. */
	for (i = 0; i < n; i++) {
		h = &edge->handovers[i];
		/* On failure lws closes the socket itself. */
		if (h->len > 0)
			wsi = lws_adopt_socket_vhost_readbuf(edge->vhost, h->fd,
			    h->data, h->len);
		else
			wsi = lws_adopt_socket_vhost(edge->vhost, h->fd);
		if (wsi == NULL)
			log_debug("edge", "a handed-over connection closed");
		free(h->data);
		h->data = NULL;
	}
	memmove(edge->handovers, edge->handovers + n,
	    (edge->nhandover - n) * sizeof(*edge->handovers));
	edge->nhandover -= n;
	if (edge->nhandover > 0)
		lws_sul_schedule(edge->ctx, 0, &edge->handover_sul,
		    front_adopt_all, 1);
}

/* Answer 414 or 431 in one write, then close, lingering: -1. */
static int
front_refuse(struct lws *wsi, struct edge *edge, const struct edge_error *err)
{
	struct buf	 b = BUF_INIT, body = BUF_INIT;

	log_debug("edge", "refusing a request head: %d", err->status);
	edge_error_body(err, &body);
	buf_addf(&b, "HTTP/1.1 %d %s\r\nserver: onionmsg\r\ncontent-type: "
	    "%s\r\ncontent-length: %zu\r\ncache-control: no-store\r\n"
	    "x-content-type-options: nosniff\r\nconnection: close\r\n\r\n%s",
	    err->status, err->status == 414 ? "URI Too Long" :
	    "Request Header Fields Too Large",
	    edge_request_media_name(EDGE_MEDIA_JSON), body.len,
	    buf_cstr(&body));
	/* The first bytes we send: the socket buffer takes them whole. */
	if (send(lws_get_socket_fd(wsi), b.data, b.len, MSG_NOSIGNAL |
	    MSG_DONTWAIT) == (ssize_t)b.len)
		atomic_fetch_add(&edge->n_requests, 1);
	buf_free(&b);
	buf_free(&body);
	edge_linger_keep(edge, wsi);
	return -1;
}

/* The per-session size lws must allocate for the front protocol. */
size_t
edge_front_pss_size(void)
{
	return sizeof(struct edge_front);
}

/* Stopping: close the sockets not handed over yet. */
void
edge_front_flush(struct edge *edge)
{
	size_t	i;

	if (edge->ctx != NULL)
		lws_sul_cancel(&edge->handover_sul);
	for (i = 0; i < edge->nhandover; i++) {
		close(edge->handovers[i].fd);
		free(edge->handovers[i].data);
	}
	edge->nhandover = 0;
	free(edge->handovers);
	edge->handovers = NULL;
	edge->handover_cap = 0;
}
