/*
 * edge_raw.c: the "raw" role callback, where lws hands a connection whose
 * first line is not an HTTP request it can parse: a CONNECT, a method it
 * does not know (TRACE, PROPFIND ...), or junk. Left alone, lws would
 * keep such a socket open with no timeout at all. Here it gets a short
 * one; something shaped like a request line gets the same 405 as any
 * other method /graphql does not take, and anything else (a TLS
 * ClientHello on the plain port, noise) is closed at once.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "edge/edge_int.h"

#define RAW_GRACE_S	2	/* the longest a raw socket may stay */

struct edge_raw {
	int	seen;		/* the first bytes were looked at */
};

static int	raw_is_request_line(const unsigned char *, size_t);
static int	raw_write_405(struct lws *);

static int
raw_is_request_line(const unsigned char *p, size_t len)
{
	size_t	i;

	for (i = 0; i < len && i < 24 && p[i] >= 'A' && p[i] <= 'Z'; i++)
		;
	return i > 0 && i < len && p[i] == ' ';
}

static int
raw_write_405(struct lws *wsi)
{
	static const char	body[] = "{\"errors\":[{\"message\":"
				    "\"/graphql takes GET (queries) and POST\","
				    "\"extensions\":{\"code\":"
				    "\"METHOD_NOT_ALLOWED\"}}]}";
	unsigned char		buf[LWS_PRE + 512];
	int			n;

	n = snprintf((char *)buf + LWS_PRE, sizeof(buf) - LWS_PRE,
	    "HTTP/1.1 405 Method Not Allowed\r\nserver: onionmsg\r\n"
	    "content-type: application/json; charset=utf-8\r\n"
	    "allow: GET, POST\r\nconnection: close\r\n"
	    "content-length: %zu\r\n\r\n%s", sizeof(body) - 1, body);
	if (n <= 0 || (size_t)n >= sizeof(buf) - LWS_PRE)
		return -1;
	lws_write(wsi, buf + LWS_PRE, (size_t)n, LWS_WRITE_RAW);
	return -1;		/* and close */
}

/* The raw role's callback: one switch. */
int
edge_raw_callback(struct lws *wsi, enum lws_callback_reasons reason,
    void *user, void *in, size_t len)
{
	struct edge_raw	*raw = user;

	switch (reason) {
	case LWS_CALLBACK_RAW_ADOPT:
		lws_set_timeout(wsi, PENDING_TIMEOUT_USER_OK, RAW_GRACE_S);
		return 0;
	case LWS_CALLBACK_RAW_RX:
		if (raw == NULL || raw->seen)
			return 0;
		raw->seen = 1;
		if (!raw_is_request_line(in, len))
			return -1;
		lws_callback_on_writable(wsi);
		return 0;
	case LWS_CALLBACK_RAW_WRITEABLE:
		return raw_write_405(wsi);
	default:
		return 0;
	}
}

/* The per-session size lws must allocate for the raw protocol. */
size_t
edge_raw_pss_size(void)
{
	return sizeof(struct edge_raw);
}
