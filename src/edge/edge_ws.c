/*
 * edge_ws.c: the WebSocket role callback, shared by the two subprotocols
 * (graphql-transport-ws and the legacy graphql-ws); the per-session
 * struct says which one a socket speaks.
 *
 * graphql-transport-ws (graphql-ws PROTOCOL.md): connection_init within
 * ws-init-timeout or 4408; a second one 4429; a bad token 4403; subscribe
 * before connection_ack 4401; an active id again 4409; an invalid message
 * 4400; ping answered with pong; error ends an operation without complete;
 * a client complete cancels it silently. Legacy (subscriptions-transport-
 * ws): connection_init/ack/error, ka keep-alives, start/data/error/
 * complete/stop, connection_terminate; bad messages are answered, not
 * closed on, as its server did.
 *
 * Output goes through the connection's bounded send queue and leaves only
 * from SERVER_WRITEABLE, one message per call. When the queue holds
 * ws-send-queue-bytes, reading from the client stops (whatever it sends,
 * answers cannot pile up) and edge_op_next() refuses events, pausing the
 * subscription; below half, reading resumes and paused operations get
 * handler->resume(). A heartbeat PING frame goes out every ping interval;
 * a peer silent for a whole interval after one is dropped.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/log.h"
#include "common/util.h"
#include "edge/edge_int.h"

static void	 ws_open(struct lws *, struct edge_ws *);
static int	 ws_receive(struct lws *, struct edge_ws *, const void *,
		    size_t);
static void	 ws_process(struct edge_ws *, const char *, size_t);
static void	 ws_bad_message(struct edge_ws *, const struct edge_wsmsg *,
		    const struct edge_error *);
static void	 ws_init(struct edge_ws *, const struct edge_wsmsg *);
static void	 ws_set_expiry(struct edge_ws *);
static void	 ws_pong(struct edge_ws *, const json_t *);
static void	 ws_subscribe(struct edge_ws *, struct edge_wsmsg *);
static void	 ws_stop(struct edge_ws *, const char *);
static struct edge_op *ws_find(struct edge_ws *, const char *);
static void	 ws_push(struct edge_ws *, struct buf *);
static void	 ws_send_error(struct edge_ws *, const char *, const char *,
		    const char *, const char *);
static void	 ws_send_type(struct edge_ws *, const char *);
static int	 ws_writeable(struct lws *, struct edge_ws *);
static void	 ws_drained(struct edge_ws *);
static int	 ws_timer(struct lws *, struct edge_ws *);
static void	 ws_schedule(struct edge_ws *);
static void	 ws_teardown(struct edge_ws *);

/* One callback for both WebSocket protocols: one switch. */
int
edge_ws_callback(struct lws *wsi, enum lws_callback_reasons reason,
    void *user, void *in, size_t len)
{
	struct edge_ws	*ws = user;

	switch (reason) {
	case LWS_CALLBACK_ESTABLISHED:
		ws_open(wsi, ws);
		return 0;
	case LWS_CALLBACK_RECEIVE:
		return ws_receive(wsi, ws, in, len);
	case LWS_CALLBACK_RECEIVE_PONG:
		if (ws != NULL)
			ws->ping_unanswered = 0;
		return 0;
	case LWS_CALLBACK_SERVER_WRITEABLE:
		return ws_writeable(wsi, ws);
	case LWS_CALLBACK_TIMER:
		return ws_timer(wsi, ws);
	case LWS_CALLBACK_CLOSED:
		/*
		 * lws has written its last byte and closes the socket next:
		 * keep it open until the client is done (edge_linger.c), so
		 * that what it still sends cannot turn our close into a reset.
		 * (DROP_PROTOCOL is too early: it precedes a close frame.)
		 */
		edge_linger_keep(edge_from_wsi(wsi), wsi);
		ws_teardown(ws);
		return 0;
	case LWS_CALLBACK_WS_SERVER_DROP_PROTOCOL:
		ws_teardown(ws);
		return 0;
	default:
		return 0;
	}
}

static void
ws_open(struct lws *wsi, struct edge_ws *ws)
{
	struct edge	*edge = edge_from_wsi(wsi);
	lws_usec_t	 now = lws_now_usecs();

	ws->c.kind = EDGE_CONN_WS;
	ws->c.wsi = wsi;
	ws->c.edge = edge;
	ws->proto = strcmp(lws_get_protocol(wsi)->name, EDGE_WS_PROTOCOL) == 0 ?
	    EDGE_WS : EDGE_WS_LEGACY;
	ws->state = EDGE_WS_AWAIT_INIT;
	TAILQ_INIT(&ws->ops);
	edge_sendq_init(&ws->q);
	buf_init(&ws->rx);
	ws->init_deadline = now + edge_us(edge->cfg.ws_init_timeout_ms);
	ws->next_ping = now + edge_us(edge->cfg.ws_ping_interval_ms);
	ws->last_activity = now;
	edge_conn_link(edge, &ws->c);
	atomic_fetch_add(&edge->n_ws, 1);
	if (edge->stopping)
		edge_ws_close(ws, EDGE_CLOSE_GOING_AWAY, "server shutting down",
		    0);
	ws_schedule(ws);
}

/* Collect a message's fragments, bounded; then act on it. */
static int
ws_receive(struct lws *wsi, struct edge_ws *ws, const void *in, size_t len)
{
	struct edge	*edge;

	if (ws == NULL || ws->c.kind != EDGE_CONN_WS)
		return 0;
	edge = ws->c.edge;
	ws->ping_unanswered = 0;
	if (ws->state == EDGE_WS_CLOSING)
		return 0;		/* frames after our close: ignored */
	if (lws_is_first_fragment(wsi))
		buf_reset(&ws->rx);
	if (lws_frame_is_binary(wsi)) {
		edge_ws_close(ws, ws->proto == EDGE_WS ?
		    EDGE_CLOSE_BAD_REQUEST : 1003,
		    "binary messages are not supported", 0);
		return 0;
	}
	if (ws->rx.len + len > edge->cfg.max_request_bytes) {
		edge_ws_close(ws, EDGE_CLOSE_TOO_BIG, "message too big", 0);
		return 0;
	}
	buf_add(&ws->rx, in, len);
	if (!lws_is_final_fragment(wsi))
		return 0;
	ws_process(ws, ws->rx.data != NULL ? ws->rx.data : "", ws->rx.len);
	if (ws->rx.cap > EDGE_HTTP_CHUNK * 4)
		buf_free(&ws->rx);
	else
		buf_reset(&ws->rx);
	return 0;
}

static void
ws_process(struct edge_ws *ws, const char *text, size_t len)
{
	struct edge_wsmsg	msg;
	struct edge_error	err;

	atomic_fetch_add(&ws->c.edge->n_ws_messages, 1);
	ws->last_activity = lws_now_usecs();
	if (edge_wsmsg_parse(ws->proto, text, len, &msg, &err) == -1) {
		ws_bad_message(ws, &msg, &err);
		return;
	}
	switch (msg.type) {
	case EDGE_WSMSG_INIT:
		ws_init(ws, &msg);
		break;
	case EDGE_WSMSG_PING:
		ws_pong(ws, msg.payload);
		break;
	case EDGE_WSMSG_PONG:
		break;
	case EDGE_WSMSG_SUBSCRIBE:
		ws_subscribe(ws, &msg);
		break;
	case EDGE_WSMSG_COMPLETE:
		ws_stop(ws, msg.id);
		break;
	case EDGE_WSMSG_TERMINATE:
		edge_ws_close(ws, EDGE_CLOSE_NORMAL, "terminated", 0);
		break;
	}
	edge_wsmsg_clear(&msg);
	ws_schedule(ws);
}

static void
ws_bad_message(struct edge_ws *ws, const struct edge_wsmsg *msg,
    const struct edge_error *err)
{
	if (ws->proto == EDGE_WS) {
		edge_ws_close(ws, err->close_code, err->message, 0);
		return;
	}
	if (msg->id[0] != '\0')
		ws_send_error(ws, "error", msg->id, err->message, err->code);
	else
		ws_send_error(ws, "connection_error", NULL, err->message,
		    NULL);
}

static void
ws_init(struct edge_ws *ws, const struct edge_wsmsg *msg)
{
	struct edge	*edge = ws->c.edge;
	const char	*token;
	char		 why[96] = "the token is not valid", reason[124];

	if (ws->init_seen) {
		if (ws->proto == EDGE_WS)
			edge_ws_close(ws, EDGE_CLOSE_TOO_MANY_INITS,
			    "Too many initialisation requests", 0);
		else
			ws_send_error(ws, "connection_error", NULL,
			    "the connection is already initialised", NULL);
		return;
	}
	ws->init_seen = 1;
	token = edge_wsmsg_token(msg->payload);
	if (token != NULL && edge->h.authenticate != NULL &&
	    edge->h.authenticate(token, &ws->auth, why, sizeof(why),
	    edge->arg) == -1) {
		memset(&ws->auth, 0, sizeof(ws->auth));
		snprintf(reason, sizeof(reason), "Forbidden: %s", why);
		if (ws->proto == EDGE_WS_LEGACY)
			ws_send_error(ws, "connection_error", NULL, reason,
			    NULL);
		edge_ws_close(ws, EDGE_CLOSE_FORBIDDEN, reason,
		    ws->proto == EDGE_WS_LEGACY);
		return;
	}
	ws->state = EDGE_WS_READY;
	ws_send_type(ws, "connection_ack");
	if (ws->proto == EDGE_WS_LEGACY)
		ws_send_type(ws, "ka");
	ws_set_expiry(ws);
}

/* A WebSocket outlives no token: close 4403 when it expires. */
static void
ws_set_expiry(struct edge_ws *ws)
{
	uint64_t	now = util_now_ms();

	if (!ws->auth.ok || ws->auth.expires_ms == 0)
		return;
	if (ws->auth.expires_ms <= now) {
		edge_ws_close(ws, EDGE_CLOSE_FORBIDDEN, "Forbidden: the token "
		    "has expired", 0);
		return;
	}
	ws->expires = lws_now_usecs() +
	    (lws_usec_t)(ws->auth.expires_ms - now) * 1000;
}

static void
ws_pong(struct edge_ws *ws, const json_t *payload)
{
	struct buf	b = BUF_INIT;

	edge_sendq_begin(&b);
	edge_wsmsg_build(&b, "pong", NULL, payload);
	ws_push(ws, &b);
}

static struct edge_op *
ws_find(struct edge_ws *ws, const char *id)
{
	struct edge_op	*op;

	TAILQ_FOREACH(op, &ws->ops, entry)
		if (strcmp(op->id, id) == 0)
			return op;
	return NULL;
}

static void
ws_subscribe(struct edge_ws *ws, struct edge_wsmsg *msg)
{
	struct edge	*edge = ws->c.edge;
	struct edge_op	*op;
	char		 reason[124];

	if (ws->state != EDGE_WS_READY) {
		if (ws->proto == EDGE_WS)
			edge_ws_close(ws, EDGE_CLOSE_UNAUTHORIZED,
			    "Unauthorized", 0);
		else
			ws_send_error(ws, "error", msg->id, "send "
			    "connection_init first", "BAD_REQUEST");
		return;
	}
	if ((op = ws_find(ws, msg->id)) != NULL) {
		if (ws->proto == EDGE_WS) {
			snprintf(reason, sizeof(reason), "Subscriber for %.80s "
			    "already exists", msg->id);
			edge_ws_close(ws, EDGE_CLOSE_DUPLICATE_ID, reason, 0);
			return;
		}
		edge_op_cancel(op);	/* legacy: the new start replaces it */
	}
	if (ws->nops >= edge->cfg.ws_max_operations) {
		ws_send_error(ws, "error", msg->id, "too many operations on "
		    "this connection", "RATE_LIMITED");
		return;
	}
	op = edge_op_new(edge, &ws->c, ws->proto, msg->id);
	TAILQ_INSERT_TAIL(&ws->ops, op, entry);
	ws->nops++;
	edge->h.execute(op, &msg->req, &ws->auth, edge->arg);
}

/* The client stops an operation; unknown ids are ignored (PROTOCOL.md). */
static void
ws_stop(struct edge_ws *ws, const char *id)
{
	struct edge_op	*op;

	if ((op = ws_find(ws, id)) == NULL)
		return;
	edge_op_cancel(op);
	if (ws->proto == EDGE_WS_LEGACY && ws->state != EDGE_WS_CLOSING) {
		struct buf	b = BUF_INIT;

		edge_sendq_begin(&b);
		edge_wsmsg_build(&b, "complete", id, NULL);
		ws_push(ws, &b);
	}
}

/* Queue a built message; a full queue stops reading from the client. */
static void
ws_push(struct edge_ws *ws, struct buf *b)
{
	if (ws->state == EDGE_WS_CLOSING) {
		buf_free(b);
		return;
	}
	edge_sendq_push(&ws->q, b);
	if (!ws->flow_off &&
	    ws->q.bytes >= ws->c.edge->cfg.ws_send_queue_bytes) {
		lws_rx_flow_control(ws->c.wsi, 0);
		ws->flow_off = 1;
	}
	lws_callback_on_writable(ws->c.wsi);
}

static void
ws_send_type(struct edge_ws *ws, const char *type)
{
	struct buf	b = BUF_INIT;

	edge_sendq_begin(&b);
	edge_wsmsg_build(&b, type, NULL, NULL);
	ws_push(ws, &b);
}

static void
ws_send_error(struct edge_ws *ws, const char *type, const char *id,
    const char *message, const char *code)
{
	struct buf	b = BUF_INIT;

	edge_sendq_begin(&b);
	edge_wsmsg_build_error(&b, ws->proto, type, id, message, code);
	ws_push(ws, &b);
}

/* Return whether the queue takes another event (it is not full). */
int
edge_ws_op_has_room(const struct edge_ws *ws)
{
	return ws->state != EDGE_WS_CLOSING && (ws->q.count == 0 ||
	    ws->q.bytes < ws->c.edge->cfg.ws_send_queue_bytes);
}

/*
 * Queue an operation's message: type with len bytes of JSON payload
 * (next, data) or none (complete: NULL). force: always queue (final
 * messages, bounded by the operation count); else refuse with -1 when
 * the queue is full.
 */
int
edge_ws_op_send(struct edge_ws *ws, struct edge_op *op, const char *type,
    const char *payload, size_t len, int force)
{
	size_t		limit = ws->c.edge->cfg.ws_send_queue_bytes;
	struct buf	b = BUF_INIT;

	if (ws->state == EDGE_WS_CLOSING)
		return force ? 0 : -1;
	if (!force && !edge_ws_op_has_room(ws))
		return -1;
	/* One allocation, as a rule (a reservation, not a limit). */
	buf_reserve(&b, LWS_PRE + len + 2 * strlen(op->id) + 48);
	edge_sendq_begin(&b);
	edge_wsmsg_build_text(&b, type, op->id, payload, len);
	if (!force && ws->q.count > 0 &&
	    ws->q.bytes + b.len - LWS_PRE > limit) {
		buf_free(&b);
		return -1;
	}
	ws_push(ws, &b);
	return 0;
}

/* End an operation with errors (a list); no complete follows. */
void
edge_ws_op_error(struct edge_ws *ws, struct edge_op *op, const json_t *errors)
{
	struct buf	b = BUF_INIT;

	if (!json_is_array(errors) || json_array_size(errors) == 0) {
		ws_send_error(ws, "error", op->id, "the operation failed",
		    NULL);
		return;
	}
	edge_sendq_begin(&b);
	edge_wsmsg_build(&b, "error", op->id, errors);
	ws_push(ws, &b);
}

/* An operation went away: with none left, the idle clock starts. */
void
edge_ws_op_done(struct edge_ws *ws)
{
	if (ws->state == EDGE_WS_CLOSING || ws->nops != 0)
		return;
	ws->last_activity = lws_now_usecs();
	ws_schedule(ws);
}

/*
 * Close the socket with code and reason (at most 123 bytes): at once, or
 * after_flush once the queue has gone out. Operations are cancelled now.
 */
void
edge_ws_close(struct edge_ws *ws, int code, const char *reason,
    int after_flush)
{
	struct edge_op	*op;

	if (ws->state == EDGE_WS_CLOSING)
		return;
	ws->state = EDGE_WS_CLOSING;
	ws->close_code = code;
	ws->close_after_flush = after_flush;
	snprintf(ws->close_reason, sizeof(ws->close_reason), "%s", reason);
	while ((op = TAILQ_FIRST(&ws->ops)) != NULL)
		edge_op_cancel(op);
	if (ws->flow_off) {
		lws_rx_flow_control(ws->c.wsi, 1);
		ws->flow_off = 0;
	}
	/* A client that reads nothing cannot hold the close up for long. */
	lws_set_timeout(ws->c.wsi, PENDING_TIMEOUT_CLOSE_SEND, 5);
	lws_callback_on_writable(ws->c.wsi);
}

/* Stopping: close with 1001, which clients treat as "reconnect later". */
void
edge_ws_shutdown(struct edge_ws *ws)
{
	edge_ws_close(ws, EDGE_CLOSE_GOING_AWAY, "server shutting down", 0);
}

static int
ws_writeable(struct lws *wsi, struct edge_ws *ws)
{
	unsigned char		 ping[LWS_PRE + 8];

	if (ws == NULL || ws->c.kind != EDGE_CONN_WS)
		return 0;
	if (ws->close_code != 0 && (!ws->close_after_flush ||
	    ws->q.count == 0)) {
		lws_close_reason(wsi, (enum lws_close_status)ws->close_code,
		    (unsigned char *)ws->close_reason,
		    strlen(ws->close_reason));
		return -1;
	}
	if (ws->ping_due) {
		/* lws 4.1 reports no empty PONG: give the PING a payload. */
		ws->ping_due = 0;
		ws->ping_unanswered = 1;
		memcpy(ping + LWS_PRE, "onionmsg", 8);
		if (lws_write(wsi, ping + LWS_PRE, 8, LWS_WRITE_PING) < 0)
			return -1;
	} else if (ws->q.count > 0) {
		if (edge_sendq_write(&ws->q, wsi, &ws->c.edge->pack) == -1)
			return -1;
		ws_drained(ws);
	}
	if (ws->q.count > 0 || ws->close_code != 0 || ws->ping_due)
		lws_callback_on_writable(wsi);
	return 0;
}

/* Below half the queue limit: read again, resume paused operations. */
static void
ws_drained(struct edge_ws *ws)
{
	struct edge	*edge = ws->c.edge;
	size_t		 low = edge->cfg.ws_send_queue_bytes / 2;
	struct edge_op	*op;

	if (ws->q.bytes > low || ws->state == EDGE_WS_CLOSING)
		return;
	if (ws->flow_off) {
		lws_rx_flow_control(ws->c.wsi, 1);
		ws->flow_off = 0;
	}
	TAILQ_FOREACH(op, &ws->ops, entry)
		if (op->paused)
			op->resume_pending = 1;
	/* Rescan each time: resume() may finish any operation. */
	while (ws->q.bytes <= low && ws->state != EDGE_WS_CLOSING) {
		TAILQ_FOREACH(op, &ws->ops, entry)
			if (op->resume_pending)
				break;
		if (op == NULL)
			break;
		op->resume_pending = 0;
		op->paused = 0;
		if (edge->h.resume != NULL)
			edge->h.resume(op, edge->arg);
	}
}

/* Deadlines: init (4408), token (4403), idle (1000), heartbeat. */
static int
ws_timer(struct lws *wsi, struct edge_ws *ws)
{
	struct edge	*edge;
	lws_usec_t	 now = lws_now_usecs();

	if (ws == NULL || ws->c.kind != EDGE_CONN_WS ||
	    ws->state == EDGE_WS_CLOSING)
		return 0;
	edge = ws->c.edge;
	ws->timer_at = 0;
	if (!ws->init_seen && now >= ws->init_deadline) {
		edge_ws_close(ws, EDGE_CLOSE_INIT_TIMEOUT,
		    "Connection initialisation timeout", 0);
		return 0;
	}
	if (ws->expires != 0 && now >= ws->expires) {
		edge_ws_close(ws, EDGE_CLOSE_FORBIDDEN, "Forbidden: the token "
		    "has expired", 0);
		return 0;
	}
	if (ws->nops == 0 && now >= ws->last_activity +
	    edge_us(edge->cfg.idle_timeout_ms)) {
		edge_ws_close(ws, EDGE_CLOSE_NORMAL, "idle timeout", 0);
		return 0;
	}
	if (now >= ws->next_ping) {
		if (ws->ping_unanswered || ws->ping_due) {
			log_debug("edge", "dropping a WebSocket peer silent "
			    "for %u ms", edge->cfg.ws_ping_interval_ms);
			lws_set_timeout(wsi,
			    PENDING_TIMEOUT_WS_PONG_CHECK_GET_PONG,
			    LWS_TO_KILL_ASYNC);
			return 0;
		}
		ws->ping_due = 1;
		ws->next_ping = now + edge_us(edge->cfg.ws_ping_interval_ms);
		if (ws->proto == EDGE_WS_LEGACY && ws->state == EDGE_WS_READY)
			ws_send_type(ws, "ka");
		lws_callback_on_writable(wsi);
	}
	ws_schedule(ws);
	return 0;
}

/*
 * Arm the connection's one timer for its earliest deadline. A timer armed
 * for no later stays: ws_timer() checks every deadline and re-arms, so a
 * deadline that moved later (activity) costs nothing per message - lws
 * keeps its timers in a sorted list, an insertion walks it.
 */
static void
ws_schedule(struct edge_ws *ws)
{
	struct edge	*edge = ws->c.edge;
	lws_usec_t	 now = lws_now_usecs(), t = ws->next_ping, idle;

	if (ws->c.kind != EDGE_CONN_WS || ws->state == EDGE_WS_CLOSING)
		return;
	if (!ws->init_seen && ws->init_deadline < t)
		t = ws->init_deadline;
	if (ws->expires != 0 && ws->expires < t)
		t = ws->expires;
	idle = ws->last_activity + edge_us(edge->cfg.idle_timeout_ms);
	if (ws->nops == 0 && idle < t)
		t = idle;
	/*
	 * Deadlines fall on a grain of EDGE_WS_TICK_US: thousands of idle
	 * connections' heartbeats then wake the loop a few times a second,
	 * all at once, not each on its own (every wake polls every socket).
	 */
	t += EDGE_WS_TICK_US - 1 - (t + EDGE_WS_TICK_US - 1) % EDGE_WS_TICK_US;
	if (ws->timer_at > now && ws->timer_at <= t)
		return;
	ws->timer_at = t > now ? t : now + 1;
	lws_set_timer_usecs(ws->c.wsi, ws->timer_at - now);
}

/* The socket is gone: cancel operations, free everything. */
static void
ws_teardown(struct edge_ws *ws)
{
	struct edge_op	*op;
	struct edge	*edge;

	if (ws == NULL || ws->c.kind != EDGE_CONN_WS)
		return;
	edge = ws->c.edge;
	ws->state = EDGE_WS_CLOSING;
	while ((op = TAILQ_FIRST(&ws->ops)) != NULL)
		edge_op_cancel(op);
	edge_sendq_clear(&ws->q);
	buf_free(&ws->rx);
	memset(&ws->auth, 0, sizeof(ws->auth));
	edge_conn_unlink(edge, &ws->c);
	atomic_fetch_sub(&edge->n_ws, 1);
	ws->c.kind = EDGE_CONN_NONE;
}
