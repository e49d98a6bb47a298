/*
 * gql_lex.c: the GraphQL lexer (spec 2.1; "\u{...}" from the working
 * draft). It follows graphql-js 16's lexer rule for rule, so that every
 * document is accepted or refused at the same character with the same
 * message: which characters are ignored, the number grammar and its
 * lookahead restrictions (no "0" before a digit, no "." or name start after
 * a number), string escapes (fixed-width \uXXXX with surrogate pairs only
 * as a pair, variable-width \u{...} up to U+10FFFF without surrogates) and
 * block strings (lines split at \n, \r\n and \r, \""" unescaped, common
 * indentation and blank first/last lines removed: BlockStringValue()).
 *
 * The input is bytes, not a JS string, so it must also be valid UTF-8;
 * non-ASCII can only occur inside strings and comments (elsewhere it is an
 * "Unexpected character"), and that is where it is checked. graphql-js
 * counts columns in UTF-16 code units: the lexer keeps `col_adjust`, the
 * difference between UTF-16 units and bytes seen on the current line, so
 * a token's column costs no rescan; error locations are computed afresh.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "common/buf.h"
#include "graphql/gql_arena.h"
#include "graphql/gql_lex.h"

#define C_NAME_START	0x01
#define C_NAME_CONT	0x02
#define C_DIGIT		0x04

/* Character classes of ASCII bytes; zero for the rest. */
#define D	(C_DIGIT | C_NAME_CONT)
#define N	(C_NAME_START | C_NAME_CONT)
static const uint8_t lex_class[256] = {
	['0'] = D, ['1'] = D, ['2'] = D, ['3'] = D, ['4'] = D, ['5'] = D,
	['6'] = D, ['7'] = D, ['8'] = D, ['9'] = D, ['A'] = N, ['B'] = N,
	['C'] = N, ['D'] = N, ['E'] = N, ['F'] = N, ['G'] = N, ['H'] = N,
	['I'] = N, ['J'] = N, ['K'] = N, ['L'] = N, ['M'] = N, ['N'] = N,
	['O'] = N, ['P'] = N, ['Q'] = N, ['R'] = N, ['S'] = N, ['T'] = N,
	['U'] = N, ['V'] = N, ['W'] = N, ['X'] = N, ['Y'] = N, ['Z'] = N,
	['_'] = N, ['a'] = N, ['b'] = N, ['c'] = N, ['d'] = N, ['e'] = N,
	['f'] = N, ['g'] = N, ['h'] = N, ['i'] = N, ['j'] = N, ['k'] = N,
	['l'] = N, ['m'] = N, ['n'] = N, ['o'] = N, ['p'] = N, ['q'] = N,
	['r'] = N, ['s'] = N, ['t'] = N, ['u'] = N, ['v'] = N, ['w'] = N,
	['x'] = N, ['y'] = N, ['z'] = N
};
#undef D
#undef N

/* Single-character punctuators' token kinds; zero (SOF) for the rest. */
static const uint8_t lex_punct[256] = {
	['!'] = GQL_TOK_BANG, ['$'] = GQL_TOK_DOLLAR, ['&'] = GQL_TOK_AMP,
	['('] = GQL_TOK_PAREN_L, [')'] = GQL_TOK_PAREN_R,
	[':'] = GQL_TOK_COLON, ['='] = GQL_TOK_EQUALS, ['@'] = GQL_TOK_AT,
	['['] = GQL_TOK_BRACKET_L, [']'] = GQL_TOK_BRACKET_R,
	['{'] = GQL_TOK_BRACE_L, ['|'] = GQL_TOK_PIPE, ['}'] = GQL_TOK_BRACE_R,
};

static void	 lex_newline(struct gql_lexer *, const char *);
static int	 lex_error(struct gql_lexer *, const char *, const char *, ...)
		    __attribute__((format(printf, 3, 4)));
static size_t	 lex_utf8(const char *, const char *, uint32_t *);
static void	 lex_describe_at(const struct gql_lexer *, const char *, char *,
		    size_t);
static int	 lex_bad_char(struct gql_lexer *, const char *, const char *);
static int	 lex_read(struct gql_lexer *, struct gql_token *);
static void	 lex_token(struct gql_lexer *, struct gql_token *,
		    enum gql_tok, const char *, const char *);
static int	 lex_name(struct gql_lexer *, struct gql_token *,
		    const char *);
static const char *lex_comment(struct gql_lexer *, const char *);
static int	 lex_number(struct gql_lexer *, struct gql_token *,
		    const char *);
static const char *lex_digits(struct gql_lexer *, const char *);
static int	 lex_hex(int);
static int32_t	 lex_hex4(const char *, const char *);
static int	 lex_escape(struct gql_lexer *, const char *, uint32_t *,
		    size_t *);
static size_t	 lex_units_span(const char *, const char *, size_t);
static char	*lex_put_utf8(char *, uint32_t);
static int	 lex_string(struct gql_lexer *, struct gql_token *,
		    const char *);
static int	 lex_block_string(struct gql_lexer *, struct gql_token *,
		    const char *);
static const char *lex_block_line(const char *, const char *, const char **);
static size_t	 lex_block_dedent(const char *, const char *, size_t *,
		    size_t *);
static char	*lex_block_copy(char *, const char *, const char *);

/* Token kind names as graphql-js's getTokenKindDesc() prints them. */
static const char *const lex_kind_names[] = {
	[GQL_TOK_SOF] = "<SOF>",
	[GQL_TOK_EOF] = "<EOF>",
	[GQL_TOK_BANG] = "\"!\"",
	[GQL_TOK_DOLLAR] = "\"$\"",
	[GQL_TOK_AMP] = "\"&\"",
	[GQL_TOK_PAREN_L] = "\"(\"",
	[GQL_TOK_PAREN_R] = "\")\"",
	[GQL_TOK_SPREAD] = "\"...\"",
	[GQL_TOK_COLON] = "\":\"",
	[GQL_TOK_EQUALS] = "\"=\"",
	[GQL_TOK_AT] = "\"@\"",
	[GQL_TOK_BRACKET_L] = "\"[\"",
	[GQL_TOK_BRACKET_R] = "\"]\"",
	[GQL_TOK_BRACE_L] = "\"{\"",
	[GQL_TOK_PIPE] = "\"|\"",
	[GQL_TOK_BRACE_R] = "\"}\"",
	[GQL_TOK_NAME] = "Name",
	[GQL_TOK_INT] = "Int",
	[GQL_TOK_FLOAT] = "Float",
	[GQL_TOK_STRING] = "String",
	[GQL_TOK_BLOCK_STRING] = "BlockString",
};

/* Start lexing `len` bytes at `src`; decoded strings go to `arena`. */
void
gql_lex_init(struct gql_lexer *lx, const char *src, size_t len,
    struct gql_arena *arena, struct gql_error *err)
{
	memset(lx, 0, sizeof(*lx));
	lx->src = src;
	lx->end = src + len;
	lx->p = src;
	lx->line_start = src;
	lx->line = 1;
	lx->arena = arena;
	lx->err = err;
	gql_error_clear(err);
	lx->tok.kind = GQL_TOK_SOF;
	lx->tok.start = src;
	lx->tok.loc.line = 0;
	lx->tok.loc.column = 0;
}

/*
 * Advance to the next token (the lookahead if one was peeked). Counts
 * tokens as graphql-js does (every one but <EOF>) against max_tokens.
 */
int
gql_lex_next(struct gql_lexer *lx)
{
	if (lx->have_ahead) {
		lx->tok = lx->ahead;
		lx->have_ahead = 0;
	} else if (lx->tok.kind != GQL_TOK_EOF) {
		if (lex_read(lx, &lx->tok) == -1)
			return -1;
	}
	if (lx->tok.kind == GQL_TOK_EOF)
		return 0;
	lx->ntokens++;
	if (lx->max_tokens != 0 && lx->ntokens > lx->max_tokens) {
		gql_error_set(lx->err, GQL_ERR_LIMIT, lx->tok.loc,
		    "Syntax Error: Document contains more than %u tokens. "
		    "Parsing aborted.", lx->max_tokens);
		return -1;
	}
	return 0;
}

/* Look at the token after the current one without consuming it. */
int
gql_lex_peek(struct gql_lexer *lx, const struct gql_token **out)
{
	if (!lx->have_ahead) {
		if (lx->tok.kind == GQL_TOK_EOF)
			lx->ahead = lx->tok;
		else if (lex_read(lx, &lx->ahead) == -1)
			return -1;
		lx->have_ahead = 1;
	}
	*out = &lx->ahead;
	return 0;
}

/* Return a token kind as graphql-js names it in messages. */
const char *
gql_lex_tok_kind_name(enum gql_tok kind)
{
	if ((unsigned)kind >= sizeof(lex_kind_names) / sizeof(*lex_kind_names))
		return "?";
	return lex_kind_names[kind];
}

/* Append a token as graphql-js's getTokenDesc(): Name "foo", "{" ... */
void
gql_lex_describe(const struct gql_token *t, struct buf *b)
{
	const char	*v = t->start;
	size_t		 n = t->len;

	buf_adds(b, gql_lex_tok_kind_name(t->kind));
	switch (t->kind) {
	case GQL_TOK_STRING:
	case GQL_TOK_BLOCK_STRING:
		v = t->value;
		n = t->value_len;
		/* FALLTHROUGH */
	case GQL_TOK_NAME:
	case GQL_TOK_INT:
	case GQL_TOK_FLOAT:
		buf_add(b, " \"", 2);
		buf_add(b, v, n);
		buf_addc(b, '"');
		break;
	default:
		break;
	}
}

static void
lex_newline(struct gql_lexer *lx, const char *next)
{
	lx->line++;
	lx->line_start = next;
	lx->col_adjust = 0;
}

/*
 * Return the location of a byte, computed as graphql-js's getLocation(): lines
 * end at \r\n, \n or \r; the column counts UTF-16 code units.
 */
struct gql_loc
gql_lex_loc(const struct gql_lexer *lx, const char *at)
{
	const char	*p, *ls = lx->src;
	struct gql_loc	 loc;
	uint32_t	 line = 1, col = 1;
	unsigned char	 c;

	for (p = lx->src; p < at; p++) {
		if (*p == '\n' || *p == '\r') {
			if (*p == '\r' && p + 1 < lx->end && p[1] == '\n')
				p++;
			line++;
			ls = p + 1;
		}
	}
	for (p = ls; p < at; p++) {
		c = (unsigned char)*p;
		if ((c & 0xc0) != 0x80)
			col++;
		if (c >= 0xf0)
			col++;		/* a surrogate pair in UTF-16 */
	}
	loc.line = line;
	loc.column = col;
	return loc;
}

static int
lex_error(struct gql_lexer *lx, const char *at, const char *fmt, ...)
{
	struct buf	b = BUF_INIT;
	va_list		ap;

	buf_adds(&b, "Syntax Error: ");
	va_start(ap, fmt);
	buf_vaddf(&b, fmt, ap);
	va_end(ap);
	gql_error_set_buf(lx->err, GQL_ERR_SYNTAX, gql_lex_loc(lx, at), &b);
	return -1;
}

/*
 * Decode one UTF-8 sequence at p (p < end): its length, or 0 if it is not
 * valid UTF-8 (overlong, surrogate, beyond U+10FFFF, truncated).
 */
static size_t
lex_utf8(const char *p, const char *end, uint32_t *cp)
{
	const unsigned char	*s = (const unsigned char *)p;
	size_t			 n, i, avail = (size_t)(end - p);
	uint32_t		 c = s[0], min;

	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	if (c >= 0xc2 && c <= 0xdf) {
		n = 2, c &= 0x1f, min = 0x80;
	} else if (c >= 0xe0 && c <= 0xef) {
		n = 3, c &= 0x0f, min = 0x800;
	} else if (c >= 0xf0 && c <= 0xf4) {
		n = 4, c &= 0x07, min = 0x10000;
	} else
		return 0;
	if (avail < n)
		return 0;
	for (i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		c = (c << 6) | (s[i] & 0x3f);
	}
	if (c < min || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
		return 0;
	*cp = c;
	return n;
}

/* Describe the character at `at` as graphql-js's printCodePointAt(). */
static void
lex_describe_at(const struct gql_lexer *lx, const char *at, char *out,
    size_t size)
{
	uint32_t	cp;

	if (at >= lx->end)
		snprintf(out, size, "<EOF>");
	else if (lex_utf8(at, lx->end, &cp) == 0)
		snprintf(out, size, "byte 0x%02X", (unsigned char)*at);
	else if (cp == '"')
		snprintf(out, size, "'\"'");
	else if (cp >= 0x20 && cp <= 0x7e)
		snprintf(out, size, "\"%c\"", (int)cp);
	else
		snprintf(out, size, "U+%04X", (unsigned)cp);
}

/* A character that starts no token. */
static int
lex_bad_char(struct gql_lexer *lx, const char *p, const char *what)
{
	char		desc[32];
	uint32_t	cp;

	if (*p == '\'')
		return lex_error(lx, p, "Unexpected single quote character "
		    "('), did you mean to use a double quote (\")?");
	lex_describe_at(lx, p, desc, sizeof(desc));
	if (lex_utf8(p, lx->end, &cp) == 0)
		return lex_error(lx, p, "Invalid character%s: %s.", what,
		    desc);
	return lex_error(lx, p, "Unexpected character%s: %s.", what, desc);
}

static void
lex_token(struct gql_lexer *lx, struct gql_token *t, enum gql_tok kind,
    const char *start, const char *end)
{
	t->kind = kind;
	t->start = start;
	t->len = (uint32_t)(end - start);
	t->loc.line = lx->line;
	t->loc.column = (uint32_t)(1 + (start - lx->line_start) +
	    lx->col_adjust);
	t->value = NULL;
	t->value_len = 0;
	lx->p = end;
}

/* Read the next token after ignored ones into `t`. */
static int
lex_read(struct gql_lexer *lx, struct gql_token *t)
{
	const char	*p = lx->p, *end = lx->end;
	unsigned char	 c;

	for (;;) {
		if (p >= end) {
			lex_token(lx, t, GQL_TOK_EOF, end, end);
			return 0;
		}
		c = (unsigned char)*p;
		if (lex_punct[c] != 0) {
			lex_token(lx, t, (enum gql_tok)lex_punct[c], p, p + 1);
			return 0;
		}
		if (lex_class[c] & C_NAME_START)
			return lex_name(lx, t, p);
		switch (c) {
		case ' ':
		case '\t':
		case ',':
			p++;
			continue;
		case '\n':
			lex_newline(lx, ++p);
			continue;
		case '\r':
			if (++p < end && *p == '\n')
				p++;
			lex_newline(lx, p);
			continue;
		case '#':
			p = lex_comment(lx, p + 1);
			continue;
		case 0xef:	/* a BOM, U+FEFF, is ignored like a space */
			if (end - p >= 3 && (unsigned char)p[1] == 0xbb &&
			    (unsigned char)p[2] == 0xbf) {
				p += 3;
				lx->col_adjust -= 2;
				continue;
			}
			break;
		case '.':
			if (end - p >= 3 && p[1] == '.' && p[2] == '.') {
				lex_token(lx, t, GQL_TOK_SPREAD, p, p + 3);
				return 0;
			}
			break;
		case '"':
			if (end - p >= 3 && p[1] == '"' && p[2] == '"')
				return lex_block_string(lx, t, p);
			return lex_string(lx, t, p);
		default:
			if (c == '-' || (lex_class[c] & C_DIGIT))
				return lex_number(lx, t, p);
			break;
		}
		return lex_bad_char(lx, p, "");
	}
}

static int
lex_name(struct gql_lexer *lx, struct gql_token *t, const char *start)
{
	const char	*p = start + 1;

	while (p < lx->end && (lex_class[(unsigned char)*p] & C_NAME_CONT))
		p++;
	lex_token(lx, t, GQL_TOK_NAME, start, p);
	return 0;
}

/*
 * Skip a comment's text (after '#') up to a line terminator; it also ends
 * at a byte that is not UTF-8, which the caller then reports, as graphql-js
 * ends a comment at a lone surrogate.
 */
static const char *
lex_comment(struct gql_lexer *lx, const char *p)
{
	uint32_t	cp;
	size_t		n;

	while (p < lx->end) {
		if (*p == '\n' || *p == '\r')
			break;
		if ((unsigned char)*p < 0x80) {
			p++;
			continue;
		}
		if ((n = lex_utf8(p, lx->end, &cp)) == 0)
			break;
		lx->col_adjust += (cp >= 0x10000 ? 2 : 1) - (int64_t)n;
		p += n;
	}
	return p;
}

/* IntValue or FloatValue, with graphql-js's exact refusals. */
static int
lex_number(struct gql_lexer *lx, struct gql_token *t, const char *start)
{
	const char	*p = start, *end = lx->end;
	int		 is_float = 0;
	char		 desc[32];

	if (*p == '-')
		p++;
	if (p < end && *p == '0') {
		p++;
		if (p < end && (lex_class[(unsigned char)*p] & C_DIGIT)) {
			lex_describe_at(lx, p, desc, sizeof(desc));
			return lex_error(lx, p, "Invalid number, unexpected "
			    "digit after 0: %s.", desc);
		}
	} else if ((p = lex_digits(lx, p)) == NULL)
		return -1;
	if (p < end && *p == '.') {
		is_float = 1;
		if ((p = lex_digits(lx, p + 1)) == NULL)
			return -1;
	}
	if (p < end && (*p == 'e' || *p == 'E')) {
		is_float = 1;
		p++;
		if (p < end && (*p == '+' || *p == '-'))
			p++;
		if ((p = lex_digits(lx, p)) == NULL)
			return -1;
	}
	if (p < end && (*p == '.' ||
	    (lex_class[(unsigned char)*p] & C_NAME_START))) {
		lex_describe_at(lx, p, desc, sizeof(desc));
		return lex_error(lx, p, "Invalid number, expected digit but "
		    "got: %s.", desc);
	}
	lex_token(lx, t, is_float ? GQL_TOK_FLOAT : GQL_TOK_INT, start, p);
	return 0;
}

/* One or more digits; NULL (error set) if there is none at p. */
static const char *
lex_digits(struct gql_lexer *lx, const char *p)
{
	char	desc[32];

	if (p >= lx->end || !(lex_class[(unsigned char)*p] & C_DIGIT)) {
		lex_describe_at(lx, p, desc, sizeof(desc));
		lex_error(lx, p, "Invalid number, expected digit but got: %s.",
		    desc);
		return NULL;
	}
	while (p < lx->end && (lex_class[(unsigned char)*p] & C_DIGIT))
		p++;
	return p;
}

static int
lex_hex(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}

/* Four hex digits at p as a number, or -1 (read16BitHexCode()). */
static int32_t
lex_hex4(const char *p, const char *end)
{
	int32_t	v = 0;
	int	i, d;

	for (i = 0; i < 4; i++) {
		if (p + i >= end || (d = lex_hex((unsigned char)p[i])) < 0)
			return -1;
		v = (v << 4) | d;
	}
	return v;
}

/*
 * The byte length of the first `units` UTF-16 code units from p, as JS's
 * body.slice(position, position + units) would cut them (never past end).
 */
static size_t
lex_units_span(const char *p, const char *end, size_t units)
{
	const char	*q = p;
	uint32_t	 cp;
	size_t		 n;

	while (units > 0 && q < end) {
		if ((n = lex_utf8(q, end, &cp)) == 0)
			n = 1;
		if (n == 4 && units < 2)
			break;
		units -= (n == 4) ? 2 : 1;
		q += n;
	}
	return (size_t)(q - p);
}

/*
 * Decode the escape sequence at p (a backslash) into a code point and its
 * length in bytes, or fail with graphql-js's message at the backslash.
 */
static int
lex_escape(struct gql_lexer *lx, const char *p, uint32_t *cp, size_t *size)
{
	const char	*end = lx->end;
	const char	*simple = "\"\"\\\\//b\bf\fn\nr\rt\t";
	int64_t		 point = 0, d;
	size_t		 i, n;

	if (end - p >= 2 && p[1] != 'u') {
		for (i = 0; simple[i] != '\0'; i += 2) {
			if (p[1] == simple[i]) {
				*cp = (unsigned char)simple[i + 1];
				*size = 2;
				return 0;
			}
		}
	}
	if (end - p >= 3 && p[1] == 'u' && p[2] == '{') {
		/* \u{X...}: up to 12 code units in all, like graphql-js. */
		for (n = 3; n < 12;) {
			d = p + n < end ? (unsigned char)p[n] : -1;
			n++;
			if (d == '}') {
				if (n < 5 || point > 0x10ffff ||
				    (point >= 0xd800 && point <= 0xdfff))
					break;
				*cp = (uint32_t)point;
				*size = n;
				return 0;
			}
			if ((d = lex_hex((int)d)) < 0)
				break;
			point = (point << 4) | d;
			if (point > 0x7fffffff)
				break;	/* negative as a JS int32 */
		}
		return lex_error(lx, p, "Invalid Unicode escape sequence: "
		    "\"%.*s\".", (int)lex_units_span(p, end, n), p);
	}
	if (end - p >= 2 && p[1] == 'u') {
		point = lex_hex4(p + 2, end);
		if (point >= 0 && (point < 0xd800 || point > 0xdfff)) {
			*cp = (uint32_t)point;
			*size = 6;
			return 0;
		}
		/* A surrogate only as a leading + trailing escaped pair. */
		if (point >= 0xd800 && point <= 0xdbff && end - p >= 8 &&
		    p[6] == '\\' && p[7] == 'u') {
			d = lex_hex4(p + 8, end);
			if (d >= 0xdc00 && d <= 0xdfff) {
				*cp = 0x10000 + (((uint32_t)point - 0xd800) <<
				    10) + ((uint32_t)d - 0xdc00);
				*size = 12;
				return 0;
			}
		}
		return lex_error(lx, p, "Invalid Unicode escape sequence: "
		    "\"%.*s\".", (int)lex_units_span(p, end, 6), p);
	}
	return lex_error(lx, p, "Invalid character escape sequence: \"%.*s\".",
	    (int)lex_units_span(p, end, 2), p);
}

static char *
lex_put_utf8(char *o, uint32_t cp)
{
	if (cp < 0x80) {
		*o++ = (char)cp;
	} else if (cp < 0x800) {
		*o++ = (char)(0xc0 | (cp >> 6));
		*o++ = (char)(0x80 | (cp & 0x3f));
	} else if (cp < 0x10000) {
		*o++ = (char)(0xe0 | (cp >> 12));
		*o++ = (char)(0x80 | ((cp >> 6) & 0x3f));
		*o++ = (char)(0x80 | (cp & 0x3f));
	} else {
		*o++ = (char)(0xf0 | (cp >> 18));
		*o++ = (char)(0x80 | ((cp >> 12) & 0x3f));
		*o++ = (char)(0x80 | ((cp >> 6) & 0x3f));
		*o++ = (char)(0x80 | (cp & 0x3f));
	}
	return o;
}

/*
 * A "..." string: a first pass finds the closing quote and checks every
 * character and escape (errors in source order, as graphql-js); a second
 * decodes into the arena only when there were escapes. Decoding never
 * grows a string, so the source length bounds the copy.
 */
static int
lex_string(struct gql_lexer *lx, struct gql_token *t, const char *start)
{
	const char	*p = start + 1, *end = lx->end, *q;
	int64_t		 adjust = 0;
	int		 escapes = 0;
	uint32_t	 cp;
	size_t		 n;
	char		*o;

	for (;;) {
		if (p >= end || *p == '\n' || *p == '\r')
			return lex_error(lx, p, "Unterminated string.");
		if (*p == '"')
			break;
		if (*p == '\\') {
			if (lex_escape(lx, p, &cp, &n) == -1)
				return -1;
			escapes = 1;
			p += n;
		} else if ((unsigned char)*p < 0x80) {
			p++;
		} else {
			if ((n = lex_utf8(p, end, &cp)) == 0)
				return lex_bad_char(lx, p, " within String");
			adjust += (cp >= 0x10000 ? 2 : 1) - (int64_t)n;
			p += n;
		}
	}
	lex_token(lx, t, GQL_TOK_STRING, start, p + 1);
	lx->col_adjust += adjust;
	if (!escapes) {
		t->value = gql_arena_strndup(lx->arena, start + 1,
		    (size_t)(p - start - 1));
		t->value_len = (size_t)(p - start - 1);
		return 0;
	}
	o = gql_arena_alloc(lx->arena, (size_t)(p - start));
	t->value = o;
	for (q = start + 1; q < p;) {
		if (*q == '\\') {
			(void)lex_escape(lx, q, &cp, &n);
			o = lex_put_utf8(o, cp);
			q += n;
		} else
			*o++ = *q++;
	}
	*o = '\0';
	t->value_len = (size_t)(o - t->value);
	return 0;
}

/*
 * The end of the block-string line starting at p (its terminator, or the
 * closing quotes at `close`); *next is where the following line starts.
 */
static const char *
lex_block_line(const char *p, const char *close, const char **next)
{
	while (p < close && *p != '\n' && *p != '\r')
		p++;
	*next = p;
	if (p < close) {
		(*next)++;
		if (*p == '\r' && *next < close && **next == '\n')
			(*next)++;
	}
	return p;
}

/*
 * BlockStringValue()'s measurements over raw lines in [p, close): the
 * common indentation of the lines after the first, and the first and last
 * lines that are not blank (SIZE_MAX if all are).
 */
static size_t
lex_block_dedent(const char *p, const char *close, size_t *first,
    size_t *last)
{
	const char	*eol, *next, *q;
	size_t		 common = SIZE_MAX, i, indent;

	*first = *last = SIZE_MAX;
	for (i = 0;; i++) {
		eol = lex_block_line(p, close, &next);
		for (q = p; q < eol && (*q == ' ' || *q == '\t'); q++)
			;
		indent = (size_t)(q - p);
		if (q < eol) {
			if (*first == SIZE_MAX)
				*first = i;
			*last = i;
			if (i != 0 && indent < common)
				common = indent;
		}
		if (eol >= close)
			break;
		p = next;
	}
	return common;
}

/* Copy one raw block-string line, turning \""" into """. */
static char *
lex_block_copy(char *o, const char *p, const char *eol)
{
	while (p < eol) {
		if (*p == '\\' && eol - p >= 4 && p[1] == '"' && p[2] == '"' &&
		    p[3] == '"') {
			memcpy(o, "\"\"\"", 3);
			o += 3;
			p += 4;
		} else
			*o++ = *p++;
	}
	return o;
}

/*
 * A """block string""": find the closing quotes (checking characters and
 * counting lines), then build BlockStringValue() in the arena.
 */
static int
lex_block_string(struct gql_lexer *lx, struct gql_token *t, const char *start)
{
	const char	*p = start + 3, *end = lx->end, *close, *eol, *next;
	const char	*line_start = lx->line_start;
	uint32_t	 line = lx->line;
	int64_t		 adjust = lx->col_adjust;
	size_t		 common, first, last, i, n, cut;
	uint32_t	 cp;
	char		*o;

	for (;;) {
		if (p >= end)
			return lex_error(lx, p, "Unterminated string.");
		if (*p == '"' && end - p >= 3 && p[1] == '"' && p[2] == '"')
			break;
		if (*p == '\\' && end - p >= 4 && p[1] == '"' && p[2] == '"' &&
		    p[3] == '"') {
			p += 4;
		} else if (*p == '\n' || *p == '\r') {
			if (*p++ == '\r' && p < end && *p == '\n')
				p++;
			lex_newline(lx, p);
		} else if ((unsigned char)*p < 0x80) {
			p++;
		} else {
			if ((n = lex_utf8(p, end, &cp)) == 0)
				return lex_bad_char(lx, p, " within String");
			lx->col_adjust += (cp >= 0x10000 ? 2 : 1) - (int64_t)n;
			p += n;
		}
	}
	close = p;
	/* The token starts where the lexer stood before the newlines. */
	t->kind = GQL_TOK_BLOCK_STRING;
	t->start = start;
	t->len = (uint32_t)(close + 3 - start);
	t->loc.line = line;
	t->loc.column = (uint32_t)(1 + (start - line_start) + adjust);
	lx->p = close + 3;

	common = lex_block_dedent(start + 3, close, &first, &last);
	o = gql_arena_alloc(lx->arena, (size_t)(close - start - 2));
	t->value = o;
	for (i = 0, p = start + 3; first != SIZE_MAX; i++, p = next) {
		eol = lex_block_line(p, close, &next);
		if (i >= first && i <= last) {
			if (i > first)
				*o++ = '\n';
			cut = 0;
			if (i != 0 && common != SIZE_MAX)
				cut = (size_t)(eol - p) < common ?
				    (size_t)(eol - p) : common;
			o = lex_block_copy(o, p + cut, eol);
		}
		if (i >= last || eol >= close)
			break;
	}
	*o = '\0';
	t->value_len = (size_t)(o - t->value);
	return 0;
}
