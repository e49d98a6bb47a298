/*
 * gql_scalar.c: strict hooks for the Base64, Timestamp and Cursor custom
 * scalars (see gql_scalar.h). Base64 follows RFC 4648 section 4 with
 * padding and rejects non-canonical encodings (non-zero pad bits),
 * whitespace and the URL-safe alphabet. Timestamp follows RFC 3339
 * section 5.6 restricted to UTC ("Z", or the equivalent "+00:00"), with a
 * real calendar (leap years; no leap second 60, since the node's clock
 * never shows one) and years 0000 to 9999; fractions of up to nine digits
 * are accepted and kept to the millisecond.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "common/buf.h"
#include "graphql/gql_arena.h"
#include "graphql/gql_coerce.h"
#include "graphql/gql_json.h"
#include "graphql/gql_scalar.h"
#include "graphql/gql_value.h"

#define MS_PER_DAY	86400000LL
#define TS_MIN		(-62167219200000LL)	/* 0000-01-01T00:00:00Z */
#define TS_MAX		253402300799999LL	/* 9999-12-31T23:59:59.999Z */

static const char b64_alphabet[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

static int	 b64_parse_value(const struct gql_value *, struct gql_arena *,
		    struct gql_value *, struct buf *);
static int	 b64_parse_literal(const struct gql_ast_value *,
		    const struct gql_value *, struct gql_arena *,
		    struct gql_value *, struct buf *);
static int	 b64_serialize(const struct gql_result *, struct buf *,
		    struct buf *);
static int	 ts_digits(const char *, int, int *);
static int64_t	 ts_days_from_civil(int64_t, int, int);
static void	 ts_civil_from_days(int64_t, int64_t *, int *, int *);
static int	 ts_parse_value(const struct gql_value *, struct gql_arena *,
		    struct gql_value *, struct buf *);
static int	 ts_parse_literal(const struct gql_ast_value *,
		    const struct gql_value *, struct gql_arena *,
		    struct gql_value *, struct buf *);
static int	 ts_serialize(const struct gql_result *, struct buf *,
		    struct buf *);
static int	 cur_parse_value(const struct gql_value *, struct gql_arena *,
		    struct gql_value *, struct buf *);
static int	 cur_parse_literal(const struct gql_ast_value *,
		    const struct gql_value *, struct gql_arena *,
		    struct gql_value *, struct buf *);
static int	 cur_serialize(const struct gql_result *, struct buf *,
		    struct buf *);
static void	 scalar_cannot(struct buf *, const char *,
		    const struct gql_result *);

const struct gql_scalar_hooks gql_scalar_base64 = {
	b64_parse_value, b64_parse_literal, b64_serialize
};
const struct gql_scalar_hooks gql_scalar_timestamp = {
	ts_parse_value, ts_parse_literal, ts_serialize
};
const struct gql_scalar_hooks gql_scalar_cursor = {
	cur_parse_value, cur_parse_literal, cur_serialize
};

static void
scalar_cannot(struct buf *err, const char *name, const struct gql_result *r)
{
	struct gql_value	v;

	gql_coerce_result_value(r, &v);
	buf_addf(err, "%s cannot represent value: ", name);
	gql_value_inspect(&v, err);
}

/* A base64 digit's value plus one; 0 for anything else. */
static const unsigned char b64_digit[256] = {
	['A'] = 1, ['B'] = 2, ['C'] = 3, ['D'] = 4, ['E'] = 5, ['F'] = 6,
	['G'] = 7, ['H'] = 8, ['I'] = 9, ['J'] = 10, ['K'] = 11, ['L'] = 12,
	['M'] = 13, ['N'] = 14, ['O'] = 15, ['P'] = 16, ['Q'] = 17,
	['R'] = 18, ['S'] = 19, ['T'] = 20, ['U'] = 21, ['V'] = 22,
	['W'] = 23, ['X'] = 24, ['Y'] = 25, ['Z'] = 26, ['a'] = 27,
	['b'] = 28, ['c'] = 29, ['d'] = 30, ['e'] = 31, ['f'] = 32,
	['g'] = 33, ['h'] = 34, ['i'] = 35, ['j'] = 36, ['k'] = 37,
	['l'] = 38, ['m'] = 39, ['n'] = 40, ['o'] = 41, ['p'] = 42,
	['q'] = 43, ['r'] = 44, ['s'] = 45, ['t'] = 46, ['u'] = 47,
	['v'] = 48, ['w'] = 49, ['x'] = 50, ['y'] = 51, ['z'] = 52,
	['0'] = 53, ['1'] = 54, ['2'] = 55, ['3'] = 56, ['4'] = 57,
	['5'] = 58, ['6'] = 59, ['7'] = 60, ['8'] = 61, ['9'] = 62,
	['+'] = 63, ['/'] = 64
};

/*
 * Decode canonical padded base64 into a NUL-terminated copy in the arena;
 * -1 if the text is not exactly the encoding of some bytes.
 */
int
gql_scalar_base64_decode(const char *s, size_t len, struct gql_arena *arena,
    const char **out, size_t *outlen)
{
	const unsigned char	*u = (const unsigned char *)s;
	unsigned char		*o;
	size_t			 i, n = 0, pad = 0;
	unsigned		 v[4], x;
	int			 k;

	if (len % 4 != 0)
		return -1;
	if (len > 0 && s[len - 1] == '=')
		pad = len > 1 && s[len - 2] == '=' ? 2 : 1;
	o = gql_arena_alloc(arena, len / 4 * 3 + 1);
	/* Whole groups, but the last when it is padded. */
	for (i = 0; i + 4 <= len - (pad != 0 ? 4 : 0); i += 4) {
		v[0] = b64_digit[u[i]];
		v[1] = b64_digit[u[i + 1]];
		v[2] = b64_digit[u[i + 2]];
		v[3] = b64_digit[u[i + 3]];
		if (v[0] == 0 || v[1] == 0 || v[2] == 0 || v[3] == 0)
			return -1;
		x = (v[0] - 1) << 18 | (v[1] - 1) << 12 | (v[2] - 1) << 6 |
		    (v[3] - 1);
		o[n++] = (unsigned char)(x >> 16);
		o[n++] = (unsigned char)(x >> 8);
		o[n++] = (unsigned char)x;
	}
	if (pad != 0) {
		for (k = 0; k < 4 - (int)pad; k++)
			if ((v[k] = b64_digit[u[i + (size_t)k]]) == 0)
				return -1;
		x = (v[0] - 1) << 18 | (v[1] - 1) << 12;
		if (pad == 1)
			x |= (v[2] - 1) << 6;
		/* Canonical: the bits under the padding are zero. */
		if ((pad == 1 && (x & 0xff) != 0) ||
		    (pad == 2 && (x & 0xffff) != 0))
			return -1;
		o[n++] = (unsigned char)(x >> 16);
		if (pad == 1)
			o[n++] = (unsigned char)(x >> 8);
	}
	o[n] = '\0';
	*out = (const char *)o;
	*outlen = n;
	return 0;
}

/* Append the padded base64 of len bytes. */
void
gql_scalar_base64_encode(const void *p, size_t len, struct buf *b)
{
	const unsigned char	*s = p;
	char			*q;
	size_t			 i;
	unsigned		 x;

	buf_reserve(b, (len + 2) / 3 * 4);
	q = b->data + b->len;
	for (i = 0; i + 3 <= len; i += 3, q += 4) {
		x = (unsigned)s[i] << 16 | (unsigned)s[i + 1] << 8 | s[i + 2];
		q[0] = b64_alphabet[x >> 18 & 0x3f];
		q[1] = b64_alphabet[x >> 12 & 0x3f];
		q[2] = b64_alphabet[x >> 6 & 0x3f];
		q[3] = b64_alphabet[x & 0x3f];
	}
	if (i < len) {
		x = (unsigned)s[i] << 16;
		if (i + 1 < len)
			x |= (unsigned)s[i + 1] << 8;
		q[0] = b64_alphabet[x >> 18 & 0x3f];
		q[1] = b64_alphabet[x >> 12 & 0x3f];
		q[2] = i + 1 < len ? b64_alphabet[x >> 6 & 0x3f] : '=';
		q[3] = '=';
		q += 4;
	}
	*q = '\0';
	b->len = (size_t)(q - b->data);
}

static int
b64_parse_value(const struct gql_value *in, struct gql_arena *arena,
    struct gql_value *out, struct buf *err)
{
	const char	*s;
	size_t		 len;

	if (in->kind != GQL_V_STRING || gql_scalar_base64_decode(in->u.str.s,
	    in->u.str.len, arena, &s, &len) == -1) {
		buf_adds(err, "Base64 must be padded RFC 4648 base64.");
		return -1;
	}
	gql_value_set_string(out, s, len);
	return 0;
}

static int
b64_parse_literal(const struct gql_ast_value *in, const struct gql_value *vars,
    struct gql_arena *arena, struct gql_value *out, struct buf *err)
{
	struct gql_value	v;

	(void)vars;
	if (in->kind != GQL_VALUE_STRING) {
		buf_adds(err, "Base64 must be padded RFC 4648 base64.");
		return -1;
	}
	gql_value_set_string(&v, in->str, in->len);
	return b64_parse_value(&v, arena, out, err);
}

static int
b64_serialize(const struct gql_result *r, struct buf *out, struct buf *err)
{
	struct gql_value	v;

	gql_coerce_result_value(r, &v);
	if (v.kind != GQL_V_STRING) {
		scalar_cannot(err, "Base64", r);
		return -1;
	}
	buf_addc(out, '"');
	gql_scalar_base64_encode(v.u.str.s, v.u.str.len, out);
	buf_addc(out, '"');
	return 0;
}

/* n digits at s into *v; -1 if any is not a digit. */
static int
ts_digits(const char *s, int n, int *v)
{
	int	i;

	*v = 0;
	for (i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		*v = *v * 10 + (s[i] - '0');
	}
	return 0;
}

/* Days since 1970-01-01 of a proleptic Gregorian date. */
static int64_t
ts_days_from_civil(int64_t y, int m, int d)
{
	int64_t		era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

static void
ts_civil_from_days(int64_t z, int64_t *y, int *m, int *d)
{
	int64_t		era, doe, yoe, doy, mp;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = yoe + era * 400 + (*m <= 2);
}

/*
 * Parse an RFC 3339 UTC date-time into milliseconds since the epoch;
 * -1 unless it is exactly "YYYY-MM-DDTHH:MM:SS[.f{1,9}](Z|+00:00)".
 */
int
gql_scalar_timestamp_parse(const char *s, size_t len, int64_t *ms)
{
	static const int	mdays[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30,
				    31, 30, 31 };
	int			y, mo, d, h, mi, sec, frac = 0, nf = 0, dim;
	size_t			i = 19;

	if (len < 20 || ts_digits(s, 4, &y) || s[4] != '-' ||
	    ts_digits(s + 5, 2, &mo) || s[7] != '-' ||
	    ts_digits(s + 8, 2, &d) || (s[10] != 'T' && s[10] != 't') ||
	    ts_digits(s + 11, 2, &h) || s[13] != ':' ||
	    ts_digits(s + 14, 2, &mi) || s[16] != ':' ||
	    ts_digits(s + 17, 2, &sec))
		return -1;
	if (s[i] == '.') {
		for (i++; i < len && s[i] >= '0' && s[i] <= '9'; i++, nf++)
			if (nf < 3)
				frac = frac * 10 + (s[i] - '0');
		if (nf == 0 || nf > 9)
			return -1;
		for (; nf < 3; nf++)
			frac *= 10;
	}
	if (!((len - i == 1 && (s[i] == 'Z' || s[i] == 'z')) ||
	    (len - i == 6 && memcmp(s + i, "+00:00", 6) == 0)))
		return -1;
	if (mo < 1 || mo > 12 || h > 23 || mi > 59 || sec > 59)
		return -1;
	dim = mdays[mo - 1] + (mo == 2 && y % 4 == 0 &&
	    (y % 100 != 0 || y % 400 == 0));
	if (d < 1 || d > dim)
		return -1;
	*ms = ts_days_from_civil(y, mo, d) * MS_PER_DAY +
	    ((int64_t)h * 3600 + mi * 60 + sec) * 1000 + frac;
	return 0;
}

/* Write "YYYY-MM-DDTHH:MM:SS.mmmZ" for ms since the epoch; -1 if out of range. */
int
gql_scalar_timestamp_format(int64_t ms, char *out, size_t len)
{
	int64_t	days, rem, y;
	int	m, d;

	if (ms < TS_MIN || ms > TS_MAX || len < GQL_SCALAR_TIMESTAMP_LEN + 1)
		return -1;
	days = ms >= 0 ? ms / MS_PER_DAY : -((-ms + MS_PER_DAY - 1) /
	    MS_PER_DAY);
	rem = ms - days * MS_PER_DAY;
	ts_civil_from_days(days, &y, &m, &d);
	snprintf(out, len, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", (int)y, m,
	    d, (int)(rem / 3600000), (int)(rem / 60000 % 60),
	    (int)(rem / 1000 % 60), (int)(rem % 1000));
	return 0;
}

static int
ts_parse_value(const struct gql_value *in, struct gql_arena *arena,
    struct gql_value *out, struct buf *err)
{
	int64_t	ms;

	(void)arena;
	if (in->kind != GQL_V_STRING || gql_scalar_timestamp_parse(
	    in->u.str.s, in->u.str.len, &ms) == -1) {
		buf_adds(err, "Timestamp must be an RFC 3339 date-time in "
		    "UTC, like 2024-05-01T12:00:00.000Z.");
		return -1;
	}
	gql_value_set_int(out, ms);
	return 0;
}

static int
ts_parse_literal(const struct gql_ast_value *in, const struct gql_value *vars,
    struct gql_arena *arena, struct gql_value *out, struct buf *err)
{
	struct gql_value	v;

	(void)vars;
	if (in->kind != GQL_VALUE_STRING) {
		buf_adds(err, "Timestamp must be an RFC 3339 date-time in "
		    "UTC, like 2024-05-01T12:00:00.000Z.");
		return -1;
	}
	gql_value_set_string(&v, in->str, in->len);
	return ts_parse_value(&v, arena, out, err);
}

static int
ts_serialize(const struct gql_result *r, struct buf *out, struct buf *err)
{
	struct gql_value	v;
	char			t[GQL_SCALAR_TIMESTAMP_LEN + 1];
	int64_t			ms;

	gql_coerce_result_value(r, &v);
	if (v.kind == GQL_V_INT)
		ms = v.u.i;
	else if (v.kind != GQL_V_STRING || gql_scalar_timestamp_parse(
	    v.u.str.s, v.u.str.len, &ms) == -1)
		ms = TS_MIN - 1;
	if (gql_scalar_timestamp_format(ms, t, sizeof(t)) == -1) {
		scalar_cannot(err, "Timestamp", r);
		return -1;
	}
	buf_addc(out, '"');
	buf_add(out, t, GQL_SCALAR_TIMESTAMP_LEN);
	buf_addc(out, '"');
	return 0;
}

/* A cursor: 1 to GQL_SCALAR_CURSOR_MAX of [A-Za-z0-9._~-]. */
int
gql_scalar_cursor_is_valid(const char *s, size_t len)
{
	size_t	i;

	if (len == 0 || len > GQL_SCALAR_CURSOR_MAX)
		return 0;
	for (i = 0; i < len; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') ||
		    (s[i] >= 'A' && s[i] <= 'Z') ||
		    (s[i] >= '0' && s[i] <= '9') || s[i] == '.' ||
		    s[i] == '_' || s[i] == '~' || s[i] == '-'))
			return 0;
	return 1;
}

static int
cur_parse_value(const struct gql_value *in, struct gql_arena *arena,
    struct gql_value *out, struct buf *err)
{
	(void)arena;
	if (in->kind != GQL_V_STRING ||
	    !gql_scalar_cursor_is_valid(in->u.str.s, in->u.str.len)) {
		buf_adds(err, "Cursor must be a cursor string the node "
		    "returned.");
		return -1;
	}
	*out = *in;
	return 0;
}

static int
cur_parse_literal(const struct gql_ast_value *in, const struct gql_value *vars,
    struct gql_arena *arena, struct gql_value *out, struct buf *err)
{
	struct gql_value	v;

	(void)vars;
	if (in->kind != GQL_VALUE_STRING) {
		buf_adds(err, "Cursor must be a cursor string the node "
		    "returned.");
		return -1;
	}
	gql_value_set_string(&v, in->str, in->len);
	return cur_parse_value(&v, arena, out, err);
}

static int
cur_serialize(const struct gql_result *r, struct buf *out, struct buf *err)
{
	struct gql_value	v;

	gql_coerce_result_value(r, &v);
	if (v.kind == GQL_V_INT && v.u.i >= 0) {
		buf_addc(out, '"');
		gql_json_write_int(out, v.u.i);
		buf_addc(out, '"');
		return 0;
	}
	if (v.kind != GQL_V_STRING ||
	    !gql_scalar_cursor_is_valid(v.u.str.s, v.u.str.len)) {
		scalar_cannot(err, "Cursor", r);
		return -1;
	}
	gql_json_write_string(out, v.u.str.s, v.u.str.len);
	return 0;
}
