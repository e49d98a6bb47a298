/*
 * edge_head.c: find the end of a request's head in the raw bytes of a
 * connection and measure it against --max-header-bytes, as the manual
 * says: a request line longer than the limit is 414, a request line and
 * headers together larger than it are 431. Lines end with LF, with or
 * without CR before it (lws takes both), and the first empty line ends
 * the head. Bytes that do not start with a method and a space are not
 * ours to judge: lws falls back to the raw protocol for them.
 *
 * The scan is incremental: each call looks only at the bytes the last
 * one did not, so a head trickled in byte by byte costs linear time.
 */
#include "config.h"

#include "edge/edge_head.h"
#include "edge/edge_request.h"

static enum edge_head_state head_method(struct edge_head *, const char *,
		    size_t);
static enum edge_head_state head_too_big(const struct edge_head *,
		    struct edge_error *);

/* Start a scan with max bytes allowed for the head. */
void
edge_head_init(struct edge_head *h, size_t max)
{
	h->max = max;
	h->pos = 0;
	h->line = 0;
	h->first = 0;
	h->end = 0;
	h->method_ok = 0;
}

/* A method is 1 to EDGE_HEAD_METHOD_MAX letters, then a space. */
static enum edge_head_state
head_method(struct edge_head *h, const char *p, size_t len)
{
	size_t	i;
	char	c;

	for (i = 0; i < len && i <= EDGE_HEAD_METHOD_MAX; i++) {
		c = p[i];
		if (c == ' ' && i > 0) {
			h->method_ok = 1;
			return EDGE_HEAD_MORE;
		}
		if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z')))
			return EDGE_HEAD_NOT_HTTP;
	}
	return i > EDGE_HEAD_METHOD_MAX ? EDGE_HEAD_NOT_HTTP : EDGE_HEAD_MORE;
}

static enum edge_head_state
head_too_big(const struct edge_head *h, struct edge_error *err)
{
	if (h->first == 0)
		edge_error_set(err, 414, 0, "URI_TOO_LONG", "the URI is over "
		    "%zu bytes; send the query with POST", h->max);
	else
		edge_error_set(err, 431, 0, "HEADERS_TOO_LARGE", "the request "
		    "headers are over %zu bytes", h->max);
	return EDGE_HEAD_TOO_BIG;
}

/*
 * Look at p[0..len) (all bytes so far; the same prefix each call): DONE
 * with h->end set, MORE, NOT_HTTP, or TOO_BIG with err filled.
 */
enum edge_head_state
edge_head_scan(struct edge_head *h, const char *p, size_t len,
    struct edge_error *err)
{
	enum edge_head_state	st;
	size_t			n;

	if (h->end != 0)
		return EDGE_HEAD_DONE;
	if (!h->method_ok && (st = head_method(h, p, len)) != EDGE_HEAD_MORE)
		return st;
	for (; h->pos < len && h->pos < h->max; h->pos++) {
		if (p[h->pos] != '\n')
			continue;
		n = h->pos - h->line;
		if (h->first == 0)
			h->first = h->pos + 1;
		else if (n == 0 || (n == 1 && p[h->line] == '\r')) {
			h->end = h->pos + 1;
			return EDGE_HEAD_DONE;
		}
		h->line = h->pos + 1;
	}
	/* (No LF in the first max bytes: the request line is too long.) */
	return h->pos >= h->max ? head_too_big(h, err) : EDGE_HEAD_MORE;
}
