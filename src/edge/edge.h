/*
 * edge.h: the edge, onionmsgd's network front: one libwebsockets service
 * loop on its own thread serving GraphQL over HTTP (POST/GET /graphql,
 * GET /healthz) and GraphQL over WebSocket (graphql-transport-ws and the
 * legacy graphql-ws subprotocol) on a loopback or unix-socket listener.
 *
 * The edge knows transports, not GraphQL. It turns each request or
 * subscribe message into a struct edge_request and hands it, with the
 * caller's authentication, to the API layer through struct edge_handler.
 * The handler answers asynchronously - at once or later, but always on the
 * edge thread - through the edge_op_*() functions. The edge owns limits,
 * timeouts, status codes, close codes, per-connection send queues and
 * backpressure.
 *
 * Threads: edge_new(), edge_start(), edge_stop(), edge_free() belong to the
 * daemon's main thread; edge_post() may be called from any thread; every
 * other function here, and every handler callback, runs on the edge thread.
 */
#ifndef OM_EDGE_H
#define OM_EDGE_H

#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

struct edge;
struct edge_op;
struct edge_timer;

/*
 * Limits and timeouts; edge_config_defaults() fills in the defaults.
 *   listen		"127.0.0.1:8080", "[::1]:0" or "unix:/path"
 *   port_file		write the bound TCP port there, or NULL
 *   max_request_bytes	an HTTP body (413), a WebSocket message (1009)
 *   max_header_bytes	request line and headers (414, 431)
 *   request_timeout_ms	headers, then the body, each (408, or dropped)
 *   idle_timeout_ms	keep-alive; a WebSocket without operations (1000)
 *   max_connections	accepted sockets; more are refused at once
 *   ws_init_timeout_ms	connection_init must arrive by then (4408)
 *   ws_ping_interval_ms	heartbeat; a peer silent after one is dropped
 *   ws_send_queue_bytes	per connection; full: subscriptions pause
 *   ws_max_operations	active operations per WebSocket
 *   long_poll_max_ms	longest an HTTP response may stay pending (503)
 *   allow_public	accept a listen address that is not loopback
 */
struct edge_config {
	const char	*listen;
	const char	*port_file;
	size_t		 max_request_bytes;
	size_t		 max_header_bytes;
	unsigned	 request_timeout_ms;
	unsigned	 idle_timeout_ms;
	unsigned	 max_connections;
	unsigned	 ws_init_timeout_ms;
	unsigned	 ws_ping_interval_ms;
	size_t		 ws_send_queue_bytes;
	unsigned	 ws_max_operations;
	unsigned	 long_poll_max_ms;
	int		 allow_public;
};

#define EDGE_DEFAULT_LISTEN		"127.0.0.1:8080"
#define EDGE_DEFAULT_MAX_REQUEST	(1024 * 1024)
#define EDGE_DEFAULT_MAX_HEADER		(8 * 1024)
#define EDGE_DEFAULT_REQUEST_TIMEOUT	10000
#define EDGE_DEFAULT_IDLE_TIMEOUT	60000
#define EDGE_DEFAULT_MAX_CONNECTIONS	1024
#define EDGE_DEFAULT_WS_INIT_TIMEOUT	3000
#define EDGE_DEFAULT_WS_PING_INTERVAL	20000
#define EDGE_DEFAULT_WS_SEND_QUEUE	(256 * 1024)
#define EDGE_DEFAULT_WS_MAX_OPERATIONS	100
#define EDGE_DEFAULT_LONG_POLL_MAX	60000

/* A parsed --listen value: loopback TCP or a unix socket. */
struct edge_listen {
	int		 family;		/* AF_INET, AF_INET6, AF_UNIX */
	char		 addr[108];		/* address, or socket path */
	int		 port;			/* TCP; 0: the kernel picks */
};

/* A GraphQL-over-HTTP request, from an HTTP request or a subscribe message. */
struct edge_request {
	char		*query;			/* the document, always set */
	char		*operation_name;	/* or NULL */
	char		*variables_json;	/* an object's JSON text, or NULL */
	size_t		 variables_len;		/* (checked: valid, no dup keys) */
	json_t		*extensions;		/* object, or NULL */
};

/* The transport an operation arrived on. */
enum edge_transport {
	EDGE_HTTP_POST = 0,
	EDGE_HTTP_GET,			/* a mutation here gets 405 */
	EDGE_WS,			/* graphql-transport-ws */
	EDGE_WS_LEGACY,			/* graphql-ws (legacy) */
};

/*
 * Who is asking, as the handler's authenticate() decided from a bearer
 * token (HTTP Authorization header, or the connection_init payload's
 * "authorization"). The edge only copies it around, and closes a
 * WebSocket with 4403 when expires_ms has passed.
 */
#define EDGE_AUTH_DATA	128
struct edge_auth {
	int		 ok;			/* a valid token came */
	uint64_t	 expires_ms;		/* wall clock; 0: never */
	unsigned char	 data[EDGE_AUTH_DATA];	/* the handler's own */
};

/* A message from another thread, delivered on the edge thread. */
struct edge_msg {
	int		 type;		/* the sender's own numbering */
	int		 arg;
	uint64_t	 value;
	void		*data;		/* handler->message owns it */
};

/* Connection counts, readable from any thread. */
struct edge_stats {
	unsigned	 connections;	/* accepted sockets now */
	unsigned	 websockets;	/* of which upgraded */
	unsigned	 operations;	/* operations in flight */
	uint64_t	 refused;	/* sockets refused at max_connections */
	uint64_t	 requests;	/* HTTP requests answered */
	uint64_t	 ws_messages;	/* WebSocket messages received */
};

/*
 * What the API layer implements. Only execute and cancel are required.
 *
 * Operation lifetime: execute() starts an operation. The handler finishes
 * it exactly once with edge_op_result(), edge_op_error() or
 * edge_op_complete() (now, inside execute(), or later from a timer or a
 * message), after which the op pointer is gone. If the transport ends it
 * first (client disconnect, client complete/stop, long-poll limit,
 * shutdown - always before fini()), the edge calls cancel() instead, once,
 * and the op is gone when cancel() returns; the handler frees what it
 * attached with edge_op_set_data(). Calls on an op inside its cancel()
 * are ignored.
 *
 * The request and auth given to execute() live for that call only: copy
 * (json_incref) what outlives it. A query or mutation answers with
 * edge_op_result(); a subscription with edge_op_next()... and then
 * edge_op_complete() or edge_op_error(). Over HTTP the first answer is
 * the response; over WebSocket a result becomes next + complete (or
 * error when it has no data).
 */
struct edge_handler {
	void	(*execute)(struct edge_op *, const struct edge_request *,
		    const struct edge_auth *, void *);
	void	(*cancel)(struct edge_op *, void *);
	/* a subscription edge_op_next() paused can produce again */
	void	(*resume)(struct edge_op *, void *);
	/* verify a bearer token; 0 and *auth filled, or -1 and why */
	int	(*authenticate)(const char *, struct edge_auth *, char *,
		    size_t, void *);
	/* GET /healthz: fill an object (it is returned), return 200 or 503 */
	int	(*health)(json_t *, void *);
	void	(*message)(const struct edge_msg *, void *);
	/* edge thread start (after the listener exists) and end */
	int	(*init)(struct edge *, void *);
	void	(*fini)(struct edge *, void *);
};

/* Lifecycle, main thread. */
void		 edge_config_defaults(struct edge_config *);
int		 edge_listen_parse(const char *, int, struct edge_listen *,
		    char *, size_t);
struct edge	*edge_new(const struct edge_config *,
		    const struct edge_handler *, void *, char *, size_t);
int		 edge_start(struct edge *);
void		 edge_stop(struct edge *);
void		 edge_free(struct edge *);
int		 edge_port(const struct edge *);
const struct edge_config *edge_get_config(const struct edge *);

/* Any thread. */
int		 edge_post(struct edge *, const struct edge_msg *);
void		 edge_get_stats(struct edge *, struct edge_stats *);

/* Operations, edge thread. */
enum edge_transport edge_op_transport(const struct edge_op *);
struct edge	*edge_op_edge(const struct edge_op *);
const char	*edge_op_id(const struct edge_op *);
void		 edge_op_set_data(struct edge_op *, void *);
void		*edge_op_data(const struct edge_op *);
void		 edge_op_result(struct edge_op *, int, const json_t *);
void		 edge_op_result_text(struct edge_op *, int, int, const char *,
		    size_t);
int		 edge_op_next(struct edge_op *, const json_t *);
int		 edge_op_next_text(struct edge_op *, const char *, size_t);
void		 edge_op_error(struct edge_op *, const json_t *);
void		 edge_op_complete(struct edge_op *);
int		 edge_op_is_paused(const struct edge_op *);

/*
 * Timers, edge thread (create them in init(), execute() or message()):
 * one callback, re-armable, also from the callback; free cancels. Those
 * left at stop are disarmed after fini() and may still be freed.
 */
struct edge_timer *edge_timer_new(struct edge *, void (*)(void *), void *);
void		 edge_timer_set(struct edge_timer *, unsigned);
void		 edge_timer_cancel(struct edge_timer *);
int		 edge_timer_is_pending(const struct edge_timer *);
void		 edge_timer_fire_now(struct edge_timer *);
void		 edge_timer_free(struct edge_timer *);

/*
 * A refusal, as the pure parsers (edge_request.h, edge_wsmsg.h) report it:
 * the HTTP status, the WebSocket close code (0: answer, do not close), a
 * stable extensions.code and a message.
 */
struct edge_error {
	int		 status;	/* HTTP status */
	int		 close_code;	/* WebSocket close code, 0: not fatal */
	const char	*code;		/* extensions.code */
	char		 message[160];
};

/* Free what a request owns (edge_request.c). */
void	 edge_request_clear(struct edge_request *);

#endif
