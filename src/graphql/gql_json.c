/*
 * gql_json.c: JSON in and out for the engine (see gql_json.h). The parser
 * is a recursive descent bounded by a depth limit, building values into
 * the caller's arena; list items and object fields are gathered on one
 * shared growable stack and copied into the arena when their container
 * closes, so a value costs no per-node malloc. The writers follow
 * JSON.stringify(), the number formatter ECMAScript's Number::toString.
 */
#include "config.h"

#ifdef __SSE2__
#include <emmintrin.h>
#endif
#if defined(__x86_64__) && defined(__GNUC__)
#include <immintrin.h>
#define JSON_AVX2	1	/* chosen at run time, where the CPU has it */
#endif
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/buf.h"
#include "common/xmalloc.h"
#include "graphql/gql_arena.h"
#include "graphql/gql_json.h"
#include "graphql/gql_value.h"

struct jparse {
	const char		*p;
	const char		*end;
	const char		*start;
	struct gql_arena	*arena;
	unsigned		 depth;
	unsigned		 max_depth;
	char			*err;
	size_t			 errlen;
	int			 failed;
	struct gql_value	*items;		/* shared stack of list items */
	size_t			 nitems, capitems;
	struct gql_value_field	*fields;	/* shared stack of fields */
	size_t			 nfields, capfields;
};

static int	 json_fail(struct jparse *, const char *);
static void	 json_ws(struct jparse *);
static int	 json_value(struct jparse *, struct gql_value *);
static int	 json_literal(struct jparse *, const char *, size_t);
static int	 json_number(struct jparse *, struct gql_value *);
static int	 json_string(struct jparse *, const char **, size_t *);
static int	 json_escape(struct jparse *, struct buf *);
static int	 json_hex4(struct jparse *, unsigned *);
static int	 json_array(struct jparse *, struct gql_value *);
static int	 json_object(struct jparse *, struct gql_value *);
static size_t	 json_dedup(struct gql_value_field *, size_t);
static size_t	 json_dedup_hashed(struct gql_value_field *, size_t);
static size_t	 json_utf8_len(const unsigned char *, size_t);
static void	 json_utf8_put(struct buf *, unsigned);
static int	 json_shortest(double, char *, int *);
static size_t	 json_copy_plain(char *, const unsigned char *, size_t);
static size_t	 json_copy_plain16(char *, const unsigned char *, size_t);
#ifdef JSON_AVX2
static size_t	 json_copy_plain32(char *, const unsigned char *, size_t)
		    __attribute__((target("avx2")));
#endif
static size_t	 json_scan_plain(const unsigned char *, size_t);
static size_t	 json_write_special(struct buf *, const unsigned char *,
		    size_t);

#define JSON_BLOCK	16	/* bytes a block copy may write past a run */

#define SWAR_ONES	0x0101010101010101ULL
#define SWAR_HIGH	0x8080808080808080ULL

/*
 * Whether any of 8 bytes needs a look in a JSON string: a control
 * character, '"', '\\' or a non-ASCII byte (exact "any", by the classic
 * has-zero-byte tricks), so ASCII text is skipped 8 bytes at a time.
 */
static inline int
json_swar_special(const unsigned char *p)
{
	uint64_t	w, q, e;

	memcpy(&w, p, 8);
	q = w ^ (SWAR_ONES * '"');
	e = w ^ (SWAR_ONES * '\\');
	return ((w | ((w - SWAR_ONES * 0x20) & ~w) |
	    ((q - SWAR_ONES) & ~q) | ((e - SWAR_ONES) & ~e)) &
	    SWAR_HIGH) != 0;
}

static int
json_fail(struct jparse *j, const char *what)
{
	if (!j->failed && j->err != NULL && j->errlen > 0)
		snprintf(j->err, j->errlen, "%s at byte %zu", what,
		    (size_t)(j->p - j->start));
	j->failed = 1;
	return -1;
}

static void
json_ws(struct jparse *j)
{
	while (j->p < j->end && (*j->p == ' ' || *j->p == '\t' ||
	    *j->p == '\n' || *j->p == '\r'))
		j->p++;
}

/*
 * Parse `len` bytes of JSON text into a value in `arena`. `max_depth` 0
 * means GQL_JSON_DEPTH_MAX. Returns NULL, with a message in err, when the
 * text is not exactly one JSON value.
 */
struct gql_value *
gql_json_parse(const char *text, size_t len, struct gql_arena *arena,
    unsigned max_depth, char *err, size_t errlen)
{
	struct jparse		 j;
	struct gql_value	*v;

	memset(&j, 0, sizeof(j));
	j.p = j.start = text;
	j.end = text + len;
	j.arena = arena;
	j.max_depth = max_depth != 0 ? max_depth : GQL_JSON_DEPTH_MAX;
	j.err = err;
	j.errlen = errlen;
	v = gql_arena_calloc(arena, 1, sizeof(*v));
	json_ws(&j);
	if (json_value(&j, v) == 0) {
		json_ws(&j);
		if (j.p != j.end)
			json_fail(&j, "unexpected data after the value");
	}
	free(j.items);
	free(j.fields);
	return j.failed ? NULL : v;
}

static int
json_value(struct jparse *j, struct gql_value *v)
{
	const char	*s;
	size_t		 len;

	if (j->p >= j->end)
		return json_fail(j, "unexpected end of input");
	switch (*j->p) {
	case '{':
		return json_object(j, v);
	case '[':
		return json_array(j, v);
	case '"':
		if (json_string(j, &s, &len) == -1)
			return -1;
		gql_value_set_string(v, s, len);
		return 0;
	case 't':
		gql_value_set_boolean(v, 1);
		return json_literal(j, "true", 4);
	case 'f':
		gql_value_set_boolean(v, 0);
		return json_literal(j, "false", 5);
	case 'n':
		gql_value_set_null(v);
		return json_literal(j, "null", 4);
	default:
		return json_number(j, v);
	}
}

static int
json_literal(struct jparse *j, const char *word, size_t len)
{
	if ((size_t)(j->end - j->p) < len || memcmp(j->p, word, len) != 0)
		return json_fail(j, "invalid literal");
	j->p += len;
	return 0;
}

static int
json_number(struct jparse *j, struct gql_value *v)
{
	const char	*s = j->p, *p = j->p;
	char		 small[64], *copy;
	int		 integral = 1;
	size_t		 len;
	double		 d;

	if (p < j->end && *p == '-')
		p++;
	if (p >= j->end || *p < '0' || *p > '9')
		return json_fail(j, "invalid value");
	if (*p == '0')
		p++;
	else
		while (p < j->end && *p >= '0' && *p <= '9')
			p++;
	if (p < j->end && *p == '.') {
		integral = 0;
		if (++p >= j->end || *p < '0' || *p > '9')
			return json_fail(j, "invalid number");
		while (p < j->end && *p >= '0' && *p <= '9')
			p++;
	}
	if (p < j->end && (*p == 'e' || *p == 'E')) {
		integral = 0;
		if (++p < j->end && (*p == '+' || *p == '-'))
			p++;
		if (p >= j->end || *p < '0' || *p > '9')
			return json_fail(j, "invalid number");
		while (p < j->end && *p >= '0' && *p <= '9')
			p++;
	}
	len = (size_t)(p - s);
	j->p = p;
	if (integral && len <= 15) {
		/* Exact without strtod: at most 15 digits. */
		int64_t		 iv = 0;
		const char	*q = *s == '-' ? s + 1 : s;

		for (; q < p; q++)
			iv = iv * 10 + (*q - '0');
		gql_value_set_int(v, *s == '-' ? -iv : iv);
		return 0;
	}
	copy = len < sizeof(small) ? small : gql_arena_alloc(j->arena, len + 1);
	memcpy(copy, s, len);
	copy[len] = '\0';
	d = strtod(copy, NULL);
	if (integral)
		gql_value_set_number(v, d);
	else
		gql_value_set_float(v, d);
	return 0;
}

static int
json_hex4(struct jparse *j, unsigned *out)
{
	unsigned	u = 0;
	int		i;
	char		c;

	if (j->end - j->p < 4)
		return json_fail(j, "invalid \\u escape");
	for (i = 0; i < 4; i++) {
		c = *j->p++;
		u <<= 4;
		if (c >= '0' && c <= '9')
			u |= (unsigned)(c - '0');
		else if (c >= 'a' && c <= 'f')
			u |= (unsigned)(c - 'a' + 10);
		else if (c >= 'A' && c <= 'F')
			u |= (unsigned)(c - 'A' + 10);
		else
			return json_fail(j, "invalid \\u escape");
	}
	*out = u;
	return 0;
}

static void
json_utf8_put(struct buf *b, unsigned cp)
{
	char	o[4];

	if (cp < 0x80) {
		buf_addc(b, (char)cp);
	} else if (cp < 0x800) {
		o[0] = (char)(0xc0 | (cp >> 6));
		o[1] = (char)(0x80 | (cp & 0x3f));
		buf_add(b, o, 2);
	} else if (cp < 0x10000) {
		o[0] = (char)(0xe0 | (cp >> 12));
		o[1] = (char)(0x80 | ((cp >> 6) & 0x3f));
		o[2] = (char)(0x80 | (cp & 0x3f));
		buf_add(b, o, 3);
	} else {
		o[0] = (char)(0xf0 | (cp >> 18));
		o[1] = (char)(0x80 | ((cp >> 12) & 0x3f));
		o[2] = (char)(0x80 | ((cp >> 6) & 0x3f));
		o[3] = (char)(0x80 | (cp & 0x3f));
		buf_add(b, o, 4);
	}
}

/* One escape after the backslash; lone surrogates are refused. */
static int
json_escape(struct jparse *j, struct buf *b)
{
	unsigned	cp, lo;
	char		c;

	if (j->p >= j->end)
		return json_fail(j, "unterminated string");
	switch ((c = *j->p++)) {
	case '"': case '\\': case '/':
		buf_addc(b, c);
		return 0;
	case 'b': buf_addc(b, '\b'); return 0;
	case 'f': buf_addc(b, '\f'); return 0;
	case 'n': buf_addc(b, '\n'); return 0;
	case 'r': buf_addc(b, '\r'); return 0;
	case 't': buf_addc(b, '\t'); return 0;
	case 'u':
		break;
	default:
		return json_fail(j, "invalid escape");
	}
	if (json_hex4(j, &cp) == -1)
		return -1;
	if (cp >= 0xdc00 && cp <= 0xdfff)
		return json_fail(j, "lone surrogate escape");
	if (cp >= 0xd800 && cp <= 0xdbff) {
		if (j->end - j->p < 2 || j->p[0] != '\\' || j->p[1] != 'u')
			return json_fail(j, "lone surrogate escape");
		j->p += 2;
		if (json_hex4(j, &lo) == -1)
			return -1;
		if (lo < 0xdc00 || lo > 0xdfff)
			return json_fail(j, "lone surrogate escape");
		cp = 0x10000 + ((cp - 0xd800) << 10) + (lo - 0xdc00);
	}
	json_utf8_put(b, cp);
	return 0;
}

static int
json_string(struct jparse *j, const char **out, size_t *outlen)
{
	const unsigned char	*p;
	const char		*run;
	struct buf		 b = BUF_INIT;
	size_t			 n;
	int			 escaped = 0;

	run = ++j->p;
	for (;;) {
		if (j->p >= j->end) {
			buf_free(&b);
			return json_fail(j, "unterminated string");
		}
		j->p += json_scan_plain((const unsigned char *)j->p,
		    (size_t)(j->end - j->p));
		if (j->p >= j->end)
			continue;
		p = (const unsigned char *)j->p;
		if (*p == '"')
			break;
		if (*p < 0x20) {
			buf_free(&b);
			return json_fail(j, "control character in string");
		}
		if (*p == '\\') {
			buf_add(&b, run, (size_t)(j->p - run));
			j->p++;
			escaped = 1;
			if (json_escape(j, &b) == -1) {
				buf_free(&b);
				return -1;
			}
			run = j->p;
			continue;
		}
		if (*p < 0x80) {
			j->p++;
			continue;
		}
		if ((n = json_utf8_len(p, (size_t)(j->end - j->p))) == 0) {
			buf_free(&b);
			return json_fail(j, "invalid UTF-8");
		}
		j->p += n;
	}
	if (!escaped) {
		*outlen = (size_t)(j->p - run);
		*out = gql_arena_strndup(j->arena, run, *outlen);
	} else {
		buf_add(&b, run, (size_t)(j->p - run));
		*outlen = b.len;
		*out = gql_arena_strndup(j->arena, b.data, b.len);
		buf_free(&b);
	}
	j->p++;
	return 0;
}

static int
json_array(struct jparse *j, struct gql_value *v)
{
	struct gql_value	*items, item;
	size_t			 base = j->nitems, n;

	if (++j->depth > j->max_depth)
		return json_fail(j, "nesting too deep");
	j->p++;
	json_ws(j);
	if (j->p < j->end && *j->p == ']') {
		j->p++;
	} else {
		for (;;) {
			memset(&item, 0, sizeof(item));
			if (json_value(j, &item) == -1)
				return -1;
			if (j->nitems == j->capitems) {
				j->capitems = j->capitems ? j->capitems * 2 : 16;
				j->items = xreallocarray(j->items, j->capitems,
				    sizeof(*j->items));
			}
			j->items[j->nitems++] = item;
			json_ws(j);
			if (j->p < j->end && *j->p == ',') {
				j->p++;
				json_ws(j);
				continue;
			}
			if (j->p < j->end && *j->p == ']') {
				j->p++;
				break;
			}
			return json_fail(j, "expected ',' or ']'");
		}
	}
	n = j->nitems - base;
	if (n > UINT32_MAX)
		return json_fail(j, "array too long");
	items = n ? gql_arena_memdup(j->arena, j->items + base,
	    n * sizeof(*items)) : NULL;
	j->nitems = base;
	v->kind = GQL_V_LIST;
	v->count = (uint32_t)n;
	v->u.items = items;
	j->depth--;
	return 0;
}

static int
json_object(struct jparse *j, struct gql_value *v)
{
	struct gql_value_field	*f, field;
	size_t			 base = j->nfields, n;

	if (++j->depth > j->max_depth)
		return json_fail(j, "nesting too deep");
	j->p++;
	json_ws(j);
	if (j->p < j->end && *j->p == '}') {
		j->p++;
	} else {
		for (;;) {
			if (j->p >= j->end || *j->p != '"')
				return json_fail(j, "expected a string key");
			memset(&field, 0, sizeof(field));
			if (json_string(j, &field.name, &field.name_len) == -1)
				return -1;
			json_ws(j);
			if (j->p >= j->end || *j->p != ':')
				return json_fail(j, "expected ':'");
			j->p++;
			json_ws(j);
			if (json_value(j, &field.value) == -1)
				return -1;
			if (j->nfields == j->capfields) {
				j->capfields = j->capfields ? j->capfields * 2 : 16;
				j->fields = xreallocarray(j->fields, j->capfields,
				    sizeof(*j->fields));
			}
			j->fields[j->nfields++] = field;
			json_ws(j);
			if (j->p < j->end && *j->p == ',') {
				j->p++;
				json_ws(j);
				continue;
			}
			if (j->p < j->end && *j->p == '}') {
				j->p++;
				break;
			}
			return json_fail(j, "expected ',' or '}'");
		}
	}
	n = j->nfields > base ? json_dedup(j->fields + base,
	    j->nfields - base) : 0;
	if (n > UINT32_MAX)
		return json_fail(j, "object too large");
	f = n ? gql_arena_memdup(j->arena, j->fields + base,
	    n * sizeof(*f)) : NULL;
	j->nfields = base;
	v->kind = GQL_V_OBJECT;
	v->count = (uint32_t)n;
	v->u.fields = f;
	j->depth--;
	return 0;
}

/* JSON.parse(): a repeated key keeps its first position, the last value. */
static size_t
json_dedup(struct gql_value_field *f, size_t n)
{
	size_t	i, k, out = 0;

	if (n > 16)
		return json_dedup_hashed(f, n);
	for (i = 0; i < n; i++) {
		for (k = 0; k < out; k++)
			if (f[k].name_len == f[i].name_len &&
			    memcmp(f[k].name, f[i].name, f[i].name_len) == 0)
				break;
		if (k < out)
			f[k].value = f[i].value;
		else
			f[out++] = f[i];
	}
	return out;
}

static size_t
json_dedup_hashed(struct gql_value_field *f, size_t n)
{
	size_t		 cap = 32, mask, i, k, h, out = 0;
	uint32_t	*slot;

	while (cap < n * 2)
		cap *= 2;
	mask = cap - 1;
	slot = xcalloc(cap, sizeof(*slot));	/* index + 1; 0 = empty */
	for (i = 0; i < n; i++) {
		h = 1469598103934665603ULL;
		for (k = 0; k < f[i].name_len; k++)
			h = (h ^ (unsigned char)f[i].name[k]) *
			    1099511628211ULL;
		for (h &= mask; slot[h] != 0; h = (h + 1) & mask) {
			k = slot[h] - 1;
			if (f[k].name_len == f[i].name_len &&
			    memcmp(f[k].name, f[i].name, f[i].name_len) == 0)
				break;
		}
		if (slot[h] != 0) {
			f[slot[h] - 1].value = f[i].value;
			continue;
		}
		f[out] = f[i];
		slot[h] = (uint32_t)++out;
	}
	free(slot);
	return out;
}

/* Length of the valid UTF-8 sequence at p (RFC 3629), 0 if invalid. */
static size_t
json_utf8_len(const unsigned char *p, size_t avail)
{
	size_t		n, i;
	unsigned	cp, min;

	if (p[0] < 0x80)
		return 1;
	if (p[0] >= 0xc2 && p[0] <= 0xdf) {
		n = 2;
		min = 0x80;
		cp = p[0] & 0x1f;
	} else if (p[0] >= 0xe0 && p[0] <= 0xef) {
		n = 3;
		min = 0x800;
		cp = p[0] & 0x0f;
	} else if (p[0] >= 0xf0 && p[0] <= 0xf4) {
		n = 4;
		min = 0x10000;
		cp = p[0] & 0x07;
	} else
		return 0;
	if (avail < n)
		return 0;
	for (i = 1; i < n; i++) {
		if ((p[i] & 0xc0) != 0x80)
			return 0;
		cp = (cp << 6) | (p[i] & 0x3f);
	}
	if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
		return 0;
	return n;
}

/* Return whether len bytes at s are valid UTF-8. */
int
gql_json_utf8_valid(const char *s, size_t len)
{
	const unsigned char	*p = (const unsigned char *)s;
	size_t			 i = 0, n;

	while (i < len) {
		if (p[i] < 0x80) {
			i++;
			continue;
		}
		if ((n = json_utf8_len(p + i, len - i)) == 0)
			return 0;
		i += n;
	}
	return 1;
}

/*
 * Append s as a JSON string, escaped as JSON.stringify() escapes; an
 * invalid UTF-8 sequence becomes U+FFFD, one per offending byte.
 */
void
gql_json_write_string(struct buf *b, const char *s, size_t len)
{
	const unsigned char	*p = (const unsigned char *)s;
	size_t			 i = 0, n;
	char			*o;

	/* Room for the plain case plus a block's overshoot. */
	if (b->len + len + 2 + JSON_BLOCK >= b->cap)
		buf_reserve(b, len + 2 + JSON_BLOCK);
	o = b->data + b->len;
	*o++ = '"';
	for (;;) {
		n = json_copy_plain(o, p + i, len - i);
		o += n;
		i += n;
		if (i >= len)
			break;
		b->len = (size_t)(o - b->data);
		n = json_write_special(b, p + i, len - i);
		i += n;
		if (b->len + (len - i) + 2 + JSON_BLOCK >= b->cap)
			buf_reserve(b, len - i + 2 + JSON_BLOCK);
		o = b->data + b->len;
	}
	*o++ = '"';
	*o = '\0';
	b->len = (size_t)(o - b->data);
}

/*
 * Copy the leading run of bytes that need no escape from p to o (never
 * past o + len); return its length. Long runs go 32 bytes at a time where
 * the CPU has AVX2 (base64 envelopes are most of a page of messages).
 */
static size_t
json_copy_plain(char *o, const unsigned char *p, size_t len)
{
	size_t	i = 0;

#ifdef JSON_AVX2
	if (len >= 64 && __builtin_cpu_supports("avx2"))
		i = json_copy_plain32(o, p, len);
#endif
	return i + json_copy_plain16(o + i, p + i, len - i);
}

#ifdef JSON_AVX2
/* Copy whole 32-byte blocks up to the first that needs an escape. */
static size_t
json_copy_plain32(char *o, const unsigned char *p, size_t len)
{
	const __m256i	sp = _mm256_set1_epi8(0x20), q = _mm256_set1_epi8('"');
	const __m256i	bs = _mm256_set1_epi8('\\');
	__m256i		v;
	size_t		i = 0;
	unsigned	m;

	while (len - i >= 32) {
		v = _mm256_loadu_si256((const __m256i *)(const void *)(p + i));
		_mm256_storeu_si256((__m256i *)(void *)(o + i), v);
		/* signed: bytes >= 0x80 are negative, so below 0x20 too */
		m = (unsigned)_mm256_movemask_epi8(_mm256_or_si256(
		    _mm256_cmpgt_epi8(sp, v), _mm256_or_si256(
		    _mm256_cmpeq_epi8(v, q), _mm256_cmpeq_epi8(v, bs))));
		if (m != 0)
			break;
		i += 32;
	}
	return i;
}
#endif

/* json_copy_plain() 16 bytes (SSE2) or 8 bytes (SWAR) at a time. */
static size_t
json_copy_plain16(char *o, const unsigned char *p, size_t len)
{
	size_t		i = 0;
	unsigned char	c;

#ifdef __SSE2__
	const __m128i	sp = _mm_set1_epi8(0x20), q = _mm_set1_epi8('"');
	const __m128i	bs = _mm_set1_epi8('\\');
	__m128i		v;
	int		m;

	while (len - i >= 16) {
		v = _mm_loadu_si128((const __m128i *)(const void *)(p + i));
		_mm_storeu_si128((__m128i *)(void *)(o + i), v);
		/* signed: bytes >= 0x80 are negative, so below 0x20 too */
		m = _mm_movemask_epi8(_mm_or_si128(_mm_cmplt_epi8(v, sp),
		    _mm_or_si128(_mm_cmpeq_epi8(v, q), _mm_cmpeq_epi8(v, bs))));
		if (m != 0)
			return i + (size_t)__builtin_ctz((unsigned)m);
		i += 16;
	}
	if (len >= 16 && i < len) {
		/* The tail as one block ending at len, overlapping what
		 * was checked already (those bits are masked off). */
		v = _mm_loadu_si128((const __m128i *)(const void *)
		    (p + len - 16));
		_mm_storeu_si128((__m128i *)(void *)(o + len - 16), v);
		m = _mm_movemask_epi8(_mm_or_si128(_mm_cmplt_epi8(v, sp),
		    _mm_or_si128(_mm_cmpeq_epi8(v, q), _mm_cmpeq_epi8(v, bs))));
		m &= (int)(0xffffu << (16 - (len - i))) & 0xffff;
		if (m == 0)
			return len;
		return len - 16 + (size_t)__builtin_ctz((unsigned)m);
	}
	if (len - i >= 8 && !json_swar_special(p + i) &&
	    !json_swar_special(p + len - 8)) {
		/* 8 to 15 plain bytes: two blocks of 8, overlapping */
		memcpy(o + i, p + i, 8);
		memcpy(o + len - 8, p + len - 8, 8);
		return len;
	}
#else
	while (len - i >= 8 && !json_swar_special(p + i)) {
		memcpy(o + i, p + i, 8);
		i += 8;
	}
#endif
	while (i < len && (c = p[i]) >= 0x20 && c < 0x80 && c != '"' &&
	    c != '\\') {
		o[i] = (char)c;
		i++;
	}
	return i;
}

/* The length of the leading run of p that a JSON string keeps as is. */
static size_t
json_scan_plain(const unsigned char *p, size_t len)
{
	size_t		i = 0;
#ifdef __SSE2__
	const __m128i	sp = _mm_set1_epi8(0x20), q = _mm_set1_epi8('"');
	const __m128i	bs = _mm_set1_epi8('\\');
	__m128i		v;
	int		m;

	while (len - i >= 16) {
		v = _mm_loadu_si128((const __m128i *)(const void *)(p + i));
		m = _mm_movemask_epi8(_mm_or_si128(_mm_cmplt_epi8(v, sp),
		    _mm_or_si128(_mm_cmpeq_epi8(v, q), _mm_cmpeq_epi8(v, bs))));
		if (m != 0)
			return i + (size_t)__builtin_ctz((unsigned)m);
		i += 16;
	}
#endif
	while (len - i >= 8 && !json_swar_special(p + i))
		i += 8;
	return i;
}

/* Write the character at p that needs care; return the bytes consumed. */
static size_t
json_write_special(struct buf *b, const unsigned char *p, size_t avail)
{
	static const char	 hex[] = "0123456789abcdef";
	unsigned char		 c = p[0];
	size_t			 n;
	char			 u[6] = { '\\', 'u', '0', '0', 0, 0 };

	if (c >= 0x80) {
		if ((n = json_utf8_len(p, avail)) != 0)
			buf_add(b, p, n);
		else
			buf_add(b, "\xef\xbf\xbd", 3);
		return n != 0 ? n : 1;
	}
	switch (c) {
	case '"':  buf_add(b, "\\\"", 2); break;
	case '\\': buf_add(b, "\\\\", 2); break;
	case '\n': buf_add(b, "\\n", 2); break;
	case '\r': buf_add(b, "\\r", 2); break;
	case '\t': buf_add(b, "\\t", 2); break;
	case '\b': buf_add(b, "\\b", 2); break;
	case '\f': buf_add(b, "\\f", 2); break;
	default:
		u[4] = hex[c >> 4];
		u[5] = hex[c & 0xf];
		buf_add(b, u, 6);
	}
	return 1;
}

/* Append a number as JSON.stringify() does (non-finite: null). */
void
gql_json_write_number(struct buf *b, double d)
{
	if (!isfinite(d)) {
		buf_add(b, "null", 4);
		return;
	}
	gql_json_format_number(b, d);
}

/* Return whether d is a finite integral number (Number.isInteger). */
int
gql_json_is_integral(double d)
{
	if (!isfinite(d))
		return 0;
	if (fabs(d) >= 9007199254740992.0)
		return 1;	/* no fraction bits left */
	return d == (double)(int64_t)d;
}

/* Append a 64-bit integer in decimal. */
void
gql_json_write_int(struct buf *b, int64_t v)
{
	char		 tmp[24], *p = tmp + sizeof(tmp);
	uint64_t	 u = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
	size_t		 n;

	do {
		*--p = (char)('0' + u % 10);
		u /= 10;
	} while (u != 0);
	if (v < 0)
		*--p = '-';
	n = (size_t)(tmp + sizeof(tmp) - p);
	if (b->len + n >= b->cap)
		buf_reserve(b, n);
	memcpy(b->data + b->len, p, n);
	b->len += n;
	b->data[b->len] = '\0';
}

/* Shortest digits that round-trip: digits into dig, returns the count. */
static int
json_shortest(double d, char *dig, int *exp10)
{
	char	tmp[40], *e;
	int	p, n = 0, i;

	for (p = 1; p <= 17; p++) {
		snprintf(tmp, sizeof(tmp), "%.*e", p - 1, d);
		if (strtod(tmp, NULL) == d)
			break;
	}
	for (i = 0; tmp[i] != 'e' && tmp[i] != '\0'; i++)
		if (tmp[i] >= '0' && tmp[i] <= '9')
			dig[n++] = tmp[i];
	e = strchr(tmp, 'e');
	*exp10 = e != NULL ? atoi(e + 1) : 0;
	while (n > 1 && dig[n - 1] == '0')
		n--;
	dig[n] = '\0';
	return n;
}

/* Append a number as JavaScript's String(number) writes it. */
void
gql_json_format_number(struct buf *b, double d)
{
	char	dig[24];
	int	k, n, e, i;

	if (isnan(d)) {
		buf_add(b, "NaN", 3);
		return;
	}
	if (isinf(d)) {
		buf_adds(b, d > 0 ? "Infinity" : "-Infinity");
		return;
	}
	if (d == 0) {
		buf_addc(b, '0');
		return;
	}
	if (fabs(d) <= (double)GQL_VALUE_SAFE_INT && gql_json_is_integral(d)) {
		gql_json_write_int(b, (int64_t)d);
		return;
	}
	if (d < 0) {
		buf_addc(b, '-');
		d = -d;
	}
	k = json_shortest(d, dig, &e);
	n = e + 1;
	if (k <= n && n <= 21) {
		buf_add(b, dig, (size_t)k);
		for (i = k; i < n; i++)
			buf_addc(b, '0');
	} else if (0 < n && n <= 21) {
		buf_add(b, dig, (size_t)n);
		buf_addc(b, '.');
		buf_add(b, dig + n, (size_t)(k - n));
	} else if (-6 < n && n <= 0) {
		buf_add(b, "0.", 2);
		for (i = 0; i < -n; i++)
			buf_addc(b, '0');
		buf_add(b, dig, (size_t)k);
	} else {
		buf_addc(b, dig[0]);
		if (k > 1) {
			buf_addc(b, '.');
			buf_add(b, dig + 1, (size_t)(k - 1));
		}
		buf_addf(b, "e%c%d", n - 1 < 0 ? '-' : '+', abs(n - 1));
	}
}
