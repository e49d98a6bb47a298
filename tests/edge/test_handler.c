/*
 * test_handler.c: the edge's test handler. It routes on words in the
 * query text, since there is no GraphQL engine here:
 *
 *   mutation ...      405 over GET, else {"data":{"__typename":"Mutation"}}
 *   subscription ...  over WebSocket: n events (variables.n, default 3),
 *                     every variables.ms ms (0: as fast as the queue takes
 *                     them), padded by variables.size bytes, then complete
 *                     (or error if the query says "fail"); over HTTP a 400
 *   never             never answers (only a cancel ends it)
 *   wait              answers after variables.ms (default 200) ms
 *   syntaxerror       a request error (no data); so are unbalanced braces,
 *                     a 32-hex-digit field (validation) and a null
 *                     variable next to "ID!" (coercion), as the
 *                     graphql-http audit sends them
 *   fielderror        data and errors
 *   echo              {"data":{"echo":variables,"operationName":...}}
 *   whoami            the authenticated name or null
 *   internalfailure   edge_op_result(NULL): 500, or close 4500
 *   textual           answered with edge_op_result_text() ("nodata": a
 *                     request error); a subscription saying "text"
 *                     emits with edge_op_next_text()
 *   stats             the counters below
 *   anything else     {"data":{"__typename":"Query"}}
 *
 * Tokens: "good" (alice), "short" (bob, expires in one second), anything
 * else is refused. Counters are atomics: the tests read them from other
 * threads.
 */
#include "config.h"

#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include "common/util.h"
#include "common/xmalloc.h"
#include "test_handler.h"

struct th_op {
	struct edge_op		*op;
	struct edge_timer	*timer;
	json_int_t		 i, n, ms, size;
	int			 fail;
	int			 text;		/* use edge_op_next_text() */
};

static atomic_uint	c_executes, c_cancels, c_resumes, c_pauses, c_messages,
			c_live;

static void	th_execute(struct edge_op *, const struct edge_request *,
		    const struct edge_auth *, void *);
static void	th_cancel(struct edge_op *, void *);
static void	th_resume(struct edge_op *, void *);
static int	th_authenticate(const char *, struct edge_auth *, char *,
		    size_t, void *);
static int	th_health(json_t *, void *);
static void	th_message(const struct edge_msg *, void *);
static void	th_finish(struct edge_op *, int, json_t *);
static void	th_stream(struct th_op *);
static void	th_tick(void *);
static int	th_next_text(struct edge_op *, const json_t *);
static void	th_waited(void *);
static json_int_t th_var(const struct edge_request *, const char *, json_int_t);
static int	th_balanced(const char *);
static int	th_hexword(const char *);
static json_t	*th_vars(const struct edge_request *);
static int	th_null_var(const struct edge_request *);
static struct th_op *th_op_new(struct edge_op *, const struct edge_request *);
static void	th_op_free(struct th_op *);

/* Fill h with the test handler. */
void
th_handler(struct edge_handler *h)
{
	memset(h, 0, sizeof(*h));
	h->execute = th_execute;
	h->cancel = th_cancel;
	h->resume = th_resume;
	h->authenticate = th_authenticate;
	h->health = th_health;
	h->message = th_message;
}

/* Read the counters. */
void
th_counts(struct th_counts *c)
{
	c->executes = atomic_load(&c_executes);
	c->cancels = atomic_load(&c_cancels);
	c->resumes = atomic_load(&c_resumes);
	c->pauses = atomic_load(&c_pauses);
	c->messages = atomic_load(&c_messages);
	c->live = atomic_load(&c_live);
}

/* Crude stand-ins for the GraphQL engine's request errors (audit). */
static int
th_balanced(const char *q)
{
	int	depth = 0;

	for (; *q != '\0'; q++)
		depth += *q == '{' ? 1 : *q == '}' ? -1 : 0;
	return depth == 0;
}

static int
th_hexword(const char *q)
{
	size_t	run = 0;

	for (; *q != '\0'; q++) {
		run = strchr("0123456789abcdef", *q) != NULL ? run + 1 : 0;
		if (run >= 32)
			return 1;
	}
	return 0;
}

/* The request's variables as a new json_t, or NULL. */
static json_t *
th_vars(const struct edge_request *req)
{
	if (req->variables_json == NULL)
		return NULL;
	return json_loadb(req->variables_json, req->variables_len, 0, NULL);
}

static int
th_null_var(const struct edge_request *req)
{
	const char	*k;
	json_t		*vars = th_vars(req), *v;
	int		 found = 0;

	json_object_foreach(vars, k, v)
		if (json_is_null(v))
			found = 1;
	json_decref(vars);
	return found;
}

static json_int_t
th_var(const struct edge_request *req, const char *name, json_int_t def)
{
	json_t		*vars = th_vars(req), *v = json_object_get(vars, name);
	json_int_t	 n = json_is_integer(v) ? json_integer_value(v) : def;

	json_decref(vars);
	return n;
}

static struct th_op *
th_op_new(struct edge_op *op, const struct edge_request *req)
{
	struct th_op	*t = xcalloc(1, sizeof(*t));

	t->op = op;
	t->n = th_var(req, "n", 3);
	t->ms = th_var(req, "ms", 0);
	t->size = th_var(req, "size", 0);
	t->fail = strstr(req->query, "fail") != NULL;
	t->text = strstr(req->query, "text") != NULL;
	edge_op_set_data(op, t);
	return t;
}

static void
th_op_free(struct th_op *t)
{
	if (t == NULL)
		return;
	edge_timer_free(t->timer);
	free(t);
}

static void
th_finish(struct edge_op *op, int status, json_t *result)
{
	atomic_fetch_sub(&c_live, 1);
	th_op_free(edge_op_data(op));
	edge_op_result(op, status, result);
	json_decref(result);
}

static void
th_execute(struct edge_op *op, const struct edge_request *req,
    const struct edge_auth *auth, void *arg)
{
	const char	*q = req->query;
	enum edge_transport tr = edge_op_transport(op);
	struct th_op	*t;
	struct th_counts c;

	atomic_fetch_add(&c_executes, 1);
	atomic_fetch_add(&c_live, 1);
	if (strncmp(q, "mutation", 8) == 0) {
		if (tr == EDGE_HTTP_GET)
			th_finish(op, 405, json_pack("{s:[{s:s,s:{s:s}}]}",
			    "errors", "message", "mutations need POST",
			    "extensions", "code", "METHOD_NOT_ALLOWED"));
		else
			th_finish(op, 0, json_pack("{s:{s:s}}", "data",
			    "__typename", "Mutation"));
	} else if (strncmp(q, "subscription", 12) == 0) {
		if (tr == EDGE_HTTP_GET || tr == EDGE_HTTP_POST) {
			th_finish(op, 400, json_pack("{s:[{s:s}]}", "errors",
			    "message", "subscriptions need a WebSocket"));
			return;
		}
		t = th_op_new(op, req);
		t->timer = edge_timer_new(edge_op_edge(op), th_tick, t);
		th_stream(t);
	} else if (strstr(q, "textual") != NULL) {
		/* The pre-serialized variant of the API. */
		const char *text = strstr(q, "nodata") == NULL ?
		    "{\"data\":{\"textual\":true}}" :
		    "{\"errors\":[{\"message\":\"textual\"}]}";

		atomic_fetch_sub(&c_live, 1);
		edge_op_result_text(op, 0, strstr(q, "nodata") == NULL, text,
		    strlen(text));
	} else if (strstr(q, "internalfailure") != NULL) {
		atomic_fetch_sub(&c_live, 1);
		edge_op_result(op, 0, NULL);
	} else if (strstr(q, "never") != NULL) {
		th_op_new(op, req);
	} else if (strstr(q, "wait") != NULL) {
		t = th_op_new(op, req);
		t->ms = th_var(req, "ms", 200);
		t->timer = edge_timer_new(edge_op_edge(op), th_waited, t);
		edge_timer_set(t->timer, (unsigned)t->ms);
	} else if (strstr(q, "syntaxerror") != NULL || !th_balanced(q)) {
		th_finish(op, 0, json_pack("{s:[{s:s,s:[{s:i,s:i}]}]}",
		    "errors", "message", "Syntax Error: Unexpected <EOF>.",
		    "locations", "line", 1, "column", 2));
	} else if (th_hexword(q)) {
		th_finish(op, 0, json_pack("{s:[{s:s}]}", "errors", "message",
		    "Cannot query field on type \"Query\"."));
	} else if (strstr(q, "ID!") != NULL && th_null_var(req)) {
		th_finish(op, 0, json_pack("{s:[{s:s}]}", "errors", "message",
		    "Variable \"$id\" of non-null type \"ID!\" must not be "
		    "null."));
	} else if (strstr(q, "fielderror") != NULL) {
		th_finish(op, 0, json_pack("{s:{s:n},s:[{s:s,s:[s]}]}", "data",
		    "x", "errors", "message", "boom", "path", "x"));
	} else if (strstr(q, "echo") != NULL) {
		th_finish(op, 0, json_pack("{s:{s:o?,s:s?}}", "data", "echo",
		    th_vars(req), "operationName", req->operation_name));
	} else if (strstr(q, "whoami") != NULL) {
		th_finish(op, 0, json_pack("{s:{s:s?}}", "data", "whoami",
		    auth->ok ? (const char *)auth->data : NULL));
	} else if (strstr(q, "stats") != NULL) {
		th_counts(&c);
		th_finish(op, 0, json_pack("{s:{s:i,s:i,s:i,s:i}}", "data",
		    "executes", c.executes, "cancels", c.cancels, "resumes",
		    c.resumes, "pauses", c.pauses));
	} else
		th_finish(op, 0, json_pack("{s:{s:s}}", "data", "__typename",
		    "Query"));
}

/* Emit events until done, paused (queue full) or waiting for the timer. */
static void
th_stream(struct th_op *t)
{
	struct edge_op	*op = t->op;
	json_t		*ev;
	char		*pad;

	while (t->i < t->n) {
		pad = xcalloc(1, (size_t)t->size + 1);
		memset(pad, 'x', (size_t)t->size);
		ev = json_pack("{s:{s:I,s:s}}", "data", "tick", t->i, "pad",
		    pad);
		free(pad);
		if ((t->text ? th_next_text(op, ev) : edge_op_next(op, ev)) ==
		    -1) {
			json_decref(ev);
			atomic_fetch_add(&c_pauses, 1);
			return;		/* th_resume continues */
		}
		json_decref(ev);
		t->i++;
		if (t->ms > 0 && t->i < t->n) {
			edge_timer_set(t->timer, (unsigned)t->ms);
			return;
		}
	}
	atomic_fetch_sub(&c_live, 1);
	if (t->fail) {
		ev = json_pack("[{s:s}]", "message", "stream failed");
		th_op_free(t);
		edge_op_error(op, ev);
		json_decref(ev);
		return;
	}
	th_op_free(t);
	edge_op_complete(op);
}

static int
th_next_text(struct edge_op *op, const json_t *ev)
{
	char	*text = json_dumps(ev, JSON_COMPACT);
	int	 rc = edge_op_next_text(op, text, strlen(text));

	free(text);
	return rc;
}

static void
th_tick(void *arg)
{
	th_stream(arg);
}

static void
th_waited(void *arg)
{
	struct th_op	*t = arg;

	th_finish(t->op, 0, json_pack("{s:{s:I}}", "data", "waited", t->ms));
}

static void
th_cancel(struct edge_op *op, void *arg)
{
	atomic_fetch_add(&c_cancels, 1);
	atomic_fetch_sub(&c_live, 1);
	th_op_free(edge_op_data(op));
}

static void
th_resume(struct edge_op *op, void *arg)
{
	struct th_op	*t = edge_op_data(op);

	atomic_fetch_add(&c_resumes, 1);
	if (t != NULL && !edge_timer_is_pending(t->timer))
		th_stream(t);
}

static int
th_authenticate(const char *token, struct edge_auth *auth, char *why,
    size_t len, void *arg)
{
	memset(auth, 0, sizeof(*auth));
	if (strcmp(token, "good") == 0) {
		auth->ok = 1;
		strcpy((char *)auth->data, "alice");
		return 0;
	}
	if (strcmp(token, "short") == 0) {
		auth->ok = 1;
		auth->expires_ms = util_now_ms() + 1000;
		strcpy((char *)auth->data, "bob");
		return 0;
	}
	strncpy(why, "unknown token", len - 1);
	why[len - 1] = '\0';
	return -1;
}

static int
th_health(json_t *obj, void *arg)
{
	json_object_set_new(obj, "tor", json_string("not used in tests"));
	return 200;
}

static void
th_message(const struct edge_msg *msg, void *arg)
{
	atomic_fetch_add(&c_messages, 1);
	free(msg->data);
}
