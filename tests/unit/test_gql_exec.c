/*
 * test_gql_exec.c: execution as a client sees it, with resolvers bound
 * from a table the way the API layer binds them: responses in selection
 * order with aliases, fragments and field merging; @skip/@include;
 * lists from accessors, iterators and values; abstract types through
 * resolve-type hooks and explicit types; non-null propagation on the
 * buffer; field errors with locations, path and extensions.code; the
 * error and output limits; WOULD_BLOCK (nothing written) and its refusal
 * in mutations; request errors (no "data") for the HTTP layer's 400;
 * serial mutations; subscriptions (event sources, per-event execution,
 * the sharing key); documents that were never validated; and prepared
 * documents, which must answer every one of these exactly as unprepared
 * ones do.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "common/buf.h"
#include "graphql/gql_exec.h"
#include "graphql/gql_parse.h"
#include "graphql/gql_schema.h"
#include "unit.h"

static const char sdl[] =
    "type Query {\n"
    "  hello: String\n"
    "  user(id: ID!): User\n"
    "  users: [User!]!\n"
    "  usersIter: [User]\n"
    "  node(id: ID!): Node\n"
    "  search: [SearchResult]\n"
    "  nn: NN\n"
    "  fail: String\n"
    "  failCode: String\n"
    "  wait: String\n"
    "  matrix: [[Int]]\n"
    "  failures: [String]\n"
    "  echo(a: Int, s: String = \"d\", l: [Int]): String\n"
    "  color: Color\n"
    "}\n"
    "type Mutation { inc: Int! wait: String }\n"
    "type Subscription { ticks(from: Int = 0): Tick! }\n"
    "type Tick { n: Int! from: Int }\n"
    "enum Color { RED GREEN }\n"
    "interface Node { id: ID! }\n"
    "type User implements Node { id: ID! name: String! age: Int"
    " friends: [User] }\n"
    "type Post implements Node { id: ID! title: String }\n"
    "union SearchResult = User | Post\n"
    "type NN { a: String! b: String c: NN! }\n";

struct user {
	const char	*id;
	const char	*name;
	int		 age;
};

struct post {
	const char	*id;
	const char	*title;
};

struct ctx {
	int	 counter;
	int	 subscribed;
};

static const struct user users[] = {
	{ "1", "Ann", 31 }, { "2", "Bob", 42 }, { "3", "Cy", 0 },
};
static const struct post post = { "p1", "Hello" };

static struct gql_schema	*schema;

static void	 r_hello(const struct gql_resolve_info *, struct gql_result *);
static void	 r_user(const struct gql_resolve_info *, struct gql_result *);
static void	 r_users(const struct gql_resolve_info *, struct gql_result *);
static void	 r_users_iter(const struct gql_resolve_info *,
		    struct gql_result *);
static void	 r_node(const struct gql_resolve_info *, struct gql_result *);
static void	 r_search(const struct gql_resolve_info *,
		    struct gql_result *);
static void	 r_nn(const struct gql_resolve_info *, struct gql_result *);
static void	 r_nn_a(const struct gql_resolve_info *, struct gql_result *);
static void	 r_fail(const struct gql_resolve_info *, struct gql_result *);
static void	 r_fail_code(const struct gql_resolve_info *,
		    struct gql_result *);
static void	 r_wait(const struct gql_resolve_info *, struct gql_result *);
static void	 r_matrix(const struct gql_resolve_info *,
		    struct gql_result *);
static void	 r_failures(const struct gql_resolve_info *,
		    struct gql_result *);
static void	 r_echo(const struct gql_resolve_info *, struct gql_result *);
static void	 r_color(const struct gql_resolve_info *, struct gql_result *);
static void	 r_inc(const struct gql_resolve_info *, struct gql_result *);
static void	 r_user_id(const struct gql_resolve_info *,
		    struct gql_result *);
static void	 r_user_name(const struct gql_resolve_info *,
		    struct gql_result *);
static void	 r_user_age(const struct gql_resolve_info *,
		    struct gql_result *);
static void	 r_user_friends(const struct gql_resolve_info *,
		    struct gql_result *);
static void	 r_post_id(const struct gql_resolve_info *,
		    struct gql_result *);
static void	 r_post_title(const struct gql_resolve_info *,
		    struct gql_result *);
static void	 r_ticks_subscribe(const struct gql_resolve_info *,
		    struct gql_result *);
static void	 r_ticks(const struct gql_resolve_info *, struct gql_result *);
static void	 r_tick_n(const struct gql_resolve_info *, struct gql_result *);
static void	 r_tick_from(const struct gql_resolve_info *,
		    struct gql_result *);
static const char *node_type(const struct gql_resolve_info *, void *,
		    const struct gql_type *);

static const struct gql_field_binding fields[] = {
	{ "Query.hello", r_hello, NULL, NULL },
	{ "Query.user", r_user, NULL, NULL },
	{ "Query.users", r_users, NULL, NULL },
	{ "Query.usersIter", r_users_iter, NULL, NULL },
	{ "Query.node", r_node, NULL, NULL },
	{ "Query.search", r_search, NULL, NULL },
	{ "Query.nn", r_nn, NULL, NULL },
	{ "Query.fail", r_fail, NULL, NULL },
	{ "Query.failCode", r_fail_code, NULL, NULL },
	{ "Query.wait", r_wait, NULL, NULL },
	{ "Query.matrix", r_matrix, NULL, NULL },
	{ "Query.failures", r_failures, NULL, NULL },
	{ "Query.echo", r_echo, NULL, NULL },
	{ "Query.color", r_color, NULL, NULL },
	{ "Mutation.inc", r_inc, NULL, NULL },
	{ "Mutation.wait", r_wait, NULL, NULL },
	{ "Subscription.ticks", r_ticks, r_ticks_subscribe, NULL },
	{ "Tick.n", r_tick_n, NULL, NULL },
	{ "Tick.from", r_tick_from, NULL, NULL },
	{ "User.id", r_user_id, NULL, NULL },
	{ "User.name", r_user_name, NULL, NULL },
	{ "User.age", r_user_age, NULL, NULL },
	{ "User.friends", r_user_friends, NULL, NULL },
	{ "Post.id", r_post_id, NULL, NULL },
	{ "Post.title", r_post_title, NULL, NULL },
	{ "NN.a", r_nn_a, NULL, NULL },
	{ "NN.b", r_hello, NULL, NULL },
	{ "NN.c", r_nn, NULL, NULL },
};

static const struct gql_type_binding types[] = {
	{ "Node", NULL, node_type },
};

static void
r_hello(const struct gql_resolve_info *info, struct gql_result *r)
{
	(void)info;
	gql_result_cstring(r, "world");
}

static const struct gql_type *
type_named(const char *name)
{
	return gql_schema_type(schema, name, strlen(name));
}

static void
r_user(const struct gql_resolve_info *info, struct gql_result *r)
{
	const struct gql_value	*id = gql_arg(info, "id");
	size_t			 i;

	for (i = 0; i < sizeof(users) / sizeof(users[0]); i++)
		if (strcmp(users[i].id, id->u.str.s) == 0) {
			gql_result_object(r, (void *)&users[i],
			    type_named("User"));
			return;
		}
	gql_result_null(r);
}

static void
user_item(const struct gql_resolve_info *info, void *list, size_t i,
    struct gql_result *r)
{
	(void)info;
	gql_result_object(r, (struct user *)list + i, NULL);
}

static void
r_users(const struct gql_resolve_info *info, struct gql_result *r)
{
	(void)info;
	gql_result_list(r, (void *)users, 3, user_item);
}

static int
user_next(const struct gql_resolve_info *info, void *it, struct gql_result *r)
{
	size_t	*i = it;

	(void)info;
	if (*i == 4)
		return 0;
	if (*i == 1)
		gql_result_null(r);
	else
		gql_result_object(r, (void *)&users[*i % 3], NULL);
	(*i)++;
	return 1;
}

static void
r_users_iter(const struct gql_resolve_info *info, struct gql_result *r)
{
	size_t	*i = gql_exec_alloc(info, sizeof(*i));

	*i = 0;
	gql_result_iter(r, i, user_next);
}

static void
r_node(const struct gql_resolve_info *info, struct gql_result *r)
{
	const struct gql_value	*id = gql_arg(info, "id");

	if (strcmp(id->u.str.s, "p1") == 0)
		gql_result_object(r, (void *)&post, NULL);
	else if (strcmp(id->u.str.s, "bad") == 0)
		gql_result_object(r, (void *)"bad", NULL);
	else
		gql_result_object(r, (void *)&users[0], NULL);
}

static const char *
node_type(const struct gql_resolve_info *info, void *obj,
    const struct gql_type *abstract)
{
	(void)info;
	(void)abstract;
	if (obj == &post)
		return "Post";
	if (strcmp(obj, "bad") == 0)
		return "Tick";
	return "User";
}

static void
search_item(const struct gql_resolve_info *info, void *list, size_t i,
    struct gql_result *r)
{
	(void)info;
	(void)list;
	if (i == 0)
		gql_result_object(r, (void *)&post, type_named("Post"));
	else if (i == 1)
		gql_result_object(r, (void *)&users[1], type_named("User"));
	else
		gql_result_object(r, (void *)&post, NULL);
}

static void
r_search(const struct gql_resolve_info *info, struct gql_result *r)
{
	(void)info;
	gql_result_list(r, NULL, 3, search_item);
}

static void
r_nn(const struct gql_resolve_info *info, struct gql_result *r)
{
	(void)info;
	gql_result_object(r, (void *)"nn", NULL);
}

static void
r_nn_a(const struct gql_resolve_info *info, struct gql_result *r)
{
	(void)info;
	gql_result_null(r);
}

static void
r_fail(const struct gql_resolve_info *info, struct gql_result *r)
{
	(void)info;
	gql_result_error(r, "It failed.", NULL);
}

static void
r_fail_code(const struct gql_resolve_info *info, struct gql_result *r)
{
	gql_result_errorf(info, r, "FORBIDDEN", "Not for %s.", "you");
}

static void
r_wait(const struct gql_resolve_info *info, struct gql_result *r)
{
	(void)info;
	gql_result_would_block(r);
}

static void
matrix_row(const struct gql_resolve_info *info, void *list, size_t i,
    struct gql_result *r)
{
	static struct gql_value	row[2][2];

	(void)list;
	if (i == 1) {
		gql_result_null(r);
		return;
	}
	gql_value_set_int(&row[0][0], 1);
	gql_value_set_null(&row[0][1]);
	gql_value_set_int(&row[1][0], 3);
	gql_value_set_int(&row[1][1], 4);
	{
		struct gql_value	*v = gql_exec_alloc(info, sizeof(*v));

		memset(v, 0, sizeof(*v));
		v->kind = GQL_V_LIST;
		v->count = 2;
		v->u.items = row[i / 2];
		gql_result_value(r, v);
	}
}

static void
r_matrix(const struct gql_resolve_info *info, struct gql_result *r)
{
	(void)info;
	gql_result_list(r, NULL, 3, matrix_row);
}

static void
fail_item(const struct gql_resolve_info *info, void *list, size_t i,
    struct gql_result *r)
{
	(void)list;
	gql_result_errorf(info, r, NULL, "item %zu", i);
}

static void
r_failures(const struct gql_resolve_info *info, struct gql_result *r)
{
	(void)info;
	gql_result_list(r, NULL, 10, fail_item);
}

/* echo: its arguments as "a=..;s=..;l=.." */
static void
r_echo(const struct gql_resolve_info *info, struct gql_result *r)
{
	const struct gql_value	*a = gql_arg(info, "a"), *s = gql_arg(info,
				    "s"), *l = gql_arg(info, "l");
	char			*out = gql_exec_alloc(info, 128);

	snprintf(out, 128, "a=%s;s=%s;l=%u", a == NULL ? "absent" :
	    a->kind == GQL_V_NULL ? "null" : "int", s != NULL &&
	    s->kind == GQL_V_STRING ? s->u.str.s : "-", l != NULL &&
	    l->kind == GQL_V_LIST ? l->count : 99);
	gql_result_cstring(r, out);
}

static void
r_color(const struct gql_resolve_info *info, struct gql_result *r)
{
	(void)info;
	gql_result_enum(r, "GREEN");
}

static void
r_inc(const struct gql_resolve_info *info, struct gql_result *r)
{
	struct ctx	*c = info->ctx;

	gql_result_int(r, ++c->counter);
}

#define USER(i)	((const struct user *)(i)->parent)

static void
r_user_id(const struct gql_resolve_info *info, struct gql_result *r)
{
	gql_result_cstring(r, USER(info)->id);
}

static void
r_user_name(const struct gql_resolve_info *info, struct gql_result *r)
{
	gql_result_cstring(r, USER(info)->name);
}

static void
r_user_age(const struct gql_resolve_info *info, struct gql_result *r)
{
	if (USER(info)->age == 0)
		gql_result_null(r);
	else
		gql_result_int(r, USER(info)->age);
}

static void
r_user_friends(const struct gql_resolve_info *info, struct gql_result *r)
{
	(void)info;
	gql_result_list(r, (void *)users, 2, user_item);
}

static void
r_post_id(const struct gql_resolve_info *info, struct gql_result *r)
{
	gql_result_cstring(r, ((const struct post *)info->parent)->id);
}

static void
r_post_title(const struct gql_resolve_info *info, struct gql_result *r)
{
	gql_result_cstring(r, ((const struct post *)info->parent)->title);
}

static void
r_ticks_subscribe(const struct gql_resolve_info *info, struct gql_result *r)
{
	struct ctx		*c = info->ctx;
	const struct gql_value	*from = gql_arg(info, "from");

	if (from->u.i < 0) {
		gql_result_error(r, "Negative start.", "BAD_USER_INPUT");
		return;
	}
	c->subscribed++;
	gql_result_source(r, c);
}

static void
r_ticks(const struct gql_resolve_info *info, struct gql_result *r)
{
	gql_result_object(r, info->parent, NULL);
}

static void
r_tick_n(const struct gql_resolve_info *info, struct gql_result *r)
{
	const int	*n = info->parent;

	if (n == NULL || *n < 0)
		gql_result_null(r);
	else
		gql_result_int(r, *n);
}

static void
r_tick_from(const struct gql_resolve_info *info, struct gql_result *r)
{
	(void)info;
	gql_result_value(r, gql_arg(info, "from"));
}

static void
setup(void)
{
	struct gql_error	err;

	schema = gql_schema_new(sdl, strlen(sdl), &err);
	ck_assert_msg(schema != NULL, "%s", err.message);
	ck_assert_msg(gql_bind(schema, fields, sizeof(fields) /
	    sizeof(fields[0]), types, 1, &err) == 0, "%s", err.message);
}

static void
teardown(void)
{
	gql_schema_free(schema);
}

struct run {
	enum gql_exec_status	 st;
	char			*out;
};

/* Execute a document; the response text (static) and the status. */
static const char *
run_opts(const char *q, const char *vars, const char *opname,
    const struct gql_exec_options *opts, enum gql_exec_status *st)
{
	static struct buf	 out;
	struct buf		 again = BUF_INIT;
	struct gql_ast_document	*doc;
	struct gql_request	 req;
	struct gql_error	 err;
	struct ctx		 c;
	enum gql_exec_status	 st2;

	doc = gql_parse_document(q, strlen(q), NULL, &err);
	ck_assert_msg(doc != NULL, "%s", err.message);
	memset(&req, 0, sizeof(req));
	memset(&c, 0, sizeof(c));
	req.schema = schema;
	req.doc = doc;
	req.operation_name = opname;
	req.variables_json = vars;
	req.variables_len = vars != NULL ? strlen(vars) : 0;
	req.ctx = &c;
	req.options = opts;
	buf_reset(&out);
	*st = gql_execute(&req, &out);
	/* A prepared document answers exactly the same, twice. */
	if ((req.prepared = gql_prepare(schema, doc, opts)) != NULL) {
		for (int i = 0; i < 2; i++) {
			memset(&c, 0, sizeof(c));
			buf_reset(&again);
			st2 = gql_execute(&req, &again);
			ck_assert_int_eq(st2, *st);
			ck_assert_str_eq(buf_cstr(&again), buf_cstr(&out));
		}
		gql_prepared_free((struct gql_prepared *)req.prepared);
	}
	buf_free(&again);
	gql_ast_document_free(doc);
	return buf_cstr(&out);
}

static const char *
run(const char *q, const char *vars, enum gql_exec_status *st)
{
	return run_opts(q, vars, NULL, NULL, st);
}

START_TEST(responses_follow_selection_order)
{
	enum gql_exec_status	st;

	ck_assert_str_eq(run("{ b: hello user(id: \"2\") { name id "
	    "__typename } hello __typename }", NULL, &st),
	    "{\"data\":{\"b\":\"world\",\"user\":{\"name\":\"Bob\","
	    "\"id\":\"2\",\"__typename\":\"User\"},\"hello\":\"world\","
	    "\"__typename\":\"Query\"}}");
	ck_assert_int_eq(st, GQL_EXEC_OK);
}
END_TEST

START_TEST(fragments_merge_fields_in_first_seen_order)
{
	enum gql_exec_status	st;

	ck_assert_str_eq(run("{ user(id: \"1\") { ...F name ... on User "
	    "{ age friends { id } } friends { name } } } "
	    "fragment F on User { id name ...F }", NULL, &st),
	    "{\"data\":{\"user\":{\"id\":\"1\",\"name\":\"Ann\",\"age\":31,"
	    "\"friends\":[{\"id\":\"1\",\"name\":\"Ann\"},{\"id\":\"2\","
	    "\"name\":\"Bob\"}]}}}");
	ck_assert_str_eq(run("{ node(id: \"p1\") { id ... on User { name } "
	    "... on Post { title } ...on Node { __typename } } }", NULL, &st),
	    "{\"data\":{\"node\":{\"id\":\"p1\",\"title\":\"Hello\","
	    "\"__typename\":\"Post\"}}}");
}
END_TEST

START_TEST(skip_and_include_use_variables)
{
	enum gql_exec_status	st;

	ck_assert_str_eq(run("query ($y: Boolean!) { a: hello @skip(if: $y) "
	    "b: hello @include(if: $y) c: hello @skip(if: false) "
	    "@include(if: $y) ...@include(if: false) { d: hello } }",
	    "{\"y\": true}", &st),
	    "{\"data\":{\"b\":\"world\",\"c\":\"world\"}}");
	ck_assert_str_eq(run("query ($y: Boolean = false) { a: hello "
	    "@skip(if: $y) }", NULL, &st), "{\"data\":{\"a\":\"world\"}}");
}
END_TEST

START_TEST(lists_from_accessors_iterators_and_values)
{
	enum gql_exec_status	st;

	ck_assert_str_eq(run("{ users { id } usersIter { name } matrix }",
	    NULL, &st), "{\"data\":{\"users\":[{\"id\":\"1\"},{\"id\":\"2\"},"
	    "{\"id\":\"3\"}],\"usersIter\":[{\"name\":\"Ann\"},null,"
	    "{\"name\":\"Cy\"},{\"name\":\"Ann\"}],\"matrix\":[[1,null],null,"
	    "[3,4]]}}");
	ck_assert_int_eq(st, GQL_EXEC_OK);
}
END_TEST

START_TEST(abstract_types_resolve)
{
	enum gql_exec_status	st;

	ck_assert_str_eq(run("{ search { __typename ... on Post { title } "
	    "... on User { name } } n: node(id: \"1\") { ... on User "
	    "{ name } } }", NULL, &st), "{\"data\":{\"search\":[{\"__typename\":"
	    "\"Post\",\"title\":\"Hello\"},{\"__typename\":\"User\",\"name\":"
	    "\"Bob\"},null],\"n\":{\"name\":\"Ann\"}},\"errors\":[{\"message\":"
	    "\"Abstract type \\\"SearchResult\\\" must resolve to an Object "
	    "type at runtime for field \\\"Query.search\\\". Either the "
	    "\\\"SearchResult\\\" type should provide a \\\"resolveType\\\" "
	    "function or each possible type should provide an \\\"isTypeOf\\\" "
	    "function.\",\"locations\":[{\"line\":1,\"column\":3}],\"path\":"
	    "[\"search\",2]}]}");
	ck_assert_int_eq(st, GQL_EXEC_FIELD_ERRORS);
	ck_assert_str_eq(run("{ node(id: \"bad\") { id } }", NULL, &st),
	    "{\"data\":{\"node\":null},\"errors\":[{\"message\":\"Runtime "
	    "Object type \\\"Tick\\\" is not a possible type for \\\"Node\\\".\","
	    "\"locations\":[{\"line\":1,\"column\":3}],\"path\":[\"node\"]}]}");
}
END_TEST

START_TEST(null_propagates_to_the_nearest_nullable_parent)
{
	enum gql_exec_status	st;

	ck_assert_str_eq(run("{ hello nn { b c { b c { a } } } x: nn { b } }",
	    NULL, &st), "{\"data\":{\"hello\":\"world\",\"nn\":null,\"x\":"
	    "{\"b\":\"world\"}},\"errors\":[{\"message\":\"Cannot return null "
	    "for non-nullable field NN.a.\",\"locations\":[{\"line\":1,"
	    "\"column\":26}],\"path\":[\"nn\",\"c\",\"c\",\"a\"]}]}");
	ck_assert_int_eq(st, GQL_EXEC_FIELD_ERRORS);
}
END_TEST

START_TEST(errors_carry_locations_path_and_code)
{
	enum gql_exec_status	st;

	ck_assert_str_eq(run("{ fail failCode\n  failCode }", NULL, &st),
	    "{\"data\":{\"fail\":null,\"failCode\":null},\"errors\":[{"
	    "\"message\":\"It failed.\",\"locations\":[{\"line\":1,\"column\":"
	    "3}],\"path\":[\"fail\"]},{\"message\":\"Not for you.\","
	    "\"locations\":[{\"line\":1,\"column\":8},{\"line\":2,\"column\":"
	    "3}],\"path\":[\"failCode\"],\"extensions\":{\"code\":"
	    "\"FORBIDDEN\"}}]}");
	ck_assert_str_eq(run("{ failures }", NULL, &st), "{\"data\":{"
	    "\"failures\":[null,null,null,null,null,null,null,null,null,null]},"
	    "\"errors\":[{\"message\":\"item 0\",\"locations\":[{\"line\":1,"
	    "\"column\":3}],\"path\":[\"failures\",0]},{\"message\":\"item 1\","
	    "\"locations\":[{\"line\":1,\"column\":3}],\"path\":[\"failures\","
	    "1]},{\"message\":\"item 2\",\"locations\":[{\"line\":1,\"column\":"
	    "3}],\"path\":[\"failures\",2]},{\"message\":\"item 3\","
	    "\"locations\":[{\"line\":1,\"column\":3}],\"path\":[\"failures\","
	    "3]},{\"message\":\"item 4\",\"locations\":[{\"line\":1,\"column\":"
	    "3}],\"path\":[\"failures\",4]},{\"message\":\"item 5\","
	    "\"locations\":[{\"line\":1,\"column\":3}],\"path\":[\"failures\","
	    "5]},{\"message\":\"item 6\",\"locations\":[{\"line\":1,\"column\":"
	    "3}],\"path\":[\"failures\",6]},{\"message\":\"item 7\","
	    "\"locations\":[{\"line\":1,\"column\":3}],\"path\":[\"failures\","
	    "7]},{\"message\":\"item 8\",\"locations\":[{\"line\":1,\"column\":"
	    "3}],\"path\":[\"failures\",8]},{\"message\":\"item 9\","
	    "\"locations\":[{\"line\":1,\"column\":3}],\"path\":[\"failures\","
	    "9]}]}");
}
END_TEST

START_TEST(error_limit_leaves_out_the_rest)
{
	struct gql_exec_options	opts = { .max_errors = 3 };
	enum gql_exec_status	st;
	const char		*r;

	r = run_opts("{ failures }", NULL, NULL, &opts, &st);
	ck_assert_ptr_nonnull(strstr(r, "\"item 2\""));
	ck_assert_ptr_null(strstr(r, "\"item 3\""));
	ck_assert_ptr_nonnull(strstr(r, "{\"message\":\"7 more errors were "
	    "left out.\"}]}"));
}
END_TEST

START_TEST(output_limit_gives_a_request_error)
{
	struct gql_exec_options	opts = { .max_output = 100 };
	enum gql_exec_status	st;

	ck_assert_str_eq(run_opts("{ users { id name friends { id name "
	    "friends { id name } } } }", NULL, NULL, &opts, &st),
	    "{\"errors\":[{\"message\":\"The response is too large.\","
	    "\"extensions\":{\"code\":\"PAYLOAD_TOO_LARGE\"}}]}");
	ck_assert_int_eq(st, GQL_EXEC_REQUEST_ERROR);
}
END_TEST

START_TEST(would_block_abandons_a_query_without_output)
{
	struct gql_ast_document	*doc;
	struct gql_request	 req;
	struct gql_error	 err;
	struct buf		 out = BUF_INIT;
	const char		*q = "{ hello users { name } wait }";

	doc = gql_parse_document(q, strlen(q), NULL, &err);
	memset(&req, 0, sizeof(req));
	req.schema = schema;
	req.doc = doc;
	buf_adds(&out, "kept");
	ck_assert_int_eq(gql_execute(&req, &out), GQL_EXEC_WOULD_BLOCK);
	ck_assert_str_eq(buf_cstr(&out), "kept");
	buf_free(&out);
	gql_ast_document_free(doc);
}
END_TEST

START_TEST(would_block_is_an_error_in_mutations)
{
	enum gql_exec_status	st;

	ck_assert_str_eq(run("mutation { a: inc wait b: inc }", NULL, &st),
	    "{\"data\":{\"a\":1,\"wait\":null,\"b\":2},\"errors\":[{"
	    "\"message\":\"This field cannot wait here.\",\"locations\":[{"
	    "\"line\":1,\"column\":19}],\"path\":[\"wait\"],\"extensions\":{"
	    "\"code\":\"BAD_REQUEST\"}}]}");
}
END_TEST

START_TEST(mutations_run_serially)
{
	enum gql_exec_status	st;

	ck_assert_str_eq(run("mutation { a: inc b: inc c: inc }", NULL, &st),
	    "{\"data\":{\"a\":1,\"b\":2,\"c\":3}}");
}
END_TEST

START_TEST(request_errors_have_no_data)
{
	enum gql_exec_status	st;

	ck_assert_str_eq(run_opts("query A { hello } query B { hello }", NULL,
	    "C", NULL, &st), "{\"errors\":[{\"message\":\"Unknown operation "
	    "named \\\"C\\\".\",\"extensions\":{\"code\":\"BAD_REQUEST\"}}]}");
	ck_assert_int_eq(st, GQL_EXEC_REQUEST_ERROR);
	ck_assert_str_eq(run("query A { hello } query B { hello }", NULL, &st),
	    "{\"errors\":[{\"message\":\"Must provide operation name if query "
	    "contains multiple operations.\",\"extensions\":{\"code\":"
	    "\"BAD_REQUEST\"}}]}");
	ck_assert_str_eq(run_opts("query A { a: hello } query B { b: hello }",
	    NULL, "B", NULL, &st), "{\"data\":{\"b\":\"world\"}}");
	ck_assert_str_eq(run("query ($a: Int!) { echo(a: $a) }", "{\"a\": 1.5}",
	    &st), "{\"errors\":[{\"message\":\"Variable \\\"$a\\\" got invalid "
	    "value 1.5; Int cannot represent non-integer value: 1.5\","
	    "\"locations\":[{\"line\":1,\"column\":8}],\"extensions\":{"
	    "\"code\":\"BAD_USER_INPUT\"}}]}");
	ck_assert_int_eq(st, GQL_EXEC_REQUEST_ERROR);
	run("{ hello }", "{\"a\": ", &st);
	ck_assert_int_eq(st, GQL_EXEC_REQUEST_ERROR);
	ck_assert_str_eq(run("{ hello }", "[1]", &st), "{\"errors\":[{"
	    "\"message\":\"Variables must be provided as an Object where each "
	    "property is a variable value.\",\"extensions\":{\"code\":"
	    "\"BAD_USER_INPUT\"}}]}");
	ck_assert_str_eq(run("{ hello }", "null", &st),
	    "{\"data\":{\"hello\":\"world\"}}");
	ck_assert_str_eq(run("subscription { ticks { n } } "
	    "query { hello }", NULL, &st), "{\"errors\":[{\"message\":\"Must "
	    "provide operation name if query contains multiple operations.\","
	    "\"extensions\":{\"code\":\"BAD_REQUEST\"}}]}");
}
END_TEST

/*
 * Request and field errors keep their whole messages and every location
 * (the 8-location and 512-byte caps of struct gql_error broke this).
 */
START_TEST(errors_keep_long_messages_and_every_location)
{
	enum gql_exec_status	 st;
	struct buf		 q = BUF_INIT, want = BUF_INIT;
	char			 name[601];
	int			 i;

	memset(name, 'o', 600);
	name[600] = '\0';
	buf_addf(&want, "{\"errors\":[{\"message\":\"Unknown operation "
	    "named \\\"%s\\\".\",\"extensions\":{\"code\":\"BAD_REQUEST\"}}]}",
	    name);
	ck_assert_str_eq(run_opts("query A { hello }", NULL, name, NULL, &st),
	    buf_cstr(&want));
	ck_assert_int_eq(st, GQL_EXEC_REQUEST_ERROR);
	/* An argument error at execution (kept for the plan's field). */
	buf_reset(&want);
	buf_addf(&q, "query ($%s: ID) { user(id: $%s) { name } }", name, name);
	buf_addf(&want, "{\"data\":{\"user\":null},\"errors\":[{\"message\":"
	    "\"Argument \\\"id\\\" of required type \\\"ID!\\\" was provided "
	    "the variable \\\"$%s\\\" which was not provided a runtime "
	    "value.\","
	    "\"locations\":[{\"line\":1,\"column\":%d}],\"path\":[\"user\"]}]}",
	    name, 626);
	ck_assert_str_eq(run(buf_cstr(&q), NULL, &st), buf_cstr(&want));
	/* One field selected twelve times: one error, twelve locations. */
	buf_reset(&q);
	buf_reset(&want);
	buf_adds(&q, "{");
	buf_adds(&want, "{\"data\":{\"fail\":null},\"errors\":[{\"message\":"
	    "\"It failed.\",\"locations\":[");
	for (i = 0; i < 12; i++) {
		buf_adds(&q, " fail");
		buf_addf(&want, "%s{\"line\":1,\"column\":%d}", i ? "," : "",
		    3 + 5 * i);
	}
	buf_adds(&q, " }");
	buf_adds(&want, "],\"path\":[\"fail\"]}]}");
	ck_assert_str_eq(run(buf_cstr(&q), NULL, &st), buf_cstr(&want));
	buf_free(&q);
	buf_free(&want);
}
END_TEST

START_TEST(arguments_reach_resolvers_coerced)
{
	enum gql_exec_status	st;

	ck_assert_str_eq(run("query ($l: [Int]) { a: echo b: echo(a: null, "
	    "l: 5) c: echo(s: \"x\", l: $l) d: echo(a: 1, l: [1, 2]) color }",
	    "{\"l\": [1, 2, 3]}", &st), "{\"data\":{\"a\":\"a=absent;s=d;"
	    "l=99\",\"b\":\"a=null;s=d;l=1\",\"c\":\"a=absent;s=x;l=3\","
	    "\"d\":\"a=int;s=d;l=2\",\"color\":\"GREEN\"}}");
	ck_assert_str_eq(run("{ echo(a: \"x\") }", NULL, &st),
	    "{\"data\":{\"echo\":null},\"errors\":[{\"message\":\"Argument "
	    "\\\"a\\\" has invalid value \\\"x\\\".\",\"locations\":[{\"line\":"
	    "1,\"column\":11}],\"path\":[\"echo\"]}]}");
}
END_TEST

/*
 * A prepared field whose arguments use variables coerces each argument
 * its own way (a variable by its index, a literal or a default once, the
 * rest as unprepared): every case answers as unprepared does (run()
 * compares), including the errors of variables a request lacks or gives
 * null, literals that never coerce, and an unvalidated document that
 * defines a variable twice.
 */
START_TEST(prepared_arguments_from_variables)
{
	static const char	*q = "query ($a: Int, $s: String = \"v\", "
	    "$l: [Int]) { x: echo(a: $a, s: $s, l: $l) y: echo(a: $a) "
	    "z: echo(a: $a, s: \"lit\", l: [1, $a]) }";
	enum gql_exec_status	 st;

	ck_assert_str_eq(run(q, "{}", &st), "{\"data\":{\"x\":\"a=absent;"
	    "s=v;l=99\",\"y\":\"a=absent;s=d;l=99\",\"z\":\"a=absent;"
	    "s=lit;l=2\"}}");
	ck_assert_str_eq(run(q, "{\"a\": null, \"s\": null, \"l\": 4}", &st),
	    "{\"data\":{\"x\":\"a=null;s=-;l=1\",\"y\":\"a=null;s=d;l=99\","
	    "\"z\":\"a=null;s=lit;l=2\"}}");
	ck_assert_str_eq(run(q, "{\"a\": 3, \"s\": \"q\", \"l\": [4, 5, 6]}",
	    &st), "{\"data\":{\"x\":\"a=int;s=q;l=3\",\"y\":\"a=int;s=d;"
	    "l=99\",\"z\":\"a=int;s=lit;l=2\"}}");
	/* A literal that never coerces fails in every request. */
	ck_assert_str_eq(run("query ($a: Int) { echo(a: $a, s: 5) }",
	    "{\"a\": 1}", &st), "{\"data\":{\"echo\":null},\"errors\":[{"
	    "\"message\":\"Argument \\\"s\\\" has invalid value 5.\","
	    "\"locations\":[{\"line\":1,\"column\":34}],\"path\":"
	    "[\"echo\"]}]}");
	/* Unvalidated: a nullable variable for a non-null argument. */
	ck_assert_str_eq(run("query ($i: ID) { user(id: $i) { name } }", "{}",
	    &st), "{\"data\":{\"user\":null},\"errors\":[{\"message\":"
	    "\"Argument \\\"id\\\" of required type \\\"ID!\\\" was "
	    "provided the variable \\\"$i\\\" which was not provided a "
	    "runtime value.\",\"locations\":[{\"line\":1,\"column\":27}],"
	    "\"path\":[\"user\"]}]}");
	ck_assert_str_eq(run("query ($i: ID) { user(id: $i) { name } }",
	    "{\"i\": null}", &st), "{\"data\":{\"user\":null},\"errors\":"
	    "[{\"message\":\"Argument \\\"id\\\" of non-null type "
	    "\\\"ID!\\\" must not be null.\",\"locations\":[{\"line\":1,"
	    "\"column\":27}],\"path\":[\"user\"]}]}");
	ck_assert_str_eq(run("query ($i: ID) { user(id: $i) { name } }",
	    "{\"i\": \"2\"}", &st),
	    "{\"data\":{\"user\":{\"name\":\"Bob\"}}}");
	/* Unvalidated: a variable defined twice keeps its last value. */
	ck_assert_str_eq(run("query ($a: Int, $a: [Int]) { echo(a: 1, l: $a) }",
	    "{\"a\": 7}", &st), "{\"data\":{\"echo\":\"a=int;s=d;l=1\"}}");
}
END_TEST

START_TEST(subscriptions_execute_per_event)
{
	struct gql_ast_document	*doc, *doc2;
	struct gql_subscription	*sub, *sub2;
	struct gql_request	 req;
	struct gql_error	 err;
	struct buf		 out = BUF_INIT;
	struct ctx		 c = { 0, 0 };
	const char		*q = "subscription S($f: Int) { t: ticks(from: "
				    "$f) { n from } }";
	void			*source;
	int			 ev = 7;

	doc = gql_parse_document(q, strlen(q), NULL, &err);
	memset(&req, 0, sizeof(req));
	req.schema = schema;
	req.doc = doc;
	req.ctx = &c;
	req.variables_json = "{\"f\": 5}";
	req.variables_len = strlen(req.variables_json);
	ck_assert_int_eq(gql_subscribe(&req, &sub, &source, &out),
	    GQL_EXEC_OK);
	ck_assert_ptr_eq(source, &c);
	ck_assert_int_eq(c.subscribed, 1);
	ck_assert_uint_eq(out.len, 0);
	ck_assert_str_eq(gql_subscription_field(sub)->name, "ticks");
	ck_assert_int_eq(gql_execute_event(sub, &ev, &c, &out), GQL_EXEC_OK);
	ck_assert_str_eq(buf_cstr(&out),
	    "{\"data\":{\"t\":{\"n\":7,\"from\":null}}}");
	buf_reset(&out);
	ev = -1;
	ck_assert_int_eq(gql_execute_event(sub, &ev, &c, &out),
	    GQL_EXEC_FIELD_ERRORS);
	ck_assert_str_eq(buf_cstr(&out), "{\"data\":null,\"errors\":[{"
	    "\"message\":\"Cannot return null for non-nullable field Tick.n.\","
	    "\"locations\":[{\"line\":1,\"column\":48}],\"path\":[\"t\","
	    "\"n\"]}]}");
	/* Same text, same variables: the same key; other variables: not. */
	doc2 = gql_parse_document(q, strlen(q), NULL, &err);
	req.doc = doc2;
	ck_assert_int_eq(gql_subscribe(&req, &sub2, &source, &out),
	    GQL_EXEC_OK);
	ck_assert(gql_subscription_hash(sub) == gql_subscription_hash(sub2));
	gql_subscription_free(sub2);
	req.variables_json = "{\"f\": 6}";
	req.variables_len = strlen(req.variables_json);
	ck_assert_int_eq(gql_subscribe(&req, &sub2, &source, &out),
	    GQL_EXEC_OK);
	ck_assert(gql_subscription_hash(sub) != gql_subscription_hash(sub2));
	gql_subscription_free(sub2);
	/* The subscribe resolver's error is a request error with a path. */
	buf_reset(&out);
	req.variables_json = "{\"f\": -1}";
	req.variables_len = strlen(req.variables_json);
	ck_assert_int_eq(gql_subscribe(&req, &sub2, &source, &out),
	    GQL_EXEC_REQUEST_ERROR);
	ck_assert_ptr_null(sub2);
	ck_assert_str_eq(buf_cstr(&out), "{\"errors\":[{\"message\":\"Negative "
	    "start.\",\"locations\":[{\"line\":1,\"column\":27}],\"path\":"
	    "[\"t\"],\"extensions\":{\"code\":\"BAD_USER_INPUT\"}}]}");
	gql_subscription_free(sub);
	gql_ast_document_free(doc);
	gql_ast_document_free(doc2);
	buf_free(&out);
}
END_TEST

START_TEST(subscribe_refuses_other_operations)
{
	struct gql_ast_document	*doc;
	struct gql_subscription	*sub;
	struct gql_request	 req;
	struct gql_error	 err;
	struct buf		 out = BUF_INIT;
	void			*source;

	doc = gql_parse_document("{ hello }", 9, NULL, &err);
	memset(&req, 0, sizeof(req));
	req.schema = schema;
	req.doc = doc;
	ck_assert_int_eq(gql_subscribe(&req, &sub, &source, &out),
	    GQL_EXEC_REQUEST_ERROR);
	ck_assert_ptr_nonnull(strstr(buf_cstr(&out), "not a subscription"));
	buf_free(&out);
	gql_ast_document_free(doc);
}
END_TEST

START_TEST(unvalidated_documents_do_not_crash)
{
	static const char *const docs[] = {
		"{ nope hello { x } users }",
		"{ ...Missing hello }",
		"{ ...A } fragment A on Query { ...B hello } fragment B on Query "
		    "{ ...A }",
		"{ user { name } }",
		"{ user(id: 1, id: \"2\") { name } }",
		"{ hello @skip }",
		"{ hello @skip(if: \"yes\") }",
		"{ ... on Nope { hello } ... on User { name } }",
		"query ($v: User) { hello }",
		"query ($v: Nope = 1) { echo(a: $v) }",
		"{ echo(a: $undefined) }",
		"{ __schema { __schema { types { name } } } __type { name } }",
		"type T { a: Int }",
		"mutation { hello }",
		"subscription { ticks { n } }",
		"{ node(id: \"1\") { ... on Post { title } } }",
	};
	enum gql_exec_status	st;
	size_t			i;
	const char		*r;

	for (i = 0; i < sizeof(docs) / sizeof(docs[0]); i++) {
		r = run(docs[i], NULL, &st);
		ck_assert_msg(r[0] == '{' && r[strlen(r) - 1] == '}', "%s",
		    docs[i]);
	}
	ck_assert_str_eq(run("{ nope hello { x } }", NULL, &st),
	    "{\"data\":{\"hello\":\"world\"}}");
	ck_assert_str_eq(run("{ ...A } fragment A on Query { ...A hello }",
	    NULL, &st), "{\"data\":{\"hello\":\"world\"}}");
	ck_assert_str_eq(run("{ hello @skip }", NULL, &st), "{\"data\":null,"
	    "\"errors\":[{\"message\":\"Argument \\\"if\\\" of required type "
	    "\\\"Boolean!\\\" was not provided.\",\"locations\":[{\"line\":1,"
	    "\"column\":9}]}]}");
	ck_assert_str_eq(run("type T { a: Int }", NULL, &st), "{\"errors\":[{"
	    "\"message\":\"Must provide an operation.\",\"extensions\":{"
	    "\"code\":\"BAD_REQUEST\"}}]}");
}
END_TEST

START_TEST(bind_refuses_unknown_coordinates)
{
	static const struct gql_field_binding	bad[] = {
		{ "Query.nope", r_hello, NULL, NULL },
	};
	static const struct gql_type_binding	badt[] = {
		{ "User", NULL, node_type },
	};
	struct gql_error	err;

	ck_assert_int_eq(gql_bind(schema, bad, 1, NULL, 0, &err), -1);
	ck_assert_str_eq(err.message,
	    "Cannot bind \"Query.nope\": no such field.");
	gql_error_free(&err);
	ck_assert_int_eq(gql_bind(schema, NULL, 0, badt, 1, &err), -1);
	gql_error_free(&err);
}
END_TEST

START_TEST(prepare_refuses_variable_directives)
{
	static const char	*yes = "query ($id: ID!) { user(id: $id) { "
				    "name @skip(if: false) } node(id: \"p1\") "
				    "{ id ... on Post { title } } }";
	static const char	*no = "query ($s: Boolean!) { hello @skip(if: "
				    "$s) }";
	struct gql_ast_document	*doc;
	struct gql_prepared	*p;
	struct gql_error	 err;

	doc = gql_parse_document(yes, strlen(yes), NULL, &err);
	ck_assert_ptr_nonnull(p = gql_prepare(schema, doc, NULL));
	gql_prepared_free(p);
	gql_ast_document_free(doc);
	doc = gql_parse_document(no, strlen(no), NULL, &err);
	ck_assert_ptr_null(gql_prepare(schema, doc, NULL));
	gql_ast_document_free(doc);
}
END_TEST

static Suite *
suite(void)
{
	Suite	*s = suite_create("gql_exec");
	TCase	*tc = tcase_create("exec");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, responses_follow_selection_order);
	tcase_add_test(tc, fragments_merge_fields_in_first_seen_order);
	tcase_add_test(tc, skip_and_include_use_variables);
	tcase_add_test(tc, lists_from_accessors_iterators_and_values);
	tcase_add_test(tc, abstract_types_resolve);
	tcase_add_test(tc, null_propagates_to_the_nearest_nullable_parent);
	tcase_add_test(tc, errors_carry_locations_path_and_code);
	tcase_add_test(tc, error_limit_leaves_out_the_rest);
	tcase_add_test(tc, output_limit_gives_a_request_error);
	tcase_add_test(tc, would_block_abandons_a_query_without_output);
	tcase_add_test(tc, would_block_is_an_error_in_mutations);
	tcase_add_test(tc, mutations_run_serially);
	tcase_add_test(tc, request_errors_have_no_data);
	tcase_add_test(tc, errors_keep_long_messages_and_every_location);
	tcase_add_test(tc, arguments_reach_resolvers_coerced);
	tcase_add_test(tc, subscriptions_execute_per_event);
	tcase_add_test(tc, subscribe_refuses_other_operations);
	tcase_add_test(tc, unvalidated_documents_do_not_crash);
	tcase_add_test(tc, bind_refuses_unknown_coordinates);
	tcase_add_test(tc, prepare_refuses_variable_directives);
	tcase_add_test(tc, prepared_arguments_from_variables);
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
