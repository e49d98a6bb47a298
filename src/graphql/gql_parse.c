/*
 * gql_parse.c: the recursive-descent GraphQL parser. Each function mirrors
 * one graphql-js 16 parser method and consumes tokens at the same points,
 * so that a broken document fails at the same token with the same message
 * ("Expected Name, found "}".", "Unexpected <EOF>." ...) and lexer errors
 * win or lose against parser errors exactly as they do there: the lexer
 * reads a token only when the previous one is consumed (or when the
 * grammar needs one token of lookahead, after a description and after
 * "extend").
 *
 * Nesting (selection sets, list and object values, list types) is counted
 * before recursing and refused beyond the limit, so depth costs bounded
 * stack. Every name is copied into the document's arena; strings arrive
 * decoded from the lexer, also in the arena.
 */
#include "config.h"

#include <string.h>

#include "common/buf.h"
#include "graphql/gql_arena.h"
#include "graphql/gql_lex.h"
#include "graphql/gql_parse.h"

struct parser {
	struct gql_lexer	 lx;
	struct gql_arena	*arena;
	struct gql_error	*err;
	uint32_t		 depth;
	uint32_t		 max_depth;
	uint32_t		 deepest;
};

/* Appends to a singly linked list through a tail pointer-to-pointer. */
#define LIST_APPEND(tailp, node) do {		\
	*(tailp) = (node);			\
	(tailp) = &(node)->next;		\
} while (0)

static struct gql_ast_document *parse_begin(struct parser *, const char *,
		    size_t, const struct gql_limits *, struct gql_error *);
static int	 p_advance(struct parser *);
static int	 p_peek(struct parser *, enum gql_tok);
static int	 p_optional(struct parser *, enum gql_tok);
static int	 p_expect(struct parser *, enum gql_tok);
static int	 p_fail_expected(struct parser *, const char *, int)
		    __attribute__((noinline, cold));
static int	 p_is_keyword(const struct gql_token *, const char *);
static int	 p_optional_keyword(struct parser *, const char *);
static int	 p_expect_keyword(struct parser *, const char *);
static int	 p_value_is(const struct gql_token *, const char *);
static int	 p_unexpected(struct parser *, const struct gql_token *)
		    __attribute__((noinline, cold));
static int	 p_enter(struct parser *);
static int	 p_fail_depth(struct parser *) __attribute__((noinline, cold));
static void	*p_new(struct parser *, size_t);
static int	 p_name(struct parser *, struct gql_name *);
static int	 p_definition(struct parser *, struct gql_ast_def **);
static struct gql_ast_def *p_def_new(struct parser *, enum gql_def_kind);
static struct gql_ast_def *p_operation(struct parser *);
static int	 p_operation_type(struct parser *, enum gql_op_type *);
static int	 p_var_defs(struct parser *, struct gql_ast_var_def **,
		    uint32_t *);
static struct gql_ast_var_def *p_var_def(struct parser *);
static struct gql_ast_selset *p_selset(struct parser *);
static struct gql_ast_selection *p_field(struct parser *);
static struct gql_ast_selection *p_fragment_spread(struct parser *);
static int	 p_arguments(struct parser *, int, struct gql_ast_argument **,
		    uint32_t *);
static struct gql_ast_def *p_fragment_def(struct parser *);
static int	 p_fragment_name(struct parser *, struct gql_name *);
static struct gql_ast_value *p_value(struct parser *, int);
static struct gql_ast_value *p_value_new(struct parser *, enum gql_value_kind,
		    const struct gql_token *);
static struct gql_ast_value *p_value_const_var(struct parser *,
		    const struct gql_token *) __attribute__((noinline, cold));
static struct gql_ast_value *p_list(struct parser *, int);
static struct gql_ast_value *p_object(struct parser *, int);
static struct gql_ast_value *p_string(struct parser *);
static int	 p_description(struct parser *, struct gql_ast_value **);
static int	 p_directives(struct parser *, int,
		    struct gql_ast_directive **);
static struct gql_ast_type *p_type_ref(struct parser *);
static struct gql_ast_type *p_named_type(struct parser *);

/* Type-system parsing lives in the second half of this file. */
static struct gql_ast_def *p_type_system(struct parser *,
		    const struct gql_token *, int);
static struct gql_ast_def *p_schema_def(struct parser *, int);
static int	 p_root_ops(struct parser *, int, struct gql_ast_root_op **);
static struct gql_ast_def *p_type_def(struct parser *, enum gql_def_kind,
		    const char *, int);
static int	 p_implements(struct parser *, struct gql_ast_type **);
static int	 p_delimited_types(struct parser *, enum gql_tok,
		    struct gql_ast_type **);
static int	 p_field_defs(struct parser *, struct gql_ast_type_def *);
static struct gql_ast_field_def *p_field_def(struct parser *);
static int	 p_input_value_defs(struct parser *, enum gql_tok, enum gql_tok,
		    struct gql_ast_input_value_def **, uint32_t *);
static struct gql_ast_input_value_def *p_input_value_def(struct parser *);
static int	 p_enum_values(struct parser *, struct gql_ast_enum_value_def **);
static struct gql_ast_enum_value_def *p_enum_value_def(struct parser *);
static struct gql_ast_def *p_extension(struct parser *);
static int	 p_extension_is_empty(const struct gql_ast_def *);
static struct gql_ast_def *p_directive_def(struct parser *);
static int	 p_directive_locations(struct parser *,
		    struct gql_ast_directive_def *);

static const struct {
	const char		*keyword;
	enum gql_def_kind	 kind;
} parse_type_keywords[] = {
	{ "scalar", GQL_DEF_SCALAR },
	{ "type", GQL_DEF_OBJECT },
	{ "interface", GQL_DEF_INTERFACE },
	{ "union", GQL_DEF_UNION },
	{ "enum", GQL_DEF_ENUM },
	{ "input", GQL_DEF_INPUT_OBJECT },
};

static struct gql_ast_document *
parse_begin(struct parser *ps, const char *src, size_t len,
    const struct gql_limits *limits, struct gql_error *err)
{
	struct gql_ast_document	*doc;
	struct gql_arena	*arena;

	gql_error_clear(err);
	memset(ps, 0, sizeof(*ps));
	arena = gql_arena_new(len < 256 ? 1024 : len * 2);
	doc = gql_arena_calloc(arena, 1, sizeof(*doc));
	doc->arena = arena;
	ps->arena = arena;
	ps->err = err;
	gql_lex_init(&ps->lx, src, len, arena, err);
	ps->max_depth = GQL_DEPTH_HARD_MAX;
	if (limits != NULL) {
		if (limits->max_depth != 0 &&
		    limits->max_depth < GQL_DEPTH_HARD_MAX)
			ps->max_depth = limits->max_depth;
		ps->lx.max_tokens = limits->max_tokens;
		if (limits->max_bytes != 0 && len > limits->max_bytes) {
			gql_error_set(err, GQL_ERR_LIMIT,
			    gql_lex_loc(&ps->lx, src + limits->max_bytes),
			    "Syntax Error: Document contains more than %zu "
			    "bytes. Parsing aborted.", limits->max_bytes);
			gql_arena_free(arena);
			return NULL;
		}
	}
	return doc;
}

/* Parse a document: operations, fragments and type-system definitions. */
struct gql_ast_document *
gql_parse_document(const char *src, size_t len,
    const struct gql_limits *limits, struct gql_error *err)
{
	struct parser		 ps;
	struct gql_ast_document	*doc;
	struct gql_ast_def	*def, **tail;
	int			 eof;

	if ((doc = parse_begin(&ps, src, len, limits, err)) == NULL)
		return NULL;
	tail = &doc->defs;
	if (p_expect(&ps, GQL_TOK_SOF) == -1)
		goto fail;
	do {
		if (p_definition(&ps, &def) == -1)
			goto fail;
		LIST_APPEND(tail, def);
		doc->ndefs++;
		if (def->kind == GQL_DEF_OPERATION)
			doc->noperations++;
		else if (def->kind == GQL_DEF_FRAGMENT)
			doc->nfragments++;
		else
			doc->ntypesystem++;
	} while ((eof = p_optional(&ps, GQL_TOK_EOF)) == 0);
	if (eof == -1)
		goto fail;
	doc->ntokens = ps.lx.ntokens;
	doc->max_depth = ps.deepest;
	return doc;
fail:
	gql_ast_document_free(doc);
	return NULL;
}

/* Parse a lone value literal (variables allowed), as parseValue(). */
struct gql_ast_document *
gql_parse_value(const char *src, size_t len, const struct gql_limits *limits,
    struct gql_ast_value **out, struct gql_error *err)
{
	struct parser		 ps;
	struct gql_ast_document	*doc;

	if ((doc = parse_begin(&ps, src, len, limits, err)) == NULL)
		return NULL;
	if (p_expect(&ps, GQL_TOK_SOF) == -1 ||
	    (*out = p_value(&ps, 0)) == NULL ||
	    p_expect(&ps, GQL_TOK_EOF) == -1) {
		gql_ast_document_free(doc);
		return NULL;
	}
	doc->ntokens = ps.lx.ntokens;
	return doc;
}

/* Parse a lone type reference, as parseType(). */
struct gql_ast_document *
gql_parse_type(const char *src, size_t len, const struct gql_limits *limits,
    struct gql_ast_type **out, struct gql_error *err)
{
	struct parser		 ps;
	struct gql_ast_document	*doc;

	if ((doc = parse_begin(&ps, src, len, limits, err)) == NULL)
		return NULL;
	if (p_expect(&ps, GQL_TOK_SOF) == -1 ||
	    (*out = p_type_ref(&ps)) == NULL ||
	    p_expect(&ps, GQL_TOK_EOF) == -1) {
		gql_ast_document_free(doc);
		return NULL;
	}
	doc->ntokens = ps.lx.ntokens;
	return doc;
}

/* Token helpers, as graphql-js's expectToken() and friends. */

static int
p_advance(struct parser *ps)
{
	return gql_lex_next(&ps->lx);
}

static int
p_peek(struct parser *ps, enum gql_tok kind)
{
	return ps->lx.tok.kind == kind;
}

/* 1 and advance if the current token is `kind`, 0 if not, -1 on error. */
static int
p_optional(struct parser *ps, enum gql_tok kind)
{
	if (ps->lx.tok.kind != kind)
		return 0;
	return p_advance(ps) == -1 ? -1 : 1;
}

static int
p_expect(struct parser *ps, enum gql_tok kind)
{
	if (ps->lx.tok.kind == kind)
		return p_advance(ps);
	return p_fail_expected(ps, gql_lex_tok_kind_name(kind), 0);
}

/*
 * "Expected <what>, found <token>." at the current token. Kept out of
 * line, so the recursive functions that call it keep small stack frames.
 */
static int
p_fail_expected(struct parser *ps, const char *what, int quote)
{
	struct buf	b = BUF_INIT;

	buf_addf(&b, "Syntax Error: Expected %s%s%s, found ", quote ? "\"" : "",
	    what, quote ? "\"" : "");
	gql_lex_describe(&ps->lx.tok, &b);
	buf_addc(&b, '.');
	gql_error_set_buf(ps->err, GQL_ERR_SYNTAX, ps->lx.tok.loc, &b);
	return -1;
}

static int
p_is_keyword(const struct gql_token *t, const char *kw)
{
	size_t	len = strlen(kw);

	return t->kind == GQL_TOK_NAME && t->len == len &&
	    memcmp(t->start, kw, len) == 0;
}

static int
p_optional_keyword(struct parser *ps, const char *kw)
{
	if (!p_is_keyword(&ps->lx.tok, kw))
		return 0;
	return p_advance(ps) == -1 ? -1 : 1;
}

static int
p_expect_keyword(struct parser *ps, const char *kw)
{
	if (p_is_keyword(&ps->lx.tok, kw))
		return p_advance(ps);
	return p_fail_expected(ps, kw, 1);
}

/* Whether a token's value (graphql-js token.value) equals `s`. */
static int
p_value_is(const struct gql_token *t, const char *s)
{
	size_t	len = strlen(s);

	switch (t->kind) {
	case GQL_TOK_NAME:
	case GQL_TOK_INT:
	case GQL_TOK_FLOAT:
		return t->len == len && memcmp(t->start, s, len) == 0;
	case GQL_TOK_STRING:
	case GQL_TOK_BLOCK_STRING:
		return t->value_len == len && memcmp(t->value, s, len) == 0;
	default:
		return 0;
	}
}

/* Fail with "Unexpected <token>." at `t` (NULL: the current token). */
static int
p_unexpected(struct parser *ps, const struct gql_token *t)
{
	struct buf	b = BUF_INIT;

	if (t == NULL)
		t = &ps->lx.tok;
	buf_adds(&b, "Syntax Error: Unexpected ");
	gql_lex_describe(t, &b);
	buf_addc(&b, '.');
	gql_error_set_buf(ps->err, GQL_ERR_SYNTAX, t->loc, &b);
	return -1;
}

/* Count one level of nesting at the current token; callers leave with
 * ps->depth--. Refused before any recursion happens. */
static int
p_enter(struct parser *ps)
{
	if (ps->depth >= ps->max_depth)
		return p_fail_depth(ps);
	if (++ps->depth > ps->deepest)
		ps->deepest = ps->depth;
	return 0;
}

static int
p_fail_depth(struct parser *ps)
{
	gql_error_set(ps->err, GQL_ERR_LIMIT, ps->lx.tok.loc,
	    "Syntax Error: Document is nested deeper than %u levels. "
	    "Parsing aborted.", ps->max_depth);
	return -1;
}

static void *
p_new(struct parser *ps, size_t size)
{
	return gql_arena_calloc(ps->arena, 1, size);
}

/* Name: expect a Name token and copy it into the arena. */
static int
p_name(struct parser *ps, struct gql_name *n)
{
	const struct gql_token	*t = &ps->lx.tok;

	if (t->kind != GQL_TOK_NAME)
		return p_expect(ps, GQL_TOK_NAME);
	n->s = gql_arena_strndup(ps->arena, t->start, t->len);
	n->len = t->len;
	n->loc = t->loc;
	return p_advance(ps);
}

/* Definition: dispatch on the keyword, after a description if any. */
static int
p_definition(struct parser *ps, struct gql_ast_def **out)
{
	const struct gql_token	*kw = &ps->lx.tok;
	int			 has_desc;

	*out = NULL;
	if (p_peek(ps, GQL_TOK_BRACE_L)) {
		*out = p_operation(ps);
		return *out == NULL ? -1 : 0;
	}
	has_desc = p_peek(ps, GQL_TOK_STRING) ||
	    p_peek(ps, GQL_TOK_BLOCK_STRING);
	if (has_desc && gql_lex_peek(&ps->lx, &kw) == -1)
		return -1;
	if (has_desc && kw->kind == GQL_TOK_BRACE_L) {
		gql_error_set(ps->err, GQL_ERR_SYNTAX, ps->lx.tok.loc,
		    "Syntax Error: Unexpected description, descriptions are "
		    "not supported on shorthand queries.");
		return -1;
	}
	if (kw->kind == GQL_TOK_NAME) {
		if ((*out = p_type_system(ps, kw, 0)) != NULL)
			return 0;
		if (ps->err->message[0] != '\0')
			return -1;
		if (p_is_keyword(kw, "query") || p_is_keyword(kw, "mutation") ||
		    p_is_keyword(kw, "subscription"))
			*out = p_operation(ps);
		else if (p_is_keyword(kw, "fragment"))
			*out = p_fragment_def(ps);
		else if (has_desc) {
			gql_error_set(ps->err, GQL_ERR_SYNTAX, ps->lx.tok.loc,
			    "Syntax Error: Unexpected description, only "
			    "GraphQL definitions support descriptions.");
			return -1;
		} else if (p_is_keyword(kw, "extend"))
			*out = p_extension(ps);
		else
			return p_unexpected(ps, kw);
		return *out == NULL ? -1 : 0;
	}
	return p_unexpected(ps, kw);
}

static struct gql_ast_def *
p_def_new(struct parser *ps, enum gql_def_kind kind)
{
	struct gql_ast_def	*def;

	def = p_new(ps, sizeof(*def));
	def->kind = kind;
	def->loc = ps->lx.tok.loc;
	return def;
}

/* OperationDefinition: "{ ... }" or [description] type [name] ... */
static struct gql_ast_def *
p_operation(struct parser *ps)
{
	struct gql_ast_def		*def = p_def_new(ps, GQL_DEF_OPERATION);
	struct gql_ast_operation	*op = &def->u.op;

	if (p_peek(ps, GQL_TOK_BRACE_L)) {
		op->op = GQL_OP_QUERY;
		op->shorthand = 1;
		if ((op->selset = p_selset(ps)) == NULL)
			return NULL;
		return def;
	}
	if (p_description(ps, &op->description) == -1 ||
	    p_operation_type(ps, &op->op) == -1)
		return NULL;
	if (p_peek(ps, GQL_TOK_NAME) && p_name(ps, &op->name) == -1)
		return NULL;
	if (p_var_defs(ps, &op->vars, &op->nvars) == -1 ||
	    p_directives(ps, 0, &op->directives) == -1 ||
	    (op->selset = p_selset(ps)) == NULL)
		return NULL;
	return def;
}

/* OperationType: query, mutation or subscription (consumed first). */
static int
p_operation_type(struct parser *ps, enum gql_op_type *op)
{
	struct gql_token	t = ps->lx.tok;

	if (p_expect(ps, GQL_TOK_NAME) == -1)
		return -1;
	if (p_is_keyword(&t, "query"))
		*op = GQL_OP_QUERY;
	else if (p_is_keyword(&t, "mutation"))
		*op = GQL_OP_MUTATION;
	else if (p_is_keyword(&t, "subscription"))
		*op = GQL_OP_SUBSCRIPTION;
	else
		return p_unexpected(ps, &t);
	return 0;
}

/* VariableDefinitions: optional "(" VariableDefinition+ ")". */
static int
p_var_defs(struct parser *ps, struct gql_ast_var_def **out, uint32_t *n)
{
	struct gql_ast_var_def	*v, **tail = out;
	int			 r;

	if ((r = p_optional(ps, GQL_TOK_PAREN_L)) != 1)
		return r;
	do {
		if ((v = p_var_def(ps)) == NULL)
			return -1;
		LIST_APPEND(tail, v);
		(*n)++;
	} while ((r = p_optional(ps, GQL_TOK_PAREN_R)) == 0);
	return r == -1 ? -1 : 0;
}

/* VariableDefinition: [description] $name: Type [= const] directives. */
static struct gql_ast_var_def *
p_var_def(struct parser *ps)
{
	struct gql_ast_var_def	*v = p_new(ps, sizeof(*v));
	int			 r;

	v->loc = ps->lx.tok.loc;
	if (p_description(ps, &v->description) == -1 ||
	    p_expect(ps, GQL_TOK_DOLLAR) == -1 ||
	    p_name(ps, &v->name) == -1 ||
	    p_expect(ps, GQL_TOK_COLON) == -1 ||
	    (v->type = p_type_ref(ps)) == NULL ||
	    (r = p_optional(ps, GQL_TOK_EQUALS)) == -1)
		return NULL;
	if (r == 1 && (v->default_value = p_value(ps, 1)) == NULL)
		return NULL;
	if (p_directives(ps, 1, &v->directives) == -1)
		return NULL;
	return v;
}

/* SelectionSet: "{" Selection+ "}". */
static struct gql_ast_selset *
p_selset(struct parser *ps)
{
	struct gql_ast_selset		*ss;
	struct gql_ast_selection	*sel, **tail;
	int				 r;

	if (p_enter(ps) == -1)
		return NULL;
	ss = p_new(ps, sizeof(*ss));
	ss->loc = ps->lx.tok.loc;
	tail = &ss->first;
	if (p_expect(ps, GQL_TOK_BRACE_L) == -1)
		return NULL;
	do {
		if (p_peek(ps, GQL_TOK_SPREAD))
			sel = p_fragment_spread(ps);
		else
			sel = p_field(ps);
		if (sel == NULL)
			return NULL;
		LIST_APPEND(tail, sel);
		ss->count++;
	} while ((r = p_optional(ps, GQL_TOK_BRACE_R)) == 0);
	ps->depth--;
	return r == -1 ? NULL : ss;
}

/* Field: [alias:] name [arguments] directives [selection set]. */
static struct gql_ast_selection *
p_field(struct parser *ps)
{
	struct gql_ast_selection	*f = p_new(ps, sizeof(*f));
	int				 r;

	f->kind = GQL_SEL_FIELD;
	f->loc = ps->lx.tok.loc;
	if (p_name(ps, &f->name) == -1 ||
	    (r = p_optional(ps, GQL_TOK_COLON)) == -1)
		return NULL;
	if (r == 1) {
		f->alias = f->name;
		if (p_name(ps, &f->name) == -1)
			return NULL;
	}
	if (p_arguments(ps, 0, &f->args, &f->nargs) == -1 ||
	    p_directives(ps, 0, &f->directives) == -1)
		return NULL;
	if (p_peek(ps, GQL_TOK_BRACE_L) && (f->selset = p_selset(ps)) == NULL)
		return NULL;
	return f;
}

/* FragmentSpread ("..." name) or InlineFragment ("..." [on Type] {}). */
static struct gql_ast_selection *
p_fragment_spread(struct parser *ps)
{
	struct gql_ast_selection	*s = p_new(ps, sizeof(*s));
	int				 on;

	s->loc = ps->lx.tok.loc;
	if (p_expect(ps, GQL_TOK_SPREAD) == -1 ||
	    (on = p_optional_keyword(ps, "on")) == -1)
		return NULL;
	if (!on && p_peek(ps, GQL_TOK_NAME)) {
		s->kind = GQL_SEL_FRAGMENT_SPREAD;
		if (p_fragment_name(ps, &s->name) == -1 ||
		    p_directives(ps, 0, &s->directives) == -1)
			return NULL;
		return s;
	}
	s->kind = GQL_SEL_INLINE_FRAGMENT;
	if (on && (s->type_cond = p_named_type(ps)) == NULL)
		return NULL;
	if (p_directives(ps, 0, &s->directives) == -1 ||
	    (s->selset = p_selset(ps)) == NULL)
		return NULL;
	return s;
}

/* Arguments: optional "(" (name: value)+ ")". */
static int
p_arguments(struct parser *ps, int is_const, struct gql_ast_argument **out,
    uint32_t *n)
{
	struct gql_ast_argument	*a, **tail = out;
	int			 r;

	if ((r = p_optional(ps, GQL_TOK_PAREN_L)) != 1)
		return r;
	do {
		a = p_new(ps, sizeof(*a));
		a->loc = ps->lx.tok.loc;
		if (p_name(ps, &a->name) == -1 ||
		    p_expect(ps, GQL_TOK_COLON) == -1 ||
		    (a->value = p_value(ps, is_const)) == NULL)
			return -1;
		LIST_APPEND(tail, a);
		(*n)++;
	} while ((r = p_optional(ps, GQL_TOK_PAREN_R)) == 0);
	return r == -1 ? -1 : 0;
}

/* FragmentDefinition: [description] fragment Name on Type ... */
static struct gql_ast_def *
p_fragment_def(struct parser *ps)
{
	struct gql_ast_def	*def = p_def_new(ps, GQL_DEF_FRAGMENT);
	struct gql_ast_fragment	*fr = &def->u.fragment;

	if (p_description(ps, &fr->description) == -1 ||
	    p_expect_keyword(ps, "fragment") == -1 ||
	    p_fragment_name(ps, &fr->name) == -1 ||
	    p_expect_keyword(ps, "on") == -1 ||
	    (fr->type_cond = p_named_type(ps)) == NULL ||
	    p_directives(ps, 0, &fr->directives) == -1 ||
	    (fr->selset = p_selset(ps)) == NULL)
		return NULL;
	return def;
}

/* FragmentName: a Name but "on". */
static int
p_fragment_name(struct parser *ps, struct gql_name *n)
{
	if (p_value_is(&ps->lx.tok, "on"))
		return p_unexpected(ps, NULL);
	return p_name(ps, n);
}

static struct gql_ast_value *
p_value_new(struct parser *ps, enum gql_value_kind kind,
    const struct gql_token *t)
{
	struct gql_ast_value	*v = p_new(ps, sizeof(*v));

	v->kind = kind;
	v->loc = t->loc;
	return v;
}

/* Value[Const]: one literal, or a variable where not constant. */
static struct gql_ast_value *
p_value(struct parser *ps, int is_const)
{
	struct gql_token	 t = ps->lx.tok;
	struct gql_ast_value	*v;

	switch (t.kind) {
	case GQL_TOK_BRACKET_L:
		return p_list(ps, is_const);
	case GQL_TOK_BRACE_L:
		return p_object(ps, is_const);
	case GQL_TOK_INT:
	case GQL_TOK_FLOAT:
		if (p_advance(ps) == -1)
			return NULL;
		v = p_value_new(ps, t.kind == GQL_TOK_INT ? GQL_VALUE_INT :
		    GQL_VALUE_FLOAT, &t);
		v->str = gql_arena_strndup(ps->arena, t.start, t.len);
		v->len = t.len;
		return v;
	case GQL_TOK_STRING:
	case GQL_TOK_BLOCK_STRING:
		return p_string(ps);
	case GQL_TOK_NAME:
		if (p_advance(ps) == -1)
			return NULL;
		if (p_is_keyword(&t, "true") || p_is_keyword(&t, "false")) {
			v = p_value_new(ps, GQL_VALUE_BOOLEAN, &t);
			v->boolean = t.start[0] == 't';
		} else if (p_is_keyword(&t, "null")) {
			v = p_value_new(ps, GQL_VALUE_NULL, &t);
		} else {
			v = p_value_new(ps, GQL_VALUE_ENUM, &t);
			v->name.s = gql_arena_strndup(ps->arena, t.start,
			    t.len);
			v->name.len = t.len;
			v->name.loc = t.loc;
		}
		return v;
	case GQL_TOK_DOLLAR:
		if (is_const)
			return p_value_const_var(ps, &t);
		v = p_value_new(ps, GQL_VALUE_VARIABLE, &t);
		if (p_advance(ps) == -1 || p_name(ps, &v->name) == -1)
			return NULL;
		return v;
	default:
		p_unexpected(ps, NULL);
		return NULL;
	}
}

/* A variable where a constant is required: graphql-js's own message. */
static struct gql_ast_value *
p_value_const_var(struct parser *ps, const struct gql_token *dollar)
{
	const struct gql_token	*t = &ps->lx.tok;

	if (p_advance(ps) == -1)
		return NULL;
	if (t->kind != GQL_TOK_NAME) {
		p_unexpected(ps, dollar);
		return NULL;
	}
	gql_error_set(ps->err, GQL_ERR_SYNTAX, dollar->loc,
	    "Syntax Error: Unexpected variable \"$%.*s\" in constant value.",
	    (int)t->len, t->start);
	return NULL;
}

/* ListValue: "[" Value* "]". */
static struct gql_ast_value *
p_list(struct parser *ps, int is_const)
{
	struct gql_ast_value	*v, *item, **tail;
	int			 r;

	if (p_enter(ps) == -1)
		return NULL;
	v = p_value_new(ps, GQL_VALUE_LIST, &ps->lx.tok);
	tail = &v->items;
	if (p_expect(ps, GQL_TOK_BRACKET_L) == -1)
		return NULL;
	while ((r = p_optional(ps, GQL_TOK_BRACKET_R)) == 0) {
		if ((item = p_value(ps, is_const)) == NULL)
			return NULL;
		LIST_APPEND(tail, item);
		v->count++;
	}
	ps->depth--;
	return r == -1 ? NULL : v;
}

/* ObjectValue: "{" (name: Value)* "}". */
static struct gql_ast_value *
p_object(struct parser *ps, int is_const)
{
	struct gql_ast_value		*v;
	struct gql_ast_object_field	*f, **tail;
	int				 r;

	if (p_enter(ps) == -1)
		return NULL;
	v = p_value_new(ps, GQL_VALUE_OBJECT, &ps->lx.tok);
	tail = &v->fields;
	if (p_expect(ps, GQL_TOK_BRACE_L) == -1)
		return NULL;
	while ((r = p_optional(ps, GQL_TOK_BRACE_R)) == 0) {
		f = p_new(ps, sizeof(*f));
		f->loc = ps->lx.tok.loc;
		if (p_name(ps, &f->name) == -1 ||
		    p_expect(ps, GQL_TOK_COLON) == -1 ||
		    (f->value = p_value(ps, is_const)) == NULL)
			return NULL;
		LIST_APPEND(tail, f);
		v->count++;
	}
	ps->depth--;
	return r == -1 ? NULL : v;
}

/* StringValue or block string: the lexer decoded it already. */
static struct gql_ast_value *
p_string(struct parser *ps)
{
	struct gql_token	 t = ps->lx.tok;
	struct gql_ast_value	*v;

	if (p_advance(ps) == -1)
		return NULL;
	v = p_value_new(ps, GQL_VALUE_STRING, &t);
	v->str = t.value;
	v->len = t.value_len;
	v->block = t.kind == GQL_TOK_BLOCK_STRING;
	return v;
}

/* Description: an optional string before a definition. */
static int
p_description(struct parser *ps, struct gql_ast_value **out)
{
	*out = NULL;
	if (!p_peek(ps, GQL_TOK_STRING) && !p_peek(ps, GQL_TOK_BLOCK_STRING))
		return 0;
	return (*out = p_string(ps)) == NULL ? -1 : 0;
}

/* Directives[Const]: ("@" name [arguments])*. */
static int
p_directives(struct parser *ps, int is_const, struct gql_ast_directive **out)
{
	struct gql_ast_directive	*d, **tail = out;

	while (p_peek(ps, GQL_TOK_AT)) {
		d = p_new(ps, sizeof(*d));
		d->loc = ps->lx.tok.loc;
		if (p_advance(ps) == -1 || p_name(ps, &d->name) == -1 ||
		    p_arguments(ps, is_const, &d->args, &d->nargs) == -1)
			return -1;
		LIST_APPEND(tail, d);
	}
	return 0;
}

/* Type: NamedType, "[" Type "]", either with "!". */
static struct gql_ast_type *
p_type_ref(struct parser *ps)
{
	struct gql_ast_type	*t, *nn;
	struct gql_loc		 start = ps->lx.tok.loc;
	int			 r;

	if (p_peek(ps, GQL_TOK_BRACKET_L)) {
		if (p_enter(ps) == -1 || p_advance(ps) == -1)
			return NULL;
		t = p_new(ps, sizeof(*t));
		t->kind = GQL_WRAP_LIST;
		t->loc = start;
		if ((t->of = p_type_ref(ps)) == NULL ||
		    p_expect(ps, GQL_TOK_BRACKET_R) == -1)
			return NULL;
		ps->depth--;
	} else if ((t = p_named_type(ps)) == NULL)
		return NULL;
	if ((r = p_optional(ps, GQL_TOK_BANG)) == -1)
		return NULL;
	if (r == 0)
		return t;
	nn = p_new(ps, sizeof(*nn));
	nn->kind = GQL_WRAP_NON_NULL;
	nn->loc = start;
	nn->of = t;
	return nn;
}

/* NamedType: a Name. */
static struct gql_ast_type *
p_named_type(struct parser *ps)
{
	struct gql_ast_type	*t = p_new(ps, sizeof(*t));

	t->kind = GQL_WRAP_NAMED;
	t->loc = ps->lx.tok.loc;
	if (p_name(ps, &t->name) == -1)
		return NULL;
	return t;
}

/*
 * Type-system definitions. p_type_system() returns NULL with no error set
 * when `kw` names no type-system definition (the caller tries operations).
 */
static struct gql_ast_def *
p_type_system(struct parser *ps, const struct gql_token *kw, int extend)
{
	size_t	i;

	if (p_is_keyword(kw, "schema"))
		return p_schema_def(ps, extend);
	if (!extend && p_is_keyword(kw, "directive"))
		return p_directive_def(ps);
	for (i = 0; i < sizeof(parse_type_keywords) /
	    sizeof(*parse_type_keywords); i++) {
		if (p_is_keyword(kw, parse_type_keywords[i].keyword))
			return p_type_def(ps, parse_type_keywords[i].kind,
			    parse_type_keywords[i].keyword, extend);
	}
	return NULL;
}

/* SchemaDefinition / SchemaExtension. */
static struct gql_ast_def *
p_schema_def(struct parser *ps, int extend)
{
	struct gql_ast_def		*def = p_def_new(ps, GQL_DEF_SCHEMA);
	struct gql_ast_schema_def	*sd = &def->u.schema;

	def->extend = extend;
	if (extend) {
		if (p_expect_keyword(ps, "extend") == -1)
			return NULL;
	} else if (p_description(ps, &sd->description) == -1)
		return NULL;
	if (p_expect_keyword(ps, "schema") == -1 ||
	    p_directives(ps, 1, &sd->directives) == -1 ||
	    p_root_ops(ps, extend, &sd->ops) == -1)
		return NULL;
	if (extend && sd->directives == NULL && sd->ops == NULL) {
		p_unexpected(ps, NULL);
		return NULL;
	}
	return def;
}

/* "{" OperationTypeDefinition+ "}", optional in an extension. */
static int
p_root_ops(struct parser *ps, int optional, struct gql_ast_root_op **out)
{
	struct gql_ast_root_op	*op, **tail = out;
	int			 r;

	if (optional) {
		if ((r = p_optional(ps, GQL_TOK_BRACE_L)) != 1)
			return r;
	} else if (p_expect(ps, GQL_TOK_BRACE_L) == -1)
		return -1;
	do {
		op = p_new(ps, sizeof(*op));
		op->loc = ps->lx.tok.loc;
		if (p_operation_type(ps, &op->op) == -1 ||
		    p_expect(ps, GQL_TOK_COLON) == -1 ||
		    (op->type = p_named_type(ps)) == NULL)
			return -1;
		LIST_APPEND(tail, op);
	} while ((r = p_optional(ps, GQL_TOK_BRACE_R)) == 0);
	return r == -1 ? -1 : 0;
}

/*
 * Scalar, object, interface, union, enum and input object definitions and
 * extensions share one shape: [description] keyword Name, then the parts
 * that kind has, in the grammar's order.
 */
static struct gql_ast_def *
p_type_def(struct parser *ps, enum gql_def_kind kind, const char *keyword,
    int extend)
{
	struct gql_ast_def	*def = p_def_new(ps, kind);
	struct gql_ast_type_def	*td = &def->u.type;
	int			 r = 0;

	def->extend = extend;
	if (extend) {
		if (p_expect_keyword(ps, "extend") == -1)
			return NULL;
	} else if (p_description(ps, &td->description) == -1)
		return NULL;
	if (p_expect_keyword(ps, keyword) == -1 ||
	    p_name(ps, &td->name) == -1)
		return NULL;
	if ((kind == GQL_DEF_OBJECT || kind == GQL_DEF_INTERFACE) &&
	    p_implements(ps, &td->interfaces) == -1)
		return NULL;
	if (p_directives(ps, 1, &td->directives) == -1)
		return NULL;
	if (kind == GQL_DEF_OBJECT || kind == GQL_DEF_INTERFACE)
		r = p_field_defs(ps, td);
	else if (kind == GQL_DEF_UNION &&
	    (r = p_optional(ps, GQL_TOK_EQUALS)) == 1)
		r = p_delimited_types(ps, GQL_TOK_PIPE, &td->members);
	else if (kind == GQL_DEF_ENUM)
		r = p_enum_values(ps, &td->values);
	else if (kind == GQL_DEF_INPUT_OBJECT)
		r = p_input_value_defs(ps, GQL_TOK_BRACE_L, GQL_TOK_BRACE_R,
		    &td->input_fields, NULL);
	if (r == -1)
		return NULL;
	if (extend && p_extension_is_empty(def)) {
		p_unexpected(ps, NULL);
		return NULL;
	}
	return def;
}

/* ImplementsInterfaces: optional "implements" ["&"] Type ("&" Type)*. */
static int
p_implements(struct parser *ps, struct gql_ast_type **out)
{
	int	r;

	if ((r = p_optional_keyword(ps, "implements")) != 1)
		return r;
	return p_delimited_types(ps, GQL_TOK_AMP, out);
}

/* [delim] NamedType (delim NamedType)*, as graphql-js delimitedMany(). */
static int
p_delimited_types(struct parser *ps, enum gql_tok delim,
    struct gql_ast_type **out)
{
	struct gql_ast_type	*t, **tail = out;
	int			 r;

	if (p_optional(ps, delim) == -1)
		return -1;
	do {
		if ((t = p_named_type(ps)) == NULL)
			return -1;
		LIST_APPEND(tail, t);
	} while ((r = p_optional(ps, delim)) == 1);
	return r;
}

/* FieldsDefinition: optional "{" FieldDefinition+ "}". */
static int
p_field_defs(struct parser *ps, struct gql_ast_type_def *td)
{
	struct gql_ast_field_def	*f, **tail = &td->fields;
	int				 r;

	if ((r = p_optional(ps, GQL_TOK_BRACE_L)) != 1)
		return r;
	do {
		if ((f = p_field_def(ps)) == NULL)
			return -1;
		LIST_APPEND(tail, f);
		td->nfields++;
	} while ((r = p_optional(ps, GQL_TOK_BRACE_R)) == 0);
	return r == -1 ? -1 : 0;
}

/* FieldDefinition: [description] name [(args)] : Type directives. */
static struct gql_ast_field_def *
p_field_def(struct parser *ps)
{
	struct gql_ast_field_def	*f = p_new(ps, sizeof(*f));

	f->loc = ps->lx.tok.loc;
	if (p_description(ps, &f->description) == -1 ||
	    p_name(ps, &f->name) == -1 ||
	    p_input_value_defs(ps, GQL_TOK_PAREN_L, GQL_TOK_PAREN_R, &f->args,
	    &f->nargs) == -1 ||
	    p_expect(ps, GQL_TOK_COLON) == -1 ||
	    (f->type = p_type_ref(ps)) == NULL ||
	    p_directives(ps, 1, &f->directives) == -1)
		return NULL;
	return f;
}

/* Optional open InputValueDefinition+ close (arguments, input fields). */
static int
p_input_value_defs(struct parser *ps, enum gql_tok open, enum gql_tok close,
    struct gql_ast_input_value_def **out, uint32_t *n)
{
	struct gql_ast_input_value_def	*iv, **tail = out;
	int				 r;

	if ((r = p_optional(ps, open)) != 1)
		return r;
	do {
		if ((iv = p_input_value_def(ps)) == NULL)
			return -1;
		LIST_APPEND(tail, iv);
		if (n != NULL)
			(*n)++;
	} while ((r = p_optional(ps, close)) == 0);
	return r == -1 ? -1 : 0;
}

/* InputValueDefinition: [description] name: Type [= const] directives. */
static struct gql_ast_input_value_def *
p_input_value_def(struct parser *ps)
{
	struct gql_ast_input_value_def	*iv = p_new(ps, sizeof(*iv));
	int				 r;

	iv->loc = ps->lx.tok.loc;
	if (p_description(ps, &iv->description) == -1 ||
	    p_name(ps, &iv->name) == -1 ||
	    p_expect(ps, GQL_TOK_COLON) == -1 ||
	    (iv->type = p_type_ref(ps)) == NULL ||
	    (r = p_optional(ps, GQL_TOK_EQUALS)) == -1)
		return NULL;
	if (r == 1 && (iv->default_value = p_value(ps, 1)) == NULL)
		return NULL;
	if (p_directives(ps, 1, &iv->directives) == -1)
		return NULL;
	return iv;
}

/* EnumValuesDefinition: optional "{" EnumValueDefinition+ "}". */
static int
p_enum_values(struct parser *ps, struct gql_ast_enum_value_def **out)
{
	struct gql_ast_enum_value_def	*ev, **tail = out;
	int				 r;

	if ((r = p_optional(ps, GQL_TOK_BRACE_L)) != 1)
		return r;
	do {
		if ((ev = p_enum_value_def(ps)) == NULL)
			return -1;
		LIST_APPEND(tail, ev);
	} while ((r = p_optional(ps, GQL_TOK_BRACE_R)) == 0);
	return r == -1 ? -1 : 0;
}

/* EnumValueDefinition: [description] name (not true/false/null). */
static struct gql_ast_enum_value_def *
p_enum_value_def(struct parser *ps)
{
	struct gql_ast_enum_value_def	*ev = p_new(ps, sizeof(*ev));
	const struct gql_token		*t = &ps->lx.tok;
	struct buf			 b = BUF_INIT;

	ev->loc = t->loc;
	if (p_description(ps, &ev->description) == -1)
		return NULL;
	if (p_value_is(t, "true") || p_value_is(t, "false") ||
	    p_value_is(t, "null")) {
		buf_adds(&b, "Syntax Error: ");
		gql_lex_describe(t, &b);
		buf_adds(&b, " is reserved and cannot be used for an enum "
		    "value.");
		gql_error_set_buf(ps->err, GQL_ERR_SYNTAX, t->loc, &b);
		return NULL;
	}
	if (p_name(ps, &ev->name) == -1 ||
	    p_directives(ps, 1, &ev->directives) == -1)
		return NULL;
	return ev;
}

/* TypeSystemExtension: "extend" and a kind, found by lookahead. */
static struct gql_ast_def *
p_extension(struct parser *ps)
{
	const struct gql_token	*kw;
	struct gql_ast_def	*def;

	if (gql_lex_peek(&ps->lx, &kw) == -1)
		return NULL;
	if (kw->kind == GQL_TOK_NAME && !p_is_keyword(kw, "directive") &&
	    (def = p_type_system(ps, kw, 1)) != NULL)
		return def;
	if (ps->err->message[0] == '\0')
		p_unexpected(ps, kw);
	return NULL;
}

/* An extension must add something (graphql-js: "Unexpected ..."). */
static int
p_extension_is_empty(const struct gql_ast_def *def)
{
	const struct gql_ast_type_def	*td = &def->u.type;

	switch (def->kind) {
	case GQL_DEF_OBJECT:
	case GQL_DEF_INTERFACE:
		return td->interfaces == NULL && td->directives == NULL &&
		    td->fields == NULL;
	case GQL_DEF_UNION:
		return td->directives == NULL && td->members == NULL;
	case GQL_DEF_ENUM:
		return td->directives == NULL && td->values == NULL;
	case GQL_DEF_INPUT_OBJECT:
		return td->directives == NULL && td->input_fields == NULL;
	default:
		return td->directives == NULL;
	}
}

/* DirectiveDefinition: [description] directive @name [(args)]
 * [repeatable] on Location (| Location)*. */
static struct gql_ast_def *
p_directive_def(struct parser *ps)
{
	struct gql_ast_def		*def = p_def_new(ps, GQL_DEF_DIRECTIVE);
	struct gql_ast_directive_def	*dd = &def->u.directive;
	int				 r;

	if (p_description(ps, &dd->description) == -1 ||
	    p_expect_keyword(ps, "directive") == -1 ||
	    p_expect(ps, GQL_TOK_AT) == -1 ||
	    p_name(ps, &dd->name) == -1 ||
	    p_input_value_defs(ps, GQL_TOK_PAREN_L, GQL_TOK_PAREN_R, &dd->args,
	    NULL) == -1 ||
	    (r = p_optional_keyword(ps, "repeatable")) == -1)
		return NULL;
	dd->repeatable = r;
	if (p_expect_keyword(ps, "on") == -1 ||
	    p_directive_locations(ps, dd) == -1)
		return NULL;
	return def;
}

/* DirectiveLocations: ["|"] Location ("|" Location)*; names checked. */
static int
p_directive_locations(struct parser *ps, struct gql_ast_directive_def *dd)
{
	struct gql_ast_dirloc	*l, **tail = &dd->locations;
	struct gql_token	 t;
	enum gql_dirloc		 which;
	int			 r;

	if (p_optional(ps, GQL_TOK_PIPE) == -1)
		return -1;
	do {
		t = ps->lx.tok;
		if (p_expect(ps, GQL_TOK_NAME) == -1)
			return -1;
		if (gql_dirloc_from_name(t.start, t.len, &which) == -1)
			return p_unexpected(ps, &t);
		l = p_new(ps, sizeof(*l));
		l->loc = t.loc;
		l->dirloc = which;
		dd->location_bits |= GQL_DIRLOC_BIT(which);
		LIST_APPEND(tail, l);
	} while ((r = p_optional(ps, GQL_TOK_PIPE)) == 1);
	return r;
}
