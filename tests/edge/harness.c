/*
 * harness.c: the in-process edge for the Check suites. Check forks each
 * test case, so each case starts its own edge (and edge thread) in its
 * own process and need not clean up after a failure.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "common/log.h"
#include "common/util.h"
#include "harness.h"

static struct edge	*h_edge;

/* Start the edge with the defaults, as tweak() changes them. */
struct edge *
harness_start(void (*tweak)(struct edge_config *))
{
	struct edge_config	 cfg;
	struct edge_handler	 h;
	char			 err[256];

	log_init(getenv("EDGE_DEBUG") != NULL ? LOG_LVL_DEBUG : LOG_LVL_WARN,
	    LOG_DEST_STDERR, NULL);
	edge_config_defaults(&cfg);
	cfg.listen = "127.0.0.1:0";
	if (tweak != NULL)
		tweak(&cfg);
	th_handler(&h);
	if ((h_edge = edge_new(&cfg, &h, NULL, err, sizeof(err))) == NULL) {
		fprintf(stderr, "harness: %s\n", err);
		return NULL;
	}
	if (edge_start(h_edge) == -1) {
		edge_free(h_edge);
		return h_edge = NULL;
	}
	return h_edge;
}

/* Stop and free the edge. */
void
harness_stop(void)
{
	edge_stop(h_edge);
	edge_free(h_edge);
	h_edge = NULL;
}

/* Return the edge's port. */
int
harness_port(void)
{
	return edge_port(h_edge);
}

/* Send a raw request on a new connection, read the answer until close. */
int
http_request(const char *req, char *out, size_t len, int ms)
{
	int	fd, n;

	out[0] = '\0';
	if ((fd = tcp_connect(harness_port())) == -1)
		return -1;
	if (raw_send(fd, req) == -1) {
		close(fd);
		return -1;
	}
	n = raw_read_all(fd, out, len, ms);
	close(fd);
	return n;
}

/* Return the status code of a raw response, or -1. */
int
http_status(const char *resp)
{
	int	code;

	if (sscanf(resp, "HTTP/1.%*d %d", &code) != 1)
		return -1;
	return code;
}

/* Return the body of a raw response (after the blank line), or "". */
const char *
http_body(const char *resp)
{
	const char	*p = strstr(resp, "\r\n\r\n");

	return p != NULL ? p + 4 : "";
}

/* Poll the test handler's counters until pred(counts, arg) or ms pass. */
int
wait_counts(int (*pred)(const struct th_counts *, unsigned), unsigned arg,
    int ms)
{
	struct th_counts	c;
	uint64_t		end = util_mono_us() + (uint64_t)ms * 1000;

	do {
		th_counts(&c);
		if (pred(&c, arg))
			return 1;
		usleep(10000);
	} while (util_mono_us() < end);
	return 0;
}

int
counts_cancels_at_least(const struct th_counts *c, unsigned n)
{
	return c->cancels >= n;
}

int
counts_live_is(const struct th_counts *c, unsigned n)
{
	return c->live == n;
}

int
counts_messages_at_least(const struct th_counts *c, unsigned n)
{
	return c->messages >= n;
}
