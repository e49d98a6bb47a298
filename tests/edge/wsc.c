/*
 * wsc.c: the edge tests' minimal client: a TCP connect to 127.0.0.1, raw
 * HTTP writes and reads, and RFC 6455 framing (masked client frames,
 * unmasked server frames, 7/16/64-bit lengths). The handshake's key is
 * fixed: the tests check the server, not the client.
 */
#include "config.h"

#include <sys/socket.h>

#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "common/util.h"
#include "common/xmalloc.h"
#include "wsc.h"

static int	wsc_fill(struct wsc *, size_t, int);

/* Connect to 127.0.0.1:port; return the fd or -1. */
int
tcp_connect(int port)
{
	struct sockaddr_in	sin;
	int			fd, one = 1;

	memset(&sin, 0, sizeof(sin));
	sin.sin_family = AF_INET;
	sin.sin_port = htons(port);
	sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if ((fd = socket(AF_INET, SOCK_STREAM, 0)) == -1)
		return -1;
	setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
	if (connect(fd, (struct sockaddr *)&sin, sizeof(sin)) == -1) {
		close(fd);
		return -1;
	}
	return fd;
}

/* Write all of s; return 0 or -1. */
int
raw_send(int fd, const char *s)
{
	size_t	len = strlen(s), off = 0;
	ssize_t	n;

	while (off < len) {
		n = send(fd, s + off, len - off, MSG_NOSIGNAL);
		if (n <= 0)
			return -1;
		off += (size_t)n;
	}
	return 0;
}

/* Read until EOF, len-1 bytes or ms of silence; return bytes read. */
int
raw_read_all(int fd, char *buf, size_t len, int ms)
{
	struct pollfd	pfd = { fd, POLLIN, 0 };
	size_t		off = 0;
	ssize_t		n;

	while (off + 1 < len && poll(&pfd, 1, ms) == 1) {
		n = recv(fd, buf + off, len - 1 - off, 0);
		if (n <= 0)
			break;
		off += (size_t)n;
	}
	buf[off] = '\0';
	return (int)off;
}

/* Return 1 if the peer closed fd within ms (reading and discarding). */
int
raw_is_closed(int fd, int ms)
{
	struct pollfd	pfd = { fd, POLLIN, 0 };
	char		buf[4096];
	uint64_t	end = util_mono_us() + (uint64_t)ms * 1000;
	ssize_t		n;

	while (util_mono_us() < end) {
		if (poll(&pfd, 1, 50) != 1)
			continue;
		n = recv(fd, buf, sizeof(buf), 0);
		if (n <= 0)
			return 1;
	}
	return 0;
}

/* Open a WebSocket to /graphql with subprotocol proto (NULL: none). */
struct wsc *
wsc_connect(int port, const char *proto)
{
	struct wsc	*c;
	char		 req[512], resp[2048];
	int		 fd, n;

	if ((fd = tcp_connect(port)) == -1)
		return NULL;
	snprintf(req, sizeof(req), "GET /graphql HTTP/1.1\r\nHost: 127.0.0.1\r\n"
	    "Upgrade: websocket\r\nConnection: Upgrade\r\n"
	    "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
	    "Sec-WebSocket-Version: 13\r\n%s%s%s\r\n",
	    proto != NULL ? "Sec-WebSocket-Protocol: " : "",
	    proto != NULL ? proto : "", proto != NULL ? "\r\n" : "");
	if (raw_send(fd, req) == -1)
		goto fail;
	/* Read the 101 response byte by byte, to leave frames unread. */
	for (n = 0; n < (int)sizeof(resp) - 1; n++) {
		struct pollfd pfd = { fd, POLLIN, 0 };

		if (poll(&pfd, 1, 3000) != 1 || recv(fd, resp + n, 1, 0) != 1)
			goto fail;
		resp[n + 1] = '\0';
		if (n >= 3 && strcmp(resp + n - 3, "\r\n\r\n") == 0)
			break;
	}
	if (strncmp(resp, "HTTP/1.1 101", 12) != 0)
		goto fail;
	c = xcalloc(1, sizeof(*c));
	c->fd = fd;
	c->auto_pong = 1;
	return c;
fail:
	close(fd);
	return NULL;
}

/* Close and free a client. */
void
wsc_free(struct wsc *c)
{
	if (c == NULL)
		return;
	close(c->fd);
	free(c->rbuf);
	free(c);
}

/* Send one masked, final frame. */
int
wsc_send_frame(struct wsc *c, int opcode, const void *data, size_t len)
{
	return wsc_send_fragment(c, opcode, 1, data, len);
}

/* Send one masked frame; fin 0 leaves the message open. */
int
wsc_send_fragment(struct wsc *c, int opcode, int fin, const void *data,
    size_t len)
{
	static const unsigned char mask[4] = { 0x12, 0x34, 0x56, 0x78 };
	unsigned char	*f, *p;
	size_t		 i, hl;
	ssize_t		 n;
	int		 rc = 0;

	f = xmalloc(len + 14);
	f[0] = (fin ? 0x80 : 0) | (opcode & 0x0f);
	if (len < 126) {
		f[1] = 0x80 | len;
		hl = 2;
	} else if (len < 65536) {
		f[1] = 0x80 | 126;
		f[2] = len >> 8;
		f[3] = len & 0xff;
		hl = 4;
	} else {
		f[1] = 0x80 | 127;
		for (i = 0; i < 8; i++)
			f[2 + i] = (uint64_t)len >> (56 - 8 * i);
		hl = 10;
	}
	memcpy(f + hl, mask, 4);
	p = f + hl + 4;
	for (i = 0; i < len; i++)
		p[i] = ((const unsigned char *)data)[i] ^ mask[i % 4];
	for (i = 0; i < hl + 4 + len; i += (size_t)n) {
		n = send(c->fd, f + i, hl + 4 + len - i, MSG_NOSIGNAL);
		if (n <= 0) {
			rc = -1;
			break;
		}
	}
	free(f);
	return rc;
}

/* Send a text message. */
int
wsc_send(struct wsc *c, const char *text)
{
	return wsc_send_frame(c, 1, text, strlen(text));
}

/* Make at least want bytes available in rbuf, waiting up to ms. */
static int
wsc_fill(struct wsc *c, size_t want, int ms)
{
	struct pollfd	pfd = { c->fd, POLLIN, 0 };
	ssize_t		n;

	while (c->rlen < want) {
		if (c->rcap < want + 65536) {
			c->rcap = want + 65536;
			c->rbuf = xrealloc(c->rbuf, c->rcap);
		}
		if (poll(&pfd, 1, ms) != 1)
			return -1;
		n = recv(c->fd, c->rbuf + c->rlen, c->rcap - c->rlen, 0);
		if (n <= 0)
			return -1;
		c->rlen += (size_t)n;
	}
	return 0;
}

/*
 * Receive one frame within ms. PINGs are answered (if auto_pong) and
 * skipped; a close frame's code and reason are kept. Return 0 or -1.
 */
int
wsc_recv(struct wsc *c, struct wsc_msg *m, int ms)
{
	unsigned char	*h;
	uint64_t	 len;
	size_t		 hl, i;

	for (;;) {
		if (wsc_fill(c, 2, ms) == -1)
			return -1;
		h = (unsigned char *)c->rbuf;
		len = h[1] & 0x7f;
		hl = 2;
		if (len == 126) {
			if (wsc_fill(c, 4, ms) == -1)
				return -1;
			h = (unsigned char *)c->rbuf;
			len = (h[2] << 8) | h[3];
			hl = 4;
		} else if (len == 127) {
			if (wsc_fill(c, 10, ms) == -1)
				return -1;
			h = (unsigned char *)c->rbuf;
			for (len = 0, i = 0; i < 8; i++)
				len = (len << 8) | h[2 + i];
			hl = 10;
		}
		if (wsc_fill(c, hl + len, ms) == -1)
			return -1;
		m->opcode = c->rbuf[0] & 0x0f;
		m->len = len;
		m->data = xmalloc(len + 1);
		memcpy(m->data, c->rbuf + hl, len);
		m->data[len] = '\0';
		memmove(c->rbuf, c->rbuf + hl + len, c->rlen - hl - len);
		c->rlen -= hl + len;
		if (m->opcode == 8 && len >= 2) {
			c->close_code = ((unsigned char)m->data[0] << 8) |
			    (unsigned char)m->data[1];
			snprintf(c->close_reason, sizeof(c->close_reason),
			    "%.*s", (int)len - 2, m->data + 2);
		}
		if (m->opcode == 9 && c->auto_pong) {
			wsc_send_frame(c, 10, m->data, m->len);
			free(m->data);
			continue;
		}
		if (m->opcode == 9 || m->opcode == 10) {
			free(m->data);
			continue;
		}
		return 0;
	}
}

/* Receive the next text message (NULL on timeout, close or error). */
char *
wsc_recv_text(struct wsc *c, int ms)
{
	struct wsc_msg	m;

	if (wsc_recv(c, &m, ms) == -1)
		return NULL;
	if (m.opcode != 1) {
		free(m.data);
		return NULL;
	}
	return m.data;
}

/* Wait for the server's close frame; return its code, or -1. */
int
wsc_wait_close(struct wsc *c, int ms)
{
	struct wsc_msg	m;
	uint64_t	end = util_mono_us() + (uint64_t)ms * 1000;

	while (util_mono_us() < end) {
		if (wsc_recv(c, &m, ms) == -1)
			return c->close_code != 0 ? c->close_code : -1;
		free(m.data);
		if (m.opcode == 8)
			return c->close_code;
	}
	return -1;
}
