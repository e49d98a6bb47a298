/*
 * test_api.c: the API's resolvers against a real store in a temp dir,
 * executed as the edge would (api_req_exec with a document from the
 * API's own cache and a token verified by api_auth_verify): error codes
 * of auth, input, quotas and rate limits, idempotent sends, ack with two
 * devices, the outbox listing, and news given to the hub only after a
 * group's COMMIT. The last cases run the real edge with api_handler on a
 * loopback port and post from another thread, as the tor thread will:
 * outbox changes reach a deliveries subscription (also for entries
 * older than the newest 1024, and with more than a subscription may
 * remember it ends instead), Tor states a nodeStatus subscription,
 * Query.node and /healthz.
 */
#include "config.h"

#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <jansson.h>

#include <onionmsg/address.h>
#include <onionmsg/base64.h>
#include <onionmsg/key.h>
#include <onionmsg/mailbox.h>
#include <onionmsg/onion.h>
#include <onionmsg/onionmsg.h>
#include <onionmsg/proof.h>
#include <onionmsg/token.h>

#include "api/api_int.h"
#include "common/util.h"
#include "common/xmalloc.h"
#include "hub/hub.h"
#include "store/store.h"
#include "unit.h"
#include "wsc.h"

#define Q_CREATE "mutation($o: Base64!, $d: Base64!, $p: Base64!) {" \
	" createMailbox(ownerKey: $o, deviceKey: $d, proof: $p) { id } }"
#define Q_ADD "mutation($d: Base64!, $p: Base64!) {" \
	" addDevice(deviceKey: $d, proof: $p) { key current } }"
#define Q_SEND "mutation($t: Address!, $i: ID!, $e: Base64!, $l: Int) {" \
	" sendMessage(to: $t, id: $i, envelope: $e, ttl: $l)" \
	" { id cursor queued state duplicate } }"
#define Q_ACK "mutation($u: Cursor!) { ack(upTo: $u)" \
	" { upTo deleted remaining } }"

/* A mailbox of the node under test: its keys and tokens. */
struct tmb {
	struct om_key	*owner;
	struct om_key	*dev[2];
	char		 id[OM_MAILBOX_ID_LEN + 1];
	char		 addr[OM_ADDRESS_LEN + 1];
	char		 tok_owner[OM_TOKEN_LEN + 1];
	char		 tok_dev[2][OM_TOKEN_LEN + 1];
};

static char			 tmpdir[256];
static char			 dbpath[PATH_MAX];
static char			 label[OM_ONION_LEN + 1];
static char			 remote[OM_ADDRESS_LEN + 1];
static struct api_config	 cfg;
static struct api		*api;
static struct edge		*edge;
static int			 kicks;
static int			 inited;	/* api_up(), not the edge */
static size_t			 live_max;	/* edge_up(): sub_live_max */

static void
seed_key(struct om_key **k, int fill)
{
	uint8_t	seed[OM_SEED_LEN];

	memset(seed, fill, sizeof(seed));
	*k = om_key_from_seed(seed);
}

static void
b64(const void *p, size_t len, char *out, size_t outlen)
{
	ck_assert_int_ne(om_base64_encode(p, len, out, outlen), -1);
}

static void
token(const struct om_key *k, const char *mb, char *out)
{
	ck_assert_int_eq(om_token_sign(k, mb, label, (uint64_t)time(NULL) - 5,
	    600, out, OM_TOKEN_LEN + 1), 0);
}

static void
tmb_init(struct tmb *m, int fill)
{
	memset(m, 0, sizeof(*m));
	seed_key(&m->owner, fill);
	seed_key(&m->dev[0], fill + 1);
	seed_key(&m->dev[1], fill + 2);
	om_mailbox_id_from_owner(om_key_pubkey(m->owner), m->id);
	ck_assert_int_ne(om_address_format(m->id, label, m->addr,
	    sizeof(m->addr)), -1);
	token(m->owner, m->id, m->tok_owner);
	token(m->dev[0], m->id, m->tok_dev[0]);
	token(m->dev[1], m->id, m->tok_dev[1]);
}

static void
tmb_free(struct tmb *m)
{
	om_key_free(m->owner);
	om_key_free(m->dev[0]);
	om_key_free(m->dev[1]);
}

static void
config_defaults(void)
{
	memset(&cfg, 0, sizeof(cfg));
	cfg.db_path = dbpath;
	memcpy(cfg.label, label, sizeof(cfg.label));
	cfg.tor_disabled = 1;
	cfg.max_envelope_bytes = 1024;
	cfg.quota_messages = 100;
	cfg.quota_bytes = 1 << 20;
	cfg.default_ttl = 3600;
	cfg.max_ttl = 86400;
	cfg.long_poll_max = 10;
	cfg.max_page_size = 100;
	cfg.max_query_bytes = 1 << 20;
	cfg.max_query_depth = 32;
	cfg.max_query_fields = 2000;
	cfg.max_errors = 100;
}

static void
kick(void *arg)
{
	(void)arg;
	kicks++;
}

/* Make the API with cfg and open it as the edge thread's init would. */
static void
api_up(void)
{
	char	err[256];

	api = api_new(&cfg, err, sizeof(err));
	ck_assert_msg(api != NULL, "%s", err);
	ck_assert_int_eq(api_handler.init(NULL, api), 0);
	inited = 1;
	api->hub = hub_new(kick, NULL);
	kicks = 0;
}

static void
api_down(void)
{
	if (api == NULL)
		return;
	if (inited)
		api_handler.fini(NULL, api);
	inited = 0;
	api_free(api);
	api = NULL;
}

static void
setup(void)
{
	const char	*t = getenv("TMPDIR");
	struct om_key	*node, *other;
	char		 olabel[OM_ONION_LEN + 1], oid[OM_MAILBOX_ID_LEN + 1];

	snprintf(tmpdir, sizeof(tmpdir), "%s/test_api.XXXXXX",
	    t != NULL ? t : "/tmp");
	ck_assert_ptr_nonnull(mkdtemp(tmpdir));
	snprintf(dbpath, sizeof(dbpath), "%s/onionmsg.db", tmpdir);
	seed_key(&node, 0x70);
	om_onion_address_from_pubkey(om_key_pubkey(node), label);
	seed_key(&other, 0x71);
	om_onion_address_from_pubkey(om_key_pubkey(other), olabel);
	om_mailbox_id_from_owner(om_key_pubkey(other), oid);
	ck_assert_int_ne(om_address_format(oid, olabel, remote,
	    sizeof(remote)), -1);
	om_key_free(node);
	om_key_free(other);
	config_defaults();
	api = NULL;
	edge = NULL;
}

static void
teardown(void)
{
	char	p[PATH_MAX + 8];

	if (edge != NULL) {
		edge_stop(edge);
		edge_free(edge);
		edge = NULL;
	}
	api_down();
	unlink(dbpath);
	snprintf(p, sizeof(p), "%s-wal", dbpath);
	unlink(p);
	snprintf(p, sizeof(p), "%s-shm", dbpath);
	unlink(p);
	rmdir(tmpdir);
}

/* Execute query with variables (JSON or NULL) as the bearer of tok. */
static json_t *
run(const char *tok, const char *query, const char *vars)
{
	struct gql_errors	 errs = GQL_ERRORS_INIT;
	struct api_req		 req;
	struct buf		 out;
	json_t			*j;
	char			 why[256];

	memset(&req, 0, sizeof(req));
	req.api = api;
	if (tok != NULL) {
		ck_assert_msg(api_auth_verify(api, tok, &req.auth, why,
		    sizeof(why)) == 0, "token: %s", why);
		req.authed = 1;
	}
	req.query = (char *)(uintptr_t)query;
	req.variables = (char *)(uintptr_t)vars;
	req.variables_len = vars != NULL ? strlen(vars) : 0;
	req.doc_entry = gql_cache_fetch(api->cache, query, strlen(query),
	    &errs);
	ck_assert_msg(req.doc_entry != NULL, "invalid: %s", query);
	req.doc = gql_cache_doc(req.doc_entry);
	buf_init(&out);
	ck_assert_int_ne(api_req_exec(&req, &out), GQL_EXEC_WOULD_BLOCK);
	gql_cache_release(req.doc_entry);
	j = json_loadb(out.data, out.len, 0, NULL);
	ck_assert_msg(j != NULL, "not JSON: %.*s", (int)out.len, out.data);
	buf_free(&out);
	return j;
}

/* The value at a dotted path ("data.ack.upTo", "errors.0.message"). */
static json_t *
at(json_t *j, const char *path)
{
	char	buf[256], *p, *dot;

	snprintf(buf, sizeof(buf), "%s", path);
	for (p = buf; j != NULL && p != NULL; p = dot) {
		if ((dot = strchr(p, '.')) != NULL)
			*dot++ = '\0';
		if (json_is_array(j))
			j = json_array_get(j, (size_t)atoi(p));
		else
			j = json_object_get(j, p);
	}
	return j;
}

static const char *
str_at(json_t *j, const char *path)
{
	const char	*s = json_string_value(at(j, path));

	return s != NULL ? s : "(none)";
}

/* The code of the first error, or "" with none. */
static const char *
code(json_t *j)
{
	const char	*s = json_string_value(at(j, "errors.0.extensions.code"));

	return s != NULL ? s : "";
}

/* Run and return the first error's code (freeing the answer). */
static void
expect_code(const char *tok, const char *q, const char *vars, const char *want)
{
	json_t	*j = run(tok, q, vars);
	char	*text = json_dumps(j, JSON_COMPACT);

	ck_assert_msg(strcmp(code(j), want) == 0, "want %s: %s", want, text);
	free(text);
	json_decref(j);
}

static void
expect_ok(json_t *j)
{
	char	*text = json_dumps(j, JSON_COMPACT);

	ck_assert_msg(at(j, "errors") == NULL, "errors: %s", text);
	free(text);
}

/* createMailbox for m by its owner, with its first device; the answer. */
static json_t *
create(struct tmb *m)
{
	uint8_t	proof[OM_PROOF_LEN];
	char	o[64], d[64], p[128], vars[512];

	ck_assert_int_eq(om_proof_sign(OM_PROOF_CREATE_MAILBOX, m->owner,
	    label, om_key_pubkey(m->dev[0]), (uint64_t)time(NULL), proof), 0);
	b64(om_key_pubkey(m->owner), OM_PUBKEY_LEN, o, sizeof(o));
	b64(om_key_pubkey(m->dev[0]), OM_PUBKEY_LEN, d, sizeof(d));
	b64(proof, sizeof(proof), p, sizeof(p));
	snprintf(vars, sizeof(vars), "{\"o\":\"%s\",\"d\":\"%s\",\"p\":\"%s\"}",
	    o, d, p);
	return run(NULL, Q_CREATE, vars);
}

static void
create_ok(struct tmb *m)
{
	json_t	*j = create(m);

	expect_ok(j);
	ck_assert_str_eq(str_at(j, "data.createMailbox.id"), m->id);
	json_decref(j);
}

/* The owner of m adds its second device. */
static void
add_second_device(struct tmb *m)
{
	uint8_t	 proof[OM_PROOF_LEN];
	char	 d[64], p[128], vars[256];
	json_t	*j;

	ck_assert_int_eq(om_proof_sign(OM_PROOF_ADD_DEVICE, m->owner, label,
	    om_key_pubkey(m->dev[1]), (uint64_t)time(NULL), proof), 0);
	b64(om_key_pubkey(m->dev[1]), OM_PUBKEY_LEN, d, sizeof(d));
	b64(proof, sizeof(proof), p, sizeof(p));
	snprintf(vars, sizeof(vars), "{\"d\":\"%s\",\"p\":\"%s\"}", d, p);
	expect_code(m->tok_dev[0], Q_ADD, vars, "FORBIDDEN");
	j = run(m->tok_owner, Q_ADD, vars);
	expect_ok(j);
	json_decref(j);
}

/* sendMessage to, id, a small envelope, as tok (NULL: anonymous). */
static json_t *
send(const char *tok, const char *to, const char *id)
{
	char	vars[512];

	snprintf(vars, sizeof(vars), "{\"t\":\"%s\",\"i\":\"%s\","
	    "\"e\":\"aGVsbG8=\"}", to, id);
	return run(tok, Q_SEND, vars);
}

/* Send and return the cursor (local) as a number. */
static int64_t
send_ok(const char *tok, const char *to, const char *id)
{
	json_t	*j = send(tok, to, id);
	int64_t	 c;

	expect_ok(j);
	c = atoll(str_at(j, "data.sendMessage.cursor"));
	json_decref(j);
	return c;
}

static json_t *
ack(const char *tok, int64_t upto)
{
	char	vars[64];

	snprintf(vars, sizeof(vars), "{\"u\":\"%lld\"}", (long long)upto);
	return run(tok, Q_ACK, vars);
}

static int64_t
int_at(json_t *j, const char *path)
{
	json_t	*v = at(j, path);

	ck_assert_msg(v != NULL, "no %s", path);
	if (json_is_string(v))
		return atoll(json_string_value(v));
	return json_integer_value(v);
}

START_TEST(auth_errors_have_precise_codes)
{
	struct tmb	 m, stranger;
	struct api_auth	 a;
	struct om_key	*nodekey;
	char		 why[256], tok[OM_TOKEN_LEN + 1], vars[512];
	char		 foreign[OM_ONION_LEN + 1];

	api_up();
	tmb_init(&m, 0x10);
	tmb_init(&stranger, 0x20);
	create_ok(&m);
	expect_code(NULL, "{ mailbox { id } }", NULL, "UNAUTHENTICATED");
	expect_code(NULL, "{ messages { hasMore } }", NULL,
	    "UNAUTHENTICATED");
	expect_code(NULL, "{ outbox { id } }", NULL, "UNAUTHENTICATED");
	expect_code(NULL, "mutation { retryDeliveries }", NULL,
	    "UNAUTHENTICATED");
	expect_code(NULL, "mutation { ack(upTo: \"1\") { upTo } }", NULL,
	    "UNAUTHENTICATED");
	/* a subscription executed as a query: refused, not followed */
	expect_code(m.tok_dev[0], "subscription { deliveries { id } }", NULL,
	    "BAD_REQUEST");
	/* a remote send needs a token; a local one does not */
	json_decref(send(NULL, m.addr, "local"));
	expect_code(NULL, Q_SEND, "{\"t\":\"x\",\"i\":\"i\",\"e\":\"\"}",
	    "BAD_USER_INPUT");
	snprintf(vars, sizeof(vars), "{\"t\":\"%s\",\"i\":\"r\","
	    "\"e\":\"aGk=\"}", remote);
	expect_code(NULL, Q_SEND, vars, "UNAUTHENTICATED");
	/* the owner key is not a device; a device is not the owner */
	expect_code(m.tok_owner, "{ messages { hasMore } }", NULL,
	    "FORBIDDEN");
	expect_code(m.tok_owner, "mutation { ack(upTo: \"1\") { upTo } }",
	    NULL, "FORBIDDEN");
	expect_code(m.tok_dev[0], "mutation { removeDevice(deviceKey: "
	    "\"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\") }", NULL,
	    "FORBIDDEN");
	/* tokens the edge's authenticate() refuses (close 4403 / 401) */
	ck_assert_int_eq(api_auth_verify(api, "garbage", &a, why,
	    sizeof(why)), -1);
	ck_assert_int_eq(api_auth_verify(api, stranger.tok_dev[0], &a, why,
	    sizeof(why)), -1);
	ck_assert_ptr_nonnull(strstr(why, "no such mailbox"));
	token(stranger.dev[0], m.id, tok);
	ck_assert_int_eq(api_auth_verify(api, tok, &a, why, sizeof(why)), -1);
	ck_assert_ptr_nonnull(strstr(why, "neither a device nor the owner"));
	seed_key(&nodekey, 0x7f);
	om_onion_address_from_pubkey(om_key_pubkey(nodekey), foreign);
	ck_assert_int_eq(om_token_sign(m.dev[0], m.id, foreign,
	    (uint64_t)time(NULL), 600, tok, sizeof(tok)), 0);
	ck_assert_int_eq(api_auth_verify(api, tok, &a, why, sizeof(why)), -1);
	ck_assert_int_eq(om_token_sign(m.dev[0], m.id, label,
	    (uint64_t)time(NULL) - 1200, 600, tok, sizeof(tok)), 0);
	ck_assert_int_eq(api_auth_verify(api, tok, &a, why, sizeof(why)), -1);
	om_key_free(nodekey);
	/* a valid device token: device, not owner */
	ck_assert_int_eq(api_auth_verify(api, m.tok_dev[0], &a, why,
	    sizeof(why)), 0);
	ck_assert(a.is_device && !a.is_owner);
	ck_assert_str_eq(a.mailbox, m.id);
	tmb_free(&m);
	tmb_free(&stranger);
}
END_TEST

START_TEST(input_and_quota_errors_have_precise_codes)
{
	struct tmb	 m, nobody;
	char		 vars[2048], big[1500];
	json_t		*j;
	int		 i;

	cfg.quota_messages = 2;
	api_up();
	tmb_init(&m, 0x10);
	create_ok(&m);
	send_ok(NULL, m.addr, "q1");
	send_ok(NULL, m.addr, "q2");
	j = send(NULL, m.addr, "q3");
	ck_assert_str_eq(code(j), "QUOTA_EXCEEDED");
	ck_assert(json_is_null(at(j, "data")));
	json_decref(j);
	/* a re-send of a stored id is a duplicate, even when full */
	j = send(NULL, m.addr, "q1");
	expect_ok(j);
	ck_assert(json_is_true(at(j, "data.sendMessage.duplicate")));
	json_decref(j);
	/* too big: 1024-byte limit, 1101 bytes decoded */
	memset(big, 'A', 1468);
	big[1468] = '\0';
	snprintf(vars, sizeof(vars), "{\"t\":\"%s\",\"i\":\"big\","
	    "\"e\":\"%s\"}", m.addr, big);
	expect_code(NULL, Q_SEND, vars, "PAYLOAD_TOO_LARGE");
	snprintf(vars, sizeof(vars), "{\"t\":\"%s\",\"i\":\"t\","
	    "\"e\":\"aGk=\",\"l\":0}", m.addr);
	expect_code(NULL, Q_SEND, vars, "BAD_USER_INPUT");
	snprintf(vars, sizeof(vars), "{\"t\":\"%s\",\"i\":\"t\","
	    "\"e\":\"aGk=\",\"l\":999999}", m.addr);
	expect_code(NULL, Q_SEND, vars, "BAD_USER_INPUT");
	for (i = 0; i < 129; i++)
		big[i] = 'i';
	big[129] = '\0';
	snprintf(vars, sizeof(vars), "{\"t\":\"%s\",\"i\":\"%s\","
	    "\"e\":\"aGk=\"}", m.addr, big);
	expect_code(NULL, Q_SEND, vars, "BAD_USER_INPUT");
	/* a well-formed address of this node with no such mailbox */
	tmb_init(&nobody, 0x30);
	j = send(NULL, nobody.addr, "x");
	ck_assert_str_eq(code(j), "NOT_FOUND");
	json_decref(j);
	tmb_free(&nobody);
	expect_code(m.tok_dev[0], "{ messages(limit: 0) { hasMore } }", NULL,
	    "BAD_USER_INPUT");
	expect_code(m.tok_dev[0], "{ messages(limit: 101) { hasMore } }",
	    NULL, "BAD_USER_INPUT");
	expect_code(m.tok_dev[0], "{ messages(after: \"x1\") { hasMore } }",
	    NULL, "BAD_USER_INPUT");
	expect_code(m.tok_dev[0], "{ messages(wait: -1) { hasMore } }", NULL,
	    "BAD_USER_INPUT");
	expect_code(m.tok_dev[0], "{ outbox(limit: 0) { id } }", NULL,
	    "BAD_USER_INPUT");
	expect_code(NULL, Q_CREATE, "{\"o\":\"aGk=\",\"d\":\"aGk=\","
	    "\"p\":\"aGk=\"}", "BAD_USER_INPUT");
	tmb_free(&m);
}
END_TEST

START_TEST(send_is_idempotent_locally_and_remotely)
{
	struct tmb	 m;
	json_t		*j;
	int64_t		 c1;

	api_up();
	tmb_init(&m, 0x10);
	create_ok(&m);
	j = send(NULL, m.addr, "same");
	expect_ok(j);
	ck_assert(json_is_false(at(j, "data.sendMessage.duplicate")));
	ck_assert_str_eq(str_at(j, "data.sendMessage.state"), "DELIVERED");
	ck_assert(json_is_false(at(j, "data.sendMessage.queued")));
	c1 = int_at(j, "data.sendMessage.cursor");
	json_decref(j);
	j = send(m.tok_dev[0], m.addr, "same");
	ck_assert(json_is_true(at(j, "data.sendMessage.duplicate")));
	ck_assert_int_eq(int_at(j, "data.sendMessage.cursor"), c1);
	json_decref(j);
	j = run(m.tok_dev[0], "{ mailbox { storedMessages } }", NULL);
	ck_assert_int_eq(int_at(j, "data.mailbox.storedMessages"), 1);
	json_decref(j);
	/* remote: queued once */
	j = send(m.tok_dev[0], remote, "r1");
	expect_ok(j);
	ck_assert(json_is_true(at(j, "data.sendMessage.queued")));
	ck_assert(json_is_null(at(j, "data.sendMessage.cursor")));
	ck_assert_str_eq(str_at(j, "data.sendMessage.state"), "QUEUED");
	ck_assert(json_is_false(at(j, "data.sendMessage.duplicate")));
	json_decref(j);
	j = send(m.tok_owner, remote, "r1");
	expect_ok(j);
	ck_assert(json_is_true(at(j, "data.sendMessage.duplicate")));
	ck_assert_str_eq(str_at(j, "data.sendMessage.state"), "QUEUED");
	json_decref(j);
	j = run(m.tok_dev[0], "{ outbox { id state to size } }", NULL);
	ck_assert_uint_eq(json_array_size(at(j, "data.outbox")), 1);
	ck_assert_str_eq(str_at(j, "data.outbox.0.to"), remote);
	ck_assert_int_eq(int_at(j, "data.outbox.0.size"), 5);
	json_decref(j);
	tmb_free(&m);
}
END_TEST

/* Two devices: a message goes once both acknowledged it. */
START_TEST(ack_with_two_devices)
{
	struct tmb	 m;
	json_t		*j;
	int64_t		 c[3];

	api_up();
	tmb_init(&m, 0x10);
	create_ok(&m);
	add_second_device(&m);
	c[0] = send_ok(NULL, m.addr, "a");
	c[1] = send_ok(NULL, m.addr, "b");
	c[2] = send_ok(NULL, m.addr, "c");
	j = ack(m.tok_dev[0], c[1]);
	expect_ok(j);
	ck_assert_int_eq(int_at(j, "data.ack.upTo"), c[1]);
	ck_assert_int_eq(int_at(j, "data.ack.deleted"), 0);
	ck_assert_int_eq(int_at(j, "data.ack.remaining"), 1);
	json_decref(j);
	j = ack(m.tok_dev[1], c[2]);
	ck_assert_int_eq(int_at(j, "data.ack.deleted"), 2);
	ck_assert_int_eq(int_at(j, "data.ack.remaining"), 0);
	json_decref(j);
	/* never backwards */
	j = ack(m.tok_dev[0], c[0]);
	ck_assert_int_eq(int_at(j, "data.ack.upTo"), c[1]);
	ck_assert_int_eq(int_at(j, "data.ack.deleted"), 0);
	ck_assert_int_eq(int_at(j, "data.ack.remaining"), 1);
	json_decref(j);
	/* past the newest: clamped, and later messages still arrive */
	j = ack(m.tok_dev[0], c[2] + 1000);
	ck_assert_int_eq(int_at(j, "data.ack.upTo"), c[2]);
	ck_assert_int_eq(int_at(j, "data.ack.deleted"), 1);
	ck_assert_int_eq(int_at(j, "data.ack.remaining"), 0);
	json_decref(j);
	send_ok(NULL, m.addr, "d");
	j = run(m.tok_dev[0], "{ messages { messages { id } hasMore } }",
	    NULL);
	ck_assert_uint_eq(json_array_size(at(j, "data.messages.messages")), 1);
	ck_assert_str_eq(str_at(j, "data.messages.messages.0.id"), "d");
	json_decref(j);
	j = run(m.tok_dev[1], "{ mailbox { devices { ackedUpTo current } } }",
	    NULL);
	ck_assert_int_eq(int_at(j, "data.mailbox.devices.0.ackedUpTo"), c[2]);
	/* two devices added in the same millisecond come in key order */
	ck_assert(json_is_true(at(j, "data.mailbox.devices.0.current")) !=
	    json_is_true(at(j, "data.mailbox.devices.1.current")));
	json_decref(j);
	tmb_free(&m);
}
END_TEST

START_TEST(outbox_is_newest_first_and_retry_requeues_failed)
{
	struct tmb		 m;
	struct store_outbox	*e;
	size_t			 n;
	json_t			*j;
	char			 id[8];
	int			 i;

	api_up();
	tmb_init(&m, 0x10);
	create_ok(&m);
	for (i = 0; i < 4; i++) {
		snprintf(id, sizeof(id), "o%d", i);
		json_decref(send(m.tok_dev[0], remote, id));
	}
	j = run(m.tok_dev[0], "{ outbox(limit: 2) { id nextAttempt } }", NULL);
	ck_assert_uint_eq(json_array_size(at(j, "data.outbox")), 2);
	ck_assert_str_eq(str_at(j, "data.outbox.0.id"), "o3");
	ck_assert_str_eq(str_at(j, "data.outbox.1.id"), "o2");
	json_decref(j);
	ck_assert_int_eq(store_outbox_claim_due(api->store, api_now_ms(), 1,
	    &e, &n), STORE_OK);
	ck_assert_uint_eq(n, 1);
	ck_assert_int_eq(store_outbox_mark_failed(api->store, e[0].id,
	    api_now_ms(), "no such mailbox"), STORE_OK);
	store_outbox_list_free(e, n);
	j = run(m.tok_dev[0], "{ outbox(state: FAILED) { id state lastError "
	    "nextAttempt attempts } }", NULL);
	ck_assert_str_eq(str_at(j, "data.outbox.0.id"), "o0");
	ck_assert_str_eq(str_at(j, "data.outbox.0.lastError"),
	    "no such mailbox");
	ck_assert(json_is_null(at(j, "data.outbox.0.nextAttempt")));
	json_decref(j);
	kicks = 0;
	j = run(m.tok_dev[0], "mutation { retryDeliveries }", NULL);
	ck_assert_int_eq(int_at(j, "data.retryDeliveries"), 1);
	json_decref(j);
	j = run(m.tok_dev[0], "{ outbox(state: QUEUED) { id attempts } }",
	    NULL);
	ck_assert_uint_eq(json_array_size(at(j, "data.outbox")), 4);
	ck_assert_str_eq(str_at(j, "data.outbox.3.id"), "o0");
	ck_assert_int_eq(int_at(j, "data.outbox.3.attempts"), 1);
	json_decref(j);
	tmb_free(&m);
}
END_TEST

/* A follower of the hub, for the cases on news. */
struct tfollow {
	struct hub_follower	*f;
	int			 woken;
};

static void
tfollow_wake(void *arg)
{
	((struct tfollow *)arg)->woken++;
}

/*
 * Regression: sendMessage to another node woke the mailbox's deliveries
 * followers from inside the group, before its COMMIT, and also when the
 * group then rolled back. News waits for the commit, and is dropped
 * with a rollback.
 */
START_TEST(news_is_given_to_the_hub_only_after_the_commit)
{
	struct tmb	 m;
	struct tfollow	 d, msg;
	json_t		*j;

	api_up();
	tmb_init(&m, 0x10);
	create_ok(&m);
	memset(&d, 0, sizeof(d));
	memset(&msg, 0, sizeof(msg));
	d.f = hub_follow(api->hub, HUB_DELIVERIES, m.id, tfollow_wake, &d);
	msg.f = hub_follow(api->hub, HUB_MESSAGES, m.id, tfollow_wake, &msg);
	ck_assert_int_eq(api_group_open(api), 0);
	json_decref(send(m.tok_dev[0], remote, "g1"));
	json_decref(send(NULL, m.addr, "g2"));
	ck_assert_int_eq(kicks, 0);		/* nobody marked yet */
	ck_assert_int_eq(api_group_close(api, 1), STORE_OK);
	ck_assert_int_eq(kicks, 1);
	hub_run(api->hub);
	ck_assert_int_eq(d.woken, 1);
	ck_assert_int_eq(msg.woken, 1);
	/* rolled back: no news, and nothing stored */
	ck_assert_int_eq(api_group_open(api), 0);
	json_decref(send(m.tok_dev[0], remote, "g3"));
	json_decref(send(NULL, m.addr, "g4"));
	ck_assert_int_ne(api_group_close(api, 0), STORE_OK);
	ck_assert_int_eq(kicks, 1);
	hub_run(api->hub);
	ck_assert_int_eq(d.woken, 1);
	ck_assert_int_eq(msg.woken, 1);
	j = run(m.tok_dev[0], "{ outbox { id } messages { messages { id } } }",
	    NULL);
	ck_assert_uint_eq(json_array_size(at(j, "data.outbox")), 1);
	ck_assert_uint_eq(json_array_size(at(j, "data.messages.messages")), 1);
	json_decref(j);
	/* outside a group (each op its own commit): at once, after it */
	json_decref(send(m.tok_dev[0], remote, "g5"));
	ck_assert_int_eq(kicks, 2);
	hub_run(api->hub);
	ck_assert_int_eq(d.woken, 2);
	/* retryDeliveries that changed something is news too */
	ck_assert_int_eq(store_outbox_mark_retry(api->store, 1, api_now_ms(),
	    api_now_ms() + 60000, "timeout"), STORE_OK);
	json_decref(run(m.tok_dev[0], "mutation { retryDeliveries }", NULL));
	hub_run(api->hub);
	ck_assert_int_eq(d.woken, 3);
	json_decref(run(m.tok_dev[0], "mutation { retryDeliveries }", NULL));
	hub_run(api->hub);
	ck_assert_int_eq(d.woken, 3);		/* nothing to retry */
	hub_unfollow(d.f);
	hub_unfollow(msg.f);
	tmb_free(&m);
}
END_TEST

/* api_message() as the edge thread gets it from api_post_*(). */
START_TEST(posted_messages_wake_their_followers)
{
	struct tfollow	 n, d1, d2;
	struct edge_msg	 em;
	json_t		*j;

	cfg.tor_disabled = 0;
	api_up();
	memset(&n, 0, sizeof(n));
	memset(&d1, 0, sizeof(d1));
	memset(&d2, 0, sizeof(d2));
	n.f = hub_follow(api->hub, HUB_NODE, "", tfollow_wake, &n);
	d1.f = hub_follow(api->hub, HUB_DELIVERIES, "mb1", tfollow_wake, &d1);
	d2.f = hub_follow(api->hub, HUB_DELIVERIES, "mb2", tfollow_wake, &d2);
	j = run(NULL, "{ node { torStatus published onion } }", NULL);
	ck_assert_str_eq(str_at(j, "data.node.torStatus"), "CONNECTING");
	ck_assert(json_is_null(at(j, "data.node.onion")));
	json_decref(j);
	memset(&em, 0, sizeof(em));
	em.type = API_MSG_NODE_STATE;
	em.arg = API_TOR_PUBLISHED;
	em.value = 1;
	api_message(&em, api);
	api_message(&em, api);		/* no change: no news */
	hub_run(api->hub);
	ck_assert_int_eq(n.woken, 1);
	ck_assert_int_eq(api->node.version, 1);
	j = run(NULL, "{ node { torStatus published onion } }", NULL);
	ck_assert_str_eq(str_at(j, "data.node.torStatus"), "PUBLISHED");
	ck_assert(json_is_true(at(j, "data.node.published")));
	ck_assert_ptr_nonnull(strstr(str_at(j, "data.node.onion"), label));
	json_decref(j);
	em.type = API_MSG_DELIVERIES;
	em.data = xstrdup("mb2");
	api_message(&em, api);		/* frees data */
	hub_run(api->hub);
	ck_assert_int_eq(d1.woken, 0);
	ck_assert_int_eq(d2.woken, 1);
	em.data = NULL;			/* every mailbox */
	api_message(&em, api);
	hub_run(api->hub);
	ck_assert_int_eq(d1.woken, 1);
	ck_assert_int_eq(d2.woken, 2);
	em.type = 99;			/* unknown: ignored */
	api_message(&em, api);
	hub_unfollow(n.f);
	hub_unfollow(d1.f);
	hub_unfollow(d2.f);
	/* without Tor the node stays DISABLED */
	api_down();
	cfg.tor_disabled = 1;
	api_up();
	api_node_set(api, API_TOR_PUBLISHED, 1);
	j = run(NULL, "{ node { torStatus published onion } }", NULL);
	ck_assert_str_eq(str_at(j, "data.node.torStatus"), "DISABLED");
	ck_assert(json_is_null(at(j, "data.node.onion")));
	json_decref(j);
}
END_TEST

START_TEST(token_bucket_refills_continuously)
{
	struct api_bucket	b;
	int64_t			wait = 0;

	memset(&b, 0, sizeof(b));
	ck_assert_int_eq(api_bucket_take(&b, 0, 0, &wait), 0);	/* no limit */
	ck_assert_int_eq(api_bucket_take(&b, 2, 1000, &wait), 0);
	ck_assert_int_eq(api_bucket_take(&b, 2, 1000, &wait), 0);
	ck_assert_int_eq(api_bucket_take(&b, 2, 1000, &wait), -1);
	ck_assert_int_eq(wait, 30000);
	ck_assert_int_eq(api_bucket_take(&b, 2, 16000, &wait), -1);
	ck_assert_int_eq(wait, 15000);
	ck_assert_int_eq(api_bucket_take(&b, 2, 31000, &wait), 0);
	ck_assert_int_eq(api_bucket_take(&b, 2, 31000, &wait), -1);
	/* a long pause refills to the burst, not beyond */
	ck_assert_int_eq(api_bucket_take(&b, 2, 10000000, &wait), 0);
	ck_assert_int_eq(api_bucket_take(&b, 2, 10000000, &wait), 0);
	ck_assert_int_eq(api_bucket_take(&b, 2, 10000000, &wait), -1);
	/* a clock that goes back refills nothing */
	ck_assert_int_eq(api_bucket_take(&b, 2, 5000, &wait), -1);
	/* 6000 a minute: one every 10 ms after the burst */
	memset(&b, 0, sizeof(b));
	for (wait = 0; api_bucket_take(&b, 6000, 0, &wait) == 0;)
		;
	ck_assert_int_eq(wait, 10);
}
END_TEST

START_TEST(create_mailbox_is_rate_limited_per_node)
{
	struct tmb	 m[3];
	json_t		*j;
	int		 i;

	cfg.rate_create_mailbox = 2;
	api_up();
	for (i = 0; i < 3; i++)
		tmb_init(&m[i], 0x10 + 0x10 * i);
	create_ok(&m[0]);
	create_ok(&m[1]);
	j = create(&m[2]);
	ck_assert_str_eq(code(j), "RATE_LIMITED");
	ck_assert_ptr_nonnull(strstr(str_at(j, "errors.0.message"),
	    "at most 2 createMailbox calls on this node a minute; try again "
	    "in 30 s"));
	ck_assert(json_is_null(at(j, "data")));
	json_decref(j);
	j = run(NULL, "{ node { limits { createMailboxPerMinute sendPerMinute "
	    "sendPerMinutePerMailbox } } }", NULL);
	ck_assert_int_eq(int_at(j, "data.node.limits.createMailboxPerMinute"),
	    2);
	ck_assert_int_eq(int_at(j, "data.node.limits.sendPerMinute"), 0);
	json_decref(j);
	ck_assert_int_eq(store_mailbox_get(api->store, m[2].id, NULL),
	    STORE_NOT_FOUND);
	for (i = 0; i < 3; i++)
		tmb_free(&m[i]);
}
END_TEST

START_TEST(send_is_rate_limited_per_mailbox_and_for_anonymous_senders)
{
	struct tmb	 a, b;
	json_t		*j;

	cfg.rate_send = 3;
	cfg.rate_send_mailbox = 2;
	api_up();
	tmb_init(&a, 0x10);
	tmb_init(&b, 0x20);
	create_ok(&a);
	create_ok(&b);
	send_ok(NULL, a.addr, "n1");
	send_ok(NULL, b.addr, "n2");
	send_ok(NULL, a.addr, "n3");
	j = send(NULL, b.addr, "n4");
	ck_assert_str_eq(code(j), "RATE_LIMITED");
	ck_assert_ptr_nonnull(strstr(str_at(j, "errors.0.message"),
	    "without a token"));
	json_decref(j);
	/* a token's mailbox has its own bucket, its devices share it */
	send_ok(a.tok_dev[0], b.addr, "a1");
	j = send(a.tok_owner, remote, "a2");
	expect_ok(j);
	json_decref(j);
	j = send(a.tok_dev[0], remote, "a3");
	ck_assert_str_eq(code(j), "RATE_LIMITED");
	ck_assert_ptr_nonnull(strstr(str_at(j, "errors.0.message"),
	    "with this mailbox's tokens"));
	json_decref(j);
	send_ok(b.tok_dev[0], a.addr, "b1");
	ck_assert_uint_eq(api_rate_count(api->rate), 2);
	j = run(NULL, "{ node { limits { sendPerMinute "
	    "sendPerMinutePerMailbox } } }", NULL);
	ck_assert_int_eq(int_at(j, "data.node.limits.sendPerMinute"), 3);
	ck_assert_int_eq(int_at(j,
	    "data.node.limits.sendPerMinutePerMailbox"), 2);
	json_decref(j);
	tmb_free(&a);
	tmb_free(&b);
}
END_TEST

/* ---- the real edge, and posts from another thread ---- */

/* One step of the tor thread's part, run on a thread of its own. */
struct poster {
	pthread_t	 t;
	const char	*mailbox;
	int		 step;
	enum api_tor_status status;
	int		 published;
	int		 rc;
};

/* Start the edge with api_handler on a loopback port (api_new'd api). */
static int
edge_up(void)
{
	struct edge_config	ec;
	char			err[256];

	api = api_new(&cfg, err, sizeof(err));
	ck_assert_msg(api != NULL, "%s", err);
	api->sub_live_max = live_max;
	edge_config_defaults(&ec);
	ec.listen = "127.0.0.1:0";
	edge = edge_new(&ec, &api_handler, api, err, sizeof(err));
	ck_assert_msg(edge != NULL, "%s", err);
	ck_assert_int_eq(edge_start(edge), 0);
	return edge_port(edge);
}

/* A graphql-transport-ws connection, acknowledged, one subscription. */
static struct wsc *
subscribe(int port, const char *tok, const char *query)
{
	struct wsc	*c = wsc_connect(port, "graphql-transport-ws");
	char		 msg[1024], *r;

	ck_assert_ptr_nonnull(c);
	snprintf(msg, sizeof(msg), "{\"type\":\"connection_init\","
	    "\"payload\":{\"authorization\":\"%s\"}}", tok != NULL ? tok : "");
	ck_assert_int_eq(wsc_send(c, tok != NULL ? msg :
	    "{\"type\":\"connection_init\"}"), 0);
	r = wsc_recv_text(c, 5000);
	ck_assert_msg(r != NULL && strstr(r, "connection_ack") != NULL,
	    "no ack: %s", r != NULL ? r : "(none)");
	free(r);
	snprintf(msg, sizeof(msg), "{\"id\":\"s\",\"type\":\"subscribe\","
	    "\"payload\":{\"query\":\"%s\"}}", query);
	ck_assert_int_eq(wsc_send(c, msg), 0);
	/* in order on the edge thread: once pong is back, it is running */
	ck_assert_int_eq(wsc_send(c, "{\"type\":\"ping\"}"), 0);
	return c;
}

/* The next "next" payload's text, skipping pong (NULL: none in ms). */
static char *
next_event(struct wsc *c, int ms)
{
	char	*r;

	while ((r = wsc_recv_text(c, ms)) != NULL) {
		if (strstr(r, "\"type\":\"next\"") != NULL)
			return r;
		ck_assert_msg(strstr(r, "\"pong\"") != NULL, "got %s", r);
		free(r);
	}
	return NULL;
}

static void
expect_event(struct wsc *c, const char *want)
{
	char	*r = next_event(c, 5000);

	ck_assert_msg(r != NULL && strstr(r, want) != NULL, "want %s, got %s",
	    want, r != NULL ? r : "(nothing)");
	free(r);
}

/* Queue entry "new" of mailbox on st, as sendMessage would. */
static enum store_result
poster_enqueue(struct store *st, const char *mailbox)
{
	struct store_outbox_in	in;

	memset(&in, 0, sizeof(in));
	in.mailbox = mailbox;
	in.dest = remote;
	in.msg_id = "new";
	in.envelope = "sealed";
	in.size = 6;
	in.now = api_now_ms();
	return store_outbox_enqueue(st, &in, NULL);
}

#define MANY	20000

/* Queue and deliver MANY entries "n<i>" of mailbox in one transaction. */
static enum store_result
poster_deliver_many(struct store *st, const char *mailbox)
{
	struct store_outbox_in	in;
	char			name[16];
	int64_t			id;
	enum store_result	r;
	int			i;

	memset(&in, 0, sizeof(in));
	in.mailbox = mailbox;
	in.dest = remote;
	in.envelope = "sealed";
	in.size = 6;
	in.now = api_now_ms();
	if ((r = store_group_begin(st)) != STORE_OK)
		return r;
	for (i = 0; i < MANY && r == STORE_OK; i++) {
		snprintf(name, sizeof(name), "n%d", i);
		in.msg_id = name;
		if ((r = store_outbox_enqueue(st, &in, &id)) == STORE_OK)
			r = store_outbox_mark_delivered(st, id, in.now);
	}
	if (r != STORE_OK) {
		store_group_rollback(st);
		return r;
	}
	return store_group_commit(st);
}

/*
 * The tor thread's part: on its own store connection, claim the due
 * entries (step 0), deliver the first (1) or fail the second (2), then
 * tell the edge thread; step 2 names no mailbox, step 3 queues a new one,
 * step 4 queues and delivers MANY.
 */
static void *
poster_outbox(void *arg)
{
	struct poster		*p = arg;
	struct store		*ts;
	struct store_outbox	*e = NULL;
	size_t			 n = 0;
	enum store_result	 r;
	char			 err[256];

	p->rc = -1;
	if ((ts = store_open(dbpath, STORE_SYNC_NORMAL, err,
	    sizeof(err))) == NULL)
		return NULL;
	if (p->step == 0)
		r = store_outbox_claim_due(ts, api_now_ms(), 10, &e, &n);
	else if (p->step == 1)
		r = store_outbox_mark_delivered(ts, 1, api_now_ms());
	else if (p->step == 3)
		r = poster_enqueue(ts, p->mailbox);
	else if (p->step == 4)
		r = poster_deliver_many(ts, p->mailbox);
	else
		r = store_outbox_mark_failed(ts, 2, api_now_ms(),
		    "unknown mailbox");
	store_outbox_list_free(e, n);
	store_close(ts);
	if (r == STORE_OK)
		p->rc = api_post_deliveries(edge, p->step == 2 ? NULL :
		    p->mailbox);
	return NULL;
}

static void *
poster_node(void *arg)
{
	struct poster	*p = arg;

	p->rc = api_post_node_state(edge, p->status, p->published);
	return NULL;
}

/* Run one poster on a thread of its own; return its result. */
static int
post(void *(*fn)(void *), struct poster *p)
{
	ck_assert_int_eq(pthread_create(&p->t, NULL, fn, p), 0);
	ck_assert_int_eq(pthread_join(p->t, NULL), 0);
	return p->rc;
}

/* What a test thread sets up in the store before the edge serves. */
static void
prepare_mailbox(struct tmb *m, int outbox)
{
	struct store		*ts;
	struct store_outbox_in	 in;
	char			 err[256], id[8];
	int			 i;

	ts = store_open(dbpath, STORE_SYNC_NORMAL, err, sizeof(err));
	ck_assert_msg(ts != NULL, "%s", err);
	ck_assert_int_eq(store_mailbox_create(ts, m->id,
	    om_key_pubkey(m->owner), om_key_pubkey(m->dev[0]), api_now_ms(),
	    0, 0), STORE_OK);
	memset(&in, 0, sizeof(in));
	in.mailbox = m->id;
	in.dest = remote;
	in.envelope = "sealed";
	in.size = 6;
	ck_assert_int_eq(store_group_begin(ts), STORE_OK);
	for (i = 0; i < outbox; i++) {
		snprintf(id, sizeof(id), "d%d", i);
		in.msg_id = id;
		in.now = api_now_ms() - 1000;
		ck_assert_int_eq(store_outbox_enqueue(ts, &in, NULL), STORE_OK);
	}
	ck_assert_int_eq(store_group_commit(ts), STORE_OK);
	store_close(ts);
}

START_TEST(outbox_changes_posted_from_another_thread_reach_deliveries)
{
	struct tmb	 m;
	struct poster	 p;
	struct wsc	*c;
	int		 port;

	tmb_init(&m, 0x10);
	prepare_mailbox(&m, 2);
	port = edge_up();
	c = subscribe(port, m.tok_dev[0], "subscription { deliveries "
	    "{ id state attempts lastError } }");
	ck_assert_ptr_null(next_event(c, 300));	/* the snapshot is silent */
	memset(&p, 0, sizeof(p));
	p.mailbox = m.id;
	ck_assert_int_eq(post(poster_outbox, &p), 0);
	/* both claimed: oldest first */
	expect_event(c, "{\"id\":\"d0\",\"state\":\"DELIVERING\","
	    "\"attempts\":1,\"lastError\":null}");
	expect_event(c, "{\"id\":\"d1\",\"state\":\"DELIVERING\"");
	p.step = 1;
	ck_assert_int_eq(post(poster_outbox, &p), 0);
	expect_event(c, "{\"id\":\"d0\",\"state\":\"DELIVERED\"");
	p.step = 2;
	ck_assert_int_eq(post(poster_outbox, &p), 0);
	expect_event(c, "{\"id\":\"d1\",\"state\":\"FAILED\",\"attempts\":1,"
	    "\"lastError\":\"unknown mailbox\"}");
	ck_assert_ptr_null(next_event(c, 300));	/* once each */
	wsc_free(c);
	tmb_free(&m);
}
END_TEST

/*
 * Regression: deliveries watched only the newest 1024 entries, so a
 * change of an older one was never sent. Entry 1 (d0) of 1100 is
 * delivered: it is sent, once, and so is a new one queued after it.
 */
START_TEST(a_change_of_an_entry_older_than_the_newest_1024_is_sent)
{
	struct tmb	 m;
	struct poster	 p;
	struct wsc	*c;
	int		 port;

	tmb_init(&m, 0x11);
	prepare_mailbox(&m, 1100);
	port = edge_up();
	c = subscribe(port, m.tok_dev[0], "subscription { deliveries "
	    "{ id state attempts } }");
	ck_assert_ptr_null(next_event(c, 300));
	memset(&p, 0, sizeof(p));
	p.mailbox = m.id;
	p.step = 1;			/* entry 1 delivered */
	ck_assert_int_eq(post(poster_outbox, &p), 0);
	expect_event(c, "{\"id\":\"d0\",\"state\":\"DELIVERED\","
	    "\"attempts\":0}");
	/* delivered already: nothing to post */
	ck_assert_int_eq(post(poster_outbox, &p), -1);
	p.step = 3;			/* a new one, queued */
	ck_assert_int_eq(post(poster_outbox, &p), 0);
	expect_event(c, "{\"id\":\"new\",\"state\":\"QUEUED\"");
	ck_assert_ptr_null(next_event(c, 300));
	wsc_free(c);
	tmb_free(&m);
}
END_TEST

/*
 * More entries that can still change than a subscription remembers (the
 * bound lowered to 4 for this API): it ends with QUOTA_EXCEEDED rather
 * than miss changes; at the bound it follows as usual.
 */
START_TEST(deliveries_ends_rather_than_miss_changes_beyond_its_bound)
{
	struct tmb	 m, m2;
	struct wsc	*c;
	char		*r;
	int		 port;

	tmb_init(&m, 0x12);
	tmb_init(&m2, 0x13);
	prepare_mailbox(&m, 5);
	prepare_mailbox(&m2, 4);
	live_max = 4;
	port = edge_up();
	c = subscribe(port, m.tok_dev[0], "subscription { deliveries "
	    "{ id state } }");
	r = wsc_recv_text(c, 5000);
	ck_assert_msg(r != NULL && strstr(r, "\"type\":\"error\"") != NULL &&
	    strstr(r, "\"id\":\"s\"") != NULL &&
	    strstr(r, "\"code\":\"QUOTA_EXCEEDED\"") != NULL, "got %s",
	    r != NULL ? r : "(nothing)");
	free(r);
	wsc_free(c);
	c = subscribe(port, m2.tok_dev[0], "subscription { deliveries "
	    "{ id state } }");
	ck_assert_ptr_null(next_event(c, 300));
	wsc_free(c);
	live_max = 0;
	tmb_free(&m);
	tmb_free(&m2);
}
END_TEST

/*
 * A client that does not read while MANY entries are delivered: the
 * send queue fills and the subscription pauses with most of them unsent.
 * It remembers none of those (the bound is 4 here): once read, every
 * one arrives exactly once, oldest first, and the subscription goes on.
 */
START_TEST(a_paused_deliveries_subscription_sends_each_change_once)
{
	struct tmb	 m;
	struct poster	 p;
	struct wsc	*c;
	char		*r, want[64];
	int		 port, i;

	tmb_init(&m, 0x14);
	prepare_mailbox(&m, 0);
	live_max = 4;
	port = edge_up();
	c = subscribe(port, m.tok_dev[0], "subscription { deliveries "
	    "{ id state } }");
	ck_assert_ptr_null(next_event(c, 300));
	memset(&p, 0, sizeof(p));
	p.mailbox = m.id;
	p.step = 4;
	ck_assert_int_eq(post(poster_outbox, &p), 0);
	usleep(500000);			/* not reading: the queue fills */
	for (i = 0; i < MANY; i++) {
		r = next_event(c, 10000);
		snprintf(want, sizeof(want), "{\"id\":\"n%d\",\"state\":"
		    "\"DELIVERED\"}", i);
		ck_assert_msg(r != NULL && strstr(r, want) != NULL,
		    "event %d: want %s, got %s", i, want,
		    r != NULL ? r : "(nothing)");
		free(r);
	}
	ck_assert_ptr_null(next_event(c, 300));
	p.step = 3;
	ck_assert_int_eq(post(poster_outbox, &p), 0);
	expect_event(c, "{\"id\":\"new\",\"state\":\"QUEUED\"}");
	wsc_free(c);
	live_max = 0;
	tmb_free(&m);
}
END_TEST

/* GET /healthz's body (NULL: no answer). */
static char *
healthz(int port)
{
	char	 resp[4096];
	int	 fd;

	fd = tcp_connect(port);
	ck_assert_int_ne(fd, -1);
	ck_assert_int_eq(raw_send(fd, "GET /healthz HTTP/1.1\r\nHost: x\r\n"
	    "Connection: close\r\n\r\n"), 0);
	if (raw_read_all(fd, resp, sizeof(resp), 5000) <= 0) {
		close(fd);
		return NULL;
	}
	close(fd);
	return xstrdup(resp);
}

/* Wait (bounded: 5 s) until /healthz says want. */
static void
expect_healthz(int port, const char *want)
{
	char	*r = NULL;
	int	 i;

	for (i = 0; i < 250; i++) {
		free(r);
		if ((r = healthz(port)) != NULL && strstr(r, want) != NULL)
			break;
		usleep(20000);
	}
	ck_assert_msg(r != NULL && strstr(r, want) != NULL, "want %s, got %s",
	    want, r != NULL ? r : "(nothing)");
	free(r);
}

/*
 * Regression: /healthz said "connecting" from the static configuration
 * whatever the tor thread posted. It reports the posted state, the one
 * Node.torStatus shows.
 */
START_TEST(healthz_reports_the_tor_state_posted)
{
	struct poster	 p;
	int		 port;

	cfg.tor_disabled = 0;
	port = edge_up();
	expect_healthz(port, "\"tor\":\"connecting\",\"published\":false");
	memset(&p, 0, sizeof(p));
	p.status = API_TOR_PUBLISHED;
	p.published = 1;
	ck_assert_int_eq(post(poster_node, &p), 0);
	expect_healthz(port, "\"tor\":\"published\",\"published\":true");
	p.status = API_TOR_FAILED;
	p.published = 0;
	ck_assert_int_eq(post(poster_node, &p), 0);
	expect_healthz(port, "\"tor\":\"failed\",\"published\":false");
}
END_TEST

/* With --no-tor, posts are ignored: /healthz stays "disabled". */
START_TEST(healthz_says_disabled_without_tor)
{
	struct poster	 p;
	int		 port;

	port = edge_up();
	memset(&p, 0, sizeof(p));
	p.status = API_TOR_PUBLISHED;
	p.published = 1;
	ck_assert_int_eq(post(poster_node, &p), 0);
	expect_healthz(port, "\"tor\":\"disabled\",\"published\":false");
}
END_TEST

START_TEST(tor_states_posted_from_another_thread_reach_node_status)
{
	struct poster	 p;
	struct wsc	*c;
	char		 resp[4096], *r;
	int		 port, fd;

	cfg.tor_disabled = 0;
	port = edge_up();
	c = subscribe(port, NULL, "subscription { nodeStatus "
	    "{ torStatus published onion } }");
	expect_event(c, "{\"torStatus\":\"CONNECTING\",\"published\":false,"
	    "\"onion\":null}");
	memset(&p, 0, sizeof(p));
	p.status = API_TOR_PUBLISHING;
	ck_assert_int_eq(post(poster_node, &p), 0);
	expect_event(c, "{\"torStatus\":\"PUBLISHING\",\"published\":false");
	p.status = API_TOR_PUBLISHED;
	p.published = 1;
	ck_assert_int_eq(post(poster_node, &p), 0);
	expect_event(c, "{\"torStatus\":\"PUBLISHED\",\"published\":true,"
	    "\"onion\":\"");
	/* the same state again is no change: the next event is FAILED */
	ck_assert_int_eq(post(poster_node, &p), 0);
	p.status = API_TOR_FAILED;
	p.published = 0;
	ck_assert_int_eq(post(poster_node, &p), 0);
	p.status = (enum api_tor_status)42;
	ck_assert_int_eq(post(poster_node, &p), -1);
	r = next_event(c, 5000);
	ck_assert_msg(r != NULL && strstr(r, "\"torStatus\":\"FAILED\","
	    "\"published\":false") != NULL && strstr(r, label) != NULL,
	    "got %s", r != NULL ? r : "(nothing)");
	free(r);
	ck_assert_ptr_null(next_event(c, 300));
	/* this connection has no token: deliveries is refused */
	ck_assert_int_eq(wsc_send(c, "{\"id\":\"d\",\"type\":\"subscribe\","
	    "\"payload\":{\"query\":\"subscription { deliveries { id } }\"}}"),
	    0);
	r = wsc_recv_text(c, 5000);
	ck_assert_msg(r != NULL && strstr(r, "\"type\":\"error\"") != NULL &&
	    strstr(r, "\"code\":\"UNAUTHENTICATED\"") != NULL, "got %s",
	    r != NULL ? r : "(nothing)");
	free(r);
	wsc_free(c);
	/* and Query.node over HTTP */
	fd = tcp_connect(port);
	ck_assert_int_ne(fd, -1);
	ck_assert_int_eq(raw_send(fd, "GET /graphql?query=%7Bnode%7BtorStatus"
	    "%7D%7D HTTP/1.1\r\nHost: x\r\nAccept: application/json\r\n"
	    "Connection: close\r\n\r\n"), 0);
	ck_assert_int_gt(raw_read_all(fd, resp, sizeof(resp), 5000), 0);
	close(fd);
	ck_assert_msg(strstr(resp, "{\"data\":{\"node\":{\"torStatus\":"
	    "\"FAILED\"}}}") != NULL, "%s", resp);
}
END_TEST

int
main(void)
{
	Suite	*s = suite_create("api");
	TCase	*tr = tcase_create("resolvers");
	TCase	*te = tcase_create("edge");

	if (om_init() == -1)
		return EXIT_FAILURE;
	tcase_add_checked_fixture(tr, setup, teardown);
	tcase_set_timeout(tr, 30);
	tcase_add_test(tr, auth_errors_have_precise_codes);
	tcase_add_test(tr, input_and_quota_errors_have_precise_codes);
	tcase_add_test(tr, send_is_idempotent_locally_and_remotely);
	tcase_add_test(tr, ack_with_two_devices);
	tcase_add_test(tr, outbox_is_newest_first_and_retry_requeues_failed);
	tcase_add_test(tr, news_is_given_to_the_hub_only_after_the_commit);
	tcase_add_test(tr, posted_messages_wake_their_followers);
	tcase_add_test(tr, token_bucket_refills_continuously);
	tcase_add_test(tr, create_mailbox_is_rate_limited_per_node);
	tcase_add_test(tr,
	    send_is_rate_limited_per_mailbox_and_for_anonymous_senders);
	suite_add_tcase(s, tr);
	tcase_add_checked_fixture(te, setup, teardown);
	tcase_set_timeout(te, 60);
	tcase_add_test(te,
	    outbox_changes_posted_from_another_thread_reach_deliveries);
	tcase_add_test(te, tor_states_posted_from_another_thread_reach_node_status);
	tcase_add_test(te,
	    a_change_of_an_entry_older_than_the_newest_1024_is_sent);
	tcase_add_test(te,
	    deliveries_ends_rather_than_miss_changes_beyond_its_bound);
	tcase_add_test(te,
	    a_paused_deliveries_subscription_sends_each_change_once);
	tcase_add_test(te, healthz_reports_the_tor_state_posted);
	tcase_add_test(te, healthz_says_disabled_without_tor);
	suite_add_tcase(s, te);
	return unit_run(s);
}
