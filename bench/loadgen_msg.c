/*
 * loadgen_msg.c: the bytes bench/loadgen puts on the wire and reads back.
 * Publishers send sendMessage mutations, as a graphql-transport-ws
 * `subscribe` message or as an HTTP body of k aliased fields; each envelope
 * starts with 12 bytes, the send time (CLOCK_MONOTONIC microseconds,
 * big-endian) and the tag "omlg", followed by fixed filler. Because 12 is a
 * multiple of 3, the envelope's base64 is the 16 characters of that head
 * followed by the filler's base64, computed once. Subscribers only look up
 * a few known keys in the frames they receive (lg_msg_find): a full JSON
 * parse per message would make the load tool, not the server, the bottleneck.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <onionmsg/base64.h>
#include <sodium.h>

#include "common/buf.h"
#include "common/log.h"
#include "common/util.h"
#include "common/xmalloc.h"
#include "loadgen.h"

#define LG_TAG		"omlg"

static const char lg_q_one[] =
    "mutation S($t:Address!,$i:ID!,$e:Base64!)"
    "{sendMessage(to:$t,id:$i,envelope:$e){cursor duplicate}}";

static char	*lg_q_batch;	/* the aliased mutation for --batch k */

static char	*lg_put(char *, const char *, size_t);
static char	*lg_puts(char *, const char *);
static char	*lg_put_u64(char *, uint64_t);
static char	*lg_put_id(char *, const struct lg_run *, int, uint64_t);

static char *
lg_put(char *p, const char *s, size_t n)
{
	memcpy(p, s, n);
	return p + n;
}

static char *
lg_puts(char *p, const char *s)
{
	return lg_put(p, s, strlen(s));
}

static char *
lg_put_u64(char *p, uint64_t v)
{
	char	tmp[24];
	int	n = 0;

	do {
		tmp[n++] = (char)('0' + v % 10);
		v /= 10;
	} while (v != 0);
	while (n > 0)
		*p++ = tmp[--n];
	return p;
}

/* The message id: "<run>-<publisher>-<n>", unique per run. */
static char *
lg_put_id(char *p, const struct lg_run *run, int pub, uint64_t n)
{
	p = lg_puts(p, run->run_id);
	*p++ = '-';
	p = lg_put_u64(p, (uint64_t)pub);
	*p++ = '-';
	return lg_put_u64(p, n);
}

/* Prepare the envelope filler and the batch document. */
void
lg_msg_init(struct lg_run *run)
{
	size_t		 tail = (size_t)run->o.envelope_bytes - LG_ENV_HEAD;
	uint8_t		*fill = xmalloc(tail + 1);
	struct buf	 q = BUF_INIT;
	int		 i;

	randombytes_buf(fill, tail);
	run->env_tail = xmalloc(OM_BASE64_LEN(tail) + 1);
	if (om_base64_encode(fill, tail, run->env_tail,
	    OM_BASE64_LEN(tail) + 1) == -1)
		fatalx("loadgen", "base64 of the envelope filler");
	free(fill);

	buf_adds(&q, "mutation B(");
	for (i = 0; i < run->o.batch; i++)
		buf_addf(&q, "%s$t%d:Address!,$i%d:ID!,$e%d:Base64!",
		    i ? "," : "", i, i, i);
	buf_adds(&q, "){");
	for (i = 0; i < run->o.batch; i++)
		buf_addf(&q, "%sm%d:sendMessage(to:$t%d,id:$i%d,envelope:$e%d)"
		    "{cursor duplicate}", i ? " " : "", i, i, i, i);
	buf_adds(&q, "}");
	lg_q_batch = buf_detach(&q, NULL);
}

/* Free what lg_msg_init made. */
void
lg_msg_free(struct lg_run *run)
{
	free(run->env_tail);
	run->env_tail = NULL;
	free(lg_q_batch);
	lg_q_batch = NULL;
}

/* Write the base64 of an envelope head sent at time now: 16 characters,
 * no NUL. Return 16. */
size_t
lg_msg_envelope_head(uint64_t now, char *out)
{
	uint8_t		head[LG_ENV_HEAD];
	char		b64[LG_ENV_HEAD64 + 1];
	int		i;

	for (i = 0; i < 8; i++)
		head[i] = (uint8_t)(now >> (56 - 8 * i));
	memcpy(head + 8, LG_TAG, 4);
	if (om_base64_encode(head, sizeof(head), b64, sizeof(b64)) == -1)
		fatalx("loadgen", "base64 of the envelope head");
	memcpy(out, b64, LG_ENV_HEAD64);
	return LG_ENV_HEAD64;
}

/* Return the largest message lg_msg_ws_send writes. */
size_t
lg_msg_ws_max(const struct lg_run *run)
{
	return 256 + sizeof(lg_q_one) + OM_ADDRESS_LEN + LG_ENV_HEAD64 +
	    strlen(run->env_tail);
}

/* Return the mailbox publisher pub's n-th message goes to. */
uint64_t
lg_msg_target(const struct lg_run *run, int pub, uint64_t n)
{
	return ((uint64_t)pub * 7919 + n) % (uint64_t)run->nmailboxes;
}

/* Write into out (cap bytes, enough for lg_msg_ws_max) the
 * graphql-transport-ws subscribe message of operation op: publisher pub's
 * n-th message to mailbox target. Return its length. */
size_t
lg_msg_ws_send(const struct lg_run *run, char *out, size_t cap, uint64_t op,
    int pub, uint64_t n, uint64_t target)
{
	char	*p = out;

	if (cap < lg_msg_ws_max(run))
		fatalx("loadgen", "send buffer too small");
	p = lg_puts(p, "{\"id\":\"");
	p = lg_put_u64(p, op);
	p = lg_puts(p, "\",\"type\":\"subscribe\",\"payload\":{\"query\":\"");
	p = lg_put(p, lg_q_one, sizeof(lg_q_one) - 1);
	p = lg_puts(p, "\",\"variables\":{\"t\":\"");
	p = lg_puts(p, run->mailboxes[target].address);
	p = lg_puts(p, "\",\"i\":\"");
	p = lg_put_id(p, run, pub, n);
	p = lg_puts(p, "\",\"e\":\"");
	p += lg_msg_envelope_head(util_mono_us(), p);
	p = lg_puts(p, run->env_tail);
	p = lg_puts(p, "\"}}}");
	return (size_t)(p - out);
}

/* Build into out the HTTP body of publisher pub's next k messages,
 * numbered from *n (advanced by k). */
void
lg_msg_http_batch(const struct lg_run *run, int pub, uint64_t *n, int k,
    struct buf *out)
{
	char		 tmp[160];
	uint64_t	 now = util_mono_us();
	int		 i;

	buf_reset(out);
	buf_reserve(out, (size_t)k * (OM_ADDRESS_LEN + 64 + LG_ENV_HEAD64 +
	    strlen(run->env_tail)) + strlen(lg_q_batch) + 64);
	buf_adds(out, "{\"query\":\"");
	buf_adds(out, k == 1 ? lg_q_one : lg_q_batch);
	buf_adds(out, "\",\"variables\":{");
	for (i = 0; i < k; i++, (*n)++) {
		uint64_t t = lg_msg_target(run, pub, *n);

		if (k == 1)
			buf_adds(out, "\"t\":\"");
		else
			buf_addf(out, "%s\"t%d\":\"", i ? "," : "", i);
		buf_adds(out, run->mailboxes[t].address);
		buf_adds(out, k == 1 ? "\",\"i\":\"" : "\",\"i");
		if (k != 1)
			buf_addf(out, "%d\":\"", i);
		buf_add(out, tmp, (size_t)(lg_put_id(tmp, run, pub, *n) - tmp));
		buf_adds(out, k == 1 ? "\",\"e\":\"" : "\",\"e");
		if (k != 1)
			buf_addf(out, "%d\":\"", i);
		buf_add(out, tmp, lg_msg_envelope_head(now, tmp));
		buf_adds(out, run->env_tail);
		buf_addc(out, '"');
	}
	buf_adds(out, "}}");
}

/* Find the string member "key" in a JSON text of len bytes and point *val
 * at its value (without quotes, escapes left as they are). The first
 * occurrence anywhere wins: callers ask only for keys that appear once in
 * the messages they read. 0, or -1 if absent. */
int
lg_msg_find(const char *s, size_t len, const char *key, const char **val,
    size_t *vlen)
{
	const char	*end = s + len, *p = s, *q;
	size_t		 kl = strlen(key);

	while ((p = memchr(p, '"', (size_t)(end - p))) != NULL) {
		p++;
		if ((size_t)(end - p) < kl + 2 || memcmp(p, key, kl) != 0 ||
		    p[kl] != '"')
			continue;
		q = p + kl + 1;
		while (q < end && (*q == ' ' || *q == '\t' || *q == '\n' ||
		    *q == '\r'))
			q++;
		if (q >= end || *q != ':')
			continue;
		q++;
		while (q < end && (*q == ' ' || *q == '\t' || *q == '\n' ||
		    *q == '\r'))
			q++;
		if (q >= end || *q != '"')
			continue;
		q++;
		*val = q;
		if ((p = memchr(q, '"', (size_t)(end - q))) == NULL)
			return -1;
		*vlen = (size_t)(p - q);
		return 0;
	}
	return -1;
}

/* Read the send time out of an envelope's base64; 0, or -1 if it is not
 * one of ours. */
int
lg_msg_envelope_time(const char *b64, size_t len, uint64_t *t)
{
	uint8_t		head[LG_ENV_HEAD];
	size_t		n;
	int		i;

	if (len < LG_ENV_HEAD64 || om_base64_decode(b64, LG_ENV_HEAD64, head,
	    sizeof(head), &n) == -1 || n != LG_ENV_HEAD ||
	    memcmp(head + 8, LG_TAG, 4) != 0)
		return -1;
	*t = 0;
	for (i = 0; i < 8; i++)
		*t = (*t << 8) | head[i];
	return 0;
}
