/*
 * api_resolve_node.c: resolvers of Query.node, Node and Limits: the
 * node's identity, version and limits from the API's configuration, its
 * Tor state from what the tor thread last posted (api_notify.c).
 */
#include "config.h"

#include <stdio.h>

#include "api/api_int.h"
#include "common/util.h"

static void	node_root(const struct gql_resolve_info *, struct gql_result *);
static void	node_onion(const struct gql_resolve_info *, struct gql_result *);
static void	node_version(const struct gql_resolve_info *,
		    struct gql_result *);
static void	node_tor(const struct gql_resolve_info *, struct gql_result *);
static void	node_published(const struct gql_resolve_info *,
		    struct gql_result *);
static void	node_ephemeral(const struct gql_resolve_info *,
		    struct gql_result *);
static void	node_time(const struct gql_resolve_info *, struct gql_result *);
static void	node_limit(const struct gql_resolve_info *, struct gql_result *);

enum limit {
	L_ENV, L_TTL, L_MAXTTL, L_WAIT, L_PAGE, L_QUOTA, L_CREATE, L_SEND,
	L_SEND_MB
};
static const int lim[] = {
	L_ENV, L_TTL, L_MAXTTL, L_WAIT, L_PAGE, L_QUOTA, L_CREATE, L_SEND,
	L_SEND_MB
};

const struct gql_field_binding api_node_fields[] = {
	{ "Query.node", node_root, NULL, NULL },
	{ "Node.onion", node_onion, NULL, NULL },
	{ "Node.version", node_version, NULL, NULL },
	{ "Node.torStatus", node_tor, NULL, NULL },
	{ "Node.published", node_published, NULL, NULL },
	{ "Node.ephemeral", node_ephemeral, NULL, NULL },
	{ "Node.time", node_time, NULL, NULL },
	{ "Node.limits", node_root, NULL, NULL },
	{ "Limits.maxEnvelopeBytes", node_limit, NULL, &lim[L_ENV] },
	{ "Limits.defaultTtlSeconds", node_limit, NULL, &lim[L_TTL] },
	{ "Limits.maxTtlSeconds", node_limit, NULL, &lim[L_MAXTTL] },
	{ "Limits.maxWaitSeconds", node_limit, NULL, &lim[L_WAIT] },
	{ "Limits.maxPageSize", node_limit, NULL, &lim[L_PAGE] },
	{ "Limits.mailboxQuotaBytes", node_limit, NULL, &lim[L_QUOTA] },
	{ "Limits.createMailboxPerMinute", node_limit, NULL, &lim[L_CREATE] },
	{ "Limits.sendPerMinute", node_limit, NULL, &lim[L_SEND] },
	{ "Limits.sendPerMinutePerMailbox", node_limit, NULL,
	    &lim[L_SEND_MB] },
};
const size_t api_node_nfields = nitems(api_node_fields);

static struct api *
node_api(const struct gql_resolve_info *info)
{
	return ((struct api_req *)info->ctx)->api;
}

static void
node_root(const struct gql_resolve_info *info, struct gql_result *r)
{
	gql_result_object(r, node_api(info), NULL);
}

static void
node_onion(const struct gql_resolve_info *info, struct gql_result *r)
{
	struct api	*api = node_api(info);
	char		*s;

	/* Null without Tor and until published, as documented. */
	if (!api_onion_is_known(api)) {
		gql_result_null(r);
		return;
	}
	s = gql_exec_alloc(info, OM_ONION_LEN + 8);
	snprintf(s, OM_ONION_LEN + 8, "%s.onion", api->cfg.label);
	gql_result_cstring(r, s);
}

static void
node_version(const struct gql_resolve_info *info, struct gql_result *r)
{
	(void)info;
	gql_result_cstring(r, PACKAGE_VERSION);
}

static void
node_tor(const struct gql_resolve_info *info, struct gql_result *r)
{
	gql_result_enum(r, api_tor_status_str(node_api(info)->node.tor));
}

static void
node_published(const struct gql_resolve_info *info, struct gql_result *r)
{
	gql_result_boolean(r, node_api(info)->node.published);
}

static void
node_ephemeral(const struct gql_resolve_info *info, struct gql_result *r)
{
	gql_result_boolean(r, node_api(info)->cfg.ephemeral);
}

static void
node_time(const struct gql_resolve_info *info, struct gql_result *r)
{
	(void)info;
	gql_result_int(r, api_now_ms());
}

static void
node_limit(const struct gql_resolve_info *info, struct gql_result *r)
{
	const struct api_config	*c = &node_api(info)->cfg;
	uint64_t		 v = 0;

	switch (*(const int *)info->data) {
	case L_ENV:
		v = c->max_envelope_bytes;
		break;
	case L_TTL:
		v = c->default_ttl;
		break;
	case L_MAXTTL:
		v = c->max_ttl;
		break;
	case L_WAIT:
		v = c->long_poll_max;
		break;
	case L_PAGE:
		v = c->max_page_size;
		break;
	case L_QUOTA:
		v = c->quota_bytes;
		break;
	case L_CREATE:
		v = c->rate_create_mailbox;
		break;
	case L_SEND:
		v = c->rate_send;
		break;
	default:
		v = c->rate_send_mailbox;
		break;
	}
	/* Int is 32-bit in GraphQL: clamp what does not fit. */
	gql_result_int(r, v > INT32_MAX ? INT32_MAX : (int64_t)v);
}
