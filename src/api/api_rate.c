/*
 * api_rate.c: rate limits of the public mutations, as token buckets. A
 * limit of N a minute is a bucket of N tokens (the burst) refilled
 * continuously at N a minute; a call takes one token or is refused with
 * RATE_LIMITED, saying when the next token comes. 0 means no limit.
 *
 * What a bucket is keyed on: the edge gives the API no address and no
 * connection identity (struct edge_request, struct edge_auth), and over
 * Tor every client arrives from 127.0.0.1 anyway, so a per-address limit
 * would be one node-wide bucket in disguise, and a per-connection one is
 * dodged by opening another connection. The one identity a request can
 * prove is its token: a mailbox of this node. So:
 *   - createMailbox: one bucket for the node (--create-mailbox-rate);
 *   - sendMessage with a token: one bucket per mailbox of the token
 *     (--send-rate-mailbox), all its devices and its owner key together,
 *     so a busy user does not starve anonymous senders nor they him;
 *   - sendMessage without a token (other nodes delivering, anyone
 *     writing to a mailbox here): one bucket for the node (--send-rate).
 * Per-mailbox buckets live in a small hash table; a bucket that has
 * refilled to full is the same as no bucket and is swept out, so the
 * table holds only the mailboxes that sent in the last minute (each a
 * mailbox of this node with a valid token: their number is bounded).
 *
 * Times are monotonic milliseconds. Everything runs on the edge thread.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/api_int.h"
#include "common/util.h"
#include "common/xmalloc.h"

#define API_RATE_MINUTE		INT64_C(60000)	/* ms; a token's worth */
#define API_RATE_CHAINS		256
#define API_RATE_SWEEP		1024	/* entries before a sweep */

struct api_rate_entry {
	char			 key[OM_MAILBOX_ID_LEN + 1];
	struct api_bucket	 b;
	struct api_rate_entry	*next;
};

struct api_rate {
	struct api_bucket	 create;	/* node: createMailbox */
	struct api_bucket	 send;		/* node: sendMessage, no token */
	struct api_rate_entry	*chains[API_RATE_CHAINS];
	size_t			 n;
	size_t			 sweep_at;
};

static struct api_bucket *rate_mailbox(struct api_rate *, const char *,
		    uint64_t, int64_t);
static void	rate_sweep(struct api_rate *, uint64_t, int64_t);
static void	bucket_refill(struct api_bucket *, uint64_t, int64_t);
static unsigned	rate_chain(const char *);

/* Return empty rate state (every bucket starts full). */
struct api_rate *
api_rate_new(void)
{
	struct api_rate	*rt = xcalloc(1, sizeof(*rt));

	rt->sweep_at = API_RATE_SWEEP;
	return rt;
}

/* Free rate state; NULL is a no-op. */
void
api_rate_free(struct api_rate *rt)
{
	struct api_rate_entry	*e, *next;
	size_t			 i;

	if (rt == NULL)
		return;
	for (i = 0; i < API_RATE_CHAINS; i++)
		for (e = rt->chains[i]; e != NULL; e = next) {
			next = e->next;
			free(e);
		}
	free(rt);
}

/* Return how many per-mailbox buckets are kept. */
size_t
api_rate_count(const struct api_rate *rt)
{
	return rt->n;
}

static void
bucket_refill(struct api_bucket *b, uint64_t rate, int64_t now)
{
	uint64_t	cap = rate * (uint64_t)API_RATE_MINUTE;
	int64_t		dt;

	if (!b->used) {
		b->used = 1;
		b->level = cap;
	} else if ((dt = now - b->last) > 0) {
		if (dt > API_RATE_MINUTE)
			dt = API_RATE_MINUTE;
		b->level += (uint64_t)dt * rate;
	}
	if (b->level > cap)
		b->level = cap;
	b->last = now;
}

/*
 * Take a token from b, a bucket of rate a minute (0: no limit), at time
 * now (ms). Return 0, or -1 with the ms until the next token in *wait.
 */
int
api_bucket_take(struct api_bucket *b, uint64_t rate, int64_t now,
    int64_t *wait)
{
	if (rate == 0)
		return 0;
	bucket_refill(b, rate, now);
	if (b->level >= (uint64_t)API_RATE_MINUTE) {
		b->level -= (uint64_t)API_RATE_MINUTE;
		return 0;
	}
	*wait = (int64_t)(((uint64_t)API_RATE_MINUTE - b->level + rate - 1) /
	    rate);
	return -1;
}

static unsigned
rate_chain(const char *key)
{
	uint32_t	h = 2166136261U;

	for (; *key != '\0'; key++)
		h = (h ^ (unsigned char)*key) * 16777619U;
	return h % API_RATE_CHAINS;
}

/* The bucket of mailbox key, made (full) if there is none. */
static struct api_bucket *
rate_mailbox(struct api_rate *rt, const char *key, uint64_t rate,
    int64_t now)
{
	struct api_rate_entry	*e;
	unsigned		 c = rate_chain(key);

	for (e = rt->chains[c]; e != NULL; e = e->next)
		if (strcmp(e->key, key) == 0)
			return &e->b;
	if (rt->n >= rt->sweep_at) {
		rate_sweep(rt, rate, now);
		rt->sweep_at = rt->n * 2 > API_RATE_SWEEP ? rt->n * 2 :
		    API_RATE_SWEEP;
	}
	e = xcalloc(1, sizeof(*e));
	snprintf(e->key, sizeof(e->key), "%s", key);
	e->next = rt->chains[c];
	rt->chains[c] = e;
	rt->n++;
	return &e->b;
}

/* Drop the buckets that are full again: they are as good as new. */
static void
rate_sweep(struct api_rate *rt, uint64_t rate, int64_t now)
{
	struct api_rate_entry	**ep, *e;
	size_t			  i;

	for (i = 0; i < API_RATE_CHAINS; i++) {
		for (ep = &rt->chains[i]; (e = *ep) != NULL;) {
			bucket_refill(&e->b, rate, now);
			if (e->b.level < rate * (uint64_t)API_RATE_MINUTE) {
				ep = &e->next;
				continue;
			}
			*ep = e->next;
			free(e);
			rt->n--;
		}
	}
}

/*
 * Charge one call of kind to its bucket; 0, or -1 with a RATE_LIMITED
 * error saying which limit and when to try again.
 */
int
api_rate_check(const struct gql_resolve_info *info, struct gql_result *r,
    enum api_rate_kind kind)
{
	struct api_req		*req = info->ctx;
	struct api		*api = req->api;
	struct api_bucket	*b;
	const char		*what;
	uint64_t		 rate;
	int64_t			 now = (int64_t)(util_mono_us() / 1000), wait;

	if (kind == API_RATE_CREATE_MAILBOX) {
		rate = api->cfg.rate_create_mailbox;
		b = &api->rate->create;
		what = "createMailbox calls on this node";
	} else if (req->authed) {
		rate = api->cfg.rate_send_mailbox;
		if (rate == 0)
			return 0;
		b = rate_mailbox(api->rate, req->auth.mailbox, rate, now);
		what = "sendMessage calls with this mailbox's tokens";
	} else {
		rate = api->cfg.rate_send;
		b = &api->rate->send;
		what = "sendMessage calls without a token on this node";
	}
	if (api_bucket_take(b, rate, now, &wait) == 0)
		return 0;
	gql_result_errorf(info, r, "RATE_LIMITED", "rate limited: at most %llu "
	    "%s a minute; try again in %lld s", (unsigned long long)rate, what,
	    (long long)((wait + 999) / 1000));
	return -1;
}
