/*
 * test_edge_ws.c: the edge's WebSocket side against a client that
 * misbehaves on purpose (tests/edge/wsc.c): a reader that stops reading
 * (bounded queue, paused and resumed subscriptions, nothing lost), a peer
 * that never answers pings (dropped), ten thousand subscribes on one
 * socket, frames after close (answered, not reset), fragmented messages,
 * idle sockets, the connection limit, graceful shutdown, and messages
 * posted from another thread.
 */
#include "config.h"

#include <sys/socket.h>

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <jansson.h>

#include "common/util.h"
#include "harness.h"
#include "unit.h"

static struct wsc *
ready(const char *proto)
{
	struct wsc	*c = wsc_connect(harness_port(), proto);
	char		*m;

	ck_assert_ptr_nonnull(c);
	ck_assert_int_eq(wsc_send(c, "{\"type\":\"connection_init\"}"), 0);
	m = wsc_recv_text(c, 2000);
	ck_assert_ptr_nonnull(m);
	ck_assert_ptr_nonnull(strstr(m, "connection_ack"));
	free(m);
	return c;
}

static void
subscribe(struct wsc *c, const char *id, const char *query, const char *vars)
{
	char	msg[1024];

	snprintf(msg, sizeof(msg), "{\"type\":\"subscribe\",\"id\":\"%s\","
	    "\"payload\":{\"query\":\"%s\",\"variables\":%s}}", id, query,
	    vars != NULL ? vars : "null");
	ck_assert_int_eq(wsc_send(c, msg), 0);
}

static void
small_queue(struct edge_config *c)
{
	c->ws_send_queue_bytes = 16 * 1024;
}

/*
 * Messages that wait together leave as one write of back-to-back frames
 * (edge_sendq_write): every size of frame length (7-bit, 16-bit, 64-bit)
 * must arrive whole, in order, as separate messages.
 */
static void
expect_ticks(struct wsc *c, int n, size_t size)
{
	json_t	*j, *d;
	char	*m;
	int	 i;

	for (i = 0; i < n; i++) {
		m = wsc_recv_text(c, 5000);
		ck_assert_msg(m != NULL, "event %d missing", i);
		j = json_loads(m, 0, NULL);
		ck_assert_ptr_nonnull(j);
		d = json_object_get(json_object_get(j, "payload"), "data");
		ck_assert_int_eq(json_integer_value(json_object_get(d,
		    "tick")), i);
		ck_assert_uint_ge(strlen(m), size);
		json_decref(j);
		free(m);
	}
	m = wsc_recv_text(c, 2000);
	ck_assert_ptr_nonnull(m);
	ck_assert_ptr_nonnull(strstr(m, "\"complete\""));
	free(m);
}

START_TEST(test_packed_frames)
{
	static const size_t	 sizes[] = { 0, 100, 200, 5000, 70000 };
	struct wsc		*c;
	char			 vars[64];
	size_t			 i;

	ck_assert_ptr_nonnull(harness_start(NULL));
	c = ready("graphql-transport-ws");
	for (i = 0; i < nitems(sizes); i++) {
		snprintf(vars, sizeof(vars), "{\"n\":%d,\"size\":%zu}",
		    sizes[i] > 10000 ? 4 : 300, sizes[i]);
		subscribe(c, "p", "subscription { tick }", vars);
		expect_ticks(c, sizes[i] > 10000 ? 4 : 300, sizes[i]);
	}
	wsc_free(c);
	harness_stop();
}
END_TEST

/* A reader that stops: the queue stays bounded, nothing is lost. */
START_TEST(test_backpressure_pause_resume)
{
	struct th_counts	 tc;
	struct wsc		*c;
	json_t			*j;
	char			*m;
	int			 i, want = 2000;

	ck_assert_ptr_nonnull(harness_start(small_queue));
	c = ready("graphql-transport-ws");
	subscribe(c, "big", "subscription { tick }",
	    "{\"n\":2000,\"size\":1000}");
	usleep(500000);		/* not reading: kernel buffers fill up */
	th_counts(&tc);
	ck_assert_uint_gt(tc.pauses, 0);
	for (i = 0; i < want; i++) {
		m = wsc_recv_text(c, 5000);
		ck_assert_msg(m != NULL, "event %d missing", i);
		j = json_loads(m, 0, NULL);
		ck_assert_int_eq(json_integer_value(json_object_get(
		    json_object_get(json_object_get(j, "payload"), "data"),
		    "tick")), i);
		json_decref(j);
		free(m);
	}
	m = wsc_recv_text(c, 2000);
	ck_assert_ptr_nonnull(strstr(m, "\"complete\""));
	free(m);
	th_counts(&tc);
	ck_assert_uint_gt(tc.resumes, 0);
	wsc_free(c);
	harness_stop();
}
END_TEST

static void
fast_ping(struct edge_config *c)
{
	c->ws_ping_interval_ms = 200;
}

/* A peer that never answers PING frames is dropped after two intervals. */
START_TEST(test_dead_peer_dropped)
{
	struct wsc	*c;

	ck_assert_ptr_nonnull(harness_start(fast_ping));
	c = ready("graphql-transport-ws");
	c->auto_pong = 0;
	ck_assert_int_eq(raw_is_closed(c->fd, 2000), 1);
	wsc_free(c);
	harness_stop();
}
END_TEST

static void
slower_ping(struct edge_config *c)
{
	c->ws_ping_interval_ms = 400;
}

/* A peer that answers pings stays, without sending anything itself. */
START_TEST(test_live_peer_kept)
{
	struct wsc_msg	 m;
	struct wsc	*c;
	uint64_t	 end;
	char		*t;

	ck_assert_ptr_nonnull(harness_start(slower_ping));
	c = ready("graphql-transport-ws");
	subscribe(c, "n", "{ never }", NULL);	/* not idle */
	end = util_mono_us() + 1500000;
	while (util_mono_us() < end)
		if (wsc_recv(c, &m, 100) == 0)
			free(m.data);	/* PINGs are answered inside */
	ck_assert_int_eq(wsc_send(c, "{\"type\":\"ping\"}"), 0);
	t = wsc_recv_text(c, 2000);
	ck_assert_ptr_nonnull(t);
	ck_assert_ptr_nonnull(strstr(t, "pong"));
	free(t);
	wsc_free(c);
	harness_stop();
}
END_TEST

static void
ten_ops(struct edge_config *c)
{
	c->ws_max_operations = 10;
}

/* Ten thousand subscribes on one socket: ten run, the rest are refused. */
START_TEST(test_ten_thousand_subscribes)
{
	struct wsc	*c;
	char		 id[32], *m;
	int		 i, refused = 0;

	ck_assert_ptr_nonnull(harness_start(ten_ops));
	c = ready("graphql-transport-ws");
	for (i = 0; i < 10000; i++) {
		snprintf(id, sizeof(id), "s%d", i);
		subscribe(c, id, "{ never }", NULL);
	}
	while (refused < 9990 && (m = wsc_recv_text(c, 5000)) != NULL) {
		if (strstr(m, "RATE_LIMITED") != NULL)
			refused++;
		free(m);
	}
	ck_assert_int_eq(refused, 9990);
	ck_assert(wait_counts(counts_live_is, 10, 2000));
	ck_assert_int_eq(wsc_send(c, "{\"type\":\"ping\"}"), 0);
	m = wsc_recv_text(c, 2000);
	ck_assert_ptr_nonnull(m);
	free(m);
	wsc_free(c);
	ck_assert(wait_counts(counts_cancels_at_least, 10, 2000));
	ck_assert(wait_counts(counts_live_is, 0, 2000));
	harness_stop();
}
END_TEST

/* Frames after the client's close are ignored; the server lives on. */
START_TEST(test_frames_after_close)
{
	struct wsc	*c, *d;
	int		 i;

	ck_assert_ptr_nonnull(harness_start(NULL));
	c = ready("graphql-transport-ws");
	subscribe(c, "n", "{ never }", NULL);
	ck_assert_int_eq(wsc_send_frame(c, 8, "\x03\xe8", 2), 0);
	for (i = 0; i < 20; i++)
		wsc_send(c, "{\"type\":\"ping\"}");
	ck_assert_int_eq(wsc_wait_close(c, 2000), 1000);
	ck_assert(wait_counts(counts_cancels_at_least, 1, 2000));
	wsc_free(c);
	d = ready("graphql-transport-ws");
	wsc_free(d);
	harness_stop();
}
END_TEST

/*
 * A client that goes on writing after its close frame (hostile case 75)
 * is not reset: the server's socket lingers and reads on, so the writes
 * succeed and the close frame can be read. (lws alone closed at once, and
 * the reset made such a client's writes fail before it read the close.)
 */
START_TEST(test_close_lingers)
{
	struct wsc	*c;
	int		 i;

	ck_assert_ptr_nonnull(harness_start(NULL));
	c = ready("graphql-transport-ws");
	ck_assert_int_eq(wsc_send_frame(c, 8, "\x03\xe8", 2), 0);
	for (i = 0; i < 10; i++) {
		usleep(20 * 1000);
		ck_assert_int_eq(wsc_send(c, "{\"type\":\"ping\"}"), 0);
	}
	ck_assert_int_eq(wsc_wait_close(c, 2000), 1000);
	/* Then our end closes, and so does the server's, cleanly. */
	shutdown(c->fd, SHUT_WR);
	ck_assert(raw_is_closed(c->fd, 3000));
	wsc_free(c);
	harness_stop();
}
END_TEST

/* A message split over three frames is one message. */
START_TEST(test_fragmented_message)
{
	const char	*msg = "{\"type\":\"subscribe\",\"id\":\"f\",\"payload\":"
			    "{\"query\":\"{ __typename }\"}}";
	struct wsc	*c;
	char		*m;

	ck_assert_ptr_nonnull(harness_start(NULL));
	c = ready("graphql-transport-ws");
	ck_assert_int_eq(wsc_send_fragment(c, 1, 0, msg, 10), 0);
	ck_assert_int_eq(wsc_send_frame(c, 9, "hi", 2), 0);	/* ping between */
	ck_assert_int_eq(wsc_send_fragment(c, 0, 0, msg + 10, 20), 0);
	ck_assert_int_eq(wsc_send_fragment(c, 0, 1, msg + 30,
	    strlen(msg) - 30), 0);
	m = wsc_recv_text(c, 2000);
	ck_assert_ptr_nonnull(m);
	ck_assert_ptr_nonnull(strstr(m, "\"next\""));
	free(m);
	wsc_free(c);
	harness_stop();
}
END_TEST

static void
short_idle(struct edge_config *c)
{
	c->idle_timeout_ms = 300;
}

/* A socket without operations is closed after the idle timeout. */
START_TEST(test_idle_socket_closed)
{
	struct wsc	*c;
	uint64_t	 t0 = util_mono_us();

	ck_assert_ptr_nonnull(harness_start(short_idle));
	c = ready("graphql-ws");
	ck_assert_int_eq(wsc_wait_close(c, 3000), 1000);
	ck_assert_uint_lt(util_mono_us() - t0, 2000000);
	wsc_free(c);
	harness_stop();
}
END_TEST

static void
five_conns(struct edge_config *c)
{
	c->max_connections = 5;
}

/* Past --max-connections a socket is refused at once; room comes back. */
START_TEST(test_connection_limit)
{
	struct wsc	*c[5], *d;
	int		 i, fd;

	ck_assert_ptr_nonnull(harness_start(five_conns));
	for (i = 0; i < 5; i++)
		c[i] = ready("graphql-transport-ws");
	fd = tcp_connect(harness_port());
	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(raw_is_closed(fd, 1000), 1);
	close(fd);
	wsc_free(c[0]);
	usleep(200000);
	d = ready("graphql-transport-ws");
	wsc_free(d);
	for (i = 1; i < 5; i++)
		wsc_free(c[i]);
	harness_stop();
}
END_TEST

/* Stopping closes sockets with 1001 and cancels their operations. */
START_TEST(test_shutdown_going_away)
{
	struct wsc	*c;

	ck_assert_ptr_nonnull(harness_start(NULL));
	c = ready("graphql-transport-ws");
	subscribe(c, "a", "{ never }", NULL);
	subscribe(c, "b", "{ never }", NULL);
	subscribe(c, "c", "subscription { t }", "{\"n\":1000000,\"ms\":1000}");
	ck_assert(wait_counts(counts_live_is, 3, 2000));
	harness_stop();
	ck_assert_int_eq(wsc_wait_close(c, 3000), 1001);
	ck_assert(wait_counts(counts_cancels_at_least, 3, 100));
	wsc_free(c);
}
END_TEST

static int
handshake(const char *extra, char *out, size_t len)
{
	char	req[1024];

	snprintf(req, sizeof(req), "GET /graphql HTTP/1.1\r\nHost: x\r\n"
	    "Upgrade: websocket\r\nConnection: Upgrade\r\n"
	    "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n%s\r\n", extra);
	http_request(req, out, len, 2000);
	return http_status(out);
}

/* Handshakes we cannot honour get an HTTP answer, not a hang. */
START_TEST(test_handshake_refusals)
{
	char	out[4096];

	ck_assert_ptr_nonnull(harness_start(NULL));
	ck_assert_int_eq(handshake("Sec-WebSocket-Version: 99\r\n", out,
	    sizeof(out)), 426);
	ck_assert_ptr_nonnull(strstr(out, "sec-websocket-version: 13"));
	ck_assert_int_eq(handshake("Sec-WebSocket-Version: 13\r\n"
	    "Sec-WebSocket-Protocol: chat, superchat\r\n", out, sizeof(out)),
	    400);
	ck_assert_int_eq(handshake("Sec-WebSocket-Version: 13\r\n"
	    "Sec-WebSocket-Protocol: chat, graphql-transport-ws\r\n", out,
	    sizeof(out)), 101);
	ck_assert_ptr_nonnull(strstr(out, "graphql-transport-ws"));
	harness_stop();
}
END_TEST

struct poster {
	struct edge	*edge;
	int		 n;
};

static void *
poster_main(void *arg)
{
	struct poster	*p = arg;
	struct edge_msg	 msg;
	int		 i;

	for (i = 0; i < p->n; i++) {
		memset(&msg, 0, sizeof(msg));
		msg.type = 1;
		msg.value = (uint64_t)i;
		msg.data = malloc(16);
		ck_assert_int_eq(edge_post(p->edge, &msg), 0);
	}
	return NULL;
}

/* Messages from other threads all arrive on the edge thread. */
START_TEST(test_post_from_threads)
{
	struct poster	p;
	pthread_t	t[3];
	int		i;

	p.edge = harness_start(NULL);
	ck_assert_ptr_nonnull(p.edge);
	p.n = 5000;
	for (i = 0; i < 3; i++)
		pthread_create(&t[i], NULL, poster_main, &p);
	for (i = 0; i < 3; i++)
		pthread_join(t[i], NULL);
	ck_assert(wait_counts(counts_messages_at_least, 15000, 5000));
	harness_stop();
}
END_TEST

int
main(void)
{
	Suite	*s = suite_create("edge_ws");
	TCase	*tc = tcase_create("edge_ws");

	tcase_set_timeout(tc, 30);
	tcase_add_test(tc, test_backpressure_pause_resume);
	tcase_add_test(tc, test_packed_frames);
	tcase_add_test(tc, test_dead_peer_dropped);
	tcase_add_test(tc, test_live_peer_kept);
	tcase_add_test(tc, test_ten_thousand_subscribes);
	tcase_add_test(tc, test_frames_after_close);
	tcase_add_test(tc, test_close_lingers);
	tcase_add_test(tc, test_fragmented_message);
	tcase_add_test(tc, test_idle_socket_closed);
	tcase_add_test(tc, test_connection_limit);
	tcase_add_test(tc, test_shutdown_going_away);
	tcase_add_test(tc, test_post_from_threads);
	tcase_add_test(tc, test_handshake_refusals);
	suite_add_tcase(s, tc);
	return unit_run(s);
}
