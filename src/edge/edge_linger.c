/*
 * edge_linger.c: lingering close for the sockets lws lets go of. lws 4.1.6
 * ends a connection with shutdown(SHUT_WR) and close() at once
 * (lib/core-net/close.c, __lws_close_free_wsi: its staged close waiting
 * for the peer's FIN is skipped because it marks the socket unusable just
 * before testing that mark). If the client has sent bytes that nobody
 * read - frames after its WebSocket close frame, or before it read ours -
 * closing makes the kernel answer with a reset instead of a FIN, and a
 * client that is still writing sees the reset (EPIPE) before it read our
 * close frame: the close handshake is lost (RFC 6455 7.1.1 wants the TCP
 * connection closed cleanly; RFC 9112 9.6 describes the same for HTTP).
 *
 * So the edge keeps a duplicate of the descriptor when lws is about to
 * close it: lws's close() then only drops its own descriptor, its
 * shutdown(SHUT_WR) still sends our FIN, and the socket stays readable.
 * On the next turn of the loop the duplicate is adopted as a raw socket of
 * the "onionmsg-linger" protocol, which reads and discards what still
 * arrives until the client closes too or EDGE_LINGER_S pass; only then
 * is the socket closed, with nothing unread.
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
#include "edge/edge_int.h"

#define EDGE_LINGER_S		2	/* the longest a socket lingers */
#define EDGE_LINGER_MAX		4096	/* kept at once, waiting for adoption */

static void	linger_adopt_all(lws_sorted_usec_list_t *);

/*
 * Keep wsi's socket past lws's close of it, to be drained and closed by
 * the linger protocol. Call it from the CLOSED callback: lws has written
 * its last byte by then and closes the descriptor right after (not from
 * DROP_PROTOCOL, which may come before lws writes a close frame).
 */
void
edge_linger_keep(struct edge *edge, struct lws *wsi)
{
	int	fd = lws_get_socket_fd(wsi), dup;

	if (fd < 0 || edge->stopping || edge->ctx == NULL ||
	    edge->nlinger >= EDGE_LINGER_MAX)
		return;
	if ((dup = fcntl(fd, F_DUPFD_CLOEXEC, 0)) == -1) {
		log_debug("edge", "linger: dup: %s", strerror(errno));
		return;
	}
	/* lws may not shut it down itself (an error, say): we do. */
	shutdown(dup, SHUT_WR);
	if (edge->nlinger == edge->linger_cap) {
		edge->linger_cap = edge->linger_cap == 0 ? 16 :
		    edge->linger_cap * 2;
		edge->linger_fds = xreallocarray(edge->linger_fds,
		    edge->linger_cap, sizeof(*edge->linger_fds));
	}
	edge->linger_fds[edge->nlinger++] = dup;
	/* Adopt it outside lws's closing of wsi: on the next loop turn. */
	lws_sul_schedule(edge->ctx, 0, &edge->linger_sul, linger_adopt_all, 1);
}

static void
linger_adopt_all(lws_sorted_usec_list_t *sul)
{
	struct edge		*edge = EDGE_CONTAINER(sul, struct edge,
				    linger_sul);
	lws_sock_file_fd_type	 fd;
	size_t			 i;

	for (i = 0; i < edge->nlinger; i++) {
		fd.sockfd = edge->linger_fds[i];
		/* On failure lws closes the descriptor itself. */
		if (lws_adopt_descriptor_vhost(edge->vhost, LWS_ADOPT_SOCKET,
		    fd, EDGE_LINGER_PROTOCOL, NULL) == NULL)
			log_debug("edge", "linger: cannot adopt a socket");
	}
	edge->nlinger = 0;
}

/* The linger protocol's callback: read and discard, then close. */
int
edge_linger_callback(struct lws *wsi, enum lws_callback_reasons reason,
    void *user, void *in, size_t len)
{
	(void)user;
	(void)in;
	(void)len;
	switch (reason) {
	case LWS_CALLBACK_RAW_ADOPT:
		lws_set_timeout(wsi, PENDING_TIMEOUT_USER_OK, EDGE_LINGER_S);
		return 0;
	case LWS_CALLBACK_RAW_RX:
		return 0;	/* discarded; EOF or the timeout closes */
	default:
		return 0;
	}
}

/* Stopping: close the kept sockets not adopted yet (lws closes the rest). */
void
edge_linger_flush(struct edge *edge)
{
	size_t	i;

	if (edge->ctx != NULL)
		lws_sul_cancel(&edge->linger_sul);
	for (i = 0; i < edge->nlinger; i++)
		close(edge->linger_fds[i]);
	edge->nlinger = 0;
	free(edge->linger_fds);
	edge->linger_fds = NULL;
	edge->linger_cap = 0;
}
