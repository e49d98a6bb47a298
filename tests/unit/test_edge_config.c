/*
 * test_edge_config.c: the edge's configuration and life cycle: --listen
 * syntax and the loopback-only rule, start-up errors in words (busy port,
 * bad limits), the port file, a unix-socket listener, IPv6 loopback,
 * timers, the send queue, and stop/free in every state.
 */
#include "config.h"

#include <sys/socket.h>
#include <sys/un.h>

#include <errno.h>
#include <stdatomic.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "common/log.h"
#include "common/util.h"
#include "edge/edge_int.h"
#include "harness.h"
#include "unit.h"

struct listen_case {
	const char	*s;
	int		 rc;
	int		 family;
	const char	*addr;
	int		 port;
};

static const struct listen_case listen_cases[] = {
	{ "127.0.0.1:8080", 0, AF_INET, "127.0.0.1", 8080 },
	{ "127.0.0.1:0", 0, AF_INET, "127.0.0.1", 0 },
	{ "127.1.2.3:65535", 0, AF_INET, "127.1.2.3", 65535 },
	{ "localhost:80", 0, AF_INET, "127.0.0.1", 80 },
	{ "[::1]:9", 0, AF_INET6, "::1", 9 },
	{ "unix:/run/onionmsg/api.sock", 0, AF_UNIX, "/run/onionmsg/api.sock",
	    0 },
	{ "/tmp/x.sock", 0, AF_UNIX, "/tmp/x.sock", 0 },
	{ "0.0.0.0:8080", -1, 0, NULL, 0 },
	{ "192.168.1.2:8080", -1, 0, NULL, 0 },
	{ "[::]:8080", -1, 0, NULL, 0 },
	{ "[2001:db8::1]:80", -1, 0, NULL, 0 },
	{ "127.0.0.1", -1, 0, NULL, 0 },
	{ "127.0.0.1:", -1, 0, NULL, 0 },
	{ "127.0.0.1:65536", -1, 0, NULL, 0 },
	{ "127.0.0.1:-1", -1, 0, NULL, 0 },
	{ "127.0.0.1:80x", -1, 0, NULL, 0 },
	{ ":8080", -1, 0, NULL, 0 },
	{ "example.org:80", -1, 0, NULL, 0 },
	{ "unix:relative.sock", -1, 0, NULL, 0 },
	{ "unix:", -1, 0, NULL, 0 },
	{ "", -1, 0, NULL, 0 },
};

START_TEST(test_listen_parse)
{
	const struct listen_case	*c = &listen_cases[_i];
	struct edge_listen		 l;
	char				 err[256] = "";

	ck_assert_msg(edge_listen_parse(c->s, 0, &l, err, sizeof(err)) ==
	    c->rc, "--listen %s", c->s);
	if (c->rc == -1) {
		ck_assert_msg(strstr(err, "--listen") != NULL, "%s", err);
		return;
	}
	ck_assert_int_eq(l.family, c->family);
	ck_assert_str_eq(l.addr, c->addr);
	ck_assert_int_eq(l.port, c->port);
}
END_TEST

START_TEST(test_listen_long_path)
{
	struct edge_listen	l;
	char			s[300], err[256];

	memset(s, 'a', sizeof(s) - 1);
	s[sizeof(s) - 1] = '\0';
	memcpy(s, "unix:/", 6);
	ck_assert_int_eq(edge_listen_parse(s, 0, &l, err, sizeof(err)), -1);
}
END_TEST

/* --allow-public-listen: any IP address, still not a host name. */
START_TEST(test_listen_public)
{
	struct edge_listen	l;
	char			err[256];

	ck_assert_int_eq(edge_listen_parse("0.0.0.0:80", 1, &l, err,
	    sizeof(err)), 0);
	ck_assert_str_eq(l.addr, "0.0.0.0");
	ck_assert_int_eq(edge_listen_parse("[::]:80", 1, &l, err,
	    sizeof(err)), 0);
	ck_assert_int_eq(l.family, AF_INET6);
	ck_assert_int_eq(edge_listen_parse("example.org:80", 1, &l, err,
	    sizeof(err)), -1);
}
END_TEST

static struct edge *
try_new(struct edge_config *cfg, char *err, size_t len)
{
	struct edge_handler	h;

	th_handler(&h);
	return edge_new(cfg, &h, NULL, err, len);
}

/* Start-up errors are refusals with a sentence, not crashes. */
START_TEST(test_new_errors)
{
	struct edge_config	 cfg;
	struct edge_handler	 h;
	struct edge		*e, *busy;
	char			 err[256], listen[64];

	edge_config_defaults(&cfg);
	cfg.listen = "10.0.0.1:80";
	ck_assert_ptr_null(try_new(&cfg, err, sizeof(err)));
	ck_assert_ptr_nonnull(strstr(err, "loopback"));

	edge_config_defaults(&cfg);
	cfg.listen = "127.0.0.1:0";
	cfg.max_header_bytes = 100;
	ck_assert_ptr_null(try_new(&cfg, err, sizeof(err)));
	cfg.max_header_bytes = EDGE_DEFAULT_MAX_HEADER;
	cfg.ws_ping_interval_ms = 0;
	ck_assert_ptr_null(try_new(&cfg, err, sizeof(err)));

	edge_config_defaults(&cfg);
	cfg.listen = "127.0.0.1:0";
	memset(&h, 0, sizeof(h));
	ck_assert_ptr_null(edge_new(&cfg, &h, NULL, err, sizeof(err)));

	busy = try_new(&cfg, err, sizeof(err));
	ck_assert_ptr_nonnull(busy);
	snprintf(listen, sizeof(listen), "127.0.0.1:%d", edge_port(busy));
	cfg.listen = listen;
	e = try_new(&cfg, err, sizeof(err));
	ck_assert_ptr_null(e);
	ck_assert_msg(strstr(err, strerror(EADDRINUSE)) != NULL, "%s", err);
	edge_free(busy);	/* never started: free alone is enough */

	edge_config_defaults(&cfg);
	cfg.listen = "127.0.0.1:0";
	cfg.port_file = "/nonexistent-dir/port";
	ck_assert_ptr_null(try_new(&cfg, err, sizeof(err)));
	ck_assert_ptr_nonnull(strstr(err, "port file"));
	edge_stop(NULL);
	edge_free(NULL);
}
END_TEST

/* The port file holds the port the kernel chose. */
START_TEST(test_port_file)
{
	struct edge_config	 cfg;
	struct edge		*e;
	char			 err[256], path[] = "/tmp/edge-port-XXXXXX";
	FILE			*f;
	int			 fd, port = -1;

	fd = mkstemp(path);
	ck_assert_int_ge(fd, 0);
	close(fd);
	edge_config_defaults(&cfg);
	cfg.listen = "127.0.0.1:0";
	cfg.port_file = path;
	e = try_new(&cfg, err, sizeof(err));
	ck_assert_ptr_nonnull(e);
	f = fopen(path, "r");
	ck_assert_int_eq(fscanf(f, "%d", &port), 1);
	fclose(f);
	ck_assert_int_eq(port, edge_port(e));
	ck_assert_int_gt(port, 0);
	ck_assert_uint_eq(edge_get_config(e)->long_poll_max_ms,
	    EDGE_DEFAULT_LONG_POLL_MAX);
	ck_assert_str_eq(edge_get_config(e)->port_file, path);
	ck_assert_int_eq(edge_start(e), 0);
	edge_stop(e);
	edge_stop(e);
	edge_free(e);
	unlink(path);
}
END_TEST

/* A unix-socket listener serves the same API. */
START_TEST(test_unix_socket)
{
	struct sockaddr_un	 sun;
	struct edge_config	 cfg;
	struct edge		*e;
	char			 err[256], dir[] = "/tmp/edge-unix-XXXXXX",
				 listen[128], out[4096];
	int			 fd;

	ck_assert_ptr_nonnull(mkdtemp(dir));
	snprintf(listen, sizeof(listen), "unix:%s/api.sock", dir);
	edge_config_defaults(&cfg);
	cfg.listen = listen;
	e = try_new(&cfg, err, sizeof(err));
	ck_assert_msg(e != NULL, "%s", err);
	ck_assert_int_eq(edge_port(e), 0);
	ck_assert_int_eq(edge_start(e), 0);
	memset(&sun, 0, sizeof(sun));
	sun.sun_family = AF_UNIX;
	snprintf(sun.sun_path, sizeof(sun.sun_path), "%s/api.sock", dir);
	fd = socket(AF_UNIX, SOCK_STREAM, 0);
	ck_assert_int_eq(connect(fd, (struct sockaddr *)&sun, sizeof(sun)), 0);
	ck_assert_int_eq(raw_send(fd, "GET /graphql?query=x HTTP/1.1\r\n"
	    "Host: x\r\nConnection: close\r\n\r\n"), 0);
	raw_read_all(fd, out, sizeof(out), 2000);
	close(fd);
	ck_assert_int_eq(http_status(out), 200);
	edge_free(e);
	unlink(sun.sun_path);
	rmdir(dir);
}
END_TEST

/* IPv6 loopback, where the host has it. */
START_TEST(test_ipv6_loopback)
{
	struct edge_config	 cfg;
	struct edge		*e;
	char			 err[256];
	int			 fd;

	fd = socket(AF_INET6, SOCK_STREAM, 0);
	if (fd == -1)
		return;		/* no IPv6 here: nothing to test */
	close(fd);
	edge_config_defaults(&cfg);
	cfg.listen = "[::1]:0";
	e = try_new(&cfg, err, sizeof(err));
	if (e == NULL)
		return;		/* ::1 not configured in this sandbox */
	ck_assert_int_gt(edge_port(e), 0);
	edge_free(e);
}
END_TEST

/* A handler whose only job is timers: armed from a posted message. */
static struct edge_timer	*t_rearm, *t_cancelled, *t_leaked;
static atomic_int		 fired, fini_ran;

static void
t_fire(void *arg)
{
	if (atomic_fetch_add(&fired, 1) + 1 < 3)
		edge_timer_set(t_rearm, 10);	/* re-arm from its own callback */
}

static int
t_init(struct edge *e, void *arg)
{
	t_rearm = edge_timer_new(e, t_fire, NULL);
	t_cancelled = edge_timer_new(e, t_fire, NULL);
	t_leaked = edge_timer_new(e, t_fire, NULL);
	return 0;
}

static void
t_message(const struct edge_msg *msg, void *arg)
{
	edge_timer_set(t_rearm, 10);
	edge_timer_set(t_cancelled, 10);
	edge_timer_cancel(t_cancelled);
	edge_timer_set(t_leaked, 60000);
}

static void
t_fini(struct edge *e, void *arg)
{
	edge_timer_free(t_cancelled);
	atomic_store(&fini_ran, 1);
}

static void
t_nop_execute(struct edge_op *op, const struct edge_request *r,
    const struct edge_auth *a, void *arg)
{
	edge_op_result(op, 0, NULL);
}

static void
t_nop_cancel(struct edge_op *op, void *arg)
{
}

/* Timers fire on the edge thread, re-arm, cancel; stop disarms the rest. */
START_TEST(test_timers)
{
	struct edge_config	 cfg;
	struct edge_handler	 h;
	struct edge_msg		 msg;
	struct edge		*e;
	char			 err[256];
	int			 i;

	memset(&h, 0, sizeof(h));
	h.execute = t_nop_execute;
	h.cancel = t_nop_cancel;
	h.init = t_init;
	h.message = t_message;
	h.fini = t_fini;
	edge_config_defaults(&cfg);
	cfg.listen = "127.0.0.1:0";
	e = edge_new(&cfg, &h, NULL, err, sizeof(err));
	ck_assert_ptr_nonnull(e);
	ck_assert_int_eq(edge_start(e), 0);
	memset(&msg, 0, sizeof(msg));
	ck_assert_int_eq(edge_post(e, &msg), 0);
	for (i = 0; i < 200 && atomic_load(&fired) < 3; i++)
		usleep(10000);
	usleep(50000);
	ck_assert_int_eq(atomic_load(&fired), 3);	/* not the cancelled one */
	edge_stop(e);
	ck_assert_int_eq(atomic_load(&fini_ran), 1);
	ck_assert_int_eq(edge_post(e, &msg), -1);	/* stopped: refused */
	ck_assert_int_eq(edge_timer_is_pending(t_leaked), 0);
	edge_timer_free(t_leaked);	/* orphaned at stop: still safe */
	edge_timer_free(t_rearm);
	edge_free(e);
}
END_TEST

/* An init that fails makes edge_start() fail; stop and free still work. */
static int
t_init_fails(struct edge *e, void *arg)
{
	return -1;
}

START_TEST(test_init_fails)
{
	struct edge_config	 cfg;
	struct edge_handler	 h;
	struct edge		*e;
	char			 err[256];

	memset(&h, 0, sizeof(h));
	h.execute = t_nop_execute;
	h.cancel = t_nop_cancel;
	h.init = t_init_fails;
	edge_config_defaults(&cfg);
	cfg.listen = "127.0.0.1:0";
	e = edge_new(&cfg, &h, NULL, err, sizeof(err));
	ck_assert_ptr_nonnull(e);
	ck_assert_int_eq(edge_start(e), -1);
	edge_stop(e);
	edge_free(e);
}
END_TEST

START_TEST(test_sendq)
{
	struct edge_sendq	 q;
	struct buf		 b = BUF_INIT;
	struct edge_sendq_item	*it;

	edge_sendq_init(&q);
	ck_assert_ptr_null(edge_sendq_peek(&q));
	edge_sendq_begin(&b);
	buf_adds(&b, "hello");
	edge_sendq_push(&q, &b);
	ck_assert_ptr_null(b.data);
	edge_sendq_begin(&b);
	buf_adds(&b, "world!");
	edge_sendq_push(&q, &b);
	ck_assert_uint_eq(q.bytes, 11);
	ck_assert_uint_eq(q.count, 2);
	it = edge_sendq_peek(&q);
	ck_assert_uint_eq(it->len, 5);
	ck_assert_int_eq(memcmp(it->mem + LWS_PRE, "hello", 5), 0);
	edge_sendq_pop(&q);
	ck_assert_uint_eq(q.bytes, 6);
	edge_sendq_clear(&q);
	ck_assert_uint_eq(q.count, 0);
	ck_assert_uint_eq(q.bytes, 0);
	edge_sendq_pop(&q);
}
END_TEST

int
main(void)
{
	Suite	*s = suite_create("edge_config");

	log_set_level(LOG_LVL_WARN);
	TCase	*tc = tcase_create("edge_config");

	tcase_set_timeout(tc, 20);
	tcase_add_loop_test(tc, test_listen_parse, 0, (int)nitems(listen_cases));
	tcase_add_test(tc, test_listen_long_path);
	tcase_add_test(tc, test_listen_public);
	tcase_add_test(tc, test_new_errors);
	tcase_add_test(tc, test_port_file);
	tcase_add_test(tc, test_unix_socket);
	tcase_add_test(tc, test_ipv6_loopback);
	tcase_add_test(tc, test_timers);
	tcase_add_test(tc, test_init_fails);
	tcase_add_test(tc, test_sendq);
	suite_add_tcase(s, tc);
	return unit_run(s);
}
