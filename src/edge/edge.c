/*
 * edge.c: the edge's life: validate the configuration, bind the listener
 * (so start-up fails in words, at once), write the port file, run the lws
 * service loop on its own thread, deliver messages from other threads,
 * and stop gracefully: cancel operations, close WebSockets with 1001,
 * answer pending HTTP requests with 503, wait a bounded grace period,
 * then tear lws down - all of it on the edge thread, so handler callbacks
 * never run anywhere else.
 */
#include "config.h"

#include <sys/socket.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "common/log.h"
#include "common/xmalloc.h"
#include "edge/edge_int.h"

static int	 edge_check_config(const struct edge_config *,
		    const struct edge_handler *, struct edge_listen *, char *,
		    size_t);
static void	 edge_setup_protocols(struct edge *);
static struct lws_context *edge_context_new(struct edge *);
static void	 edge_context_info(struct edge *,
		    struct lws_context_creation_info *);
static int	 edge_write_port_file(const char *, int, char *, size_t);
static void	 edge_wake(void *);
static void	*edge_main(void *);
static void	 edge_begin_stop(struct edge *);
static void	 edge_stop_deadline(lws_sorted_usec_list_t *);
static void	 edge_lws_log(int, const char *);
static unsigned	 edge_secs(unsigned);

/* lws logs through one process-wide function; quiet once serving. */
static atomic_int	edge_lws_loud;

static void
edge_lws_log(int level, const char *line)
{
	size_t	n = strlen(line);

	while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
		n--;
	if ((level & LLL_ERR) && atomic_load(&edge_lws_loud))
		log_warnx("edge", "lws: %.*s", (int)n, line);
	else
		log_debug("edge", "lws: %.*s", (int)n, line);
}

static unsigned
edge_secs(unsigned ms)
{
	return ms == 0 ? 1 : (ms + 999) / 1000;
}

/* Return milliseconds as lws microseconds. */
lws_usec_t
edge_us(unsigned ms)
{
	return (lws_usec_t)ms * 1000;
}

/*
 * Park wsi's timer far ahead: lws 4.1.6 documents lws_set_timer_usecs(wsi,
 * -1) as a cancel but schedules it in the past instead (an immediate
 * LWS_CALLBACK_TIMER). The timer callbacks check their state anyway.
 */
void
edge_park_timer(struct lws *wsi)
{
	lws_set_timer_usecs(wsi, (lws_usec_t)86400 * LWS_USEC_PER_SEC);
}

/* Return the edge that owns wsi's context. */
struct edge *
edge_from_wsi(struct lws *wsi)
{
	return lws_context_user(lws_get_context(wsi));
}

static int
edge_check_config(const struct edge_config *cfg, const struct edge_handler *h,
    struct edge_listen *l, char *err, size_t errlen)
{
	if (h == NULL || h->execute == NULL || h->cancel == NULL) {
		snprintf(err, errlen, "edge: the handler needs execute and "
		    "cancel");
		return -1;
	}
	if (cfg->listen == NULL || edge_listen_parse(cfg->listen,
	    cfg->allow_public, l, err, errlen) == -1)
		return -1;
	if (cfg->max_header_bytes < 1024 || cfg->max_header_bytes > 32768) {
		snprintf(err, errlen, "--max-header-bytes must be 1024-32768");
		return -1;
	}
	if (cfg->max_request_bytes < 1024 || cfg->max_connections == 0 ||
	    cfg->ws_send_queue_bytes < 1024 || cfg->ws_max_operations == 0 ||
	    cfg->request_timeout_ms == 0 || cfg->idle_timeout_ms == 0 ||
	    cfg->ws_init_timeout_ms == 0 || cfg->ws_ping_interval_ms == 0) {
		snprintf(err, errlen, "edge limits and timeouts must be "
		    "positive (byte limits at least 1024)");
		return -1;
	}
	return 0;
}

static void
edge_setup_protocols(struct edge *edge)
{
	struct lws_protocols	*p = edge->protocols;

	memset(p, 0, sizeof(edge->protocols));
	/* [0] is HTTP; its odd name keeps clients from asking for it. */
	p[0].name = "onionmsg-http";
	p[0].callback = edge_http_callback;
	p[0].per_session_data_size = sizeof(struct edge_http);
	p[1].name = EDGE_WS_PROTOCOL;
	p[1].callback = edge_ws_callback;
	p[1].per_session_data_size = sizeof(struct edge_ws);
	p[1].rx_buffer_size = EDGE_HTTP_CHUNK;
	p[2] = p[1];
	p[2].name = EDGE_WS_LEGACY_PROTOCOL;
	/* [3] takes what lws cannot parse as HTTP (see edge_raw.c). */
	p[3].name = "onionmsg-raw";
	p[3].callback = edge_raw_callback;
	p[3].per_session_data_size = edge_raw_pss_size();
	/* [4] drains sockets lws has closed (see edge_linger.c). */
	p[4].name = EDGE_LINGER_PROTOCOL;
	p[4].callback = edge_linger_callback;
	/* [5] looks at every connection's first request head (edge_front.c). */
	p[5].name = EDGE_FRONT_PROTOCOL;
	p[5].callback = edge_front_callback;
	p[5].per_session_data_size = edge_front_pss_size();
	/* [6] accepts connections (edge_accept.c). */
	p[6].name = EDGE_ACCEPT_PROTOCOL;
	p[6].callback = edge_accept_callback;
}

/* Per-vhost protocol options: name our raw protocol lws's fallback. */
static const struct lws_protocol_vhost_options edge_raw_opt = {
	NULL, NULL, "raw", "1"
};
static const struct lws_protocol_vhost_options edge_raw_pvo = {
	NULL, &edge_raw_opt, "onionmsg-raw", ""
};

/*
 * Create the context and its vhost. lws listens nowhere: the edge's own
 * listener (edge_accept.c) gives it the sockets, after the front.
 */
static struct lws_context *
edge_context_new(struct edge *edge)
{
	struct lws_context_creation_info	 info;
	struct lws_context			*ctx;

	edge_context_info(edge, &info);
	info.options = LWS_SERVER_OPTION_VALIDATE_UTF8 |
	    LWS_SERVER_OPTION_EXPLICIT_VHOSTS;
	if ((ctx = lws_create_context(&info)) == NULL)
		return NULL;
	info.vhost_name = "onionmsg";
	info.port = CONTEXT_PORT_NO_LISTEN_SERVER;
	info.options = LWS_SERVER_OPTION_VALIDATE_UTF8 |
	    LWS_SERVER_OPTION_FALLBACK_TO_APPLY_LISTEN_ACCEPT_CONFIG;
	info.pvo = &edge_raw_pvo;
	if ((edge->vhost = lws_create_vhost(ctx, &info)) == NULL) {
		lws_context_destroy(ctx);
		return NULL;
	}
	return ctx;
}

/* What the context and its vhost are made of. */
static void
edge_context_info(struct edge *edge, struct lws_context_creation_info *info)
{
	const struct edge_config	*c = &edge->cfg;
	size_t				 hard;

	memset(info, 0, sizeof(*info));
	info->protocols = edge->protocols;
	info->server_string = "onionmsg";
	/*
	 * The front refuses heads past our limit; lws parses the next
	 * requests of a keep-alive connection itself and drops, without an
	 * answer, one that overflows this buffer: give it room well past
	 * our limit (allocated per connection only while headers arrive).
	 */
	hard = c->max_header_bytes * 4 > 32768 ? c->max_header_bytes * 4 :
	    32768;
	info->max_http_header_data = hard > 65535 ? 65535 :
	    (unsigned short)hard;
	info->max_http_header_pool = c->max_connections > 65535 ? 65535 :
	    (unsigned short)c->max_connections;
	/* Room for lingering and handed-over sockets beside the accepted. */
	info->fd_limit_per_thread = c->max_connections * 2 + 16;
	info->timeout_secs = edge_secs(c->request_timeout_ms);
	info->timeout_secs_ah_idle = info->timeout_secs;
	info->keepalive_timeout = (int)edge_secs(c->idle_timeout_ms);
	info->pt_serv_buf_size = EDGE_HTTP_CHUNK;
	info->uid = -1;
	info->gid = -1;
	info->user = edge;
}

static int
edge_write_port_file(const char *path, int port, char *err, size_t errlen)
{
	char	*tmp;
	FILE	*f;
	int	 rc = -1;

	xasprintf(&tmp, "%s.tmp", path);
	if ((f = fopen(tmp, "w")) == NULL)
		goto fail;
	fprintf(f, "%d\n", port);
	if (fclose(f) == EOF || rename(tmp, path) == -1)
		goto fail;
	free(tmp);
	return 0;
fail:
	snprintf(err, errlen, "cannot write the port file %s: %s", path,
	    strerror(errno));
	unlink(tmp);
	free(tmp);
	return rc;
}

/*
 * Create the edge: check cfg, bind the listener and write the port file,
 * but serve nothing until edge_start(). Return NULL with a sentence in
 * err on failure.
 */
struct edge *
edge_new(const struct edge_config *cfg, const struct edge_handler *h,
    void *arg, char *err, size_t errlen)
{
	struct edge_listen	 l;
	struct edge		*edge;
	int			 fd, port;

	if (edge_check_config(cfg, h, &l, err, errlen) == -1 ||
	    (fd = edge_accept_open(&l, &port, err, errlen)) == -1)
		return NULL;
	edge = xcalloc(1, sizeof(*edge));
	edge->listen_at = l;
	edge->port = port;
	edge->cfg = *cfg;
	edge->listen = xstrdup(cfg->listen);
	edge->cfg.listen = edge->listen;
	if (cfg->port_file != NULL)
		edge->port_file = xstrdup(cfg->port_file);
	edge->cfg.port_file = edge->port_file;
	edge->h = *h;
	edge->arg = arg;
	pthread_mutex_init(&edge->ctx_mtx, NULL);
	pthread_mutex_init(&edge->post_mtx, NULL);
	pthread_cond_init(&edge->init_cond, NULL);
	TAILQ_INIT(&edge->conns);
	TAILQ_INIT(&edge->timers);
	edge->inbox = mq_new(sizeof(struct edge_msg), 0, edge_wake, edge);
	edge_setup_protocols(edge);

	atomic_store(&edge_lws_loud, 1);
	lws_set_log_level(LLL_ERR | LLL_WARN, edge_lws_log);
	edge->ctx = edge_context_new(edge);
	atomic_store(&edge_lws_loud, 0);
	if (edge->ctx == NULL)
		close(fd);
	if (edge->ctx == NULL || edge_accept_start(edge, fd) == -1) {
		snprintf(err, errlen, "cannot serve on %s: libwebsockets "
		    "failed", cfg->listen);
		goto fail;
	}
	if (l.family != AF_UNIX && edge->port_file != NULL &&
	    edge_write_port_file(edge->port_file, edge->port, err,
	    errlen) == -1)
		goto fail;
	if (cfg->allow_public && l.family != AF_UNIX)
		log_warnx("edge", "--allow-public-listen: the API may be "
		    "reachable beside tor");
	if (l.family == AF_UNIX)
		log_info("edge", "listening on unix:%s", l.addr);
	else
		log_info("edge", "listening on %s%s%s:%d",
		    l.family == AF_INET6 ? "[" : "", l.addr,
		    l.family == AF_INET6 ? "]" : "", edge->port);
	return edge;
fail:
	edge_free(edge);
	return NULL;
}

/* Return the configuration in force (e.g. long_poll_max_ms to clamp waits). */
const struct edge_config *
edge_get_config(const struct edge *edge)
{
	return &edge->cfg;
}

/* Return the bound TCP port (0 for a unix socket). */
int
edge_port(const struct edge *edge)
{
	return edge->port;
}

static void
edge_wake(void *arg)
{
	struct edge	*edge = arg;

	pthread_mutex_lock(&edge->ctx_mtx);
	if (edge->ctx != NULL)
		lws_cancel_service(edge->ctx);
	pthread_mutex_unlock(&edge->ctx_mtx);
}

static void *
edge_main(void *arg)
{
	struct edge	*edge = arg;
	struct lws_context *ctx;
	int		 rc = 0;

	if (edge->h.init != NULL)
		rc = edge->h.init(edge, edge->arg);
	pthread_mutex_lock(&edge->post_mtx);
	edge->init_rc = rc;
	edge->init_done = 1;
	pthread_cond_signal(&edge->init_cond);
	pthread_mutex_unlock(&edge->post_mtx);
	if (rc == 0) {
		while (!edge->done)
			if (lws_service(edge->ctx, 0) < 0)
				break;
		/* Out of the loop for any reason: no operation survives. */
		edge_begin_stop(edge);
	}
	/* No message can arrive after this last drain. */
	pthread_mutex_lock(&edge->post_mtx);
	edge->post_closed = 1;
	pthread_mutex_unlock(&edge->post_mtx);
	if (rc == 0) {
		while (mq_len(edge->inbox) > 0)
			edge_drain_inbox(edge);
		if (edge->h.fini != NULL)
			edge->h.fini(edge, edge->arg);
	}
	lws_sul_cancel(&edge->stop_sul);
	edge_front_flush(edge);
	edge_linger_flush(edge);
	edge_timer_orphan_all(edge);
	pthread_mutex_lock(&edge->ctx_mtx);
	ctx = edge->ctx;
	edge->ctx = NULL;
	pthread_mutex_unlock(&edge->ctx_mtx);
	lws_context_destroy(ctx);
	return NULL;
}

/*
 * Start serving on the edge thread; handler->init runs there first.
 * Return 0, or -1 if the thread or init failed (the edge then serves
 * nothing; edge_stop() and edge_free() still apply).
 */
int
edge_start(struct edge *edge)
{
	int	rc;

	if (pthread_create(&edge->thread, NULL, edge_main, edge) != 0) {
		log_warn("edge", "cannot start the edge thread");
		return -1;
	}
	edge->thread_started = 1;
	pthread_mutex_lock(&edge->post_mtx);
	while (!edge->init_done)
		pthread_cond_wait(&edge->init_cond, &edge->post_mtx);
	rc = edge->init_rc;
	pthread_mutex_unlock(&edge->post_mtx);
	return rc == 0 ? 0 : -1;
}

/*
 * Stop: close connections gracefully (bounded by a grace period), run
 * handler->fini and tear lws down on the edge thread, and wait for it.
 */
void
edge_stop(struct edge *edge)
{
	if (edge == NULL || !edge->thread_started)
		return;
	atomic_store(&edge->stop_requested, 1);
	edge_wake(edge);
	pthread_join(edge->thread, NULL);
	edge->thread_started = 0;
}

/* Free a stopped (or never started) edge; NULL is a no-op. */
void
edge_free(struct edge *edge)
{
	if (edge == NULL)
		return;
	edge_stop(edge);
	if (edge->ctx != NULL) {
		edge_timer_orphan_all(edge);
		lws_context_destroy(edge->ctx);
		edge->ctx = NULL;
	}
	edge_front_flush(edge);
	edge_linger_flush(edge);
	if (edge->listen_at.family == AF_UNIX)
		unlink(edge->listen_at.addr);
	mq_free(edge->inbox);
	pthread_mutex_destroy(&edge->ctx_mtx);
	pthread_mutex_destroy(&edge->post_mtx);
	pthread_cond_destroy(&edge->init_cond);
	buf_free(&edge->pack);
	free(edge->listen);
	free(edge->port_file);
	free(edge);
}

/*
 * Post a message to the edge thread (from any thread); it reaches
 * handler->message in order. Return 0, or -1 once the edge is stopping
 * (the caller keeps ownership of msg->data).
 */
int
edge_post(struct edge *edge, const struct edge_msg *msg)
{
	int	rc = -1;

	pthread_mutex_lock(&edge->post_mtx);
	if (!edge->post_closed && !atomic_load(&edge->stop_requested))
		rc = mq_put(edge->inbox, msg);
	pthread_mutex_unlock(&edge->post_mtx);
	return rc;
}

/* Read the counters (any thread). */
void
edge_get_stats(struct edge *edge, struct edge_stats *st)
{
	memset(st, 0, sizeof(*st));
	st->connections = atomic_load(&edge->n_conns);
	st->websockets = atomic_load(&edge->n_ws);
	st->operations = atomic_load(&edge->n_ops);
	st->refused = atomic_load(&edge->n_refused);
	st->requests = atomic_load(&edge->n_requests);
	st->ws_messages = atomic_load(&edge->n_ws_messages);
}

/* Deliver queued messages (a bounded batch) and notice a stop request. */
void
edge_drain_inbox(struct edge *edge)
{
	struct edge_msg	msg;
	unsigned	n = 0;

	if (edge->ctx == NULL)
		return;		/* lws is being torn down, fini has run */
	while (n++ < EDGE_INBOX_BATCH && mq_get(edge->inbox, &msg) == 0) {
		if (edge->h.message != NULL)
			edge->h.message(&msg, edge->arg);
	}
	if (mq_len(edge->inbox) > 0 && edge->ctx != NULL)
		lws_cancel_service(edge->ctx);
	if (atomic_load(&edge->stop_requested))
		edge_begin_stop(edge);
}

/* Track a connection (an HTTP transaction or a WebSocket) for shutdown. */
void
edge_conn_link(struct edge *edge, struct edge_conn *c)
{
	if (c->linked)
		return;
	TAILQ_INSERT_TAIL(&edge->conns, c, entry);
	c->linked = 1;
}

/* Forget a connection; the last one to go ends a graceful stop. */
void
edge_conn_unlink(struct edge *edge, struct edge_conn *c)
{
	if (!c->linked)
		return;
	TAILQ_REMOVE(&edge->conns, c, entry);
	c->linked = 0;
	if (edge->stopping && TAILQ_EMPTY(&edge->conns))
		edge->done = 1;
}

static void
edge_stop_deadline(lws_sorted_usec_list_t *sul)
{
	struct edge	*edge = EDGE_CONTAINER(sul, struct edge, stop_sul);

	log_info("edge", "stop: grace period over, dropping the rest");
	edge->done = 1;
}

static void
edge_begin_stop(struct edge *edge)
{
	struct edge_conn	*c, *next;

	if (edge->stopping)
		return;
	edge->stopping = 1;
	log_info("edge", "stopping: %u connections, %u operations",
	    atomic_load(&edge->n_conns), atomic_load(&edge->n_ops));
	for (c = TAILQ_FIRST(&edge->conns); c != NULL; c = next) {
		next = TAILQ_NEXT(c, entry);
		if (c->kind == EDGE_CONN_WS)
			edge_ws_shutdown((struct edge_ws *)c);
		else
			edge_http_shutdown((struct edge_http *)c);
	}
	if (TAILQ_EMPTY(&edge->conns)) {
		edge->done = 1;
		return;
	}
	lws_sul_schedule(edge->ctx, 0, &edge->stop_sul, edge_stop_deadline,
	    edge_us(EDGE_SHUTDOWN_GRACE_MS));
}
