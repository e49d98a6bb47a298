/*
 * test_gql_parse.c: the GraphQL parser: the syntax of executable and
 * type-system documents, the AST it builds (kinds, names, values,
 * locations), graphql-js 16's verdict, message and line:column for 160
 * documents (the table was produced by running graphql-js 16.15 on each),
 * the limits (bytes, tokens, depth) and hostile inputs, syntax errors
 * quoting whole tokens (a megabyte, NULs), and the printer's round trip.
 */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/buf.h"
#include "graphql/gql_arena.h"
#include "graphql/gql_parse.h"
#include "unit.h"

/* Document, then graphql-js's message and location (NULL: it parses). */
static const struct {
	const char	*src;
	const char	*msg;
	uint32_t	 line;
	uint32_t	 col;
} verdicts[] = {
	{ "",
	    "Syntax Error: Unexpected <EOF>.", 1, 1 },
	{ "   ",
	    "Syntax Error: Unexpected <EOF>.", 1, 4 },
	{ "{",
	    "Syntax Error: Expected Name, found <EOF>.", 1, 2 },
	{ "{ }",
	    "Syntax Error: Expected Name, found \"}\".", 1, 3 },
	{ "{ a",
	    "Syntax Error: Expected Name, found <EOF>.", 1, 4 },
	{ "{ a }}",
	    "Syntax Error: Unexpected \"}\".", 1, 6 },
	{ "{ a(}",
	    "Syntax Error: Expected Name, found \"}\".", 1, 5 },
	{ "{ a(b) }",
	    "Syntax Error: Expected \":\", found \")\".", 1, 6 },
	{ "{ a(b:) }",
	    "Syntax Error: Unexpected \")\".", 1, 7 },
	{ "{ a(b: ) }",
	    "Syntax Error: Unexpected \")\".", 1, 8 },
	{ "{ a(: 1) }",
	    "Syntax Error: Expected Name, found \":\".", 1, 5 },
	{ "{ a: }",
	    "Syntax Error: Expected Name, found \"}\".", 1, 6 },
	{ "{ a: b: c }",
	    "Syntax Error: Expected Name, found \":\".", 1, 7 },
	{ "{ ...}",
	    "Syntax Error: Expected \"{\", found \"}\".", 1, 6 },
	{ "{ ... on }",
	    "Syntax Error: Expected Name, found \"}\".", 1, 10 },
	{ "{ ... on T }",
	    "Syntax Error: Expected \"{\", found \"}\".", 1, 12 },
	{ "{ ...on{ a } }",
	    "Syntax Error: Expected Name, found \"{\".", 1, 8 },
	{ "{ ... @d }",
	    "Syntax Error: Expected \"{\", found \"}\".", 1, 10 },
	{ "query",
	    "Syntax Error: Expected \"{\", found <EOF>.", 1, 6 },
	{ "query Q",
	    "Syntax Error: Expected \"{\", found <EOF>.", 1, 8 },
	{ "query Q(",
	    "Syntax Error: Expected \"$\", found <EOF>.", 1, 9 },
	{ "query Q() { a }",
	    "Syntax Error: Expected \"$\", found \")\".", 1, 9 },
	{ "query Q($) { a }",
	    "Syntax Error: Expected Name, found \")\".", 1, 10 },
	{ "query Q($a) { a }",
	    "Syntax Error: Expected \":\", found \")\".", 1, 11 },
	{ "query Q($a:) { a }",
	    "Syntax Error: Expected Name, found \")\".", 1, 12 },
	{ "query Q($a: Int =) { a }",
	    "Syntax Error: Unexpected \")\".", 1, 18 },
	{ "query Q($a: Int = $b) { a }",
	    "Syntax Error: Unexpected variable \"$b\" in constant"
	    " value.", 1, 19 },
	{ "query Q($a: Int = [$b]) { a }",
	    "Syntax Error: Unexpected variable \"$b\" in constant"
	    " value.", 1, 20 },
	{ "query Q($a: Int = {x: $b}) { a }",
	    "Syntax Error: Unexpected variable \"$b\" in constant"
	    " value.", 1, 23 },
	{ "query Q($a: [Int) { a }",
	    "Syntax Error: Expected \"]\", found \")\".", 1, 17 },
	{ "query Q($a: Int!!) { a }",
	    "Syntax Error: Expected \"$\", found \"!\".", 1, 17 },
	{ "query Q($a: Int) @ { a }",
	    "Syntax Error: Expected Name, found \"{\".", 1, 20 },
	{ "query Q @d(a: $) { a }",
	    "Syntax Error: Expected Name, found \")\".", 1, 16 },
	{ "mutation { a }", NULL, 0, 0 },
	{ "subscription S { a }", NULL, 0, 0 },
	{ "Query { a }",
	    "Syntax Error: Unexpected Name \"Query\".", 1, 1 },
	{ "fragment { a }",
	    "Syntax Error: Expected Name, found \"{\".", 1, 10 },
	{ "fragment F { a }",
	    "Syntax Error: Expected \"on\", found \"{\".", 1, 12 },
	{ "fragment F on { a }",
	    "Syntax Error: Expected Name, found \"{\".", 1, 15 },
	{ "fragment F on T",
	    "Syntax Error: Expected \"{\", found <EOF>.", 1, 16 },
	{ "fragment on on T { a }",
	    "Syntax Error: Unexpected Name \"on\".", 1, 10 },
	{ "fragment \"on\" on T { a }",
	    "Syntax Error: Unexpected String \"on\".", 1, 10 },
	{ "fragment F on T @d { a }", NULL, 0, 0 },
	{ "{ a(b: [1, 2) }",
	    "Syntax Error: Unexpected \")\".", 1, 13 },
	{ "{ a(b: {c: 1) }",
	    "Syntax Error: Expected Name, found \")\".", 1, 13 },
	{ "{ a(b: {c 1}) }",
	    "Syntax Error: Expected \":\", found Int \"1\".", 1, 11 },
	{ "{ a(b: {1: 1}) }",
	    "Syntax Error: Expected Name, found Int \"1\".", 1, 9 },
	{ "{ a(b: @) }",
	    "Syntax Error: Unexpected \"@\".", 1, 8 },
	{ "{ a(b: ...) }",
	    "Syntax Error: Unexpected \"...\".", 1, 8 },
	{ "{ a(b: true, c: false, d: null, e: ENUM, f: $v, g: \"s\", h:"
	    " \"\"\"b\"\"\", i: 1.5) }", NULL, 0, 0 },
	{ "\"desc\" { a }",
	    "Syntax Error: Unexpected description, descriptions are not"
	    " supported on shorthand queries.", 1, 1 },
	{ "\"desc\" query { a }", NULL, 0, 0 },
	{ "\"desc\" fragment F on T { a }", NULL, 0, 0 },
	{ "\"desc\" extend type T @d",
	    "Syntax Error: Unexpected description, only GraphQL definitions"
	    " support descriptions.", 1, 1 },
	{ "\"desc\" foo",
	    "Syntax Error: Unexpected description, only GraphQL definitions"
	    " support descriptions.", 1, 1 },
	{ "\"desc\" 1",
	    "Syntax Error: Unexpected Int \"1\".", 1, 8 },
	{ "\"\"\"desc\"\"\" type T { a: Int }", NULL, 0, 0 },
	{ "\"desc\"",
	    "Syntax Error: Unexpected <EOF>.", 1, 7 },
	{ "type",
	    "Syntax Error: Expected Name, found <EOF>.", 1, 5 },
	{ "type T", NULL, 0, 0 },
	{ "type T {}",
	    "Syntax Error: Expected Name, found \"}\".", 1, 9 },
	{ "type T { a }",
	    "Syntax Error: Expected \":\", found \"}\".", 1, 12 },
	{ "type T { a: }",
	    "Syntax Error: Expected Name, found \"}\".", 1, 13 },
	{ "type T { a(): Int }",
	    "Syntax Error: Expected Name, found \")\".", 1, 12 },
	{ "type T { a(b): Int }",
	    "Syntax Error: Expected \":\", found \")\".", 1, 13 },
	{ "type T { a(b: Int = $v): Int }",
	    "Syntax Error: Unexpected variable \"$v\" in constant"
	    " value.", 1, 21 },
	{ "type T implements { a: Int }",
	    "Syntax Error: Expected Name, found \"{\".", 1, 19 },
	{ "type T implements & A & B { a: Int }", NULL, 0, 0 },
	{ "type T implements A B { a: Int }",
	    "Syntax Error: Unexpected Name \"B\".", 1, 21 },
	{ "type T implements A & { a: Int }",
	    "Syntax Error: Expected Name, found \"{\".", 1, 23 },
	{ "interface I implements J { a: Int }", NULL, 0, 0 },
	{ "union U", NULL, 0, 0 },
	{ "union U =",
	    "Syntax Error: Expected Name, found <EOF>.", 1, 10 },
	{ "union U = | A | B", NULL, 0, 0 },
	{ "union U = A |",
	    "Syntax Error: Expected Name, found <EOF>.", 1, 14 },
	{ "union U = A B",
	    "Syntax Error: Unexpected Name \"B\".", 1, 13 },
	{ "enum E { A B }", NULL, 0, 0 },
	{ "enum E { true }",
	    "Syntax Error: Name \"true\" is reserved and cannot be used for"
	    " an enum value.", 1, 10 },
	{ "enum E { false }",
	    "Syntax Error: Name \"false\" is reserved and cannot be used"
	    " for an enum value.", 1, 10 },
	{ "enum E { null }",
	    "Syntax Error: Name \"null\" is reserved and cannot be used for"
	    " an enum value.", 1, 10 },
	{ "enum E { \"true\" }",
	    "Syntax Error: Expected Name, found \"}\".", 1, 17 },
	{ "enum E { A, B, }", NULL, 0, 0 },
	{ "enum E { 1 }",
	    "Syntax Error: Expected Name, found Int \"1\".", 1, 10 },
	{ "enum E {}",
	    "Syntax Error: Expected Name, found \"}\".", 1, 9 },
	{ "input I { a: Int = 1 @d }", NULL, 0, 0 },
	{ "input I { a }",
	    "Syntax Error: Expected \":\", found \"}\".", 1, 13 },
	{ "input I {}",
	    "Syntax Error: Expected Name, found \"}\".", 1, 10 },
	{ "scalar S", NULL, 0, 0 },
	{ "scalar S @d", NULL, 0, 0 },
	{ "directive @d on FIELD", NULL, 0, 0 },
	{ "directive d on FIELD",
	    "Syntax Error: Expected \"@\", found Name \"d\".", 1, 11 },
	{ "directive @d",
	    "Syntax Error: Expected \"on\", found <EOF>.", 1, 13 },
	{ "directive @d on",
	    "Syntax Error: Expected Name, found <EOF>.", 1, 16 },
	{ "directive @d on FOO",
	    "Syntax Error: Unexpected Name \"FOO\".", 1, 17 },
	{ "directive @d on FIELD |",
	    "Syntax Error: Expected Name, found <EOF>.", 1, 24 },
	{ "directive @d on | FIELD | QUERY", NULL, 0, 0 },
	{ "directive @d(a: Int) repeatable on FIELD", NULL, 0, 0 },
	{ "directive @d repeatable on DIRECTIVE_DEFINITION", NULL, 0, 0 },
	{ "directive @d @e on FIELD",
	    "Syntax Error: Expected \"on\", found \"@\".", 1, 14 },
	{ "schema { query: Q }", NULL, 0, 0 },
	{ "schema { }",
	    "Syntax Error: Expected Name, found \"}\".", 1, 10 },
	{ "schema { foo: Q }",
	    "Syntax Error: Unexpected Name \"foo\".", 1, 10 },
	{ "schema { query Q }",
	    "Syntax Error: Expected \":\", found Name \"Q\".", 1, 16 },
	{ "schema @d",
	    "Syntax Error: Expected \"{\", found <EOF>.", 1, 10 },
	{ "extend",
	    "Syntax Error: Unexpected <EOF>.", 1, 7 },
	{ "extend foo",
	    "Syntax Error: Unexpected Name \"foo\".", 1, 8 },
	{ "extend schema",
	    "Syntax Error: Unexpected <EOF>.", 1, 14 },
	{ "extend schema @d", NULL, 0, 0 },
	{ "extend schema { mutation: M }", NULL, 0, 0 },
	{ "extend scalar S",
	    "Syntax Error: Unexpected <EOF>.", 1, 16 },
	{ "extend scalar S @d", NULL, 0, 0 },
	{ "extend type T",
	    "Syntax Error: Unexpected <EOF>.", 1, 14 },
	{ "extend type T @d", NULL, 0, 0 },
	{ "extend type T implements I", NULL, 0, 0 },
	{ "extend type T { a: Int }", NULL, 0, 0 },
	{ "extend interface I",
	    "Syntax Error: Unexpected <EOF>.", 1, 19 },
	{ "extend interface I { a: Int }", NULL, 0, 0 },
	{ "extend union U",
	    "Syntax Error: Unexpected <EOF>.", 1, 15 },
	{ "extend union U = A", NULL, 0, 0 },
	{ "extend enum E",
	    "Syntax Error: Unexpected <EOF>.", 1, 14 },
	{ "extend enum E { A }", NULL, 0, 0 },
	{ "extend input I",
	    "Syntax Error: Unexpected <EOF>.", 1, 15 },
	{ "extend input I { a: Int }", NULL, 0, 0 },
	{ "extend directive @d",
	    "Syntax Error: Unexpected Name \"directive\".", 1, 8 },
	{ "{ a } { b }", NULL, 0, 0 },
	{ "{ a } query Q { b } fragment F on T { c } type T { a: Int"
	    " }", NULL, 0, 0 },
	{ "query Q { a } }",
	    "Syntax Error: Unexpected \"}\".", 1, 15 },
	{ "{ a } 1",
	    "Syntax Error: Unexpected Int \"1\".", 1, 7 },
	{ "{ a @d(b: 1) @e }", NULL, 0, 0 },
	{ "{ a { b { c { d } } } }", NULL, 0, 0 },
	{ "{ alias: field(arg: \"x\") @skip(if: true) { id } }", NULL, 0, 0 },
	{ "query ($v: [[Int!]!]! = [[1]] @dir) { a }", NULL, 0, 0 },
	{ "query Q(\"var desc\" $v: Int) { a }", NULL, 0, 0 },
	{ "query Q(\"var desc\") { a }",
	    "Syntax Error: Expected \"$\", found \")\".", 1, 19 },
	{ "{ ...F @d }", NULL, 0, 0 },
	{ "{ ... { a } }", NULL, 0, 0 },
	{ "{ ... @d { a } }", NULL, 0, 0 },
	{ "{ ... on T @d { a } }", NULL, 0, 0 },
	{ "{ a(x: 01) }",
	    "Syntax Error: Invalid number, unexpected digit after 0:"
	    " \"1\".", 1, 9 },
	{ "{ a(x: 1.) }",
	    "Syntax Error: Invalid number, expected digit but got:"
	    " \")\".", 1, 10 },
	{ "{ a(x: \"unterminated) }",
	    "Syntax Error: Unterminated string.", 1, 24 },
	{ "{ a(x: \"\\q\") }",
	    "Syntax Error: Invalid character escape sequence: \"\\q\".", 1, 9 },
	{ "{ a(x: \"\"\"ok\"\"\", y: \"\"\"unterminated) }",
	    "Syntax Error: Unterminated string.", 1, 39 },
	{ "query Q { a } # trailing comment", NULL, 0, 0 },
	{ "# only comment",
	    "Syntax Error: Unexpected <EOF>.", 1, 15 },
	{ "{ a(x: -) }",
	    "Syntax Error: Invalid number, expected digit but got:"
	    " \")\".", 1, 9 },
	{ "{ a(x: 1e) }",
	    "Syntax Error: Invalid number, expected digit but got:"
	    " \")\".", 1, 10 },
	{ "{ a(x: .1) }",
	    "Syntax Error: Unexpected character: \".\".", 1, 8 },
	{ "query Q($a: Int = 1, $b: String = \"x\", $c: [E] = [A, B], $d:"
	    " In = {a: {b: [1]}}) { a }", NULL, 0, 0 },
	{ "{ a(x: [[[[[[1]]]]]]) }", NULL, 0, 0 },
	{ "{ a(x: {a: {b: {c: {d: 1}}}}) }", NULL, 0, 0 },
	{ "{ on: on(on: on) { on } }", NULL, 0, 0 },
	{ "{ query mutation subscription fragment type schema }", NULL, 0, 0 },
	{ "{ a(true: true, null: null) }", NULL, 0, 0 },
	{ "{ ... on on { a } }", NULL, 0, 0 },
	{ "{ ...on }",
	    "Syntax Error: Expected Name, found \"}\".", 1, 9 },
	{ "{ ...on @d }",
	    "Syntax Error: Expected Name, found \"@\".", 1, 9 },
	{ "subscription($a: Int) { a }", NULL, 0, 0 },
	{ "{ a(x: $) }",
	    "Syntax Error: Expected Name, found \")\".", 1, 9 },
	{ "{ a(x: $1) }",
	    "Syntax Error: Expected Name, found Int \"1\".", 1, 9 },
	{ "{ a(x: $ a) }", NULL, 0, 0 },
	{ "{ a(x: $\"s\") }",
	    "Syntax Error: Expected Name, found String \"s\".", 1, 9 },
};

static const char kitchen_sink[] =
    "query queryName($foo: ComplexType, $site: Site = MOBILE) @onQuery {\n"
    "  whoever123is: node(id: [123, 456]) {\n"
    "    id ,\n"
    "    ... on User @onInlineFragment {\n"
    "      field2 {\n"
    "        id ,\n"
    "        alias: field1(first:10, after:$foo,) @include(if: $foo) {\n"
    "          id,\n"
    "          ...frag @onFragmentSpread\n"
    "        }\n"
    "      }\n"
    "    }\n"
    "    ... @skip(unless: $foo) {\n"
    "      id\n"
    "    }\n"
    "    ... {\n"
    "      id\n"
    "    }\n"
    "  }\n"
    "}\n"
    "\n"
    "mutation likeStory @onMutation {\n"
    "  like(story: 123) @onField {\n"
    "    story {\n"
    "      id @onField\n"
    "    }\n"
    "  }\n"
    "}\n"
    "\n"
    "subscription StoryLikeSubscription(\n"
    "  $input: StoryLikeSubscribeInput @onVariableDefinition\n"
    ")\n"
    "  @onSubscription {\n"
    "  storyLikeSubscribe(input: $input) {\n"
    "    story {\n"
    "      likers {\n"
    "        count\n"
    "      }\n"
    "    }\n"
    "  }\n"
    "}\n"
    "\n"
    "fragment frag on Friend @onFragmentDefinition {\n"
    "  foo(\n"
    "    size: $size\n"
    "    bar: $b\n"
    "    obj: {key: \"value\", block: \"\"\"\n"
    "      block string uses \\\"\"\"\n"
    "    \"\"\"}\n"
    "  )\n"
    "}\n"
    "\n"
    "{\n"
    "  unnamed(truthy: true, falsy: false, nullish: null),\n"
    "  query\n"
    "}\n"
    "\n"
    "query { __typename }\n";

static const char sdl_kitchen_sink[] =
    "\"\"\"This is a description of the schema as a whole.\"\"\"\n"
    "schema {\n"
    "  query: QueryType\n"
    "  mutation: MutationType\n"
    "}\n"
    "\n"
    "\"\"\"\n"
    "This is a description\n"
    "of the `Foo` type.\n"
    "\"\"\"\n"
    "type Foo implements Bar & Baz & Two {\n"
    "  \"Description of the `one` field.\"\n"
    "  one: Type\n"
    "  two(\n"
    "    \"\"\"This is a description of the `argument` argument.\"\"\"\n"
    "    argument: InputType!\n"
    "  ): Type\n"
    "  three(argument: InputType, other: String): Int\n"
    "  four(argument: String = \"string\"): String\n"
    "  five(argument: [String] = [\"string\", \"string\"]): String\n"
    "  six(argument: InputType = {key: \"value\"}): Type\n"
    "  seven(argument: Int = null): Type\n"
    "}\n"
    "\n"
    "type AnnotatedObject @onObject(arg: \"value\") {\n"
    "  annotatedField(arg: Type = \"default\" @onArgumentDefinition): "
    "Type @onField\n"
    "}\n"
    "\n"
    "type UndefinedType\n"
    "\n"
    "extend type Foo {\n"
    "  seven(argument: [String]): Type\n"
    "}\n"
    "\n"
    "extend type Foo @onType\n"
    "\n"
    "interface Bar {\n"
    "  one: Type\n"
    "  four(argument: String = \"string\"): String\n"
    "}\n"
    "\n"
    "interface Baz implements Bar & Two {\n"
    "  one: Type\n"
    "}\n"
    "\n"
    "extend interface Bar implements Two @onInterface\n"
    "\n"
    "union Feed =\n"
    "  | Story\n"
    "  | Article\n"
    "  | Advert\n"
    "\n"
    "union AnnotatedUnion @onUnion = A | B\n"
    "\n"
    "extend union Feed = Photo | Video\n"
    "\n"
    "scalar CustomScalar\n"
    "\n"
    "extend scalar CustomScalar @onScalar\n"
    "\n"
    "enum Site {\n"
    "  \"\"\"This is a description of the `DESKTOP` value\"\"\"\n"
    "  DESKTOP\n"
    "  MOBILE\n"
    "  WEB @deprecated(reason: \"no\")\n"
    "}\n"
    "\n"
    "extend enum Site {\n"
    "  VR\n"
    "}\n"
    "\n"
    "input InputType {\n"
    "  key: String!\n"
    "  answer: Int = 42\n"
    "}\n"
    "\n"
    "extend input InputType {\n"
    "  other: Float = 1.23e4 @onInputFieldDefinition\n"
    "}\n"
    "\n"
    "directive @include2(if: Boolean!) on\n"
    "  | FIELD\n"
    "  | FRAGMENT_SPREAD\n"
    "  | INLINE_FRAGMENT\n"
    "\n"
    "directive @myRepeatableDir(name: String!) repeatable on\n"
    "  | OBJECT\n"
    "  | INTERFACE\n"
    "\n"
    "extend schema @onSchema {\n"
    "  subscription: SubscriptionType\n"
    "}\n";

static struct gql_ast_document *
parse_ok(const char *src)
{
	struct gql_ast_document	*doc;
	struct gql_error	 err;

	doc = gql_parse_document(src, strlen(src), NULL, &err);
	ck_assert_msg(doc != NULL, "\"%s\": %s", src, err.message);
	return doc;
}

static const struct gql_ast_def *
nth_def(const struct gql_ast_document *doc, int n)
{
	const struct gql_ast_def	*d = doc->defs;

	while (n-- > 0 && d != NULL)
		d = d->next;
	ck_assert_ptr_nonnull(d);
	return d;
}

START_TEST(verdicts_match_graphql_js)
{
	struct gql_ast_document	*doc;
	struct gql_error	 err;
	size_t			 i;

	for (i = 0; i < sizeof(verdicts) / sizeof(*verdicts); i++) {
		doc = gql_parse_document(verdicts[i].src,
		    strlen(verdicts[i].src), NULL, &err);
		if (verdicts[i].msg == NULL) {
			ck_assert_msg(doc != NULL, "\"%s\": %s",
			    verdicts[i].src, err.message);
			gql_ast_document_free(doc);
			continue;
		}
		ck_assert_msg(doc == NULL, "\"%s\" parsed", verdicts[i].src);
		ck_assert_int_eq(err.kind, GQL_ERR_SYNTAX);
		ck_assert_str_eq(err.message, verdicts[i].msg);
		ck_assert_uint_eq(err.nlocs, 1);
		ck_assert_msg(err.locs[0].line == verdicts[i].line &&
		    err.locs[0].column == verdicts[i].col,
		    "\"%s\": at %u:%u, want %u:%u", verdicts[i].src,
		    err.locs[0].line, err.locs[0].column, verdicts[i].line,
		    verdicts[i].col);
		gql_error_free(&err);
	}
}
END_TEST

START_TEST(kitchen_sink_operations)
{
	struct gql_ast_document		*doc = parse_ok(kitchen_sink);
	const struct gql_ast_def	*d;
	const struct gql_ast_operation	*op;
	const struct gql_ast_selection	*s, *f;

	ck_assert_uint_eq(doc->ndefs, 6);
	ck_assert_uint_eq(doc->noperations, 5);
	ck_assert_uint_eq(doc->nfragments, 1);
	ck_assert_uint_eq(doc->ntypesystem, 0);
	d = nth_def(doc, 0);
	op = &d->u.op;
	ck_assert_int_eq(d->kind, GQL_DEF_OPERATION);
	ck_assert_int_eq(op->op, GQL_OP_QUERY);
	ck_assert(gql_name_eq(&op->name, "queryName"));
	ck_assert_uint_eq(op->name.loc.column, 7);
	ck_assert_uint_eq(op->nvars, 2);
	ck_assert(gql_name_eq(&op->vars->name, "foo"));
	ck_assert_uint_eq(op->vars->loc.column, 17);		/* the '$' */
	ck_assert_uint_eq(op->vars->name.loc.column, 18);
	ck_assert_int_eq(op->vars->next->default_value->kind,
	    GQL_VALUE_ENUM);
	ck_assert(gql_name_eq(&op->directives->name, "onQuery"));
	s = op->selset->first;
	ck_assert_uint_eq(op->selset->count, 1);
	ck_assert(gql_name_eq(&s->alias, "whoever123is"));
	ck_assert(gql_name_eq(&s->name, "node"));
	ck_assert_uint_eq(s->loc.line, 2);
	ck_assert_uint_eq(s->loc.column, 3);
	ck_assert_uint_eq(s->nargs, 1);
	ck_assert_int_eq(s->args->value->kind, GQL_VALUE_LIST);
	ck_assert_uint_eq(s->args->value->count, 2);
	ck_assert_str_eq(s->args->value->items->next->str, "456");
	ck_assert_uint_eq(s->selset->count, 4);
	f = s->selset->first->next;
	ck_assert_int_eq(f->kind, GQL_SEL_INLINE_FRAGMENT);
	ck_assert(gql_name_eq(&f->type_cond->name, "User"));
	ck_assert_uint_eq(f->loc.line, 4);
	ck_assert_uint_eq(f->loc.column, 5);
	f = f->selset->first->selset->first->next;
	ck_assert(gql_name_eq(&f->alias, "alias"));
	ck_assert_uint_eq(f->nargs, 2);
	ck_assert_int_eq(f->args->next->value->kind, GQL_VALUE_VARIABLE);
	ck_assert(gql_name_eq(&f->args->next->value->name, "foo"));
	ck_assert_int_eq(f->selset->first->next->kind,
	    GQL_SEL_FRAGMENT_SPREAD);
	f = s->selset->first->next->next;
	ck_assert_int_eq(f->kind, GQL_SEL_INLINE_FRAGMENT);
	ck_assert_ptr_null(f->type_cond);
	ck_assert(gql_name_eq(&f->directives->name, "skip"));
	d = nth_def(doc, 4);
	ck_assert(d->u.op.shorthand);
	ck_assert_ptr_null(d->u.op.name.s);
	ck_assert_int_eq(d->u.op.selset->first->args->next->next->value->kind,
	    GQL_VALUE_NULL);
	d = nth_def(doc, 5);
	ck_assert(!d->u.op.shorthand);
	gql_ast_document_free(doc);
}
END_TEST

START_TEST(kitchen_sink_fragment_and_values)
{
	struct gql_ast_document		*doc = parse_ok(kitchen_sink);
	const struct gql_ast_def	*d = nth_def(doc, 3);
	const struct gql_ast_argument	*a;
	const struct gql_ast_object_field *of;

	ck_assert_int_eq(d->kind, GQL_DEF_FRAGMENT);
	ck_assert(gql_name_eq(&d->u.fragment.name, "frag"));
	ck_assert(gql_name_eq(&d->u.fragment.type_cond->name, "Friend"));
	a = d->u.fragment.selset->first->args;
	ck_assert_uint_eq(a->loc.line, 45);
	of = a->next->next->value->fields;
	ck_assert_str_eq(of->value->str, "value");
	ck_assert(!of->value->block);
	ck_assert(of->next->value->block);
	ck_assert_str_eq(of->next->value->str,
	    "block string uses \"\"\"");
	gql_ast_document_free(doc);
}
END_TEST

START_TEST(values_every_kind)
{
	struct gql_ast_document		*doc;
	const struct gql_ast_argument	*a;

	doc = parse_ok("{ f(i: -42, f: 6.02e23, s: \"a\\tb\", b: true, "
	    "c: false, n: null, e: RED, v: $var, l: [1, [2], []], "
	    "o: {x: 1, y: {z: \"w\"}}, big: 123456789012345678901234567890) }");
	a = doc->defs->u.op.selset->first->args;
	ck_assert_int_eq(a->value->kind, GQL_VALUE_INT);
	ck_assert_str_eq(a->value->str, "-42");
	a = a->next;
	ck_assert_int_eq(a->value->kind, GQL_VALUE_FLOAT);
	ck_assert_str_eq(a->value->str, "6.02e23");
	a = a->next;
	ck_assert_str_eq(a->value->str, "a\tb");
	ck_assert_uint_eq(a->value->len, 3);
	a = a->next;
	ck_assert(a->value->kind == GQL_VALUE_BOOLEAN && a->value->boolean);
	a = a->next;
	ck_assert(a->value->kind == GQL_VALUE_BOOLEAN && !a->value->boolean);
	a = a->next;
	ck_assert_int_eq(a->value->kind, GQL_VALUE_NULL);
	a = a->next;
	ck_assert_int_eq(a->value->kind, GQL_VALUE_ENUM);
	ck_assert(gql_name_eq(&a->value->name, "RED"));
	a = a->next;
	ck_assert_int_eq(a->value->kind, GQL_VALUE_VARIABLE);
	ck_assert(gql_name_eq(&a->value->name, "var"));
	ck_assert_uint_eq(a->value->loc.column, a->value->name.loc.column - 1);
	a = a->next;
	ck_assert_uint_eq(a->value->count, 3);
	ck_assert_int_eq(a->value->items->next->kind, GQL_VALUE_LIST);
	ck_assert_uint_eq(a->value->items->next->next->count, 0);
	a = a->next;
	ck_assert_uint_eq(a->value->count, 2);
	ck_assert(gql_name_eq(&a->value->fields->next->name, "y"));
	ck_assert_str_eq(a->value->fields->next->value->fields->value->str,
	    "w");
	a = a->next;
	ck_assert_str_eq(a->value->str, "123456789012345678901234567890");
	gql_ast_document_free(doc);
}
END_TEST

START_TEST(type_references)
{
	struct gql_ast_document	*doc;
	struct gql_ast_type	*t;
	struct gql_error	 err;
	struct buf		 b = BUF_INIT;

	doc = gql_parse_type("[[Int!]]!", 9, NULL, &t, &err);
	ck_assert_ptr_nonnull(doc);
	ck_assert_int_eq(t->kind, GQL_WRAP_NON_NULL);
	ck_assert_int_eq(t->of->kind, GQL_WRAP_LIST);
	ck_assert_int_eq(t->of->of->of->kind, GQL_WRAP_NON_NULL);
	ck_assert(gql_name_eq(&t->of->of->of->of->name, "Int"));
	ck_assert_uint_eq(t->of->of->of->of->loc.column, 3);
	gql_ast_print_type(t, &b);
	ck_assert_str_eq(b.data, "[[Int!]]!");
	gql_ast_document_free(doc);
	gql_error_free(&err);
	ck_assert_ptr_null(gql_parse_type("[Int", 4, NULL, &t, &err));
	ck_assert_str_eq(err.message,
	    "Syntax Error: Expected \"]\", found <EOF>.");
	gql_error_free(&err);
	ck_assert_ptr_null(gql_parse_type("Int!!", 5, NULL, &t, &err));
	ck_assert_str_eq(err.message,
	    "Syntax Error: Expected <EOF>, found \"!\".");
	gql_error_free(&err);
	buf_free(&b);
}
END_TEST

START_TEST(lone_values)
{
	struct gql_ast_document	*doc;
	struct gql_ast_value	*v;
	struct gql_error	 err;
	struct buf		 b = BUF_INIT;
	const char		*src = "{a: [1, 2.5, \"x\\\"\", $v, E, null]}";

	doc = gql_parse_value(src, strlen(src), NULL, &v, &err);
	ck_assert_ptr_nonnull(doc);
	ck_assert_int_eq(v->kind, GQL_VALUE_OBJECT);
	gql_ast_print_value(v, &b);
	ck_assert_str_eq(b.data, "{a: [1, 2.5, \"x\\\"\", $v, E, null]}");
	gql_ast_document_free(doc);
	gql_error_free(&err);
	ck_assert_ptr_null(gql_parse_value("[1 2", 4, NULL, &v, &err));
	ck_assert_str_eq(err.message, "Syntax Error: Unexpected <EOF>.");
	gql_error_free(&err);
	buf_free(&b);
}
END_TEST

START_TEST(sdl_kitchen_sink_nodes)
{
	struct gql_ast_document		*doc = parse_ok(sdl_kitchen_sink);
	const struct gql_ast_def	*d;
	const struct gql_ast_type_def	*td;

	ck_assert_uint_eq(doc->ntypesystem, doc->ndefs);
	d = nth_def(doc, 0);
	ck_assert_int_eq(d->kind, GQL_DEF_SCHEMA);
	ck_assert_str_eq(d->u.schema.description->str,
	    "This is a description of the schema as a whole.");
	ck_assert_int_eq(d->u.schema.ops->next->op, GQL_OP_MUTATION);
	ck_assert(gql_name_eq(&d->u.schema.ops->next->type->name,
	    "MutationType"));
	d = nth_def(doc, 1);
	td = &d->u.type;
	ck_assert_int_eq(d->kind, GQL_DEF_OBJECT);
	ck_assert_uint_eq(d->loc.line, 7);	/* the description */
	ck_assert_str_eq(td->description->str,
	    "This is a description\nof the `Foo` type.");
	ck_assert(gql_name_eq(&td->interfaces->next->next->name, "Two"));
	ck_assert_uint_eq(td->nfields, 7);
	ck_assert_uint_eq(td->fields->next->nargs, 1);
	ck_assert_str_eq(td->fields->next->args->description->str,
	    "This is a description of the `argument` argument.");
	ck_assert_int_eq(td->fields->next->args->type->kind,
	    GQL_WRAP_NON_NULL);
	ck_assert_int_eq(
	    td->fields->next->next->next->args->default_value->kind,
	    GQL_VALUE_STRING);
	d = nth_def(doc, 3);
	ck_assert_int_eq(d->kind, GQL_DEF_OBJECT);
	ck_assert_ptr_null(d->u.type.fields);
	d = nth_def(doc, 4);
	ck_assert(d->extend);
	d = nth_def(doc, 8);
	ck_assert(d->extend && d->kind == GQL_DEF_INTERFACE);
	ck_assert(gql_name_eq(&d->u.type.interfaces->name, "Two"));
	d = nth_def(doc, 9);
	ck_assert_int_eq(d->kind, GQL_DEF_UNION);
	ck_assert(gql_name_eq(&d->u.type.members->next->next->name,
	    "Advert"));
	d = nth_def(doc, 14);
	ck_assert_int_eq(d->kind, GQL_DEF_ENUM);
	ck_assert(gql_name_eq(&d->u.type.values->next->next->directives->name,
	    "deprecated"));
	d = nth_def(doc, 17);
	ck_assert_int_eq(d->kind, GQL_DEF_INPUT_OBJECT);
	ck_assert(d->extend);
	ck_assert_str_eq(d->u.type.input_fields->default_value->str,
	    "1.23e4");
	d = nth_def(doc, 18);
	ck_assert_int_eq(d->kind, GQL_DEF_DIRECTIVE);
	ck_assert(!d->u.directive.repeatable);
	ck_assert_uint_eq(d->u.directive.location_bits,
	    GQL_DIRLOC_BIT(GQL_DIRLOC_FIELD) |
	    GQL_DIRLOC_BIT(GQL_DIRLOC_FRAGMENT_SPREAD) |
	    GQL_DIRLOC_BIT(GQL_DIRLOC_INLINE_FRAGMENT));
	ck_assert_int_eq(d->u.directive.locations->next->dirloc,
	    GQL_DIRLOC_FRAGMENT_SPREAD);
	d = nth_def(doc, 19);
	ck_assert(d->u.directive.repeatable);
	d = nth_def(doc, 20);
	ck_assert(d->extend && d->kind == GQL_DEF_SCHEMA);
	ck_assert_ptr_null(d->next);
	gql_ast_document_free(doc);
}
END_TEST

START_TEST(descriptions_on_executable_definitions)
{
	struct gql_ast_document	*doc;

	doc = parse_ok("\"op\" query Q(\"\"\"v\"\"\" $a: Int) { a } "
	    "\"fr\" fragment F on T { b }");
	ck_assert_str_eq(doc->defs->u.op.description->str, "op");
	ck_assert_str_eq(doc->defs->u.op.vars->description->str, "v");
	ck_assert_uint_eq(doc->defs->u.op.vars->loc.column, 14);
	ck_assert_str_eq(doc->defs->next->u.fragment.description->str, "fr");
	ck_assert_uint_eq(doc->defs->next->loc.column, 37);
	gql_ast_document_free(doc);
}
END_TEST

START_TEST(limit_bytes)
{
	struct gql_limits	 lim = { 10, 0, 0 };
	struct gql_error	 err;

	ck_assert_ptr_null(gql_parse_document("{ abcdefghij }", 14, &lim,
	    &err));
	ck_assert_int_eq(err.kind, GQL_ERR_LIMIT);
	ck_assert_str_eq(err.message, "Syntax Error: Document contains more "
	    "than 10 bytes. Parsing aborted.");
	ck_assert_uint_eq(err.locs[0].column, 11);
	gql_error_free(&err);
	lim.max_bytes = 14;
	gql_ast_document_free(gql_parse_document("{ abcdefghij }", 14, &lim,
	    &err));
}
END_TEST

START_TEST(limit_tokens)
{
	struct gql_limits	 lim = { 0, 5, 0 };
	struct gql_ast_document	*doc;
	struct gql_error	 err;

	doc = gql_parse_document("{ a b c }", 9, &lim, &err);
	ck_assert_ptr_nonnull(doc);
	ck_assert_uint_eq(doc->ntokens, 5);
	gql_ast_document_free(doc);
	gql_error_free(&err);
	ck_assert_ptr_null(gql_parse_document("{ a b c d }", 11, &lim, &err));
	ck_assert_int_eq(err.kind, GQL_ERR_LIMIT);
	ck_assert_str_eq(err.message, "Syntax Error: Document contains more "
	    "than 5 tokens. Parsing aborted.");
	ck_assert_uint_eq(err.locs[0].column, 11);
	gql_error_free(&err);
}
END_TEST

START_TEST(limit_depth)
{
	struct gql_limits	 lim = { 0, 0, 3 };
	struct gql_ast_document	*doc;
	struct gql_error	 err;

	doc = gql_parse_document("{ a { b { c } } }", 17, &lim, &err);
	ck_assert_ptr_nonnull(doc);
	ck_assert_uint_eq(doc->max_depth, 3);
	gql_ast_document_free(doc);
	ck_assert_ptr_null(gql_parse_document("{ a { b { c { d } } } }", 23,
	    &lim, &err));
	ck_assert_int_eq(err.kind, GQL_ERR_LIMIT);
	ck_assert_str_eq(err.message, "Syntax Error: Document is nested "
	    "deeper than 3 levels. Parsing aborted.");
	ck_assert_uint_eq(err.locs[0].column, 13);
	/* Values and list types count too, together with selections. */
	gql_error_free(&err);
	ck_assert_ptr_null(gql_parse_document("{ a(x: [[[1]]]) }", 17, &lim,
	    &err));
	ck_assert_uint_eq(err.locs[0].column, 10);
	gql_error_free(&err);
	ck_assert_ptr_null(gql_parse_document("{ a(x: {b: {c: {d: 1}}}) }", 26,
	    &lim, &err));
	ck_assert_uint_eq(err.locs[0].column, 16);
	gql_error_free(&err);
	ck_assert_ptr_null(gql_parse_document("query($a: [[[[Int]]]]) { a }",
	    28, &lim, &err));
	ck_assert_uint_eq(err.locs[0].column, 14);
	gql_error_free(&err);
}
END_TEST

/* A document of `n` copies of `open`, then "x", then `n` of `close`. */
static char *
nested(const char *open, const char *mid, const char *close, int n,
    size_t *len)
{
	size_t	lo = strlen(open), lc = strlen(close), lm = strlen(mid);
	char	*s, *p;
	int	 i;

	s = p = malloc((lo + lc) * (size_t)n + lm + 8);
	ck_assert_ptr_nonnull(s);
	for (i = 0; i < n; i++, p += lo)
		memcpy(p, open, lo);
	memcpy(p, mid, lm);
	p += lm;
	for (i = 0; i < n; i++, p += lc)
		memcpy(p, close, lc);
	*len = (size_t)(p - s);
	return s;
}

START_TEST(hostile_deep_nesting_is_an_error)
{
	static const struct {
		const char	*open, *mid, *close;
	} kinds[] = {
		{ "{a", "", "}" },
		{ "{ ...on T{", "a", "}}" },
		{ "{a(x:", "1", ")}" },
		{ "[", "", "]" },
		{ "{a(x:[", "1", "])}" },
		{ "{a(x:{b:", "1", "})}" },
		{ "query($v:[", "Int", "]){a}" },
	};
	struct gql_limits	 lim = GQL_LIMITS_DEFAULT;
	struct gql_error	 err;
	size_t			 i, len;
	char			*s;

	lim.max_bytes = 0;
	lim.max_tokens = 0;
	for (i = 0; i < sizeof(kinds) / sizeof(*kinds); i++) {
		s = nested(kinds[i].open, kinds[i].mid, kinds[i].close, 100000,
		    &len);
		ck_assert_ptr_null(gql_parse_document(s, len, &lim, &err));
		ck_assert_msg(err.kind == GQL_ERR_LIMIT ||
		    err.kind == GQL_ERR_SYNTAX, "%s", err.message);
		gql_error_free(&err);
		ck_assert_ptr_null(gql_parse_document(s, len, NULL, &err));
		gql_error_free(&err);
		free(s);
	}
}
END_TEST

START_TEST(hostile_megabyte_of_tokens)
{
	struct gql_limits	 lim = GQL_LIMITS_DEFAULT;
	struct gql_ast_document	*doc;
	struct gql_error	 err;
	size_t			 n = 1024 * 1024, i;
	char			*s = malloc(n);

	ck_assert_ptr_nonnull(s);
	s[0] = '{';
	for (i = 1; i < n - 1; i += 2) {
		s[i] = 'a';
		s[i + 1] = ' ';
	}
	s[n - 1] = '}';
	ck_assert_ptr_null(gql_parse_document(s, n, &lim, &err));
	ck_assert_int_eq(err.kind, GQL_ERR_LIMIT);
	gql_error_free(&err);
	doc = gql_parse_document(s, n, NULL, &err);
	ck_assert_ptr_nonnull(doc);
	ck_assert_uint_eq(doc->defs->u.op.selset->count, (n - 2) / 2);
	gql_ast_document_free(doc);
	memset(s, '[', n);
	ck_assert_ptr_null(gql_parse_document(s, n, NULL, &err));
	gql_error_free(&err);
	memset(s, '"', n);
	ck_assert_ptr_null(gql_parse_document(s, n, NULL, &err));
	gql_error_free(&err);
	free(s);
}
END_TEST

START_TEST(hostile_small_inputs)
{
	static const char *const bad[] = {
		"{ a(x: 99999999999999999999999999999999999999999999999) }",
		"\"\"\"", "\"\"\"\"", "\"\"\"\\\"\"\"", "{ a(x: \"\\u{",
		"{\xff}", "{ a(x: \"\xc3\") }", "#\xc3", "\xef\xbb\xbf{ a }",
		"{ a(x: \"\\uD800\\u",
	};
	struct gql_ast_document	*doc;
	struct gql_error	 err;
	size_t			 i;

	for (i = 0; i < sizeof(bad) / sizeof(*bad); i++) {
		doc = gql_parse_document(bad[i], strlen(bad[i]), NULL, &err);
		if (doc == NULL)
			ck_assert_uint_eq(err.nlocs, 1);
		gql_error_free(&err);
		gql_ast_document_free(doc);
	}
	/* Huge integers are kept as text: the executor decides. */
	doc = parse_ok(bad[0]);
	ck_assert_uint_eq(doc->defs->u.op.selset->first->args->value->len, 47);
	gql_ast_document_free(doc);
	doc = parse_ok("\xef\xbb\xbf{ a }");
	ck_assert_uint_eq(doc->defs->loc.column, 2);
	gql_ast_document_free(doc);
}
END_TEST

/*
 * A syntax error quotes the offending token's whole value, as graphql-js
 * does: a megabyte string, a long name, a value holding U+0000 (the
 * message then holds a NUL: msglen counts it).
 */
START_TEST(syntax_errors_quote_whole_tokens)
{
	static const char	 nul[] = "{ a(\"x\\u0000y\": 1) }";
	static const char	 nulmsg[] = "Syntax Error: Expected Name, "
				    "found String \"x\0y\".";
	struct gql_error	 err;
	struct buf		 src = BUF_INIT, want = BUF_INIT;
	size_t			 i, n = 1024 * 1024;

	buf_adds(&src, "{ a(\"");
	for (i = 0; i < n; i++)
		buf_addc(&src, 's');
	buf_adds(&src, "\": 1) }");
	ck_assert_ptr_null(gql_parse_document(src.data, src.len, NULL, &err));
	buf_addf(&want, "Syntax Error: Expected Name, found String \"%.*s\".",
	    (int)n, src.data + 5);
	ck_assert_uint_eq(err.msglen, want.len);
	ck_assert_str_eq(err.message, want.data);
	ck_assert_uint_eq(err.locs[0].column, 5);
	gql_error_free(&err);
	buf_reset(&src);
	buf_reset(&want);
	buf_adds(&src, "{ a } ");
	for (i = 0; i < 5000; i++)
		buf_addc(&src, 'N');
	ck_assert_ptr_null(gql_parse_document(src.data, src.len, NULL, &err));
	buf_addf(&want, "Syntax Error: Unexpected Name \"%s\".", src.data + 6);
	ck_assert_str_eq(err.message, want.data);
	gql_error_free(&err);
	ck_assert_ptr_null(gql_parse_document(nul, sizeof(nul) - 1, NULL,
	    &err));
	ck_assert_uint_eq(err.msglen, sizeof(nulmsg) - 1);
	ck_assert_int_eq(memcmp(err.message, nulmsg, sizeof(nulmsg)), 0);
	gql_error_free(&err);
	buf_free(&src);
	buf_free(&want);
}
END_TEST

static void
assert_round_trip(const char *src, int flags)
{
	struct gql_ast_document	*d1, *d2;
	struct gql_error	 err;
	struct buf		 b1 = BUF_INIT, b2 = BUF_INIT;

	d1 = parse_ok(src);
	gql_ast_print(d1, flags, &b1);
	d2 = gql_parse_document(b1.data, b1.len, NULL, &err);
	ck_assert_msg(d2 != NULL, "reprint does not parse: %s\n%s",
	    err.message, b1.data);
	gql_ast_print(d2, flags, &b2);
	ck_assert_str_eq(b1.data, b2.data);
	gql_ast_document_free(d1);
	gql_ast_document_free(d2);
	buf_free(&b1);
	buf_free(&b2);
}

START_TEST(printer_round_trips)
{
	assert_round_trip(kitchen_sink, 0);
	assert_round_trip(kitchen_sink, GQL_PRINT_COMPACT);
	assert_round_trip(sdl_kitchen_sink, 0);
	assert_round_trip(sdl_kitchen_sink, GQL_PRINT_COMPACT);
	assert_round_trip("\"\"\"  lead\n   x\"\"\" type T { a: Int }", 0);
	assert_round_trip("{ a(s: \"\\u0001\\\"\\\\\xc2\x85\") }", 0);
}
END_TEST

START_TEST(printer_layout)
{
	struct gql_ast_document	*doc;
	struct buf		 b = BUF_INIT;

	doc = parse_ok("query Q($a:Int=1)@d{a(x:[1,{y:\"z\"}])@skip(if:$a)"
	    "{...F ...on T{b}}}");
	gql_ast_print(doc, 0, &b);
	ck_assert_str_eq(b.data, "query Q($a: Int = 1) @d {\n"
	    "  a(x: [1, {y: \"z\"}]) @skip(if: $a) {\n"
	    "    ...F\n"
	    "    ... on T {\n"
	    "      b\n"
	    "    }\n"
	    "  }\n"
	    "}");
	buf_reset(&b);
	gql_ast_print(doc, GQL_PRINT_COMPACT, &b);
	ck_assert_str_eq(b.data, "query Q($a: Int = 1) @d { a(x: [1, "
	    "{y: \"z\"}]) @skip(if: $a) { ...F ... on T { b } } }");
	gql_ast_document_free(doc);
	buf_free(&b);
}
END_TEST

START_TEST(helpers)
{
	struct gql_ast_document	*doc;
	enum gql_dirloc		 l;

	doc = parse_ok("{ ...A } fragment A on T { a } fragment B on T { b }");
	ck_assert_ptr_eq(gql_ast_find_fragment(doc, "B", 1), nth_def(doc, 2));
	ck_assert_ptr_null(gql_ast_find_fragment(doc, "C", 1));
	ck_assert(gql_def_is_executable(doc->defs));
	ck_assert(!gql_def_is_type(doc->defs));
	gql_ast_document_free(doc);
	ck_assert_int_eq(gql_dirloc_from_name("INLINE_FRAGMENT", 15, &l), 0);
	ck_assert_int_eq(l, GQL_DIRLOC_INLINE_FRAGMENT);
	ck_assert_str_eq(gql_dirloc_name(GQL_DIRLOC_VARIABLE_DEFINITION),
	    "VARIABLE_DEFINITION");
	ck_assert_int_eq(gql_dirloc_from_name("FIEL", 4, &l), -1);
	ck_assert_str_eq(gql_op_type_name(GQL_OP_SUBSCRIPTION),
	    "subscription");
	gql_ast_document_free(NULL);
}
END_TEST

START_TEST(arena_allocates_aligned_and_resets)
{
	struct gql_arena	*a = gql_arena_new(0);
	char			*s, *big;
	void			*p;
	int			 i;

	for (i = 0; i < 10000; i++) {
		s = gql_arena_strndup(a, "abc", (size_t)(i % 4));
		ck_assert_uint_eq(strlen(s), (size_t)(i % 4));
		p = gql_arena_alloc(a, (size_t)(i % 97) + 1);
		ck_assert_uint_eq((uintptr_t)p % 8, 0);
	}
	big = gql_arena_calloc(a, 1, 3 * 1024 * 1024);
	ck_assert_int_eq(big[3 * 1024 * 1024 - 1], 0);
	ck_assert_str_eq(gql_arena_strdup(a, "after big"), "after big");
	ck_assert_uint_ge(gql_arena_used(a), 3 * 1024 * 1024);
	gql_arena_reset(a);
	ck_assert_uint_eq(gql_arena_used(a), 0);
	ck_assert_str_eq(gql_arena_memdup(a, "xyz", 4), "xyz");
	gql_arena_free(a);
	gql_arena_free(NULL);
}
END_TEST

int
main(void)
{
	Suite	*s = suite_create("gql_parse");
	TCase	*tc = tcase_create("parse");

	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, verdicts_match_graphql_js);
	tcase_add_test(tc, kitchen_sink_operations);
	tcase_add_test(tc, kitchen_sink_fragment_and_values);
	tcase_add_test(tc, values_every_kind);
	tcase_add_test(tc, type_references);
	tcase_add_test(tc, lone_values);
	tcase_add_test(tc, sdl_kitchen_sink_nodes);
	tcase_add_test(tc, descriptions_on_executable_definitions);
	tcase_add_test(tc, limit_bytes);
	tcase_add_test(tc, limit_tokens);
	tcase_add_test(tc, limit_depth);
	tcase_add_test(tc, hostile_deep_nesting_is_an_error);
	tcase_add_test(tc, hostile_megabyte_of_tokens);
	tcase_add_test(tc, hostile_small_inputs);
	tcase_add_test(tc, syntax_errors_quote_whole_tokens);
	tcase_add_test(tc, printer_round_trips);
	tcase_add_test(tc, printer_layout);
	tcase_add_test(tc, helpers);
	tcase_add_test(tc, arena_allocates_aligned_and_resets);
	suite_add_tcase(s, tc);
	return unit_run(s);
}
