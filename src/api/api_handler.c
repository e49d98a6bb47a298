/*
 * api_handler.c: the struct edge_handler of the API. Each operation is a
 * struct api_req: parse and validate its document (with the node's query
 * limits), execute it with the request as the resolvers' context, and
 * hand the JSON to the edge. A long-poll (messages with wait > 0 and
 * nothing to return) makes the executor answer WOULD_BLOCK: the request
 * is parked on its mailbox with a timer; a commit that stores a message
 * for that mailbox wakes it (api_wake), the timer ends the wait, and
 * either way the operation runs again from scratch, after the current
 * callback (a 0 ms timer), so executions never nest.
 */
#include "config.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "api/api_int.h"
#include "common/log.h"
#include "common/xmalloc.h"
#include "graphql/gql_coerce.h"
#include "graphql/gql_parse.h"
#include "graphql/gql_validate.h"
#include "store/store.h"

/* What the store keeps of the messages it committed last. */
#define API_RECENT_ROWS		8192
#define API_RECENT_BYTES	(8u << 20)

static void	api_execute(struct edge_op *, const struct edge_request *,
		    const struct edge_auth *, void *);
static void	api_cancel(struct edge_op *, void *);
static int	api_authenticate(const char *, struct edge_auth *, char *,
		    size_t, void *);
static int	api_health(json_t *, void *);
static int	api_init(struct edge *, void *);
static void	api_fini(struct edge *, void *);
static int	api_prepare(struct api_req *, struct buf *);
static const struct gql_prepared *api_prepared(struct api_req *);
static void	api_prepared_free(void *);
static void	api_run(struct api_req *);
static void	api_req_free(struct api_req *);
static void	api_req_release(struct api_req *);
static void	api_timer_cb(void *);
static struct gql_cache *api_cache_new(const struct api *);

const struct edge_handler api_handler = {
	.execute = api_execute,
	.cancel = api_cancel,
	.resume = api_sub_resume,
	.authenticate = api_authenticate,
	.health = api_health,
	.message = api_message,		/* api_notify.c */
	.init = api_init,
	.fini = api_fini,
};

static void
api_execute(struct edge_op *op, const struct edge_request *er,
    const struct edge_auth *auth, void *arg)
{
	struct api	*api = arg;
	struct api_req	*req;
	struct buf	 out;
	int		 rc;

	req = xcalloc(1, sizeof(*req));
	req->api = api;
	req->op = op;
	if (auth != NULL && auth->ok) {
		req->authed = 1;
		memcpy(&req->auth, auth->data, sizeof(req->auth));
	}
	req->query = xstrdup(er->query);
	if (er->operation_name != NULL)
		req->operation_name = xstrdup(er->operation_name);
	if (er->variables_json != NULL) {
		/* by its length: the engine reads that many bytes */
		req->variables_len = er->variables_len;
		req->variables = xmalloc(er->variables_len + 1);
		memcpy(req->variables, er->variables_json, er->variables_len);
		req->variables[er->variables_len] = '\0';
	}
	edge_op_set_data(op, req);
	buf_init(&out);
	if ((rc = api_prepare(req, &out)) < 0) {
		api_answer(req, rc == -405 ? 405 : 0, &out);
		buf_free(&out);
		return;
	}
	buf_free(&out);
	if (rc == 1)		/* a subscription, started */
		return;
	if (req->mutation)	/* answered after its group's commit */
		api_group_add(req);
	else
		api_run(req);
}

/* Parse and validate; -1 (-405: a mutation over GET) with errors in out. */
static int
api_prepare(struct api_req *req, struct buf *out)
{
	struct gql_errors		 errs = GQL_ERRORS_INIT;
	struct gql_error		 e;
	const struct gql_ast_operation	*o;

	if ((req->doc_entry = gql_cache_fetch(req->api->cache, req->query,
	    strlen(req->query), &errs)) == NULL) {
		gql_exec_write_errors(&errs, out);
		gql_errors_free(&errs);
		return -1;
	}
	req->doc = gql_cache_doc(req->doc_entry);
	gql_error_clear(&e);
	o = gql_exec_operation(req->doc, req->operation_name, &e);
	gql_error_free(&e);	/* gql_execute() reports it */
	if (o != NULL && o->op == GQL_OP_MUTATION &&
	    edge_op_transport(req->op) == EDGE_HTTP_GET) {
		buf_adds(out, "{\"errors\":[{\"message\":\"mutations need "
		    "POST\",\"extensions\":{\"code\":\"METHOD_NOT_ALLOWED\"}}]}");
		return -405;
	}
	req->mutation = o != NULL && o->op == GQL_OP_MUTATION;
	if (o != NULL && o->op == GQL_OP_SUBSCRIPTION) {
		if (edge_op_transport(req->op) == EDGE_WS ||
		    edge_op_transport(req->op) == EDGE_WS_LEGACY)
			return api_sub_start(req, out) == 0 ? 1 : -1;
		buf_adds(out, "{\"errors\":[{\"message\":\"subscriptions "
		    "need a WebSocket\",\"extensions\":{\"code\":"
		    "\"BAD_REQUEST\"}}]}");
		return -1;
	}
	return 0;
}

/* Execute req's document into out; resolvers' allocations are freed. */
enum gql_exec_status
api_req_exec(struct api_req *req, struct buf *out)
{
	struct gql_request	 gr;
	enum gql_exec_status	 st;

	memset(&gr, 0, sizeof(gr));
	gr.schema = req->api->schema;
	gr.doc = req->doc;
	gr.prepared = api_prepared(req);
	gr.operation_name = req->operation_name;
	gr.variables_json = req->variables;
	gr.variables_len = req->variables_len;
	gr.ctx = req;
	gr.options = &req->api->exec_opts;
	req->woken = 0;
	st = gql_execute(&gr, out);
	api_req_release(req);
	return st;
}

/*
 * The plans of req's cached document, prepared at its first execution
 * and kept with the cache entry (they go when it goes); NULL runs the
 * request unprepared, with the same result.
 */
static const struct gql_prepared *
api_prepared(struct api_req *req)
{
	struct gql_prepared	*p;

	if (req->doc_entry == NULL)
		return NULL;
	if ((p = gql_cache_aux(req->doc_entry)) == NULL &&
	    (p = gql_prepare(req->api->schema, req->doc,
	    &req->api->exec_opts)) != NULL)
		gql_cache_set_aux(req->doc_entry, p, api_prepared_free);
	return p;
}

static void
api_prepared_free(void *p)
{
	gql_prepared_free(p);
}

/* Execute the request; answer it, or park it until it can be. */
static void
api_run(struct api_req *req)
{
	struct buf		 out;
	enum gql_exec_status	 st;

	buf_init(&out);
	st = api_req_exec(req, &out);
	if (st == GQL_EXEC_WOULD_BLOCK) {
		if (!req->parked) {
			TAILQ_INSERT_TAIL(&req->api->parked, req, entry);
			req->parked = 1;
		}
		buf_free(&out);
		return;
	}
	api_answer(req, 0, &out);
	buf_free(&out);
}

/* Send the JSON in out as op's result and free the request. */
void
api_answer(struct api_req *req, int status, struct buf *out)
{
	struct edge_op	*op = req->op;
	int		 has_data;

	if (edge_op_data(op) == NULL) {
		api_req_free(req);
		return;
	}
	/* The executor writes "data" first when there is any. */
	has_data = out->len >= 8 && memcmp(out->data, "{\"data\":", 8) == 0;
	edge_op_set_data(op, NULL);
	api_req_free(req);
	edge_op_result_text(op, status, has_data, out->data, out->len);
}

/* Park the blocked request with a timer of wait seconds (capped). */
void
api_req_park(struct api_req *req, const char *mailbox, int64_t wait)
{
	uint64_t	ms;

	snprintf(req->wait_mailbox, sizeof(req->wait_mailbox), "%s",
	    mailbox);
	if ((uint64_t)wait > req->api->cfg.long_poll_max)
		wait = (int64_t)req->api->cfg.long_poll_max;
	ms = (uint64_t)wait * 1000;
	if (req->timer == NULL)
		req->timer = edge_timer_new(req->api->edge, api_timer_cb, req);
	edge_timer_set(req->timer, (unsigned)ms);
}

/* Wake the parked long-polls and followers of mailbox: they run soon. */
void
api_wake_now(struct api *api, const char *mailbox)
{
	struct api_req	*req;

	TAILQ_FOREACH(req, &api->parked, entry) {
		if (strcmp(req->wait_mailbox, mailbox) != 0 || req->woken)
			continue;
		req->woken = 1;
		edge_timer_set(req->timer, 0);
	}
	api_sub_notify_messages(api, mailbox);
}

/* Wake mailbox's waiters now, or after the open group's commit. */
void
api_wake(struct api *api, const char *mailbox)
{
	if (api_group_defer_wake(api, mailbox) == 0)
		api_wake_now(api, mailbox);
}

static void
api_timer_cb(void *arg)
{
	struct api_req	*req = arg;

	if (!req->woken)
		req->wait_expired = 1;
	api_run(req);
}

static void
api_cancel(struct edge_op *op, void *arg)
{
	struct api_req	*req = edge_op_data(op);

	(void)arg;
	if (req != NULL)
		api_req_free(req);
}

/* Remember what a resolver allocated outside the arena, to free later. */
void
api_req_defer_free(struct api_req *req, void (*fn)(void *, size_t), void *p,
    size_t n)
{
	req->frees = xreallocarray(req->frees, req->nfrees + 1,
	    sizeof(*req->frees));
	req->frees[req->nfrees].fn = fn;
	req->frees[req->nfrees].p = p;
	req->frees[req->nfrees].n = n;
	req->nfrees++;
}

static void
api_req_release(struct api_req *req)
{
	size_t	i;

	for (i = 0; i < req->nfrees; i++)
		req->frees[i].fn(req->frees[i].p, req->frees[i].n);
	free(req->frees);
	req->frees = NULL;
	req->nfrees = 0;
}

static void
api_req_free(struct api_req *req)
{
	api_sub_free(req->sub);
	if (req->parked)
		TAILQ_REMOVE(&req->api->parked, req, entry);
	api_group_remove(req);
	edge_timer_free(req->timer);
	api_req_release(req);
	if (req->doc_entry != NULL)
		gql_cache_release(req->doc_entry);
	free(req->query);
	free(req->operation_name);
	free(req->variables);
	free(req);
}

static int
api_authenticate(const char *token, struct edge_auth *auth, char *why,
    size_t whylen, void *arg)
{
	struct api		*api = arg;
	struct api_auth		 a;

	if (api_auth_verify(api, token, &a, why, whylen) == -1)
		return -1;
	auth->ok = 1;
	/* the edge closes a WebSocket with 4403 at the token's expiry */
	auth->expires_ms = a.expires_ms;
	memcpy(auth->data, &a, sizeof(a));
	return 0;
}

/*
 * GET /healthz (edge thread): Tor's state as the tor thread last posted
 * it (api_post_node_state), the one Node.torStatus shows, in lower case.
 */
static int
api_health(json_t *obj, void *arg)
{
	struct api	*api = arg;
	char		 tor[16];
	size_t		 i;

	snprintf(tor, sizeof(tor), "%s", api_tor_status_str(api->node.tor));
	for (i = 0; tor[i] != '\0'; i++)
		tor[i] = (char)tolower((unsigned char)tor[i]);
	json_object_set_new(obj, "tor", json_string(tor));
	json_object_set_new(obj, "published",
	    json_boolean(api->node.published));
	return 200;
}

static int
api_init(struct edge *edge, void *arg)
{
	struct api	*api = arg;
	char		 err[256];

	api->edge = edge;
	if ((api->store = store_open(api->cfg.db_path, api->cfg.sync_full ?
	    STORE_SYNC_FULL : STORE_SYNC_NORMAL, err, sizeof(err))) == NULL) {
		log_warnx("api", "cannot open the database: %s", err);
		return -1;
	}
	/* Inserts never wait for a checkpoint's fsyncs on the event loop. */
	if (api->cfg.bg_checkpoints)
		(void)store_set_autocheckpoint(api->store, 0);
	/*
	 * Every message is inserted and deleted here (the tor thread only
	 * touches the outbox), so followers may take new ones from memory.
	 */
	if (store_recent_enable(api->store, API_RECENT_ROWS,
	    API_RECENT_BYTES) != STORE_OK)
		log_warnx("api", "followers will read every message back: %s",
		    store_errmsg(api->store));
	api->cache = api_cache_new(api);
	return 0;
}

/* The edge thread's document cache, under the node's query limits. */
static struct gql_cache *
api_cache_new(const struct api *api)
{
	const struct api_config	*c = &api->cfg;
	struct gql_cache_config	 cc;
	struct gql_limits	 pl = GQL_LIMITS_DEFAULT;
	struct gql_validate_limits vl = GQL_VALIDATE_LIMITS_DEFAULT;

	memset(&cc, 0, sizeof(cc));
	cc.max_entries = GQL_CACHE_MAX_ENTRIES;
	cc.max_bytes = GQL_CACHE_MAX_BYTES;
	cc.schema = api->schema;
	pl.max_bytes = c->max_query_bytes;
	vl.max_depth = c->max_query_depth;
	vl.max_fields = c->max_query_fields;
	if (c->max_errors != 0)
		vl.max_errors = c->max_errors;
	if (c->max_query_tokens != 0)
		pl.max_tokens = c->max_query_tokens;
	if (c->max_introspection_depth != 0)
		vl.max_introspection_depth = c->max_introspection_depth;
	cc.parse = pl;
	cc.validate = vl;
	cc.hook.fn = gql_coerce_literal_hook;
	return gql_cache_new(&cc);
}

static void
api_fini(struct edge *edge, void *arg)
{
	struct api	*api = arg;

	(void)edge;
	api_sub_fini(api);
	api_group_fini(api);
	gql_cache_free(api->cache);
	api->cache = NULL;
	gql_exec_thread_end();
	store_close(api->store);
	api->store = NULL;
}
