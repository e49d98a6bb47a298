/*
 * test_edge_wsmsg.c: GraphQL-over-WebSocket messages as data
 * (edge_wsmsg.c): every message type of both subprotocols, every invalid
 * shape graphql-ws's validateMessage() rejects (4400), the legacy
 * protocol's lenience and numeric ids, tokens in connection_init, and
 * the server messages built back (valid JSON, escaped, error lists).
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "common/buf.h"
#include "common/util.h"
#include "edge/edge_wsmsg.h"
#include "unit.h"

static int
parse(enum edge_transport p, const char *text, struct edge_wsmsg *m,
    struct edge_error *err)
{
	return edge_wsmsg_parse(p, text, strlen(text), m, err);
}

START_TEST(test_transport_valid)
{
	struct edge_wsmsg	m;
	struct edge_error	err;

	ck_assert_int_eq(parse(EDGE_WS, "{\"type\":\"connection_init\"}", &m,
	    &err), 0);
	ck_assert_int_eq(m.type, EDGE_WSMSG_INIT);
	ck_assert_ptr_null(m.payload);
	edge_wsmsg_clear(&m);
	ck_assert_int_eq(parse(EDGE_WS, "{\"type\":\"connection_init\","
	    "\"payload\":{\"authorization\":\"t\"}}", &m, &err), 0);
	ck_assert_ptr_nonnull(m.payload);
	edge_wsmsg_clear(&m);
	ck_assert_int_eq(parse(EDGE_WS, "{\"type\":\"connection_init\","
	    "\"payload\":null}", &m, &err), 0);
	edge_wsmsg_clear(&m);
	ck_assert_int_eq(parse(EDGE_WS, "{\"type\":\"ping\",\"payload\":{}}",
	    &m, &err), 0);
	ck_assert_int_eq(m.type, EDGE_WSMSG_PING);
	edge_wsmsg_clear(&m);
	ck_assert_int_eq(parse(EDGE_WS, "{\"type\":\"pong\"}", &m, &err), 0);
	ck_assert_int_eq(m.type, EDGE_WSMSG_PONG);
	edge_wsmsg_clear(&m);
	ck_assert_int_eq(parse(EDGE_WS, "{\"id\":\"1\",\"type\":\"subscribe\","
	    "\"payload\":{\"query\":\"subscription { a }\",\"operationName\":"
	    "\"A\",\"variables\":{\"x\":1},\"extensions\":{}}}", &m, &err), 0);
	ck_assert_int_eq(m.type, EDGE_WSMSG_SUBSCRIBE);
	ck_assert_str_eq(m.id, "1");
	ck_assert_str_eq(m.req.query, "subscription { a }");
	ck_assert_str_eq(m.req.operation_name, "A");
	ck_assert_str_eq(m.req.variables_json, "{\"x\":1}");
	ck_assert_uint_eq(m.req.variables_len, 7);
	ck_assert_ptr_nonnull(m.req.extensions);
	edge_wsmsg_clear(&m);
	ck_assert_int_eq(parse(EDGE_WS, "{\"type\":\"complete\",\"id\":\"x y\","
	    "\"extra\":1}", &m, &err), 0);
	ck_assert_int_eq(m.type, EDGE_WSMSG_COMPLETE);
	ck_assert_str_eq(m.id, "x y");
	edge_wsmsg_clear(&m);
	edge_wsmsg_clear(NULL);
}
END_TEST

static const char *const transport_bad[] = {
	"", "x", "{", "[]", "\"s\"", "1", "null", "{}",
	"{\"type\":1}", "{\"type\":null}", "{\"type\":\"\"}",
	"{\"type\":\"nope\"}", "{\"type\":\"start\",\"id\":\"1\"}",
	"{\"type\":\"connection_ack\"}", "{\"type\":\"next\",\"id\":\"1\","
	"\"payload\":{}}", "{\"type\":\"error\",\"id\":\"1\",\"payload\":[]}",
	"{\"type\":\"ka\"}",
	"{\"type\":\"connection_init\",\"payload\":1}",
	"{\"type\":\"connection_init\",\"payload\":\"s\"}",
	"{\"type\":\"connection_init\",\"payload\":[]}",
	"{\"type\":\"ping\",\"payload\":true}",
	"{\"type\":\"subscribe\",\"payload\":{\"query\":\"a\"}}",
	"{\"type\":\"subscribe\",\"id\":1,\"payload\":{\"query\":\"a\"}}",
	"{\"type\":\"subscribe\",\"id\":\"\",\"payload\":{\"query\":\"a\"}}",
	"{\"type\":\"subscribe\",\"id\":\"1\"}",
	"{\"type\":\"subscribe\",\"id\":\"1\",\"payload\":null}",
	"{\"type\":\"subscribe\",\"id\":\"1\",\"payload\":{}}",
	"{\"type\":\"subscribe\",\"id\":\"1\",\"payload\":{\"query\":1}}",
	"{\"type\":\"subscribe\",\"id\":\"1\",\"payload\":{\"query\":\"a\","
	"\"variables\":[]}}",
	"{\"type\":\"subscribe\",\"id\":\"1\",\"payload\":{\"query\":\"a\","
	"\"operationName\":2}}",
	"{\"type\":\"subscribe\",\"id\":\"1\",\"payload\":{\"query\":\"a\","
	"\"extensions\":\"e\"}}",
	"{\"type\":\"complete\"}", "{\"type\":\"complete\",\"id\":\"\"}",
	"{\"type\":\"complete\",\"id\":5}",
	"{\"type\":\"ping\",\"type\":\"pong\"}",
	"{\"type\":\"ping\"} {}",
	"{\"type\":\"complete\",\"id\":\"a\\u0000b\"}",
};

START_TEST(test_transport_invalid)
{
	struct edge_wsmsg	m;
	struct edge_error	err;

	memset(&err, 0, sizeof(err));
	ck_assert_msg(parse(EDGE_WS, transport_bad[_i], &m, &err) == -1,
	    "accepted: %s", transport_bad[_i]);
	ck_assert_int_eq(err.close_code, 4400);
	ck_assert_ptr_null(m.payload);
	ck_assert_ptr_null(m.req.query);
	ck_assert_uint_lt(strlen(err.message), 124);	/* fits a close frame */
}
END_TEST

START_TEST(test_id_length)
{
	struct edge_wsmsg	m;
	struct edge_error	err;
	char			text[512], id[200];

	memset(id, 'i', EDGE_WS_ID_MAX);
	id[EDGE_WS_ID_MAX] = '\0';
	snprintf(text, sizeof(text), "{\"type\":\"complete\",\"id\":\"%s\"}", id);
	ck_assert_int_eq(parse(EDGE_WS, text, &m, &err), 0);
	ck_assert_str_eq(m.id, id);
	edge_wsmsg_clear(&m);
	strcat(id, "i");
	snprintf(text, sizeof(text), "{\"type\":\"complete\",\"id\":\"%s\"}", id);
	ck_assert_int_eq(parse(EDGE_WS, text, &m, &err), -1);
}
END_TEST

START_TEST(test_legacy)
{
	struct edge_wsmsg	m;
	struct edge_error	err;

	ck_assert_int_eq(parse(EDGE_WS_LEGACY, "{\"type\":\"connection_init\","
	    "\"payload\":\"odd params\"}", &m, &err), 0);
	ck_assert_ptr_null(m.payload);
	edge_wsmsg_clear(&m);
	ck_assert_int_eq(parse(EDGE_WS_LEGACY, "{\"type\":\"start\",\"id\":7,"
	    "\"payload\":{\"query\":\"{ a }\"}}", &m, &err), 0);
	ck_assert_int_eq(m.type, EDGE_WSMSG_SUBSCRIBE);
	ck_assert_str_eq(m.id, "7");
	edge_wsmsg_clear(&m);
	ck_assert_int_eq(parse(EDGE_WS_LEGACY, "{\"type\":\"stop\",\"id\":\"7\"}",
	    &m, &err), 0);
	ck_assert_int_eq(m.type, EDGE_WSMSG_COMPLETE);
	edge_wsmsg_clear(&m);
	ck_assert_int_eq(parse(EDGE_WS_LEGACY,
	    "{\"type\":\"connection_terminate\"}", &m, &err), 0);
	ck_assert_int_eq(m.type, EDGE_WSMSG_TERMINATE);
	edge_wsmsg_clear(&m);
	/* Bad legacy messages do not close; the id says whom to answer. */
	ck_assert_int_eq(parse(EDGE_WS_LEGACY, "garbage", &m, &err), -1);
	ck_assert_int_eq(err.close_code, 0);
	ck_assert_str_eq(m.id, "");
	ck_assert_int_eq(parse(EDGE_WS_LEGACY, "{\"type\":\"subscribe\","
	    "\"id\":\"3\"}", &m, &err), -1);
	ck_assert_str_eq(m.id, "3");
	ck_assert_int_eq(parse(EDGE_WS_LEGACY, "{\"type\":\"ping\"}", &m,
	    &err), -1);
	ck_assert_int_eq(parse(EDGE_WS_LEGACY, "{\"type\":\"start\",\"id\":\"4\","
	    "\"payload\":{}}", &m, &err), -1);
	ck_assert_str_eq(m.id, "4");
	ck_assert_int_eq(parse(EDGE_WS_LEGACY, "{\"type\":\"start\",\"id\":1.5,"
	    "\"payload\":{\"query\":\"a\"}}", &m, &err), -1);
}
END_TEST

START_TEST(test_token)
{
	json_t	*p;

	ck_assert_ptr_null(edge_wsmsg_token(NULL));
	p = json_pack("{s:s}", "authorization", "abc");
	ck_assert_str_eq(edge_wsmsg_token(p), "abc");
	json_decref(p);
	p = json_pack("{s:s}", "Authorization", "Bearer xyz");
	ck_assert_str_eq(edge_wsmsg_token(p), "xyz");
	json_decref(p);
	p = json_pack("{s:i}", "authorization", 5);
	ck_assert_ptr_null(edge_wsmsg_token(p));
	json_decref(p);
	p = json_pack("{s:s}", "authorization", "");
	ck_assert_ptr_null(edge_wsmsg_token(p));
	json_decref(p);
	p = json_pack("{s:s}", "token", "abc");
	ck_assert_ptr_null(edge_wsmsg_token(p));
	json_decref(p);
}
END_TEST

START_TEST(test_build)
{
	struct buf	 b = BUF_INIT;
	json_t		*payload, *j;

	edge_wsmsg_build(&b, "connection_ack", NULL, NULL);
	ck_assert_str_eq(b.data, "{\"type\":\"connection_ack\"}");
	buf_reset(&b);
	payload = json_pack("{s:{s:s}}", "data", "x", "\"\n\xc3\xa9");
	edge_wsmsg_build(&b, "next", "id\"1", payload);
	j = json_loads(b.data, 0, NULL);
	ck_assert_ptr_nonnull(j);
	ck_assert_str_eq(json_string_value(json_object_get(j, "id")), "id\"1");
	ck_assert(json_equal(json_object_get(j, "payload"), payload));
	json_decref(j);
	json_decref(payload);
	buf_reset(&b);
	edge_wsmsg_build_text(&b, "next", "7", "{\"data\":1}", 10);
	ck_assert_str_eq(b.data, "{\"type\":\"next\",\"id\":\"7\","
	    "\"payload\":{\"data\":1}}");
	buf_reset(&b);
	edge_wsmsg_build_text(&b, "complete", "7", NULL, 0);
	ck_assert_str_eq(b.data, "{\"type\":\"complete\",\"id\":\"7\"}");
	buf_reset(&b);
	edge_wsmsg_build_error(&b, EDGE_WS, "error", "9", "no \"way\"",
	    "RATE_LIMITED");
	j = json_loads(b.data, 0, NULL);
	ck_assert(json_is_array(json_object_get(j, "payload")));
	ck_assert_str_eq(json_string_value(json_object_get(json_object_get(
	    json_array_get(json_object_get(j, "payload"), 0), "extensions"),
	    "code")), "RATE_LIMITED");
	json_decref(j);
	buf_reset(&b);
	edge_wsmsg_build_error(&b, EDGE_WS_LEGACY, "connection_error", NULL,
	    "m", NULL);
	j = json_loads(b.data, 0, NULL);
	ck_assert(json_is_object(json_object_get(j, "payload")));
	ck_assert_ptr_null(json_object_get(j, "id"));
	json_decref(j);
	buf_free(&b);
}
END_TEST

int
main(void)
{
	Suite	*s = suite_create("edge_wsmsg");
	TCase	*tc = tcase_create("edge_wsmsg");

	tcase_add_test(tc, test_transport_valid);
	tcase_add_loop_test(tc, test_transport_invalid, 0,
	    (int)nitems(transport_bad));
	tcase_add_test(tc, test_id_length);
	tcase_add_test(tc, test_legacy);
	tcase_add_test(tc, test_token);
	tcase_add_test(tc, test_build);
	suite_add_tcase(s, tc);
	return unit_run(s);
}
