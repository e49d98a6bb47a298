/*
 * api.c: the API's life cycle on the main thread (the schema embedded at
 * build time from src/api/schema.graphql, parsed and bound to the
 * resolver tables of every area), the node identity, and the small
 * helpers every resolver shares: arguments (keys, cursors), cursors as
 * text, store results as GraphQL errors.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include <onionmsg/key.h>
#include <onionmsg/onion.h>
#include <onionmsg/onionmsg.h>

#include "api/api_int.h"
#include "common/log.h"
#include "common/util.h"
#include "common/xmalloc.h"
#include "graphql/gql_scalar.h"
#include "graphql/gql_schema.h"
#include "store/store.h"

#define API_NODE_KEY	"node_key"

static const struct gql_type_binding api_types[] = {
	{ "Base64", &gql_scalar_base64, NULL },
	{ "Timestamp", &gql_scalar_timestamp, NULL },
	{ "Cursor", &gql_scalar_cursor, NULL },
};

static int	api_bind(struct api *, char *, size_t);

/* Load and bind the schema; NULL and a message in err on failure. */
struct api *
api_new(const struct api_config *cfg, char *err, size_t errlen)
{
	struct api		*api;
	struct gql_error	 e;

	api = xcalloc(1, sizeof(*api));
	api->cfg = *cfg;
	api->node.tor = cfg->tor_disabled ? API_TOR_DISABLED :
	    API_TOR_CONNECTING;
	TAILQ_INIT(&api->parked);
	api->rate = api_rate_new();
	api->exec_opts.max_errors = cfg->max_errors;
	gql_error_clear(&e);
	if ((api->schema = gql_schema_new(api_schema_sdl,
	    strlen(api_schema_sdl), &e)) == NULL) {
		snprintf(err, errlen, "schema.graphql:%u:%u: %s",
		    e.locs[0].line, e.locs[0].column, e.message);
		gql_error_free(&e);
		goto fail;
	}
	if (api_bind(api, err, errlen) == -1)
		goto fail;
	return api;
fail:
	api_free(api);
	return NULL;
}

static int
api_bind(struct api *api, char *err, size_t errlen)
{
	struct gql_field_binding	*all;
	struct gql_error		 e;
	size_t				 n = 0;
	int				 rc;

	all = xcalloc(api_node_nfields + api_mailbox_nfields +
	    api_message_nfields + api_outbox_nfields + api_sub_nfields,
	    sizeof(*all));
	memcpy(all + n, api_node_fields, api_node_nfields * sizeof(*all));
	n += api_node_nfields;
	memcpy(all + n, api_mailbox_fields, api_mailbox_nfields *
	    sizeof(*all));
	n += api_mailbox_nfields;
	memcpy(all + n, api_message_fields, api_message_nfields *
	    sizeof(*all));
	n += api_message_nfields;
	memcpy(all + n, api_outbox_fields, api_outbox_nfields * sizeof(*all));
	n += api_outbox_nfields;
	memcpy(all + n, api_sub_fields, api_sub_nfields * sizeof(*all));
	n += api_sub_nfields;
	gql_error_clear(&e);
	rc = gql_bind(api->schema, all, n, api_types, nitems(api_types), &e);
	if (rc == -1)
		snprintf(err, errlen, "binding resolvers: %s", e.message);
	gql_error_free(&e);
	/* gql_bind keeps pointers to the entries: keep the table. */
	api->bindings = all;
	return rc;
}

/* Free the API (after the edge thread stopped); NULL is a no-op. */
void
api_free(struct api *api)
{
	if (api == NULL)
		return;
	gql_schema_free(api->schema);
	api_rate_free(api->rate);
	free(api->bindings);
	free(api);
}

/*
 * Load the node key from store (creating and saving it on first start),
 * or make a fresh one when ephemeral; write its onion label to label.
 */
int
api_node_identity(struct store *st, int ephemeral,
    char label[OM_ONION_LEN + 1], char *err, size_t errlen)
{
	uint8_t		*seed;
	size_t		 len = 0;
	struct om_key	*key = NULL;
	enum store_result r;
	int		 rc = -1;

	if (om_init() == -1) {
		snprintf(err, errlen, "cannot initialise libsodium");
		return -1;
	}
	seed = sodium_malloc(OM_SEED_LEN);
	r = ephemeral ? STORE_NOT_FOUND : store_node_get_into(st,
	    API_NODE_KEY, seed, OM_SEED_LEN, &len);
	if (r == STORE_OK && len == OM_SEED_LEN)
		key = om_key_from_seed(seed);
	else if (r == STORE_NOT_FOUND) {
		key = om_key_generate();
		om_key_seed(key, seed);
		if (!ephemeral && store_node_set(st, API_NODE_KEY, seed,
		    OM_SEED_LEN) != STORE_OK) {
			snprintf(err, errlen, "cannot save the node key: %s",
			    store_errmsg(st));
			goto fail;
		}
	} else {
		snprintf(err, errlen, "cannot read the node key: %s",
		    r == STORE_OK ? "wrong length" : store_errmsg(st));
		goto fail;
	}
	om_onion_address_from_pubkey(om_key_pubkey(key), label);
	rc = 0;
fail:
	om_key_free(key);
	sodium_free(seed);
	return rc;
}

/*
 * Return whether the node's onion address may be shown (Node.onion,
 * Mailbox.address): with Tor, once the service was published.
 */
int
api_onion_is_known(const struct api *api)
{
	return !api->cfg.tor_disabled && api->node.onion_known;
}

/* Return the wall clock in milliseconds. */
int64_t
api_now_ms(void)
{
	return (int64_t)util_now_ms();
}

/* Read a 32-byte key argument; 0, or -1 with a BAD_USER_INPUT error. */
int
api_arg_key(const struct gql_resolve_info *info, struct gql_result *r,
    const char *name, const uint8_t **key)
{
	const struct gql_value	*v = gql_arg(info, name);

	if (v == NULL || v->kind != GQL_V_STRING || v->u.str.len !=
	    OM_PUBKEY_LEN) {
		gql_result_errorf(info, r, "BAD_USER_INPUT", "%s must be a "
		    "32-byte Ed25519 public key in base64", name);
		return -1;
	}
	*key = (const uint8_t *)v->u.str.s;
	return 0;
}

/* Read a cursor argument (0 when null); -1 with BAD_USER_INPUT. */
int
api_arg_cursor(const struct gql_resolve_info *info, struct gql_result *r,
    const char *name, int64_t *seq)
{
	const struct gql_value	*v = gql_arg(info, name);
	uint64_t		 u;

	*seq = 0;
	if (v == NULL || v->kind == GQL_V_NULL)
		return 0;
	if (v->kind != GQL_V_STRING || util_strtou64(v->u.str.s, 0,
	    INT64_MAX, &u) == -1) {
		gql_result_errorf(info, r, "BAD_USER_INPUT", "%s is not a "
		    "cursor of this node", name);
		return -1;
	}
	*seq = (int64_t)u;
	return 0;
}

/* Return seq as a cursor string in the request's arena. */
const char *
api_cursor(const struct gql_resolve_info *info, int64_t seq)
{
	char	*s = gql_exec_alloc(info, 24);

	snprintf(s, 24, "%lld", (long long)seq);
	return s;
}

/* Turn a store result into a GraphQL error with a stable code. */
void
api_store_error(const struct gql_resolve_info *info, struct gql_result *r,
    int res)
{
	switch ((enum store_result)res) {
	case STORE_NOT_FOUND:
		gql_result_error(r, "no such mailbox", "NOT_FOUND");
		break;
	case STORE_QUOTA:
		gql_result_error(r, "the mailbox's quota is used up",
		    "QUOTA_EXCEEDED");
		break;
	case STORE_LAST_DEVICE:
		gql_result_error(r, "a mailbox keeps at least one device",
		    "BAD_USER_INPUT");
		break;
	default:
		log_warnx("api", "store: %s", store_result_str(
		    (enum store_result)res));
		gql_result_errorf(info, r, "INTERNAL_SERVER_ERROR",
		    "the node could not store this: %s",
		    store_result_str((enum store_result)res));
		break;
	}
}
