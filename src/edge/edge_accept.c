/*
 * edge_accept.c: the listening socket. The edge opens it itself (so that
 * start-up fails in words: a busy port with its errno) and lws polls it as
 * a raw descriptor: when it is readable, this accepts the waiting
 * connections, refuses those past --max-connections or while stopping
 * (accepted and closed at once, as lws's own listener does), and gives
 * the others to the front (edge_front.c), which looks at the request head
 * before lws does. lws's own listener cannot do that: it hands every
 * socket to a role that reads it.
 */
#include "config.h"

#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>

#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "common/log.h"
#include "edge/edge_int.h"

#define ACCEPT_BATCH	64	/* connections accepted per wake-up */
#define ACCEPT_PAUSE_MS	100	/* out of descriptors: wait this long */

static socklen_t accept_addr(const struct edge_listen *,
		    struct sockaddr_storage *);
static int	 accept_some(struct lws *, struct edge *);
static int	 accept_refuse(struct edge *);
static void	 accept_front(struct edge *, int);

static socklen_t
accept_addr(const struct edge_listen *l, struct sockaddr_storage *ss)
{
	struct sockaddr_in	*s4 = (struct sockaddr_in *)ss;
	struct sockaddr_in6	*s6 = (struct sockaddr_in6 *)ss;
	struct sockaddr_un	*su = (struct sockaddr_un *)ss;

	memset(ss, 0, sizeof(*ss));
	switch (l->family) {
	case AF_UNIX:
		su->sun_family = AF_UNIX;
		snprintf(su->sun_path, sizeof(su->sun_path), "%s", l->addr);
		return sizeof(*su);
	case AF_INET:
		s4->sin_family = AF_INET;
		s4->sin_port = htons(l->port);
		inet_pton(AF_INET, l->addr, &s4->sin_addr);
		return sizeof(*s4);
	default:
		s6->sin6_family = AF_INET6;
		s6->sin6_port = htons(l->port);
		inet_pton(AF_INET6, l->addr, &s6->sin6_addr);
		return sizeof(*s6);
	}
}

/*
 * Bind and listen on l (a stale unix socket is replaced, the new one is
 * mode 0660). Return the socket and the bound port (0 for a unix
 * socket), or -1 with a sentence in err.
 */
int
edge_accept_open(const struct edge_listen *l, int *port, char *err,
    size_t errlen)
{
	struct sockaddr_storage	 ss;
	struct stat		 sb;
	socklen_t		 len = accept_addr(l, &ss);
	int			 fd, one = 1;

	*port = 0;
	if ((fd = socket(l->family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC,
	    0)) == -1)
		goto fail;
	if (l->family == AF_UNIX) {
		if (lstat(l->addr, &sb) == 0 && S_ISSOCK(sb.st_mode))
			unlink(l->addr);
	} else
		setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	if (l->family == AF_INET6)
		setsockopt(fd, IPPROTO_IPV6, IPV6_V6ONLY, &one, sizeof(one));
	if (bind(fd, (struct sockaddr *)&ss, len) == -1 ||
	    (l->family == AF_UNIX && chmod(l->addr, 0660) == -1) ||
	    listen(fd, SOMAXCONN) == -1)
		goto fail;
	len = sizeof(ss);
	if (l->family != AF_UNIX) {
		if (getsockname(fd, (struct sockaddr *)&ss, &len) == -1)
			goto fail;
		*port = ntohs(l->family == AF_INET ?
		    ((struct sockaddr_in *)&ss)->sin_port :
		    ((struct sockaddr_in6 *)&ss)->sin6_port);
	}
	return fd;
fail:
	if (l->family == AF_UNIX)
		snprintf(err, errlen, "cannot listen on unix:%s: %s", l->addr,
		    strerror(errno));
	else
		snprintf(err, errlen, "cannot listen on %s port %d: %s",
		    l->addr, l->port, strerror(errno));
	if (fd != -1)
		close(fd);
	return -1;
}

/*
 * Give the listening socket fd to lws to poll (before the service loop
 * runs). Return 0, or -1 (fd is closed then).
 */
int
edge_accept_start(struct edge *edge, int fd)
{
	lws_sock_file_fd_type	u;

	u.filefd = fd;
	if (lws_adopt_descriptor_vhost(edge->vhost, LWS_ADOPT_RAW_FILE_DESC, u,
	    EDGE_ACCEPT_PROTOCOL, NULL) == NULL) {
		close(fd);
		return -1;
	}
	/* The listener is not a connection (WSI_CREATE counted it). */
	atomic_fetch_sub(&edge->n_conns, 1);
	return 0;
}

/* The listener's callback: accept when readable. */
int
edge_accept_callback(struct lws *wsi, enum lws_callback_reasons reason,
    void *user, void *in, size_t len)
{
	(void)user;
	(void)in;
	(void)len;
	switch (reason) {
	case LWS_CALLBACK_RAW_RX_FILE:
		return accept_some(wsi, edge_from_wsi(wsi));
	case LWS_CALLBACK_TIMER:
		/* The pause for descriptors is over. */
		lws_rx_flow_control(wsi, 1);
		return 0;
	default:
		return 0;
	}
}

static int
accept_some(struct lws *wsi, struct edge *edge)
{
	int	fd, n;

	for (n = 0; n < ACCEPT_BATCH; n++) {
		fd = accept4(lws_get_socket_fd(wsi), NULL, NULL,
		    SOCK_NONBLOCK | SOCK_CLOEXEC);
		if (fd != -1) {
			if (accept_refuse(edge))
				close(fd);
			else
				accept_front(edge, fd);
			continue;
		}
		if (errno == EINTR || errno == ECONNABORTED)
			continue;
		if (errno == EAGAIN || errno == EWOULDBLOCK)
			break;
		/* Out of descriptors or memory: stop polling for a while. */
		log_warn("edge", "accept");
		lws_rx_flow_control(wsi, 0);
		lws_set_timer_usecs(wsi, edge_us(ACCEPT_PAUSE_MS));
		break;
	}
	return 0;
}

/* Refuse a new socket when full or stopping. */
static int
accept_refuse(struct edge *edge)
{
	if (!edge->stopping &&
	    atomic_load(&edge->n_conns) < edge->cfg.max_connections)
		return 0;
	atomic_fetch_add(&edge->n_refused, 1);
	log_debug("edge", "refusing a connection: %u open",
	    atomic_load(&edge->n_conns));
	return 1;
}

/* Hand an accepted socket to the front protocol. */
static void
accept_front(struct edge *edge, int fd)
{
	lws_sock_file_fd_type	u;
	int			one = 1;

	if (edge->listen_at.family != AF_UNIX)
		setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
	u.filefd = fd;
	/* (lws does not close a raw descriptor it failed to adopt.) */
	if (lws_adopt_descriptor_vhost(edge->vhost, LWS_ADOPT_RAW_FILE_DESC, u,
	    EDGE_FRONT_PROTOCOL, NULL) == NULL) {
		log_debug("edge", "cannot adopt a connection");
		close(fd);
	}
}
