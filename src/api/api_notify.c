/*
 * api_notify.c: news for subscriptions, from this thread and from others.
 * Every piece of news announces a committed change: resolvers call
 * api_notify_deliveries() (held by an open group until its COMMIT,
 * api_group.c); other threads commit on their own store connection, then
 * post a message with api_post_deliveries() or api_post_node_state(),
 * which edge_post() carries through the edge's queue (src/common/mq.h) to
 * api_message() on the edge thread. The node's Tor state lives here too:
 * the edge thread's copy that Node resolves from and nodeStatus follows.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "api/api_int.h"
#include "common/log.h"
#include "common/util.h"
#include "common/xmalloc.h"
#include "hub/hub.h"

static const char *const api_tor_names[] = {
	[API_TOR_DISABLED] = "DISABLED",
	[API_TOR_CONNECTING] = "CONNECTING",
	[API_TOR_PUBLISHING] = "PUBLISHING",
	[API_TOR_PUBLISHED] = "PUBLISHED",
	[API_TOR_FAILED] = "FAILED",
};

/*
 * Announce a change of mailbox's outbox (NULL: of any mailbox) to its
 * deliveries subscriptions: after the open group's commit, or now.
 */
void
api_notify_deliveries(struct api *api, const char *mailbox)
{
	if (api_group_defer(api, API_NEWS_DELIVERIES, mailbox) == 0)
		api_sub_notify_deliveries(api, mailbox);
}

/* Tell the edge thread that mailbox's outbox changed (any thread). */
int
api_post_deliveries(struct edge *edge, const char *mailbox)
{
	struct edge_msg	msg;

	memset(&msg, 0, sizeof(msg));
	msg.type = API_MSG_DELIVERIES;
	msg.data = mailbox != NULL ? xstrdup(mailbox) : NULL;
	if (edge_post(edge, &msg) == 0)
		return 0;
	free(msg.data);
	return -1;
}

/* Tell the edge thread the node's Tor state (any thread). */
int
api_post_node_state(struct edge *edge, enum api_tor_status status,
    int published)
{
	struct edge_msg	msg;

	if ((size_t)status >= nitems(api_tor_names))
		return -1;
	memset(&msg, 0, sizeof(msg));
	msg.type = API_MSG_NODE_STATE;
	msg.arg = (int)status;
	msg.value = published != 0;
	return edge_post(edge, &msg);
}

/* The edge handler's message callback: apply a posted message. */
void
api_message(const struct edge_msg *msg, void *arg)
{
	struct api	*api = arg;

	switch (msg->type) {
	case API_MSG_DELIVERIES:
		api_notify_deliveries(api, msg->data);
		free(msg->data);
		break;
	case API_MSG_NODE_STATE:
		api_node_set(api, (enum api_tor_status)msg->arg,
		    msg->value != 0);
		break;
	default:
		log_warnx("api", "message of unknown type %d ignored",
		    msg->type);
		break;
	}
}

/*
 * Set the node's Tor state (edge thread); on a change, wake the
 * nodeStatus subscriptions. Without Tor the node stays DISABLED.
 */
void
api_node_set(struct api *api, enum api_tor_status status, int published)
{
	struct api_node	*n = &api->node;

	if (api->cfg.tor_disabled || (size_t)status >= nitems(api_tor_names))
		return;
	published = published != 0;
	if (n->tor == status && n->published == published)
		return;
	n->tor = status;
	n->published = published;
	if (published)
		n->onion_known = 1;
	n->version++;
	log_debug("api", "node: tor %s, %spublished",
	    api_tor_status_str(status), published ? "" : "not ");
	hub_notify(api->hub, HUB_NODE, "");
}

/* Return the TorStatus enum value of status. */
const char *
api_tor_status_str(enum api_tor_status status)
{
	if ((size_t)status >= nitems(api_tor_names))
		return "FAILED";
	return api_tor_names[status];
}
