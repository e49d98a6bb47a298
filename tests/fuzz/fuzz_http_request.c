/*
 * fuzz_http_request.c: libFuzzer target for the GraphQL-over-HTTP request
 * parser (src/edge/edge_request.c). The input is what lws would hand over:
 * one byte for the method, then newline-separated path, Accept,
 * Content-Type, Content-Length, Transfer-Encoding, Authorization and a
 * query string (split at '&' as lws does), and the rest is the body.
 * The same bytes are also a connection's first bytes for the request head
 * scanner (src/edge/edge_head.c): at once and in pieces, which must agree.
 * The body parsed with the fast JSON scanner and by jansson alone must
 * give the same verdict, error and fields.
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "common/buf.h"
#include "common/xmalloc.h"
#include "edge/edge_head.h"
#include "edge/edge_json.h"
#include "edge/edge_request.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

#define FIELDS	7

static char *
next_field(char **p, char *end)
{
	char	*s = *p, *nl;

	if (s >= end)
		return NULL;
	nl = memchr(s, '\n', (size_t)(end - s));
	if (nl == NULL)
		nl = end;
	*nl = '\0';
	*p = nl + 1;
	return s;
}

static int
same_str(const char *a, const char *b)
{
	return (a == NULL && b == NULL) ||
	    (a != NULL && b != NULL && strcmp(a, b) == 0);
}

static int
same_json(const char *a, size_t alen, const char *b, size_t blen)
{
	json_t	*ja, *jb;
	int	 same;

	if (a == NULL || b == NULL)
		return a == b;
	ja = json_loadb(a, alen, 0, NULL);
	jb = json_loadb(b, blen, 0, NULL);
	same = ja != NULL && jb != NULL && json_equal(ja, jb);
	json_decref(ja);
	json_decref(jb);
	return same;
}

/* The fast scanner and jansson alone must read a body the same way. */
static void
slow_body(const char *body, size_t blen)
{
	struct edge_request	fast, slow;
	struct edge_error	ef, es;
	int			rf, rs;

	rf = edge_request_from_body(body, blen, &fast, &ef);
	edge_json_fast_path = 0;
	rs = edge_request_from_body(body, blen, &slow, &es);
	edge_json_fast_path = 1;
	if (rf != rs)
		abort();
	if (rf == -1) {
		if (strcmp(ef.message, es.message) != 0 || ef.status != es.status)
			abort();
		return;
	}
	if (!same_str(fast.query, slow.query) ||
	    !same_str(fast.operation_name, slow.operation_name) ||
	    !same_json(fast.variables_json, fast.variables_len,
	    slow.variables_json, slow.variables_len) ||
	    (fast.extensions == NULL) != (slow.extensions == NULL) ||
	    (fast.extensions != NULL && !json_equal(fast.extensions,
	    slow.extensions)))
		abort();
	edge_request_clear(&fast);
	edge_request_clear(&slow);
}

static void
run_request(const struct edge_http_in *in, const char *qs, const char *body,
    size_t blen)
{
	struct edge_http_plan	 plan;
	struct edge_request	 req;
	struct edge_error	 err;
	struct buf		 b = BUF_INIT;
	const char		*args[64];
	char			*copy, *a;
	size_t			 n = 0;

	if (edge_request_plan(in, 4096, &plan, &err) == -1) {
		edge_error_body(&err, &b);
		buf_free(&b);
	}
	copy = xstrdup(qs != NULL ? qs : "");
	for (a = strtok(copy, "&"); a != NULL && n < 64; a = strtok(NULL, "&"))
		args[n++] = a;
	if (edge_request_from_args(args, n, &req, &err) == 0)
		edge_request_clear(&req);
	free(copy);
	slow_body(body, blen);
	if (edge_request_from_body(body, blen, &req, &err) == 0) {
		(void)edge_request_status(plan.media, 0,
		    req.variables_json != NULL);
		edge_request_clear(&req);
	} else {
		edge_error_body(&err, &b);
		buf_free(&b);
	}
}

/* Scan data as a head at once, then in pieces; the two must agree. */
static void
run_head(const char *data, size_t size)
{
	struct edge_head	 h1, h2;
	struct edge_error	 e1, e2;
	enum edge_head_state	 s1, s2 = EDGE_HEAD_MORE;
	size_t			 max = 16 + (size_t)(unsigned char)data[0] * 8,
				 n = 0;

	edge_head_init(&h1, max);
	s1 = edge_head_scan(&h1, data, size, &e1);
	edge_head_init(&h2, max);
	while (s2 == EDGE_HEAD_MORE && n < size) {
		n += 1 + (unsigned char)data[n] % 7;
		if (n > size)
			n = size;
		s2 = edge_head_scan(&h2, data, n, &e2);
	}
	if (s1 != s2 || (s1 == EDGE_HEAD_DONE && (h1.end != h2.end ||
	    h1.end > max || h1.end > size || data[h1.end - 1] != '\n')) ||
	    (s1 == EDGE_HEAD_TOO_BIG && e1.status != e2.status))
		abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct edge_http_in	 in;
	enum edge_media		 media;
	char			*buf, *p, *end, *f[FIELDS] = { NULL };
	int			 i;

	if (size == 0)
		return 0;
	buf = xmalloc(size + 1);
	memcpy(buf, data, size);
	buf[size] = '\0';
	run_head(buf, size);
	p = buf + 1;
	end = buf + size;
	for (i = 0; i < FIELDS; i++)
		f[i] = next_field(&p, end);
	memset(&in, 0, sizeof(in));
	in.method = (enum edge_method)(data[0] % 3);
	in.path = f[0];
	in.accept = f[1];
	in.content_type = f[2];
	in.content_length = f[3];
	in.transfer_encoding = f[4];
	(void)edge_request_accept(f[1], &media);
	(void)edge_request_bearer(f[5]);
	run_request(&in, f[6], p < end ? p : "", p < end ? (size_t)(end - p) :
	    0);
	free(buf);
	return 0;
}
