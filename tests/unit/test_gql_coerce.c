/*
 * test_gql_coerce.c: input and result coercion as graphql-js 16.15 does
 * it: the JSON reader for variables (strictness, duplicates, depth, the
 * JavaScript number model), JavaScript number printing and inspect(),
 * JavaScript's Number() for lenient output coercion, every built-in
 * scalar in both directions with graphql-js's messages, enums with "Did
 * you mean" suggestions, variables (CoerceVariableValues: required,
 * non-null, lists of one, input objects with defaults, unknown fields,
 * @oneOf, the error limit, messages quoting megabytes within the error
 * budget), literals (valueFromAST) and arguments
 * (CoerceArgumentValues), and the strict Base64, Timestamp and Cursor
 * scalar hooks.
 */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/buf.h"
#include "graphql/gql_arena.h"
#include "graphql/gql_coerce.h"
#include "graphql/gql_exec.h"
#include "graphql/gql_json.h"
#include "graphql/gql_parse.h"
#include "graphql/gql_scalar.h"
#include "graphql/gql_schema.h"
#include "unit.h"

static const char sdl[] =
    "type Query { f(a: Int, b: [Int!] = [1], c: In, e: Color = RED,"
    " r: Int! = 3, n: Int!): Int\n"
    "  g(f: Float, b: Boolean, i: ID, s: String, a: Any, o: One,"
    " b64: Base64, t: Timestamp, cur: Cursor): Int }\n"
    "enum Color { RED GREEN BLUE }\n"
    "input In { x: Int! y: String = \"dflt\" z: [In] color: Color }\n"
    "input One @oneOf { a: Int b: String }\n"
    "scalar Base64\nscalar Timestamp\nscalar Cursor\nscalar Any\n";

static const struct gql_type_binding bindings[] = {
	{ "Base64", &gql_scalar_base64, NULL },
	{ "Timestamp", &gql_scalar_timestamp, NULL },
	{ "Cursor", &gql_scalar_cursor, NULL },
};

static struct gql_schema	*schema;
static struct gql_arena		*arena;

static void
setup(void)
{
	struct gql_error	err;

	schema = gql_schema_new(sdl, strlen(sdl), &err);
	ck_assert_msg(schema != NULL, "%s", err.message);
	ck_assert_int_eq(gql_bind(schema, NULL, 0, bindings, 3, &err), 0);
	arena = gql_arena_new(1024);
}

static void
teardown(void)
{
	gql_arena_free(arena);
	gql_schema_free(schema);
}

static const struct gql_value *
json(const char *text)
{
	char			 err[128];
	const struct gql_value	*v;

	v = gql_json_parse(text, strlen(text), arena, 0, err, sizeof(err));
	ck_assert_msg(v != NULL, "%s: %s", text, err);
	return v;
}

/* JSON of a value, in a static buffer. */
static const char *
js(const struct gql_value *v)
{
	static struct buf	b;

	buf_reset(&b);
	gql_value_write_json(v, &b);
	return buf_cstr(&b);
}

static const struct gql_typeref *
tref(const char *text)
{
	struct gql_ast_document	*doc;
	struct gql_ast_type	*t;
	struct gql_error	 err;
	const struct gql_typeref *r;

	doc = gql_parse_type(text, strlen(text), NULL, &t, &err);
	ck_assert_ptr_nonnull(doc);
	r = gql_typeref_from_ast(schema, arena, t);
	ck_assert_ptr_nonnull(r);
	/* typerefs of named types point into the schema; wrappers into
	 * `arena`; the document is no longer needed. */
	gql_ast_document_free(doc);
	return r;
}

START_TEST(json_reads_strictly)
{
	static const char *const bad[] = {
		"", "{", "[1,]", "{\"a\":1,}", "01", "1.", ".5", "+1", "-",
		"1e", "tru", "nul", "\"a", "\"\\x\"", "\"\\ud800\"",
		"\"\\udc00x\"", "\"\x01\"", "\"\xff\"", "\"\xc0\x80\"",
		"[1] 2", "NaN", "'a'", "{a:1}", "// c\n1",
	};
	char	 err[128];
	size_t	 i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		ck_assert_msg(gql_json_parse(bad[i], strlen(bad[i]), arena, 0,
		    err, sizeof(err)) == NULL, "accepted %s", bad[i]);
	ck_assert_str_eq(js(json(" {\"a\" : [1, 2.5, true, null, \"x\"]} ")),
	    "{\"a\":[1,2.5,true,null,\"x\"]}");
	ck_assert_str_eq(js(json("\"\\u00e9\\ud83d\\ude00\\n\\/\"")),
	    "\"\xc3\xa9\xf0\x9f\x98\x80\\n/\"");
}
END_TEST

/* The plain byte-by-byte JSON.stringify() escaping, as a reference. */
static void
ref_json_string(struct buf *b, const unsigned char *s, size_t len)
{
	size_t	i;

	buf_addc(b, '"');
	for (i = 0; i < len; i++) {
		if (s[i] == '"' || s[i] == '\\')
			buf_addf(b, "\\%c", s[i]);
		else if (s[i] == '\n')
			buf_adds(b, "\\n");
		else if (s[i] == '\t')
			buf_adds(b, "\\t");
		else if (s[i] < 0x20)
			buf_addf(b, "\\u%04x", s[i]);
		else
			buf_addc(b, (char)s[i]);
	}
	buf_addc(b, '"');
}

START_TEST(json_strings_escape_at_every_position)
{
	static const unsigned char	 special[] = { '"', '\\', '\n', '\t',
					     0x01, 0x1f, 0x7f };
	unsigned char			 s[140];
	struct buf			 a = BUF_INIT, r = BUF_INIT;
	const struct gql_value		*v;
	size_t				 len, pos, k;

	/* Every length around the 8-, 16- and 32-byte blocks (the last
	 * from 64 bytes on, where the CPU has AVX2), every position. */
	for (len = 0; len < sizeof(s); len++) {
		for (pos = 0; pos <= len; pos++) {
			for (k = 0; k < sizeof(special); k++) {
				memset(s, 'a' + (int)(len % 26), len);
				if (pos < len)
					s[pos] = special[k];
				buf_reset(&a);
				buf_reset(&r);
				buf_adds(&a, "x");
				buf_adds(&r, "x");
				gql_json_write_string(&a, (const char *)s, len);
				ref_json_string(&r, s, len);
				ck_assert_str_eq(buf_cstr(&a), buf_cstr(&r));
				ck_assert_uint_eq(a.len, r.len);
				/* and the reader gives the bytes back */
				v = json(a.data + 1);
				ck_assert_uint_eq(v->u.str.len, len);
				ck_assert(memcmp(v->u.str.s, s, len) == 0);
			}
		}
	}
	/* UTF-8 passes; invalid bytes become U+FFFD one by one. */
	buf_reset(&a);
	gql_json_write_string(&a, "0123456789abcdef\xc3\xa9\xff\xc3", 20);
	ck_assert_str_eq(buf_cstr(&a), "\"0123456789abcdef\xc3\xa9\xef\xbf"
	    "\xbd\xef\xbf\xbd\"");
	buf_free(&a);
	buf_free(&r);
}
END_TEST

START_TEST(json_duplicate_keys_keep_first_position_last_value)
{
	struct buf	b = BUF_INIT;
	int		i;

	ck_assert_str_eq(js(json("{\"a\":1,\"b\":2,\"a\":3}")),
	    "{\"a\":3,\"b\":2}");
	/* Many keys take the hashed path. */
	buf_addc(&b, '{');
	for (i = 0; i < 40; i++)
		buf_addf(&b, "\"k%d\":%d,", i % 20, i);
	buf_adds(&b, "\"z\":0}");
	ck_assert_uint_eq(json(b.data)->count, 21);
	ck_assert_int_eq(gql_value_get(json(b.data), "k3")->u.i, 23);
	buf_free(&b);
}
END_TEST

START_TEST(json_depth_is_bounded)
{
	struct buf	b = BUF_INIT;
	char		err[128];
	int		i;

	for (i = 0; i < 300; i++)
		buf_addc(&b, '[');
	for (i = 0; i < 300; i++)
		buf_addc(&b, ']');
	ck_assert_ptr_null(gql_json_parse(b.data, b.len, arena, 0, err,
	    sizeof(err)));
	ck_assert_ptr_nonnull(strstr(err, "deep"));
	ck_assert_ptr_nonnull(gql_json_parse(b.data, b.len, arena, 400, err,
	    sizeof(err)));
	buf_free(&b);
}
END_TEST

START_TEST(json_numbers_are_javascript_numbers)
{
	const struct gql_value	*v;

	v = json("[3, 3.0, -0, 9007199254740993, 1e400, 1.5e2]");
	ck_assert_int_eq(v->u.items[0].kind, GQL_V_INT);
	ck_assert_int_eq(v->u.items[1].kind, GQL_V_FLOAT);
	ck_assert_int_eq(v->u.items[2].kind, GQL_V_INT);
	ck_assert_int_eq(v->u.items[3].kind, GQL_V_FLOAT);
	ck_assert(isinf(v->u.items[4].u.f));
	ck_assert_str_eq(js(v), "[3,3,0,9007199254740992,null,150]");
}
END_TEST

START_TEST(numbers_print_as_javascript_does)
{
	static const struct {
		double		 d;
		const char	*s;
	} cases[] = {
		{ 0.1, "0.1" }, { 1.5, "1.5" }, { -2.25, "-2.25" },
		{ 1e21, "1e+21" }, { 1e20, "100000000000000000000" },
		{ 123456789012345680000.0, "123456789012345680000" },
		{ 5e-7, "5e-7" }, { 0.000001, "0.000001" },
		{ 1.7976931348623157e308, "1.7976931348623157e+308" },
		{ -0.0, "0" }, { 1.0 / 3, "0.3333333333333333" },
		{ 2147483648.0, "2147483648" }, { 1e300, "1e+300" },
	};
	struct buf	b = BUF_INIT;
	size_t		i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		buf_reset(&b);
		gql_json_format_number(&b, cases[i].d);
		ck_assert_str_eq(buf_cstr(&b), cases[i].s);
	}
	buf_reset(&b);
	gql_json_format_number(&b, INFINITY);
	ck_assert_str_eq(buf_cstr(&b), "Infinity");
	buf_reset(&b);
	gql_json_write_number(&b, NAN);
	ck_assert_str_eq(buf_cstr(&b), "null");
	buf_free(&b);
}
END_TEST

START_TEST(inspect_is_graphql_js_inspect)
{
	static const struct {
		const char	*json;
		const char	*inspect;
	} cases[] = {
		{ "\"a\\\"b\"", "\"a\\\"b\"" },
		{ "{\"a\":1,\"b\":[true,null]}", "{ a: 1, b: [true, null] }" },
		{ "{}", "{}" }, { "[]", "[]" },
		{ "[[[1]]]", "[[[Array]]]" },
		{ "{\"a\":{\"b\":{\"c\":1}}}", "{ a: { b: [Object] } }" },
		{ "[1,2,3,4,5,6,7,8,9,10,11]",
		    "[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, ... 1 more item]" },
		{ "[1,2,3,4,5,6,7,8,9,10,11,12]",
		    "[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, ... 2 more items]" },
		{ "1.5e300", "1.5e+300" },
	};
	struct buf	b = BUF_INIT;
	size_t		i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		buf_reset(&b);
		gql_value_inspect(json(cases[i].json), &b);
		ck_assert_str_eq(buf_cstr(&b), cases[i].inspect);
	}
	buf_free(&b);
}
END_TEST

START_TEST(js_number_reads_like_javascript)
{
	ck_assert(gql_coerce_js_number(" 42 ", 4) == 42);
	ck_assert(gql_coerce_js_number("0x1f", 4) == 31);
	ck_assert(gql_coerce_js_number("0b101", 5) == 5);
	ck_assert(gql_coerce_js_number("1e3", 3) == 1000);
	ck_assert(gql_coerce_js_number(".5", 2) == 0.5);
	ck_assert(gql_coerce_js_number("5.", 2) == 5);
	ck_assert(gql_coerce_js_number("\t\n", 2) == 0);
	ck_assert(gql_coerce_js_number("-Infinity", 9) == -INFINITY);
	ck_assert(isnan(gql_coerce_js_number("abc", 3)));
	ck_assert(isnan(gql_coerce_js_number("-0x1", 4)));
	ck_assert(isnan(gql_coerce_js_number("1e", 2)));
	ck_assert(isnan(gql_coerce_js_number("inf", 3)));
	ck_assert(isnan(gql_coerce_js_number("1_000", 5)));
}
END_TEST

/* Coerce JSON text to a type: the coerced JSON, or "!" + the message. */
static const char *
coerce(const char *type, const char *text)
{
	static struct buf	 out;
	struct buf		 err = BUF_INIT;
	struct gql_value	 v;

	buf_reset(&out);
	if (gql_coerce_value(schema, tref(type), json(text), arena, &v,
	    &err) == -1) {
		buf_addc(&out, '!');
		buf_add(&out, err.data, err.len);
	} else
		gql_value_write_json(&v, &out);
	buf_free(&err);
	return buf_cstr(&out);
}

START_TEST(builtin_scalars_parse_values_as_graphql_js)
{
	ck_assert_str_eq(coerce("Int", "3.0"), "3");
	ck_assert_str_eq(coerce("Int", "-2147483648"), "-2147483648");
	ck_assert_str_eq(coerce("Int", "2147483648"), "!Int cannot represent "
	    "non 32-bit signed integer value: 2147483648");
	ck_assert_str_eq(coerce("Int", "1.5"),
	    "!Int cannot represent non-integer value: 1.5");
	ck_assert_str_eq(coerce("Int", "\"1\""),
	    "!Int cannot represent non-integer value: \"1\"");
	ck_assert_str_eq(coerce("Float", "2"), "2");
	ck_assert_str_eq(coerce("Float", "1e400"),
	    "!Float cannot represent non numeric value: Infinity");
	ck_assert_str_eq(coerce("String", "true"),
	    "!String cannot represent a non string value: true");
	ck_assert_str_eq(coerce("Boolean", "0"),
	    "!Boolean cannot represent a non boolean value: 0");
	ck_assert_str_eq(coerce("ID", "7"), "\"7\"");
	ck_assert_str_eq(coerce("ID", "\"007\""), "\"007\"");
	ck_assert_str_eq(coerce("ID", "1.5"), "!ID cannot represent value: 1.5");
	ck_assert_str_eq(coerce("ID", "false"),
	    "!ID cannot represent value: false");
	ck_assert_str_eq(coerce("Any", "{\"x\":[1]}"), "{\"x\":[1]}");
}
END_TEST

START_TEST(enums_parse_names_and_suggest)
{
	ck_assert_str_eq(coerce("Color", "\"GREEN\""), "\"GREEN\"");
	ck_assert_str_eq(coerce("Color", "\"GREN\""), "!Value \"GREN\" does "
	    "not exist in \"Color\" enum. Did you mean the enum value "
	    "\"GREEN\" or \"RED\"?");
	ck_assert_str_eq(coerce("Color", "\"red\""), "!Value \"red\" does not "
	    "exist in \"Color\" enum. Did you mean the enum value \"RED\"?");
	ck_assert_str_eq(coerce("Color", "1"), "!Enum \"Color\" cannot "
	    "represent non-string value: 1.");
}
END_TEST

START_TEST(lists_and_input_objects_coerce)
{
	ck_assert_str_eq(coerce("[Int]", "5"), "[5]");
	ck_assert_str_eq(coerce("[[Int]]", "5"), "[[5]]");
	ck_assert_str_eq(coerce("[Int]", "[1,null]"), "[1,null]");
	ck_assert_str_eq(coerce("[Int!]", "[1,null]"),
	    "!Expected non-nullable type \"Int!\" not to be null.");
	ck_assert_str_eq(coerce("In", "{\"x\":1}"),
	    "{\"x\":1,\"y\":\"dflt\"}");
	ck_assert_str_eq(coerce("In", "{\"y\":null,\"x\":2}"),
	    "{\"x\":2,\"y\":null}");
	ck_assert_str_eq(coerce("In", "{}"),
	    "!Field \"x\" of required type \"Int!\" was not provided.");
	ck_assert_str_eq(coerce("In", "{\"x\":1,\"xx\":2}"), "!Field \"xx\" is "
	    "not defined by type \"In\". Did you mean \"x\"?");
	ck_assert_str_eq(coerce("In", "[1]"),
	    "!Expected type \"In\" to be an object.");
	ck_assert_str_eq(coerce("One", "{\"a\":1}"), "{\"a\":1}");
	ck_assert_str_eq(coerce("One", "{\"a\":1,\"b\":\"x\"}"),
	    "!Exactly one key must be specified for OneOf type \"One\".");
	ck_assert_str_eq(coerce("One", "{\"a\":null}"),
	    "!Field \"a\" must be non-null.");
}
END_TEST

/* Coerce the variables of "query(...) { f }" with JSON inputs. */
static int
variables(const char *defs, const char *inputs, struct gql_errors *errs,
    const char **outjson)
{
	struct gql_ast_document	*doc;
	struct gql_error	 err;
	const struct gql_value	*out;
	char			 q[512];
	int			 rc;

	snprintf(q, sizeof(q), "query Q%s { f }", defs);
	doc = gql_parse_document(q, strlen(q), NULL, &err);
	ck_assert_msg(doc != NULL, "%s", err.message);
	rc = gql_coerce_variables(schema, &doc->defs->u.op, NULL,
	    inputs != NULL ? json(inputs) : NULL, arena, 50, &out, NULL, errs);
	/* coerced values may point into the document: print before free */
	*outjson = rc == 0 ? js(out) : NULL;
	gql_ast_document_free(doc);
	return rc;
}

START_TEST(variables_follow_coerce_variable_values)
{
	struct gql_errors	 errs = GQL_ERRORS_INIT;
	const char		*v;

	ck_assert_int_eq(variables("($a: Int = 4, $b: [Int], $c: In)",
	    "{\"b\": 1, \"c\": {\"x\": 2}}", &errs, &v), 0);
	ck_assert_str_eq(v,
	    "{\"a\":4,\"b\":[1],\"c\":{\"x\":2,\"y\":\"dflt\"}}");
	ck_assert_int_eq(variables("($a: Int!)", "{}", &errs, &v), -1);
	ck_assert_str_eq(errs.first->message,
	    "Variable \"$a\" of required type \"Int!\" was not provided.");
	ck_assert_uint_eq(errs.first->locs[0].column, 9);
	gql_errors_free(&errs);
	ck_assert_int_eq(variables("($a: Int!)", "{\"a\": null}", &errs, &v),
	    -1);
	ck_assert_str_eq(errs.first->message,
	    "Variable \"$a\" of non-null type \"Int!\" must not be null.");
	gql_errors_free(&errs);
	ck_assert_int_eq(variables("($c: [In])",
	    "{\"c\": [{\"x\": 1}, {\"x\": \"s\", \"z\": [{}]}]}", &errs, &v),
	    -1);
	ck_assert_uint_eq(errs.count, 2);
	ck_assert_str_eq(errs.first->message, "Variable \"$c\" got invalid "
	    "value \"s\" at \"c[1].x\"; Int cannot represent non-integer "
	    "value: \"s\"");
	ck_assert_str_eq(errs.first->next->message, "Variable \"$c\" got "
	    "invalid value {} at \"c[1].z[0]\"; Field \"x\" of required type "
	    "\"Int!\" was not provided.");
	gql_errors_free(&errs);
	ck_assert_int_eq(variables("($a: In, $b: Query)", "{}", &errs, &v),
	    -1);
	ck_assert_str_eq(errs.first->message, "Variable \"$b\" expected value "
	    "of type \"Query\" which cannot be used as an input type.");
	gql_errors_free(&errs);
	/* No inputs at all is {}; absent nullable variables stay absent. */
	ck_assert_int_eq(variables("($a: Int)", NULL, &errs, &v), 0);
	ck_assert_str_eq(v, "{}");
}
END_TEST

START_TEST(variable_errors_stop_at_the_limit)
{
	struct gql_errors	 errs = GQL_ERRORS_INIT;
	const char		*v;
	struct buf		 in = BUF_INIT;
	int			 i;

	buf_adds(&in, "{\"b\": [");
	for (i = 0; i < 60; i++)
		buf_adds(&in, i ? ",null" : "null");
	buf_adds(&in, "]}");
	ck_assert_int_eq(variables("($b: [Int!])", in.data, &errs, &v), -1);
	ck_assert_uint_eq(errs.count, 51);
	ck_assert_str_eq(errs.last->message, "Too many errors processing "
	    "variables, error limit reached. Execution aborted.");
	gql_errors_free(&errs);
	buf_free(&in);
}
END_TEST

/* Whether s[0..n) is well-formed UTF-8 (a cut message must stay so). */
static int
utf8_ok(const char *s, size_t n)
{
	size_t		i = 0, k, len;
	unsigned char	c;

	while (i < n) {
		c = (unsigned char)s[i];
		len = c < 0x80 ? 1 : (c & 0xe0) == 0xc0 ? 2 :
		    (c & 0xf0) == 0xe0 ? 3 : (c & 0xf8) == 0xf0 ? 4 : 0;
		if (len == 0 || i + len > n)
			return 0;
		for (k = 1; k < len; k++)
			if (((unsigned char)s[i + k] & 0xc0) != 0x80)
				return 0;
		i += len;
	}
	return 1;
}

/*
 * A variable's megabyte-long string is quoted whole, twice, as graphql-js
 * quotes it (struct gql_error used to cut messages at 512 bytes).
 */
START_TEST(variable_messages_quote_a_megabyte_whole)
{
	struct gql_errors	 errs = GQL_ERRORS_INIT;
	struct buf		 in = BUF_INIT, want = BUF_INIT;
	char			*x;
	const char		*v;
	size_t			 n = 1024 * 1024;

	x = malloc(n + 1);
	memset(x, 'x', n);
	x[n] = '\0';
	buf_addf(&in, "{\"a\": \"%s\"}", x);
	ck_assert_int_eq(variables("($a: Int)", in.data, &errs, &v), -1);
	ck_assert_uint_eq(errs.count, 1);
	buf_addf(&want, "Variable \"$a\" got invalid value \"%s\"; Int cannot "
	    "represent non-integer value: \"%s\"", x, x);
	ck_assert_uint_eq(errs.first->msglen, want.len);
	ck_assert_uint_eq(strlen(errs.first->message), want.len);
	ck_assert_int_eq(memcmp(errs.first->message, want.data, want.len), 0);
	ck_assert_uint_eq(errs.first->nlocs, 1);
	ck_assert_uint_le(errs.bytes, GQL_ERRORS_BYTES_MAX);
	gql_errors_free(&errs);
	ck_assert_uint_eq(errs.bytes, 0);
	buf_free(&in);
	buf_free(&want);
	free(x);
}
END_TEST

/*
 * Every unknown field of an input object quotes the whole object (as in
 * graphql-js), so ten unknown fields next to 800 kB of text would make
 * 8 MB of messages: the error list's budget keeps the first messages
 * whole and cuts the rest, between two characters, ending in "...".
 */
START_TEST(variable_messages_stay_within_the_error_budget)
{
	struct gql_errors	 errs = GQL_ERRORS_INIT;
	const struct gql_error	*e;
	struct buf		 in = BUF_INIT;
	const char		*v;
	size_t			 full, nfull = 0, ncut = 0;
	int			 i;

	buf_adds(&in, "{\"c\": {\"x\": 1, \"y\": \"");
	for (i = 0; i < 400000; i++)
		buf_adds(&in, "\xc3\xa9");	/* U+00E9, two bytes */
	buf_adds(&in, "\"");
	for (i = 0; i < 10; i++)
		buf_addf(&in, ", \"u%d\": 0", i);
	buf_adds(&in, "}}");
	ck_assert_int_eq(variables("($c: In)", in.data, &errs, &v), -1);
	ck_assert_uint_eq(errs.count, 10);
	full = errs.first->msglen;
	ck_assert_uint_gt(full, 800000);
	ck_assert_ptr_nonnull(strstr(errs.first->message, ", u9: 0 }; Field "
	    "\"u0\" is not defined by type \"In\"."));
	for (e = errs.first; e != NULL; e = e->next) {
		ck_assert_uint_eq(e->nlocs, 1);
		ck_assert(utf8_ok(e->message, e->msglen));
		ck_assert_uint_eq(strlen(e->message), e->msglen);
		if (e->msglen == full) {
			ck_assert_uint_eq(ncut, 0);	/* whole ones first */
			nfull++;
			continue;
		}
		ncut++;
		ck_assert_uint_lt(e->msglen, full);
		ck_assert_str_eq(e->message + e->msglen - 3, "...");
		ck_assert_int_eq(strncmp(e->message, errs.first->message,
		    e->msglen - 3), 0);
		if (ncut > 1)	/* the budget is spent: the least left */
			ck_assert_uint_le(e->msglen, GQL_ERROR_MSG_MIN);
	}
	ck_assert_uint_eq(nfull, GQL_ERRORS_BYTES_MAX /
	    (full + GQL_ERRORS_LOC_COST));
	ck_assert_uint_eq(nfull + ncut, 10);
	ck_assert_uint_le(errs.bytes, GQL_ERRORS_BYTES_MAX + errs.count *
	    (GQL_ERROR_MSG_MIN + GQL_ERRORS_LOC_COST));
	gql_errors_free(&errs);
	buf_free(&in);
}
END_TEST

/* valueFromAST of a literal with variables {"v": 1, "n": null}. */
static const char *
literal(const char *type, const char *text)
{
	struct gql_ast_document	*doc;
	struct gql_ast_value	*ast;
	struct gql_error	 err;
	struct gql_value	 v;
	const char		*r;

	doc = gql_parse_value(text, strlen(text), NULL, &ast, &err);
	ck_assert_msg(doc != NULL, "%s", err.message);
	if (gql_coerce_literal(schema, tref(type), ast,
	    json("{\"v\": 1, \"n\": null}"), arena, &v) == -1)
		r = "invalid";
	else
		r = js(&v);
	gql_ast_document_free(doc);
	return r;
}

START_TEST(literals_follow_value_from_ast)
{
	ck_assert_str_eq(literal("Int", "$v"), "1");
	ck_assert_str_eq(literal("Int", "$missing"), "invalid");
	ck_assert_str_eq(literal("Int!", "$n"), "invalid");
	ck_assert_str_eq(literal("Int", "2147483648"), "invalid");
	ck_assert_str_eq(literal("Float", "2"), "2");
	ck_assert_str_eq(literal("ID", "12"), "\"12\"");
	ck_assert_str_eq(literal("ID", "1.5"), "invalid");
	ck_assert_str_eq(literal("[Int]", "[1, $missing, $v]"), "[1,null,1]");
	ck_assert_str_eq(literal("[Int!]", "[1, $missing]"), "invalid");
	ck_assert_str_eq(literal("[Int]", "7"), "[7]");
	ck_assert_str_eq(literal("In", "{x: 1, x: 2, other: 3}"),
	    "{\"x\":2,\"y\":\"dflt\"}");
	ck_assert_str_eq(literal("In", "{x: $missing}"), "invalid");
	ck_assert_str_eq(literal("In", "{x: 1, y: $missing}"),
	    "{\"x\":1,\"y\":\"dflt\"}");
	ck_assert_str_eq(literal("Color", "GREEN"), "\"GREEN\"");
	ck_assert_str_eq(literal("Color", "\"GREEN\""), "invalid");
	ck_assert_str_eq(literal("One", "{a: 1, b: \"x\"}"), "invalid");
	ck_assert_str_eq(literal("One", "{a: $n}"), "invalid");
	ck_assert_str_eq(literal("Any", "{a: [1, 2.5, $v, ENUM]}"),
	    "{\"a\":[1,2.5,1,\"ENUM\"]}");
}
END_TEST

/* CoerceArgumentValues of Query.f with arguments `args`. */
static const char *
arguments(const char *args, const char *vars)
{
	static char		 r[512];
	struct gql_ast_document	*doc;
	struct gql_error	 err;
	const struct gql_value	*out;
	const struct gql_field	*f;
	char			 q[256];

	snprintf(q, sizeof(q), "{ f%s }", args);
	doc = gql_parse_document(q, strlen(q), NULL, &err);
	ck_assert_ptr_nonnull(doc);
	f = gql_type_field(schema->query, "f", 1);
	if (gql_coerce_arguments(schema, f->args, f->nargs,
	    doc->defs->u.op.selset->first->args,
	    doc->defs->u.op.selset->first->loc, json(vars), arena, &out,
	    &err) == -1)
		snprintf(r, sizeof(r), "!%.400s @%u:%u", err.message,
		    err.locs[0].line, err.locs[0].column);
	else
		snprintf(r, sizeof(r), "%s", js(out));
	gql_error_free(&err);
	gql_ast_document_free(doc);
	return r;
}

START_TEST(arguments_follow_coerce_argument_values)
{
	ck_assert_str_eq(arguments("(n: 1)", "{}"),
	    "{\"b\":[1],\"e\":\"RED\",\"r\":3,\"n\":1}");
	ck_assert_str_eq(arguments("(n: 1, a: null, b: 2, e: BLUE)", "{}"),
	    "{\"a\":null,\"b\":[2],\"e\":\"BLUE\",\"r\":3,\"n\":1}");
	ck_assert_str_eq(arguments("", "{}"), "!Argument \"n\" of required "
	    "type \"Int!\" was not provided. @1:3");
	ck_assert_str_eq(arguments("(n: $x)", "{}"), "!Argument \"n\" of "
	    "required type \"Int!\" was provided the variable \"$x\" which "
	    "was not provided a runtime value. @1:8");
	ck_assert_str_eq(arguments("(n: 1, r: $x)", "{\"x\": null}"),
	    "!Argument \"r\" of non-null type \"Int!\" must not be null. "
	    "@1:14");
	ck_assert_str_eq(arguments("(n: 1, r: $x)", "{}"),
	    "{\"b\":[1],\"e\":\"RED\",\"r\":3,\"n\":1}");
	ck_assert_str_eq(arguments("(n: \"1\")", "{}"),
	    "!Argument \"n\" has invalid value \"1\". @1:8");
	ck_assert_str_eq(arguments("(n: 1, c: {x: $v})", "{\"v\": 5}"),
	    "{\"b\":[1],\"c\":{\"x\":5,\"y\":\"dflt\"},\"e\":\"RED\","
	    "\"r\":3,\"n\":1}");
}
END_TEST

START_TEST(base64_is_strict_and_canonical)
{
	static const char *const bad[] = {
		"\"Zg\"", "\"Zg=\"", "\"Zh==\"", "\"Zm9=\"", "\"Zm9v YmFy\"",
		"\"Zm9v\\n\"", "\"-_8=\"", "\"=Zg=\"", "\"Zg==Zg==\"", "1",
		"\"Z===\"",
	};
	size_t	i;

	ck_assert_str_eq(coerce("Base64", "\"\""), "\"\"");
	ck_assert_str_eq(coerce("Base64", "\"Zm9vYmFy\""), "\"foobar\"");
	ck_assert_str_eq(coerce("Base64", "\"Zg==\""), "\"f\"");
	ck_assert_str_eq(coerce("Base64", "\"Zm8=\""), "\"fo\"");
	ck_assert_str_eq(coerce("Base64", "\"K/8=\""), "\"+\xef\xbf\xbd\"");
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		ck_assert_msg(coerce("Base64", bad[i])[0] == '!', "accepted %s",
		    bad[i]);
	ck_assert_str_eq(coerce("Base64", "\"Zg\""), "!Expected type "
	    "\"Base64\". Base64 must be padded RFC 4648 base64.");
	ck_assert_str_eq(literal("Base64", "\"Zm8=\""), "\"fo\"");
	ck_assert_str_eq(literal("Base64", "\"Zm8\""), "invalid");
}
END_TEST

/* Every length up to 3 groups: known vectors, then each byte value in
 * each position of a group round-trips through encode and decode. */
START_TEST(base64_encode_and_decode_round_trip)
{
	static const char *const vec[] = {
		"", "Zg==", "Zm8=", "Zm9v", "Zm9vYg==", "Zm9vYmE=", "Zm9vYmFy",
	};
	unsigned char		 in[9];
	struct gql_arena	*a = gql_arena_new(4096);
	struct buf		 b;
	const char		*out;
	size_t			 i, n, outlen;

	buf_init(&b);
	for (n = 0; n < 7; n++) {
		buf_reset(&b);
		gql_scalar_base64_encode("foobar", n, &b);
		ck_assert_str_eq(buf_cstr(&b), vec[n]);
	}
	for (n = 0; n <= sizeof(in); n++)
		for (i = 0; i < 256; i++) {
			memset(in, 0x5a, sizeof(in));
			if (n > 0)
				in[i % n] = (unsigned char)i;
			buf_reset(&b);
			gql_scalar_base64_encode(in, n, &b);
			ck_assert_uint_eq(b.len, (n + 2) / 3 * 4);
			ck_assert_int_eq(gql_scalar_base64_decode(b.data, b.len,
			    a, &out, &outlen), 0);
			ck_assert_uint_eq(outlen, n);
			ck_assert(memcmp(out, in, n) == 0);
		}
	buf_free(&b);
	gql_arena_free(a);
}
END_TEST

START_TEST(timestamp_is_rfc3339_utc)
{
	static const char *const bad[] = {
		"\"2024-05-01T12:00:00\"", "\"2024-05-01 12:00:00Z\"",
		"\"2024-05-01T12:00:00+01:00\"", "\"2024-05-01T12:00:00-00:00\"",
		"\"2024-02-30T00:00:00Z\"", "\"2023-02-29T00:00:00Z\"",
		"\"2024-13-01T00:00:00Z\"", "\"2024-05-01T24:00:00Z\"",
		"\"2024-05-01T12:60:00Z\"", "\"2024-05-01T12:00:60Z\"",
		"\"2024-05-01T12:00:00.Z\"", "\"2024-05-01T12:00:00.0000000000Z\"",
		"\"24-05-01T12:00:00Z\"", "\"2024-5-01T12:00:00Z\"",
		"\"+2024-05-01T12:00:00Z\"", "1714564800000",
	};
	char	t[GQL_SCALAR_TIMESTAMP_LEN + 1];
	int64_t	ms;
	size_t	i;

	ck_assert_str_eq(coerce("Timestamp", "\"2024-05-01T12:00:00.000Z\""),
	    "1714564800000");
	ck_assert_str_eq(coerce("Timestamp", "\"2024-05-01t12:00:00.1234z\""),
	    "1714564800123");
	ck_assert_str_eq(coerce("Timestamp", "\"2024-02-29T00:00:00+00:00\""),
	    "1709164800000");
	ck_assert_str_eq(coerce("Timestamp", "\"1969-12-31T23:59:59.999Z\""),
	    "-1");
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		ck_assert_msg(coerce("Timestamp", bad[i])[0] == '!',
		    "accepted %s", bad[i]);
	ck_assert_int_eq(gql_scalar_timestamp_format(1714564800123, t,
	    sizeof(t)), 0);
	ck_assert_str_eq(t, "2024-05-01T12:00:00.123Z");
	ck_assert_int_eq(gql_scalar_timestamp_format(-1, t, sizeof(t)), 0);
	ck_assert_str_eq(t, "1969-12-31T23:59:59.999Z");
	ck_assert_int_eq(gql_scalar_timestamp_parse("0000-01-01T00:00:00Z",
	    20, &ms), 0);
	ck_assert_int_eq(gql_scalar_timestamp_format(ms, t, sizeof(t)), 0);
	ck_assert_str_eq(t, "0000-01-01T00:00:00.000Z");
	ck_assert_int_eq(gql_scalar_timestamp_format(ms - 1, t, sizeof(t)), -1);
}
END_TEST

/* Serialize a result with a type's output coercion. */
static const char *
serialize(const char *type, const struct gql_result *r)
{
	static struct buf	 out;
	struct buf		 err = BUF_INIT;
	const struct gql_type	*t = gql_schema_type(schema, type,
				    strlen(type));

	buf_reset(&out);
	ck_assert_ptr_nonnull(t);
	if (gql_coerce_scalar_serialize(schema, t, r, &out, &err) == -1) {
		buf_reset(&out);
		buf_addc(&out, '!');
		buf_add(&out, err.data, err.len);
	}
	buf_free(&err);
	return buf_cstr(&out);
}

START_TEST(results_serialize_leniently_as_graphql_js)
{
	struct gql_result	r;

	gql_result_string(&r, "42", 2);
	ck_assert_str_eq(serialize("Int", &r), "42");
	gql_result_string(&r, " 0x10 ", 6);
	ck_assert_str_eq(serialize("Int", &r), "16");
	gql_result_string(&r, "", 0);
	ck_assert_str_eq(serialize("Int", &r),
	    "!Int cannot represent non-integer value: \"\"");
	gql_result_boolean(&r, 1);
	ck_assert_str_eq(serialize("Int", &r), "1");
	ck_assert_str_eq(serialize("String", &r), "\"true\"");
	ck_assert_str_eq(serialize("ID", &r), "!ID cannot represent value: true");
	gql_result_float(&r, 3.0);
	ck_assert_str_eq(serialize("Int", &r), "3");
	ck_assert_str_eq(serialize("ID", &r), "\"3\"");
	gql_result_float(&r, 1.5);
	ck_assert_str_eq(serialize("String", &r), "\"1.5\"");
	ck_assert_str_eq(serialize("Boolean", &r), "true");
	gql_result_int(&r, 2147483648LL);
	ck_assert_str_eq(serialize("Int", &r), "!Int cannot represent non "
	    "32-bit signed integer value: 2147483648");
	gql_result_enum(&r, "BLUE");
	ck_assert_str_eq(serialize("Color", &r), "\"BLUE\"");
	gql_result_cstring(&r, "PURPLE");
	ck_assert_str_eq(serialize("Color", &r),
	    "!Enum \"Color\" cannot represent value: \"PURPLE\"");
	gql_result_string(&r, "\x00\xff", 2);
	ck_assert_str_eq(serialize("Base64", &r), "\"AP8=\"");
	gql_result_int(&r, 0);
	ck_assert_str_eq(serialize("Timestamp", &r),
	    "\"1970-01-01T00:00:00.000Z\"");
	gql_result_cstring(&r, "yesterday");
	ck_assert_str_eq(serialize("Timestamp", &r),
	    "!Timestamp cannot represent value: \"yesterday\"");
	gql_result_int(&r, 1200);
	ck_assert_str_eq(serialize("Cursor", &r), "\"1200\"");
	gql_result_cstring(&r, "a b");
	ck_assert_str_eq(serialize("Cursor", &r),
	    "!Cursor cannot represent value: \"a b\"");
}
END_TEST

static Suite *
suite(void)
{
	Suite	*s = suite_create("gql_coerce");
	TCase	*tc = tcase_create("coerce");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, json_reads_strictly);
	tcase_add_test(tc, json_strings_escape_at_every_position);
	tcase_add_test(tc, json_duplicate_keys_keep_first_position_last_value);
	tcase_add_test(tc, json_depth_is_bounded);
	tcase_add_test(tc, json_numbers_are_javascript_numbers);
	tcase_add_test(tc, numbers_print_as_javascript_does);
	tcase_add_test(tc, inspect_is_graphql_js_inspect);
	tcase_add_test(tc, js_number_reads_like_javascript);
	tcase_add_test(tc, builtin_scalars_parse_values_as_graphql_js);
	tcase_add_test(tc, enums_parse_names_and_suggest);
	tcase_add_test(tc, lists_and_input_objects_coerce);
	tcase_add_test(tc, variables_follow_coerce_variable_values);
	tcase_add_test(tc, variable_errors_stop_at_the_limit);
	tcase_add_test(tc, variable_messages_quote_a_megabyte_whole);
	tcase_add_test(tc, variable_messages_stay_within_the_error_budget);
	tcase_add_test(tc, literals_follow_value_from_ast);
	tcase_add_test(tc, arguments_follow_coerce_argument_values);
	tcase_add_test(tc, base64_is_strict_and_canonical);
	tcase_add_test(tc, base64_encode_and_decode_round_trip);
	tcase_add_test(tc, timestamp_is_rfc3339_utc);
	tcase_add_test(tc, results_serialize_leniently_as_graphql_js);
	/* MiB-sized inputs: minutes under ASan on a loaded machine, not 4 s. */
	tcase_set_timeout(tc, 120);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return unit_run(suite());
}
