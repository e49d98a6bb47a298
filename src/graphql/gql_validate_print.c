/*
 * gql_validate_print.c: the text validation messages quote: values and
 * type references as graphql-js print() writes them (printString's
 * escapes, printBlockString's layout), and "Did you mean" suggestions as
 * graphql-js builds them (suggestionList(): Damerau-Levenshtein distance
 * on lower-cased names within 40% of the input's length, ties in natural
 * order; didYouMean(): at most five, "a, b, or c"). Values are printed
 * whole, as graphql-js quotes them, in time and space linear in their
 * size.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "common/buf.h"
#include "graphql/gql_arena.h"
#include "graphql/gql_validate_int.h"

#define SUGGEST_MAX	5

static void	 print_value(const struct gql_ast_value *, struct buf *);
static void	 print_string(const char *, size_t, struct buf *);
static void	 print_block_string(const char *, size_t, struct buf *);
static size_t	 print_utf16_len(const char *, size_t);
static int	 print_distance(struct gv *, const char *, size_t,
		    const char *, size_t, uint32_t);
static int	 print_is_digit(int);
static int	 print_lower(int);
static int	 print_caseeq(const char *, const char *, size_t);

/* Append a value literal as graphql-js print() writes it. */
void
gql_validate_print_value(const struct gql_ast_value *val, struct buf *b)
{
	print_value(val, b);
}

static void
print_value(const struct gql_ast_value *val, struct buf *b)
{
	const struct gql_ast_value		*it;
	const struct gql_ast_object_field	*f;

	switch (val->kind) {
	case GQL_VALUE_VARIABLE:
		buf_addc(b, '$');
		buf_add(b, val->name.s, val->name.len);
		break;
	case GQL_VALUE_INT:
	case GQL_VALUE_FLOAT:
		buf_add(b, val->str, val->len);
		break;
	case GQL_VALUE_STRING:
		if (val->block)
			print_block_string(val->str, val->len, b);
		else
			print_string(val->str, val->len, b);
		break;
	case GQL_VALUE_BOOLEAN:
		buf_adds(b, val->boolean ? "true" : "false");
		break;
	case GQL_VALUE_NULL:
		buf_adds(b, "null");
		break;
	case GQL_VALUE_ENUM:
		buf_add(b, val->name.s, val->name.len);
		break;
	case GQL_VALUE_LIST:
		buf_addc(b, '[');
		for (it = val->items; it != NULL; it = it->next) {
			print_value(it, b);
			if (it->next != NULL)
				buf_adds(b, ", ");
		}
		buf_addc(b, ']');
		break;
	case GQL_VALUE_OBJECT:
		buf_addc(b, '{');
		for (f = val->fields; f != NULL; f = f->next) {
			buf_add(b, f->name.s, f->name.len);
			buf_adds(b, ": ");
			print_value(f->value, b);
			if (f->next != NULL)
				buf_adds(b, ", ");
		}
		buf_addc(b, '}');
		break;
	}
}

/* graphql-js printString(): JSON-like escapes, C0 and C1 as \uXXXX. */
static void
print_string(const char *s, size_t len, struct buf *b)
{
	static const char	 hex[] = "0123456789ABCDEF";
	unsigned char		 c;
	size_t			 i;

	buf_addc(b, '"');
	for (i = 0; i < len; i++) {
		c = (unsigned char)s[i];
		if (c == '"' || c == '\\') {
			buf_addc(b, '\\');
			buf_addc(b, (char)c);
		} else if (c == '\b' || c == '\t' || c == '\n' || c == '\f' ||
		    c == '\r') {
			buf_addc(b, '\\');
			buf_addc(b, "btn?fr"[c == '\b' ? 0 : c == '\t' ? 1 :
			    c == '\n' ? 2 : c == '\f' ? 4 : 5]);
		} else if (c < 0x20 || c == 0x7f) {
			buf_adds(b, "\\u00");
			buf_addc(b, hex[c >> 4]);
			buf_addc(b, hex[c & 15]);
		} else if (c == 0xc2 && i + 1 < len &&
		    (unsigned char)s[i + 1] >= 0x80 &&
		    (unsigned char)s[i + 1] <= 0x9f) {
			c = (unsigned char)s[++i];
			buf_adds(b, "\\u00");
			buf_addc(b, hex[c >> 4]);
			buf_addc(b, hex[c & 15]);
		} else {
			buf_addc(b, (char)c);
		}
	}
	buf_addc(b, '"');
}

static size_t
print_utf16_len(const char *s, size_t len)
{
	size_t	i, n = 0;

	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];

		if ((c & 0xc0) != 0x80)
			n += c >= 0xf0 ? 2 : 1;
	}
	return n;
}

/* graphql-js printBlockString(). */
static void
print_block_string(const char *s, size_t len, struct buf *b)
{
	size_t	i, nlines = 1;
	int	lead_ws = 1, trail3, trail_quote, trail_slash;
	int	multi, force_lead, skip_lead;

	for (i = 0; i < len; i++) {
		if (s[i] == '\r' && i + 1 < len && s[i + 1] == '\n')
			i++;
		if (s[i] != '\n' && s[i] != '\r')
			continue;
		nlines++;
		if (i + 1 < len && s[i + 1] != '\n' && s[i + 1] != '\r' &&
		    s[i + 1] != ' ' && s[i + 1] != '\t')
			lead_ws = 0;
	}
	force_lead = nlines > 1 && lead_ws;
	trail3 = len >= 3 && memcmp(s + len - 3, "\"\"\"", 3) == 0;
	trail_quote = len > 0 && s[len - 1] == '"' && !trail3;
	trail_slash = len > 0 && s[len - 1] == '\\';
	multi = nlines > 1 || print_utf16_len(s, len) > 70 || trail_quote ||
	    trail_slash || force_lead || trail3;
	skip_lead = nlines == 1 && len > 0 && (s[0] == ' ' || s[0] == '\t');
	buf_adds(b, "\"\"\"");
	if ((multi && !skip_lead) || force_lead)
		buf_addc(b, '\n');
	for (i = 0; i < len; i++) {
		if (i + 3 <= len && memcmp(s + i, "\"\"\"", 3) == 0) {
			buf_adds(b, "\\\"\"\"");
			i += 2;
		} else {
			buf_addc(b, s[i]);
		}
	}
	if (multi || trail_quote || trail_slash)
		buf_addc(b, '\n');
	buf_adds(b, "\"\"\"");
}

/* Append a type reference as written in a document ("[String!]!"). */
void
gql_validate_print_type(const struct gql_ast_type *t, struct buf *b)
{
	switch (t->kind) {
	case GQL_WRAP_NAMED:
		buf_add(b, t->name.s, t->name.len);
		break;
	case GQL_WRAP_LIST:
		buf_addc(b, '[');
		gql_validate_print_type(t->of, b);
		buf_addc(b, ']');
		break;
	case GQL_WRAP_NON_NULL:
		gql_validate_print_type(t->of, b);
		buf_addc(b, '!');
		break;
	}
}

/* Append a schema type reference ("[String!]!"), as inspect() does. */
void
gql_validate_print_typeref(const struct gql_typeref *t, struct buf *b)
{
	gql_typeref_print(t, b);
}

static int
print_lower(int c)
{
	return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
}

static int
print_caseeq(const char *a, const char *b, size_t len)
{
	size_t	i;

	for (i = 0; i < len; i++) {
		if (print_lower((unsigned char)a[i]) !=
		    print_lower((unsigned char)b[i]))
			return 0;
	}
	return 1;
}

static int
print_is_digit(int c)
{
	return c >= '0' && c <= '9';
}

/* graphql-js naturalCompare(): digit runs compare as numbers. */
int
gql_validate_print_natural_cmp(const char *a, const char *b)
{
	size_t		ai = 0, bi = 0, alen = strlen(a), blen = strlen(b);
	uint64_t	an, bn;
	int		ac, bc;

	while (ai < alen && bi < blen) {
		ac = (unsigned char)a[ai];
		bc = (unsigned char)b[bi];
		if (print_is_digit(ac) && print_is_digit(bc)) {
			an = 0;
			do {
				an = an * 10 + (uint64_t)(ac - '0');
				ac = (unsigned char)a[++ai];
			} while (print_is_digit(ac) && an > 0 &&
			    an < UINT64_MAX / 20);
			bn = 0;
			do {
				bn = bn * 10 + (uint64_t)(bc - '0');
				bc = (unsigned char)b[++bi];
			} while (print_is_digit(bc) && bn > 0 &&
			    bn < UINT64_MAX / 20);
			if (an != bn)
				return an < bn ? -1 : 1;
		} else {
			if (ac != bc)
				return ac < bc ? -1 : 1;
			ai++;
			bi++;
		}
	}
	return alen == blen ? 0 : alen < blen ? -1 : 1;
}

/*
 * graphql-js LexicalDistance.measure(): -1 for "too far". Both strings
 * are compared lower-cased (ASCII, as GraphQL names are).
 */
static int
print_distance(struct gv *v, const char *in, size_t inlen, const char *opt,
    size_t optlen, uint32_t threshold)
{
	const char	*a = opt, *bs = in;
	size_t		 alen = optlen, blen = inlen, i, j;
	uint32_t	*rows[3], cell, small, cost;

	if (inlen == optlen && memcmp(in, opt, inlen) == 0)
		return 0;
	if (inlen == optlen && print_caseeq(in, opt, inlen))
		return 1;
	if (alen < blen) {
		a = in;
		alen = inlen;
		bs = opt;
		blen = optlen;
	}
	if (alen - blen > threshold)
		return -1;
	for (i = 0; i < 3; i++)
		rows[i] = gql_arena_alloc(v->arena, (blen + 1) *
		    sizeof(uint32_t));
	for (j = 0; j <= blen; j++)
		rows[0][j] = (uint32_t)j;
	for (i = 1; i <= alen; i++) {
		uint32_t *up = rows[(i - 1) % 3], *cur = rows[i % 3];

		small = cur[0] = (uint32_t)i;
		for (j = 1; j <= blen; j++) {
			int ca = print_lower((unsigned char)a[i - 1]);

			cost = ca == print_lower((unsigned char)bs[j - 1]) ?
			    0 : 1;
			cell = up[j] + 1;
			if (cur[j - 1] + 1 < cell)
				cell = cur[j - 1] + 1;
			if (up[j - 1] + cost < cell)
				cell = up[j - 1] + cost;
			if (i > 1 && j > 1 && ca ==
			    print_lower((unsigned char)bs[j - 2]) &&
			    print_lower((unsigned char)a[i - 2]) ==
			    print_lower((unsigned char)bs[j - 1]) &&
			    rows[(i - 2) % 3][j - 2] + 1 < cell)
				cell = rows[(i - 2) % 3][j - 2] + 1;
			if (cell < small)
				small = cell;
			cur[j] = cell;
		}
		if (small > threshold)
			return -1;
	}
	cell = rows[alen % 3][blen];
	return cell <= threshold ? (int)cell : -1;
}

/*
 * Append graphql-js's didYouMean(sub, suggestionList(input, options)):
 * options are NUL-terminated names (`lens` their lengths, or NULL).
 */
void
gql_validate_print_suggest(struct gv *v, const char *in, size_t inlen,
    const char *const *opts, const uint32_t *lens, uint32_t n,
    const char *sub, struct buf *b)
{
	const char	**sel;
	int		 *dist, d, dj;
	uint32_t	  i, j, k = 0, threshold;
	size_t		  len;

	threshold = (uint32_t)(print_utf16_len(in, inlen) * 2 / 5) + 1;
	sel = gql_arena_calloc(v->arena, n + 1, sizeof(*sel));
	dist = gql_arena_calloc(v->arena, n + 1, sizeof(*dist));
	for (i = 0; i < n; i++) {
		len = lens != NULL ? lens[i] : strlen(opts[i]);
		if ((d = print_distance(v, in, inlen, opts[i], len,
		    threshold)) < 0)
			continue;
		for (j = 0; j < k; j++) {
			if (strcmp(sel[j], opts[i]) == 0)
				break;
		}
		if (j < k)
			continue;	/* an object's keys: no duplicates */
		/* Insertion sort: by distance, then natural order. */
		for (j = k; j > 0; j--) {
			dj = dist[j - 1];
			if (dj < d || (dj == d &&
			    gql_validate_print_natural_cmp(sel[j - 1],
			    opts[i]) <= 0))
				break;
			sel[j] = sel[j - 1];
			dist[j] = dist[j - 1];
		}
		sel[j] = opts[i];
		dist[j] = d;
		k++;
	}
	gql_validate_print_did_you_mean(sel, k, sub, b);
}

/* Append graphql-js's didYouMean(): ' Did you mean "a", "b", or "c"?'. */
void
gql_validate_print_did_you_mean(const char *const *names, uint32_t n,
    const char *sub, struct buf *b)
{
	uint32_t	i;

	if (n == 0)
		return;
	buf_adds(b, " Did you mean ");
	if (sub != NULL) {
		buf_adds(b, sub);
		buf_addc(b, ' ');
	}
	if (n > SUGGEST_MAX)
		n = SUGGEST_MAX;
	for (i = 0; i < n; i++) {
		if (i > 0 && n == 2)
			buf_adds(b, " or ");
		else if (i > 0 && i == n - 1)
			buf_adds(b, ", or ");
		else if (i > 0)
			buf_adds(b, ", ");
		buf_addc(b, '"');
		buf_adds(b, names[i]);
		buf_addc(b, '"');
	}
	buf_addc(b, '?');
}
