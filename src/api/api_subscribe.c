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
 * Subscription.deliveries keeps a small snapshot (id, state, attempts,
 * next attempt) of the mailbox's newest API_SUB_OUTBOX_MAX outbox entries
 * and, when woken (an enqueue or retry here, or api_post_deliveries()
 * from the tor thread), sends the entries that changed since.
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
#define API_SUB_OUTBOX_MAX	1024

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
	int64_t			 node_sent;	/* node version, -1: none */
	struct api_sub_seen	*seen;
	size_t			 nseen;
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
static void	sub_wake_node(struct api_sub *);
static int	sub_seen_changed(const struct api_sub *, size_t *,
		    const struct store_outbox *);
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
 * Send the outbox entries that changed since the snapshot (if send).
 * Both lists are newest first, so one walk compares them.
 */
static void
sub_wake_deliveries(struct api_sub *sub, int send)
{
	struct api		*api = sub->req->api;
	struct store_outbox	*e = NULL;
	struct api_sub_seen	*seen;
	size_t			 n = 0, i, j = 0;
	int			 res;

	res = store_outbox_list(api->store, sub->req->auth.mailbox,
	    STORE_OUTBOX_ANY, 1, API_SUB_OUTBOX_MAX, &e, &n);
	if (res != STORE_OK) {
		log_warnx("api", "deliveries subscription: store: %s",
		    store_result_str((enum store_result)res));
		return;
	}
	seen = xcalloc(n + 1, sizeof(*seen));
	for (i = 0; i < n; i++) {
		seen[i].id = e[i].id;
		seen[i].state = (int)e[i].state;
		seen[i].attempts = e[i].attempts;
		seen[i].next_attempt = e[i].next_attempt;
		if (!sub_seen_changed(sub, &j, &e[i]) || !send)
			continue;
		if (sub->paused || sub_send(sub, &e[i], -1) == -1)
			seen[i].state = -1;	/* send after resume */
	}
	free(sub->seen);
	sub->seen = seen;
	sub->nseen = n;
	store_outbox_list_free(e, n);
}

/* Whether e differs from the snapshot, walked from *j (ids descending). */
static int
sub_seen_changed(const struct api_sub *sub, size_t *j,
    const struct store_outbox *e)
{
	const struct api_sub_seen	*s;

	while (*j < sub->nseen && sub->seen[*j].id > e->id)
		(*j)++;
	if (*j == sub->nseen || sub->seen[*j].id != e->id)
		return 1;			/* new */
	s = &sub->seen[*j];
	return s->state != (int)e->state || s->attempts != e->attempts ||
	    s->next_attempt != e->next_attempt;
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
	free(sub->seen);
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
