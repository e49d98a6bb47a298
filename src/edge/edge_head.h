/*
 * edge_head.h: the size of an HTTP request's head (request line and
 * headers) from the raw bytes of a connection, before lws parses them:
 * where the head ends, whether it is too big (414, 431), or whether the
 * bytes do not even start like a request line. No sockets: the edge's
 * front (edge_front.c), the unit tests and the fuzzer call it.
 */
#ifndef OM_EDGE_HEAD_H
#define OM_EDGE_HEAD_H

#include <stddef.h>

#include "edge/edge.h"

#define EDGE_HEAD_METHOD_MAX	24	/* longest method taken as one */

enum edge_head_state {
	EDGE_HEAD_MORE = 0,		/* no end yet, within the limit */
	EDGE_HEAD_DONE,			/* ended by an empty line */
	EDGE_HEAD_NOT_HTTP,		/* no "METHOD " at the start */
	EDGE_HEAD_TOO_BIG,		/* 414 or 431, see the error */
};

/* A scan in progress; edge_head_init() it, then feed it all bytes so far. */
struct edge_head {
	size_t	 max;		/* --max-header-bytes */
	size_t	 pos;		/* bytes looked at */
	size_t	 line;		/* where the current line starts */
	size_t	 first;		/* length of the request line, 0: not seen */
	size_t	 end;		/* DONE: the length of the head */
	int	 method_ok;	/* "METHOD " seen */
};

void	 edge_head_init(struct edge_head *, size_t);
enum edge_head_state edge_head_scan(struct edge_head *, const char *, size_t,
	    struct edge_error *);

#endif
