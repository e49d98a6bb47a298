/*
 * harness.h: run the edge in-process for a Check test case: the test
 * handler behind a fresh listener on 127.0.0.1 and a kernel-chosen port,
 * plus small HTTP helpers on raw sockets and a bounded wait for counters.
 */
#ifndef OM_HARNESS_H
#define OM_HARNESS_H

#include "edge/edge.h"
#include "test_handler.h"
#include "wsc.h"

struct edge	*harness_start(void (*)(struct edge_config *));
void		 harness_stop(void);
int		 harness_port(void);
int		 http_request(const char *, char *, size_t, int);
int		 http_status(const char *);
const char	*http_body(const char *);
int		 wait_counts(int (*)(const struct th_counts *, unsigned),
		    unsigned, int);
int		 counts_cancels_at_least(const struct th_counts *, unsigned);
int		 counts_live_is(const struct th_counts *, unsigned);
int		 counts_messages_at_least(const struct th_counts *, unsigned);

#endif
