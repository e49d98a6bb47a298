/*
 * edge_op.c: operations, the unit of work between the edge and the API
 * layer. An operation belongs to one connection (an HTTP transaction or a
 * WebSocket) and lives until the handler finishes it (result, error,
 * complete) or the edge cancels it (the client went away or stopped it,
 * a timeout, shutdown) - exactly one of the two, so the handler never
 * holds a dangling pointer. The functions here check and dispatch; the
 * transports (edge_http.c, edge_ws.c) write the bytes.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/log.h"
#include "common/xmalloc.h"
#include "edge/edge_int.h"

static int	 op_is_ws(const struct edge_op *);
static int	 op_usable(const struct edge_op *, const char *);
static void	 op_finish_text(struct edge_op *, int, int, const char *,
		    size_t);

/* Create an operation on conn; id is the WebSocket operation id or NULL. */
struct edge_op *
edge_op_new(struct edge *edge, struct edge_conn *conn,
    enum edge_transport transport, const char *id)
{
	struct edge_op	*op;

	op = xcalloc(1, sizeof(*op));
	op->edge = edge;
	op->conn = conn;
	op->transport = transport;
	if (id != NULL)
		snprintf(op->id, sizeof(op->id), "%s", id);
	atomic_fetch_add(&edge->n_ops, 1);
	return op;
}

/* Detach op from its connection and free it; the handler is done with it. */
void
edge_op_free(struct edge_op *op)
{
	struct edge_ws		*ws;
	struct edge_http	*http;

	if (op_is_ws(op)) {
		ws = (struct edge_ws *)op->conn;
		TAILQ_REMOVE(&ws->ops, op, entry);
		ws->nops--;
		edge_ws_op_done(ws);
	} else {
		http = (struct edge_http *)op->conn;
		if (http->op == op)
			http->op = NULL;
	}
	atomic_fetch_sub(&op->edge->n_ops, 1);
	free(op);
}

/* End op from the transport side: tell the handler, then free it. */
void
edge_op_cancel(struct edge_op *op)
{
	op->cancelling = 1;
	op->edge->h.cancel(op, op->edge->arg);
	edge_op_free(op);
}

static int
op_is_ws(const struct edge_op *op)
{
	return op->transport == EDGE_WS || op->transport == EDGE_WS_LEGACY;
}

static int
op_usable(const struct edge_op *op, const char *what)
{
	if (op == NULL)
		return 0;
	if (op->cancelling) {
		log_debug("edge", "%s on an operation being cancelled", what);
		return 0;
	}
	return 1;
}

/* Return the transport op arrived on. */
enum edge_transport
edge_op_transport(const struct edge_op *op)
{
	return op->transport;
}

/* Return the edge op belongs to (for timers). */
struct edge *
edge_op_edge(const struct edge_op *op)
{
	return op->edge;
}

/* Return the WebSocket operation id, or "" for HTTP. */
const char *
edge_op_id(const struct edge_op *op)
{
	return op->id;
}

/* Attach the handler's own state to op. */
void
edge_op_set_data(struct edge_op *op, void *data)
{
	op->data = data;
}

/* Return the handler's state attached to op. */
void *
edge_op_data(const struct edge_op *op)
{
	return op->data;
}

/* Return whether edge_op_next() refused op's last event (queue full). */
int
edge_op_is_paused(const struct edge_op *op)
{
	return op->paused;
}

/* Send a final result as text: HTTP response, or next/data + complete. */
static void
op_finish_text(struct edge_op *op, int status, int has_data, const char *text,
    size_t len)
{
	struct edge_ws	*ws = (struct edge_ws *)op->conn;

	if (!op_is_ws(op))
		edge_http_op_result((struct edge_http *)op->conn, status,
		    has_data, text, len);
	else if (text == NULL && op->transport == EDGE_WS) {
		/* No result at all: an internal failure closes 4500. */
		edge_op_free(op);
		edge_ws_close(ws, EDGE_CLOSE_INTERNAL, "Internal server error",
		    0);
		return;
	} else if (text == NULL)
		edge_ws_op_error(ws, op, NULL);
	else {
		edge_ws_op_send(ws, op, op->transport == EDGE_WS ? "next" :
		    "data", text, len, 1);
		edge_ws_op_send(ws, op, "complete", NULL, 0, 1);
	}
	edge_op_free(op);
}

/*
 * Finish a query or mutation with its GraphQL response (an object with
 * data and/or errors). status is an HTTP status the handler insists on
 * (405 for a mutation over GET, 401, 429 ...) or 0 for the usual rules
 * (see edge_request_status()). Over graphql-transport-ws: next and
 * complete, or error when there is no data (a request error). A NULL
 * result is an internal failure: 500 over HTTP, close 4500 over
 * graphql-transport-ws.
 */
void
edge_op_result(struct edge_op *op, int status, const json_t *result)
{
	char	*text;

	if (!op_usable(op, "result"))
		return;
	if (op->transport == EDGE_WS && result != NULL &&
	    json_object_get(result, "data") == NULL) {
		edge_ws_op_error((struct edge_ws *)op->conn, op,
		    json_object_get(result, "errors"));
		edge_op_free(op);
		return;
	}
	text = result != NULL ? json_dumps(result, JSON_COMPACT) : NULL;
	op_finish_text(op, status, json_object_get(result, "data") != NULL,
	    text, text != NULL ? strlen(text) : 0);
	free(text);
}

/*
 * The same with the response already serialized (len bytes of a JSON
 * object), for a handler that writes JSON text itself; has_data says
 * whether it has a "data" member.
 */
void
edge_op_result_text(struct edge_op *op, int status, int has_data,
    const char *text, size_t len)
{
	json_t	*result;

	if (!op_usable(op, "result"))
		return;
	if (op->transport == EDGE_WS && !has_data) {
		/* A request error: rare enough to parse for its errors. */
		result = json_loadb(text, len, 0, NULL);
		edge_ws_op_error((struct edge_ws *)op->conn, op,
		    json_object_get(result, "errors"));
		json_decref(result);
		edge_op_free(op);
		return;
	}
	op_finish_text(op, status, has_data, text, len);
}

/*
 * Send one event of a subscription. Return 0, or -1 when the connection's
 * send queue is full: the event was not sent, op is paused, and
 * handler->resume(op) will be called once the queue has drained; resume
 * then from the last event that went out (the follower's cursor). Over
 * HTTP the first event is the whole response.
 */
int
edge_op_next(struct edge_op *op, const json_t *payload)
{
	char	*text;
	int	 rc;

	if (!op_usable(op, "next"))
		return -1;
	if (op_is_ws(op) && !edge_ws_op_has_room((struct edge_ws *)op->conn)) {
		op->paused = 1;
		return -1;
	}
	text = json_dumps(payload, JSON_COMPACT);
	if (text == NULL)
		text = strdup("{}");
	rc = edge_op_next_text(op, text, strlen(text));
	free(text);
	return rc;
}

/* The same with the event already serialized (a JSON object). */
int
edge_op_next_text(struct edge_op *op, const char *text, size_t len)
{
	if (!op_usable(op, "next"))
		return -1;
	if (!op_is_ws(op)) {
		op_finish_text(op, 0, 1, text, len);
		return 0;
	}
	if (edge_ws_op_send((struct edge_ws *)op->conn, op,
	    op->transport == EDGE_WS ? "next" : "data", text, len, 0) == -1) {
		op->paused = 1;
		return -1;
	}
	return 0;
}

/* End op with GraphQL errors (a list); no complete follows. */
void
edge_op_error(struct edge_op *op, const json_t *errors)
{
	json_t	*body;
	char	*text;

	if (!op_usable(op, "error"))
		return;
	if (op_is_ws(op)) {
		edge_ws_op_error((struct edge_ws *)op->conn, op, errors);
		edge_op_free(op);
		return;
	}
	body = json_object();
	if (json_is_array(errors))
		json_object_set(body, "errors", (json_t *)errors);
	else
		json_object_set_new(body, "errors", json_pack("[{s:s}]",
		    "message", "the operation failed"));
	text = json_dumps(body, JSON_COMPACT);
	json_decref(body);
	op_finish_text(op, 0, 0, text, strlen(text));
	free(text);
}

/* End a subscription normally. */
void
edge_op_complete(struct edge_op *op)
{
	static const char	text[] = "{\"errors\":[{\"message\":\"the "
				    "operation ended without a result\","
				    "\"extensions\":{\"code\":"
				    "\"INTERNAL_SERVER_ERROR\"}}]}";

	if (!op_usable(op, "complete"))
		return;
	if (!op_is_ws(op)) {
		/* A stream cannot answer an HTTP request by itself. */
		op_finish_text(op, 500, 0, text, sizeof(text) - 1);
		return;
	}
	edge_ws_op_send((struct edge_ws *)op->conn, op, "complete", NULL, 0,
	    1);
	edge_op_free(op);
}
