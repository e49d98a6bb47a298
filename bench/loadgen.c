/*
 * loadgen.c: bench/loadgen's main: the option table, the run and the
 * report. loadgen loads an onionmsg API server (onionmsgd, or the Node.js
 * peer in bench/peer/) on loopback and measures it:
 *
 *   --mode pubsub  S subscribers each follow `messages` of their own
 *                  mailbox over WebSocket; publishers send sendMessage
 *                  over WebSocket (--ws-pubs, --window in flight each)
 *                  and/or HTTP (--http-pubs, --batch aliased fields per
 *                  request), as fast as answered or paced at --rate.
 *                  Reports messages/s delivered end to end, delivery
 *                  latency (p50/p90/p99/p99.9/max), errors and losses.
 *   --mode idle    --conns idle subscriptions, one per connection; the
 *                  server's RSS before and after gives KiB per
 *                  subscription; a few are then probed with a message.
 *
 * Both report the CPU the load tool and (with --server-pid) the server
 * used. The last line, "RESULT key=value ...", is for scripts
 * (bench/run_load_bench.sh). Every run ends by itself: each phase has a
 * deadline. Only 127.0.0.0/8 is accepted as the server's address.
 */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <curl/curl.h>
#include <onionmsg/onionmsg.h>
#include <sodium.h>

#include "common/log.h"
#include "common/util.h"
#include "common/xmalloc.h"
#include "loadgen.h"

enum lg_otype {
	LG_O_INT = 0,
	LG_O_DOUBLE,
	LG_O_STRING,
	LG_O_MODE,
	LG_O_AUTH,
	LG_O_PORTFILE,
	LG_O_LOOP,
};

struct lg_option {
	const char	*name;
	enum lg_otype	 type;
	size_t		 off;
	double		 min, max;
	const char	*metavar;
	const char	*help;
};

#define O(f)	offsetof(struct lg_opts, f)
static const struct lg_option lg_options[] = {
	{ "mode", LG_O_MODE, O(mode), 0, 0, "pubsub|idle",
	  "what to measure (default pubsub)" },
	{ "auth", LG_O_AUTH, O(auth), 0, 0, "onionmsg|none",
	  "real proofs and tokens, or none (default onionmsg)" },
	{ "host", LG_O_STRING, O(host), 0, 0, "ADDR",
	  "server address in 127.0.0.0/8 (default 127.0.0.1)" },
	{ "port", LG_O_INT, O(port), 1, 65535, "PORT", "server port" },
	{ "port-file", LG_O_PORTFILE, O(port), 0, 0, "FILE",
	  "read the server port from FILE" },
	{ "onion", LG_O_STRING, O(onion), 0, 0, "LABEL",
	  "the node's onion label, if node { onion } is null" },
	{ "subs", LG_O_INT, O(subs), 1, 1000000, "N",
	  "pubsub: subscriber connections, one mailbox each (100)" },
	{ "ws-pubs", LG_O_INT, O(ws_pubs), 0, 10000, "N",
	  "pubsub: WebSocket publisher connections (2)" },
	{ "http-pubs", LG_O_INT, O(http_pubs), 0, 10000, "N",
	  "pubsub: concurrent HTTP publishers (0)" },
	{ "batch", LG_O_INT, O(batch), 1, 1000, "K",
	  "pubsub: sendMessage fields per HTTP request (1)" },
	{ "window", LG_O_INT, O(window), 1, 100000, "N",
	  "pubsub: operations in flight per WebSocket publisher (64)" },
	{ "rate", LG_O_DOUBLE, O(rate), 0, 1e7, "MSG/S",
	  "pubsub: pace publishing at this total rate (0: flat out)" },
	{ "duration", LG_O_DOUBLE, O(duration), 0.1, 3600, "S",
	  "pubsub: measured seconds (10)" },
	{ "warmup", LG_O_DOUBLE, O(warmup), 0, 600, "S",
	  "pubsub: seconds of load before measuring (2)" },
	{ "drain", LG_O_DOUBLE, O(drain), 0, 600, "S",
	  "pubsub: seconds to wait for deliveries after (5)" },
	{ "envelope-bytes", LG_O_INT, O(envelope_bytes), LG_ENV_HEAD, 65536,
	  "N", "envelope size in bytes (256)" },
	{ "ack-every", LG_O_INT, O(ack_every), 0, 1000000, "N",
	  "pubsub: subscribers ack every N messages (0: never)" },
	{ "conns", LG_O_INT, O(idle_conns), 1, 1000000, "N",
	  "idle: subscriptions, one connection each (10000)" },
	{ "idle-wait", LG_O_DOUBLE, O(idle_wait), 0, 3600, "S",
	  "idle: seconds idle before reading the RSS (5)" },
	{ "probes", LG_O_INT, O(probes), 0, 1000000, "N",
	  "idle: subscriptions probed with a message afterwards (100)" },
	{ "src-addrs", LG_O_INT, O(src_addrs), 1, 254, "N",
	  "connect from 127.0.0.1 .. 127.0.0.N in turn (1)" },
	{ "max-pending", LG_O_INT, O(max_pending), 1, 100000, "N",
	  "connections being opened at once (64)" },
	{ "coalesce", LG_O_INT, O(coalesce), 0, 1, "0|1",
	  "pubsub: WebSocket publishers write a window at once (1)" },
	{ "event-loop", LG_O_LOOP, O(evlib), 0, 0, "poll|libev",
	  "lws's event loop (default libev: epoll scales to many sockets)" },
	{ "connect-timeout", LG_O_DOUBLE, O(connect_timeout), 0, 86400, "S",
	  "give up connecting after S seconds (60 + 1 per 50 conns)" },
	{ "server-pid", LG_O_INT, O(server_pid), 1, 1 << 30, "PID",
	  "the server's pid, for its CPU and RSS" },
};
#undef O

static void	 lg_usage(int) __attribute__((noreturn));
static int	 lg_parse(int, char **, struct lg_opts *);
static int	 lg_set(const struct lg_option *, const char *,
		    struct lg_opts *);
static int	 lg_check(struct lg_opts *);
static void	 lg_report_pubsub(const struct lg_run *,
		    const struct lg_ws_result *);
static void	 lg_report_idle(const struct lg_run *,
		    const struct lg_ws_result *);
static void	 lg_report_cpu(const struct lg_ws_result *, double *,
		    double *);

static void
lg_usage(int status)
{
	FILE	*f = status ? stderr : stdout;
	size_t	 i;
	char	 lhs[64];

	fprintf(f, "usage: loadgen --port PORT | --port-file FILE "
	    "[--option VALUE]...\n"
	    "Load an onionmsg API server on loopback and measure it "
	    "(see bench/README.md).\n\n");
	for (i = 0; i < nitems(lg_options); i++) {
		const struct lg_option *o = &lg_options[i];

		snprintf(lhs, sizeof(lhs), "--%s%s%s", o->name,
		    o->metavar ? " " : "", o->metavar ? o->metavar : "");
		fprintf(f, "  %-28s %s\n", lhs, o->help);
	}
	exit(status);
}

static int
lg_set(const struct lg_option *o, const char *arg, struct lg_opts *opts)
{
	void		*p = (char *)opts + o->off;
	char		*end;
	double		 d;
	FILE		*f;
	int		 port;

	switch (o->type) {
	case LG_O_INT:
	case LG_O_DOUBLE:
		errno = 0;
		d = strtod(arg, &end);
		if (errno != 0 || end == arg || *end != '\0' || d < o->min ||
		    d > o->max || (o->type == LG_O_INT && d != (long)d))
			goto bad;
		if (o->type == LG_O_INT)
			*(int *)p = (int)d;
		else
			*(double *)p = d;
		return 0;
	case LG_O_STRING:
		*(const char **)p = arg;
		return 0;
	case LG_O_MODE:
		if (strcmp(arg, "pubsub") != 0 && strcmp(arg, "idle") != 0)
			goto bad;
		*(enum lg_mode *)p = arg[0] == 'p' ? LG_MODE_PUBSUB :
		    LG_MODE_IDLE;
		return 0;
	case LG_O_AUTH:
		if (strcmp(arg, "onionmsg") != 0 && strcmp(arg, "none") != 0)
			goto bad;
		*(enum lg_auth *)p = arg[0] == 'o' ? LG_AUTH_ONIONMSG :
		    LG_AUTH_NONE;
		return 0;
	case LG_O_PORTFILE:
		if ((f = fopen(arg, "r")) == NULL || fscanf(f, "%d", &port) != 1
		    || port < 1 || port > 65535) {
			if (f != NULL)
				fclose(f);
			goto bad;
		}
		fclose(f);
		*(int *)p = port;
		return 0;
	case LG_O_LOOP:
		if (strcmp(arg, "poll") != 0 && strcmp(arg, "libev") != 0)
			goto bad;
		*(int *)p = arg[0] == 'l';
		return 0;
	}
bad:
	fprintf(stderr, "loadgen: bad --%s: %s\n", o->name, arg);
	return -1;
}

static int
lg_parse(int argc, char **argv, struct lg_opts *o)
{
	struct option	lo[nitems(lg_options) + 2];
	size_t		i;
	int		ch, idx;

	for (i = 0; i < nitems(lg_options); i++) {
		lo[i].name = lg_options[i].name;
		lo[i].has_arg = required_argument;
		lo[i].flag = NULL;
		lo[i].val = 0;
	}
	lo[i].name = "help";
	lo[i].has_arg = no_argument;
	lo[i].flag = NULL;
	lo[i].val = 'h';
	memset(&lo[i + 1], 0, sizeof(lo[i + 1]));
	while ((ch = getopt_long(argc, argv, "h", lo, &idx)) != -1) {
		if (ch == 'h')
			lg_usage(0);
		if (ch != 0)
			lg_usage(64);
		if (lg_set(&lg_options[idx], optarg, o) == -1)
			return -1;
	}
	if (optind != argc)
		lg_usage(64);
	return 0;
}

static int
lg_check(struct lg_opts *o)
{
	long	need;
	int	have;

	if (o->port == 0) {
		fprintf(stderr, "loadgen: --port or --port-file is needed\n");
		return -1;
	}
	if (strncmp(o->host, "127.", 4) != 0) {
		fprintf(stderr, "loadgen: --host must be in 127.0.0.0/8\n");
		return -1;
	}
	if (o->mode == LG_MODE_PUBSUB && o->ws_pubs + o->http_pubs == 0) {
		fprintf(stderr, "loadgen: no publishers (--ws-pubs, "
		    "--http-pubs)\n");
		return -1;
	}
	need = (o->mode == LG_MODE_IDLE ? o->idle_conns : o->subs) +
	    o->ws_pubs + o->http_pubs + 64;
	if ((have = lg_proc_raise_nofile(need)) < need) {
		fprintf(stderr, "loadgen: %ld connections need %ld open files, "
		    "the limit is %d (hard limit; raise it as root)\n",
		    need - 64, need, have);
		return -1;
	}
	if (o->mode == LG_MODE_IDLE && o->idle_conns > 28000 * o->src_addrs)
		fprintf(stderr, "loadgen: warning: %d connections from %d "
		    "source address(es) may run out of ephemeral ports; "
		    "see --src-addrs\n", o->idle_conns, o->src_addrs);
	return 0;
}

static void
lg_report_cpu(const struct lg_ws_result *r, double *self, double *server)
{
	double	wall = r->cpu_end.wall - r->cpu_start.wall;

	*self = r->cpu_end.self - r->cpu_start.self;
	*server = r->cpu_start.server >= 0 && r->cpu_end.server >= 0 ?
	    r->cpu_end.server - r->cpu_start.server : -1;
	if (wall <= 0)
		wall = 1;
	printf("cpu: loadgen %.2f s (%.0f%% of one core)", *self,
	    100 * *self / wall);
	if (*server >= 0)
		printf(", server %.2f s (%.0f%% of one core)", *server,
		    100 * *server / wall);
	printf(" over %.2f s\n", wall);
}

static void
lg_report_pubsub(const struct lg_run *run, const struct lg_ws_result *r)
{
	const struct lg_opts	*o = &run->o;
	double			 win = r->cpu_end.wall - r->cpu_start.wall;
	double			 rate, pub_rate, self, server;
	unsigned long long	 published = atomic_load(&run->st.published);
	unsigned long long	 errors = atomic_load(&run->st.pub_errors);
	unsigned long long	 lost;

	if (win <= 0)
		win = o->duration;
	rate = (double)r->window_delivered / win;
	pub_rate = (double)atomic_load(&run->st.window_published) / win;
	lost = published > r->delivered ? published - r->delivered : 0;
	printf("loadgen: pubsub subs=%d ws-pubs=%d window=%d http-pubs=%d "
	    "batch=%d rate=%s envelope=%dB auth=%s\n", o->subs, o->ws_pubs,
	    o->window, o->http_pubs, o->batch, o->rate > 0 ? "paced" : "max",
	    o->envelope_bytes, o->auth == LG_AUTH_ONIONMSG ? "onionmsg" :
	    "none");
	if (o->rate > 0)
		printf("target rate: %.0f msg/s\n", o->rate);
	printf("delivered: %.0f msg/s end to end (%llu in %.2f s); published "
	    "%.0f msg/s\n", rate, (unsigned long long)r->window_delivered,
	    win, pub_rate);
	printf("latency us: p50 %llu p90 %llu p99 %llu p99.9 %llu max %llu "
	    "mean %.0f (n=%llu)\n",
	    (unsigned long long)lg_hist_quantile(&r->hist, 0.50),
	    (unsigned long long)lg_hist_quantile(&r->hist, 0.90),
	    (unsigned long long)lg_hist_quantile(&r->hist, 0.99),
	    (unsigned long long)lg_hist_quantile(&r->hist, 0.999),
	    (unsigned long long)r->hist.max, r->hist.n ?
	    (double)r->hist.sum / (double)r->hist.n : 0.0,
	    (unsigned long long)r->hist.n);
	if (r->ack_hist.n > 0)
		printf("publish round trip us (WebSocket): p50 %llu p99 %llu "
		    "p99.9 %llu\n",
		    (unsigned long long)lg_hist_quantile(&r->ack_hist, 0.50),
		    (unsigned long long)lg_hist_quantile(&r->ack_hist, 0.99),
		    (unsigned long long)lg_hist_quantile(&r->ack_hist, 0.999));
	printf("totals: published %llu, delivered %llu, lost %llu; errors: "
	    "publish %llu, http failures %llu, subscription %llu, "
	    "connection %llu, unreadable %llu; acks %llu\n", published,
	    (unsigned long long)r->delivered, lost, errors,
	    atomic_load(&run->st.http_failures),
	    (unsigned long long)r->sub_errors,
	    (unsigned long long)r->conn_failures,
	    (unsigned long long)r->bad_frames, (unsigned long long)r->acks);
	lg_report_cpu(r, &self, &server);
	printf("RESULT mode=pubsub msgs_per_s=%.0f pub_per_s=%.0f p50_us=%llu "
	    "p99_us=%llu p999_us=%llu max_us=%llu errors=%llu lost=%llu "
	    "conn_failures=%llu lg_cpu_s=%.3f srv_cpu_s=%.3f wall_s=%.3f "
	    "lg_us_per_msg=%.2f srv_us_per_msg=%.2f ack_p50_us=%llu "
	    "ack_p99_us=%llu\n", rate, pub_rate,
	    (unsigned long long)lg_hist_quantile(&r->hist, 0.50),
	    (unsigned long long)lg_hist_quantile(&r->hist, 0.99),
	    (unsigned long long)lg_hist_quantile(&r->hist, 0.999),
	    (unsigned long long)r->hist.max, errors + r->sub_errors, lost,
	    (unsigned long long)r->conn_failures, self, server, win,
	    r->window_delivered ? 1e6 * self / (double)r->window_delivered :
	    0.0, r->window_delivered && server >= 0 ?
	    1e6 * server / (double)r->window_delivered : 0.0,
	    (unsigned long long)lg_hist_quantile(&r->ack_hist, 0.50),
	    (unsigned long long)lg_hist_quantile(&r->ack_hist, 0.99));
}

static void
lg_report_idle(const struct lg_run *run, const struct lg_ws_result *r)
{
	double	self, server, per_sub = -1, lg_per = 0;
	long	grown = r->srv_rss_after_kib - r->srv_rss_before_kib;

	if (r->subscribed > 0 && run->o.server_pid > 0)
		per_sub = (double)grown / r->subscribed;
	if (r->subscribed > 0)
		lg_per = (double)(r->lg_rss_after_kib - r->lg_rss_before_kib) /
		    r->subscribed;
	printf("loadgen: idle conns=%d subscribed=%d (%.1f s to connect) "
	    "auth=%s src-addrs=%d\n", run->o.idle_conns, r->subscribed,
	    r->setup_seconds, run->o.auth == LG_AUTH_ONIONMSG ? "onionmsg" :
	    "none", run->o.src_addrs);
	if (run->o.server_pid > 0)
		printf("server RSS: %ld KiB before, %ld KiB after: %.2f KiB "
		    "per idle subscription\n", r->srv_rss_before_kib,
		    r->srv_rss_after_kib, per_sub);
	printf("loadgen RSS: %.2f KiB per connection\n", lg_per);
	printf("probes: %d of %d delivered; connection failures %llu, "
	    "subscription errors %llu\n", r->probes_seen, r->probes_sent,
	    (unsigned long long)r->conn_failures,
	    (unsigned long long)r->sub_errors);
	lg_report_cpu(r, &self, &server);
	printf("RESULT mode=idle conns=%d subscribed=%d srv_rss_before_kib=%ld "
	    "srv_rss_after_kib=%ld kib_per_sub=%.2f lg_kib_per_conn=%.2f "
	    "probes_sent=%d probes_seen=%d conn_failures=%llu "
	    "connect_s=%.2f lg_cpu_s=%.3f srv_cpu_s=%.3f\n",
	    run->o.idle_conns, r->subscribed, r->srv_rss_before_kib,
	    r->srv_rss_after_kib, per_sub, lg_per, r->probes_sent,
	    r->probes_seen, (unsigned long long)r->conn_failures,
	    r->setup_seconds, self, server);
}

int
main(int argc, char **argv)
{
	static struct lg_run	 run;
	static struct lg_ws_result res;
	uint8_t			 rnd[8];
	int			 n;

	run.o = (struct lg_opts){ .host = "127.0.0.1", .subs = 100,
	    .ws_pubs = 2, .batch = 1, .window = 64, .duration = 10,
	    .warmup = 2, .drain = 5, .envelope_bytes = 256, .idle_conns = 10000,
	    .idle_wait = 5, .probes = 100, .src_addrs = 1, .max_pending = 64,
	    .evlib = 1, .coalesce = 1 };
	if (lg_parse(argc, argv, &run.o) == -1 || lg_check(&run.o) == -1)
		return 64;
	if (run.o.mode == LG_MODE_IDLE)
		run.o.ws_pubs = run.o.http_pubs = 0;
	log_init(LOG_LVL_WARN, LOG_DEST_STDERR, NULL);
	if (om_init() == -1 || curl_global_init(CURL_GLOBAL_DEFAULT) != 0)
		fatalx("loadgen", "cannot initialise libsodium or libcurl");
	randombytes_buf(rnd, sizeof(rnd));
	sodium_bin2hex(run.run_id, sizeof(run.run_id), rnd, sizeof(rnd));
	n = run.o.mode == LG_MODE_IDLE ? run.o.idle_conns : run.o.subs;
	if (lg_setup(&run, n) == -1)
		return 1;
	lg_msg_init(&run);
	if (lg_ws_run(&run, &res) == -1)
		return 1;
	if (run.o.mode == LG_MODE_IDLE)
		lg_report_idle(&run, &res);
	else
		lg_report_pubsub(&run, &res);
	lg_msg_free(&run);
	free(run.mailboxes);
	curl_global_cleanup();
	return 0;
}
