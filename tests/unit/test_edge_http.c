/*
 * test_edge_http.c: the edge's HTTP side over raw sockets, where a real
 * client would be too polite: slow headers (slowloris) and slow bodies,
 * long polls that complete, outlive their limit or lose their client,
 * pipelining, keep-alive idling, header floods and garbage, heads in
 * pieces, limits at the byte, odd methods and versions, and shutdown with
 * a request pending.
 */
#include "config.h"

#include <sys/resource.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "common/buf.h"
#include "common/util.h"
#include "common/xmalloc.h"
#include "harness.h"
#include "unit.h"

static char	resp[1 << 20];

static char *
post_req(const char *body, const char *extra)
{
	char	*r;

	xasprintf(&r, "POST /graphql HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
	    "Content-Type: application/json\r\nContent-Length: %zu\r\n%s\r\n%s",
	    strlen(body), extra != NULL ? extra : "", body);
	return r;
}

static int
post(const char *body, const char *extra, int ms)
{
	char	*r = post_req(body, extra);

	http_request(r, resp, sizeof(resp), ms);
	free(r);
	return http_status(resp);
}

static void
short_timeouts(struct edge_config *c)
{
	c->request_timeout_ms = 500;
	c->idle_timeout_ms = 1000;
	c->long_poll_max_ms = 300;
}

/* Headers that never finish: the socket is closed, not held. */
START_TEST(test_slowloris_headers)
{
	uint64_t	t0 = util_mono_us();
	int		fd;

	ck_assert_ptr_nonnull(harness_start(short_timeouts));
	fd = tcp_connect(harness_port());
	ck_assert_int_eq(raw_send(fd, "GET /graphql?query=x HTTP/1.1\r\n"), 0);
	usleep(300000);
	ck_assert_int_eq(raw_send(fd, "Host: x\r\n"), 0);
	ck_assert_int_eq(raw_is_closed(fd, 4000), 1);
	ck_assert_uint_lt(util_mono_us() - t0, 4000000);
	close(fd);
	harness_stop();
}
END_TEST

/* A body that does not arrive in time gets 408 and a closed socket. */
START_TEST(test_slow_body_408)
{
	int	fd;

	ck_assert_ptr_nonnull(harness_start(short_timeouts));
	fd = tcp_connect(harness_port());
	ck_assert_int_eq(raw_send(fd, "POST /graphql HTTP/1.1\r\nHost: x\r\n"
	    "Content-Type: application/json\r\nContent-Length: 100\r\n\r\n"
	    "{\"query\":"), 0);
	raw_read_all(fd, resp, sizeof(resp), 3000);
	ck_assert_int_eq(http_status(resp), 408);
	ck_assert_ptr_nonnull(strstr(resp, "REQUEST_TIMEOUT"));
	close(fd);
	harness_stop();
}
END_TEST

/* A long poll answers when its operation completes. */
START_TEST(test_long_poll_completes)
{
	uint64_t	t0;

	ck_assert_ptr_nonnull(harness_start(NULL));
	t0 = util_mono_us();
	ck_assert_int_eq(post("{\"query\":\"{ wait }\",\"variables\":"
	    "{\"ms\":300}}", NULL, 3000), 200);
	ck_assert_uint_ge(util_mono_us() - t0, 290000);
	ck_assert_str_eq(http_body(resp), "{\"data\":{\"waited\":300}}");
	harness_stop();
}
END_TEST

/* A client that goes away cancels its pending operation. */
START_TEST(test_long_poll_disconnect_cancels)
{
	char	*r;
	int	 fd;

	ck_assert_ptr_nonnull(harness_start(NULL));
	fd = tcp_connect(harness_port());
	r = post_req("{\"query\":\"{ wait }\",\"variables\":{\"ms\":10000}}",
	    NULL);
	ck_assert_int_eq(raw_send(fd, r), 0);
	free(r);
	ck_assert(wait_counts(counts_live_is, 1, 2000));
	close(fd);
	ck_assert(wait_counts(counts_cancels_at_least, 1, 2000));
	ck_assert(wait_counts(counts_live_is, 0, 100));
	harness_stop();
}
END_TEST

/* The same with GET: lws does not read then; the edge probes. */
START_TEST(test_long_poll_get_disconnect_cancels)
{
	int	fd;

	ck_assert_ptr_nonnull(harness_start(NULL));
	fd = tcp_connect(harness_port());
	ck_assert_int_eq(raw_send(fd, "GET /graphql?query=wait&variables="
	    "%7B%22ms%22%3A10000%7D HTTP/1.1\r\nHost: x\r\n\r\n"), 0);
	ck_assert(wait_counts(counts_live_is, 1, 2000));
	close(fd);
	ck_assert(wait_counts(counts_cancels_at_least, 1, 2000));
	harness_stop();
}
END_TEST

static double
cpu_seconds(void)
{
	struct rusage	ru;

	getrusage(RUSAGE_SELF, &ru);
	return ru.ru_utime.tv_sec + ru.ru_stime.tv_sec +
	    (ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e6;
}

/*
 * Bytes behind a pending long poll (pipelining) would make lws 4.1 spin:
 * the edge closes such a connection instead, cancelling the operation.
 */
START_TEST(test_pipelining_behind_long_poll)
{
	double	t0;
	int	fd;

	ck_assert_ptr_nonnull(harness_start(NULL));
	fd = tcp_connect(harness_port());
	ck_assert_int_eq(raw_send(fd, "GET /graphql?query=wait&variables="
	    "%7B%22ms%22%3A3000%7D HTTP/1.1\r\nHost: x\r\n\r\n"), 0);
	ck_assert(wait_counts(counts_live_is, 1, 2000));
	t0 = cpu_seconds();
	ck_assert_int_eq(raw_send(fd, "GET /graphql?query=x HTTP/1.1\r\n"
	    "Host: x\r\n\r\n"), 0);
	ck_assert_int_eq(raw_is_closed(fd, 2000), 1);
	ck_assert(wait_counts(counts_cancels_at_least, 1, 1000));
	ck_assert_msg(cpu_seconds() - t0 < 0.5, "spun for %.2f s of CPU",
	    cpu_seconds() - t0);
	close(fd);
	harness_stop();
}
END_TEST

/* An operation past --long-poll-max is cancelled and answered 503. */
START_TEST(test_long_poll_limit_503)
{
	ck_assert_ptr_nonnull(harness_start(short_timeouts));
	ck_assert_int_eq(post("{\"query\":\"{ never }\"}", NULL, 4000), 503);
	ck_assert(wait_counts(counts_cancels_at_least, 1, 1000));
	harness_stop();
}
END_TEST

/* Two requests in one write get two answers, in order. */
START_TEST(test_pipelining)
{
	const char	*one = "GET /graphql?query=echo&variables=%7B%22i%22%3A1%7D"
			    " HTTP/1.1\r\nHost: x\r\n\r\n";
	const char	*two = "GET /graphql?query=echo&variables=%7B%22i%22%3A2%7D"
			    " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";
	char		*both, *a, *b;
	int		 fd;

	ck_assert_ptr_nonnull(harness_start(NULL));
	fd = tcp_connect(harness_port());
	xasprintf(&both, "%s%s", one, two);
	ck_assert_int_eq(raw_send(fd, both), 0);
	free(both);
	raw_read_all(fd, resp, sizeof(resp), 2000);
	a = strstr(resp, "{\"i\":1}");
	b = strstr(resp, "{\"i\":2}");
	ck_assert_ptr_nonnull(a);
	ck_assert_ptr_nonnull(b);
	ck_assert(a < b);
	close(fd);
	harness_stop();
}
END_TEST

/* An idle keep-alive connection is closed after --idle-timeout. */
START_TEST(test_keepalive_idle_closed)
{
	int	fd;

	ck_assert_ptr_nonnull(harness_start(short_timeouts));
	fd = tcp_connect(harness_port());
	ck_assert_int_eq(raw_send(fd, "GET /graphql?query=x HTTP/1.1\r\n"
	    "Host: x\r\n\r\n"), 0);
	ck_assert_int_eq(raw_is_closed(fd, 300), 0);	/* kept alive... */
	ck_assert_int_eq(raw_is_closed(fd, 4000), 1);	/* ...not forever */
	close(fd);
	harness_stop();
}
END_TEST

/*
 * Header floods: 431 past the limit, 414 for a long URI, however many
 * headers there are (hostile case 16: lws 4.1.6 used to drop 2000 small
 * ones without an answer; the edge's front measures the head first).
 */
START_TEST(test_header_flood)
{
	struct buf	 flood;
	char		*req, *big;
	int		 i, n;

	ck_assert_ptr_nonnull(harness_start(NULL));
	big = xmalloc(20001);
	memset(big, 'a', 20000);
	big[9000] = '\0';
	xasprintf(&req, "GET /graphql?query=x HTTP/1.1\r\nHost: x\r\n"
	    "User-Agent: %s\r\n\r\n", big);
	http_request(req, resp, sizeof(resp), 2000);
	ck_assert_int_eq(http_status(resp), 431);
	free(req);
	big[9000] = 'a';
	xasprintf(&req, "GET /graphql?query=%s HTTP/1.1\r\nHost: x\r\n\r\n",
	    big);
	http_request(req, resp, sizeof(resp), 2000);
	ck_assert_int_eq(http_status(resp), 414);	/* 20000 bytes */
	ck_assert_ptr_nonnull(strstr(resp, "URI_TOO_LONG"));
	free(req);
	free(big);
	for (n = 2000; n <= 8000; n *= 4) {
		buf_init(&flood);
		buf_adds(&flood, "GET /healthz HTTP/1.1\r\nHost: x\r\n");
		for (i = 0; i < n; i++)
			buf_addf(&flood, "X-Flood-%d: yes\r\n", i);
		buf_adds(&flood, "\r\n");
		http_request(buf_cstr(&flood), resp, sizeof(resp), 2000);
		ck_assert_int_eq(http_status(resp), 431);
		ck_assert_ptr_nonnull(strstr(resp, "HEADERS_TOO_LARGE"));
		buf_free(&flood);
	}
	ck_assert_int_eq(post("{\"query\":\"x\"}", NULL, 2000), 200);
	harness_stop();
}
END_TEST

/* --max-header-bytes counts the request line and headers, to the byte. */
START_TEST(test_header_limit_exact)
{
	const char	*start = "GET /healthz HTTP/1.1\r\nX-Pad: ";
	char		*req, *pad;
	size_t		 n;

	ck_assert_ptr_nonnull(harness_start(NULL));
	/* start, the pad, "\r\n\r\n": EDGE_DEFAULT_MAX_HEADER, then one more */
	for (n = 0; n < 2; n++) {
		pad = xmalloc(EDGE_DEFAULT_MAX_HEADER);
		memset(pad, 'p', EDGE_DEFAULT_MAX_HEADER);
		pad[EDGE_DEFAULT_MAX_HEADER - strlen(start) - 4 + n] = '\0';
		xasprintf(&req, "%s%s\r\n\r\n", start, pad);
		ck_assert_uint_eq(strlen(req), EDGE_DEFAULT_MAX_HEADER + n);
		http_request(req, resp, sizeof(resp), 2000);
		ck_assert_int_eq(http_status(resp), n == 0 ? 200 : 431);
		free(req);
		free(pad);
	}
	harness_stop();
}
END_TEST

/*
 * A head that arrives in pieces, cut anywhere (also just before its last
 * byte), with a body behind it: the front reads the pieces and lws the
 * rest, and the body is the body.
 */
START_TEST(test_head_in_pieces)
{
	char	*req, part[256];
	size_t	 len, cut, cuts[] = { 1, 9, 40, 0, 0, 0 };
	int	 fd, i;

	ck_assert_ptr_nonnull(harness_start(NULL));
	req = post_req("{\"query\":\"{ echo }\",\"variables\":{\"k\":"
	    "\"v42\"}}", NULL);
	len = strlen(req);
	cuts[3] = strcspn(req, "{") - 1;		/* before the last LF */
	cuts[4] = cuts[3] + 1;				/* the head alone */
	cuts[5] = len - 1;
	for (i = 0; i < (int)nitems(cuts); i++) {
		fd = tcp_connect(harness_port());
		ck_assert_int_ge(fd, 0);
		for (cut = 0; cut < len; cut += strlen(part)) {
			snprintf(part, sizeof(part), "%.*s", (int)(cut == 0 ?
			    cuts[i] : len - cut), req + cut);
			ck_assert_int_eq(raw_send(fd, part), 0);
			usleep(50 * 1000);
		}
		raw_read_all(fd, resp, sizeof(resp), 2000);
		close(fd);
		ck_assert_msg(http_status(resp) == 200 &&
		    strstr(resp, "v42") != NULL, "cut at %zu: %.80s", cuts[i],
		    resp);
	}
	free(req);
	harness_stop();
}
END_TEST

/* What lws cannot parse as HTTP: 405 for a request line, else closed. */
START_TEST(test_raw_fallback)
{
	int	fd;

	ck_assert_ptr_nonnull(harness_start(NULL));
	http_request("CONNECT 127.0.0.1:22 HTTP/1.1\r\nHost: x\r\n\r\n",
	    resp, sizeof(resp), 3000);
	ck_assert_int_eq(http_status(resp), 405);
	ck_assert_ptr_nonnull(strstr(resp, "allow: GET, POST"));
	http_request("TRACE /graphql HTTP/1.1\r\nHost: x\r\n\r\n", resp,
	    sizeof(resp), 3000);
	ck_assert_int_eq(http_status(resp), 405);
	/* A CONNECT that sends nothing more is not held open. */
	fd = tcp_connect(harness_port());
	ck_assert_int_eq(raw_send(fd, "CONNECT x:1 HTTP/1.1\r\n\r\n"), 0);
	ck_assert_int_eq(raw_is_closed(fd, 4000), 1);
	close(fd);
	ck_assert(wait_counts(counts_live_is, 0, 100));
	ck_assert_int_eq(post("{\"query\":\"x\"}", NULL, 2000), 200);
	harness_stop();
}
END_TEST

/* Garbage and odd requests: answered or dropped, never a crash. */
START_TEST(test_garbage_and_methods)
{
	ck_assert_ptr_nonnull(harness_start(NULL));
	http_request("HELLO THERE\r\n\r\n", resp, sizeof(resp), 2000);
	http_request("\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03", resp,
	    sizeof(resp), 2000);
	http_request("GET /graphql?query=%zz HTTP/1.1\r\nHost: x\r\n\r\n",
	    resp, sizeof(resp), 2000);
	http_request("GET /graphql?query=x%00y HTTP/1.1\r\nHost: x\r\n\r\n",
	    resp, sizeof(resp), 2000);
	http_request("PUT /graphql HTTP/1.1\r\nHost: x\r\n"
	    "Content-Length: 5\r\n\r\nhello", resp, sizeof(resp), 2000);
	ck_assert_int_eq(http_status(resp), 405);
	ck_assert_ptr_nonnull(strstr(resp, "allow: GET, POST"));
	http_request("OPTIONS /graphql HTTP/1.1\r\nHost: x\r\n\r\n", resp,
	    sizeof(resp), 2000);
	ck_assert_int_eq(http_status(resp), 405);
	http_request("HEAD /healthz HTTP/1.1\r\nHost: x\r\nConnection: close"
	    "\r\n\r\n", resp, sizeof(resp), 2000);
	ck_assert_int_eq(http_status(resp), 200);
	ck_assert_ptr_nonnull(strstr(resp, "content-length: "));
	ck_assert_str_eq(http_body(resp), "");
	http_request("GET /graphql?query=x HTTP/1.0\r\n\r\n", resp,
	    sizeof(resp), 2000);
	ck_assert_int_eq(http_status(resp), 200);
	http_request("POST /healthz HTTP/1.1\r\nHost: x\r\nContent-Length: 0"
	    "\r\n\r\n", resp, sizeof(resp), 2000);
	ck_assert_int_eq(http_status(resp), 405);
	http_request("GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close"
	    "\r\n\r\n", resp, sizeof(resp), 2000);
	ck_assert_int_eq(http_status(resp), 200);
	ck_assert_ptr_nonnull(strstr(resp, "\"status\":\"ok\""));
	http_request("GET /graphql HTTP/1.1\r\nHost: x\r\nUpgrade: h2c\r\n"
	    "Connection: Upgrade, HTTP2-Settings\r\nHTTP2-Settings: AAMAAABkAAQ"
	    "AoAAAAAIAAAAA\r\n\r\n", resp, sizeof(resp), 2000);
	ck_assert_int_eq(post("{\"query\":\"x\"}", NULL, 2000), 200);
	harness_stop();
}
END_TEST

static void
small_body(struct edge_config *c)
{
	c->max_request_bytes = 1024;
}

/* --max-request-bytes is exact; more is 413 without reading it. */
START_TEST(test_body_limit_exact)
{
	char	body[1100];
	size_t	pad;

	ck_assert_ptr_nonnull(harness_start(small_body));
	pad = 1024 - strlen("{\"query\":\"\"}");
	memcpy(body, "{\"query\":\"", 10);
	memset(body + 10, 'q', pad);
	memcpy(body + 10 + pad, "\"}", 3);
	ck_assert_uint_eq(strlen(body), 1024);
	ck_assert_int_eq(post(body, NULL, 2000), 200);
	memmove(body + 11, body + 10, strlen(body + 10) + 1);
	ck_assert_int_eq(post(body, NULL, 2000), 413);
	ck_assert_ptr_nonnull(strstr(resp, "PAYLOAD_TOO_LARGE"));
	ck_assert_ptr_nonnull(strstr(resp, "connection: close"));
	harness_stop();
}
END_TEST

/* Expect: 100-continue gets its interim answer, then the real one. */
START_TEST(test_expect_continue)
{
	char	*r;
	int	 fd;

	ck_assert_ptr_nonnull(harness_start(NULL));
	fd = tcp_connect(harness_port());
	ck_assert_int_eq(raw_send(fd, "POST /graphql HTTP/1.1\r\nHost: x\r\n"
	    "Content-Type: application/json\r\nContent-Length: 13\r\n"
	    "Expect: 100-continue\r\nConnection: close\r\n\r\n"), 0);
	raw_read_all(fd, resp, sizeof(resp), 500);
	ck_assert_int_eq(http_status(resp), 100);
	ck_assert_int_eq(raw_send(fd, "{\"query\":\"x\"}"), 0);
	raw_read_all(fd, resp, sizeof(resp), 2000);
	ck_assert_int_eq(http_status(resp), 200);
	close(fd);
	r = post_req("{\"query\":\"x\"}", "Expect: 100-continue\r\n");
	free(r);
	harness_stop();
}
END_TEST

/* Bearer tokens: good, bad, and the wrong scheme. */
START_TEST(test_bearer_auth)
{
	ck_assert_ptr_nonnull(harness_start(NULL));
	ck_assert_int_eq(post("{\"query\":\"{ whoami }\"}",
	    "Authorization: Bearer good\r\n", 2000), 200);
	ck_assert_str_eq(http_body(resp), "{\"data\":{\"whoami\":\"alice\"}}");
	ck_assert_int_eq(post("{\"query\":\"{ whoami }\"}", NULL, 2000), 200);
	ck_assert_str_eq(http_body(resp), "{\"data\":{\"whoami\":null}}");
	ck_assert_int_eq(post("{\"query\":\"{ whoami }\"}",
	    "Authorization: Bearer nope\r\n", 2000), 401);
	ck_assert_ptr_nonnull(strstr(resp, "www-authenticate: Bearer"));
	ck_assert_int_eq(post("{\"query\":\"{ whoami }\"}",
	    "Authorization: Basic Zm9vOmJhcg==\r\n", 2000), 401);
	harness_stop();
}
END_TEST

/* Stopping answers a pending request with 503 and cancels it. */
START_TEST(test_shutdown_pending_503)
{
	char	*r;
	int	 fd;

	ck_assert_ptr_nonnull(harness_start(NULL));
	fd = tcp_connect(harness_port());
	r = post_req("{\"query\":\"{ never }\"}", NULL);
	ck_assert_int_eq(raw_send(fd, r), 0);
	free(r);
	ck_assert(wait_counts(counts_live_is, 1, 2000));
	harness_stop();
	raw_read_all(fd, resp, sizeof(resp), 2000);
	ck_assert_int_eq(http_status(resp), 503);
	ck_assert(wait_counts(counts_cancels_at_least, 1, 100));
	close(fd);
}
END_TEST

int
main(void)
{
	Suite	*s = suite_create("edge_http");
	TCase	*tc = tcase_create("edge_http");

	tcase_set_timeout(tc, 30);
	tcase_add_test(tc, test_slowloris_headers);
	tcase_add_test(tc, test_slow_body_408);
	tcase_add_test(tc, test_long_poll_completes);
	tcase_add_test(tc, test_long_poll_disconnect_cancels);
	tcase_add_test(tc, test_long_poll_get_disconnect_cancels);
	tcase_add_test(tc, test_pipelining_behind_long_poll);
	tcase_add_test(tc, test_long_poll_limit_503);
	tcase_add_test(tc, test_pipelining);
	tcase_add_test(tc, test_keepalive_idle_closed);
	tcase_add_test(tc, test_header_flood);
	tcase_add_test(tc, test_header_limit_exact);
	tcase_add_test(tc, test_head_in_pieces);
	tcase_add_test(tc, test_raw_fallback);
	tcase_add_test(tc, test_garbage_and_methods);
	tcase_add_test(tc, test_body_limit_exact);
	tcase_add_test(tc, test_expect_continue);
	tcase_add_test(tc, test_bearer_auth);
	tcase_add_test(tc, test_shutdown_pending_503);
	suite_add_tcase(s, tc);
	return unit_run(s);
}
