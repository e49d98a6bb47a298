/*
 * api_subscribe.c: GraphQL subscriptions over WebSocket, as cursor
 * followers of the hub (src/hub/hub.h). Subscription.messages replays
 * what is stored after its cursor, then follows live: the follower is
 * registered before anything is read, every wake-up reads the store after
 * the follower's own cursor (a page of API_SUB_PAGE) and the cursor moves
 * only past events that went out, so the seam between replay and live has
 * neither gaps nor duplicates. A follower that keeps up gets the messages
 * just committed from the store's memory of them (store_message_recent),
 * not read back; all the store reads of one hub run share one read
 * transaction. When the connection's send queue is full
 * (edge_op_next_text() fails) the follower pauses; the edge's resume
 * callback marks it again and it goes on from its cursor. Identical
 * selections share each message's JSON during one hub run.
 *
 * Subscription.deliveries follows every outbox entry of the mailbox,
 * whatever their number, and sends each change of state, attempts or
 * next attempt once. Delivered and expired entries never change again,
 * so a subscription remembers only the entries that still can (queued,
 * delivering, failed: at most API_SUB_LIVE_MAX of them, else it ends
 * with QUOTA_EXCEEDED rather than miss a change) and the highest id it
 * knows: a wake-up (an enqueue or retry here, or api_post_deliveries()
 * from the tor thread) lists the entries that can change, the finished
 * ones newer than that id, and looks up those it remembers that left the
 * changing states. Entries are sent oldest first.
 *
 * A subscription ends with an error (the graphql-transport-ws or legacy
 * "error" message) when what it follows is gone: deleteMailbox marks the
 * mailbox's followers (api_sub_mailbox_gone) and they end with NOT_FOUND
 * at their next wake-up, after the commit, once the store confirms the
 * mailbox is gone (a rolled back delete just wakes them for nothing);
 * removeDevice ends those opened with the removed device's token with
 * FORBIDDEN the same way. Its follower is freed there, in the hub run,
 * and nothing of it is touched after.
 * Subscription.nodeStatus sends the node at once, then again whenever
 * its state changes (api_node_set(); never with --no-tor); a paused one
 * sends the latest state when it resumes. Identical selections share
 * each node state's JSON as they share each message's.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "api/api_int.h"
#include "common/log.h"
#include "common/util.h"
#include "common/xmalloc.h"
#include "hub/hub.h"
#include "store/store.h"

#define API_SUB_PAGE		64
/*
 * Most outbox entries that can still change (queued, delivering, failed)
 * one deliveries subscription remembers, 32 bytes each; a test lowers it
 * for one API with api->sub_live_max.
 */
#ifndef API_SUB_LIVE_MAX
#define API_SUB_LIVE_MAX	16384
#endif
/* The first page of finished entries newer than the highest known id. */
#define API_SUB_NEW_PAGE	64

/* What a marked subscription checks at its next wake-up. */
#define API_SUB_CHECK_MAILBOX	0x1	/* the mailbox was deleted */
#define API_SUB_CHECK_DEVICE	0x2	/* a device was removed */

struct api_sub_seen {
	int64_t		 id;
	int		 state;		/* -1: not sent yet */
	int64_t		 attempts;
	int64_t		 next_attempt;
};

struct api_sub {
	struct api_req		*req;
	struct gql_subscription	*gsub;
	struct hub_follower	*follower;
	enum hub_topic		 topic;
	int64_t			 cursor;
	int			 paused;
	int			 check;		/* API_SUB_CHECK_* */
	int64_t			 node_sent;	/* node version, -1: none */
	/* deliveries: the entries that can change, by id; the newest id */
	struct api_sub_seen	*live;
	size_t			 nlive;
	int64_t			 max_id;
	int64_t			 started;	/* api_now_ms() at subscribe */
};

/* The outbox entries one deliveries wake-up gathered. */
struct sub_outbox {
	struct store_outbox	*e;
	size_t			 n;
};

/* What api_sub_mailbox_gone() marks. */
struct sub_gone {
	int		 check;
	const uint8_t	*device;
};

static void	sub_event(const struct gql_resolve_info *, struct gql_result *);
static void	sub_node(const struct gql_resolve_info *, struct gql_result *);
static void	sub_messages(const struct gql_resolve_info *,
		    struct gql_result *);
static void	sub_deliveries(const struct gql_resolve_info *,
		    struct gql_result *);
static void	sub_status(const struct gql_resolve_info *,
		    struct gql_result *);
static struct api_sub *sub_new(const struct gql_resolve_info *,
		    enum hub_topic);
static void	sub_wake(void *);
static void	sub_kick(void *);
static void	sub_hub_cb(void *);
static int	sub_send(struct api_sub *, void *, int64_t);
static void	sub_wake_messages(struct api_sub *);
static void	sub_wake_deliveries(struct api_sub *, int);
static int	sub_outbox_cmp_asc(const void *, const void *);
static int	sub_outbox_cmp_id(const void *, const void *);
static int	sub_live_cmp(const void *, const void *);
static int	sub_outbox_gather(struct api_sub *, struct sub_outbox *, int);
static int	sub_outbox_take(struct api_sub *, struct sub_outbox *, int,
		    int, size_t, int64_t);
static void	sub_outbox_left(struct api_sub *, struct sub_outbox *,
		    size_t);
static void	sub_outbox_send(struct api_sub *, struct sub_outbox *, int);
static void	sub_outbox_free(struct sub_outbox *);
static const struct api_sub_seen *sub_live_find(const struct api_sub *,
		    int64_t);
static size_t	sub_live_max(const struct api_sub *);
static void	sub_wake_node(struct api_sub *);
static int	sub_check(struct api_sub *);
static void	sub_end(struct api_sub *, const char *, const char *);
static void	sub_mark_gone(struct hub_follower *, void *, void *);
static void	sub_release(struct api_req *);

const struct gql_field_binding api_sub_fields[] = {
	{ "Subscription.messages", sub_event, sub_messages, NULL },
	{ "Subscription.deliveries", sub_event, sub_deliveries, NULL },
	{ "Subscription.nodeStatus", sub_node, sub_status, NULL },
};
const size_t api_sub_nfields = nitems(api_sub_fields);

/*
 * The event is the root value: a store_message or a store_outbox. None
 * means the document was executed, not subscribed to (api_prepare() sends
 * those to api_sub_start(); this only guards against a caller that does
 * not).
 */
static void
sub_event(const struct gql_resolve_info *info, struct gql_result *r)
{
	if (info->parent == NULL) {
		gql_result_error(r, "subscriptions need a WebSocket",
		    "BAD_REQUEST");
		return;
	}
	gql_result_object(r, info->parent, NULL);
}

static void
sub_node(const struct gql_resolve_info *info, struct gql_result *r)
{
	gql_result_object(r, ((struct api_req *)info->ctx)->api, NULL);
}

static struct api_sub *
sub_new(const struct gql_resolve_info *info, enum hub_topic topic)
{
	struct api_sub	*sub = xcalloc(1, sizeof(*sub));

	sub->req = info->ctx;
	sub->topic = topic;
	sub->node_sent = -1;
	return sub;
}

static void
sub_messages(const struct gql_resolve_info *info, struct gql_result *r)
{
	struct api_sub	*sub;
	int64_t		 after;

	if (api_auth_need(info, r, API_NEED_DEVICE) == -1 ||
	    api_arg_cursor(info, r, "after", &after) == -1)
		return;
	sub = sub_new(info, HUB_MESSAGES);
	sub->cursor = after;
	gql_result_source(r, sub);
}

static void
sub_deliveries(const struct gql_resolve_info *info, struct gql_result *r)
{
	if (api_auth_need(info, r, API_NEED_ANY) == -1)
		return;
	gql_result_source(r, sub_new(info, HUB_DELIVERIES));
}

static void
sub_status(const struct gql_resolve_info *info, struct gql_result *r)
{
	gql_result_source(r, sub_new(info, HUB_NODE));
}

/*
 * Start the subscription of req (a WebSocket operation): 0, or -1 with
 * {"errors":[...]} in out.
 */
int
api_sub_start(struct api_req *req, struct buf *out)
{
	struct api		*api = req->api;
	struct gql_request	 gr;
	struct gql_subscription	*gsub;
	struct api_sub		*sub;
	void			*source;

	memset(&gr, 0, sizeof(gr));
	gr.schema = api->schema;
	gr.doc = req->doc;
	gr.operation_name = req->operation_name;
	gr.variables_json = req->variables;
	gr.variables_len = req->variables_len;
	gr.ctx = req;
	gr.options = &api->exec_opts;
	if (gql_subscribe(&gr, &gsub, &source, out) != GQL_EXEC_OK) {
		sub_release(req);
		return -1;
	}
	sub_release(req);
	if (api->hub == NULL) {
		api->hub = hub_new(sub_kick, api);
		api->hub_timer = edge_timer_new(api->edge, sub_hub_cb, api);
	}
	sub = source;
	sub->gsub = gsub;
	sub->started = api_now_ms();
	req->sub = sub;
	sub->follower = hub_follow(api->hub, sub->topic, sub->topic ==
	    HUB_NODE ? "" : req->auth.mailbox, sub_wake, sub);
	if (sub->topic == HUB_DELIVERIES)
		sub_wake_deliveries(sub, 0);	/* the snapshot, unsent */
	else
		hub_mark(sub->follower);
	return 0;
}

static void
sub_kick(void *arg)
{
	struct api	*api = arg;

	edge_timer_set(api->hub_timer, 0);
}

/* A hub run: what the followers read from the store, one snapshot. */
static void
sub_hub_cb(void *arg)
{
	struct api	*api = arg;

	(void)store_read_begin(api->store);
	hub_run(api->hub);
	store_read_end(api->store);
}

static void
sub_wake(void *arg)
{
	struct api_sub	*sub = arg;

	/* first, even paused: an ended one is freed and never sends again */
	if (sub->check != 0 && sub_check(sub) != 0)
		return;
	if (sub->paused)
		return;
	switch (sub->topic) {
	case HUB_MESSAGES:
		sub_wake_messages(sub);
		break;
	case HUB_DELIVERIES:
		sub_wake_deliveries(sub, 1);
		break;
	case HUB_NODE:
		sub_wake_node(sub);
		break;
	}
}

/*
 * Execute the selection for one event and send it; seq >= 0 makes the
 * JSON shareable through the hub's cache. 0, or -1: paused.
 */
static int
sub_send(struct api_sub *sub, void *event, int64_t seq)
{
	struct api	*api = sub->req->api;
	const char	*key, *text = NULL;
	size_t		 key_len, len = 0;
	uint64_t	 hash = gql_subscription_hash(sub->gsub);
	struct buf	 out;
	int		 rc;

	key = gql_subscription_key(sub->gsub, &key_len);
	if (seq >= 0)
		text = hub_cache_get(api->hub, key, key_len, hash, seq, &len);
	if (text != NULL)
		rc = edge_op_next_text(sub->req->op, text, len);
	else {
		buf_init(&out);
		gql_execute_event(sub->gsub, event, sub->req, &out);
		sub_release(sub->req);
		if (seq >= 0)
			hub_cache_put(api->hub, key, key_len, hash, seq,
			    out.data, out.len);
		rc = edge_op_next_text(sub->req->op, out.data, out.len);
		buf_free(&out);
	}
	if (rc == -1)
		sub->paused = 1;
	return rc;
}

/*
 * Send the messages after the cursor: those just committed straight from
 * the store's memory of them (store_message_recent) when it reaches back
 * to the cursor, as it does for a follower that keeps up; else a page
 * read from the store.
 */
static void
sub_wake_messages(struct api_sub *sub)
{
	struct api		*api = sub->req->api;
	struct store_message	 recent[API_SUB_PAGE], *m = recent;
	size_t			 n = 0, i;
	int64_t			 now = api_now_ms();
	int			 res, owned = 0;

	res = store_message_recent(api->store, sub->req->auth.mailbox,
	    sub->cursor, API_SUB_PAGE, now, recent, &n);
	if (res == STORE_NOT_FOUND) {
		owned = 1;
		res = store_message_list(api->store, sub->req->auth.mailbox,
		    sub->cursor, API_SUB_PAGE, now, &m, &n);
	}
	if (res == STORE_NOT_FOUND) {
		sub_end(sub, "the mailbox was deleted", "NOT_FOUND");
		return;
	}
	if (res != STORE_OK) {
		log_warnx("api", "subscription: store: %s",
		    store_result_str((enum store_result)res));
		return;
	}
	for (i = 0; i < n; i++) {
		if (sub_send(sub, &m[i], m[i].seq) == -1)
			break;
		sub->cursor = m[i].seq;
	}
	if (i == n && n == API_SUB_PAGE)
		hub_mark(sub->follower);
	if (owned)
		store_message_list_free(m, n);
}

/*
 * Send the outbox entries that changed since the last wake-up (if send;
 * the first call only takes the snapshot), and remember those that can
 * still change. Ends the subscription when its mailbox is gone or more
 * entries can change than it may remember.
 */
static void
sub_wake_deliveries(struct api_sub *sub, int send)
{
	struct sub_outbox	o;

	memset(&o, 0, sizeof(o));
	switch (sub_outbox_gather(sub, &o, send)) {
	case STORE_OK:
		break;
	case STORE_NOT_FOUND:
		sub_outbox_free(&o);
		sub_end(sub, "the mailbox was deleted", "NOT_FOUND");
		return;
	case STORE_QUOTA:
		sub_outbox_free(&o);
		sub_end(sub, "more outbox entries are queued, delivering or "
		    "failed than a subscription follows; list them with "
		    "Query.outbox", "QUOTA_EXCEEDED");
		return;
	default:
		sub_outbox_free(&o);
		log_warnx("api", "deliveries subscription: store: %s",
		    store_errmsg(sub->req->api->store));
		/* without its snapshot, it would send the whole history */
		if (!send)
			sub_end(sub, "the node could not read the outbox",
			    "INTERNAL_SERVER_ERROR");
		return;
	}
	sub_outbox_send(sub, &o, send);
	sub_outbox_free(&o);
}

/*
 * Gather into o the entries that can change (QUOTA: more than the
 * subscription may remember), then (if send) the finished ones newer
 * than max_id and the remembered ones that left the changing states;
 * without send, only the newest id. A store_result.
 */
static int
sub_outbox_gather(struct api_sub *sub, struct sub_outbox *o, int send)
{
	static const int	 changing[] = { STORE_OUTBOX_QUEUED,
				    STORE_OUTBOX_DELIVERING,
				    STORE_OUTBOX_FAILED };
	size_t			 max = sub_live_max(sub), i, nchanging;
	int			 res;

	for (i = 0; i < nitems(changing); i++)
		if ((res = sub_outbox_take(sub, o, changing[i], 0, max + 1,
		    INT64_MIN)) != STORE_OK)
			return res;
	if (o->n > max)
		return STORE_QUOTA;
	nchanging = o->n;
	if (!send) {
		res = sub_outbox_take(sub, o, STORE_OUTBOX_ANY, 1, 1,
		    INT64_MIN);
		if (res == STORE_OK && o->n > nchanging) {
			sub->max_id = o->e[--o->n].id;
			store_outbox_clear(&o->e[o->n]);
		}
		return res;
	}
	if ((res = sub_outbox_take(sub, o, STORE_OUTBOX_DELIVERED, 1,
	    API_SUB_NEW_PAGE, sub->max_id)) != STORE_OK ||
	    (res = sub_outbox_take(sub, o, STORE_OUTBOX_EXPIRED, 1,
	    API_SUB_NEW_PAGE, sub->max_id)) != STORE_OK)
		return res;
	sub_outbox_left(sub, o, nchanging);
	return STORE_OK;
}

/*
 * Append to o the entries of the mailbox in state: up to limit, or (with
 * newest_first and after > INT64_MIN) all those with an id above after,
 * a page at a time.
 */
static int
sub_outbox_take(struct api_sub *sub, struct sub_outbox *o, int state,
    int newest_first, size_t limit, int64_t after)
{
	struct api_req		*req = sub->req;
	struct store_outbox	*e = NULL;
	size_t			 n = 0, k;
	int			 res;

	for (;;) {
		res = store_outbox_list(req->api->store, req->auth.mailbox,
		    state, newest_first, limit, &e, &n);
		if (res != STORE_OK)
			return res;
		for (k = 0; k < n && e[k].id > after; k++)
			;
		if (!newest_first || after == INT64_MIN || k < n || n < limit)
			break;
		store_outbox_list_free(e, n);	/* all newer: larger page */
		limit *= 4;
	}
	if (k > 0) {
		o->e = xreallocarray(o->e, o->n + k, sizeof(*o->e));
		/* moved: o owns them */
		memcpy(o->e + o->n, e, k * sizeof(*e));
		o->n += k;
	}
	for (; k < n; k++)
		store_outbox_clear(&e[k]);
	store_outbox_list_free(e, 0);
	return STORE_OK;
}

/*
 * Append to o the remembered entries missing from the nchanging first:
 * they were delivered, failed for good or expired since (an entry
 * purged is gone, and forgotten).
 */
static void
sub_outbox_left(struct api_sub *sub, struct sub_outbox *o, size_t nchanging)
{
	struct store_outbox	 x;
	size_t			 i;
	int			 res;

	if (nchanging > 1)
		qsort(o->e, nchanging, sizeof(*o->e), sub_outbox_cmp_asc);
	for (i = 0; i < sub->nlive; i++) {
		if (sub->live[i].id > sub->max_id)
			break;		/* the finished listing has them */
		if (nchanging > 0 && bsearch(&sub->live[i].id, o->e,
		    nchanging, sizeof(*o->e), sub_outbox_cmp_id) != NULL)
			continue;
		res = store_outbox_get(sub->req->api->store, sub->live[i].id,
		    &x);
		if (res != STORE_OK) {
			if (res != STORE_NOT_FOUND)
				log_warnx("api", "deliveries subscription: "
				    "store: %s", store_result_str(
				    (enum store_result)res));
			continue;
		}
		o->e = xreallocarray(o->e, o->n + 1, sizeof(*o->e));
		o->e[o->n++] = x;
	}
}

static int
sub_outbox_cmp_asc(const void *a, const void *b)
{
	const struct store_outbox	*x = a, *y = b;

	return x->id < y->id ? -1 : x->id > y->id ? 1 : 0;
}

static int
sub_outbox_cmp_id(const void *key, const void *elem)
{
	int64_t				 id = *(const int64_t *)key;
	const struct store_outbox	*e = elem;

	return id < e->id ? -1 : id > e->id ? 1 : 0;
}

static int
sub_live_cmp(const void *key, const void *elem)
{
	int64_t				 id = *(const int64_t *)key;
	const struct api_sub_seen	*s = elem;

	return id < s->id ? -1 : id > s->id ? 1 : 0;
}

/* The remembered entry id, or NULL. */
static const struct api_sub_seen *
sub_live_find(const struct api_sub *sub, int64_t id)
{
	if (sub->nlive == 0)
		return NULL;
	return bsearch(&id, sub->live, sub->nlive, sizeof(*sub->live),
	    sub_live_cmp);
}

/*
 * Send (if send) the entries of o that differ from what is remembered,
 * oldest first, and remember those that can change or did not go out.
 * Once the send queue is full, a finished entry new to the subscription
 * is not remembered: the highest known id stops below it, so the next
 * wake-up lists it again (with the newer ones), and memory stays within
 * the bound however many finished while the client did not read.
 */
static void
sub_outbox_send(struct api_sub *sub, struct sub_outbox *o, int send)
{
	const struct api_sub_seen	*old;
	struct api_sub_seen		*live, *s;
	struct store_outbox		*e;
	int64_t				 max_id = sub->max_id, stop = INT64_MAX;
	size_t				 i, n = 0;
	int				 changed, finished;

	if (o->n > 1)
		qsort(o->e, o->n, sizeof(*o->e), sub_outbox_cmp_asc);
	live = xcalloc(o->n + 1, sizeof(*live));
	for (i = 0; i < o->n; i++) {
		e = &o->e[i];
		old = sub_live_find(sub, e->id);
		changed = old == NULL || old->state != (int)e->state ||
		    old->attempts != e->attempts ||
		    old->next_attempt != e->next_attempt;
		finished = e->state == STORE_OUTBOX_DELIVERED ||
		    e->state == STORE_OUTBOX_EXPIRED;
		if (e->id > max_id)
			max_id = e->id;
		if (finished && (!send || !changed))
			continue;
		if (finished && old == NULL && sub->paused) {
			if (stop == INT64_MAX)
				stop = e->id - 1;	/* list it again */
			continue;
		}
		s = &live[n++];
		s->id = e->id;
		s->state = (int)e->state;
		s->attempts = e->attempts;
		s->next_attempt = e->next_attempt;
		if (send && changed && (sub->paused ||
		    sub_send(sub, e, -1) == -1))
			s->state = -1;		/* send after resume */
		else if (finished)
			n--;			/* sent: never changes again */
	}
	sub->max_id = max_id < stop ? max_id : stop;
	free(sub->live);
	sub->live = live;
	sub->nlive = n;
}

static void
sub_outbox_free(struct sub_outbox *o)
{
	store_outbox_list_free(o->e, o->n);
	o->e = NULL;
	o->n = 0;
}

/* The most entries a deliveries subscription remembers. */
static size_t
sub_live_max(const struct api_sub *sub)
{
	size_t	max = sub->req->api->sub_live_max;

	return max != 0 ? max : API_SUB_LIVE_MAX;
}

/* Send the node if its state changed since it was last sent. */
static void
sub_wake_node(struct api_sub *sub)
{
	struct api	*api = sub->req->api;

	if (sub->node_sent == api->node.version)
		return;
	if (sub_send(sub, api, api->node.version) == 0)
		sub->node_sent = api->node.version;
}

/*
 * A marked subscription's check: 0 (go on), or -1 when it ended because
 * its mailbox is gone, or (messages, or not the owner's token) the
 * device whose token opened it. A store failure: 1, send nothing this
 * time (the device may be gone) and check again at the next wake-up.
 */
static int
sub_check(struct api_sub *sub)
{
	struct api		*api = sub->req->api;
	const struct api_auth	*a = &sub->req->auth;
	struct store_mailbox	 m;
	int			 res;

	res = store_mailbox_get(api->store, a->mailbox, &m);
	/* deleted and made again (same owner key, same id) since */
	if (res == STORE_OK && m.created > sub->started)
		res = STORE_NOT_FOUND;
	if (res == STORE_NOT_FOUND) {
		sub_end(sub, "the mailbox was deleted", "NOT_FOUND");
		return -1;
	}
	if (res != STORE_OK)
		return 1;
	if ((sub->check & API_SUB_CHECK_DEVICE) &&
	    (sub->topic == HUB_MESSAGES || !a->is_owner)) {
		res = store_device_get(api->store, a->mailbox, a->signer, NULL);
		if (res == STORE_NOT_FOUND) {
			sub_end(sub, "the device of this subscription's token "
			    "was removed", "FORBIDDEN");
			return -1;
		}
		if (res != STORE_OK)
			return 1;
	}
	sub->check = 0;
	return 0;
}

/*
 * End the subscription with an error of code: the client gets "error"
 * for the operation (both WebSocket protocols) and the request, the
 * subscription and its follower are freed now; never touch sub after.
 */
static void
sub_end(struct api_sub *sub, const char *message, const char *code)
{
	struct api_req	*req = sub->req;
	struct edge_op	*op = req->op;
	struct buf	 none;
	json_t		*errors;

	log_debug("api", "subscription %s ended: %s", edge_op_id(op), message);
	errors = json_pack("[{s:s,s:{s:s}}]", "message", message,
	    "extensions", "code", code);
	/* without data on op, api_answer() only frees req (and sub) */
	edge_op_set_data(op, NULL);
	buf_init(&none);
	api_answer(req, 0, &none);
	buf_free(&none);
	edge_op_error(op, errors);
	json_decref(errors);
}

static void
sub_mark_gone(struct hub_follower *f, void *farg, void *arg)
{
	struct api_sub		*sub = farg;
	const struct sub_gone	*g = arg;

	if (g->device != NULL && memcmp(sub->req->auth.signer, g->device,
	    OM_PUBKEY_LEN) != 0)
		return;
	sub->check |= g->check;
	hub_mark(f);
}

/*
 * Mailbox was deleted (device NULL), or its device was removed: mark the
 * messages and deliveries subscriptions concerned to check at their next
 * wake-up, which comes after the current group's commit (the hub runs
 * from a later timer), and end there if the store confirms it.
 */
void
api_sub_mailbox_gone(struct api *api, const char *mailbox,
    const uint8_t *device)
{
	struct sub_gone	g;

	g.check = device == NULL ? API_SUB_CHECK_MAILBOX :
	    API_SUB_CHECK_DEVICE;
	g.device = device;
	hub_each(api->hub, HUB_MESSAGES, mailbox, sub_mark_gone, &g);
	hub_each(api->hub, HUB_DELIVERIES, mailbox, sub_mark_gone, &g);
}

/* The edge drained a paused subscription's queue: go on. */
void
api_sub_resume(struct edge_op *op, void *arg)
{
	struct api_req	*req = edge_op_data(op);

	(void)arg;
	if (req == NULL || req->sub == NULL)
		return;
	req->sub->paused = 0;
	hub_mark(req->sub->follower);
}

/* Wake the followers of a mailbox's messages (after a commit). */
void
api_sub_notify_messages(struct api *api, const char *mailbox)
{
	hub_notify(api->hub, HUB_MESSAGES, mailbox);
}

/* Wake the followers of a mailbox's (NULL: every) deliveries. */
void
api_sub_notify_deliveries(struct api *api, const char *mailbox)
{
	if (mailbox == NULL)
		hub_notify_all(api->hub, HUB_DELIVERIES);
	else
		hub_notify(api->hub, HUB_DELIVERIES, mailbox);
}

/* Free a request's subscription; NULL is a no-op. */
void
api_sub_free(struct api_sub *sub)
{
	if (sub == NULL)
		return;
	hub_unfollow(sub->follower);
	gql_subscription_free(sub->gsub);
	free(sub->live);
	free(sub);
}

/* Free the hub at the end of the edge thread. */
void
api_sub_fini(struct api *api)
{
	edge_timer_free(api->hub_timer);
	api->hub_timer = NULL;
	hub_free(api->hub);
	api->hub = NULL;
}

/* Free what the resolvers of one execution deferred. */
static void
sub_release(struct api_req *req)
{
	size_t	i;

	for (i = 0; i < req->nfrees; i++)
		req->frees[i].fn(req->frees[i].p, req->frees[i].n);
	free(req->frees);
	req->frees = NULL;
	req->nfrees = 0;
}
