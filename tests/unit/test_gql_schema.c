/*
 * test_gql_schema.c: the schema built from SDL: the real API schema
 * (src/api/schema.graphql) builds and documents every element, built-ins
 * and introspection types are present, type order and printSchema() output
 * match graphql-js 16.15, directives (@deprecated, @specifiedBy, @oneOf)
 * take effect, extensions merge, the lookups, predicates and subtype
 * relations answer as graphql-js's, and 75 SDL documents get graphql-js's
 * verdict (valid or not; the message where graphql-js reports one) with
 * the line:column of the offending node.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "common/buf.h"
#include "graphql/gql_arena.h"
#include "graphql/gql_parse.h"
#include "graphql/gql_schema.h"
#include "unit.h"

#define API_SCHEMA	TOP_SRCDIR "/src/api/schema.graphql"

/* SDL, then the first error and its location (NULL: a valid schema). */
static const struct {
	const char	*sdl;
	const char	*msg;
	uint32_t	 line;
	uint32_t	 col;
} verdicts[] = {
	{ "type Query { a: Int }",
	    NULL, 0, 0 },
	{ "type Query { a: Int } type Query { b: Int }",
	    "There can be only one type named \"Query\".", 1, 28 },
	{ "type Query { a: Int a: String }",
	    "Field \"Query.a\" can only be defined once.", 1, 21 },
	{ "type Query { a(x: Int, x: Int): Int }",
	    "Argument \"Query.a(x:)\" can only be defined once.", 1, 24 },
	{ "type Query { a: Unknown }",
	    "Unknown type \"Unknown\".", 1, 17 },
	{ "type Query { a(x: Foo): Int } type Foo { b: Int }",
	    "The type of Query.a(x:) must be Input Type but got: Foo.", 1, 16 },
	{ "type Query { a: In } input In { b: Int }",
	    "The type of Query.a must be Output Type but got: In.", 1, 14 },
	{ "type Query { a: Int } type T implements I { a: Int } interface I"
	    " { a: String }",
	    "Interface field I.a expects type String but T.a is type"
	    " Int.", 1, 45 },
	{ "type Query { a: Int } type T implements I { b: Int } interface I"
	    " { a: String }",
	    "Interface field I.a expected but T does not provide it.", 1, 28 },
	{ "type Query { a: Int } type T implements I { a(x: Int): String }"
	    " interface I { a: String }",
	    NULL, 0, 0 },
	{ "type Query { a: Int } type T implements I { a(x: Int!): String }"
	    " interface I { a: String }",
	    "Object field T.a includes required argument x that is missing"
	    " from the Interface field I.a.", 1, 47 },
	{ "type Query { a: Int } type T implements I { a: String }"
	    " interface I { a(x: Int): String }",
	    "Interface field argument I.a(x:) expected but T.a does not"
	    " provide it.", 1, 45 },
	{ "type Query { a: Int } type T implements I { a(x: String): String"
	    " } interface I { a(x: Int): String }",
	    "Interface field argument I.a(x:) expects type Int but T.a(x:)"
	    " is type String.", 1, 47 },
	{ "type Query { a: Int } type T implements I & J { a: String }"
	    " interface I implements J { a: String } interface J { a: String }",
	    NULL, 0, 0 },
	{ "type Query { a: Int } type T implements I { a: String }"
	    " interface I implements J { a: String } interface J { a: String }",
	    "Type T must implement J because it is implemented by I.", 1, 28 },
	{ "type Query { a: Int } interface I implements I { a: Int }",
	    "Type I cannot implement itself because it would create a"
	    " circular reference.", 1, 33 },
	{ "type Query { a: Int } type T implements Query { a: Int }",
	    "Type T must only implement Interface types, it cannot"
	    " implement Query.", 1, 28 },
	{ "type Query { a: Int } type T implements I & I { a: Int }"
	    " interface I { a: Int }",
	    "Type T can only implement I once.", 1, 28 },
	{ "type Query { a: Int } union U = Query | Query",
	    "Union type U can only include type Query once.", 1, 29 },
	{ "type Query { a: Int } union U = Query | I interface I { a: Int }",
	    "Union type U can only include Object types, it cannot include"
	    " I.", 1, 29 },
	{ "type Query { a: Int } union U",
	    "Union type U must define one or more member types.", 1, 29 },
	{ "type Query { a: Int } enum E",
	    "Enum type E must define one or more values.", 1, 28 },
	{ "type Query { a: Int } input In",
	    "Input Object type In must define one or more fields.", 1, 29 },
	{ "type Query { a: Int } type Empty",
	    "Type Empty must define one or more fields.", 1, 28 },
	{ "type Query { a: Int } enum E { A A }",
	    "Enum value \"E.A\" can only be defined once.", 1, 34 },
	{ "type Query { a: Int } input In { a: Int a: Int }",
	    "Field \"In.a\" can only be defined once.", 1, 41 },
	{ "type Query { a: Int } input In { a: In! }",
	    "Cannot reference Input Object \"In\" within itself through a"
	    " series of non-null fields: \"a\".", 1, 34 },
	{ "type Query { a: Int } input In { a: In }",
	    NULL, 0, 0 },
	{ "type Query { a: Int } input A { b: B! } input B { c: C! } input"
	    " C { a: A! }",
	    "Cannot reference Input Object \"A\" within itself through a"
	    " series of non-null fields: \"b.c.a\".", 1, 33 },
	{ "type Query { a: Int } input A { b: [A!]! }",
	    NULL, 0, 0 },
	{ "type Query { a: Int } input One @oneOf { a: Int! }",
	    "OneOf input field One.a must be nullable.", 1, 42 },
	{ "type Query { a: Int } input One @oneOf { a: Int = 1 }",
	    "OneOf input field One.a cannot have a default value.", 1, 42 },
	{ "type Query { a(x: Int! @deprecated): Int }",
	    "Required argument Query.a(x:) cannot be deprecated.", 1, 16 },
	{ "type Query { a(x: Int! = 1 @deprecated): Int }",
	    NULL, 0, 0 },
	{ "type Query { a: Int } input In { a: Int! @deprecated }",
	    "Required input field In.a cannot be deprecated.", 1, 34 },
	{ "type Query { a: Int @unknown }",
	    "Unknown directive \"@unknown\".", 1, 21 },
	{ "type Query { a: Int @deprecated @deprecated }",
	    "The directive \"@deprecated\" can only be used once at this"
	    " location.", 1, 33 },
	{ "type Query @deprecated { a: Int }",
	    "Directive \"@deprecated\" may not be used on OBJECT.", 1, 12 },
	{ "type Query { a: Int @deprecated(foo: \"x\") }",
	    "Unknown argument \"foo\" on directive \"@deprecated\".", 1, 33 },
	{ "type Query { a: Int @deprecated(reason: \"x\", reason: \"y\") }",
	    "There can be only one argument named \"reason\".", 1, 46 },
	{ "directive @d(a: Int!) on FIELD_DEFINITION type Query { a: Int @d }",
	    "Directive \"@d\" argument \"a\" of type \"Int!\" is required,"
	    " but it was not provided.", 1, 63 },
	{ "directive @d on FIELD_DEFINITION directive @d on"
	    " FIELD_DEFINITION type Query { a: Int }",
	    "There can be only one directive named \"@d\".", 1, 45 },
	{ "directive @d(a: Query) on FIELD_DEFINITION type Query { a: Int }",
	    "The type of @d(a:) must be Input Type but got: Query.", 1, 14 },
	{ "directive @__d on FIELD_DEFINITION type Query { a: Int }",
	    "Name \"__d\" must not begin with \"__\", which is reserved by"
	    " GraphQL introspection.", 1, 12 },
	{ "type Query { __a: Int }",
	    "Name \"__a\" must not begin with \"__\", which is reserved by"
	    " GraphQL introspection.", 1, 14 },
	{ "type __Foo { a: Int } type Query { a: Int }",
	    "Name \"__Foo\" must not begin with \"__\", which is reserved"
	    " by GraphQL introspection.", 1, 6 },
	{ "type Query { a: Int } enum E { __A }",
	    "Name \"__A\" must not begin with \"__\", which is reserved by"
	    " GraphQL introspection.", 1, 32 },
	{ "type Mutation { a: Int }",
	    "Query root type must be provided.", 0, 0 },
	{ "schema { query: Q } type Q { a: Int }",
	    NULL, 0, 0 },
	{ "schema { query: Q } type Query { a: Int }",
	    "Unknown type \"Q\".", 1, 17 },
	{ "schema { query: Q } input Q { a: Int }",
	    "Query root type must be Object type, it cannot be Q.", 1, 27 },
	{ "schema { query: Q mutation: M } type Q { a: Int } union M = Q",
	    "Mutation root type must be Object type if provided, it cannot"
	    " be M.", 1, 57 },
	{ "schema { query: Q query: Q } type Q { a: Int }",
	    "There can be only one query type in schema.", 1, 19 },
	{ "schema { query: Q } schema { query: Q } type Q { a: Int }",
	    "Must provide only one schema definition.", 1, 21 },
	{ "type Query { a: Int } extend type Nope { a: Int }",
	    "Cannot extend type \"Nope\" because it is not defined.", 1, 35 },
	{ "type Query { a: Int } extend input Query { a: Int }",
	    "Cannot extend non-input object type \"Query\".", 1, 36 },
	{ "type Query { a: Int } extend type Query { a: Int }",
	    "Field \"Query.a\" can only be defined once.", 1, 43 },
	{ "type Query { a: Int } extend scalar String @deprecated",
	    "Cannot extend type \"String\" because it is not defined.", 1, 37 },
	{ "scalar String type Query { a: String }",
	    NULL, 0, 0 },
	{ "type Query { a: Int } query { a }",
	    "Schema SDL may contain only type-system definitions, not"
	    " operations.", 1, 23 },
	{ "type Query { a: Int } extend schema { mutation: Query }",
	    NULL, 0, 0 },
	{ "directive @skip(if: Boolean!) on FIELD type Query { a: Int }",
	    NULL, 0, 0 },
	{ "type Query { a: Int @specifiedBy(url: \"x\") }",
	    "Directive \"@specifiedBy\" may not be used on"
	    " FIELD_DEFINITION.", 1, 21 },
	{ "type Query { a: U } scalar U @specifiedBy(url: \"x\")",
	    NULL, 0, 0 },
	{ "type Query { a: U } scalar U @specifiedBy",
	    "Directive \"@specifiedBy\" argument \"url\" of type"
	    " \"String!\" is required, but it was not provided.", 1, 30 },
	{ "type Query implements I { a: Int } interface I { a: Int! }",
	    "Interface field I.a expects type Int! but Query.a is type"
	    " Int.", 1, 27 },
	{ "type Query implements I { a: Int! } interface I { a: Int }",
	    NULL, 0, 0 },
	{ "type Query implements I { a: [Int!]! } interface I { a: [Int] }",
	    NULL, 0, 0 },
	{ "type Query implements I { a: T } interface I { a: U } union U ="
	    " T type T { x: Int }",
	    NULL, 0, 0 },
	{ "type Query implements I { a: T } interface I { a: J } interface"
	    " J { x: Int } type T implements J { x: Int }",
	    NULL, 0, 0 },
	{ "type Query { a(x: In = {}): Int } input In { y: Int }",
	    NULL, 0, 0 },
	{ "type Query { a: Int } type T implements I { a: Int } interface I"
	    " implements J { a: Int } interface J implements I { a: Int }",
	    "Type T must implement J because it is implemented by I.", 1, 28 },
	{ "directive @d on FIELD | QUERY type Query { a: Int @d }",
	    "Directive \"@d\" may not be used on FIELD_DEFINITION.", 1, 51 },
	{ "directive @d repeatable on FIELD_DEFINITION type Query { a: Int"
	    " @d @d }",
	    NULL, 0, 0 },
	{ "type Query { a(x: Int @deprecated): Int @deprecated(reason: null) }",
	    NULL, 0, 0 },
};

static const char model_sdl[] =
    "\"\"\"The schema\"\"\"\n"
    "schema @onSchema { query: Root mutation: Mut }\n"
    "extend schema @onSchema2 { subscription: Sub }\n"
    "directive @onSchema on SCHEMA\n"
    "directive @onSchema2 on SCHEMA\n"
    "\"Directive desc\" directive @tag(\n"
    "  \"the name\" name: String! = \"x\"\n"
    "  other: [Int!] = [1, 2]\n"
    ") repeatable on OBJECT | FIELD_DEFINITION | INTERFACE\n"
    "  | ARGUMENT_DEFINITION | ENUM_VALUE |"
    " INPUT_FIELD_DEFINITION | UNION\n"
    "  | ENUM | SCALAR | INPUT_OBJECT\n"
    "type Root implements Node & Entity @tag(name: \"a\") @tag {\n"
    "  id: ID!\n"
    "  name(upper: Boolean = false @deprecated(reason: \"use"
    " lower\"),\n"
    "    lower: Boolean): String @deprecated\n"
    "  old: Int @deprecated(reason: \"gone\\nreally\")\n"
    "  search(q: String!, filter: Filter = {kind: A, tags: [\"x\"]}):\n"
    "    [SearchResult]\n"
    "}\n"
    "interface Entity implements Node { id: ID! }\n"
    "interface Node { id: ID! }\n"
    "extend type Root { extra: Float }\n"
    "type Mut { do(input: Filter!): Boolean }\n"
    "type Sub { tick: Int }\n"
    "union SearchResult = | Root | Other\n"
    "type Other { x: Int }\n"
    "extend union SearchResult @tag\n"
    "enum Kind { A @deprecated B \"the C\" C @tag(name: \"z\") }\n"
    "extend enum Kind { D }\n"
    "input Filter { kind: Kind = A, tags: [String!], nested: Filter }\n"
    "input One @oneOf { a: Int b: String }\n"
    "scalar Url @specifiedBy(url: \"https://example.com/url\")\n"
    "extend scalar Url @tag\n"
    "type UsesOne { f(o: One): Url }\n"
    "extend type Mut { u: UsesOne }";

/* graphql-js 16.15 printSchema(buildSchema(model_sdl)). */
static const char model_printed[] =
    "\"\"\"The schema\"\"\"\n"
    "schema {\n"
    "  query: Root\n"
    "  mutation: Mut\n"
    "  subscription: Sub\n"
    "}\n"
    "\n"
    "directive @onSchema on SCHEMA\n"
    "\n"
    "directive @onSchema2 on SCHEMA\n"
    "\n"
    "\"\"\"Directive desc\"\"\"\n"
    "directive @tag(\n"
    "  \"\"\"the name\"\"\"\n"
    "  name: String! = \"x\"\n"
    "  other: [Int!] = [1, 2]\n"
    ") repeatable on OBJECT | FIELD_DEFINITION | INTERFACE |"
    " ARGUMENT_DEFINITION | ENUM_VALUE | INPUT_FIELD_DEFINITION"
    " | UNION | ENUM | SCALAR | INPUT_OBJECT\n"
    "\n"
    "type Root implements Node & Entity {\n"
    "  id: ID!\n"
    "  name(upper: Boolean = false @deprecated(reason: \"use"
    " lower\"), lower: Boolean): String @deprecated\n"
    "  old: Int @deprecated(reason: \"gone\\nreally\")\n"
    "  search(q: String!, filter: Filter = {kind: A, tags:"
    " [\"x\"]}): [SearchResult]\n"
    "  extra: Float\n"
    "}\n"
    "\n"
    "interface Entity implements Node {\n"
    "  id: ID!\n"
    "}\n"
    "\n"
    "interface Node {\n"
    "  id: ID!\n"
    "}\n"
    "\n"
    "type Mut {\n"
    "  do(input: Filter!): Boolean\n"
    "  u: UsesOne\n"
    "}\n"
    "\n"
    "type Sub {\n"
    "  tick: Int\n"
    "}\n"
    "\n"
    "union SearchResult = Root | Other\n"
    "\n"
    "type Other {\n"
    "  x: Int\n"
    "}\n"
    "\n"
    "enum Kind {\n"
    "  A @deprecated\n"
    "  B\n"
    "\n"
    "  \"\"\"the C\"\"\"\n"
    "  C\n"
    "  D\n"
    "}\n"
    "\n"
    "input Filter {\n"
    "  kind: Kind = A\n"
    "  tags: [String!]\n"
    "  nested: Filter\n"
    "}\n"
    "\n"
    "input One @oneOf {\n"
    "  a: Int\n"
    "  b: String\n"
    "}\n"
    "\n"
    "scalar Url @specifiedBy(url: \"https://example.com/url\")\n"
    "\n"
    "type UsesOne {\n"
    "  f(o: One): Url\n"
    "}";

static struct gql_schema *
schema_ok(const char *sdl)
{
	struct gql_schema	*s;
	struct gql_error	 err;

	s = gql_schema_new(sdl, strlen(sdl), &err);
	ck_assert_msg(s != NULL, "%s at %u:%u", err.message,
	    err.nlocs ? err.locs[0].line : 0, err.nlocs ? err.locs[0].column : 0);
	return s;
}

static struct gql_type *
type_of(const struct gql_schema *s, const char *name)
{
	struct gql_type	*t = gql_schema_type(s, name, strlen(name));

	ck_assert_msg(t != NULL, "no type %s", name);
	return t;
}

static struct gql_field *
field_of(const struct gql_schema *s, const char *type, const char *name)
{
	struct gql_field	*f;

	f = gql_type_field(type_of(s, type), name, strlen(name));
	ck_assert_msg(f != NULL, "no field %s.%s", type, name);
	return f;
}

static void
assert_ref(const struct gql_typeref *r, const char *want)
{
	struct buf	b = BUF_INIT;

	gql_typeref_print(r, &b);
	ck_assert_str_eq(b.data, want);
	buf_free(&b);
}

START_TEST(verdicts_match_graphql_js)
{
	struct gql_schema	*s;
	struct gql_error	 err;
	size_t			 i;

	for (i = 0; i < sizeof(verdicts) / sizeof(*verdicts); i++) {
		s = gql_schema_new(verdicts[i].sdl, strlen(verdicts[i].sdl),
		    &err);
		if (verdicts[i].msg == NULL) {
			ck_assert_msg(s != NULL, "\"%s\": %s", verdicts[i].sdl,
			    err.message);
			gql_schema_free(s);
			continue;
		}
		ck_assert_msg(s == NULL, "\"%s\" built", verdicts[i].sdl);
		ck_assert_str_eq(err.message, verdicts[i].msg);
		ck_assert_int_eq(err.kind, GQL_ERR_SCHEMA);
		if (verdicts[i].line == 0)
			ck_assert_uint_eq(err.nlocs, 0);
		else
			ck_assert_msg(err.locs[0].line == verdicts[i].line &&
			    err.locs[0].column == verdicts[i].col,
			    "\"%s\": at %u:%u, want %u:%u", verdicts[i].sdl,
			    err.locs[0].line, err.locs[0].column,
			    verdicts[i].line, verdicts[i].col);
		gql_error_free(&err);
	}
}
END_TEST

START_TEST(api_schema_builds)
{
	struct gql_schema	*s;
	struct gql_error	 err;
	struct gql_field	*f;
	struct gql_input_value	*a;

	s = gql_schema_load(API_SCHEMA, &err);
	ck_assert_msg(s != NULL, "%s:%u:%u: %s", API_SCHEMA,
	    err.nlocs ? err.locs[0].line : 0,
	    err.nlocs ? err.locs[0].column : 0, err.message);
	ck_assert_str_eq(s->query->name, "Query");
	ck_assert_str_eq(s->mutation->name, "Mutation");
	ck_assert_str_eq(s->subscription->name, "Subscription");
	ck_assert_int_eq(type_of(s, "Base64")->kind, GQL_KIND_SCALAR);
	ck_assert_int_eq(type_of(s, "Cursor")->kind, GQL_KIND_SCALAR);
	ck_assert_int_eq(type_of(s, "Address")->kind, GQL_KIND_SCALAR);
	ck_assert_int_eq(type_of(s, "Timestamp")->kind, GQL_KIND_SCALAR);
	ck_assert_int_eq(type_of(s, "DeliveryState")->nvalues, 5);
	assert_ref(field_of(s, "Query", "node")->type, "Node!");
	assert_ref(field_of(s, "Query", "mailbox")->type, "Mailbox");
	f = field_of(s, "Query", "messages");
	assert_ref(f->type, "MessagePage!");
	ck_assert_uint_eq(f->nargs, 3);
	a = gql_field_arg(f, "limit", 5);
	ck_assert_str_eq(a->default_value->str, "100");
	ck_assert_str_eq(gql_field_arg(f, "wait", 4)->default_value->str, "0");
	ck_assert_ptr_null(gql_field_arg(f, "after", 5)->default_value);
	assert_ref(field_of(s, "Query", "outbox")->type, "[OutboxEntry!]!");
	f = field_of(s, "Mutation", "sendMessage");
	assert_ref(gql_field_arg(f, "to", 2)->type, "Address!");
	assert_ref(gql_field_arg(f, "id", 2)->type, "ID!");
	assert_ref(gql_field_arg(f, "ttl", 3)->type, "Int");
	assert_ref(field_of(s, "Mutation", "retryDeliveries")->type, "Int!");
	assert_ref(field_of(s, "Mutation", "ack")->type, "AckResult!");
	assert_ref(field_of(s, "Subscription", "messages")->type, "Message!");
	assert_ref(field_of(s, "Subscription", "deliveries")->type,
	    "OutboxEntry!");
	assert_ref(field_of(s, "Subscription", "nodeStatus")->type, "Node!");
	assert_ref(field_of(s, "Message", "cursor")->type, "Cursor!");
	assert_ref(field_of(s, "MessagePage", "hasMore")->type, "Boolean!");
	assert_ref(field_of(s, "OutboxEntry", "state")->type,
	    "DeliveryState!");
	gql_schema_free(s);
}
END_TEST

/* Lee builds clients from introspection: everything is described. */
START_TEST(api_schema_is_documented)
{
	struct gql_schema	*s;
	struct gql_error	 err;
	struct gql_type		*t;
	uint32_t		 i, j, k;

	s = gql_schema_load(API_SCHEMA, &err);
	ck_assert_ptr_nonnull(s);
	for (i = 0; i < s->ntypes; i++) {
		t = s->types[i];
		if (t->builtin)
			continue;
		ck_assert_msg(t->description != NULL, "%s", t->name);
		for (j = 0; j < t->nfields; j++) {
			ck_assert_msg(t->fields[j].description != NULL,
			    "%s.%s", t->name, t->fields[j].name);
			for (k = 0; k < t->fields[j].nargs; k++)
				ck_assert_msg(t->fields[j].args[k].description
				    != NULL, "%s.%s(%s:)", t->name,
				    t->fields[j].name,
				    t->fields[j].args[k].name);
		}
		for (j = 0; j < t->nvalues; j++)
			ck_assert_msg(t->values[j].description != NULL,
			    "%s.%s", t->name, t->values[j].name);
	}
	gql_schema_free(s);
}
END_TEST

START_TEST(builtins_and_introspection)
{
	struct gql_schema	*s = schema_ok("type Query { a: Int }");
	static const char	*const dirs[] = { "include", "skip",
	    "deprecated", "specifiedBy", "oneOf" };
	struct gql_type		*t;
	uint32_t		 i;

	ck_assert_uint_eq(s->ndirectives, 5);
	for (i = 0; i < 5; i++) {
		ck_assert_str_eq(s->directives[i]->name, dirs[i]);
		ck_assert(s->directives[i]->builtin);
	}
	ck_assert_ptr_eq(s->d_skip, gql_schema_directive(s, "skip", 4));
	ck_assert_ptr_eq(s->d_include, s->directives[0]);
	ck_assert_ptr_eq(s->d_deprecated, s->directives[2]);
	ck_assert(s->d_skip->locations & GQL_DIRLOC_BIT(GQL_DIRLOC_FIELD));
	ck_assert(!s->d_skip->repeatable);
	assert_ref(gql_directive_def_arg(s->d_skip, "if", 2)->type,
	    "Boolean!");
	ck_assert_str_eq(gql_directive_def_arg(s->d_deprecated, "reason",
	    6)->default_value->str, "No longer supported");
	/* Float and ID are referenced by nothing: left out, as graphql-js. */
	ck_assert_ptr_null(gql_schema_type(s, "Float", 5));
	ck_assert_ptr_null(gql_schema_type(s, "ID", 2));
	ck_assert_ptr_nonnull(s->t_float);
	ck_assert_ptr_eq(s->t_int, gql_schema_type(s, "Int", 3));
	ck_assert_ptr_eq(s->t_string, gql_schema_type(s, "String", 6));
	ck_assert_ptr_eq(s->t_boolean, gql_schema_type(s, "Boolean", 7));
	ck_assert(s->t_string->builtin);
	ck_assert_ptr_nonnull(s->t_string->description);
	t = type_of(s, "__Type");
	ck_assert_uint_eq(t->nfields, 11);
	ck_assert(t->builtin);
	assert_ref(field_of(s, "__Type", "fields")->type, "[__Field!]");
	ck_assert_int_eq(gql_field_arg(field_of(s, "__Type", "fields"),
	    "includeDeprecated", 17)->default_value->kind, GQL_VALUE_BOOLEAN);
	ck_assert_int_eq(type_of(s, "__TypeKind")->nvalues, 8);
	ck_assert_int_eq(type_of(s, "__DirectiveLocation")->nvalues,
	    GQL_DIRLOC_COUNT);
	for (i = 0; i < GQL_DIRLOC_COUNT; i++)
		ck_assert_str_eq(type_of(s,
		    "__DirectiveLocation")->values[i].name,
		    gql_dirloc_name((enum gql_dirloc)i));
	assert_ref(field_of(s, "__Schema", "types")->type, "[__Type!]!");
	assert_ref(field_of(s, "__Directive", "isRepeatable")->type,
	    "Boolean!");
	assert_ref(s->meta_schema->type, "__Schema!");
	assert_ref(s->meta_type->type, "__Type");
	assert_ref(s->meta_type->args[0].type, "String!");
	assert_ref(s->meta_typename->type, "String!");
	ck_assert_ptr_null(s->meta_typename->owner);
	ck_assert_str_eq(gql_kind_name(type_of(s, "__Type")->kind), "OBJECT");
	gql_schema_free(s);
}
END_TEST

START_TEST(type_order_matches_graphql_js)
{
	struct gql_schema	*s = schema_ok(model_sdl);
	struct buf		 b = BUF_INIT;
	uint32_t		 i;

	for (i = 0; i < s->ntypes; i++) {
		buf_addf(&b, "%s%s", i ? " " : "", s->types[i]->name);
		ck_assert_uint_eq(s->types[i]->index, i);
	}
	ck_assert_str_eq(b.data, "Root ID String Boolean Int Float Entity "
	    "Node Mut Sub SearchResult Other Kind Filter One Url UsesOne "
	    "__Schema __Type __TypeKind __Field __InputValue __EnumValue "
	    "__Directive __DirectiveLocation");
	buf_reset(&b);
	for (i = 0; i < s->ndirectives; i++)
		buf_addf(&b, "%s%s", i ? " " : "", s->directives[i]->name);
	ck_assert_str_eq(b.data, "onSchema onSchema2 tag include skip "
	    "deprecated specifiedBy oneOf");
	buf_free(&b);
	gql_schema_free(s);
}
END_TEST

START_TEST(print_schema_matches_graphql_js)
{
	struct gql_schema	*s = schema_ok(model_sdl);
	struct buf		 b = BUF_INIT;

	gql_schema_print(s, &b);
	ck_assert_str_eq(b.data, model_printed);
	buf_free(&b);
	gql_schema_free(s);
}
END_TEST

START_TEST(model_directives_take_effect)
{
	struct gql_schema	*s = schema_ok(model_sdl);
	struct gql_field	*f;
	struct gql_type		*t;

	ck_assert_str_eq(s->description, "The schema");
	ck_assert_str_eq(s->query->name, "Root");
	ck_assert_str_eq(s->subscription->name, "Sub");
	f = field_of(s, "Root", "name");
	ck_assert(f->deprecated);
	ck_assert_str_eq(f->deprecation_reason, "No longer supported");
	ck_assert(f->args[0].deprecated);
	ck_assert_str_eq(f->args[0].deprecation_reason, "use lower");
	ck_assert(!f->args[1].deprecated);
	ck_assert_str_eq(field_of(s, "Root", "old")->deprecation_reason,
	    "gone\nreally");
	ck_assert(!field_of(s, "Root", "id")->deprecated);
	t = type_of(s, "Kind");
	ck_assert(t->values[0].deprecated);
	ck_assert_str_eq(t->values[2].description, "the C");
	ck_assert_str_eq(t->values[3].name, "D");		/* extension */
	ck_assert_ptr_eq(gql_type_enum_value(t, "C", 1), &t->values[2]);
	ck_assert_ptr_eq(t->values[3].owner, t);
	ck_assert(type_of(s, "One")->one_of);
	ck_assert(!type_of(s, "Filter")->one_of);
	ck_assert_str_eq(type_of(s, "Url")->specified_by_url,
	    "https://example.com/url");
	ck_assert(gql_schema_directive(s, "tag", 3)->repeatable);
	ck_assert_str_eq(gql_schema_directive(s, "tag", 3)->description,
	    "Directive desc");
	ck_assert_int_eq(gql_schema_directive(s, "tag", 3)->location_list->
	    next->dirloc, GQL_DIRLOC_FIELD_DEFINITION);
	ck_assert_ptr_null(gql_schema_directive(s, "nope", 4));
	gql_schema_free(s);
}
END_TEST

START_TEST(model_members_and_extensions)
{
	struct gql_schema	*s = schema_ok(model_sdl);
	struct gql_type		*root, *node, *entity, *sr;
	struct gql_input_value	*iv;

	root = type_of(s, "Root");
	ck_assert_uint_eq(root->nfields, 5);
	ck_assert_str_eq(root->fields[4].name, "extra");	/* extension */
	ck_assert_uint_eq(root->fields[4].index, 4);
	ck_assert_ptr_eq(root->fields[4].owner, root);
	ck_assert_ptr_null(gql_type_field(root, "nope", 4));
	ck_assert_uint_eq(type_of(s, "Mut")->nfields, 2);
	node = type_of(s, "Node");
	entity = type_of(s, "Entity");
	ck_assert_uint_eq(root->ninterfaces, 2);
	ck_assert_ptr_eq(root->interfaces[0], node);
	ck_assert_uint_eq(node->npossible, 1);
	ck_assert_ptr_eq(node->possible[0], root);
	ck_assert_uint_eq(entity->ninterfaces, 1);
	sr = type_of(s, "SearchResult");
	ck_assert_uint_eq(sr->npossible, 2);
	ck_assert_str_eq(sr->possible[1]->name, "Other");
	iv = gql_type_input_field(type_of(s, "Filter"), "kind", 4);
	ck_assert_int_eq(iv->default_value->kind, GQL_VALUE_ENUM);
	assert_ref(gql_type_input_field(type_of(s, "Filter"), "tags",
	    4)->type, "[String!]");
	ck_assert_ptr_null(gql_type_input_field(type_of(s, "Filter"), "x", 1));
	ck_assert_int_eq(gql_field_arg(field_of(s, "Root", "search"), "filter",
	    6)->default_value->kind, GQL_VALUE_OBJECT);
	ck_assert_ptr_eq(gql_schema_root(s, GQL_OP_MUTATION), s->mutation);
	gql_schema_free(s);
}
END_TEST

START_TEST(predicates_and_subtypes)
{
	struct gql_schema	*s = schema_ok(model_sdl);
	struct gql_type		*root, *node, *entity, *sr, *other, *kind;
	struct gql_type		*filter;

	root = type_of(s, "Root");
	node = type_of(s, "Node");
	entity = type_of(s, "Entity");
	sr = type_of(s, "SearchResult");
	other = type_of(s, "Other");
	kind = type_of(s, "Kind");
	filter = type_of(s, "Filter");
	ck_assert(gql_type_is_input(kind) && gql_type_is_output(kind));
	ck_assert(gql_type_is_input(filter) && !gql_type_is_output(filter));
	ck_assert(!gql_type_is_input(root) && gql_type_is_output(root));
	ck_assert(gql_type_is_leaf(kind) && gql_type_is_leaf(s->t_int));
	ck_assert(!gql_type_is_leaf(root));
	ck_assert(gql_type_is_composite(sr) && gql_type_is_composite(node));
	ck_assert(!gql_type_is_composite(filter));
	ck_assert(gql_type_is_abstract(sr) && gql_type_is_abstract(node));
	ck_assert(!gql_type_is_abstract(root));
	ck_assert(gql_schema_is_possible_type(s, sr, root));
	ck_assert(!gql_schema_is_possible_type(s, node, other));
	ck_assert(gql_schema_is_subtype(s, node, entity));
	ck_assert(gql_schema_is_subtype(s, node, root));
	ck_assert(!gql_schema_is_subtype(s, entity, node));
	ck_assert(gql_schema_types_overlap(s, root, root));
	ck_assert(gql_schema_types_overlap(s, sr, node));	/* Root */
	ck_assert(gql_schema_types_overlap(s, node, root));
	ck_assert(gql_schema_types_overlap(s, other, sr));
	ck_assert(!gql_schema_types_overlap(s, other, node));
	ck_assert(!gql_schema_types_overlap(s, other, root));
	gql_schema_free(s);
}
END_TEST

START_TEST(typerefs)
{
	struct gql_schema		*s = schema_ok(model_sdl);
	struct gql_arena		*a = gql_arena_new(0);
	const struct gql_typeref	*r1, *r2, *r3;
	struct gql_ast_document		*doc;
	struct gql_ast_type		*t;
	struct gql_error		 err;

	doc = gql_parse_type("[Root!]!", 8, NULL, &t, &err);
	r1 = gql_typeref_from_ast(s, a, t);
	assert_ref(r1, "[Root!]!");
	ck_assert_ptr_eq(gql_typeref_named(r1), type_of(s, "Root"));
	ck_assert(gql_typeref_is_non_null(r1));
	gql_ast_document_free(doc);
	doc = gql_parse_type("[Node]", 6, NULL, &t, &err);
	r2 = gql_typeref_from_ast(s, a, t);
	gql_ast_document_free(doc);
	doc = gql_parse_type("Nope", 4, NULL, &t, &err);
	ck_assert_ptr_null(gql_typeref_from_ast(s, a, t));
	gql_ast_document_free(doc);
	doc = gql_parse_type("Root", 4, NULL, &t, &err);
	r3 = gql_typeref_from_ast(s, a, t);
	ck_assert_ptr_eq(r3, &type_of(s, "Root")->ref);
	gql_ast_document_free(doc);
	ck_assert(gql_typeref_is_subtype(s, r1, r2));
	ck_assert(!gql_typeref_is_subtype(s, r2, r1));
	ck_assert(!gql_typeref_is_subtype(s, r3, r2));
	ck_assert(gql_typeref_is_subtype(s, r1, r1));
	ck_assert(gql_typeref_eq(r1, r1));
	ck_assert(!gql_typeref_eq(r1, r2));
	ck_assert(gql_typeref_is_subtype(s, r3, &type_of(s, "Node")->ref));
	ck_assert(!gql_typeref_is_subtype(s, &type_of(s, "Node")->ref, r3));
	gql_arena_free(a);
	gql_schema_free(s);
}
END_TEST

START_TEST(load_reports_file_errors)
{
	struct gql_error	err;

	ck_assert_ptr_null(gql_schema_load("/nonexistent/schema.graphql",
	    &err));
	ck_assert_str_eq(err.message, "No such file or directory");
	ck_assert_uint_eq(err.nlocs, 0);
	gql_error_free(&err);
	ck_assert_ptr_null(gql_schema_new("type Query {\n  a: Int\n  b\n}",
	    27, &err));
	ck_assert_int_eq(err.kind, GQL_ERR_SYNTAX);
	ck_assert_str_eq(err.message, "Syntax Error: Expected \":\", found "
	    "\"}\".");
	ck_assert_uint_eq(err.locs[0].line, 4);
	ck_assert_uint_eq(err.locs[0].column, 1);
	gql_error_free(&err);
	gql_error_free(NULL);
	gql_schema_free(NULL);
}
END_TEST

START_TEST(conventions_and_overrides)
{
	struct gql_schema	*s;

	/* A user "scalar String" keeps the standard one (graphql-js). */
	s = schema_ok("scalar String type Query { a: String }");
	ck_assert(s->t_string->builtin);
	gql_schema_free(s);
	/* A user @skip replaces the built-in one. */
	s = schema_ok("directive @skip(if: Boolean!, why: String) on FIELD "
	    "type Query { a: Int }");
	ck_assert_uint_eq(gql_schema_directive(s, "skip", 4)->nargs, 2);
	ck_assert_ptr_null(s->d_skip);
	ck_assert_str_eq(s->directives[0]->name, "skip");
	gql_schema_free(s);
	/* Without schema { }, conventional names even over extensions. */
	s = schema_ok("type Query { a: Int } extend schema { mutation:"
	    " Query }");
	ck_assert_ptr_eq(s->mutation, s->query);
	gql_schema_free(s);
	s = schema_ok("type Query { a: Int } type Mutation { b: Int }");
	ck_assert_str_eq(s->mutation->name, "Mutation");
	ck_assert_ptr_null(s->subscription);
	gql_schema_free(s);
	s = schema_ok("schema { query: Q } type Q { a: Int } "
	    "type Mutation { b: Int }");
	ck_assert_ptr_null(s->mutation);
	gql_schema_free(s);
}
END_TEST

int
main(void)
{
	Suite	*s = suite_create("gql_schema");
	TCase	*tc = tcase_create("schema");

	tcase_add_test(tc, verdicts_match_graphql_js);
	tcase_add_test(tc, api_schema_builds);
	tcase_add_test(tc, api_schema_is_documented);
	tcase_add_test(tc, builtins_and_introspection);
	tcase_add_test(tc, type_order_matches_graphql_js);
	tcase_add_test(tc, print_schema_matches_graphql_js);
	tcase_add_test(tc, model_directives_take_effect);
	tcase_add_test(tc, model_members_and_extensions);
	tcase_add_test(tc, predicates_and_subtypes);
	tcase_add_test(tc, typerefs);
	tcase_add_test(tc, load_reports_file_errors);
	tcase_add_test(tc, conventions_and_overrides);
	suite_add_tcase(s, tc);
	return unit_run(s);
}
