/*
 * edge_json.c: the edge's fast JSON object scanner (edge_json.h). One
 * pass over the bytes, nothing allocated: it walks the grammar of RFC
 * 8259, checks UTF-8 as jansson does (no overlong forms, no surrogates,
 * nothing above U+10FFFF), checks every escape (\u0000 and lone surrogate
 * escapes are jansson errors), and refuses duplicate keys in every object
 * by comparing raw key bytes - which is why a key with an escape is "not
 * sure". A number is "not sure" when it could overflow what jansson reads
 * it into (an int64 beyond 18 digits, a double beyond about 1e300).
 *
 * "Not sure" is -1 and the caller falls back to jansson; so this file can
 * only make accepted input cheaper, never change what is accepted.
 */
#include "config.h"

#include <stdint.h>
#include <string.h>

#include "common/xmalloc.h"
#include "edge/edge_json.h"

#define SCAN_DEPTH_MAX	64
#define SCAN_KEYS_MAX	128
#define ONES		0x0101010101010101ULL
#define HIGHS		0x8080808080808080ULL

/* Tests set 0 to run the edge's parsers on jansson alone. */
int	edge_json_fast_path = 1;

struct scan {
	const unsigned char	*p;
	const unsigned char	*end;
	unsigned		 depth;
	unsigned		 nkeys;		/* keys of the open objects */
	const unsigned char	*key[SCAN_KEYS_MAX];
	size_t			 klen[SCAN_KEYS_MAX];
};

static void	 scan_ws(struct scan *);
static int	 scan_value(struct scan *, enum edge_json_kind *, int *);
static int	 scan_object(struct scan *, struct edge_json_member *, size_t);
static int	 scan_member(struct scan *, unsigned, struct edge_json_member *,
		    size_t);
static int	 scan_array(struct scan *);
static int	 scan_string(struct scan *, int *);
static int	 special8(const unsigned char *);
static int	 scan_escape(struct scan *);
static int	 scan_utf8(struct scan *);
static int	 scan_number(struct scan *);
static int	 scan_word(struct scan *, const char *, size_t);
static int	 key_add(struct scan *, unsigned, const unsigned char *, size_t);
static int	 hex4(const unsigned char *, unsigned *);
static char	*put_utf8(char *, unsigned);

static void
scan_ws(struct scan *s)
{
	while (s->p < s->end && (*s->p == ' ' || *s->p == '\n' ||
	    *s->p == '\r' || *s->p == '\t'))
		s->p++;
}

static int
scan_value(struct scan *s, enum edge_json_kind *kind, int *escaped)
{
	*escaped = 0;
	if (s->p >= s->end)
		return -1;
	switch (*s->p) {
	case '"':
		*kind = EDGE_JSON_STRING;
		return scan_string(s, escaped);
	case '{':
		*kind = EDGE_JSON_OBJECT;
		return scan_object(s, NULL, 0);
	case '[':
		*kind = EDGE_JSON_ARRAY;
		return scan_array(s);
	case 't':
		*kind = EDGE_JSON_TRUE;
		return scan_word(s, "true", 4);
	case 'f':
		*kind = EDGE_JSON_FALSE;
		return scan_word(s, "false", 5);
	case 'n':
		*kind = EDGE_JSON_NULL;
		return scan_word(s, "null", 4);
	default:
		*kind = EDGE_JSON_NUMBER;
		return scan_number(s);
	}
}

/* At '{': the object; want (top level only) gets the members asked for. */
static int
scan_object(struct scan *s, struct edge_json_member *want, size_t n)
{
	unsigned	base = s->nkeys;

	if (++s->depth > SCAN_DEPTH_MAX)
		return -1;
	s->p++;
	scan_ws(s);
	if (s->p < s->end && *s->p == '}') {
		s->p++;
		s->depth--;
		return 0;
	}
	for (;;) {
		if (scan_member(s, base, want, n) == -1)
			return -1;
		scan_ws(s);
		if (s->p >= s->end)
			return -1;
		if (*s->p == '}')
			break;
		if (*s->p != ',')
			return -1;
		s->p++;
		scan_ws(s);
	}
	s->p++;
	s->nkeys = base;
	s->depth--;
	return 0;
}

static int
scan_member(struct scan *s, unsigned base, struct edge_json_member *want,
    size_t n)
{
	const unsigned char	*k, *v;
	enum edge_json_kind	 kind;
	size_t			 klen, i;
	int			 esc;

	if (s->p >= s->end || *s->p != '"')
		return -1;
	k = s->p + 1;
	if (scan_string(s, &esc) == -1 || esc)
		return -1;
	klen = (size_t)(s->p - 1 - k);
	if (key_add(s, base, k, klen) == -1)
		return -1;
	scan_ws(s);
	if (s->p >= s->end || *s->p != ':')
		return -1;
	s->p++;
	scan_ws(s);
	v = s->p;
	if (scan_value(s, &kind, &esc) == -1)
		return -1;
	for (i = 0; i < n; i++) {
		if (strlen(want[i].name) != klen ||
		    memcmp(want[i].name, k, klen) != 0)
			continue;
		want[i].kind = kind;
		want[i].escaped = esc;
		want[i].text = (const char *)v + (kind == EDGE_JSON_STRING);
		want[i].len = (size_t)(s->p - v) -
		    (kind == EDGE_JSON_STRING ? 2 : 0);
		break;
	}
	return 0;
}

/* Remember a key of the object whose keys start at base; -1 if seen. */
static int
key_add(struct scan *s, unsigned base, const unsigned char *k, size_t len)
{
	unsigned	i;

	if (s->nkeys == SCAN_KEYS_MAX)
		return -1;
	for (i = base; i < s->nkeys; i++)
		if (s->klen[i] == len && memcmp(s->key[i], k, len) == 0)
			return -1;
	s->key[s->nkeys] = k;
	s->klen[s->nkeys++] = len;
	return 0;
}

static int
scan_array(struct scan *s)
{
	enum edge_json_kind	kind;
	int			esc;

	if (++s->depth > SCAN_DEPTH_MAX)
		return -1;
	s->p++;
	scan_ws(s);
	if (s->p < s->end && *s->p == ']') {
		s->p++;
		s->depth--;
		return 0;
	}
	for (;;) {
		if (scan_value(s, &kind, &esc) == -1)
			return -1;
		scan_ws(s);
		if (s->p >= s->end)
			return -1;
		if (*s->p == ']')
			break;
		if (*s->p != ',')
			return -1;
		s->p++;
		scan_ws(s);
	}
	s->p++;
	s->depth--;
	return 0;
}

/*
 * Whether 8 bytes hold one that is not plain string content: a control
 * character, '"', '\\' or a byte >= 0x80 (the has-less-than and
 * has-zero-byte tricks: a borrow can only flag a byte above a real hit).
 */
static int
special8(const unsigned char *p)
{
	uint64_t	x, q, b;

	memcpy(&x, p, sizeof(x));
	q = x ^ (ONES * '"');
	b = x ^ (ONES * '\\');
	return (((x - ONES * 0x20) & ~x) | ((q - ONES) & ~q) |
	    ((b - ONES) & ~b) | x) & HIGHS ? 1 : 0;
}

/* At '"': a string, left after its closing quote. */
static int
scan_string(struct scan *s, int *escaped)
{
	const unsigned char	*p = s->p + 1, *end = s->end;

	*escaped = 0;
	for (;;) {
		while (end - p >= 8 && !special8(p))
			p += 8;
		while (p < end && *p >= 0x20 && *p < 0x80 && *p != '"' &&
		    *p != '\\')
			p++;
		if (p >= end || *p < 0x20)
			return -1;
		if (*p == '"')
			break;
		s->p = p;
		if (*p == '\\') {
			*escaped = 1;
			if (scan_escape(s) == -1)
				return -1;
		} else if (scan_utf8(s) == -1)
			return -1;
		p = s->p;
	}
	s->p = p + 1;
	return 0;
}

/* At '\\': one escape; a high surrogate must pair with a low one. */
static int
scan_escape(struct scan *s)
{
	const unsigned char	*p = s->p;
	size_t			 left = (size_t)(s->end - p);
	unsigned		 u, lo;

	if (left < 2)
		return -1;
	if (p[1] != 'u') {
		if (memchr("\"\\/bfnrt", p[1], 8) == NULL)
			return -1;
		s->p = p + 2;
		return 0;
	}
	if (left < 6 || hex4(p + 2, &u) == -1 || u == 0 ||
	    (u >= 0xdc00 && u <= 0xdfff))
		return -1;
	if (u < 0xd800 || u > 0xdbff) {
		s->p = p + 6;
		return 0;
	}
	if (left < 12 || p[6] != '\\' || p[7] != 'u' ||
	    hex4(p + 8, &lo) == -1 || lo < 0xdc00 || lo > 0xdfff)
		return -1;
	s->p = p + 12;
	return 0;
}

/* At a byte >= 0x80: one well-formed UTF-8 sequence (RFC 3629). */
static int
scan_utf8(struct scan *s)
{
	const unsigned char	*p = s->p;
	unsigned		 c = p[0], v;
	size_t			 n, i;

	if (c >= 0xc2 && c <= 0xdf) {
		n = 2;
		v = c & 0x1f;
	} else if (c >= 0xe0 && c <= 0xef) {
		n = 3;
		v = c & 0x0f;
	} else if (c >= 0xf0 && c <= 0xf4) {
		n = 4;
		v = c & 0x07;
	} else
		return -1;
	if ((size_t)(s->end - p) < n)
		return -1;
	for (i = 1; i < n; i++) {
		if ((p[i] & 0xc0) != 0x80)
			return -1;
		v = v << 6 | (p[i] & 0x3f);
	}
	if ((n == 3 && v < 0x800) || (n == 4 && v < 0x10000) ||
	    v > 0x10ffff || (v >= 0xd800 && v <= 0xdfff))
		return -1;
	s->p = p + n;
	return 0;
}

/*
 * A number (RFC 8259 section 6). Integers of up to 18 digits always fit
 * jansson's int64; a real whose magnitude stays below 1e300 its double.
 */
static int
scan_number(struct scan *s)
{
	const unsigned char	*p = s->p, *end = s->end, *d;
	long			 idigits, exp = 0;
	int			 real = 0, eneg = 0;

	if (p < end && *p == '-')
		p++;
	d = p;
	if (p < end && *p == '0')
		p++;
	else
		while (p < end && *p >= '0' && *p <= '9')
			p++;
	if (p == d)
		return -1;
	idigits = (long)(p - d);
	if (p < end && *p == '.') {
		d = ++p;
		while (p < end && *p >= '0' && *p <= '9')
			p++;
		if (p == d)
			return -1;
		real = 1;
	}
	if (p < end && (*p == 'e' || *p == 'E')) {
		if (++p < end && (*p == '+' || *p == '-'))
			eneg = *p++ == '-';
		for (d = p; p < end && *p >= '0' && *p <= '9'; p++)
			if (p - d < 5)
				exp = exp * 10 + (*p - '0');
		if (p == d || p - d > 5)
			return -1;
		real = 1;
	}
	if (real ? idigits + (eneg ? -exp : exp) > 300 : idigits > 18)
		return -1;
	s->p = p;
	return 0;
}

static int
scan_word(struct scan *s, const char *w, size_t len)
{
	if ((size_t)(s->end - s->p) < len || memcmp(s->p, w, len) != 0)
		return -1;
	s->p += len;
	return 0;
}

static int
hex4(const unsigned char *p, unsigned *out)
{
	unsigned	v = 0, i, c;

	for (i = 0; i < 4; i++) {
		c = p[i];
		if (c >= '0' && c <= '9')
			c -= '0';
		else if (c >= 'a' && c <= 'f')
			c -= 'a' - 10;
		else if (c >= 'A' && c <= 'F')
			c -= 'A' - 10;
		else
			return -1;
		v = v << 4 | c;
	}
	*out = v;
	return 0;
}

static char *
put_utf8(char *o, unsigned u)
{
	if (u < 0x80)
		*o++ = (char)u;
	else if (u < 0x800) {
		*o++ = (char)(0xc0 | u >> 6);
		*o++ = (char)(0x80 | (u & 0x3f));
	} else if (u < 0x10000) {
		*o++ = (char)(0xe0 | u >> 12);
		*o++ = (char)(0x80 | (u >> 6 & 0x3f));
		*o++ = (char)(0x80 | (u & 0x3f));
	} else {
		*o++ = (char)(0xf0 | u >> 18);
		*o++ = (char)(0x80 | (u >> 12 & 0x3f));
		*o++ = (char)(0x80 | (u >> 6 & 0x3f));
		*o++ = (char)(0x80 | (u & 0x3f));
	}
	return o;
}

/*
 * Check that text (len bytes) is one JSON object jansson accepts with
 * JSON_REJECT_DUPLICATES, and fill want[0..n) with its top-level members
 * of those names (kind EDGE_JSON_ABSENT if missing). Return 0, or -1 when
 * not sure: ask jansson.
 */
int
edge_json_object(const char *text, size_t len, struct edge_json_member *want,
    size_t n)
{
	struct scan	s;
	size_t		i;

	for (i = 0; i < n; i++) {
		want[i].kind = EDGE_JSON_ABSENT;
		want[i].text = NULL;
		want[i].len = 0;
		want[i].escaped = 0;
	}
	s.p = (const unsigned char *)text;
	s.end = s.p + len;
	s.depth = 0;
	s.nkeys = 0;
	scan_ws(&s);
	if (s.p >= s.end || *s.p != '{' || scan_object(&s, want, n) == -1)
		return -1;
	scan_ws(&s);
	return s.p == s.end ? 0 : -1;
}

/* Return a string member's value, unescaped, NUL-terminated (free it). */
char *
edge_json_string(const struct edge_json_member *m)
{
	const unsigned char	*p = (const unsigned char *)m->text;
	const unsigned char	*end = p + m->len;
	char			*out = xmalloc(m->len + 1), *o = out;
	unsigned		 u, lo;

	if (!m->escaped) {
		memcpy(out, p, m->len);
		out[m->len] = '\0';
		return out;
	}
	while (p < end) {
		if (*p != '\\') {
			*o++ = (char)*p++;
			continue;
		}
		switch (p[1]) {
		case 'b': *o++ = '\b'; break;
		case 'f': *o++ = '\f'; break;
		case 'n': *o++ = '\n'; break;
		case 'r': *o++ = '\r'; break;
		case 't': *o++ = '\t'; break;
		case 'u':
			(void)hex4(p + 2, &u);
			p += 6;
			if (u >= 0xd800 && u <= 0xdbff) {
				(void)hex4(p + 2, &lo);
				p += 6;
				u = 0x10000 + ((u - 0xd800) << 10) +
				    (lo - 0xdc00);
			}
			o = put_utf8(o, u);
			continue;
		default: *o++ = (char)p[1]; break;
		}
		p += 2;
	}
	*o = '\0';
	return out;
}
