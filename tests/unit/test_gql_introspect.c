/*
 * test_gql_introspect.c: introspection answers as graphql-js 16.15's:
 * root types, kinds and ofType chains of wrapped types, deprecation
 * filters (fields, enum values, arguments, input fields), defaultValue
 * printed from the coerced default (input objects with their fields'
 * defaults, string escapes, integral floats, ID and enum literals, null,
 * lists of one), isOneOf, specifiedByURL, directive locations in
 * definition order, __type of an unknown name, meta fields where they are
 * allowed and not elsewhere; and the full IntrospectionQuery over the real
 * API schema (src/api/schema.graphql) with no errors.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/buf.h"
#include "graphql/gql_arena.h"
#include "graphql/gql_exec.h"
#include "graphql/gql_json.h"
#include "graphql/gql_parse.h"
#include "graphql/gql_schema.h"
#include "unit.h"

#define API_SCHEMA	TOP_SRCDIR "/src/api/schema.graphql"
#define INTROSPECTION	TOP_SRCDIR "/bench/gql_docs/introspection.graphql"

static const char sdl[] =
    "\"The root.\"\n"
    "type Query {\n"
    "  a(s: String = \"x\\ty\\\"\", f: Float = 2.0, g: Float = 2.5,\n"
    "    i: ID = \"007\", j: ID = \"7\", k: ID = 7, e: Color = GREEN,\n"
    "    l: [Int] = 1, n: Int = null, o: In = {x: 1, n: {x: 2}},\n"
    "    d: Int @deprecated(reason: \"old\")): [Int!]!\n"
    "  old: Int @deprecated\n"
    "  one(o: One): Int\n"
    "  t: T\n"
    "}\n"
    "type Mutation { m: Int }\n"
    "enum Color { RED GREEN @deprecated(reason: \"Too green.\") }\n"
    "input In { x: Int! y: String = \"dflt\" n: In"
    " z: Int @deprecated(reason: \"z\") }\n"
    "input One @oneOf { a: Int b: String }\n"
    "scalar Url @specifiedBy(url: \"https://example.com/url\")\n"
    "type T { u: Url }\n"
    "directive @cost(w: Int = 1) on FIELD_DEFINITION | OBJECT | INTERFACE\n";

static struct gql_schema	*schema;

static void
setup(void)
{
	struct gql_error	err;

	schema = gql_schema_new(sdl, strlen(sdl), &err);
	ck_assert_msg(schema != NULL, "%s", err.message);
	ck_assert_int_eq(gql_bind(schema, NULL, 0, NULL, 0, &err), 0);
}

static void
teardown(void)
{
	gql_schema_free(schema);
}

static const char *
query_on(const struct gql_schema *s, const char *q, enum gql_exec_status *st)
{
	static struct buf	 out;
	struct gql_ast_document	*doc;
	struct gql_request	 req;
	struct gql_error	 err;

	doc = gql_parse_document(q, strlen(q), NULL, &err);
	ck_assert_msg(doc != NULL, "%s", err.message);
	memset(&req, 0, sizeof(req));
	req.schema = s;
	req.doc = doc;
	buf_reset(&out);
	*st = gql_execute(&req, &out);
	gql_ast_document_free(doc);
	return buf_cstr(&out);
}

static const char *
query(const char *q)
{
	enum gql_exec_status	st;
	const char		*r;

	r = query_on(schema, q, &st);
	ck_assert_msg(st == GQL_EXEC_OK, "%s", r);
	return r;
}

START_TEST(root_types_and_typename)
{
	ck_assert_str_eq(query("{ __typename __schema { description "
	    "queryType { name kind } mutationType { name } subscriptionType "
	    "{ name } } }"), "{\"data\":{\"__typename\":\"Query\",\"__schema\":"
	    "{\"description\":null,\"queryType\":{\"name\":\"Query\",\"kind\":"
	    "\"OBJECT\"},\"mutationType\":{\"name\":\"Mutation\"},"
	    "\"subscriptionType\":null}}}");
	ck_assert_str_eq(query("{ __type(name: \"Query\") { description } "
	    "nope: __type(name: \"Nope\") { name } }"), "{\"data\":{\"__type\":"
	    "{\"description\":\"The root.\"},\"nope\":null}}");
}
END_TEST

START_TEST(wrapped_types_unwrap_through_of_type)
{
	ck_assert_str_eq(query("{ __type(name: \"Query\") { fields { name "
	    "type { kind name ofType { kind name ofType { kind name ofType "
	    "{ kind name } } } } } } }"), "{\"data\":{\"__type\":{\"fields\":["
	    "{\"name\":\"a\",\"type\":{\"kind\":\"NON_NULL\",\"name\":null,"
	    "\"ofType\":{\"kind\":\"LIST\",\"name\":null,\"ofType\":{\"kind\":"
	    "\"NON_NULL\",\"name\":null,\"ofType\":{\"kind\":\"SCALAR\","
	    "\"name\":\"Int\"}}}}},{\"name\":\"one\",\"type\":{\"kind\":"
	    "\"SCALAR\",\"name\":\"Int\",\"ofType\":null}},{\"name\":\"t\","
	    "\"type\":{\"kind\":\"OBJECT\",\"name\":\"T\",\"ofType\":null}}]}}}");
}
END_TEST

START_TEST(deprecated_elements_are_filtered)
{
	ck_assert_str_eq(query("{ q: __type(name: \"Query\") { all: fields("
	    "includeDeprecated: true) { name isDeprecated deprecationReason } } "
	    "c: __type(name: \"Color\") { enumValues { name } all: enumValues("
	    "includeDeprecated: true) { name deprecationReason } } }"),
	    "{\"data\":{\"q\":{\"all\":[{\"name\":\"a\",\"isDeprecated\":false,"
	    "\"deprecationReason\":null},{\"name\":\"old\",\"isDeprecated\":"
	    "true,\"deprecationReason\":\"No longer supported\"},{\"name\":"
	    "\"one\",\"isDeprecated\":false,\"deprecationReason\":null},"
	    "{\"name\":\"t\",\"isDeprecated\":false,\"deprecationReason\":"
	    "null}]},\"c\":{\"enumValues\":[{\"name\":\"RED\"}],\"all\":["
	    "{\"name\":\"RED\",\"deprecationReason\":null},{\"name\":\"GREEN\","
	    "\"deprecationReason\":\"Too green.\"}]}}}");
	ck_assert_str_eq(query("{ __type(name: \"In\") { inputFields { name } "
	    "all: inputFields(includeDeprecated: true) { name isDeprecated } "
	    "} }"), "{\"data\":{\"__type\":{\"inputFields\":[{\"name\":\"x\"},"
	    "{\"name\":\"y\"},{\"name\":\"n\"}],\"all\":[{\"name\":\"x\","
	    "\"isDeprecated\":false},{\"name\":\"y\",\"isDeprecated\":false},"
	    "{\"name\":\"n\",\"isDeprecated\":false},{\"name\":\"z\","
	    "\"isDeprecated\":true}]}}}");
}
END_TEST

START_TEST(default_values_print_the_coerced_default)
{
	ck_assert_str_eq(query("{ __type(name: \"Query\") { fields { args("
	    "includeDeprecated: true) { name defaultValue } } } }"),
	    "{\"data\":{\"__type\":{\"fields\":[{\"args\":["
	    "{\"name\":\"s\",\"defaultValue\":\"\\\"x\\\\ty\\\\\\\"\\\"\"},"
	    "{\"name\":\"f\",\"defaultValue\":\"2\"},"
	    "{\"name\":\"g\",\"defaultValue\":\"2.5\"},"
	    "{\"name\":\"i\",\"defaultValue\":\"\\\"007\\\"\"},"
	    "{\"name\":\"j\",\"defaultValue\":\"7\"},"
	    "{\"name\":\"k\",\"defaultValue\":\"7\"},"
	    "{\"name\":\"e\",\"defaultValue\":\"GREEN\"},"
	    "{\"name\":\"l\",\"defaultValue\":\"[1]\"},"
	    "{\"name\":\"n\",\"defaultValue\":\"null\"},"
	    "{\"name\":\"o\",\"defaultValue\":\"{x: 1, y: \\\"dflt\\\", n: "
	    "{x: 2, y: \\\"dflt\\\"}}\"},"
	    "{\"name\":\"d\",\"defaultValue\":null}]},"
	    "{\"args\":[{\"name\":\"o\",\"defaultValue\":null}]},"
	    "{\"args\":[]}]}}}");
}
END_TEST

START_TEST(one_of_and_specified_by)
{
	ck_assert_str_eq(query("{ o: __type(name: \"One\") { isOneOf } i: "
	    "__type(name: \"In\") { isOneOf } q: __type(name: \"Query\") "
	    "{ isOneOf specifiedByURL } u: __type(name: \"Url\") "
	    "{ kind specifiedByURL } }"), "{\"data\":{\"o\":{\"isOneOf\":true},"
	    "\"i\":{\"isOneOf\":false},\"q\":{\"isOneOf\":null,"
	    "\"specifiedByURL\":null},\"u\":{\"kind\":\"SCALAR\","
	    "\"specifiedByURL\":\"https://example.com/url\"}}}");
}
END_TEST

START_TEST(directives_keep_their_location_order)
{
	const char	*r;

	r = query("{ __schema { directives { name isRepeatable locations "
	    "args { name defaultValue } } } }");
	ck_assert_ptr_nonnull(strstr(r, "{\"name\":\"cost\",\"isRepeatable\":"
	    "false,\"locations\":[\"FIELD_DEFINITION\",\"OBJECT\","
	    "\"INTERFACE\"],\"args\":[{\"name\":\"w\",\"defaultValue\":"
	    "\"1\"}]}"));
	ck_assert_ptr_nonnull(strstr(r, "{\"name\":\"include\",\"isRepeatable\":"
	    "false,\"locations\":[\"FIELD\",\"FRAGMENT_SPREAD\","
	    "\"INLINE_FRAGMENT\"],\"args\":[{\"name\":\"if\",\"defaultValue\":"
	    "null}]}"));
}
END_TEST

START_TEST(meta_fields_only_where_allowed)
{
	ck_assert_str_eq(query("{ t { __typename __schema { description } "
	    "__type(name: \"T\") { name } } }"),
	    "{\"data\":{\"t\":null}}");
	ck_assert_str_eq(query("mutation { __typename __schema { "
	    "description } }"), "{\"data\":{\"__typename\":\"Mutation\"}}");
	ck_assert_str_eq(query("{ __type(name: \"__Type\") { kind "
	    "fields { name } } }"), "{\"data\":{\"__type\":{\"kind\":\"OBJECT\","
	    "\"fields\":[{\"name\":\"kind\"},{\"name\":\"name\"},{\"name\":"
	    "\"description\"},{\"name\":\"specifiedByURL\"},{\"name\":"
	    "\"fields\"},{\"name\":\"interfaces\"},{\"name\":\"possibleTypes\"},"
	    "{\"name\":\"enumValues\"},{\"name\":\"inputFields\"},{\"name\":"
	    "\"ofType\"},{\"name\":\"isOneOf\"}]}}}");
}
END_TEST

static char *
slurp(const char *path)
{
	FILE	*f = fopen(path, "rb");
	char	*p;
	long	 n;

	ck_assert_ptr_nonnull(f);
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	fseek(f, 0, SEEK_SET);
	p = calloc(1, (size_t)n + 1);
	ck_assert_int_eq(fread(p, 1, (size_t)n, f), n);
	fclose(f);
	return p;
}

START_TEST(introspection_query_over_the_api_schema)
{
	struct gql_schema	*api;
	struct gql_error	 err;
	struct gql_arena	*arena;
	const struct gql_value	*v, *types;
	enum gql_exec_status	 st;
	char			*q, msg[128];
	const char		*r;

	api = gql_schema_load(API_SCHEMA, &err);
	ck_assert_msg(api != NULL, "%s", err.message);
	q = slurp(INTROSPECTION);
	r = query_on(api, q, &st);
	ck_assert_msg(st == GQL_EXEC_OK, "%s", r);
	arena = gql_arena_new(4096);
	v = gql_json_parse(r, strlen(r), arena, 0, msg, sizeof(msg));
	ck_assert_msg(v != NULL, "%s", msg);
	types = gql_value_get(gql_value_get(gql_value_get(v, "data"),
	    "__schema"), "types");
	ck_assert_ptr_nonnull(types);
	ck_assert_uint_eq(types->count, api->ntypes);
	ck_assert_ptr_nonnull(strstr(r, "\"name\":\"sendMessage\""));
	ck_assert_ptr_nonnull(strstr(r, "\"name\":\"__TypeKind\""));
	gql_arena_free(arena);
	free(q);
	gql_schema_free(api);
}
END_TEST

static Suite *
suite(void)
{
	Suite	*s = suite_create("gql_introspect");
	TCase	*tc = tcase_create("introspect");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, root_types_and_typename);
	tcase_add_test(tc, wrapped_types_unwrap_through_of_type);
	tcase_add_test(tc, deprecated_elements_are_filtered);
	tcase_add_test(tc, default_values_print_the_coerced_default);
	tcase_add_test(tc, one_of_and_specified_by);
	tcase_add_test(tc, directives_keep_their_location_order);
	tcase_add_test(tc, meta_fields_only_where_allowed);
	tcase_add_test(tc, introspection_query_over_the_api_schema);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return unit_run(suite());
}
