/*
 * wsc.h: a deliberately small, blocking WebSocket and raw-HTTP client for
 * the edge's tests, so they can misbehave on purpose: not read, not
 * answer pings, send binary or invalid frames, write after closing, hold
 * sockets open. Loopback only; every wait has a timeout.
 */
#ifndef OM_WSC_H
#define OM_WSC_H

#include <stddef.h>

struct wsc {
	int	 fd;
	int	 auto_pong;		/* answer PING frames (default on) */
	char	*rbuf;
	size_t	 rlen, rcap;
	int	 close_code;		/* from the server's close frame */
	char	 close_reason[128];
};

struct wsc_msg {
	int	 opcode;		/* 1 text, 2 binary, 8 close, 9 ping */
	char	*data;			/* NUL-terminated; free() it */
	size_t	 len;
};

int	 tcp_connect(int);
int	 raw_send(int, const char *);
int	 raw_read_all(int, char *, size_t, int);
int	 raw_is_closed(int, int);

struct wsc *wsc_connect(int, const char *);
void	 wsc_free(struct wsc *);
int	 wsc_send_frame(struct wsc *, int, const void *, size_t);
int	 wsc_send_fragment(struct wsc *, int, int, const void *, size_t);
int	 wsc_send(struct wsc *, const char *);
int	 wsc_recv(struct wsc *, struct wsc_msg *, int);
char	*wsc_recv_text(struct wsc *, int);
int	 wsc_wait_close(struct wsc *, int);

#endif
