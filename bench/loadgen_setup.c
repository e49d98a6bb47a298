/*
 * loadgen_setup.c: the set-up step of a bench/loadgen run, before any
 * load: learn the node's onion label (`query { node { onion } }`, or
 * --onion), then create the run's mailboxes with aliased createMailbox
 * mutations over HTTP and make a bearer token for each. With --auth
 * onionmsg the proofs and tokens are real (libonionmsg: an owner key signs
 * the create-mailbox proof, the device key signs the token; see
 * onionmsg(7)); with --auth none the proof is 72 zero bytes and the token
 * is the mailbox id, for servers that do not check either (bench/peer
 * accepts both forms). Every mailbox gets fresh keys, so runs against the
 * same server never collide.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <curl/curl.h>
#include <jansson.h>
#include <onionmsg/onionmsg.h>
#include <sodium.h>

#include "common/buf.h"
#include "common/log.h"
#include "common/util.h"
#include "common/xmalloc.h"
#include "loadgen.h"

#define LG_SETUP_BATCH		50	/* createMailbox fields per request */
#define LG_SETUP_PATIENCE	300	/* seconds of RATE_LIMITED per batch */

/* One mailbox's keys while its createMailbox is under way. */
struct lg_keys {
	struct om_key	*owner;
	struct om_key	*device;
	char		 id[OM_MAILBOX_ID_LEN + 1];
};

static size_t	 lg_setup_write(char *, size_t, size_t, void *);
static int	 lg_setup_onion(struct lg_run *);
static int	 lg_setup_batch(struct lg_run *, int, int);
static int	 lg_setup_try(struct lg_run *, int, int, struct lg_keys *);
static void	 lg_setup_keys(struct lg_run *, int, struct lg_keys *);
static void	 lg_setup_field(struct lg_run *, int, const struct lg_keys *,
		    struct buf *);
static json_t	*lg_setup_data(const char *, const char *, int *);

static size_t
lg_setup_write(char *p, size_t size, size_t n, void *arg)
{
	buf_add(arg, p, size * n);
	return size * n;
}

/* POST a GraphQL body to the server, with a bearer token unless NULL; the
 * response body in *resp (the caller frees it). 0, or -1 on a transport
 * failure or a status other than 200. */
int
lg_http_post(const struct lg_run *run, const char *body, const char *token,
    char **resp)
{
	CURL			*h;
	struct curl_slist	*hdrs = NULL;
	struct buf		 out = BUF_INIT, auth = BUF_INIT;
	char			 url[128];
	long			 status = 0;
	CURLcode		 rc;

	snprintf(url, sizeof(url), "http://%s:%d/graphql", run->o.host,
	    run->o.port);
	if ((h = curl_easy_init()) == NULL)
		fatalx("loadgen", "curl_easy_init");
	hdrs = curl_slist_append(hdrs, "Content-Type: application/json");
	hdrs = curl_slist_append(hdrs, "Expect:");
	if (token != NULL) {
		buf_addf(&auth, "Authorization: Bearer %s", token);
		hdrs = curl_slist_append(hdrs, buf_cstr(&auth));
	}
	curl_easy_setopt(h, CURLOPT_URL, url);
	curl_easy_setopt(h, CURLOPT_HTTPHEADER, hdrs);
	curl_easy_setopt(h, CURLOPT_POSTFIELDS, body);
	curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, lg_setup_write);
	curl_easy_setopt(h, CURLOPT_WRITEDATA, &out);
	curl_easy_setopt(h, CURLOPT_TIMEOUT, 60L);
	curl_easy_setopt(h, CURLOPT_NOPROXY, "*");
	rc = curl_easy_perform(h);
	curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &status);
	curl_easy_cleanup(h);
	curl_slist_free_all(hdrs);
	buf_free(&auth);
	if (rc != CURLE_OK || status != 200) {
		log_warnx("loadgen", "POST %s: %s, status %ld: %.300s", url,
		    curl_easy_strerror(rc), status, buf_cstr(&out));
		buf_free(&out);
		return -1;
	}
	*resp = buf_detach(&out, NULL);
	return 0;
}

/* Parse a GraphQL response; its "data" object (a new reference), or NULL
 * after logging the first error. *limited (unless NULL) tells whether an
 * error was RATE_LIMITED, which the caller may retry quietly. */
static json_t *
lg_setup_data(const char *what, const char *resp, int *limited)
{
	json_t		*root, *data, *errs, *e;
	json_error_t	 err;
	size_t		 i;
	const char	*code;

	if ((root = json_loads(resp, 0, &err)) == NULL) {
		log_warnx("loadgen", "%s: response is not JSON: %s", what,
		    err.text);
		return NULL;
	}
	errs = json_object_get(root, "errors");
	data = json_object_get(root, "data");
	if (json_array_size(errs) > 0 || !json_is_object(data)) {
		json_array_foreach(errs, i, e) {
			code = json_string_value(json_object_get(
			    json_object_get(e, "extensions"), "code"));
			if (limited != NULL && code != NULL &&
			    strcmp(code, "RATE_LIMITED") == 0)
				*limited = 1;
		}
		e = json_object_get(json_array_get(errs, 0), "message");
		if (limited == NULL || !*limited)
			log_warnx("loadgen", "%s: %s", what, json_is_string(e) ?
			    json_string_value(e) : "no data");
		json_decref(root);
		return NULL;
	}
	json_incref(data);
	json_decref(root);
	return data;
}

static int
lg_setup_onion(struct lg_run *run)
{
	char		*resp;
	json_t		*data, *onion;
	const char	*label = NULL;
	size_t		 len;

	if (lg_http_post(run, "{\"query\":\"{node{onion version}}\"}", NULL,
	    &resp) == -1)
		return -1;
	data = lg_setup_data("node", resp, NULL);
	free(resp);
	if (data == NULL)
		return -1;
	onion = json_object_get(json_object_get(data, "node"), "onion");
	if (json_is_string(onion))
		label = json_string_value(onion);
	if (run->o.onion != NULL) {
		if (label != NULL && strcmp(label, run->o.onion) != 0)
			log_warnx("loadgen", "--onion %s overrides the node's %s",
			    run->o.onion, label);
		label = run->o.onion;
	}
	/* node { onion } is "<label>.onion"; --onion may be either. */
	len = label != NULL ? strlen(label) : 0;
	if (len == OM_ONION_LEN + 6 && strcmp(label + OM_ONION_LEN,
	    ".onion") == 0)
		len = OM_ONION_LEN;
	if (label == NULL || len != OM_ONION_LEN ||
	    om_onion_address_parse(label, len, NULL) != OM_ONION_OK) {
		log_warnx("loadgen", "the node reports no usable onion label "
		    "(node.onion is %s); pass --onion LABEL", label ? label :
		    "null");
		json_decref(data);
		return -1;
	}
	snprintf(run->onion, sizeof(run->onion), "%.*s", (int)len, label);
	json_decref(data);
	return 0;
}

/* Make mailbox i's keys, its Address and its token. */
static void
lg_setup_keys(struct lg_run *run, int i, struct lg_keys *k)
{
	struct lg_mailbox	*mb = &run->mailboxes[i];

	if ((k->owner = om_key_generate()) == NULL ||
	    (k->device = om_key_generate()) == NULL)
		fatalx("loadgen", "om_key_generate");
	om_mailbox_id_from_owner(om_key_pubkey(k->owner), k->id);
	if (om_address_format(k->id, run->onion, mb->address,
	    sizeof(mb->address)) == -1)
		fatalx("loadgen", "om_address_format");
	if (run->o.auth == LG_AUTH_NONE)
		snprintf(mb->token, sizeof(mb->token), "%s", k->id);
	else if (om_token_sign(k->device, k->id, run->onion,
	    (uint64_t)time(NULL), 3600, mb->token, sizeof(mb->token)) == -1)
		fatalx("loadgen", "cannot sign a token");
}

/* Add mailbox i's createMailbox field, with a proof made now. */
static void
lg_setup_field(struct lg_run *run, int i, const struct lg_keys *k,
    struct buf *q)
{
	uint8_t		proof[OM_PROOF_LEN];
	char		ok[OM_BASE64_LEN(OM_PUBKEY_LEN) + 1];
	char		dk[sizeof(ok)], pr[OM_BASE64_LEN(OM_PROOF_LEN) + 1];

	memset(proof, 0, sizeof(proof));
	if (run->o.auth == LG_AUTH_ONIONMSG &&
	    om_proof_sign(OM_PROOF_CREATE_MAILBOX, k->owner, run->onion,
	    om_key_pubkey(k->device), (uint64_t)time(NULL), proof) == -1)
		fatalx("loadgen", "cannot sign a proof");
	if (om_base64_encode(om_key_pubkey(k->owner), OM_PUBKEY_LEN, ok,
	    sizeof(ok)) == -1 || om_base64_encode(om_key_pubkey(k->device),
	    OM_PUBKEY_LEN, dk, sizeof(dk)) == -1 || om_base64_encode(proof,
	    sizeof(proof), pr, sizeof(pr)) == -1)
		fatalx("loadgen", "om_base64_encode");
	buf_addf(q, " m%d:createMailbox(ownerKey:\\\"%s\\\",deviceKey:"
	    "\\\"%s\\\",proof:\\\"%s\\\"){id}", i, ok, dk, pr);
}

/* Send the createMailbox request of mailboxes [from, to) once: 0 when
 * every id came back as expected, 1 when rate limited, else -1. */
static int
lg_setup_try(struct lg_run *run, int from, int to, struct lg_keys *keys)
{
	struct buf	 q = BUF_INIT;
	char		*resp, key[32];
	json_t		*data = NULL;
	int		 i, limited = 0, rv = -1;
	const char	*id;

	buf_adds(&q, "{\"query\":\"mutation{");
	for (i = from; i < to; i++)
		lg_setup_field(run, i, &keys[i - from], &q);
	buf_adds(&q, "}\"}");
	if (lg_http_post(run, buf_cstr(&q), NULL, &resp) == -1)
		goto fail;
	data = lg_setup_data("createMailbox", resp, &limited);
	free(resp);
	if (data == NULL) {
		rv = limited ? 1 : -1;
		goto fail;
	}
	for (i = from; i < to; i++) {
		snprintf(key, sizeof(key), "m%d", i);
		id = json_string_value(json_object_get(json_object_get(data,
		    key), "id"));
		if (id == NULL || strcmp(id, keys[i - from].id) != 0) {
			log_warnx("loadgen", "createMailbox returned id %s, "
			    "expected %s", id ? id : "null", keys[i - from].id);
			goto fail;
		}
	}
	rv = 0;
fail:
	json_decref(data);
	buf_free(&q);
	return rv;
}

/* Create mailboxes [from, to) in one request. createMailbox is rate
 * limited on a real node, and creating an existing mailbox with the same
 * keys returns it again, so a RATE_LIMITED answer is retried with the
 * same keys, backing off, for at most LG_SETUP_PATIENCE seconds. */
static int
lg_setup_batch(struct lg_run *run, int from, int to)
{
	struct lg_keys	*keys = xcalloc((size_t)(to - from), sizeof(*keys));
	uint64_t	 start = util_mono_us(), pause = 50000;
	int		 i, r;
	static int	 told;

	for (i = from; i < to; i++)
		lg_setup_keys(run, i, &keys[i - from]);
	while ((r = lg_setup_try(run, from, to, keys)) == 1) {
		if (util_mono_us() - start > LG_SETUP_PATIENCE * 1000000ULL) {
			log_warnx("loadgen", "createMailbox: still rate limited "
			    "after %d s", LG_SETUP_PATIENCE);
			break;
		}
		if (!told++)
			log_warnx("loadgen", "createMailbox is rate limited; "
			    "retrying with backoff");
		usleep((useconds_t)pause);
		if (pause < 2000000)
			pause *= 2;
	}
	for (i = 0; i < to - from; i++) {
		om_key_free(keys[i].owner);
		om_key_free(keys[i].device);
	}
	free(keys);
	return r == 0 ? 0 : -1;
}

/* Learn the node's label and create n mailboxes with their tokens. */
int
lg_setup(struct lg_run *run, int n)
{
	int	i;

	if (lg_setup_onion(run) == -1)
		return -1;
	run->mailboxes = xcalloc((size_t)n, sizeof(*run->mailboxes));
	run->nmailboxes = n;
	for (i = 0; i < n; i += LG_SETUP_BATCH)
		if (lg_setup_batch(run, i, i + LG_SETUP_BATCH < n ?
		    i + LG_SETUP_BATCH : n) == -1)
			return -1;
	return 0;
}
