/*
 * api_auth.c: who is asking. A bearer token (om_token_verify) must name
 * this node's onion label as its audience and be signed by a device of
 * the mailbox it claims, or by the mailbox's owner key; the result goes
 * into struct edge_auth's data as a struct api_auth. Resolvers then ask
 * api_auth_need() for what their field requires (any, device, owner):
 * UNAUTHENTICATED without a token, FORBIDDEN with the wrong kind of key.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include <onionmsg/token.h>

#include "api/api_int.h"
#include "store/store.h"

/* Check token for this node; 0 and *out filled, or -1 and why. */
int
api_auth_verify(struct api *api, const char *token, struct api_auth *out,
    char *why, size_t whylen)
{
	struct om_token_claims	 c;
	struct store_mailbox	 m;
	enum om_token_status	 st;

	memset(out, 0, sizeof(*out));
	st = om_token_verify(token, strlen(token), api->cfg.label,
	    (uint64_t)(api_now_ms() / 1000), &c);
	if (st != OM_TOKEN_OK) {
		snprintf(why, whylen, "%s", om_token_status_str(st));
		return -1;
	}
	if (store_mailbox_get(api->store, c.mailbox_id, &m) != STORE_OK) {
		snprintf(why, whylen, "no such mailbox on this node");
		return -1;
	}
	snprintf(out->mailbox, sizeof(out->mailbox), "%s", c.mailbox_id);
	memcpy(out->signer, c.signer, sizeof(out->signer));
	out->expires_ms = c.expires * 1000;
	out->is_owner = memcmp(m.owner_key, c.signer, OM_PUBKEY_LEN) == 0;
	out->is_device = store_device_get(api->store, c.mailbox_id, c.signer,
	    NULL) == STORE_OK;
	if (!out->is_owner && !out->is_device) {
		snprintf(why, whylen, "the token's key is neither a device "
		    "nor the owner of the mailbox");
		return -1;
	}
	return 0;
}

/* Check the request's auth for need; 0, or -1 with an error set. */
int
api_auth_need(const struct gql_resolve_info *info, struct gql_result *r,
    int need)
{
	const struct api_req	*req = info->ctx;
	struct store_mailbox	 m;
	enum store_result	 res;

	if (!req->authed) {
		gql_result_error(r, "this needs a token (Authorization: "
		    "Bearer)", "UNAUTHENTICATED");
		return -1;
	}
	if (need == API_NEED_OWNER && !req->auth.is_owner) {
		gql_result_error(r, "this needs a token signed by the "
		    "mailbox's owner key", "FORBIDDEN");
		return -1;
	}
	if (need == API_NEED_DEVICE && !req->auth.is_device) {
		gql_result_error(r, "this needs a token signed by a device "
		    "of the mailbox", "FORBIDDEN");
		return -1;
	}
	/*
	 * A WebSocket keeps the token it was opened with, which stays
	 * valid until it expires: a device removed since then loses its
	 * access now, not at the expiry (also an owner key that was a
	 * device, for what needs a device).
	 */
	if (req->auth.is_owner && need != API_NEED_DEVICE)
		return 0;
	res = store_device_get(req->api->store, req->auth.mailbox,
	    req->auth.signer, NULL);
	if (res == STORE_OK)
		return 0;
	if (res == STORE_NOT_FOUND && (res = store_mailbox_get(req->api->store,
	    req->auth.mailbox, &m)) == STORE_OK)
		gql_result_error(r, "the token's device was removed from the "
		    "mailbox", "FORBIDDEN");
	else if (res == STORE_NOT_FOUND)
		gql_result_error(r, "no such mailbox on this node",
		    "NOT_FOUND");
	else
		api_store_error(info, r, res);	/* not the client's fault */
	return -1;
}
