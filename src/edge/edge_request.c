/*
 * edge_request.c: GraphQL over HTTP requests as data (graphql-over-http,
 * "GET", "POST", "Accept" and "Status Codes" sections). Given what lws
 * parsed out of the request line and headers, decide the route, the
 * response media type and the body length, or the error status; then turn
 * GET arguments or a JSON body into a struct edge_request. Every refusal
 * carries the HTTP status, a stable extensions.code and a message, so the
 * client gets a GraphQL-shaped error body. Pure: no sockets, no lws.
 *
 * lws has already URL-decoded the query string (+ is a space, %XX a byte)
 * and split it at '&'; arguments arrive here as "name=value".
 */
#include "config.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "common/util.h"
#include "common/xmalloc.h"
#include "edge/edge_json.h"
#include "edge/edge_request.h"

#define MEDIA_GRAPHQL	"application/graphql-response+json"
#define MEDIA_JSON	"application/json"

/* One element of an Accept header. */
struct accept_range {
	const char	*type;
	size_t		 type_len;
	int		 q;		/* 0..1000 */
};

static int	 route_of(const char *);
static int	 accept_next(const char **, struct accept_range *);
static int	 accept_q(const char *, size_t, int *);
static int	 accept_score(const struct accept_range *, const char *,
		    int *, int *);
static const char *skip_ws(const char *);
static int	 token_is(const char *, size_t, const char *);
static int	 param_charset_ok(const char *);
static int	 length_check(const struct edge_http_in *, size_t, size_t *,
		    struct edge_error *);
static int	 take_json_object(const char *, const char *, json_t **,
		    struct edge_error *);
static int	 args_one(const char *, struct edge_request *, unsigned *,
		    struct edge_error *);
static void	 set_variables(struct edge_request *, const json_t *);
static int	 scan_kind_ok(enum edge_json_kind, enum edge_json_kind);

/* Record an error: HTTP status, WebSocket close code, code, message. */
void
edge_error_set(struct edge_error *err, int status, int close_code,
    const char *code, const char *fmt, ...)
{
	va_list	ap;

	if (err == NULL)
		return;
	err->status = status;
	err->close_code = close_code;
	err->code = code;
	va_start(ap, fmt);
	vsnprintf(err->message, sizeof(err->message), fmt, ap);
	va_end(ap);
}

/* Append the GraphQL response body for an error: {"errors":[...]}. */
void
edge_error_body(const struct edge_error *err, struct buf *b)
{
	buf_adds(b, "{\"errors\":[{\"message\":");
	buf_add_json_string(b, err->message, strlen(err->message));
	buf_adds(b, ",\"extensions\":{\"code\":");
	buf_add_json_string(b, err->code, strlen(err->code));
	buf_adds(b, "}}]}");
}

/* Free what a request owns and empty it. */
void
edge_request_clear(struct edge_request *req)
{
	if (req == NULL)
		return;
	free(req->query);
	free(req->operation_name);
	free(req->variables_json);
	json_decref(req->extensions);
	memset(req, 0, sizeof(*req));
}

/* Return the Content-Type value for a media type. */
const char *
edge_request_media_name(enum edge_media m)
{
	return m == EDGE_MEDIA_GRAPHQL ?
	    MEDIA_GRAPHQL "; charset=utf-8" : MEDIA_JSON "; charset=utf-8";
}

static int
route_of(const char *path)
{
	if (path == NULL)
		return EDGE_ROUTE_NONE;
	if (strcmp(path, "/graphql") == 0 || strcmp(path, "/graphql/") == 0)
		return EDGE_ROUTE_GRAPHQL;
	if (strcmp(path, "/healthz") == 0)
		return EDGE_ROUTE_HEALTH;
	return EDGE_ROUTE_NONE;
}

/*
 * Decide from the request line and headers alone: route (404), method
 * (405 + Allow), Accept (406), Content-Type (415) and length (411, 413,
 * 400). Return 0 with the plan, or -1 with the error.
 */
int
edge_request_plan(const struct edge_http_in *in, size_t max_body,
    struct edge_http_plan *plan, struct edge_error *err)
{
	memset(plan, 0, sizeof(*plan));
	plan->route = route_of(in->path);
	if (plan->route == EDGE_ROUTE_NONE) {
		edge_error_set(err, 404, 0, "NOT_FOUND",
		    "no such path; GraphQL is served at /graphql");
		return -1;
	}
	if (plan->route == EDGE_ROUTE_HEALTH) {
		if (in->method != EDGE_METHOD_GET) {
			plan->allow = "GET";
			edge_error_set(err, 405, 0, "METHOD_NOT_ALLOWED",
			    "/healthz takes GET");
			return -1;
		}
		return 0;
	}
	if (in->method == EDGE_METHOD_OTHER) {
		plan->allow = "GET, POST";
		edge_error_set(err, 405, 0, "METHOD_NOT_ALLOWED",
		    "/graphql takes GET (queries) and POST");
		return -1;
	}
	if (edge_request_accept(in->accept, &plan->media) == -1) {
		edge_error_set(err, 406, 0, "NOT_ACCEPTABLE",
		    "Accept allows neither " MEDIA_GRAPHQL " nor " MEDIA_JSON);
		return -1;
	}
	if (in->method == EDGE_METHOD_GET)
		return 0;
	if (edge_request_content_type(in->content_type, err) == -1)
		return -1;
	return length_check(in, max_body, &plan->body_len, err);
}

static int
length_check(const struct edge_http_in *in, size_t max, size_t *len,
    struct edge_error *err)
{
	uint64_t	v;

	if (in->transfer_encoding != NULL && *in->transfer_encoding != '\0') {
		edge_error_set(err, 411, 0, "LENGTH_REQUIRED",
		    "send the body with Content-Length, not Transfer-Encoding");
		return -1;
	}
	if (in->content_length == NULL || *in->content_length == '\0') {
		edge_error_set(err, 411, 0, "LENGTH_REQUIRED",
		    "a POST needs Content-Length");
		return -1;
	}
	if (util_strtou64(in->content_length, 0, UINT64_MAX, &v) == -1) {
		edge_error_set(err, 400, 0, "BAD_REQUEST",
		    "Content-Length is not a number");
		return -1;
	}
	if (v > max) {
		edge_error_set(err, 413, 0, "PAYLOAD_TOO_LARGE",
		    "request body over %zu bytes", max);
		return -1;
	}
	if (v == 0) {
		edge_error_set(err, 400, 0, "BAD_REQUEST",
		    "the POST body is empty; send {\"query\": ...}");
		return -1;
	}
	*len = (size_t)v;
	return 0;
}

static const char *
skip_ws(const char *s)
{
	while (*s == ' ' || *s == '\t')
		s++;
	return s;
}

static int
token_is(const char *s, size_t len, const char *want)
{
	return strlen(want) == len && strncasecmp(s, want, len) == 0;
}

/* Parse the value of a q parameter ("0", "0.5", "1.000") into 0..1000. */
static int
accept_q(const char *s, size_t len, int *q)
{
	int	v = 0, digits = 0;
	size_t	i;

	if (len == 0 || (s[0] != '0' && s[0] != '1'))
		return -1;
	v = (s[0] - '0') * 1000;
	if (len == 1)
		goto done;
	if (s[1] != '.' || len > 5)
		return -1;
	for (i = 2; i < len; i++) {
		if (!isdigit((unsigned char)s[i]))
			return -1;
		digits++;
		v += (s[i] - '0') * (digits == 1 ? 100 : digits == 2 ? 10 : 1);
	}
done:
	if (v > 1000)
		return -1;
	*q = v;
	return 0;
}

/*
 * Read one comma-separated element of an Accept header at *sp. Return 1
 * with the range, 0 at the end; an element that does not parse gets q 0.
 */
static int
accept_next(const char **sp, struct accept_range *r)
{
	const char	*s = skip_ws(*sp), *e, *p, *v;
	size_t		 n;

	while (*s == ',' || *s == ' ' || *s == '\t')
		s++;
	if (*s == '\0')
		return 0;
	e = s + strcspn(s, ",");
	*sp = e;
	r->type = s;
	r->type_len = strcspn(s, ";, \t");
	r->q = 1000;
	for (p = s + strcspn(s, ";"); p < e && *p == ';'; p = v + n) {
		p = skip_ws(p + 1);
		v = p;
		n = strcspn(v, ";,");
		if (v + n > e)
			n = e - v;
		if (n >= 2 && (v[0] == 'q' || v[0] == 'Q') && v[1] == '=') {
			while (n > 2 && (v[n - 1] == ' ' || v[n - 1] == '\t'))
				n--;
			if (accept_q(v + 2, n - 2, &r->q) == -1)
				r->q = 0;
		}
	}
	return 1;
}

/* How specifically and how much range r accepts media type m. */
static int
accept_score(const struct accept_range *r, const char *m, int *spec, int *q)
{
	size_t	slash = strchr(m, '/') - m;

	if (token_is(r->type, r->type_len, m) && *spec < 3) {
		*spec = 3;
		*q = r->q;
	} else if (r->type_len == slash + 2 &&
	    strncasecmp(r->type, m, slash + 1) == 0 &&
	    r->type[slash + 1] == '*' && *spec < 2) {
		*spec = 2;
		*q = r->q;
	} else if (token_is(r->type, r->type_len, "*/*") && *spec < 1) {
		*spec = 1;
		*q = r->q;
	}
	return 0;
}

/*
 * Negotiate the response media type (graphql-over-http "Accept"; RFC 9110
 * 12.5.1: the most specific range sets a type's weight). No header, an
 * empty one, or only wildcards: application/json, which legacy clients
 * expect. Both named with equal weight: application/graphql-response+json.
 * Return 0, or -1 when neither is acceptable (406).
 */
int
edge_request_accept(const char *accept, enum edge_media *out)
{
	struct accept_range	 r;
	const char		*s = accept;
	int			 gspec = 0, gq = 0, jspec = 0, jq = 0;

	*out = EDGE_MEDIA_JSON;
	if (s == NULL || *skip_ws(s) == '\0')
		return 0;
	while (accept_next(&s, &r) == 1) {
		accept_score(&r, MEDIA_GRAPHQL, &gspec, &gq);
		accept_score(&r, MEDIA_JSON, &jspec, &jq);
	}
	if (gq == 0 && jq == 0)
		return -1;
	if (gq > jq || (gq == jq && gspec > jspec) ||
	    (gq == jq && gspec == 3 && jspec == 3))
		*out = EDGE_MEDIA_GRAPHQL;
	return 0;
}

/* A charset parameter, if any, must name UTF-8 (RFC 8259 section 8.1). */
static int
param_charset_ok(const char *p)
{
	const char	*v;
	size_t		 n;

	for (; (p = strchr(p, ';')) != NULL; p++) {
		v = skip_ws(p + 1);
		if (strncasecmp(v, "charset=", 8) != 0)
			continue;
		v += 8;
		if (*v == '"')
			v++;
		n = strcspn(v, "\"; \t");
		if (!token_is(v, n, "utf-8") && !token_is(v, n, "utf8"))
			return 0;
	}
	return 1;
}

/* Check a POST body's Content-Type: application/json in UTF-8, else 415. */
int
edge_request_content_type(const char *ct, struct edge_error *err)
{
	const char	*s;
	size_t		 n;

	if (ct == NULL || *(s = skip_ws(ct)) == '\0') {
		edge_error_set(err, 415, 0, "UNSUPPORTED_MEDIA_TYPE",
		    "a POST needs Content-Type: " MEDIA_JSON);
		return -1;
	}
	n = strcspn(s, "; \t");
	if (!token_is(s, n, MEDIA_JSON)) {
		edge_error_set(err, 415, 0, "UNSUPPORTED_MEDIA_TYPE",
		    "Content-Type must be " MEDIA_JSON);
		return -1;
	}
	if (!param_charset_ok(s + n)) {
		edge_error_set(err, 415, 0, "UNSUPPORTED_MEDIA_TYPE",
		    "the request body must be UTF-8");
		return -1;
	}
	return 0;
}

/* Parse a JSON text that must be an object, or null / empty (absent). */
static int
take_json_object(const char *name, const char *text, json_t **out,
    struct edge_error *err)
{
	json_error_t	 jerr;
	json_t		*v;

	if (*text == '\0')
		return 0;
	v = json_loads(text, JSON_REJECT_DUPLICATES | JSON_DECODE_ANY, &jerr);
	if (v == NULL) {
		edge_error_set(err, 400, 4400, "BAD_REQUEST",
		    "%s is not valid JSON: %s", name, jerr.text);
		return -1;
	}
	if (json_is_null(v)) {
		json_decref(v);
		return 0;
	}
	if (!json_is_object(v)) {
		json_decref(v);
		edge_error_set(err, 400, 4400, "BAD_REQUEST",
		    "%s must be a JSON object", name);
		return -1;
	}
	*out = v;
	return 0;
}

static int
args_one(const char *arg, struct edge_request *req, unsigned *seen,
    struct edge_error *err)
{
	static const char *const names[] = {
		"query", "operationName", "variables", "extensions",
	};
	const char	*eq = strchr(arg, '='), *val;
	size_t		 n = eq != NULL ? (size_t)(eq - arg) : strlen(arg);
	unsigned	 i;
	json_t		*vars = NULL;

	val = eq != NULL ? eq + 1 : "";
	for (i = 0; i < nitems(names); i++)
		if (strlen(names[i]) == n && strncmp(arg, names[i], n) == 0)
			break;
	if (i == nitems(names))
		return 0;	/* not ours: ignore */
	if (*seen & (1U << i)) {
		edge_error_set(err, 400, 0, "BAD_REQUEST",
		    "the %s parameter is given twice", names[i]);
		return -1;
	}
	*seen |= 1U << i;
	if (*val == '\0')
		return 0;	/* empty means absent */
	switch (i) {
	case 0:
		req->query = xstrdup(val);
		return 0;
	case 1:
		req->operation_name = xstrdup(val);
		return 0;
	case 2:
		if (take_json_object("variables", val, &vars, err) == -1)
			return -1;
		set_variables(req, vars);
		json_decref(vars);
		return 0;
	default:
		return take_json_object("extensions", val, &req->extensions,
		    err);
	}
}

/*
 * Build a request from GET arguments (graphql-over-http "GET"): query is
 * required; variables and extensions are JSON objects; an empty value is
 * the same as none. Return 0, or -1 with a 400 error.
 */
int
edge_request_from_args(const char *const *args, size_t n,
    struct edge_request *req, struct edge_error *err)
{
	unsigned	seen = 0;
	size_t		i;

	memset(req, 0, sizeof(*req));
	for (i = 0; i < n; i++) {
		if (args_one(args[i], req, &seen, err) == -1)
			goto fail;
	}
	if (req->query == NULL) {
		edge_error_set(err, 400, 0, "BAD_REQUEST",
		    "the query parameter is missing");
		goto fail;
	}
	return 0;
fail:
	edge_request_clear(req);
	return -1;
}

/* Keep variables, an object or not, as the JSON text the API reads. */
static void
set_variables(struct edge_request *req, const json_t *vars)
{
	if (!json_is_object(vars))
		return;
	req->variables_json = json_dumps(vars, JSON_COMPACT);
	req->variables_len = strlen(req->variables_json);
}

/*
 * Build a request from the text of a JSON object on the fast path
 * (edge_json.h), as edge_request_from_json() would from jansson's tree;
 * variables are the object's own text. Return 0, or -1 (req empty) when
 * the scanner is not sure or the request is not well-formed: then
 * jansson's verdict and error message stand.
 */
int
edge_request_scan(const char *text, size_t len, struct edge_request *req)
{
	struct edge_json_member	 m[] = {
		{ .name = "query" }, { .name = "operationName" },
		{ .name = "variables" }, { .name = "extensions" },
	};
	json_error_t		 jerr;

	memset(req, 0, sizeof(*req));
	if (!edge_json_fast_path ||
	    edge_json_object(text, len, m, nitems(m)) == -1)
		return -1;
	if (m[0].kind != EDGE_JSON_STRING || !scan_kind_ok(m[1].kind,
	    EDGE_JSON_STRING) || !scan_kind_ok(m[2].kind, EDGE_JSON_OBJECT) ||
	    !scan_kind_ok(m[3].kind, EDGE_JSON_OBJECT))
		return -1;
	if (m[3].kind == EDGE_JSON_OBJECT && (req->extensions =
	    json_loadb(m[3].text, m[3].len, JSON_REJECT_DUPLICATES,
	    &jerr)) == NULL)
		return -1;
	req->query = edge_json_string(&m[0]);
	if (m[1].kind == EDGE_JSON_STRING && m[1].len != 0)
		req->operation_name = edge_json_string(&m[1]);
	if (m[2].kind == EDGE_JSON_OBJECT) {
		req->variables_json = xstrndup(m[2].text, m[2].len);
		req->variables_len = m[2].len;
	}
	return 0;
}

/* An optional member: absent, null or of kind k. */
static int
scan_kind_ok(enum edge_json_kind have, enum edge_json_kind k)
{
	return have == EDGE_JSON_ABSENT || have == EDGE_JSON_NULL || have == k;
}

/*
 * Build a request from a JSON object (a POST body, a subscribe payload):
 * query a string; operationName a string or null; variables and
 * extensions objects or null; other members ignored. Return 0, or -1
 * with a 400 / 4400 error.
 */
int
edge_request_from_json(const json_t *obj, struct edge_request *req,
    struct edge_error *err)
{
	json_t	*q, *op, *vars, *ext;

	memset(req, 0, sizeof(*req));
	if (!json_is_object(obj)) {
		edge_error_set(err, 400, 4400, "BAD_REQUEST",
		    json_is_array(obj) ? "batched requests are not supported" :
		    "the request must be a JSON object");
		return -1;
	}
	q = json_object_get(obj, "query");
	op = json_object_get(obj, "operationName");
	vars = json_object_get(obj, "variables");
	ext = json_object_get(obj, "extensions");
	if (!json_is_string(q)) {
		edge_error_set(err, 400, 4400, "BAD_REQUEST", q == NULL ?
		    "the query parameter is missing" :
		    "the query parameter must be a string");
		return -1;
	}
	if (op != NULL && !json_is_null(op) && !json_is_string(op)) {
		edge_error_set(err, 400, 4400, "BAD_REQUEST",
		    "operationName must be a string or null");
		return -1;
	}
	if (vars != NULL && !json_is_null(vars) && !json_is_object(vars)) {
		edge_error_set(err, 400, 4400, "BAD_REQUEST",
		    "variables must be an object or null");
		return -1;
	}
	if (ext != NULL && !json_is_null(ext) && !json_is_object(ext)) {
		edge_error_set(err, 400, 4400, "BAD_REQUEST",
		    "extensions must be an object or null");
		return -1;
	}
	req->query = xstrndup(json_string_value(q), json_string_length(q));
	if (json_is_string(op) && json_string_length(op) != 0)
		req->operation_name = xstrdup(json_string_value(op));
	set_variables(req, vars);
	if (json_is_object(ext))
		req->extensions = json_incref(ext);
	return 0;
}

/*
 * Build a request from a POST body (graphql-over-http "JSON Encoding").
 * Duplicate keys and trailing bytes are refused: two parsers must never
 * read one request two ways. Return 0, or -1 with a 400 error.
 */
int
edge_request_from_body(const char *body, size_t len, struct edge_request *req,
    struct edge_error *err)
{
	json_error_t	 jerr;
	json_t		*obj;
	int		 rc;

	if (edge_request_scan(body, len, req) == 0)
		return 0;
	obj = json_loadb(body, len, JSON_REJECT_DUPLICATES | JSON_DECODE_ANY,
	    &jerr);
	if (obj == NULL) {
		edge_error_set(err, 400, 0, "BAD_REQUEST",
		    "the body is not valid JSON: %s (at byte %d)", jerr.text,
		    jerr.position);
		return -1;
	}
	rc = edge_request_from_json(obj, req, err);
	json_decref(obj);
	return rc;
}

/*
 * Choose the status of a GraphQL response: the handler's hint if it gave
 * one (405, 401, 429 ...); else 200 when the response has "data", and
 * when it has not (a request error: parse, validation, variable
 * coercion) 400 under application/graphql-response+json but 200 under
 * application/json. This is what the graphql-http audit suite expects;
 * the current graphql-over-http draft would say 422 for validation and
 * coercion and 294 for partial data (see the edge's man page section).
 */
int
edge_request_status(enum edge_media media, int hint, int has_data)
{
	if (hint != 0)
		return hint;
	if (has_data)
		return 200;
	return media == EDGE_MEDIA_GRAPHQL ? 400 : 200;
}

/*
 * Return the token of an "Authorization: Bearer <token>" value (RFC 6750
 * section 2.1, scheme case-insensitive), or NULL for another scheme or an
 * empty token.
 */
const char *
edge_request_bearer(const char *value)
{
	const char	*s;

	if (value == NULL)
		return NULL;
	s = skip_ws(value);
	if (strncasecmp(s, "Bearer", 6) != 0 || (s[6] != ' ' && s[6] != '\t'))
		return NULL;
	s = skip_ws(s + 6);
	return *s != '\0' ? s : NULL;
}
