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

#include <curl/curl.h>
#include <jansson.h>
#include <onionmsg/onionmsg.h>
#include <sodium.h>

#include "common/buf.h"
#include "common/log.h"
#include "common/xmalloc.h"
#include "loadgen.h"

#define LG_SETUP_BATCH	50	/* createMailbox fields per request */

static size_t	 lg_setup_write(char *, size_t, size_t, void *);
static int	 lg_setup_onion(struct lg_run *);
static int	 lg_setup_batch(struct lg_run *, int, int);
static void	 lg_setup_mailbox(struct lg_run *, int, struct buf *);
static json_t	*lg_setup_data(const char *, const char *);

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
 * after logging the first error. */
static json_t *
lg_setup_data(const char *what, const char *resp)
{
	json_t		*root, *data, *errs;
	json_error_t	 err;

	if ((root = json_loads(resp, 0, &err)) == NULL) {
		log_warnx("loadgen", "%s: response is not JSON: %s", what,
		    err.text);
		return NULL;
	}
	errs = json_object_get(root, "errors");
	data = json_object_get(root, "data");
	if (json_array_size(errs) > 0 || !json_is_object(data)) {
		json_t *m = json_object_get(json_array_get(errs, 0), "message");

		log_warnx("loadgen", "%s: %s", what,
		    json_is_string(m) ? json_string_value(m) : "no data");
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

	if (lg_http_post(run, "{\"query\":\"{node{onion version}}\"}", NULL,
	    &resp) == -1)
		return -1;
	data = lg_setup_data("node", resp);
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
	if (label == NULL || strlen(label) != OM_ONION_LEN ||
	    om_onion_address_parse(label, strlen(label), NULL) != OM_ONION_OK) {
		log_warnx("loadgen", "the node reports no usable onion label "
		    "(node.onion is %s); pass --onion LABEL", label ? label :
		    "null");
		json_decref(data);
		return -1;
	}
	snprintf(run->onion, sizeof(run->onion), "%s", label);
	json_decref(data);
	return 0;
}

/* Make mailbox i's keys, proof and token; add its createMailbox field. */
static void
lg_setup_mailbox(struct lg_run *run, int i, struct buf *q)
{
	struct lg_mailbox	*mb = &run->mailboxes[i];
	struct om_key		*owner, *device;
	uint8_t			 proof[OM_PROOF_LEN];
	char			 ok[OM_BASE64_LEN(OM_PUBKEY_LEN) + 1];
	char			 dk[sizeof(ok)], pr[OM_BASE64_LEN(OM_PROOF_LEN) + 1];
	char			 id[OM_MAILBOX_ID_LEN + 1];
	uint64_t		 now = (uint64_t)time(NULL);

	if ((owner = om_key_generate()) == NULL ||
	    (device = om_key_generate()) == NULL)
		fatalx("loadgen", "om_key_generate");
	om_mailbox_id_from_owner(om_key_pubkey(owner), id);
	memset(proof, 0, sizeof(proof));
	if (run->o.auth == LG_AUTH_ONIONMSG) {
		if (om_proof_sign(OM_PROOF_CREATE_MAILBOX, owner, run->onion,
		    om_key_pubkey(device), now, proof) == -1 ||
		    om_token_sign(device, id, run->onion, now, 3600, mb->token,
		    sizeof(mb->token)) == -1)
			fatalx("loadgen", "cannot sign a proof or token");
	} else
		snprintf(mb->token, sizeof(mb->token), "%s", id);
	if (om_address_format(id, run->onion, mb->address,
	    sizeof(mb->address)) == -1)
		fatalx("loadgen", "om_address_format");
	if (om_base64_encode(om_key_pubkey(owner), OM_PUBKEY_LEN, ok,
	    sizeof(ok)) == -1 || om_base64_encode(om_key_pubkey(device),
	    OM_PUBKEY_LEN, dk, sizeof(dk)) == -1 || om_base64_encode(proof,
	    sizeof(proof), pr, sizeof(pr)) == -1)
		fatalx("loadgen", "om_base64_encode");
	buf_addf(q, " m%d:createMailbox(ownerKey:\\\"%s\\\",deviceKey:"
	    "\\\"%s\\\",proof:\\\"%s\\\"){id}", i, ok, dk, pr);
	om_key_free(owner);
	om_key_free(device);
}

/* Create mailboxes [from, to) in one request and check the ids. */
static int
lg_setup_batch(struct lg_run *run, int from, int to)
{
	struct buf	 q = BUF_INIT;
	char		*resp, key[32];
	json_t		*data = NULL;
	int		 i, rv = -1;

	buf_adds(&q, "{\"query\":\"mutation{");
	for (i = from; i < to; i++)
		lg_setup_mailbox(run, i, &q);
	buf_adds(&q, "}\"}");
	if (lg_http_post(run, buf_cstr(&q), NULL, &resp) == -1)
		goto fail;
	data = lg_setup_data("createMailbox", resp);
	free(resp);
	if (data == NULL)
		goto fail;
	for (i = from; i < to; i++) {
		const char *id;

		snprintf(key, sizeof(key), "m%d", i);
		id = json_string_value(json_object_get(json_object_get(data,
		    key), "id"));
		if (id == NULL || strncmp(id, run->mailboxes[i].address,
		    OM_MAILBOX_ID_LEN) != 0) {
			log_warnx("loadgen", "createMailbox returned id %s, "
			    "expected %.32s", id ? id : "null",
			    run->mailboxes[i].address);
			goto fail;
		}
	}
	rv = 0;
fail:
	json_decref(data);
	buf_free(&q);
	return rv;
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
