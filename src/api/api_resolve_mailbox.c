/*
 * api_resolve_mailbox.c: resolvers of mailboxes and devices: Query.mailbox,
 * Mailbox, Device, and the mutations createMailbox, addDevice,
 * removeDevice and deleteMailbox, which check the owner key's proof
 * (onion label binding, age) with om_proof_verify before touching the
 * store. A deleted mailbox's subscriptions and long-polls, and a removed
 * device's subscriptions, end with an error (api_sub_mailbox_gone).
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <onionmsg/address.h>
#include <onionmsg/mailbox.h>
#include <onionmsg/proof.h>

#include "api/api_int.h"
#include "common/util.h"
#include "store/store.h"

/* A Mailbox object: its id and what the store says. */
struct api_mailbox {
	char			 id[OM_MAILBOX_ID_LEN + 1];
	struct store_mailbox	 m;
};

static void	mb_query(const struct gql_resolve_info *, struct gql_result *);
static void	mb_field(const struct gql_resolve_info *, struct gql_result *);
static void	mb_devices(const struct gql_resolve_info *,
		    struct gql_result *);
static void	mb_device_item(const struct gql_resolve_info *, void *, size_t,
		    struct gql_result *);
static void	dev_field(const struct gql_resolve_info *, struct gql_result *);
static void	mb_create(const struct gql_resolve_info *, struct gql_result *);
static void	mb_add_device(const struct gql_resolve_info *,
		    struct gql_result *);
static void	mb_remove_device(const struct gql_resolve_info *,
		    struct gql_result *);
static void	mb_delete(const struct gql_resolve_info *, struct gql_result *);
static int	mb_load(const struct gql_resolve_info *, const char *,
		    struct gql_result *);
static int	mb_proof(const struct gql_resolve_info *, struct gql_result *,
		    enum om_proof_kind, const uint8_t *, const uint8_t *);

const struct gql_field_binding api_mailbox_fields[] = {
	{ "Query.mailbox", mb_query, NULL, NULL },
	{ "Mailbox.id", mb_field, NULL, "id" },
	{ "Mailbox.address", mb_field, NULL, "address" },
	{ "Mailbox.ownerKey", mb_field, NULL, "ownerKey" },
	{ "Mailbox.created", mb_field, NULL, "created" },
	{ "Mailbox.quotaBytes", mb_field, NULL, "quotaBytes" },
	{ "Mailbox.usedBytes", mb_field, NULL, "usedBytes" },
	{ "Mailbox.storedMessages", mb_field, NULL, "storedMessages" },
	{ "Mailbox.devices", mb_devices, NULL, NULL },
	{ "Device.key", dev_field, NULL, "key" },
	{ "Device.added", dev_field, NULL, "added" },
	{ "Device.ackedUpTo", dev_field, NULL, "ackedUpTo" },
	{ "Device.current", dev_field, NULL, "current" },
	{ "Mutation.createMailbox", mb_create, NULL, NULL },
	{ "Mutation.addDevice", mb_add_device, NULL, NULL },
	{ "Mutation.removeDevice", mb_remove_device, NULL, NULL },
	{ "Mutation.deleteMailbox", mb_delete, NULL, NULL },
};
const size_t api_mailbox_nfields = nitems(api_mailbox_fields);

static struct api *
mb_api(const struct gql_resolve_info *info)
{
	return ((struct api_req *)info->ctx)->api;
}

/* Resolve r to mailbox id as a Mailbox object; 0, or -1 (r: error). */
static int
mb_load(const struct gql_resolve_info *info, const char *id,
    struct gql_result *r)
{
	struct api_mailbox	*mb = gql_exec_alloc(info, sizeof(*mb));
	int			 res;

	snprintf(mb->id, sizeof(mb->id), "%s", id);
	if ((res = store_mailbox_get(mb_api(info)->store, id, &mb->m)) !=
	    STORE_OK) {
		api_store_error(info, r, res);
		return -1;
	}
	gql_result_object(r, mb, NULL);
	return 0;
}

static void
mb_query(const struct gql_resolve_info *info, struct gql_result *r)
{
	const struct api_req	*req = info->ctx;

	if (api_auth_need(info, r, API_NEED_ANY) == -1)
		return;
	if (mb_load(info, req->auth.mailbox, r) == -1 &&
	    r->kind == GQL_R_ERROR && strcmp(r->u.err.code, "NOT_FOUND") == 0)
		gql_result_null(r);
}

static void
mb_field(const struct gql_resolve_info *info, struct gql_result *r)
{
	const struct api_mailbox	*mb = info->parent;
	const char			*f = info->data;
	const struct api		*api = mb_api(info);
	char				*s;

	if (strcmp(f, "id") == 0)
		gql_result_cstring(r, mb->id);
	else if (strcmp(f, "address") == 0) {
		if (!api_onion_is_known(api))
			{ gql_result_null(r); return; }
		s = gql_exec_alloc(info, OM_ADDRESS_LEN + 1);
		if (om_address_format(mb->id, api->cfg.label, s,
		    OM_ADDRESS_LEN + 1) == -1)
			{ gql_result_null(r); return; }
		gql_result_cstring(r, s);
	} else if (strcmp(f, "ownerKey") == 0)
		gql_result_string(r, (const char *)mb->m.owner_key,
		    OM_PUBKEY_LEN);
	else if (strcmp(f, "created") == 0)
		gql_result_int(r, mb->m.created);
	else if (strcmp(f, "quotaBytes") == 0)
		gql_result_int(r, mb->m.quota_bytes > INT32_MAX ? INT32_MAX :
		    mb->m.quota_bytes);
	else if (strcmp(f, "usedBytes") == 0)
		gql_result_int(r, mb->m.used_bytes);
	else
		gql_result_int(r, mb->m.used_count);
}

static void
free_devices(void *p, size_t n)
{
	(void)n;
	free(p);
}

static void
mb_devices(const struct gql_resolve_info *info, struct gql_result *r)
{
	const struct api_mailbox	*mb = info->parent;
	struct store_device		*d = NULL;
	size_t				 n = 0;
	int				 res;

	res = store_device_list(mb_api(info)->store, mb->id, &d, &n);
	if (res != STORE_OK)
		{ api_store_error(info, r, res); return; }
	api_req_defer_free(info->ctx, free_devices, d, n);
	gql_result_list(r, d, n, mb_device_item);
}

static void
mb_device_item(const struct gql_resolve_info *info, void *list, size_t i,
    struct gql_result *r)
{
	(void)info;
	gql_result_object(r, (struct store_device *)list + i, NULL);
}

static void
dev_field(const struct gql_resolve_info *info, struct gql_result *r)
{
	const struct store_device	*d = info->parent;
	const struct api_req		*req = info->ctx;
	const char			*f = info->data;

	if (strcmp(f, "key") == 0)
		gql_result_string(r, (const char *)d->key, OM_PUBKEY_LEN);
	else if (strcmp(f, "added") == 0)
		gql_result_int(r, d->created);
	else if (strcmp(f, "ackedUpTo") == 0) {
		if (d->acked == 0)
			gql_result_null(r);
		else
			gql_result_cstring(r, api_cursor(info, d->acked));
	} else
		gql_result_boolean(r, req->authed && memcmp(d->key,
		    req->auth.signer, OM_PUBKEY_LEN) == 0);
}

/* Check the "proof" argument; 0, or -1 with FORBIDDEN/BAD_USER_INPUT. */
static int
mb_proof(const struct gql_resolve_info *info, struct gql_result *r,
    enum om_proof_kind kind, const uint8_t *owner, const uint8_t *device)
{
	const struct gql_value	*p = gql_arg(info, "proof");
	enum om_proof_status	 st;

	st = om_proof_verify(kind, owner, mb_api(info)->cfg.label, device,
	    (const uint8_t *)p->u.str.s, p->u.str.len,
	    (uint64_t)(api_now_ms() / 1000));
	if (st == OM_PROOF_OK)
		return 0;
	gql_result_errorf(info, r, st == OM_PROOF_MALFORMED ?
	    "BAD_USER_INPUT" : "FORBIDDEN", "proof refused: %s",
	    om_proof_status_str(st));
	return -1;
}

static void
mb_create(const struct gql_resolve_info *info, struct gql_result *r)
{
	const struct api	*api = mb_api(info);
	const uint8_t		*owner, *dev;
	char			 id[OM_MAILBOX_ID_LEN + 1];
	struct store_mailbox	 m;
	int			 res;

	/* The limit before the signature check, which is what costs. */
	if (api_arg_key(info, r, "ownerKey", &owner) == -1 ||
	    api_arg_key(info, r, "deviceKey", &dev) == -1 ||
	    api_rate_check(info, r, API_RATE_CREATE_MAILBOX) == -1 ||
	    mb_proof(info, r, OM_PROOF_CREATE_MAILBOX, owner, dev) == -1)
		return;
	om_mailbox_id_from_owner(owner, id);
	res = store_mailbox_create(api->store, id, owner, dev, api_now_ms(),
	    (int64_t)api->cfg.quota_messages, (int64_t)api->cfg.quota_bytes);
	if (res == STORE_DUPLICATE) {
		if (store_mailbox_get(api->store, id, &m) != STORE_OK ||
		    store_device_get(api->store, id, dev, NULL) != STORE_OK) {
			gql_result_error(r, "the mailbox exists with other "
			    "devices; add this one with addDevice",
			    "BAD_USER_INPUT");
			return;
		}
	} else if (res != STORE_OK)
		{ api_store_error(info, r, res); return; }
	mb_load(info, id, r);
}

static void
mb_add_device(const struct gql_resolve_info *info, struct gql_result *r)
{
	const struct api_req	*req = info->ctx;
	const struct api	*api = mb_api(info);
	struct store_device	*d;
	const uint8_t		*dev;
	int64_t			 acked = 0;
	int			 res;

	if (api_auth_need(info, r, API_NEED_OWNER) == -1 ||
	    api_arg_key(info, r, "deviceKey", &dev) == -1 ||
	    mb_proof(info, r, OM_PROOF_ADD_DEVICE, req->auth.signer,
	    dev) == -1)
		return;
	res = store_device_add(api->store, req->auth.mailbox, dev,
	    api_now_ms(), &acked);
	if (res != STORE_OK && res != STORE_DUPLICATE)
		{ api_store_error(info, r, res); return; }
	d = gql_exec_alloc(info, sizeof(*d));
	if ((res = store_device_get(api->store, req->auth.mailbox, dev,
	    d)) != STORE_OK)
		{ api_store_error(info, r, res); return; }
	gql_result_object(r, d, NULL);
}

static void
mb_remove_device(const struct gql_resolve_info *info, struct gql_result *r)
{
	const struct api_req	*req = info->ctx;
	const uint8_t		*dev;
	int64_t			 deleted = 0;
	int			 res;

	if (api_auth_need(info, r, API_NEED_OWNER) == -1 ||
	    api_arg_key(info, r, "deviceKey", &dev) == -1)
		return;
	res = store_device_remove(mb_api(info)->store, req->auth.mailbox, dev,
	    &deleted);
	if (res == STORE_NOT_FOUND)
		{ gql_result_boolean(r, 0); return; }
	if (res != STORE_OK)
		{ api_store_error(info, r, res); return; }
	/* subscriptions opened with that device's token end */
	api_sub_mailbox_gone(mb_api(info), req->auth.mailbox, dev);
	gql_result_boolean(r, 1);
}

static void
mb_delete(const struct gql_resolve_info *info, struct gql_result *r)
{
	const struct api_req	*req = info->ctx;
	int			 res;

	if (api_auth_need(info, r, API_NEED_OWNER) == -1 ||
	    mb_proof(info, r, OM_PROOF_DELETE_MAILBOX, req->auth.signer,
	    NULL) == -1)
		return;
	res = store_mailbox_delete(mb_api(info)->store, req->auth.mailbox);
	if (res == STORE_NOT_FOUND)
		{ gql_result_boolean(r, 0); return; }
	if (res != STORE_OK)
		{ api_store_error(info, r, res); return; }
	/*
	 * After the commit, its subscriptions end with NOT_FOUND and its
	 * long-polls, woken, answer the same at once.
	 */
	api_sub_mailbox_gone(mb_api(info), req->auth.mailbox, NULL);
	api_wake(mb_api(info), req->auth.mailbox);
	gql_result_boolean(r, 1);
}
