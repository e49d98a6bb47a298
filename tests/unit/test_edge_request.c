/*
 * test_edge_request.c: GraphQL-over-HTTP requests as data (edge_request.c):
 * routing and methods, Accept negotiation with weights and wildcards,
 * Content-Type and charset, lengths, GET arguments, JSON bodies and their
 * every wrong shape, the status of a GraphQL response per media type,
 * bearer tokens, the error body, and the size of a raw request head
 * (edge_head.c), whole and byte by byte.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "common/buf.h"
#include "common/util.h"
#include "edge/edge_head.h"
#include "edge/edge_request.h"
#include "unit.h"

struct accept_case {
	const char	*accept;
	int		 rc;
	enum edge_media	 media;
};

static const struct accept_case accept_cases[] = {
	{ NULL, 0, EDGE_MEDIA_JSON },
	{ "", 0, EDGE_MEDIA_JSON },
	{ "   ", 0, EDGE_MEDIA_JSON },
	{ "*/*", 0, EDGE_MEDIA_JSON },
	{ "application/*", 0, EDGE_MEDIA_JSON },
	{ "application/json", 0, EDGE_MEDIA_JSON },
	{ "APPLICATION/JSON", 0, EDGE_MEDIA_JSON },
	{ "application/graphql-response+json", 0, EDGE_MEDIA_GRAPHQL },
	{ "application/graphql-response+json, application/json;q=0.9", 0,
	    EDGE_MEDIA_GRAPHQL },
	{ "application/json, application/graphql-response+json", 0,
	    EDGE_MEDIA_GRAPHQL },
	{ "application/json;q=1, application/graphql-response+json;q=0.5", 0,
	    EDGE_MEDIA_JSON },
	{ "application/graphql-response+json;q=0, */*", 0, EDGE_MEDIA_JSON },
	{ "application/json;q=0, */*;q=0.1", 0, EDGE_MEDIA_GRAPHQL },
	{ "application/graphql-response+json; charset=utf-8", 0,
	    EDGE_MEDIA_GRAPHQL },
	{ "text/html, application/xhtml+xml, */*;q=0.8", 0, EDGE_MEDIA_JSON },
	{ "text/html", -1, 0 },
	{ "application/json;q=0", -1, 0 },
	{ "application/json;q=0.000", -1, 0 },
	{ "application/json;q=2", -1, 0 },
	{ "application/json;q=abc", -1, 0 },
	{ "application/xml, text/*", -1, 0 },
	{ ",,, ,", -1, 0 },
	{ "application/json;;;q=0.5;", 0, EDGE_MEDIA_JSON },
	{ "application/jsonx", -1, 0 },
	{ "*/*;q=0.001", 0, EDGE_MEDIA_JSON },
};

START_TEST(test_accept)
{
	const struct accept_case	*c = &accept_cases[_i];
	enum edge_media			 m = 99;

	ck_assert_msg(edge_request_accept(c->accept, &m) == c->rc,
	    "Accept \"%s\": rc", c->accept ? c->accept : "(null)");
	if (c->rc == 0)
		ck_assert_msg(m == c->media, "Accept \"%s\": media %d",
		    c->accept ? c->accept : "(null)", m);
}
END_TEST

struct ctype_case {
	const char	*ct;
	int		 rc;
};

static const struct ctype_case ctype_cases[] = {
	{ "application/json", 0 },
	{ "Application/JSON", 0 },
	{ "application/json; charset=utf-8", 0 },
	{ "application/json;charset=UTF-8", 0 },
	{ "application/json; charset=\"utf-8\"", 0 },
	{ "application/json; boundary=x", 0 },
	{ "  application/json", 0 },
	{ NULL, -1 },
	{ "", -1 },
	{ "text/plain", -1 },
	{ "application/graphql", -1 },
	{ "application/x-www-form-urlencoded", -1 },
	{ "multipart/form-data; boundary=x", -1 },
	{ "application/json; charset=latin1", -1 },
	{ "application/json; charset=utf-16", -1 },
	{ "application/jsonp", -1 },
};

START_TEST(test_content_type)
{
	const struct ctype_case	*c = &ctype_cases[_i];
	struct edge_error	 err;

	ck_assert_msg(edge_request_content_type(c->ct, &err) == c->rc,
	    "Content-Type \"%s\"", c->ct ? c->ct : "(null)");
	if (c->rc == -1)
		ck_assert_int_eq(err.status, 415);
}
END_TEST

static int
plan(enum edge_method m, const char *path, const char *accept, const char *ct,
    const char *cl, const char *te, struct edge_http_plan *p)
{
	struct edge_http_in	in;
	struct edge_error	err;

	memset(&in, 0, sizeof(in));
	in.method = m;
	in.path = path;
	in.accept = accept;
	in.content_type = ct;
	in.content_length = cl;
	in.transfer_encoding = te;
	if (edge_request_plan(&in, 1000, p, &err) == 0)
		return 0;
	return err.status;
}

START_TEST(test_plan)
{
	struct edge_http_plan	p;

	ck_assert_int_eq(plan(EDGE_METHOD_GET, "/graphql", NULL, NULL, NULL,
	    NULL, &p), 0);
	ck_assert_int_eq(p.route, EDGE_ROUTE_GRAPHQL);
	ck_assert_int_eq(plan(EDGE_METHOD_GET, "/graphql/", NULL, NULL, NULL,
	    NULL, &p), 0);
	ck_assert_int_eq(plan(EDGE_METHOD_GET, "/healthz", NULL, NULL, NULL,
	    NULL, &p), 0);
	ck_assert_int_eq(p.route, EDGE_ROUTE_HEALTH);
	ck_assert_int_eq(plan(EDGE_METHOD_GET, "/", NULL, NULL, NULL, NULL,
	    &p), 404);
	ck_assert_int_eq(plan(EDGE_METHOD_GET, "/graphqlx", NULL, NULL, NULL,
	    NULL, &p), 404);
	ck_assert_int_eq(plan(EDGE_METHOD_GET, NULL, NULL, NULL, NULL, NULL,
	    &p), 404);
	ck_assert_int_eq(plan(EDGE_METHOD_OTHER, "/graphql", NULL, NULL, NULL,
	    NULL, &p), 405);
	ck_assert_str_eq(p.allow, "GET, POST");
	ck_assert_int_eq(plan(EDGE_METHOD_POST, "/healthz", NULL, NULL, NULL,
	    NULL, &p), 405);
	ck_assert_str_eq(p.allow, "GET");
	ck_assert_int_eq(plan(EDGE_METHOD_GET, "/graphql", "text/html", NULL,
	    NULL, NULL, &p), 406);
	ck_assert_int_eq(plan(EDGE_METHOD_POST, "/graphql", NULL, NULL, "5",
	    NULL, &p), 415);
	ck_assert_int_eq(plan(EDGE_METHOD_POST, "/graphql", NULL,
	    "application/json", NULL, NULL, &p), 411);
	ck_assert_int_eq(plan(EDGE_METHOD_POST, "/graphql", NULL,
	    "application/json", "5", "chunked", &p), 411);
	ck_assert_int_eq(plan(EDGE_METHOD_POST, "/graphql", NULL,
	    "application/json", "5x", NULL, &p), 400);
	ck_assert_int_eq(plan(EDGE_METHOD_POST, "/graphql", NULL,
	    "application/json", "5 7", NULL, &p), 400);
	ck_assert_int_eq(plan(EDGE_METHOD_POST, "/graphql", NULL,
	    "application/json", "-1", NULL, &p), 400);
	ck_assert_int_eq(plan(EDGE_METHOD_POST, "/graphql", NULL,
	    "application/json", "0", NULL, &p), 400);
	ck_assert_int_eq(plan(EDGE_METHOD_POST, "/graphql", NULL,
	    "application/json", "1001", NULL, &p), 413);
	ck_assert_int_eq(plan(EDGE_METHOD_POST, "/graphql", NULL,
	    "application/json", "99999999999999999999999", NULL, &p), 400);
	ck_assert_int_eq(plan(EDGE_METHOD_POST, "/graphql",
	    "application/graphql-response+json", "application/json", "1000",
	    NULL, &p), 0);
	ck_assert_uint_eq(p.body_len, 1000);
	ck_assert_int_eq(p.media, EDGE_MEDIA_GRAPHQL);
}
END_TEST

static int
args(const char *const *a, size_t n, struct edge_request *req)
{
	struct edge_error	err;

	if (edge_request_from_args(a, n, req, &err) == 0)
		return 0;
	ck_assert_int_eq(err.status, 400);
	ck_assert_str_eq(err.code, "BAD_REQUEST");
	return -1;
}

START_TEST(test_get_args)
{
	struct edge_request	 r;
	const char		*ok1[] = { "query={ a }", "operationName=Op",
				    "variables={\"x\":1}", "extensions={\"e\":true}",
				    "other=ignored", "flag" };
	const char		*empty[] = { "query=q", "operationName=",
				    "variables=", "extensions=" };
	const char		*nulls[] = { "query=q", "variables=null",
				    "extensions=null", "operationName=null" };
	const char		*eq[] = { "query=a=b=c" };

	ck_assert_int_eq(args(ok1, 6, &r), 0);
	ck_assert_str_eq(r.query, "{ a }");
	ck_assert_str_eq(r.operation_name, "Op");
	ck_assert_str_eq(r.variables_json, "{\"x\":1}");
	ck_assert(json_is_true(json_object_get(r.extensions, "e")));
	edge_request_clear(&r);
	ck_assert_int_eq(args(empty, 4, &r), 0);
	ck_assert_ptr_null(r.operation_name);
	ck_assert_ptr_null(r.variables_json);
	ck_assert_ptr_null(r.extensions);
	edge_request_clear(&r);
	/* "null" is an operation name (graphql-over-http, GET) */
	ck_assert_int_eq(args(nulls, 4, &r), 0);
	ck_assert_ptr_null(r.variables_json);
	ck_assert_str_eq(r.operation_name, "null");
	edge_request_clear(&r);
	ck_assert_int_eq(args(eq, 1, &r), 0);
	ck_assert_str_eq(r.query, "a=b=c");
	edge_request_clear(&r);
	edge_request_clear(NULL);
}
END_TEST

START_TEST(test_get_args_bad)
{
	static const char *const cases[][3] = {
		{ "operationName=x", NULL, NULL },
		{ "query=", NULL, NULL },
		{ "query", NULL, NULL },
		{ "query=a", "query=b", NULL },
		{ "query=a", "variables=[1]", NULL },
		{ "query=a", "variables=\"s\"", NULL },
		{ "query=a", "variables=7", NULL },
		{ "query=a", "variables={", NULL },
		{ "query=a", "variables={\"a\":1,\"a\":2}", NULL },
		{ "query=a", "extensions=[]", NULL },
		{ "query=a", "variables={}", "variables={}" },
	};
	struct edge_request	r;
	size_t			i, n;

	for (i = 0; i < nitems(cases); i++) {
		for (n = 0; n < 3 && cases[i][n] != NULL; n++)
			;
		ck_assert_msg(args(cases[i], n, &r) == -1, "case %zu", i);
		ck_assert_ptr_null(r.query);
	}
	ck_assert_int_eq(args(NULL, 0, &r), -1);
}
END_TEST

static int
body(const char *text, struct edge_request *r)
{
	struct edge_error	err;

	if (edge_request_from_body(text, strlen(text), r, &err) == 0)
		return 0;
	ck_assert_int_eq(err.status, 400);
	return -1;
}

START_TEST(test_post_body)
{
	struct edge_request	r;

	ck_assert_int_eq(body("{\"query\":\"{ a }\"}", &r), 0);
	ck_assert_str_eq(r.query, "{ a }");
	edge_request_clear(&r);
	ck_assert_int_eq(body("{\"query\":\"q\",\"operationName\":null,"
	    "\"variables\":null,\"extensions\":null,\"future\":[1]}", &r), 0);
	ck_assert_ptr_null(r.operation_name);
	edge_request_clear(&r);
	ck_assert_int_eq(body("{\"query\":\"q\",\"operationName\":\"\"}", &r),
	    0);
	ck_assert_ptr_null(r.operation_name);
	edge_request_clear(&r);
	ck_assert_int_eq(body(" \n{\"query\":\"\\u00e9\\ud83c\\udfc3\","
	    "\"variables\":{\"v\":{\"deep\":[1,2,{\"x\":null}]}}} \n", &r), 0);
	ck_assert_str_eq(r.query, "\xc3\xa9\xf0\x9f\x8f\x83");
	edge_request_clear(&r);
}
END_TEST

START_TEST(test_post_body_bad)
{
	static const char *const bad[] = {
		"", "NONSENSE", "{\"query\":", "{\"query\":\"a\"} x",
		"[{\"query\":\"a\"}]", "\"query\"", "null", "42",
		"{\"qeury\":\"a\"}", "{\"query\":{}}", "{\"query\":0}",
		"{\"query\":false}", "{\"query\":[\"a\"]}", "{\"query\":null}",
		"{\"query\":\"a\",\"operationName\":1}",
		"{\"query\":\"a\",\"operationName\":{}}",
		"{\"query\":\"a\",\"variables\":\"{}\"}",
		"{\"query\":\"a\",\"variables\":[]}",
		"{\"query\":\"a\",\"variables\":0}",
		"{\"query\":\"a\",\"extensions\":\"x\"}",
		"{\"query\":\"a\",\"query\":\"b\"}",
		"{\"query\":\"a\\u0000b\"}",
		"{\"query\":\"\xff\xfe\"}",
		"{\"query\":\"\xc3\"}",
		"{\"query\":\"a\",\"variables\":{\"n\":1e999999}}",
	};
	struct edge_request	r;
	size_t			i;

	for (i = 0; i < nitems(bad); i++)
		ck_assert_msg(body(bad[i], &r) == -1, "body %zu: %s", i, bad[i]);
}
END_TEST

START_TEST(test_status)
{
	ck_assert_int_eq(edge_request_status(EDGE_MEDIA_GRAPHQL, 0, 1), 200);
	ck_assert_int_eq(edge_request_status(EDGE_MEDIA_JSON, 0, 1), 200);
	ck_assert_int_eq(edge_request_status(EDGE_MEDIA_GRAPHQL, 0, 0), 400);
	ck_assert_int_eq(edge_request_status(EDGE_MEDIA_JSON, 0, 0), 200);
	ck_assert_int_eq(edge_request_status(EDGE_MEDIA_JSON, 405, 0), 405);
	ck_assert_int_eq(edge_request_status(EDGE_MEDIA_GRAPHQL, 401, 0), 401);
	ck_assert_int_eq(edge_request_status(EDGE_MEDIA_GRAPHQL, 503, 1), 503);
	ck_assert_str_eq(edge_request_media_name(EDGE_MEDIA_GRAPHQL),
	    "application/graphql-response+json; charset=utf-8");
	ck_assert_str_eq(edge_request_media_name(EDGE_MEDIA_JSON),
	    "application/json; charset=utf-8");
}
END_TEST

START_TEST(test_bearer)
{
	ck_assert_str_eq(edge_request_bearer("Bearer abc"), "abc");
	ck_assert_str_eq(edge_request_bearer("bearer   abc.def"), "abc.def");
	ck_assert_str_eq(edge_request_bearer("  BEARER\tx"), "x");
	ck_assert_ptr_null(edge_request_bearer(NULL));
	ck_assert_ptr_null(edge_request_bearer("Bearer"));
	ck_assert_ptr_null(edge_request_bearer("Bearer   "));
	ck_assert_ptr_null(edge_request_bearer("Bearerabc"));
	ck_assert_ptr_null(edge_request_bearer("Basic Zm9v"));
	ck_assert_ptr_null(edge_request_bearer(""));
}
END_TEST

START_TEST(test_error_body)
{
	struct edge_error	err;
	struct buf		b = BUF_INIT;
	json_t			*j;

	edge_error_set(&err, 413, 0, "PAYLOAD_TOO_LARGE", "over %d \"bytes\"\n",
	    5);
	edge_error_body(&err, &b);
	j = json_loads(b.data, 0, NULL);
	ck_assert_ptr_nonnull(j);
	ck_assert_str_eq(json_string_value(json_object_get(json_array_get(
	    json_object_get(j, "errors"), 0), "message")), "over 5 \"bytes\"\n");
	ck_assert_ptr_null(json_object_get(j, "data"));
	json_decref(j);
	buf_free(&b);
	edge_error_set(NULL, 400, 0, "X", "ignored");
}
END_TEST

struct head_case {
	const char		*in;
	size_t			 max;
	enum edge_head_state	 st;
	size_t			 end_or_status;	/* DONE: end; TOO_BIG: status */
};

static const struct head_case head_cases[] = {
	{ "GET / HTTP/1.1\r\n\r\n", 1024, EDGE_HEAD_DONE, 18 },
	{ "GET / HTTP/1.1\r\n\r\nbody", 1024, EDGE_HEAD_DONE, 18 },
	{ "GET / HTTP/1.1\n\n", 1024, EDGE_HEAD_DONE, 16 },
	{ "GET / HTTP/1.1\r\nHost: x\r\n\r\n", 1024, EDGE_HEAD_DONE, 27 },
	{ "GET / HTTP/1.1\nHost: x\n\r\n", 1024, EDGE_HEAD_DONE, 25 },
	{ "get / HTTP/1.1\r\n\r\n", 1024, EDGE_HEAD_DONE, 18 },
	{ "PROPFIND / HTTP/1.1\r\n\r\n", 1024, EDGE_HEAD_DONE, 23 },
	/* the limit, to the byte */
	{ "GET / HTTP/1.1\r\n\r\n", 18, EDGE_HEAD_DONE, 18 },
	{ "GET / HTTP/1.1\r\n\r\n", 17, EDGE_HEAD_TOO_BIG, 431 },
	{ "GET /aaaaaaaaaa HTTP/1.1\r\n\r\n", 20, EDGE_HEAD_TOO_BIG, 414 },
	{ "GET /aaaaaaaaaa HTTP/1.1\r\nX: y\r\n\r\n", 30,
	    EDGE_HEAD_TOO_BIG, 431 },
	{ "GET /aaaaaaaaaa HTTP/1.1", 10, EDGE_HEAD_TOO_BIG, 414 },
	/* not yet */
	{ "", 1024, EDGE_HEAD_MORE, 0 },
	{ "G", 1024, EDGE_HEAD_MORE, 0 },
	{ "GET / HTTP/1.1\r\nHost: x\r\n", 1024, EDGE_HEAD_MORE, 0 },
	{ "GET / HTTP/1.1\r\n\r", 1024, EDGE_HEAD_MORE, 0 },
	/* not HTTP: lws and the raw protocol decide */
	{ "\x16\x03\x01\x00\xc8", 1024, EDGE_HEAD_NOT_HTTP, 0 },
	{ " GET / HTTP/1.1\r\n\r\n", 1024, EDGE_HEAD_NOT_HTTP, 0 },
	{ "\r\nGET / HTTP/1.1\r\n\r\n", 1024, EDGE_HEAD_NOT_HTTP, 0 },
	{ "GET/ HTTP/1.1\r\n\r\n", 1024, EDGE_HEAD_NOT_HTTP, 0 },
	{ "ABCDEFGHIJKLMNOPQRSTUVWXYZ / HTTP/1.1\r\n\r\n", 1024,
	    EDGE_HEAD_NOT_HTTP, 0 },
};

static enum edge_head_state
head_check(const struct head_case *c, enum edge_head_state st,
    const struct edge_head *h, const struct edge_error *err)
{
	ck_assert_msg(st == c->st, "%s: state %d, want %d", c->in, st, c->st);
	if (st == EDGE_HEAD_DONE)
		ck_assert_uint_eq(h->end, c->end_or_status);
	if (st == EDGE_HEAD_TOO_BIG)
		ck_assert_int_eq(err->status, (int)c->end_or_status);
	return st;
}

/* The head's end and size, given at once and given byte by byte. */
START_TEST(test_head)
{
	const struct head_case	*c = &head_cases[_i];
	struct edge_head	 h;
	struct edge_error	 err;
	enum edge_head_state	 st = EDGE_HEAD_MORE;
	size_t			 len = strlen(c->in), n;

	edge_head_init(&h, c->max);
	head_check(c, edge_head_scan(&h, c->in, len, &err), &h, &err);
	edge_head_init(&h, c->max);
	for (n = 1; n <= len && st == EDGE_HEAD_MORE; n++)
		st = edge_head_scan(&h, c->in, n, &err);
	if (len == 0)
		st = edge_head_scan(&h, c->in, 0, &err);
	head_check(c, st, &h, &err);
	/* DONE stays DONE. */
	if (st == EDGE_HEAD_DONE)
		ck_assert_int_eq(edge_head_scan(&h, c->in, len, &err),
		    EDGE_HEAD_DONE);
}
END_TEST

int
main(void)
{
	Suite	*s = suite_create("edge_request");
	TCase	*tc = tcase_create("edge_request");

	tcase_add_loop_test(tc, test_accept, 0, (int)nitems(accept_cases));
	tcase_add_loop_test(tc, test_content_type, 0, (int)nitems(ctype_cases));
	tcase_add_test(tc, test_plan);
	tcase_add_test(tc, test_get_args);
	tcase_add_test(tc, test_get_args_bad);
	tcase_add_test(tc, test_post_body);
	tcase_add_test(tc, test_post_body_bad);
	tcase_add_test(tc, test_status);
	tcase_add_test(tc, test_bearer);
	tcase_add_test(tc, test_error_body);
	tcase_add_loop_test(tc, test_head, 0, (int)nitems(head_cases));
	suite_add_tcase(s, tc);
	return unit_run(s);
}
