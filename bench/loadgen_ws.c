/*
 * loadgen_ws.c: bench/loadgen's lws loop, on the main thread. It opens the
 * subscriber connections (graphql-transport-ws: connection_init with the
 * mailbox's token, then one `subscribe` to `messages`), then the WebSocket
 * publishers (connection_init without a token, then sendMessage mutations
 * as `subscribe` messages, --window of them in flight, each freed by its
 * `complete`), and drives the run through its phases:
 *
 *   pubsub: connect subscribers -> connect publishers -> warm-up ->
 *           measured window -> drain (publishing stopped) -> done
 *   idle:   connect subscribers -> sit idle --idle-wait s -> read RSS ->
 *           probe a few subscriptions with one message each -> done
 *
 * Connections are opened --max-pending at a time so the server's accept
 * backlog never overflows, from 127.0.0.1 or round-robin over
 * 127.0.0.1..127.0.0.n (--src-addrs), since one source address has only
 * about 28k ephemeral ports towards one server port. Every phase has a
 * deadline, so a run always ends by itself. Frames are read by looking up
 * a few keys (loadgen_msg.c); latencies go to a fixed histogram.
 */
#include "config.h"

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libwebsockets.h>

#include "common/buf.h"
#include "common/log.h"
#include "common/util.h"
#include "common/xmalloc.h"
#include "loadgen.h"

#define LG_TICK_US	5000		/* phase bookkeeping */
#define LG_PACE_US	500		/* paced publishers, at the most often */
#define LG_CONNECT_S	60		/* + 1 s per 50 connections */
#define LG_FRAME_HEAD	8		/* coalesced frames: 2 + 2 + mask 4 */
#define LG_TX_BYTES	(64 * 1024)	/* coalesced frames per write */

enum lg_role {
	LG_SUB = 0,
	LG_PUB,
};

enum lg_cstate {
	LG_C_NEW = 0,
	LG_C_CONNECTING,
	LG_C_OPEN,		/* connection_init queued or sent */
	LG_C_ACKED,		/* connection_ack received */
	LG_C_CLOSED,
};

enum lg_phase {
	LG_P_SUBS = 0,
	LG_P_PUBS,
	LG_P_RUN,
	LG_P_DRAIN,
	LG_P_IDLE,
	LG_P_PROBE,
	LG_P_DONE,
};

struct lg_ws;

struct lg_conn {
	struct lws	*wsi;
	struct lg_ws	*ws;
	enum lg_role	 role;
	enum lg_cstate	 state;
	int		 index;		/* mailbox (sub) or publisher number */
	unsigned	 want_init:1, want_sub:1, want_pong:1, subscribed:1;
	int		 acks_due;	/* sub: ack mutations to send */
	char		 cursor[40];	/* sub: last cursor seen */
	uint64_t	 received;
	uint32_t	 inflight;	/* pub: operations not yet complete */
	uint64_t	 op;		/* pub: next operation id */
	uint64_t	 n;		/* pub: next message number */
	uint64_t	 due;		/* pub, paced: next send time */
	uint64_t	*sent_at;	/* pub: build time by op % window */
	struct buf	 rx;		/* a message arriving in pieces */
};

struct lg_ws {
	struct lg_run		*run;
	struct lg_ws_result	*res;
	struct lws_context	*ctx;
	struct lg_conn		*conns;
	int			 nsubs, npubs, nconns;
	int			 next_connect, pending, subscribed, acked_pubs;
	enum lg_phase		 phase;
	uint64_t		 deadline;
	uint64_t		 pace_interval;
	lws_sorted_usec_list_t	 tick, pace;
	struct lg_http		*http;
	char			*tx;		/* LWS_PRE + frame(s) */
	size_t			 txcap;
	int			 coalesce;
	char			 (*src)[16];	/* source addresses */
	struct lg_cpu		 cpu0, cpu1;
	int			 done;
	int			 warned;
};

static struct lws_context *lg_ws_context(const struct lg_run *);
static int	 lg_ws_callback(struct lws *, enum lws_callback_reasons,
		    void *, void *, size_t);
static void	 lg_ws_connect_more(struct lg_ws *);
static void	 lg_ws_tick(lws_sorted_usec_list_t *);
static void	 lg_ws_pace(lws_sorted_usec_list_t *);
static void	 lg_ws_phase(struct lg_ws *, enum lg_phase, double);
static int	 lg_ws_write(struct lg_conn *);
static int	 lg_ws_send(struct lg_conn *, const char *, size_t);
static int	 lg_ws_write_pub(struct lg_conn *);
static int	 lg_ws_may_send(struct lg_conn *, uint64_t *);
static void	 lg_ws_frame_head(char *, size_t);
static void	 lg_ws_frame(struct lg_conn *, const char *, size_t);
static void	 lg_ws_frame_sub(struct lg_conn *, const char *, size_t,
		    const char *, size_t);
static void	 lg_ws_ack_time(struct lg_conn *, const char *, size_t,
		    uint64_t);
static void	 lg_ws_ack_time(struct lg_conn *, const char *, size_t,
		    uint64_t);
static void	 lg_ws_frame_pub(struct lg_conn *, const char *, size_t,
		    const char *, size_t);
static void	 lg_ws_closed(struct lg_conn *, const char *);
static int	 lg_ws_drained(struct lg_ws *);
static void	 lg_ws_start_run(struct lg_ws *);

static const struct lws_protocols lg_ws_protocols[] = {
	{ "loadgen", lg_ws_callback, 0, 0, 0, NULL, 0 },
	{ NULL, NULL, 0, 0, 0, NULL, 0 },
};

static void
lg_ws_phase(struct lg_ws *ws, enum lg_phase p, double seconds)
{
	ws->phase = p;
	ws->deadline = util_mono_us() + (uint64_t)(seconds * 1e6);
}

/* Open connections until --max-pending are in progress. */
static void
lg_ws_connect_more(struct lg_ws *ws)
{
	struct lws_client_connect_info	 i;
	struct lg_conn			*c;
	char				 host[64];

	snprintf(host, sizeof(host), "%s:%d", ws->run->o.host,
	    ws->run->o.port);
	while (ws->pending < ws->run->o.max_pending &&
	    ws->next_connect < ws->nconns) {
		c = &ws->conns[ws->next_connect];
		if (c->role == LG_PUB && (ws->phase == LG_P_SUBS ||
		    ws->phase == LG_P_IDLE))
			return;
		ws->next_connect++;
		memset(&i, 0, sizeof(i));
		i.context = ws->ctx;
		i.address = ws->run->o.host;
		i.port = ws->run->o.port;
		i.path = "/graphql";
		i.host = host;
		i.protocol = "graphql-transport-ws";
		i.local_protocol_name = "loadgen";
		i.userdata = c;
		i.pwsi = &c->wsi;
		if (ws->src != NULL)
			i.iface = ws->src[(c - ws->conns) %
			    ws->run->o.src_addrs];
		c->state = LG_C_CONNECTING;
		ws->pending++;
		if (lws_client_connect_via_info(&i) == NULL &&
		    c->state == LG_C_CONNECTING)
			lg_ws_closed(c, "connect failed");
	}
}

static void
lg_ws_closed(struct lg_conn *c, const char *why)
{
	struct lg_ws	*ws = c->ws;

	if (c->state == LG_C_CLOSED)
		return;
	if (c->state == LG_C_CONNECTING || c->state == LG_C_OPEN)
		ws->pending--;
	c->state = LG_C_CLOSED;
	c->wsi = NULL;
	if (ws->phase == LG_P_DONE)
		return;
	ws->res->conn_failures++;
	if (ws->warned++ < 5)
		log_warnx("loadgen", "%s %d: %s", c->role == LG_SUB ?
		    "subscriber" : "publisher", c->index, why);
}

/* Write one text message from ws->tx + LWS_PRE; -1 closes. */
static int
lg_ws_send(struct lg_conn *c, const char *msg, size_t len)
{
	unsigned char	*p = (unsigned char *)c->ws->tx + LWS_PRE;

	if (msg != NULL)
		memcpy(p, msg, len);
	if (lws_write(c->wsi, p, len, LWS_WRITE_TEXT) < (int)len)
		return -1;
	return 0;
}

/* Write what a connection has queued, in order, while the socket takes
 * it; ask for another WRITEABLE when something is left. */
static int
lg_ws_write(struct lg_conn *c)
{
	struct lg_ws	*ws = c->ws;
	struct buf	 b = BUF_INIT;
	int		 rv = 0;

	if (c->want_pong) {
		c->want_pong = 0;
		if (lg_ws_send(c, "{\"type\":\"pong\"}", 15) == -1)
			return -1;
	}
	if (c->want_init) {
		c->want_init = 0;
		if (c->role == LG_SUB)
			buf_addf(&b, "{\"type\":\"connection_init\",\"payload\":"
			    "{\"authorization\":\"%s\"}}",
			    ws->run->mailboxes[c->index].token);
		else
			buf_adds(&b, "{\"type\":\"connection_init\","
			    "\"payload\":{}}");
		rv = lg_ws_send(c, b.data, b.len);
		goto done;
	}
	if (c->want_sub) {
		c->want_sub = 0;
		c->subscribed = 1;
		ws->subscribed++;
		buf_adds(&b, "{\"id\":\"s\",\"type\":\"subscribe\",\"payload\":"
		    "{\"query\":\"subscription{messages{cursor id envelope}}\"}}");
		rv = lg_ws_send(c, b.data, b.len);
		goto done;
	}
	if (c->acks_due > 0) {
		c->acks_due--;
		buf_addf(&b, "{\"id\":\"a%llu\",\"type\":\"subscribe\","
		    "\"payload\":{\"query\":\"mutation($c:Cursor!){ack(upTo:$c)"
		    "{remaining}}\",\"variables\":{\"c\":\"%s\"}}}",
		    (unsigned long long)c->received, c->cursor);
		ws->res->acks++;
		rv = lg_ws_send(c, b.data, b.len);
		goto done;
	}
	if (c->role == LG_PUB && c->state == LG_C_ACKED)
		return lg_ws_write_pub(c);
done:
	buf_free(&b);
	if (rv == 0 && (c->want_sub || c->acks_due > 0 || c->want_pong))
		lws_callback_on_writable(c->wsi);
	return rv;
}

/* Whether publisher c may send its next message now, and to which
 * mailbox. */
static int
lg_ws_may_send(struct lg_conn *c, uint64_t *target)
{
	struct lg_ws	*ws = c->ws;
	struct lg_run	*run = ws->run;

	if (atomic_load(&run->st.stop_publishing) ||
	    c->inflight >= (uint32_t)run->o.window)
		return 0;
	if (ws->phase == LG_P_PROBE) {
		if (c->n >= (uint64_t)ws->res->probes_sent)
			return 0;
		*target = c->n * (uint64_t)run->nmailboxes /
		    (uint64_t)ws->res->probes_sent;
		return 1;
	}
	if (ws->phase != LG_P_RUN ||
	    (ws->pace_interval != 0 && util_mono_us() < c->due))
		return 0;
	*target = lg_msg_target(run, c->index, c->n);
	return 1;
}

/* Send sendMessage operations while the window, the pace and the socket
 * allow. With --coalesce the frames are built here (client frames are
 * masked, RFC 6455 section 5.3; the key is zero, which leaves the payload
 * as it is) and leave in one write, so the load tool spends one system
 * call on a whole window instead of one per message. */
static int
lg_ws_write_pub(struct lg_conn *c)
{
	struct lg_ws	*ws = c->ws;
	struct lg_run	*run = ws->run;
	char		*base = ws->tx + LWS_PRE;
	size_t		 off = 0, len, room = ws->txcap - LWS_PRE;
	size_t		 most = LG_FRAME_HEAD + lg_msg_ws_max(run);
	uint64_t	 target;
	int		 full = 0;

	while (lg_ws_may_send(c, &target)) {
		c->sent_at[c->op % (uint64_t)run->o.window] = util_mono_us();
		if (!ws->coalesce) {
			len = lg_msg_ws_send(run, base, room, c->op++,
			    c->index, c->n++, target);
			if (lg_ws_send(c, NULL, len) == -1)
				return -1;
		} else {
			if (off + most > room) {
				full = 1;
				break;
			}
			len = lg_msg_ws_send(run, base + off + LG_FRAME_HEAD,
			    room - off - LG_FRAME_HEAD, c->op++, c->index,
			    c->n++, target);
			lg_ws_frame_head(base + off, len);
			off += LG_FRAME_HEAD + len;
		}
		c->inflight++;
		if (ws->pace_interval != 0)
			c->due += ws->pace_interval;
		if (!ws->coalesce && lws_send_pipe_choked(c->wsi)) {
			full = 1;
			break;
		}
	}
	if (off > 0 && lws_write(c->wsi, (unsigned char *)base, off,
	    LWS_WRITE_RAW) < (int)off)
		return -1;
	if (full)
		lws_callback_on_writable(c->wsi);
	return 0;
}

/* Write the head of a masked text frame of len (126 to 65535) bytes. */
static void
lg_ws_frame_head(char *p, size_t len)
{
	p[0] = (char)0x81;		/* FIN, text */
	p[1] = (char)(0x80 | 126);	/* masked, 16-bit length */
	p[2] = (char)(len >> 8);
	p[3] = (char)(len & 0xff);
	memset(p + 4, 0, 4);		/* masking key */
}

static void
lg_ws_frame_sub(struct lg_conn *c, const char *s, size_t len,
    const char *type, size_t tl)
{
	struct lg_ws		*ws = c->ws;
	struct lg_ws_result	*res = ws->res;
	const char		*v;
	size_t			 vl;
	uint64_t		 sent, now;

	if (tl == 4 && memcmp(type, "next", 4) == 0) {
		if (lg_msg_find(s, len, "envelope", &v, &vl) == -1) {
			if (memmem(s, len, "\"errors\"", 8) != NULL)
				res->sub_errors++;
			return;		/* an ack's answer */
		}
		now = util_mono_us();
		if (lg_msg_envelope_time(v, vl, &sent) == -1) {
			res->bad_frames++;
			return;
		}
		res->delivered++;
		c->received++;
		if (now >= ws->run->t_win_start && now < ws->run->t_win_end) {
			res->window_delivered++;
			lg_hist_add(&res->hist, now > sent ? now - sent : 0);
		}
		if (ws->phase == LG_P_PROBE)
			res->probes_seen++;
		if (ws->run->o.ack_every > 0 &&
		    c->received % (uint64_t)ws->run->o.ack_every == 0 &&
		    lg_msg_find(s, len, "cursor", &v, &vl) == 0 &&
		    vl < sizeof(c->cursor)) {
			memcpy(c->cursor, v, vl);
			c->cursor[vl] = '\0';
			c->acks_due++;
			lws_callback_on_writable(c->wsi);
		}
	} else if ((tl == 8 && memcmp(type, "complete", 8) == 0) ||
	    (tl == 5 && memcmp(type, "error", 5) == 0)) {
		if (lg_msg_find(s, len, "id", &v, &vl) == 0 && vl == 1 &&
		    *v == 's') {
			res->sub_errors++;
			if (ws->warned++ < 5)
				log_warnx("loadgen", "subscription %d ended: "
				    "%.*s", c->index, (int)len, s);
		}
	}
}

static void
lg_ws_frame_pub(struct lg_conn *c, const char *s, size_t len,
    const char *type, size_t tl)
{
	struct lg_ws	*ws = c->ws;
	struct lg_stats	*st = &ws->run->st;
	uint64_t	 now;

	if (tl == 4 && memcmp(type, "next", 4) == 0) {
		if (memmem(s, len, "\"errors\"", 8) != NULL ||
		    memmem(s, len, "\"cursor\"", 8) == NULL) {
			atomic_fetch_add(&st->pub_errors, 1);
			if (ws->warned++ < 5)
				log_warnx("loadgen", "sendMessage: %.*s",
				    (int)(len > 300 ? 300 : len), s);
			return;
		}
		atomic_fetch_add(&st->published, 1);
		now = util_mono_us();
		if (now >= ws->run->t_win_start && now < ws->run->t_win_end) {
			atomic_fetch_add(&st->window_published, 1);
			lg_ws_ack_time(c, s, len, now);
		}
	} else if ((tl == 8 && memcmp(type, "complete", 8) == 0) ||
	    (tl == 5 && memcmp(type, "error", 5) == 0)) {
		if (tl == 5) {
			atomic_fetch_add(&st->pub_errors, 1);
			if (ws->warned++ < 5)
				log_warnx("loadgen", "sendMessage: %.*s",
				    (int)(len > 300 ? 300 : len), s);
		}
		if (c->inflight > 0)
			c->inflight--;
		lws_callback_on_writable(c->wsi);
	}
}

/* Count the round trip of the publish this answer (with its id) ends. */
static void
lg_ws_ack_time(struct lg_conn *c, const char *s, size_t len, uint64_t now)
{
	const char	*v;
	size_t		 vl, i;
	uint64_t	 op = 0, sent;

	if (lg_msg_find(s, len, "id", &v, &vl) == -1 || vl == 0 || vl > 19)
		return;
	for (i = 0; i < vl; i++) {
		if (v[i] < '0' || v[i] > '9')
			return;
		op = op * 10 + (uint64_t)(v[i] - '0');
	}
	sent = c->sent_at[op % (uint64_t)c->ws->run->o.window];
	lg_hist_add(&c->ws->res->ack_hist, now > sent ? now - sent : 0);
}

/* Handle one complete graphql-transport-ws message. */
static void
lg_ws_frame(struct lg_conn *c, const char *s, size_t len)
{
	const char	*type;
	size_t		 tl;

	if (lg_msg_find(s, len, "type", &type, &tl) == -1) {
		c->ws->res->bad_frames++;
		return;
	}
	if (tl == 14 && memcmp(type, "connection_ack", 14) == 0) {
		/* A connection counts as pending until the server has taken
		 * its connection_init, so a slow server is never handed more
		 * handshakes than --max-pending (graphql-ws closes with 4408
		 * when connection_init waits more than 3 s). */
		c->ws->pending--;
		c->state = LG_C_ACKED;
		if (c->role == LG_SUB)
			c->want_sub = 1;
		else {
			c->ws->acked_pubs++;
			c->due = util_mono_us();
		}
		lws_callback_on_writable(c->wsi);
		lg_ws_connect_more(c->ws);
	} else if (tl == 4 && memcmp(type, "ping", 4) == 0) {
		c->want_pong = 1;
		lws_callback_on_writable(c->wsi);
	} else if (c->role == LG_SUB)
		lg_ws_frame_sub(c, s, len, type, tl);
	else
		lg_ws_frame_pub(c, s, len, type, tl);
}

static int
lg_ws_callback(struct lws *wsi, enum lws_callback_reasons reason, void *user,
    void *in, size_t len)
{
	struct lg_conn	*c = user;

	switch (reason) {
	case LWS_CALLBACK_CLIENT_CONNECTION_ERROR:
		if (c != NULL)
			lg_ws_closed(c, in != NULL ? (const char *)in :
			    "connection error");
		return 0;
	case LWS_CALLBACK_CLIENT_ESTABLISHED:
		c->state = LG_C_OPEN;
		c->want_init = 1;
		lws_callback_on_writable(wsi);
		return 0;
	case LWS_CALLBACK_CLIENT_WRITEABLE:
		if (c->state == LG_C_CLOSED || c->ws->phase == LG_P_DONE)
			return -1;
		return lg_ws_write(c);
	case LWS_CALLBACK_CLIENT_RECEIVE:
		if (lws_is_first_fragment(wsi))
			buf_reset(&c->rx);
		if (lws_is_final_fragment(wsi) &&
		    lws_remaining_packet_payload(wsi) == 0) {
			if (c->rx.len == 0)
				lg_ws_frame(c, in, len);
			else {
				buf_add(&c->rx, in, len);
				lg_ws_frame(c, c->rx.data, c->rx.len);
				buf_reset(&c->rx);
			}
		} else
			buf_add(&c->rx, in, len);
		return 0;
	case LWS_CALLBACK_WS_PEER_INITIATED_CLOSE:
		if (c != NULL && len >= 2 && c->ws->phase != LG_P_DONE &&
		    c->ws->warned++ < 5)
			log_warnx("loadgen", "server closed a connection: %u "
			    "%.*s", ((unsigned char *)in)[0] << 8 |
			    ((unsigned char *)in)[1], (int)len - 2,
			    (char *)in + 2);
		return 0;
	case LWS_CALLBACK_CLIENT_CLOSED:
		if (c != NULL)
			lg_ws_closed(c, "closed");
		return 0;
	default:
		return 0;
	}
}

static int
lg_ws_drained(struct lg_ws *ws)
{
	struct lg_stats	*st = &ws->run->st;
	int		 i;

	if (!atomic_load(&st->http_done))
		return 0;
	for (i = ws->nsubs; i < ws->nconns; i++)
		if (ws->conns[i].state == LG_C_ACKED &&
		    ws->conns[i].inflight > 0)
			return 0;
	return ws->res->delivered >= atomic_load(&st->published);
}

static void
lg_ws_start_run(struct lg_ws *ws)
{
	struct lg_run	*run = ws->run;
	int		 i;

	run->t_start = util_mono_us();
	run->t_win_start = run->t_start + (uint64_t)(run->o.warmup * 1e6);
	run->t_win_end = run->t_win_start + (uint64_t)(run->o.duration * 1e6);
	lg_ws_phase(ws, LG_P_RUN, run->o.warmup + run->o.duration);
	if (run->o.warmup <= 0)
		lg_cpu_sample(run, &ws->cpu0);
	ws->http = lg_http_start(run);
	for (i = ws->nsubs; i < ws->nconns; i++) {
		ws->conns[i].due = run->t_start + (ws->pace_interval *
		    (uint64_t)(i - ws->nsubs)) / (uint64_t)(ws->npubs);
		if (ws->conns[i].state == LG_C_ACKED)
			lws_callback_on_writable(ws->conns[i].wsi);
	}
	if (ws->pace_interval != 0)
		lws_sul_schedule(ws->ctx, 0, &ws->pace, lg_ws_pace, LG_PACE_US);
}

/* Paced publishers: wake those whose next message is due, and sleep until
 * the next one is (at least LG_PACE_US, at most 10 ms). */
static void
lg_ws_pace(lws_sorted_usec_list_t *sul)
{
	struct lg_ws	*ws = (void *)((char *)sul - offsetof(struct lg_ws, pace));
	uint64_t	 now = util_mono_us(), next = now + 10000;
	int		 i;

	if (ws->phase != LG_P_RUN)
		return;
	for (i = ws->nsubs; i < ws->nconns; i++) {
		struct lg_conn *c = &ws->conns[i];

		if (c->state != LG_C_ACKED)
			continue;
		if (now >= c->due) {
			/* it sends what is due; its next one is due an
			 * interval from now at the latest */
			lws_callback_on_writable(c->wsi);
			if (now + ws->pace_interval < next)
				next = now + ws->pace_interval;
		} else if (c->due < next)
			next = c->due;
	}
	lws_sul_schedule(ws->ctx, 0, &ws->pace, lg_ws_pace,
	    next - now > LG_PACE_US ? (lws_usec_t)(next - now) : LG_PACE_US);
}

/* Move the run through its phases; every phase ends by its deadline. */
static void
lg_ws_tick(lws_sorted_usec_list_t *sul)
{
	struct lg_ws	*ws = (void *)((char *)sul - offsetof(struct lg_ws, tick));
	struct lg_run	*run = ws->run;
	uint64_t	 now = util_mono_us();
	int		 late = now >= ws->deadline, i;

	lg_ws_connect_more(ws);
	switch (ws->phase) {
	case LG_P_SUBS:
		if (ws->subscribed + ws->res->conn_failures >= (uint64_t)ws->nsubs
		    || late) {
			ws->res->subscribed = ws->subscribed;
			ws->res->setup_seconds = (double)(now - run->t_start) / 1e6;
			if (run->o.mode == LG_MODE_IDLE) {
				lg_cpu_sample(run, &ws->cpu0);
				lg_ws_phase(ws, LG_P_IDLE, run->o.idle_wait);
			} else
				lg_ws_phase(ws, LG_P_PUBS, 30);
		}
		break;
	case LG_P_PUBS:
		if (ws->acked_pubs >= ws->npubs || late)
			lg_ws_start_run(ws);
		break;
	case LG_P_RUN:
		if (ws->cpu0.wall == 0 && now >= run->t_win_start)
			lg_cpu_sample(run, &ws->cpu0);
		if (now >= run->t_win_end) {
			lg_cpu_sample(run, &ws->cpu1);
			atomic_store(&run->st.stop_publishing, 1);
			lg_ws_phase(ws, LG_P_DRAIN, run->o.drain);
		}
		break;
	case LG_P_DRAIN:
		if (lg_ws_drained(ws) || late)
			ws->phase = LG_P_DONE;
		break;
	case LG_P_IDLE:
		if (!late)
			break;
		lg_cpu_sample(run, &ws->cpu1);
		ws->res->srv_rss_after_kib = lg_proc_rss_kib(run->o.server_pid);
		ws->res->lg_rss_after_kib = lg_proc_rss_kib(0);
		ws->res->probes_sent = run->o.probes < run->nmailboxes ?
		    run->o.probes : run->nmailboxes;
		lg_ws_phase(ws, LG_P_PROBE, 15);
		break;
	case LG_P_PROBE:
		for (i = ws->nsubs; i < ws->nconns; i++)
			if (ws->conns[i].state == LG_C_ACKED)
				lws_callback_on_writable(ws->conns[i].wsi);
		if (ws->res->probes_seen >= ws->res->probes_sent || late)
			ws->phase = LG_P_DONE;
		break;
	case LG_P_DONE:
		break;
	}
	if (ws->phase == LG_P_DONE) {
		ws->done = 1;
		if (ws->run->o.evlib)	/* stops the event library's loop */
			lws_context_destroy(ws->ctx);
		else
			lws_cancel_service(ws->ctx);
		return;
	}
	lws_sul_schedule(ws->ctx, 0, &ws->tick, lg_ws_tick, LG_TICK_US);
}

static struct lws_context *
lg_ws_context(const struct lg_run *run)
{
	struct lws_context_creation_info	info;

	lws_set_log_level(LLL_ERR, NULL);
	memset(&info, 0, sizeof(info));
	info.port = CONTEXT_PORT_NO_LISTEN;
	info.protocols = lg_ws_protocols;
	info.gid = -1;
	info.uid = -1;
	info.timeout_secs = 30;
	info.connect_timeout_secs = 20;
	info.pt_serv_buf_size = 64 * 1024;
	if (run->o.evlib)
		info.options |= LWS_SERVER_OPTION_LIBEV;
	return lws_create_context(&info);
}

/* Run the WebSocket side of a run (and start the HTTP side); fill *res. */
int
lg_ws_run(struct lg_run *run, struct lg_ws_result *res)
{
	struct lg_ws	 ws;
	int		 i, npubs;

	memset(&ws, 0, sizeof(ws));
	ws.run = run;
	ws.res = res;
	ws.nsubs = run->o.mode == LG_MODE_IDLE ? run->o.idle_conns :
	    run->o.subs;
	npubs = run->o.mode == LG_MODE_IDLE ? 1 : run->o.ws_pubs;
	ws.npubs = npubs;
	ws.nconns = ws.nsubs + npubs;
	ws.conns = xcalloc((size_t)ws.nconns, sizeof(*ws.conns));
	for (i = ws.nsubs; i < ws.nconns; i++)
		ws.conns[i].sent_at = xcalloc((size_t)run->o.window,
		    sizeof(uint64_t));
	for (i = 0; i < ws.nconns; i++) {
		ws.conns[i].ws = &ws;
		ws.conns[i].role = i < ws.nsubs ? LG_SUB : LG_PUB;
		ws.conns[i].index = i < ws.nsubs ? i : i - ws.nsubs;
	}
	if (run->o.src_addrs > 1) {
		ws.src = xcalloc((size_t)run->o.src_addrs, sizeof(*ws.src));
		for (i = 0; i < run->o.src_addrs; i++)
			snprintf(ws.src[i], sizeof(ws.src[i]), "127.0.0.%u",
			    (unsigned)(i + 1) & 0xff);
	}
	if (run->o.rate > 0 && run->o.mode == LG_MODE_PUBSUB)
		ws.pace_interval = (uint64_t)(1e6 / (run->o.rate /
		    (run->o.ws_pubs + run->o.http_pubs)));
	/* Coalescing needs 16-bit frame lengths: true of any envelope up
	 * to 32 KiB. */
	ws.coalesce = run->o.coalesce && lg_msg_ws_max(run) <= 65535;
	ws.txcap = LWS_PRE + lg_msg_ws_max(run) + 1024 +
	    (ws.coalesce ? LG_TX_BYTES : 0);
	ws.tx = xmalloc(ws.txcap);
	if ((ws.ctx = lg_ws_context(run)) == NULL) {
		log_warnx("loadgen", "lws_create_context failed");
		return -1;
	}
	res->srv_rss_before_kib = lg_proc_rss_kib(run->o.server_pid);
	res->lg_rss_before_kib = lg_proc_rss_kib(0);
	run->t_start = util_mono_us();
	run->t_win_start = run->t_win_end = UINT64_MAX;
	lg_ws_phase(&ws, LG_P_SUBS, run->o.connect_timeout > 0 ?
	    run->o.connect_timeout : LG_CONNECT_S + ws.nsubs / 50.0);
	lws_sul_schedule(ws.ctx, 0, &ws.tick, lg_ws_tick, 1);
	while (!ws.done)
		if (lws_service(ws.ctx, 0) != 0 && !run->o.evlib)
			break;
	atomic_store(&run->st.stop_publishing, 1);
	lg_http_join(ws.http);
	res->cpu_start = ws.cpu0;
	res->cpu_end = ws.cpu1;
	lws_context_destroy(ws.ctx);
	for (i = 0; i < ws.nconns; i++)
		buf_free(&ws.conns[i].rx);
	for (i = ws.nsubs; i < ws.nconns; i++)
		free(ws.conns[i].sent_at);
	free(ws.conns);
	free(ws.src);
	free(ws.tx);
	return 0;
}
