/*
 * edge_config.c: the edge's configuration: defaults, and the --listen
 * syntax. The node is reached through its onion service, which maps to a
 * local listener, so by default only loopback addresses (127.0.0.0/8,
 * ::1) and unix sockets are accepted: listening on a public interface
 * publishes the API beside tor and can unmask the node. The operator may
 * insist (--allow-public-listen).
 */
#include "config.h"

#include <sys/socket.h>
#include <sys/un.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/util.h"
#include "edge/edge.h"

static int	listen_port(const char *, int *);
static int	listen_inet(const char *, size_t, int, struct edge_listen *);

/* Fill c with the defaults (see EDGE_DEFAULT_* in edge.h). */
void
edge_config_defaults(struct edge_config *c)
{
	memset(c, 0, sizeof(*c));
	c->listen = EDGE_DEFAULT_LISTEN;
	c->max_request_bytes = EDGE_DEFAULT_MAX_REQUEST;
	c->max_header_bytes = EDGE_DEFAULT_MAX_HEADER;
	c->request_timeout_ms = EDGE_DEFAULT_REQUEST_TIMEOUT;
	c->idle_timeout_ms = EDGE_DEFAULT_IDLE_TIMEOUT;
	c->max_connections = EDGE_DEFAULT_MAX_CONNECTIONS;
	c->ws_init_timeout_ms = EDGE_DEFAULT_WS_INIT_TIMEOUT;
	c->ws_ping_interval_ms = EDGE_DEFAULT_WS_PING_INTERVAL;
	c->ws_send_queue_bytes = EDGE_DEFAULT_WS_SEND_QUEUE;
	c->ws_max_operations = EDGE_DEFAULT_WS_MAX_OPERATIONS;
	c->long_poll_max_ms = EDGE_DEFAULT_LONG_POLL_MAX;
}

static int
listen_port(const char *s, int *port)
{
	uint64_t	v;

	if (util_strtou64(s, 0, 65535, &v) == -1)
		return -1;
	*port = (int)v;
	return 0;
}

static int
listen_inet(const char *host, size_t len, int public_ok,
    struct edge_listen *l)
{
	struct in_addr	a4;
	struct in6_addr	a6;
	char		h[INET6_ADDRSTRLEN];

	if (len == 0 || len >= sizeof(h))
		return -1;
	memcpy(h, host, len);
	h[len] = '\0';
	if (strcmp(h, "localhost") == 0)
		snprintf(h, sizeof(h), "127.0.0.1");
	if (inet_pton(AF_INET, h, &a4) == 1) {
		if ((ntohl(a4.s_addr) >> 24) != 127 && !public_ok)
			return -2;
		l->family = AF_INET;
	} else if (inet_pton(AF_INET6, h, &a6) == 1) {
		if (!IN6_IS_ADDR_LOOPBACK(&a6) && !public_ok)
			return -2;
		l->family = AF_INET6;
	} else
		return -1;
	snprintf(l->addr, sizeof(l->addr), "%s", h);
	return 0;
}

/*
 * Parse a --listen value: "HOST:PORT" (IPv4 loopback or "localhost"),
 * "[::1]:PORT", or "unix:PATH" (also a bare absolute path); any IP
 * address if public_ok. Return 0, or -1 with a sentence in err.
 */
int
edge_listen_parse(const char *s, int public_ok, struct edge_listen *l,
    char *err, size_t errlen)
{
	const char	*colon, *host = s;
	size_t		 hlen;
	int		 rc;

	memset(l, 0, sizeof(*l));
	if (strncmp(s, "unix:", 5) == 0 || s[0] == '/') {
		s += s[0] == '/' ? 0 : 5;
		if (*s != '/' || strlen(s) >= sizeof(((struct sockaddr_un *)
		    NULL)->sun_path)) {
			snprintf(err, errlen, "--listen unix socket path must "
			    "be absolute and shorter than 108 bytes");
			return -1;
		}
		l->family = AF_UNIX;
		snprintf(l->addr, sizeof(l->addr), "%s", s);
		return 0;
	}
	if ((colon = strrchr(s, ':')) == NULL ||
	    listen_port(colon + 1, &l->port) == -1) {
		snprintf(err, errlen, "--listen %s: expected HOST:PORT, "
		    "[::1]:PORT or unix:PATH, with a port 0-65535", s);
		return -1;
	}
	hlen = colon - s;
	if (hlen >= 2 && s[0] == '[' && s[hlen - 1] == ']') {
		host = s + 1;
		hlen -= 2;
	}
	if ((rc = listen_inet(host, hlen, public_ok, l)) == 0)
		return 0;
	snprintf(err, errlen, rc == -2 ? "--listen %s: not a loopback address; "
	    "the node is reached through tor, so it listens on 127.0.0.1, "
	    "::1 or a unix socket only" : "--listen %s: not an IP address", s);
	return -1;
}
