/*
 * api_resolve_message.c: resolvers of messages: Query.messages (a page
 * after a cursor; with wait > 0 and nothing stored, a long-poll: the
 * request is parked and WOULD_BLOCK returned), Message, MessagePage,
 * SendResult, AckResult, and the mutations sendMessage (stored at once
 * for a mailbox of this node, queued in the outbox for another node) and
 * ack. A stored message wakes the mailbox's long-polls (after the
 * commit); sends are rate limited (api_rate.c).
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <onionmsg/address.h>

#include "api/api_int.h"
#include "common/util.h"
#include "store/store.h"

#define API_ID_MAX	128
/* ack's remaining counts this far at most (quota 0 would be no limit). */
#define API_ACK_COUNT_MAX(api) ((api)->cfg.quota_messages != 0 ? \
	(size_t)(api)->cfg.quota_messages : SIZE_MAX)

struct api_page {
	struct store_message	*msgs;
	size_t			 n;
	int64_t			 after;
	int			 more;
};

struct api_send {
	const char	*id;
	int64_t		 seq;		/* 0: queued */
	const char	*state;
	int		 duplicate;
};

struct api_ack {
	int64_t		 upto;
	int64_t		 deleted;
	int64_t		 remaining;
};

static void	msg_query(const struct gql_resolve_info *, struct gql_result *);
static void	page_field(const struct gql_resolve_info *,
		    struct gql_result *);
static void	page_item(const struct gql_resolve_info *, void *, size_t,
		    struct gql_result *);
static void	msg_field(const struct gql_resolve_info *, struct gql_result *);
static void	msg_send(const struct gql_resolve_info *, struct gql_result *);
static void	send_field(const struct gql_resolve_info *,
		    struct gql_result *);
static void	msg_ack(const struct gql_resolve_info *, struct gql_result *);
static void	ack_field(const struct gql_resolve_info *, struct gql_result *);
static void	msg_free(void *, size_t);
static int	send_local(const struct gql_resolve_info *, struct gql_result *,
		    const struct om_address *, struct api_send *);
static int	send_remote(const struct gql_resolve_info *,
		    struct gql_result *, const char *, struct api_send *);

const struct gql_field_binding api_message_fields[] = {
	{ "Query.messages", msg_query, NULL, NULL },
	{ "MessagePage.messages", page_field, NULL, "messages" },
	{ "MessagePage.next", page_field, NULL, "next" },
	{ "MessagePage.hasMore", page_field, NULL, "hasMore" },
	{ "Message.cursor", msg_field, NULL, "cursor" },
	{ "Message.id", msg_field, NULL, "id" },
	{ "Message.envelope", msg_field, NULL, "envelope" },
	{ "Message.size", msg_field, NULL, "size" },
	{ "Message.received", msg_field, NULL, "received" },
	{ "Message.expires", msg_field, NULL, "expires" },
	{ "Mutation.sendMessage", msg_send, NULL, NULL },
	{ "SendResult.id", send_field, NULL, "id" },
	{ "SendResult.cursor", send_field, NULL, "cursor" },
	{ "SendResult.queued", send_field, NULL, "queued" },
	{ "SendResult.state", send_field, NULL, "state" },
	{ "SendResult.duplicate", send_field, NULL, "duplicate" },
	{ "Mutation.ack", msg_ack, NULL, NULL },
	{ "AckResult.upTo", ack_field, NULL, "upTo" },
	{ "AckResult.deleted", ack_field, NULL, "deleted" },
	{ "AckResult.remaining", ack_field, NULL, "remaining" },
};
const size_t api_message_nfields = nitems(api_message_fields);

static struct api *
msg_api(const struct gql_resolve_info *info)
{
	return ((struct api_req *)info->ctx)->api;
}

static void
msg_free(void *p, size_t n)
{
	store_message_list_free(p, n);
}

static void
msg_query(const struct gql_resolve_info *info, struct gql_result *r)
{
	struct api_req		*req = info->ctx;
	struct api		*api = req->api;
	struct api_page		*pg;
	const struct gql_value	*lim = gql_arg(info, "limit");
	const struct gql_value	*wait = gql_arg(info, "wait");
	int			 res;

	if (api_auth_need(info, r, API_NEED_DEVICE) == -1)
		return;
	pg = gql_exec_alloc(info, sizeof(*pg));
	memset(pg, 0, sizeof(*pg));
	if (api_arg_cursor(info, r, "after", &pg->after) == -1)
		return;
	if (lim == NULL || lim->kind != GQL_V_INT || lim->u.i < 1 ||
	    lim->u.i > api->cfg.max_page_size) {
		gql_result_errorf(info, r, "BAD_USER_INPUT", "limit must be 1 "
		    "to %u", api->cfg.max_page_size);
		return;
	}
	if (wait != NULL && wait->kind == GQL_V_INT && wait->u.i < 0) {
		gql_result_error(r, "wait must not be negative",
		    "BAD_USER_INPUT");
		return;
	}
	res = store_message_list(api->store, req->auth.mailbox, pg->after,
	    (size_t)lim->u.i + 1, api_now_ms(), &pg->msgs, &pg->n);
	if (res != STORE_OK) {
		api_store_error(info, r, res);
		return;
	}
	api_req_defer_free(req, msg_free, pg->msgs, pg->n);
	if (pg->n > (size_t)lim->u.i) {
		pg->more = 1;
		pg->n = (size_t)lim->u.i;
	}
	if (pg->n == 0 && wait != NULL && wait->kind == GQL_V_INT &&
	    wait->u.i > 0 && !req->wait_expired &&
	    info->parent_type == gql_schema_root(info->schema,
	    GQL_OP_QUERY)) {
		api_req_park(req, req->auth.mailbox, wait->u.i);
		gql_result_would_block(r);
		return;
	}
	gql_result_object(r, pg, NULL);
}

static void
page_field(const struct gql_resolve_info *info, struct gql_result *r)
{
	const struct api_page	*pg = info->parent;
	const char		*f = info->data;

	if (strcmp(f, "messages") == 0)
		gql_result_list(r, pg->msgs, pg->n, page_item);
	else if (strcmp(f, "next") == 0) {
		if (pg->n > 0)
			gql_result_cstring(r, api_cursor(info,
			    pg->msgs[pg->n - 1].seq));
		else if (pg->after > 0)
			gql_result_cstring(r, api_cursor(info, pg->after));
		else
			gql_result_null(r);
	} else
		gql_result_boolean(r, pg->more);
}

static void
page_item(const struct gql_resolve_info *info, void *list, size_t i,
    struct gql_result *r)
{
	(void)info;
	gql_result_object(r, (struct store_message *)list + i, NULL);
}

static void
msg_field(const struct gql_resolve_info *info, struct gql_result *r)
{
	const struct store_message	*m = info->parent;
	const char			*f = info->data;

	if (strcmp(f, "cursor") == 0)
		gql_result_cstring(r, api_cursor(info, m->seq));
	else if (strcmp(f, "id") == 0)
		gql_result_cstring(r, m->sender_id);
	else if (strcmp(f, "envelope") == 0)
		gql_result_string(r, (const char *)m->envelope, m->size);
	else if (strcmp(f, "size") == 0)
		gql_result_int(r, (int64_t)m->size);
	else if (strcmp(f, "received") == 0)
		gql_result_int(r, m->received);
	else if (m->expires == 0)
		gql_result_int(r, INT64_C(253402300799000));
	else
		gql_result_int(r, m->expires);
}

static void
msg_send(const struct gql_resolve_info *info, struct gql_result *r)
{
	struct api		*api = msg_api(info);
	const struct gql_value	*to = gql_arg(info, "to");
	const struct gql_value	*id = gql_arg(info, "id");
	const struct gql_value	*env = gql_arg(info, "envelope");
	struct om_address	 a;
	struct api_send		*s;

	if (to->kind != GQL_V_STRING || om_address_parse(to->u.str.s,
	    to->u.str.len, &a) != OM_ADDRESS_OK) {
		gql_result_error(r, "to is not a mailbox address "
		    "(<mailbox-id>@<onion>.onion)", "BAD_USER_INPUT");
		return;
	}
	if (id->u.str.len == 0 || id->u.str.len > API_ID_MAX) {
		gql_result_error(r, "id must be 1 to 128 bytes",
		    "BAD_USER_INPUT");
		return;
	}
	if (env->u.str.len > api->cfg.max_envelope_bytes) {
		gql_result_errorf(info, r, "PAYLOAD_TOO_LARGE", "the envelope "
		    "is larger than this node's limit of %llu bytes",
		    (unsigned long long)api->cfg.max_envelope_bytes);
		return;
	}
	s = gql_exec_alloc(info, sizeof(*s));
	memset(s, 0, sizeof(*s));
	s->id = id->u.str.s;
	if (strcmp(a.onion, api->cfg.label) == 0) {
		if (send_local(info, r, &a, s) == -1)
			return;
	} else if (send_remote(info, r, to->u.str.s, s) == -1)
		return;
	gql_result_object(r, s, NULL);
}

/* The envelope's expiry from ttl; -1 with BAD_USER_INPUT if out of range. */
static int
send_expiry(const struct gql_resolve_info *info, struct gql_result *r,
    int64_t now, int64_t *expires)
{
	const struct api	*api = msg_api(info);
	const struct gql_value	*ttl = gql_arg(info, "ttl");
	int64_t			 secs = (int64_t)api->cfg.default_ttl;

	if (ttl != NULL && ttl->kind == GQL_V_INT) {
		if (ttl->u.i < 1 || (uint64_t)ttl->u.i > api->cfg.max_ttl) {
			gql_result_errorf(info, r, "BAD_USER_INPUT", "ttl must "
			    "be 1 to %llu seconds",
			    (unsigned long long)api->cfg.max_ttl);
			return -1;
		}
		secs = ttl->u.i;
	}
	*expires = now + secs * 1000;
	return 0;
}

static int
send_local(const struct gql_resolve_info *info, struct gql_result *r,
    const struct om_address *a, struct api_send *s)
{
	struct api		*api = msg_api(info);
	const struct gql_value	*env = gql_arg(info, "envelope");
	struct store_message_in	 in;
	int			 res;

	memset(&in, 0, sizeof(in));
	in.mailbox = a->mailbox_id;
	in.sender_id = s->id;
	in.envelope = env->u.str.s;
	in.size = env->u.str.len;
	in.received = api_now_ms();
	if (send_expiry(info, r, in.received, &in.expires) == -1 ||
	    api_rate_check(info, r, API_RATE_SEND) == -1)
		return -1;
	res = store_message_insert(api->store, &in, &s->seq);
	if (res != STORE_OK && res != STORE_DUPLICATE) {
		api_store_error(info, r, res);
		return -1;
	}
	s->duplicate = res == STORE_DUPLICATE;
	s->state = "DELIVERED";
	if (!s->duplicate)
		api_wake(api, a->mailbox_id);
	return 0;
}

static int
send_remote(const struct gql_resolve_info *info, struct gql_result *r,
    const char *to, struct api_send *s)
{
	struct api_req		*req = info->ctx;
	const struct gql_value	*env = gql_arg(info, "envelope");
	struct store_outbox_in	 in;
	struct store_outbox	 e;
	int64_t			 id;
	int			 res;

	if (api_auth_need(info, r, API_NEED_ANY) == -1)
		return -1;
	memset(&in, 0, sizeof(in));
	in.mailbox = req->auth.mailbox;
	in.dest = to;
	in.msg_id = s->id;
	in.envelope = env->u.str.s;
	in.size = env->u.str.len;
	in.now = api_now_ms();
	if (send_expiry(info, r, in.now, &in.expires) == -1 ||
	    api_rate_check(info, r, API_RATE_SEND) == -1)
		return -1;
	res = store_outbox_enqueue(req->api->store, &in, &id);
	if (res != STORE_OK && res != STORE_DUPLICATE) {
		api_store_error(info, r, res);
		return -1;
	}
	s->duplicate = res == STORE_DUPLICATE;
	s->state = "QUEUED";
	if (!s->duplicate)
		api_notify_deliveries(req->api, req->auth.mailbox);
	if (s->duplicate && store_outbox_get(req->api->store, id, &e) ==
	    STORE_OK) {
		s->state = store_outbox_state_str(e.state);
		store_outbox_clear(&e);
	}
	return 0;
}

static void
send_field(const struct gql_resolve_info *info, struct gql_result *r)
{
	const struct api_send	*s = info->parent;
	const char		*f = info->data;

	if (strcmp(f, "id") == 0)
		gql_result_cstring(r, s->id);
	else if (strcmp(f, "cursor") == 0) {
		if (s->seq == 0)
			gql_result_null(r);
		else
			gql_result_cstring(r, api_cursor(info, s->seq));
	} else if (strcmp(f, "queued") == 0)
		gql_result_boolean(r, s->seq == 0);
	else if (strcmp(f, "state") == 0)
		gql_result_enum(r, s->state);
	else
		gql_result_boolean(r, s->duplicate);
}

static void
msg_ack(const struct gql_resolve_info *info, struct gql_result *r)
{
	struct api_req		*req = info->ctx;
	struct api_ack		*a;
	int64_t			 upto;
	int			 res;

	if (api_auth_need(info, r, API_NEED_DEVICE) == -1 ||
	    api_arg_cursor(info, r, "upTo", &upto) == -1)
		return;
	a = gql_exec_alloc(info, sizeof(*a));
	memset(a, 0, sizeof(*a));
	res = store_message_ack(req->api->store, req->auth.mailbox,
	    req->auth.signer, upto, &a->upto, &a->deleted);
	/* A mailbox holds at most its quota: count no further. */
	if (res == STORE_OK)
		res = store_message_count(req->api->store, req->auth.mailbox,
		    a->upto, api_now_ms(), API_ACK_COUNT_MAX(req->api),
		    &a->remaining);
	if (res != STORE_OK) {
		api_store_error(info, r, res);
		return;
	}
	gql_result_object(r, a, NULL);
}

static void
ack_field(const struct gql_resolve_info *info, struct gql_result *r)
{
	const struct api_ack	*a = info->parent;
	const char		*f = info->data;

	if (strcmp(f, "upTo") == 0)
		gql_result_cstring(r, api_cursor(info, a->upto));
	else if (strcmp(f, "deleted") == 0)
		gql_result_int(r, a->deleted);
	else
		gql_result_int(r, a->remaining);
}
