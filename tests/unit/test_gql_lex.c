/*
 * test_gql_lex.c: the GraphQL lexer: every token kind, ignored tokens,
 * the number grammar and its lookahead restrictions, every string escape,
 * block string indentation, UTF-8 checking, and the exact graphql-js 16
 * messages and line:column (UTF-16 columns) of every lexical error.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/buf.h"
#include "graphql/gql_arena.h"
#include "graphql/gql_lex.h"
#include "unit.h"

#define MAX_TOKS	64

struct lexed {
	int		 ntok;
	enum gql_tok	 kind[MAX_TOKS];
	struct gql_loc	 loc[MAX_TOKS];
	char		 text[MAX_TOKS][128];	/* source, or decoded value */
	size_t		 value_len[MAX_TOKS];
	int		 failed;
	struct gql_error err;
};

/* Lex a whole input (explicit length: may hold NULs) into `out`. */
static void
lex_all(const char *src, size_t len, struct lexed *out)
{
	struct gql_arena	*a = gql_arena_new(0);
	struct gql_lexer	 lx;
	struct gql_token	*t = &lx.tok;

	memset(out, 0, sizeof(*out));
	gql_lex_init(&lx, src, len, a, &out->err);
	for (;;) {
		if (gql_lex_next(&lx) == -1) {
			out->failed = 1;
			break;
		}
		if (t->kind == GQL_TOK_EOF || out->ntok == MAX_TOKS)
			break;
		out->kind[out->ntok] = t->kind;
		out->loc[out->ntok] = t->loc;
		if (t->value != NULL) {
			snprintf(out->text[out->ntok], 128, "%.*s",
			    (int)t->value_len, t->value);
			out->value_len[out->ntok] = t->value_len;
		} else
			snprintf(out->text[out->ntok], 128, "%.*s",
			    (int)t->len, t->start);
		out->ntok++;
	}
	gql_arena_free(a);
}

static void
lex_str(const char *src, struct lexed *out)
{
	lex_all(src, strlen(src), out);
}

/* Assert that `src` fails with `msg` at line:col. */
static void
assert_lex_error(const char *src, size_t len, const char *msg, uint32_t line,
    uint32_t col)
{
	struct lexed	l;

	lex_all(src, len, &l);
	ck_assert_msg(l.failed, "no error for \"%s\"", src);
	ck_assert_str_eq(l.err.message, msg);
	ck_assert_uint_eq(l.err.nlocs, 1);
	ck_assert_msg(l.err.locs[0].line == line && l.err.locs[0].column == col,
	    "\"%s\": error at %u:%u, want %u:%u", src, l.err.locs[0].line,
	    l.err.locs[0].column, line, col);
	gql_error_free(&l.err);
}

/* Assert that `src` is exactly one token of `kind` with text `text`. */
static void
assert_one(const char *src, enum gql_tok kind, const char *text)
{
	struct lexed	l;

	lex_str(src, &l);
	ck_assert_msg(!l.failed, "\"%s\": %s", src, l.err.message);
	ck_assert_int_eq(l.ntok, 1);
	ck_assert_msg(l.kind[0] == kind, "\"%s\": kind %s, want %s", src,
	    gql_lex_tok_kind_name(l.kind[0]), gql_lex_tok_kind_name(kind));
	ck_assert_str_eq(l.text[0], text);
}

START_TEST(punctuators_each_kind_and_column)
{
	struct lexed		l;
	static const enum gql_tok want[] = {
		GQL_TOK_BANG, GQL_TOK_DOLLAR, GQL_TOK_AMP, GQL_TOK_PAREN_L,
		GQL_TOK_PAREN_R, GQL_TOK_SPREAD, GQL_TOK_COLON, GQL_TOK_EQUALS,
		GQL_TOK_AT, GQL_TOK_BRACKET_L, GQL_TOK_BRACKET_R,
		GQL_TOK_BRACE_L, GQL_TOK_PIPE, GQL_TOK_BRACE_R,
	};
	int			i;

	lex_str("! $ & ( ) ... : = @ [ ] { | }", &l);
	ck_assert(!l.failed);
	ck_assert_int_eq(l.ntok, 14);
	for (i = 0; i < 14; i++) {
		ck_assert_int_eq(l.kind[i], want[i]);
		ck_assert_uint_eq(l.loc[i].line, 1);
	}
	ck_assert_uint_eq(l.loc[5].column, 11);	/* ... */
	ck_assert_uint_eq(l.loc[6].column, 15);
	lex_str("!$&()...:=@[]{|}", &l);
	ck_assert_int_eq(l.ntok, 14);
	ck_assert_uint_eq(l.loc[13].column, 16);
}
END_TEST

START_TEST(names_follow_the_spec)
{
	struct lexed	l;

	assert_one("_", GQL_TOK_NAME, "_");
	assert_one("__typename", GQL_TOK_NAME, "__typename");
	assert_one("a1_B2", GQL_TOK_NAME, "a1_B2");
	assert_one("  \tquery  ", GQL_TOK_NAME, "query");
	lex_str("a.b", &l);
	ck_assert(l.failed);
	ck_assert_str_eq(l.err.message,
	    "Syntax Error: Unexpected character: \".\".");
	gql_error_free(&l.err);
	lex_str("a-b", &l);
	ck_assert(l.failed);	/* "-" starts a number: "-b" */
	ck_assert_str_eq(l.err.message, "Syntax Error: Invalid number, "
	    "expected digit but got: \"b\".");
	gql_error_free(&l.err);
	lex_str("a1 1a", &l);
	ck_assert(l.failed);
	ck_assert_uint_eq(l.err.locs[0].column, 5);
	gql_error_free(&l.err);
}
END_TEST

START_TEST(ignored_tokens_and_lines)
{
	struct lexed	l;
	const char	bom[] = "\xef\xbb\xbf" "a";

	lex_str("a,b,,,c", &l);
	ck_assert_int_eq(l.ntok, 3);
	ck_assert_uint_eq(l.loc[2].column, 7);
	lex_str("a # comment { } \"\n b\r\nc\rd", &l);
	ck_assert_int_eq(l.ntok, 4);
	ck_assert_uint_eq(l.loc[1].line, 2);
	ck_assert_uint_eq(l.loc[1].column, 2);
	ck_assert_uint_eq(l.loc[2].line, 3);
	ck_assert_uint_eq(l.loc[3].line, 4);
	ck_assert_uint_eq(l.loc[3].column, 1);
	lex_str(bom, &l);
	ck_assert_int_eq(l.ntok, 1);
	ck_assert_uint_eq(l.loc[0].column, 2);	/* U+FEFF is one unit */
	lex_str("# only a comment", &l);
	ck_assert(!l.failed);
	ck_assert_int_eq(l.ntok, 0);
	lex_str("\t\t\tx", &l);
	ck_assert_uint_eq(l.loc[0].column, 4);
}
END_TEST

START_TEST(columns_count_utf16_units)
{
	struct lexed	l;

	/* U+1F600 is two UTF-16 units, U+00E9 one. */
	lex_str("\"\xf0\x9f\x98\x80\" a", &l);
	ck_assert_int_eq(l.ntok, 2);
	ck_assert_uint_eq(l.loc[1].column, 6);
	lex_str("# \xc3\xa9\xc3\xa9\n  \"\xc3\xa9\" b", &l);
	ck_assert_uint_eq(l.loc[1].line, 2);
	ck_assert_uint_eq(l.loc[1].column, 7);
	lex_str("\"\"\"\xe4\xb8\xad\n\xf0\x9f\x98\x80\"\"\" z", &l);
	ck_assert_uint_eq(l.loc[1].line, 2);
	ck_assert_uint_eq(l.loc[1].column, 7);
	assert_lex_error("\"\xf0\x9f\x98\x80\" ?", 8,
	    "Syntax Error: Unexpected character: \"?\".", 1, 6);
}
END_TEST

START_TEST(numbers_valid)
{
	static const struct {
		const char	*src;
		enum gql_tok	 kind;
	} ok[] = {
		{ "0", GQL_TOK_INT }, { "-0", GQL_TOK_INT },
		{ "9", GQL_TOK_INT }, { "1234567890", GQL_TOK_INT },
		{ "-12", GQL_TOK_INT },
		{ "99999999999999999999999999999", GQL_TOK_INT },
		{ "0.0", GQL_TOK_FLOAT }, { "-0.5", GQL_TOK_FLOAT },
		{ "1.5", GQL_TOK_FLOAT }, { "1e5", GQL_TOK_FLOAT },
		{ "1E5", GQL_TOK_FLOAT }, { "1e+5", GQL_TOK_FLOAT },
		{ "1e-5", GQL_TOK_FLOAT }, { "-1.5e-10", GQL_TOK_FLOAT },
		{ "0e0", GQL_TOK_FLOAT }, { "123.456E+789", GQL_TOK_FLOAT },
	};
	size_t	i;

	for (i = 0; i < sizeof(ok) / sizeof(*ok); i++)
		assert_one(ok[i].src, ok[i].kind, ok[i].src);
}
END_TEST

START_TEST(numbers_invalid_as_graphql_js)
{
	static const struct {
		const char	*src;
		const char	*msg;
		uint32_t	 col;
	} bad[] = {
		{ "01", "Invalid number, unexpected digit after 0: \"1\".", 2 },
		{ "-01", "Invalid number, unexpected digit after 0: \"1\".", 3 },
		{ "00", "Invalid number, unexpected digit after 0: \"0\".", 2 },
		{ "1.", "Invalid number, expected digit but got: <EOF>.", 3 },
		{ "1.a", "Invalid number, expected digit but got: \"a\".", 3 },
		{ "1.e5", "Invalid number, expected digit but got: \"e\".", 3 },
		{ ".5", "Unexpected character: \".\".", 1 },
		{ "..", "Unexpected character: \".\".", 1 },
		{ "1e", "Invalid number, expected digit but got: <EOF>.", 3 },
		{ "1e+", "Invalid number, expected digit but got: <EOF>.", 4 },
		{ "1E-x", "Invalid number, expected digit but got: \"x\".", 4 },
		{ "0x1", "Invalid number, expected digit but got: \"x\".", 2 },
		{ "0x", "Invalid number, expected digit but got: \"x\".", 2 },
		{ "1_", "Invalid number, expected digit but got: \"_\".", 2 },
		{ "1a", "Invalid number, expected digit but got: \"a\".", 2 },
		{ "1.5.", "Invalid number, expected digit but got: \".\".", 4 },
		{ "1.5e", "Invalid number, expected digit but got: <EOF>.", 5 },
		{ "1.0e1.0", "Invalid number, expected digit but got: \".\".",
		    6 },
		{ "-", "Invalid number, expected digit but got: <EOF>.", 2 },
		{ "- 1", "Invalid number, expected digit but got: \" \".", 2 },
		{ "-a", "Invalid number, expected digit but got: \"a\".", 2 },
		{ "-\"", "Invalid number, expected digit but got: '\"'.", 2 },
		{ "+1", "Unexpected character: \"+\".", 1 },
	};
	char	msg[256];
	size_t	i;

	for (i = 0; i < sizeof(bad) / sizeof(*bad); i++) {
		snprintf(msg, sizeof(msg), "Syntax Error: %s", bad[i].msg);
		assert_lex_error(bad[i].src, strlen(bad[i].src), msg, 1,
		    bad[i].col);
	}
	/* "1é": é is no name start, so the number ends; then é fails. */
	assert_lex_error("1\xc3\xa9", 3,
	    "Syntax Error: Unexpected character: U+00E9.", 1, 2);
}
END_TEST

START_TEST(strings_plain_and_unicode)
{
	struct lexed	l;

	assert_one("\"\"", GQL_TOK_STRING, "");
	assert_one("\"simple\"", GQL_TOK_STRING, "simple");
	assert_one("\" white space \"", GQL_TOK_STRING, " white space ");
	assert_one("\"unicode \xc3\xa9\xe4\xb8\xad\xf0\x9f\x98\x80\"",
	    GQL_TOK_STRING, "unicode \xc3\xa9\xe4\xb8\xad\xf0\x9f\x98\x80");
	assert_one("\"# not a comment\"", GQL_TOK_STRING, "# not a comment");
	lex_all("\"a\0b\"", 5, &l);	/* graphql-js allows U+0000 */
	ck_assert(!l.failed);
	ck_assert_uint_eq(l.value_len[0], 3);
}
END_TEST

START_TEST(strings_every_escape)
{
	struct lexed	l;

	assert_one("\"\\\"\"", GQL_TOK_STRING, "\"");
	assert_one("\"\\\\\"", GQL_TOK_STRING, "\\");
	assert_one("\"\\/\"", GQL_TOK_STRING, "/");
	assert_one("\"\\b\\f\\n\\r\\t\"", GQL_TOK_STRING, "\b\f\n\r\t");
	assert_one("\"\\u0041\\u00e9\\u4E2D\"", GQL_TOK_STRING,
	    "A\xc3\xa9\xe4\xb8\xad");
	assert_one("\"\\u{41}\\u{e9}\\u{1F600}\\u{00000041}\"",
	    GQL_TOK_STRING, "A\xc3\xa9\xf0\x9f\x98\x80" "A");
	assert_one("\"\\u{10FFFF}\"", GQL_TOK_STRING, "\xf4\x8f\xbf\xbf");
	assert_one("\"\\uD83D\\uDE00\"", GQL_TOK_STRING, "\xf0\x9f\x98\x80");
	assert_one("\"\\ud83d\\ude00!\"", GQL_TOK_STRING,
	    "\xf0\x9f\x98\x80!");
	assert_one("\"\\uFFFF\\uE000\"", GQL_TOK_STRING,
	    "\xef\xbf\xbf\xee\x80\x80");
	lex_str("\"\\u0000\"", &l);
	ck_assert(!l.failed);
	ck_assert_uint_eq(l.value_len[0], 1);
}
END_TEST

START_TEST(strings_invalid_as_graphql_js)
{
	static const struct {
		const char	*src;
		const char	*msg;
		uint32_t	 col;
	} bad[] = {
		{ "\"abc", "Unterminated string.", 5 },
		{ "\"abc\ndef\"", "Unterminated string.", 5 },
		{ "\"abc\r\"", "Unterminated string.", 5 },
		{ "\"\\", "Invalid character escape sequence: \"\\\".", 2 },
		{ "\"\\x\"", "Invalid character escape sequence: \"\\x\".", 2 },
		{ "\"\\z\"", "Invalid character escape sequence: \"\\z\".", 2 },
		{ "\"\\u\"", "Invalid Unicode escape sequence: \"\\u\"\".", 2 },
		{ "\"\\u12\"", "Invalid Unicode escape sequence: \"\\u12\"\".",
		    2 },
		{ "\"\\u1G34\"", "Invalid Unicode escape sequence: "
		    "\"\\u1G34\".", 2 },
		{ "\"\\uD800\"", "Invalid Unicode escape sequence: "
		    "\"\\uD800\".", 2 },
		{ "\"\\uDE00\\uD83D\"", "Invalid Unicode escape sequence: "
		    "\"\\uDE00\".", 2 },
		{ "\"\\uD83D\\u0041\"", "Invalid Unicode escape sequence: "
		    "\"\\uD83D\".", 2 },
		{ "\"\\uD83Dx\"", "Invalid Unicode escape sequence: "
		    "\"\\uD83D\".", 2 },
		{ "\"\\u{}\"", "Invalid Unicode escape sequence: \"\\u{}\".",
		    2 },
		{ "\"\\u{110000}\"", "Invalid Unicode escape sequence: "
		    "\"\\u{110000}\".", 2 },
		{ "\"\\u{D800}\"", "Invalid Unicode escape sequence: "
		    "\"\\u{D800}\".", 2 },
		{ "\"\\u{12\"", "Invalid Unicode escape sequence: "
		    "\"\\u{12\"\".", 2 },
		{ "\"\\u{1F600 }\"", "Invalid Unicode escape sequence: "
		    "\"\\u{1F600 \".", 2 },
		{ "\"\\u{000000000}\"", "Invalid Unicode escape sequence: "
		    "\"\\u{000000000\".", 2 },
		{ "\"\\u{FFFFFFFF}\"", "Invalid Unicode escape sequence: "
		    "\"\\u{FFFFFFFF\".", 2 },
		{ "\"ok\" \"bad \\q\"", "Invalid character escape sequence: "
		    "\"\\q\".", 11 },
	};
	char	msg[256];
	size_t	i;

	for (i = 0; i < sizeof(bad) / sizeof(*bad); i++) {
		snprintf(msg, sizeof(msg), "Syntax Error: %s", bad[i].msg);
		assert_lex_error(bad[i].src, strlen(bad[i].src), msg, 1,
		    bad[i].col);
	}
}
END_TEST

START_TEST(block_strings_dedent)
{
	assert_one("\"\"\"\"\"\"", GQL_TOK_BLOCK_STRING, "");
	assert_one("\"\"\"simple\"\"\"", GQL_TOK_BLOCK_STRING, "simple");
	assert_one("\"\"\" white space \"\"\"", GQL_TOK_BLOCK_STRING,
	    " white space ");
	assert_one("\"\"\"contains \" quote\"\"\"", GQL_TOK_BLOCK_STRING,
	    "contains \" quote");
	assert_one("\"\"\"contains \\\"\"\" triple quote\"\"\"",
	    GQL_TOK_BLOCK_STRING, "contains \"\"\" triple quote");
	assert_one("\"\"\"multi\nline\"\"\"", GQL_TOK_BLOCK_STRING,
	    "multi\nline");
	assert_one("\"\"\"multi\rline\r\nnormalized\"\"\"",
	    GQL_TOK_BLOCK_STRING, "multi\nline\nnormalized");
	assert_one("\"\"\"unescaped \\n\\r\\b\\t\\f\\u1234\"\"\"",
	    GQL_TOK_BLOCK_STRING, "unescaped \\n\\r\\b\\t\\f\\u1234");
	assert_one("\"\"\"\n\n    spans\n      multiple\n    lines\n\n"
	    "  \"\"\"", GQL_TOK_BLOCK_STRING, "spans\n  multiple\nlines");
	assert_one("\"\"\"  first line kept\n    indented\n  less\"\"\"",
	    GQL_TOK_BLOCK_STRING, "  first line kept\n  indented\nless");
	assert_one("\"\"\"\n\t\ttab\n\t\t\ttabbed\n\"\"\"",
	    GQL_TOK_BLOCK_STRING, "tab\n\ttabbed");
	assert_one("\"\"\"   \n  \n\"\"\"", GQL_TOK_BLOCK_STRING, "");
	assert_one("\"\"\"\n  a\n   \n  b\n\"\"\"", GQL_TOK_BLOCK_STRING,
	    "a\n \nb");
	assert_one("\"\"\"\\\"\"\"\"\"\"", GQL_TOK_BLOCK_STRING, "\"\"\"");
	assert_one("\"\"\"a\\\\b\"\"\"", GQL_TOK_BLOCK_STRING, "a\\\\b");
	assert_lex_error("\"\"\"x\\\"\"\"\"", 9,
	    "Syntax Error: Unterminated string.", 1, 10);
}
END_TEST

START_TEST(block_strings_errors_and_lines)
{
	struct lexed	l;

	assert_lex_error("\"\"\"abc", 6, "Syntax Error: Unterminated string.",
	    1, 7);
	assert_lex_error("\"\"\"abc\n\ndef\"\"", 13,
	    "Syntax Error: Unterminated string.", 3, 6);
	assert_lex_error("\"\"\"a\nb \xff\"\"\"", 11,
	    "Syntax Error: Invalid character within String: byte 0xFF.", 2, 3);
	lex_str("\"\"\"a\r\nb\rc\nd\"\"\" e", &l);
	ck_assert_int_eq(l.ntok, 2);
	ck_assert_uint_eq(l.loc[0].line, 1);
	ck_assert_uint_eq(l.loc[1].line, 4);
	ck_assert_uint_eq(l.loc[1].column, 6);
}
END_TEST

START_TEST(utf8_is_checked)
{
	/* Invalid: a lone continuation, an overlong "/", a surrogate,
	 * beyond U+10FFFF, a truncated sequence. */
	assert_lex_error("\"a\x80\"", 4,
	    "Syntax Error: Invalid character within String: byte 0x80.", 1, 3);
	assert_lex_error("\"\xc0\xaf\"", 4,
	    "Syntax Error: Invalid character within String: byte 0xC0.", 1, 2);
	assert_lex_error("\"\xed\xa0\x80\"", 5,
	    "Syntax Error: Invalid character within String: byte 0xED.", 1, 2);
	assert_lex_error("\"\xf4\x90\x80\x80\"", 6,
	    "Syntax Error: Invalid character within String: byte 0xF4.", 1, 2);
	assert_lex_error("\"\xe4\xb8", 3,
	    "Syntax Error: Invalid character within String: byte 0xE4.", 1, 2);
	assert_lex_error("\xff", 1, "Syntax Error: Invalid character: "
	    "byte 0xFF.", 1, 1);
	assert_lex_error("# ok \xfe\n", 7, "Syntax Error: Invalid character: "
	    "byte 0xFE.", 1, 6);
	assert_lex_error("\xef\xbb", 2, "Syntax Error: Invalid character: "
	    "byte 0xEF.", 1, 1);
}
END_TEST

START_TEST(unexpected_characters)
{
	assert_lex_error("'", 1, "Syntax Error: Unexpected single quote "
	    "character ('), did you mean to use a double quote (\")?", 1, 1);
	assert_lex_error("a ?", 3, "Syntax Error: Unexpected character: "
	    "\"?\".", 1, 3);
	assert_lex_error("\n\n  ~", 5, "Syntax Error: Unexpected character: "
	    "\"~\".", 3, 3);
	assert_lex_error("\x01", 1, "Syntax Error: Unexpected character: "
	    "U+0001.", 1, 1);
	assert_lex_error("\x0b", 1, "Syntax Error: Unexpected character: "
	    "U+000B.", 1, 1);
	assert_lex_error("\x7f", 1, "Syntax Error: Unexpected character: "
	    "U+007F.", 1, 1);
	assert_lex_error("\0", 1, "Syntax Error: Unexpected character: "
	    "U+0000.", 1, 1);
	assert_lex_error("\xc2\xa0", 2, "Syntax Error: Unexpected character: "
	    "U+00A0.", 1, 1);
	assert_lex_error("\xe2\x80\xa8", 3, "Syntax Error: Unexpected "
	    "character: U+2028.", 1, 1);
	assert_lex_error("\xf0\x9f\x98\x80", 4, "Syntax Error: Unexpected "
	    "character: U+1F600.", 1, 1);
	assert_lex_error("a\r\n\r\n  .b", 9, "Syntax Error: Unexpected "
	    "character: \".\".", 3, 3);
}
END_TEST

START_TEST(token_limit_counts_like_graphql_js)
{
	struct gql_arena	*a = gql_arena_new(0);
	struct gql_lexer	 lx;
	struct gql_error	 err;
	int			 i;

	gql_lex_init(&lx, "a b c d", 7, a, &err);
	lx.max_tokens = 3;
	for (i = 0; i < 3; i++)
		ck_assert_int_eq(gql_lex_next(&lx), 0);
	ck_assert_int_eq(gql_lex_next(&lx), -1);
	ck_assert_int_eq(err.kind, GQL_ERR_LIMIT);
	ck_assert_str_eq(err.message, "Syntax Error: Document contains more "
	    "than 3 tokens. Parsing aborted.");
	ck_assert_uint_eq(err.locs[0].column, 7);
	gql_error_free(&err);
	/* <EOF> is not counted. */
	gql_lex_init(&lx, "a b c", 5, a, &err);
	lx.max_tokens = 3;
	for (i = 0; i < 4; i++)
		ck_assert_int_eq(gql_lex_next(&lx), 0);
	ck_assert_int_eq(lx.tok.kind, GQL_TOK_EOF);
	gql_arena_free(a);
}
END_TEST

START_TEST(peek_does_not_consume)
{
	struct gql_arena	*a = gql_arena_new(0);
	struct gql_lexer	 lx;
	struct gql_error	 err;
	const struct gql_token	*t;

	gql_lex_init(&lx, "\"d\" type", 8, a, &err);
	ck_assert_int_eq(gql_lex_next(&lx), 0);
	ck_assert_int_eq(lx.tok.kind, GQL_TOK_STRING);
	ck_assert_int_eq(gql_lex_peek(&lx, &t), 0);
	ck_assert_int_eq(t->kind, GQL_TOK_NAME);
	ck_assert_int_eq(lx.tok.kind, GQL_TOK_STRING);
	ck_assert_int_eq(gql_lex_next(&lx), 0);
	ck_assert_int_eq(lx.tok.kind, GQL_TOK_NAME);
	ck_assert_uint_eq(lx.tok.loc.column, 5);
	ck_assert_int_eq(gql_lex_next(&lx), 0);
	ck_assert_int_eq(lx.tok.kind, GQL_TOK_EOF);
	ck_assert_int_eq(gql_lex_peek(&lx, &t), 0);
	ck_assert_int_eq(t->kind, GQL_TOK_EOF);
	gql_arena_free(a);
}
END_TEST

START_TEST(describe_tokens_as_graphql_js)
{
	static const char	 nul[] = { 'a', '\0', 'b' };
	struct gql_token	 t;
	struct buf		 b = BUF_INIT;
	char			*big;

	memset(&t, 0, sizeof(t));
	t.kind = GQL_TOK_BRACE_R;
	gql_lex_describe(&t, &b);
	ck_assert_str_eq(buf_cstr(&b), "\"}\"");
	buf_reset(&b);
	t.kind = GQL_TOK_EOF;
	gql_lex_describe(&t, &b);
	ck_assert_str_eq(buf_cstr(&b), "<EOF>");
	buf_reset(&b);
	t.kind = GQL_TOK_NAME;
	t.start = "foo bar";
	t.len = 3;
	gql_lex_describe(&t, &b);
	ck_assert_str_eq(buf_cstr(&b), "Name \"foo\"");
	buf_reset(&b);
	t.kind = GQL_TOK_BLOCK_STRING;
	t.value = "x";
	t.value_len = 1;
	gql_lex_describe(&t, &b);
	ck_assert_str_eq(buf_cstr(&b), "BlockString \"x\"");
	ck_assert_str_eq(gql_lex_tok_kind_name(GQL_TOK_SPREAD), "\"...\"");
	/* The value whole, however long, NULs included (graphql-js). */
	buf_reset(&b);
	t.kind = GQL_TOK_STRING;
	t.value = nul;
	t.value_len = sizeof(nul);
	gql_lex_describe(&t, &b);
	ck_assert_uint_eq(b.len, 12);
	ck_assert_int_eq(memcmp(b.data, "String \"a\0b\"", 12), 0);
	buf_reset(&b);
	big = malloc(100000);
	memset(big, 'n', 100000);
	t.kind = GQL_TOK_NAME;
	t.start = big;
	t.len = 100000;
	gql_lex_describe(&t, &b);
	ck_assert_uint_eq(b.len, 100000 + 7);
	ck_assert_int_eq(b.data[b.len - 1], '"');
	free(big);
	buf_free(&b);
}
END_TEST

START_TEST(huge_string_is_one_token)
{
	static char	buf[1 << 20];
	struct lexed	l;

	memset(buf, 'x', sizeof(buf));
	buf[0] = '"';
	buf[sizeof(buf) - 1] = '"';
	lex_all(buf, sizeof(buf), &l);
	ck_assert(!l.failed);
	ck_assert_int_eq(l.ntok, 1);
	ck_assert_uint_eq(l.value_len[0], sizeof(buf) - 2);
	buf[sizeof(buf) - 1] = 'x';
	lex_all(buf, sizeof(buf), &l);
	ck_assert(l.failed);
	ck_assert_str_eq(l.err.message, "Syntax Error: Unterminated string.");
	ck_assert_uint_eq(l.err.locs[0].column, sizeof(buf) + 1);
	gql_error_free(&l.err);
}
END_TEST

int
main(void)
{
	Suite	*s = suite_create("gql_lex");
	TCase	*tc = tcase_create("lex");

	tcase_add_test(tc, punctuators_each_kind_and_column);
	tcase_add_test(tc, names_follow_the_spec);
	tcase_add_test(tc, ignored_tokens_and_lines);
	tcase_add_test(tc, columns_count_utf16_units);
	tcase_add_test(tc, numbers_valid);
	tcase_add_test(tc, numbers_invalid_as_graphql_js);
	tcase_add_test(tc, strings_plain_and_unicode);
	tcase_add_test(tc, strings_every_escape);
	tcase_add_test(tc, strings_invalid_as_graphql_js);
	tcase_add_test(tc, block_strings_dedent);
	tcase_add_test(tc, block_strings_errors_and_lines);
	tcase_add_test(tc, utf8_is_checked);
	tcase_add_test(tc, unexpected_characters);
	tcase_add_test(tc, token_limit_counts_like_graphql_js);
	tcase_add_test(tc, peek_does_not_consume);
	tcase_add_test(tc, describe_tokens_as_graphql_js);
	tcase_add_test(tc, huge_string_is_one_token);
	/* MiB-sized inputs: minutes under ASan on a loaded machine, not 4 s. */
	tcase_set_timeout(tc, 120);
	suite_add_tcase(s, tc);
	return unit_run(s);
}
