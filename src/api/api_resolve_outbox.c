/*
 * api_resolve_outbox.c: resolvers of the outbox: Query.outbox (newest
 * first, optionally one state), OutboxEntry and retryDeliveries.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "api/api_int.h"
#include "common/util.h"
#include "store/store.h"

static void	ob_query(const struct gql_resolve_info *, struct gql_result *);
static void	ob_item(const struct gql_resolve_info *, void *, size_t,
		    struct gql_result *);
static void	ob_field(const struct gql_resolve_info *, struct gql_result *);
static void	ob_retry(const struct gql_resolve_info *, struct gql_result *);
static void	ob_free(void *, size_t);

static const char *const ob_states[] = {
	"QUEUED", "DELIVERING", "DELIVERED", "FAILED", "EXPIRED"
};

const struct gql_field_binding api_outbox_fields[] = {
	{ "Query.outbox", ob_query, NULL, NULL },
	{ "OutboxEntry.id", ob_field, NULL, "id" },
	{ "OutboxEntry.to", ob_field, NULL, "to" },
	{ "OutboxEntry.state", ob_field, NULL, "state" },
	{ "OutboxEntry.attempts", ob_field, NULL, "attempts" },
	{ "OutboxEntry.nextAttempt", ob_field, NULL, "nextAttempt" },
	{ "OutboxEntry.lastError", ob_field, NULL, "lastError" },
	{ "OutboxEntry.size", ob_field, NULL, "size" },
	{ "OutboxEntry.created", ob_field, NULL, "created" },
	{ "OutboxEntry.expires", ob_field, NULL, "expires" },
	{ "Mutation.retryDeliveries", ob_retry, NULL, NULL },
};
const size_t api_outbox_nfields = nitems(api_outbox_fields);

static void
ob_free(void *p, size_t n)
{
	store_outbox_list_free(p, n);
}

static void
ob_query(const struct gql_resolve_info *info, struct gql_result *r)
{
	struct api_req		*req = info->ctx;
	const struct gql_value	*st = gql_arg(info, "state");
	const struct gql_value	*lim = gql_arg(info, "limit");
	struct store_outbox	*e = NULL;
	size_t			 n = 0, i;
	int			 state = STORE_OUTBOX_ANY, res;

	if (api_auth_need(info, r, API_NEED_ANY) == -1)
		return;
	if (lim == NULL || lim->kind != GQL_V_INT || lim->u.i < 1 ||
	    lim->u.i > req->api->cfg.max_page_size) {
		gql_result_errorf(info, r, "BAD_USER_INPUT", "limit must be 1 "
		    "to %u", req->api->cfg.max_page_size);
		return;
	}
	if (st != NULL && st->kind == GQL_V_ENUM)
		for (i = 0; i < nitems(ob_states); i++)
			if (strcmp(st->u.str.s, ob_states[i]) == 0)
				state = (int)i;
	res = store_outbox_list(req->api->store, req->auth.mailbox, state, 1,
	    (size_t)lim->u.i, &e, &n);
	if (res != STORE_OK) {
		api_store_error(info, r, res);
		return;
	}
	api_req_defer_free(req, ob_free, e, n);
	gql_result_list(r, e, n, ob_item);
}

static void
ob_item(const struct gql_resolve_info *info, void *list, size_t i,
    struct gql_result *r)
{
	(void)info;
	gql_result_object(r, (struct store_outbox *)list + i, NULL);
}

static void
ob_field(const struct gql_resolve_info *info, struct gql_result *r)
{
	const struct store_outbox	*e = info->parent;
	const char			*f = info->data;

	if (strcmp(f, "id") == 0)
		gql_result_cstring(r, e->msg_id);
	else if (strcmp(f, "to") == 0)
		gql_result_cstring(r, e->dest);
	else if (strcmp(f, "state") == 0)
		gql_result_enum(r, store_outbox_state_str(e->state));
	else if (strcmp(f, "attempts") == 0)
		gql_result_int(r, e->attempts);
	else if (strcmp(f, "nextAttempt") == 0) {
		if (e->state == STORE_OUTBOX_QUEUED ||
		    e->state == STORE_OUTBOX_DELIVERING)
			gql_result_int(r, e->next_attempt);
		else
			gql_result_null(r);
	} else if (strcmp(f, "lastError") == 0) {
		if (e->last_error == NULL)
			gql_result_null(r);
		else
			gql_result_cstring(r, e->last_error);
	} else if (strcmp(f, "size") == 0)
		gql_result_int(r, (int64_t)e->size);
	else if (strcmp(f, "created") == 0)
		gql_result_int(r, e->created);
	else
		gql_result_int(r, e->expires);
}

static void
ob_retry(const struct gql_resolve_info *info, struct gql_result *r)
{
	struct api_req	*req = info->ctx;
	int64_t		 n = 0;
	int		 res;

	if (api_auth_need(info, r, API_NEED_ANY) == -1)
		return;
	res = store_outbox_retry_now(req->api->store, req->auth.mailbox,
	    api_now_ms(), &n);
	if (res != STORE_OK) {
		api_store_error(info, r, res);
		return;
	}
	if (n > 0)
		api_notify_deliveries(req->api, req->auth.mailbox);
	gql_result_int(r, n);
}
