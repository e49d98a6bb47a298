/*
 * edge_int.h: what the edge's own files share and nobody else sees: the
 * edge itself, the per-session structs lws allocates for each connection
 * (one per HTTP transaction, one per WebSocket), operations, the bounded
 * send queue, and the functions the role callbacks call across files.
 */
#ifndef OM_EDGE_INT_H
#define OM_EDGE_INT_H

#include <sys/queue.h>

#include <libwebsockets.h>
#include <pthread.h>
#include <stddef.h>
#include <stdatomic.h>

#include "common/buf.h"
#include "common/mq.h"
#include "edge/edge.h"
#include "edge/edge_request.h"
#include "edge/edge_wsmsg.h"

/* container_of without the alignment warning of a char * cast */
#define EDGE_CONTAINER(ptr, type, member) \
	((type *)(void *)((char *)(ptr) - offsetof(type, member)))

#define EDGE_HTTP_CHUNK		16384	/* bytes per HTTP body write */
#define EDGE_HTTP_PROBE_MS	250	/* look for a departed client */
#define EDGE_WS_TICK_US		100000	/* WebSocket deadlines' grain */
#define EDGE_HTTP_DRAIN_MAX	((uint64_t)64 << 20) /* refused body to read */
#define EDGE_INBOX_BATCH	1024	/* messages per wake-up */
#define EDGE_SHUTDOWN_GRACE_MS	2000	/* close handshakes at stop */
#define EDGE_LINGER_PROTOCOL	"onionmsg-linger" /* see edge_linger.c */
#define EDGE_FRONT_PROTOCOL	"onionmsg-front"  /* see edge_front.c */
#define EDGE_ACCEPT_PROTOCOL	"onionmsg-accept" /* see edge_accept.c */

enum edge_conn_kind {
	EDGE_CONN_NONE = 0,		/* pss not yet set up */
	EDGE_CONN_HTTP,
	EDGE_CONN_WS,
};

/* What both per-session structs start with. */
struct edge_conn {
	enum edge_conn_kind	 kind;
	struct lws		*wsi;
	struct edge		*edge;
	TAILQ_ENTRY(edge_conn)	 entry;
	int			 linked;
};
TAILQ_HEAD(edge_conn_list, edge_conn);

struct edge_op {
	TAILQ_ENTRY(edge_op)	 entry;
	struct edge		*edge;
	struct edge_conn	*conn;
	enum edge_transport	 transport;
	int			 cancelling;	/* in handler->cancel */
	int			 paused;	/* edge_op_next refused */
	int			 resume_pending; /* resume on drain */
	void			*data;
	char			 id[EDGE_WS_ID_MAX + 1];
};
TAILQ_HEAD(edge_op_list, edge_op);

/* One queued WebSocket message; its text starts LWS_PRE bytes into mem. */
struct edge_sendq_item {
	STAILQ_ENTRY(edge_sendq_item)	 entry;
	char				*mem;
	size_t				 len;
};

struct edge_sendq {
	STAILQ_HEAD(, edge_sendq_item)	 items;
	size_t				 bytes;
	size_t				 count;
};

enum edge_http_state {
	EDGE_HTTP_NEW = 0,
	EDGE_HTTP_BODY,			/* reading the POST body */
	EDGE_HTTP_EXEC,			/* the handler has the operation */
	EDGE_HTTP_RESPOND,		/* writing the response */
	EDGE_HTTP_DONE,
};

/* Per-session struct of the "http" protocol: one HTTP transaction. */
struct edge_http {
	struct edge_conn	 c;
	enum edge_http_state	 state;
	enum edge_method	 method;	/* HEAD is GET ... */
	int			 head;		/* ... without the body */
	struct edge_http_plan	 plan;
	int			 send_continue;	/* Expect: 100-continue */
	struct buf		 body;
	int			 body_done;	/* BODY_COMPLETION seen */
	struct edge_op		*op;
	/* the response */
	int			 status;
	const char		*allow;
	int			 www_authenticate;
	int			 close_after;	/* body unread: close */
	int			 drain;		/* ... after reading it */
	struct buf		 resp;
	size_t			 sent;
	int			 headers_sent;
	lws_usec_t		 deadline;	/* body: 408; operation: 503 */
};

enum edge_ws_state {
	EDGE_WS_AWAIT_INIT = 0,
	EDGE_WS_READY,			/* connection_ack sent */
	EDGE_WS_CLOSING,
};

/* Per-session struct of both WebSocket protocols. */
struct edge_ws {
	struct edge_conn	 c;
	enum edge_transport	 proto;
	enum edge_ws_state	 state;
	int			 init_seen;
	struct edge_auth	 auth;
	struct edge_op_list	 ops;
	unsigned		 nops;
	struct edge_sendq	 q;
	int			 flow_off;	/* rx paused: queue full */
	struct buf		 rx;
	lws_usec_t		 init_deadline;
	lws_usec_t		 next_ping;
	lws_usec_t		 last_activity;
	lws_usec_t		 timer_at;	/* armed for, 0: not */
	lws_usec_t		 expires;	/* token expiry, 0: none */
	int			 ping_due;	/* write a PING frame */
	int			 ping_unanswered;
	int			 close_code;
	int			 close_after_flush;
	char			 close_reason[124];
};

/* A socket the front has looked at, waiting for lws's HTTP role. */
struct edge_handover {
	int			 fd;
	char			*data;		/* what it read, or NULL */
	size_t			 len;
};

struct edge_timer {
	lws_sorted_usec_list_t	 sul;		/* first: container_of */
	struct edge		*edge;
	void			(*cb)(void *);
	void			*arg;
	int			 pending;
	TAILQ_ENTRY(edge_timer)	 entry;
};
TAILQ_HEAD(edge_timer_list, edge_timer);

struct edge {
	struct edge_config	 cfg;
	char			*listen;
	char			*port_file;
	struct edge_handler	 h;
	void			*arg;
	struct edge_listen	 listen_at;
	struct lws_protocols	 protocols[8];
	struct lws_context	*ctx;
	struct lws_vhost	*vhost;
	pthread_mutex_t		 ctx_mtx;	/* ctx, for wakes from others */
	struct mq		*inbox;
	pthread_mutex_t		 post_mtx;	/* inbox open or closed */
	int			 post_closed;
	pthread_t		 thread;
	int			 thread_started;
	pthread_cond_t		 init_cond;	/* under post_mtx */
	int			 init_done;
	int			 init_rc;
	int			 port;
	atomic_int		 stop_requested;
	/* edge thread only */
	struct edge_conn_list	 conns;
	struct edge_timer_list	 timers;
	int			 stopping;
	int			 done;
	lws_sorted_usec_list_t	 stop_sul;
	lws_sorted_usec_list_t	 linger_sul;
	int			*linger_fds;	/* kept, not yet adopted */
	size_t			 nlinger;
	size_t			 linger_cap;
	lws_sorted_usec_list_t	 handover_sul;
	struct edge_handover	*handovers;	/* not yet adopted */
	size_t			 nhandover;
	size_t			 handover_cap;
	struct buf		 pack;		/* edge_sendq_write's, reused */
	/* counters, read by edge_get_stats() from any thread */
	atomic_uint		 n_conns;
	atomic_uint		 n_ws;
	atomic_uint		 n_ops;
	atomic_uint_fast64_t	 n_refused;
	atomic_uint_fast64_t	 n_requests;
	atomic_uint_fast64_t	 n_ws_messages;
};

/* edge.c */
struct edge	*edge_from_wsi(struct lws *);
void		 edge_conn_link(struct edge *, struct edge_conn *);
void		 edge_conn_unlink(struct edge *, struct edge_conn *);
void		 edge_drain_inbox(struct edge *);
lws_usec_t	 edge_us(unsigned);
void		 edge_park_timer(struct lws *);

/* edge_accept.c */
int		 edge_accept_open(const struct edge_listen *, int *, char *,
		    size_t);
int		 edge_accept_start(struct edge *, int);
int		 edge_accept_callback(struct lws *, enum lws_callback_reasons,
		    void *, void *, size_t);

/* edge_front.c */
int		 edge_front_callback(struct lws *, enum lws_callback_reasons,
		    void *, void *, size_t);
size_t		 edge_front_pss_size(void);
void		 edge_front_flush(struct edge *);

/* edge_http.c */
int		 edge_http_callback(struct lws *, enum lws_callback_reasons,
		    void *, void *, size_t);
void		 edge_http_op_result(struct edge_http *, int, int, const char *,
		    size_t);
void		 edge_http_shutdown(struct edge_http *);

/* edge_ws.c */
int		 edge_ws_callback(struct lws *, enum lws_callback_reasons,
		    void *, void *, size_t);
int		 edge_ws_op_send(struct edge_ws *, struct edge_op *,
		    const char *, const char *, size_t, int);
int		 edge_ws_op_has_room(const struct edge_ws *);
void		 edge_ws_op_error(struct edge_ws *, struct edge_op *,
		    const json_t *);
void		 edge_ws_op_done(struct edge_ws *);
void		 edge_ws_shutdown(struct edge_ws *);
void		 edge_ws_close(struct edge_ws *, int, const char *, int);

/* edge_raw.c */
int		 edge_raw_callback(struct lws *, enum lws_callback_reasons,
		    void *, void *, size_t);
size_t		 edge_raw_pss_size(void);

/* edge_linger.c */
void		 edge_linger_keep(struct edge *, struct lws *);
int		 edge_linger_callback(struct lws *, enum lws_callback_reasons,
		    void *, void *, size_t);
void		 edge_linger_flush(struct edge *);

/* edge_op.c */
struct edge_op	*edge_op_new(struct edge *, struct edge_conn *,
		    enum edge_transport, const char *);
void		 edge_op_cancel(struct edge_op *);
void		 edge_op_free(struct edge_op *);

/* edge_sendq.c */
void		 edge_sendq_init(struct edge_sendq *);
void		 edge_sendq_clear(struct edge_sendq *);
void		 edge_sendq_begin(struct buf *);
void		 edge_sendq_push(struct edge_sendq *, struct buf *);
struct edge_sendq_item *edge_sendq_peek(struct edge_sendq *);
void		 edge_sendq_pop(struct edge_sendq *);
int		 edge_sendq_write(struct edge_sendq *, struct lws *,
		    struct buf *);

/* edge_timer.c */
void		 edge_timer_orphan_all(struct edge *);

#endif
