/*
 * edge_testd.c: a tiny daemon for the edge's integration tests: the edge
 * thread with the test handler (test_handler.c) behind the real listener,
 * configured with the edge's flags, until SIGTERM or SIGINT. Then a
 * graceful stop, as onionmsgd will do it.
 */
#include "config.h"

#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/log.h"
#include "common/util.h"
#include "edge/edge.h"
#include "test_handler.h"

static const struct option longopts[] = {
	{ "listen", required_argument, NULL, 'l' },
	{ "port-file", required_argument, NULL, 'p' },
	{ "max-request-bytes", required_argument, NULL, 'b' },
	{ "max-header-bytes", required_argument, NULL, 'H' },
	{ "request-timeout", required_argument, NULL, 'r' },
	{ "idle-timeout", required_argument, NULL, 'i' },
	{ "max-connections", required_argument, NULL, 'c' },
	{ "ws-init-timeout", required_argument, NULL, 'I' },
	{ "ws-ping-interval", required_argument, NULL, 'P' },
	{ "ws-send-queue-bytes", required_argument, NULL, 'q' },
	{ "ws-max-operations", required_argument, NULL, 'o' },
	{ "long-poll-max", required_argument, NULL, 'L' },
	{ "debug", no_argument, NULL, 'd' },
	{ NULL, 0, NULL, 0 },
};

static unsigned
num(const char *name, const char *s)
{
	uint64_t	v;

	if (util_strtou64(s, 0, UINT32_MAX, &v) == -1) {
		fprintf(stderr, "edge_testd: --%s: not a number: %s\n", name, s);
		exit(2);
	}
	return (unsigned)v;
}

static void
parse(int argc, char **argv, struct edge_config *c)
{
	int	ch, idx = 0;

	while ((ch = getopt_long(argc, argv, "", longopts, &idx)) != -1) {
		const char *n = longopts[idx].name;

		switch (ch) {
		case 'l': c->listen = optarg; break;
		case 'p': c->port_file = optarg; break;
		case 'b': c->max_request_bytes = num(n, optarg); break;
		case 'H': c->max_header_bytes = num(n, optarg); break;
		case 'r': c->request_timeout_ms = num(n, optarg); break;
		case 'i': c->idle_timeout_ms = num(n, optarg); break;
		case 'c': c->max_connections = num(n, optarg); break;
		case 'I': c->ws_init_timeout_ms = num(n, optarg); break;
		case 'P': c->ws_ping_interval_ms = num(n, optarg); break;
		case 'q': c->ws_send_queue_bytes = num(n, optarg); break;
		case 'o': c->ws_max_operations = num(n, optarg); break;
		case 'L': c->long_poll_max_ms = num(n, optarg); break;
		case 'd': log_set_level(LOG_LVL_DEBUG); break;
		default:
			fprintf(stderr, "usage: edge_testd --listen ADDR "
			    "[--port-file F] [limits in bytes and ms]\n");
			exit(2);
		}
	}
}

int
main(int argc, char *argv[])
{
	struct edge_config	 cfg;
	struct edge_handler	 h;
	struct edge		*edge;
	char			 err[256];
	sigset_t		 set;
	int			 sig;

	log_init(LOG_LVL_INFO, LOG_DEST_STDERR, NULL);
	edge_config_defaults(&cfg);
	cfg.listen = "127.0.0.1:0";
	parse(argc, argv, &cfg);
	sigemptyset(&set);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGINT);
	pthread_sigmask(SIG_BLOCK, &set, NULL);	/* the edge thread inherits */
	th_handler(&h);
	if ((edge = edge_new(&cfg, &h, NULL, err, sizeof(err))) == NULL) {
		fprintf(stderr, "edge_testd: %s\n", err);
		return 1;
	}
	if (edge_start(edge) == -1) {
		edge_free(edge);
		return 1;
	}
	sigwait(&set, &sig);
	log_info("edge", "signal %d: stopping", sig);
	edge_stop(edge);
	edge_free(edge);
	return 0;
}
