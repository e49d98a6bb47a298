/*
 * edge_http.c: the "http" role callback, protocols[0] of the vhost. It
 * also owns what lws reports to protocols[0] for every connection:
 * counting sockets (edge_accept.c refuses them past --max-connections),
 * vetting WebSocket upgrades, the cross-thread wake-up, and WebSockets
 * that asked for no subprotocol we speak (accepted, then closed 4406).
 *
 * One HTTP transaction per per-session struct (lws frees and re-creates
 * it between keep-alive requests): headers -> plan (404/405/406/415/411/
 * 413/414/431) -> body (408 if slow) -> request (400) -> authentication
 * (401) -> the handler's operation, which answers now or later (long
 * poll; a client that disconnects cancels it) -> the response, written
 * only from HTTP_WRITEABLE in chunks. A response sent before the body was
 * read closes the connection instead of keeping it alive.
 */
#include "config.h"

#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/log.h"
#include "common/util.h"
#include "common/xmalloc.h"
#include "edge/edge_int.h"

#define HTTP_MAX_ARGS	64

static int	 http_confirm_upgrade(struct lws *, const char *);
static int	 http_refuse_upgrade(struct lws *, const struct edge_error *,
		    const char *);
static int	 http_offers_ours(const char *);
static int	 http_start(struct lws *, struct edge_http *, const char *);
static int	 http_sizes_ok(struct lws *, struct edge *,
		    struct edge_error *);
static char	*http_hdr(struct lws *, enum lws_token_indexes);
static size_t	 http_args(struct lws *, char **);
static int	 http_plan(struct lws *, struct edge_http *, const char *,
		    struct edge_error *);
static void	 http_get(struct lws *, struct edge_http *);
static void	 http_body(struct edge_http *, const void *, size_t);
static int	 http_body_done(struct lws *, struct edge_http *);
static int	 http_auth(struct lws *, struct edge_http *, struct edge_auth *,
		    struct edge_error *);
static void	 http_dispatch(struct lws *, struct edge_http *,
		    struct edge_request *);
static void	 http_health(struct edge_http *);
static void	 http_fail(struct edge_http *, const struct edge_error *);
static void	 http_respond(struct edge_http *, int);
static int	 http_writeable(struct lws *, struct edge_http *);
static int	 http_write_continue(struct lws *, struct edge_http *);
static int	 http_write_headers(struct lws *, struct edge_http *);
static int	 http_timer(struct lws *, struct edge_http *);
static int	 http_peer_gone(struct lws *);
static void	 http_teardown(struct edge_http *);
static void	 http_wipe(char *);
static int	 http_dump_cb(const char *, size_t, void *);

/* One protocols[0] callback: one switch, a helper per event. */
int
edge_http_callback(struct lws *wsi, enum lws_callback_reasons reason,
    void *user, void *in, size_t len)
{
	struct edge_http	*http = user;
	struct edge		*edge = edge_from_wsi(wsi);

	switch (reason) {
	case LWS_CALLBACK_WSI_CREATE:
		atomic_fetch_add(&edge->n_conns, 1);
		return 0;
	case LWS_CALLBACK_WSI_DESTROY:
		if (atomic_load(&edge->n_conns) > 0)
			atomic_fetch_sub(&edge->n_conns, 1);
		return 0;
	case LWS_CALLBACK_HTTP_CONFIRM_UPGRADE:
		return http_confirm_upgrade(wsi, in);
	case LWS_CALLBACK_HTTP:
		return http_start(wsi, http, in);
	case LWS_CALLBACK_HTTP_BODY:
		http_body(http, in, len);
		return 0;
	case LWS_CALLBACK_HTTP_BODY_COMPLETION:
		return http_body_done(wsi, http);
	case LWS_CALLBACK_HTTP_WRITEABLE:
		return http_writeable(wsi, http);
	case LWS_CALLBACK_TIMER:
		return http_timer(wsi, http);
	case LWS_CALLBACK_HTTP_DROP_PROTOCOL:
	case LWS_CALLBACK_CLOSED_HTTP:
		http_teardown(http);
		return 0;
	case LWS_CALLBACK_EVENT_WAIT_CANCELLED:
		edge_drain_inbox(edge);
		return 0;
	case LWS_CALLBACK_ESTABLISHED:
		/* A WebSocket without a subprotocol we speak. */
		lws_callback_on_writable(wsi);
		return 0;
	case LWS_CALLBACK_CLOSED:
		/* That WebSocket closed: drain what it still sends. */
		edge_linger_keep(edge, wsi);
		return 0;
	case LWS_CALLBACK_SERVER_WRITEABLE:
		lws_close_reason(wsi,
		    (enum lws_close_status)EDGE_CLOSE_SUBPROTOCOL,
		    (unsigned char *)"Subprotocol not acceptable", 26);
		return -1;
	default:
		return 0;
	}
}

/*
 * Refuse a WebSocket handshake with an HTTP error. lws wants that answer
 * written from HTTP_CONFIRM_UPGRADE itself (returning 1 says it was; the
 * connection then closes), before it has read the request's HTTP
 * version, so the response is composed here whole: the one response not
 * sent from HTTP_WRITEABLE.
 */
static int
http_refuse_upgrade(struct lws *wsi, const struct edge_error *err,
    const char *extra)
{
	struct buf	 b = BUF_INIT, body = BUF_INIT;
	const char	*reason;
	int		 rc;

	switch (err->status) {
	case 404:
		reason = "Not Found";
		break;
	case 426:
		reason = "Upgrade Required";
		break;
	case 503:
		reason = "Service Unavailable";
		break;
	default:
		reason = "Bad Request";
		break;
	}
	edge_error_body(err, &body);
	edge_sendq_begin(&b);
	buf_addf(&b, "HTTP/1.1 %d %s\r\nserver: onionmsg\r\ncontent-type: "
	    "%s\r\ncontent-length: %zu\r\nconnection: close\r\n%s\r\n%s",
	    err->status, reason, edge_request_media_name(EDGE_MEDIA_JSON),
	    body.len, extra != NULL ? extra : "", body.data);
	rc = lws_write(wsi, (unsigned char *)b.data + LWS_PRE, b.len - LWS_PRE,
	    LWS_WRITE_HTTP_HEADERS) == (int)(b.len - LWS_PRE) ? 1 : -1;
	buf_free(&b);
	buf_free(&body);
	return rc;
}

/* Return whether a Sec-WebSocket-Protocol list names one we speak. */
static int
http_offers_ours(const char *list)
{
	const char	*s = list;
	size_t		 n;

	while (*s != '\0') {
		s += strspn(s, " \t,");
		n = strcspn(s, " \t,");
		if ((n == strlen(EDGE_WS_PROTOCOL) &&
		    strncmp(s, EDGE_WS_PROTOCOL, n) == 0) ||
		    (n == strlen(EDGE_WS_LEGACY_PROTOCOL) &&
		    strncmp(s, EDGE_WS_LEGACY_PROTOCOL, n) == 0))
			return 1;
		s += n;
	}
	return 0;
}

/*
 * Vet a WebSocket handshake before lws performs it: GET /graphql, version
 * 13 (else 426, RFC 6455 4.2.2), one of our subprotocols if any is named
 * (else 400; none named is accepted and closed 4406). Other upgrades
 * (h2c) are hung up on: returning -1 does that.
 */
static int
http_confirm_upgrade(struct lws *wsi, const char *upgrade)
{
	struct edge		*edge = edge_from_wsi(wsi);
	struct edge_error	 err;
	char			*uri = NULL, *v;
	int			 meth, len = 0, rc = 0;

	if (upgrade == NULL || strcasecmp(upgrade, "websocket") != 0)
		return -1;
	if (edge->stopping) {
		edge_error_set(&err, 503, 0, "UNAVAILABLE",
		    "the server is shutting down");
		return http_refuse_upgrade(wsi, &err, NULL);
	}
	if (!http_sizes_ok(wsi, edge, &err))
		return http_refuse_upgrade(wsi, &err, NULL);
	meth = lws_http_get_uri_and_method(wsi, &uri, &len);
	if (meth != LWSHUMETH_GET || uri == NULL ||
	    (strcmp(uri, "/graphql") != 0 && strcmp(uri, "/graphql/") != 0)) {
		edge_error_set(&err, 404, 0, "NOT_FOUND",
		    "WebSockets are served at GET /graphql");
		return http_refuse_upgrade(wsi, &err, NULL);
	}
	v = http_hdr(wsi, WSI_TOKEN_VERSION);
	if (v == NULL || strcmp(v, "13") != 0) {
		edge_error_set(&err, 426, 0, "BAD_REQUEST",
		    "only WebSocket version 13 is spoken");
		rc = http_refuse_upgrade(wsi, &err,
		    "sec-websocket-version: 13\r\n");
	}
	free(v);
	if (rc != 0)
		return rc;
	v = http_hdr(wsi, WSI_TOKEN_PROTOCOL);
	if (v != NULL && !http_offers_ours(v)) {
		edge_error_set(&err, 400, 0, "BAD_REQUEST", "no subprotocol "
		    "spoken here: use " EDGE_WS_PROTOCOL " (or the legacy "
		    EDGE_WS_LEGACY_PROTOCOL ")");
		rc = http_refuse_upgrade(wsi, &err, NULL);
	}
	free(v);
	return rc;
}

/*
 * Check the request's size: the URI (414) and the request line plus the
 * header values lws stores (431). The front (edge_front.c) measured the
 * first request of the connection whole; this is what later requests of
 * a keep-alive connection get: lws counts no header it does not know,
 * and drops, without an answer, a request that overflows its buffer.
 */
static int
http_sizes_ok(struct lws *wsi, struct edge *edge, struct edge_error *err)
{
	size_t	uri = 0, total = 0, n;
	int	t;

	for (t = 0; t < WSI_TOKEN_COUNT; t++) {
		n = lws_hdr_total_length(wsi, (enum lws_token_indexes)t);
		total += n;
		if (t == WSI_TOKEN_GET_URI || t == WSI_TOKEN_POST_URI ||
		    t == WSI_TOKEN_HTTP_URI_ARGS)
			uri += n;
	}
	if (uri > edge->cfg.max_header_bytes) {
		edge_error_set(err, 414, 0, "URI_TOO_LONG", "the URI is over "
		    "%zu bytes; send the query with POST",
		    edge->cfg.max_header_bytes);
		return 0;
	}
	if (total > edge->cfg.max_header_bytes) {
		edge_error_set(err, 431, 0, "HEADERS_TOO_LARGE",
		    "the request headers are over %zu bytes",
		    edge->cfg.max_header_bytes);
		return 0;
	}
	return 1;
}

/* Copy a header's value (fragments joined by commas), or NULL. */
static char *
http_hdr(struct lws *wsi, enum lws_token_indexes t)
{
	int	 n = lws_hdr_total_length(wsi, t);
	char	*s;

	if (n <= 0)
		return NULL;
	s = xmalloc((size_t)n + 256);
	if (lws_hdr_copy(wsi, s, n + 256, t) < 0) {
		free(s);
		return NULL;
	}
	return s;
}

/* Copy the decoded query arguments ("name=value") into args. */
static size_t
http_args(struct lws *wsi, char **args)
{
	size_t	 n;
	char	*a;
	int	 len;

	for (n = 0; n < HTTP_MAX_ARGS; n++) {
		len = lws_hdr_fragment_length(wsi, WSI_TOKEN_HTTP_URI_ARGS,
		    (int)n);
		a = xmalloc((size_t)len + 1);
		if (lws_hdr_copy_fragment(wsi, a, len + 1,
		    WSI_TOKEN_HTTP_URI_ARGS, (int)n) < 0) {
			free(a);
			break;
		}
		args[n] = a;
	}
	return n;
}

/* Start a transaction: headers are in; plan it, then read, then run. */
static int
http_start(struct lws *wsi, struct edge_http *http, const char *path)
{
	struct edge		*edge = edge_from_wsi(wsi);
	struct edge_error	 err;
	lws_usec_t		 to = edge_us(edge->cfg.request_timeout_ms);

	http->c.kind = EDGE_CONN_HTTP;
	http->c.wsi = wsi;
	http->c.edge = edge;
	buf_init(&http->body);
	buf_init(&http->resp);
	edge_conn_link(edge, &http->c);
	if (edge->stopping || !http_sizes_ok(wsi, edge, &err)) {
		if (edge->stopping)
			edge_error_set(&err, 503, 0, "UNAVAILABLE",
			    "the server is shutting down");
		http->close_after = 1;
		http_fail(http, &err);
		return 0;
	}
	if (http_plan(wsi, http, path, &err) == -1) {
		http_fail(http, &err);
		return 0;
	}
	if (http->plan.route == EDGE_ROUTE_HEALTH) {
		http_health(http);
		return 0;
	}
	if (http->method == EDGE_METHOD_GET) {
		http_get(wsi, http);
		return 0;
	}
	http->state = EDGE_HTTP_BODY;
	/* Reserve a little: a claimed length is not yet a body. */
	buf_reserve(&http->body, http->plan.body_len < 65536 ?
	    http->plan.body_len : 65536);
	http->deadline = lws_now_usecs() + to;
	lws_set_timer_usecs(wsi, to);
	/* lws's own body timeout, later than ours so that ours answers 408 */
	lws_set_timeout(wsi, PENDING_TIMEOUT_HTTP_CONTENT,
	    (int)(edge->cfg.request_timeout_ms / 1000) + 5);
	if (lws_hdr_total_length(wsi, WSI_TOKEN_HTTP_EXPECT) > 0) {
		http->send_continue = 1;
		lws_callback_on_writable(wsi);
	}
	return 0;
}

/* Read the request line and headers into a plan. */
static int
http_plan(struct lws *wsi, struct edge_http *http, const char *path,
    struct edge_error *err)
{
	struct edge		*edge = http->c.edge;
	struct edge_http_in	 in;
	char			*accept, *ctype, *clen, *te, *uri = NULL;
	int			 meth, len = 0, rc;
	uint64_t		 dummy;

	meth = lws_http_get_uri_and_method(wsi, &uri, &len);
	/* HEAD is GET without the body (RFC 9110 9.3.2). */
	http->head = meth == LWSHUMETH_HEAD;
	http->method = meth == LWSHUMETH_GET || http->head ? EDGE_METHOD_GET :
	    meth == LWSHUMETH_POST ? EDGE_METHOD_POST : EDGE_METHOD_OTHER;
	memset(&in, 0, sizeof(in));
	in.method = http->method;
	in.path = path;
	in.accept = accept = http_hdr(wsi, WSI_TOKEN_HTTP_ACCEPT);
	in.content_type = ctype = http_hdr(wsi, WSI_TOKEN_HTTP_CONTENT_TYPE);
	in.content_length = clen = http_hdr(wsi, WSI_TOKEN_HTTP_CONTENT_LENGTH);
	in.transfer_encoding = te = http_hdr(wsi,
	    WSI_TOKEN_HTTP_TRANSFER_ENCODING);
	rc = edge_request_plan(&in, edge->cfg.max_request_bytes, &http->plan,
	    err);
	/* A body may follow that we will not read: do not keep alive. */
	if (rc == -1 && (http->method != EDGE_METHOD_GET || te != NULL ||
	    (clen != NULL && strcmp(clen, "0") != 0))) {
		http->close_after = 1;
		/* With a plain length, drain it after answering (below). */
		http->drain = te == NULL && clen != NULL &&
		    util_strtou64(clen, 0, EDGE_HTTP_DRAIN_MAX, &dummy) == 0;
	}
	free(accept);
	free(ctype);
	free(clen);
	free(te);
	return rc;
}

static void
http_get(struct lws *wsi, struct edge_http *http)
{
	struct edge_request	 req;
	struct edge_error	 err;
	char			*args[HTTP_MAX_ARGS];
	size_t			 n, i;
	int			 rc;

	n = http_args(wsi, args);
	rc = edge_request_from_args((const char *const *)args, n, &req, &err);
	for (i = 0; i < n; i++)
		free(args[i]);
	if (rc == -1)
		http_fail(http, &err);
	else
		http_dispatch(wsi, http, &req);
}

static void
http_body(struct edge_http *http, const void *in, size_t len)
{
	if (http->c.kind != EDGE_CONN_HTTP || http->state != EDGE_HTTP_BODY)
		return;
	if (http->body.len + len > http->plan.body_len)
		len = http->plan.body_len - http->body.len;
	buf_add(&http->body, in, len);
}

static int
http_body_done(struct lws *wsi, struct edge_http *http)
{
	struct edge_request	req;
	struct edge_error	err;

	if (http->c.kind != EDGE_CONN_HTTP)
		return 0;
	/*
	 * lws 4.1 reports BODY_COMPLETION again for bytes that follow the
	 * body (pipelining) while the response is pending, and again, and
	 * again: close instead (see http_peer_gone()). After an early
	 * answer (413 ...) it may report it twice; that closes anyway.
	 */
	if (http->body_done++ > 0 && !http->close_after)
		return -1;
	if (http->state != EDGE_HTTP_BODY)
		return 0;
	edge_park_timer(wsi);
	http->send_continue = 0;
	if (edge_request_from_body(http->body.data, http->body.len, &req,
	    &err) == -1)
		http_fail(http, &err);
	else
		http_dispatch(wsi, http, &req);
	buf_free(&http->body);
	return 0;
}

static void
http_wipe(char *s)
{
	if (s == NULL)
		return;
#ifdef HAVE_EXPLICIT_BZERO
	explicit_bzero(s, strlen(s));
#else
	memset(s, 0, strlen(s));
#endif
	free(s);
}

/* Authenticate an "Authorization: Bearer" header; no header: anonymous. */
static int
http_auth(struct lws *wsi, struct edge_http *http, struct edge_auth *auth,
    struct edge_error *err)
{
	struct edge	*edge = http->c.edge;
	const char	*token;
	char		*value, why[128] = "the token is not valid";
	int		 rc = 0;

	memset(auth, 0, sizeof(*auth));
	if ((value = http_hdr(wsi, WSI_TOKEN_HTTP_AUTHORIZATION)) == NULL)
		return 0;
	if ((token = edge_request_bearer(value)) == NULL) {
		edge_error_set(err, 401, 0, "UNAUTHENTICATED",
		    "use Authorization: Bearer <token>");
		rc = -1;
	} else if (edge->h.authenticate != NULL &&
	    edge->h.authenticate(token, auth, why, sizeof(why),
	    edge->arg) == -1) {
		edge_error_set(err, 401, 0, "UNAUTHENTICATED", "%s", why);
		rc = -1;
	}
	http_wipe(value);
	return rc;
}

/* Hand a parsed request to the handler as an operation. */
static void
http_dispatch(struct lws *wsi, struct edge_http *http, struct edge_request *req)
{
	struct edge		*edge = http->c.edge;
	struct edge_auth	 auth;
	struct edge_error	 err;
	unsigned		 limit;

	if (http_auth(wsi, http, &auth, &err) == -1) {
		edge_request_clear(req);
		http_fail(http, &err);
		return;
	}
	http->state = EDGE_HTTP_EXEC;
	http->op = edge_op_new(edge, &http->c, http->method == EDGE_METHOD_GET ?
	    EDGE_HTTP_GET : EDGE_HTTP_POST, NULL);
	/* Even a long poll ends: answer 503 past this, drop later still. */
	limit = edge->cfg.long_poll_max_ms + edge->cfg.request_timeout_ms;
	http->deadline = lws_now_usecs() + edge_us(limit);
	lws_set_timer_usecs(wsi, edge_us(EDGE_HTTP_PROBE_MS));
	lws_set_timeout(wsi, PENDING_TIMEOUT_USER_OK, (int)(limit / 1000) + 10);
	edge->h.execute(http->op, req, &auth, edge->arg);
	edge_request_clear(req);
#ifdef HAVE_EXPLICIT_BZERO
	explicit_bzero(&auth, sizeof(auth));
#endif
}

static int
http_dump_cb(const char *p, size_t len, void *arg)
{
	buf_add(arg, p, len);
	return 0;
}

/* GET /healthz: the handler's view (tor, store) plus the edge's counters. */
static void
http_health(struct edge_http *http)
{
	struct edge		*edge = http->c.edge;
	struct edge_stats	 st;
	json_t			*obj = json_object();
	int			 status = 200;

	if (edge->h.health != NULL)
		status = edge->h.health(obj, edge->arg);
	if (json_object_get(obj, "status") == NULL)
		json_object_set_new(obj, "status", json_string(status == 200 ?
		    "ok" : "unavailable"));
	edge_get_stats(edge, &st);
	json_object_set_new(obj, "edge", json_pack("{s:I,s:I,s:I,s:I}",
	    "connections", (json_int_t)st.connections, "websockets",
	    (json_int_t)st.websockets, "operations", (json_int_t)st.operations,
	    "refused", (json_int_t)st.refused));
	edge_sendq_begin(&http->resp);
	json_dump_callback(obj, http_dump_cb, &http->resp, JSON_COMPACT);
	json_decref(obj);
	http->plan.media = EDGE_MEDIA_JSON;
	http_respond(http, status);
}

/* Answer with a GraphQL-shaped error. */
static void
http_fail(struct edge_http *http, const struct edge_error *err)
{
	edge_sendq_begin(&http->resp);
	edge_error_body(err, &http->resp);
	if (err->status == 405)
		http->allow = http->plan.allow;
	if (err->status == 401)
		http->www_authenticate = 1;
	http_respond(http, err->status);
}

static void
http_respond(struct edge_http *http, int status)
{
	http->status = status;
	http->state = EDGE_HTTP_RESPOND;
	/* Keep probing while a slow reader takes the response. */
	lws_set_timer_usecs(http->c.wsi, edge_us(EDGE_HTTP_PROBE_MS));
	lws_callback_on_writable(http->c.wsi);
}

/*
 * The handler's answer to an HTTP operation (see edge_op_result()): len
 * bytes of JSON text, or NULL for an internal error.
 */
void
edge_http_op_result(struct edge_http *http, int status, int has_data,
    const char *text, size_t len)
{
	int	st;

	if (http->state != EDGE_HTTP_EXEC)
		return;
	st = edge_request_status(http->plan.media, status, has_data);
	edge_sendq_begin(&http->resp);
	if (text != NULL)
		buf_add(&http->resp, text, len);
	else {
		st = 500;
		buf_adds(&http->resp, "{\"errors\":[{\"message\":\"no result\","
		    "\"extensions\":{\"code\":\"INTERNAL_SERVER_ERROR\"}}]}");
	}
	if (st == 405)
		http->allow = http->method == EDGE_METHOD_GET ? "POST" :
		    "GET, POST";
	if (st == 401)
		http->www_authenticate = 1;
	http_respond(http, st);
}

static int
http_write_headers(struct lws *wsi, struct edge_http *http)
{
	unsigned char	 buf[LWS_PRE + 1024];
	unsigned char	*start = buf + LWS_PRE, *p = start;
	unsigned char	*end = buf + sizeof(buf) - 1;
	size_t		 len = http->resp.len - LWS_PRE;

	/* Without a length lws says "connection: close"; add ours after. */
	if (lws_add_http_common_headers(wsi, (unsigned)http->status,
	    edge_request_media_name(http->plan.media), http->close_after ?
	    LWS_ILLEGAL_HTTP_CONTENT_LEN : (lws_filepos_t)len, &p, end) ||
	    (http->close_after && lws_add_http_header_content_length(wsi,
	    (lws_filepos_t)len, &p, end)) ||
	    lws_add_http_header_by_name(wsi, (unsigned char *)"cache-control:",
	    (unsigned char *)"no-store", 8, &p, end) ||
	    lws_add_http_header_by_name(wsi, (unsigned char *)
	    "x-content-type-options:", (unsigned char *)"nosniff", 7, &p, end))
		return -1;
	if (http->allow != NULL && lws_add_http_header_by_name(wsi,
	    (unsigned char *)"allow:", (const unsigned char *)http->allow,
	    (int)strlen(http->allow), &p, end))
		return -1;
	if (http->www_authenticate && lws_add_http_header_by_name(wsi,
	    (unsigned char *)"www-authenticate:", (unsigned char *)
	    "Bearer error=\"invalid_token\"", 28, &p, end))
		return -1;
	if (http->status == 503 && lws_add_http_header_by_name(wsi,
	    (unsigned char *)"retry-after:", (unsigned char *)"5", 1, &p, end))
		return -1;
	return lws_finalize_write_http_header(wsi, start, &p, end) ? -1 : 0;
}

static int
http_write_continue(struct lws *wsi, struct edge_http *http)
{
	static const char	 line[] = "HTTP/1.1 100 Continue\r\n\r\n";
	unsigned char		 buf[LWS_PRE + sizeof(line)];

	http->send_continue = 0;
	if (http->state != EDGE_HTTP_BODY || http->body.len != 0)
		return 0;
	memcpy(buf + LWS_PRE, line, sizeof(line) - 1);
	if (lws_write(wsi, buf + LWS_PRE, sizeof(line) - 1,
	    LWS_WRITE_HTTP_HEADERS) != (int)sizeof(line) - 1)
		return -1;
	return 0;
}

/* Send the response: headers, then the body in chunks, then finish. */
static int
http_writeable(struct lws *wsi, struct edge_http *http)
{
	struct edge	*edge = http->c.edge;
	size_t		 left, n;
	int		 final;

	if (http->c.kind != EDGE_CONN_HTTP)
		return 0;
	if (http->send_continue && http_write_continue(wsi, http) == -1)
		return -1;
	if (http->state != EDGE_HTTP_RESPOND)
		return 0;
	if (!http->headers_sent) {
		/* Headers and the first chunk go in one callback. */
		if (http_write_headers(wsi, http) == -1)
			return -1;
		http->headers_sent = 1;
		if (http->head)
			http->sent = http->resp.len - LWS_PRE;
	}
	left = http->resp.len - LWS_PRE - http->sent;
	n = left < EDGE_HTTP_CHUNK ? left : EDGE_HTTP_CHUNK;
	final = n == left;
	if (n > 0 && lws_write(wsi, (unsigned char *)http->resp.data +
	    LWS_PRE + http->sent, n, final ? LWS_WRITE_HTTP_FINAL :
	    LWS_WRITE_HTTP) != (int)n)
		return -1;
	http->sent += n;
	if (!final) {
		lws_callback_on_writable(wsi);
		return 0;
	}
	http->state = EDGE_HTTP_DONE;
	atomic_fetch_add(&edge->n_requests, 1);
	if (http->close_after && http->drain) {
		/*
		 * Closing while the client still sends would reset the
		 * connection and could destroy our answer in flight: let
		 * lws read and discard the declared body first (bounded by
		 * the timer), then close ("connection: close" was sent).
		 */
		lws_set_timer_usecs(wsi, edge_us(edge->cfg.request_timeout_ms));
		return lws_http_transaction_completed(wsi) ? -1 : 0;
	}
	if (http->close_after)
		return -1;
	/* This may free http (a new transaction): do not touch it after. */
	return lws_http_transaction_completed(wsi) ? -1 : 0;
}

/*
 * Return whether the client of a pending request has closed its socket
 * or sent more bytes. lws 4.1 neither reads nor lets us pause reading
 * (rx flow control also stops HTTP_WRITEABLE) while a transaction is
 * pending, and a readable socket it ignores makes its loop spin; so a
 * client that closes, or pipelines behind a pending response, loses the
 * connection (the operation is cancelled).
 */
static int
http_peer_gone(struct lws *wsi)
{
	struct pollfd	pfd;

	pfd.fd = lws_get_socket_fd(wsi);
	pfd.events = POLLIN | POLLRDHUP;
	pfd.revents = 0;
	if (pfd.fd < 0 || poll(&pfd, 1, 0) == -1)
		return 0;
	return (pfd.revents & (POLLIN | POLLRDHUP | POLLHUP | POLLERR)) != 0;
}

/*
 * The per-connection timer: a slow body (408); while an operation runs,
 * a probe for a departed client every EDGE_HTTP_PROBE_MS, and the
 * long-poll limit (503).
 */
static int
http_timer(struct lws *wsi, struct edge_http *http)
{
	struct edge_error	err;

	if (http == NULL || http->c.kind != EDGE_CONN_HTTP)
		return 0;
	if (http->state == EDGE_HTTP_DONE && http->close_after) {
		/* Draining a refused body took too long. */
		lws_set_timeout(wsi, PENDING_TIMEOUT_USER_OK,
		    LWS_TO_KILL_ASYNC);
		return 0;
	}
	if (http->state == EDGE_HTTP_BODY) {
		http->drain = 0;
		edge_error_set(&err, 408, 0, "REQUEST_TIMEOUT", "the request "
		    "body did not arrive within %u ms",
		    http->c.edge->cfg.request_timeout_ms);
		http->close_after = 1;
		http->send_continue = 0;
		http_fail(http, &err);
	} else if (http->state == EDGE_HTTP_EXEC ||
	    (http->state == EDGE_HTTP_RESPOND && !http->close_after)) {
		/* (An early answer closes anyway, and lws reads on.) */
		if (http_peer_gone(wsi)) {
			/* Closing cancels the operation (http_teardown). */
			lws_set_timeout(wsi, PENDING_TIMEOUT_USER_OK,
			    LWS_TO_KILL_ASYNC);
			return 0;
		}
		if (http->state == EDGE_HTTP_RESPOND ||
		    lws_now_usecs() < http->deadline) {
			lws_set_timer_usecs(wsi, edge_us(EDGE_HTTP_PROBE_MS));
			return 0;
		}
		log_warnx("edge", "an HTTP operation outlived the long-poll "
		    "limit; answering 503");
		if (http->op != NULL)
			edge_op_cancel(http->op);
		edge_error_set(&err, 503, 0, "UNAVAILABLE",
		    "the operation did not finish in time");
		http_fail(http, &err);
	}
	return 0;
}

/* The transaction or connection ends: cancel its operation, free. */
static void
http_teardown(struct edge_http *http)
{
	if (http == NULL || http->c.kind != EDGE_CONN_HTTP)
		return;
	if (http->op != NULL)
		edge_op_cancel(http->op);
	edge_park_timer(http->c.wsi);
	buf_free(&http->body);
	buf_free(&http->resp);
	edge_conn_unlink(http->c.edge, &http->c);
	http->c.kind = EDGE_CONN_NONE;
}

/* Stopping: a request still waiting for its operation gets 503. */
void
edge_http_shutdown(struct edge_http *http)
{
	struct edge_error	err;

	if (http->state != EDGE_HTTP_NEW && http->state != EDGE_HTTP_BODY &&
	    http->state != EDGE_HTTP_EXEC)
		return;
	if (http->op != NULL)
		edge_op_cancel(http->op);
	edge_error_set(&err, 503, 0, "UNAVAILABLE",
	    "the server is shutting down");
	http->close_after = 1;
	http->send_continue = 0;
	http_fail(http, &err);
}
