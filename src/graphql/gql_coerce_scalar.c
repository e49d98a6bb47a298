/*
 * gql_coerce_scalar.c: leaf types in both directions, as graphql-js 16.15
 * (src/type/scalars.ts, GraphQLEnumType) defines them: parseValue for
 * variables, parseLiteral for literals, serialize for results, with its
 * messages word for word, including "Did you mean" suggestions (the
 * Damerau-Levenshtein list of graphql-js suggestionList()). Custom scalars
 * use the hooks bound to their type (struct gql_type_binding); without
 * hooks they pass values through, like graphql-js's default scalar.
 */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "common/buf.h"
#include "common/xmalloc.h"
#include "graphql/gql_arena.h"
#include "graphql/gql_coerce.h"
#include "graphql/gql_exec.h"
#include "graphql/gql_json.h"

#define INT32_MAXV	2147483647.0
#define INT32_MINV	(-2147483648.0)
#define SUGGEST_MAX	5

static const struct gql_scalar_hooks *scalar_hooks(const struct gql_type *);
static int	 scalar_value_enum(const struct gql_type *,
		    const struct gql_value *, struct gql_value *,
		    struct buf *);
static void	 scalar_enum_suggest(struct buf *, const struct gql_type *,
		    const char *, size_t);
static int	 scalar_literal_builtin(const struct gql_schema *,
		    const struct gql_type *, const struct gql_ast_value *,
		    struct gql_arena *, struct gql_value *);
static int	 scalar_ser_int(const struct gql_value *, struct buf *,
		    struct buf *);
static int	 scalar_ser_float(const struct gql_value *, struct buf *,
		    struct buf *);
static int	 scalar_ser_string(const struct gql_value *, struct buf *,
		    struct buf *);
static int	 scalar_ser_boolean(const struct gql_value *, struct buf *,
		    struct buf *);
static int	 scalar_ser_id(const struct gql_value *, struct buf *,
		    struct buf *);
static int	 scalar_ser_enum(const struct gql_type *,
		    const struct gql_value *, struct buf *, struct buf *);
static void	 scalar_fail(struct buf *, const char *,
		    const struct gql_value *);
static int	 scalar_is_js_space(const unsigned char *, size_t, size_t *);
static double	 scalar_js_radix(const char *, size_t, int);
static int	 scalar_distance(const char *, size_t, const char *, size_t,
		    size_t);
static int	 scalar_natural_cmp(const char *, const char *);
static char	*scalar_lower(const char *, size_t);

static const struct gql_scalar_hooks *
scalar_hooks(const struct gql_type *t)
{
	const struct gql_type_binding	*tb = t->udata;

	return tb != NULL ? tb->scalar : NULL;
}

/* Append "<what><inspect(v)>" to err. */
static void
scalar_fail(struct buf *err, const char *what, const struct gql_value *v)
{
	buf_adds(err, what);
	gql_value_inspect(v, err);
}

/*
 * parseValue: coerce a variable's JSON value to a leaf type. -1 with the
 * message in err; *plain set when the message came from a custom hook
 * (graphql-js then prefixes 'Expected type "T". ').
 */
int
gql_coerce_scalar_value(const struct gql_schema *s, const struct gql_type *t,
    const struct gql_value *in, struct gql_arena *arena,
    struct gql_value *out, struct buf *err, int *plain)
{
	const struct gql_scalar_hooks	*h;
	struct buf			 b = BUF_INIT;
	double				 d;
	int				 num;

	*plain = 0;
	if (t->kind == GQL_KIND_ENUM)
		return scalar_value_enum(t, in, out, err);
	num = gql_value_number(in, &d) == 0;
	if (t == s->t_int) {
		if (!num || !gql_json_is_integral(d)) {
			scalar_fail(err, "Int cannot represent non-integer "
			    "value: ", in);
			return -1;
		}
		if (d > INT32_MAXV || d < INT32_MINV) {
			scalar_fail(err, "Int cannot represent non 32-bit "
			    "signed integer value: ", in);
			return -1;
		}
		gql_value_set_int(out, (int64_t)d);
	} else if (t == s->t_float) {
		if (!num || !isfinite(d)) {
			scalar_fail(err, "Float cannot represent non numeric "
			    "value: ", in);
			return -1;
		}
		gql_value_set_float(out, d);
	} else if (t == s->t_string) {
		if (in->kind != GQL_V_STRING) {
			scalar_fail(err, "String cannot represent a non string "
			    "value: ", in);
			return -1;
		}
		*out = *in;
	} else if (t == s->t_boolean) {
		if (in->kind != GQL_V_BOOLEAN) {
			scalar_fail(err, "Boolean cannot represent a non "
			    "boolean value: ", in);
			return -1;
		}
		*out = *in;
	} else if (t == s->t_id) {
		if (in->kind == GQL_V_STRING) {
			*out = *in;
		} else if (num && gql_json_is_integral(d)) {
			gql_json_format_number(&b, d);
			gql_value_set_string(out, gql_arena_strndup(arena,
			    b.data, b.len), b.len);
			buf_free(&b);
		} else {
			scalar_fail(err, "ID cannot represent value: ", in);
			return -1;
		}
	} else if ((h = scalar_hooks(t)) != NULL && h->parse_value != NULL) {
		*plain = 1;
		return h->parse_value(in, arena, out, err);
	} else
		*out = *in;
	return 0;
}

static int
scalar_value_enum(const struct gql_type *t, const struct gql_value *in,
    struct gql_value *out, struct buf *err)
{
	const struct gql_enum_value	*ev;
	struct buf			 b = BUF_INIT;

	if (in->kind != GQL_V_STRING) {
		gql_value_inspect(in, &b);
		buf_addf(err, "Enum \"%s\" cannot represent non-string value: "
		    "%s.", t->name, buf_cstr(&b));
		scalar_enum_suggest(err, t, b.data, b.len);
		buf_free(&b);
		return -1;
	}
	ev = gql_type_enum_value(t, in->u.str.s, in->u.str.len);
	if (ev == NULL) {
		buf_adds(err, "Value \"");
		buf_add(err, in->u.str.s, in->u.str.len);
		buf_addf(err, "\" does not exist in \"%s\" enum.", t->name);
		scalar_enum_suggest(err, t, in->u.str.s, in->u.str.len);
		return -1;
	}
	gql_value_set_enum(out, ev->name, ev->name_len);
	return 0;
}

static void
scalar_enum_suggest(struct buf *err, const struct gql_type *t,
    const char *s, size_t len)
{
	const char	**names;
	uint32_t	  i;

	names = xcalloc(t->nvalues + 1, sizeof(*names));
	for (i = 0; i < t->nvalues; i++)
		names[i] = t->values[i].name;
	gql_coerce_did_you_mean(err, "the enum value", s, len, names,
	    t->nvalues);
	free(names);
}

/*
 * parseLiteral: coerce a literal (not a top-level variable) to a leaf
 * type; -1 when graphql-js would throw or return undefined.
 */
int
gql_coerce_scalar_literal(const struct gql_schema *s,
    const struct gql_type *t, const struct gql_ast_value *v,
    const struct gql_value *vars, struct gql_arena *arena,
    struct gql_value *out)
{
	const struct gql_scalar_hooks	*h;
	const struct gql_enum_value	*ev;
	struct buf			 err = BUF_INIT;
	int				 rc;

	if (t->kind == GQL_KIND_ENUM) {
		if (v->kind != GQL_VALUE_ENUM || (ev = gql_type_enum_value(t,
		    v->name.s, v->name.len)) == NULL)
			return -1;
		gql_value_set_enum(out, ev->name, ev->name_len);
		return 0;
	}
	if (t == s->t_int || t == s->t_float || t == s->t_string ||
	    t == s->t_boolean || t == s->t_id)
		return scalar_literal_builtin(s, t, v, arena, out);
	if ((h = scalar_hooks(t)) != NULL && h->parse_literal != NULL) {
		rc = h->parse_literal(v, vars, arena, out, &err);
		buf_free(&err);
		return rc == 0 && out->kind != GQL_V_UNDEFINED ? 0 : -1;
	}
	gql_coerce_literal_untyped(v, vars, arena, out);
	return out->kind == GQL_V_UNDEFINED ? -1 : 0;
}

/*
 * A gql_literal_fn for gql_validate_with(): run a custom scalar's
 * parse_literal hook on a literal (variables unknown), as graphql-js
 * ValuesOfCorrectType calls parseLiteral(); 0 or -1 with the hook's
 * message appended to why.
 */
int
gql_coerce_literal_hook(void *arg, const struct gql_type *t,
    const struct gql_ast_value *v, struct buf *why)
{
	const struct gql_scalar_hooks	*h = scalar_hooks(t);
	struct gql_arena		*arena;
	struct gql_value		 out;
	struct buf			 err = BUF_INIT;
	int				 rc;

	(void)arg;
	if (h == NULL || h->parse_literal == NULL)
		return 0;
	arena = gql_arena_new(256);
	memset(&out, 0, sizeof(out));
	rc = h->parse_literal(v, NULL, arena, &out, &err);
	if (rc == 0 && out.kind == GQL_V_UNDEFINED)
		rc = -1;
	if (rc == -1)
		buf_add(why, err.data, err.len);
	buf_free(&err);
	gql_arena_free(arena);
	return rc == 0 ? 0 : -1;
}

static int
scalar_literal_builtin(const struct gql_schema *s, const struct gql_type *t,
    const struct gql_ast_value *v, struct gql_arena *arena,
    struct gql_value *out)
{
	double	d;

	(void)arena;
	if (t == s->t_int) {
		if (v->kind != GQL_VALUE_INT)
			return -1;
		d = strtod(v->str, NULL);
		if (d > INT32_MAXV || d < INT32_MINV)
			return -1;
		gql_value_set_int(out, (int64_t)d);
	} else if (t == s->t_float) {
		if (v->kind != GQL_VALUE_INT && v->kind != GQL_VALUE_FLOAT)
			return -1;
		gql_value_set_float(out, strtod(v->str, NULL));
	} else if (t == s->t_string) {
		if (v->kind != GQL_VALUE_STRING)
			return -1;
		gql_value_set_string(out, v->str, v->len);
	} else if (t == s->t_boolean) {
		if (v->kind != GQL_VALUE_BOOLEAN)
			return -1;
		gql_value_set_boolean(out, v->boolean);
	} else {
		if (v->kind != GQL_VALUE_STRING && v->kind != GQL_VALUE_INT)
			return -1;
		gql_value_set_string(out, v->str, v->len);
	}
	return 0;
}

/* View a resolver's result as a value, for the serializers. */
void
gql_coerce_result_value(const struct gql_result *r, struct gql_value *v)
{
	memset(v, 0, sizeof(*v));
	switch (r->kind) {
	case GQL_R_BOOLEAN:
		gql_value_set_boolean(v, r->u.boolean);
		break;
	case GQL_R_INT:
		gql_value_set_int(v, r->u.i);
		break;
	case GQL_R_FLOAT:
		gql_value_set_number(v, r->u.f);
		break;
	case GQL_R_STRING:
	case GQL_R_ENUM:
		gql_value_set_string(v, r->u.str.s, r->u.str.len);
		break;
	case GQL_R_VALUE:
		if (r->u.value != NULL)
			*v = *r->u.value;
		if (v->kind == GQL_V_ENUM)
			v->kind = GQL_V_STRING;
		break;
	case GQL_R_OBJECT:
	case GQL_R_SOURCE:
		v->kind = GQL_V_OBJECT;
		break;
	case GQL_R_LIST:
	case GQL_R_ITER:
		v->kind = GQL_V_LIST;
		break;
	case GQL_R_NULL:
		v->kind = GQL_V_NULL;
		break;
	default:
		break;
	}
}

/*
 * serialize: write a non-null result of a leaf type as JSON to out; -1
 * with the message in err (nothing written) when it cannot represent it.
 */
int
gql_coerce_scalar_serialize(const struct gql_schema *s,
    const struct gql_type *t, const struct gql_result *r, struct buf *out,
    struct buf *err)
{
	const struct gql_scalar_hooks	*h;
	struct gql_value		 v;

	if (t->kind != GQL_KIND_ENUM && t != s->t_int && t != s->t_float &&
	    t != s->t_string && t != s->t_boolean && t != s->t_id &&
	    (h = scalar_hooks(t)) != NULL && h->serialize != NULL)
		return h->serialize(r, out, err);
	gql_coerce_result_value(r, &v);
	if (t->kind == GQL_KIND_ENUM)
		return scalar_ser_enum(t, &v, out, err);
	if (t == s->t_int)
		return scalar_ser_int(&v, out, err);
	if (t == s->t_float)
		return scalar_ser_float(&v, out, err);
	if (t == s->t_string)
		return scalar_ser_string(&v, out, err);
	if (t == s->t_boolean)
		return scalar_ser_boolean(&v, out, err);
	if (t == s->t_id)
		return scalar_ser_id(&v, out, err);
	gql_value_write_json(&v, out);
	return 0;
}

static int
scalar_ser_int(const struct gql_value *v, struct buf *out, struct buf *err)
{
	double	d;

	if (v->kind == GQL_V_INT && v->u.i >= (int64_t)INT32_MINV &&
	    v->u.i <= (int64_t)INT32_MAXV) {
		gql_json_write_int(out, v->u.i);
		return 0;
	}
	if (v->kind == GQL_V_BOOLEAN) {
		buf_addc(out, v->u.boolean ? '1' : '0');
		return 0;
	}
	if (v->kind == GQL_V_STRING && v->u.str.len != 0)
		d = gql_coerce_js_number(v->u.str.s, v->u.str.len);
	else if (gql_value_number(v, &d) == -1)
		d = NAN;
	if (!gql_json_is_integral(d)) {
		scalar_fail(err, "Int cannot represent non-integer value: ", v);
		return -1;
	}
	if (d > INT32_MAXV || d < INT32_MINV) {
		scalar_fail(err, "Int cannot represent non 32-bit signed "
		    "integer value: ", v);
		return -1;
	}
	gql_json_write_int(out, (int64_t)d);
	return 0;
}

static int
scalar_ser_float(const struct gql_value *v, struct buf *out, struct buf *err)
{
	double	d;

	if (v->kind == GQL_V_BOOLEAN)
		d = v->u.boolean ? 1 : 0;
	else if (v->kind == GQL_V_STRING && v->u.str.len != 0)
		d = gql_coerce_js_number(v->u.str.s, v->u.str.len);
	else if (gql_value_number(v, &d) == -1)
		d = NAN;
	if (!isfinite(d)) {
		scalar_fail(err, "Float cannot represent non numeric value: ",
		    v);
		return -1;
	}
	gql_json_write_number(out, d);
	return 0;
}

static int
scalar_ser_string(const struct gql_value *v, struct buf *out,
    struct buf *err)
{
	struct buf	b = BUF_INIT;
	double		d;

	if (v->kind == GQL_V_STRING) {
		gql_json_write_string(out, v->u.str.s, v->u.str.len);
		return 0;
	}
	if (v->kind == GQL_V_BOOLEAN) {
		buf_adds(out, v->u.boolean ? "\"true\"" : "\"false\"");
		return 0;
	}
	if (gql_value_number(v, &d) == 0 && isfinite(d)) {
		gql_json_format_number(&b, d);
		gql_json_write_string(out, b.data, b.len);
		buf_free(&b);
		return 0;
	}
	scalar_fail(err, "String cannot represent value: ", v);
	return -1;
}

static int
scalar_ser_boolean(const struct gql_value *v, struct buf *out,
    struct buf *err)
{
	double	d;

	if (v->kind == GQL_V_BOOLEAN) {
		buf_adds(out, v->u.boolean ? "true" : "false");
		return 0;
	}
	if (gql_value_number(v, &d) == 0 && isfinite(d)) {
		buf_adds(out, d != 0 ? "true" : "false");
		return 0;
	}
	scalar_fail(err, "Boolean cannot represent a non boolean value: ", v);
	return -1;
}

static int
scalar_ser_id(const struct gql_value *v, struct buf *out, struct buf *err)
{
	struct buf	b = BUF_INIT;
	double		d;

	if (v->kind == GQL_V_STRING) {
		gql_json_write_string(out, v->u.str.s, v->u.str.len);
		return 0;
	}
	if (gql_value_number(v, &d) == 0 && gql_json_is_integral(d)) {
		gql_json_format_number(&b, d);
		gql_json_write_string(out, b.data, b.len);
		buf_free(&b);
		return 0;
	}
	scalar_fail(err, "ID cannot represent value: ", v);
	return -1;
}

static int
scalar_ser_enum(const struct gql_type *t, const struct gql_value *v,
    struct buf *out, struct buf *err)
{
	const struct gql_enum_value	*ev;

	if (v->kind == GQL_V_STRING && (ev = gql_type_enum_value(t,
	    v->u.str.s, v->u.str.len)) != NULL) {
		gql_json_write_string(out, ev->name, ev->name_len);
		return 0;
	}
	buf_addf(err, "Enum \"%s\" cannot represent value: ", t->name);
	gql_value_inspect(v, err);
	return -1;
}

/* Whitespace and line terminators JavaScript's Number() trims. */
static int
scalar_is_js_space(const unsigned char *p, size_t avail, size_t *n)
{
	unsigned	cp;

	*n = 1;
	if (p[0] == ' ' || (p[0] >= 0x09 && p[0] <= 0x0d))
		return 1;
	if (p[0] == 0xc2 && avail >= 2 && p[1] == 0xa0) {
		*n = 2;
		return 1;
	}
	if (avail < 3 || (p[0] & 0xf0) != 0xe0)
		return 0;
	cp = ((p[0] & 0x0fu) << 12) | ((p[1] & 0x3fu) << 6) | (p[2] & 0x3fu);
	*n = 3;
	return cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200a) ||
	    cp == 0x2028 || cp == 0x2029 || cp == 0x202f || cp == 0x205f ||
	    cp == 0x3000 || cp == 0xfeff;
}

static double
scalar_js_radix(const char *s, size_t len, int radix)
{
	double	d = 0;
	size_t	i;
	int	v;

	if (len == 0)
		return NAN;
	for (i = 0; i < len; i++) {
		if (s[i] >= '0' && s[i] <= '9')
			v = s[i] - '0';
		else if (s[i] >= 'a' && s[i] <= 'z')
			v = s[i] - 'a' + 10;
		else if (s[i] >= 'A' && s[i] <= 'Z')
			v = s[i] - 'A' + 10;
		else
			return NAN;
		if (v >= radix)
			return NAN;
		d = d * radix + v;
	}
	return d;
}

/* JavaScript's Number(string): NaN when it is no numeric literal. */
double
gql_coerce_js_number(const char *str, size_t len)
{
	const unsigned char	*p = (const unsigned char *)str;
	size_t			 i = 0, end = len, n, k;
	char			*copy;
	double			 d;

	while (i < end && scalar_is_js_space(p + i, end - i, &n))
		i += n;
	while (end > i) {
		for (k = end - 1; k > i && (p[k] & 0xc0) == 0x80; k--)
			;
		if (!scalar_is_js_space(p + k, end - k, &n) || k + n != end)
			break;
		end = k;
	}
	str += i;
	len = end - i;
	if (len == 0)
		return 0;
	if (len > 2 && str[0] == '0' && strchr("xXoObB", str[1]) != NULL)
		return scalar_js_radix(str + 2, len - 2,
		    str[1] == 'x' || str[1] == 'X' ? 16 :
		    str[1] == 'o' || str[1] == 'O' ? 8 : 2);
	k = (str[0] == '+' || str[0] == '-') ? 1 : 0;
	if (len - k == 8 && memcmp(str + k, "Infinity", 8) == 0)
		return str[0] == '-' ? -INFINITY : INFINITY;
	/* StrDecimalLiteral: digits [. digits] [e [+-] digits], or .digits */
	for (i = k, n = 0; i < len && str[i] >= '0' && str[i] <= '9'; i++)
		n++;
	if (i < len && str[i] == '.')
		for (i++; i < len && str[i] >= '0' && str[i] <= '9'; i++)
			n++;
	if (n == 0)
		return NAN;
	if (i < len && (str[i] == 'e' || str[i] == 'E')) {
		if (++i < len && (str[i] == '+' || str[i] == '-'))
			i++;
		for (n = 0; i < len && str[i] >= '0' && str[i] <= '9'; i++)
			n++;
		if (n == 0)
			return NAN;
	}
	if (i != len)
		return NAN;
	copy = xstrndup(str, len);
	d = strtod(copy, NULL);
	free(copy);
	return d;
}

static char *
scalar_lower(const char *s, size_t len)
{
	char	*l = xstrndup(s, len);
	size_t	 i;

	for (i = 0; i < len; i++)
		if (l[i] >= 'A' && l[i] <= 'Z')
			l[i] = (char)(l[i] - 'A' + 'a');
	return l;
}

/*
 * graphql-js LexicalDistance.measure(): the Damerau-Levenshtein distance
 * of the lower-cased strings (a case-only change counts 1), or -1 when
 * above the threshold.
 */
static int
scalar_distance(const char *in, size_t inlen, const char *opt,
    size_t optlen, size_t threshold)
{
	char		*a, *b, *tmp;
	size_t		 alen, blen, i, j, *rows[3], cost, cell, smallest;
	int		 d = -1;

	if (inlen == optlen && memcmp(in, opt, inlen) == 0)
		return 0;
	a = scalar_lower(opt, optlen);
	b = scalar_lower(in, inlen);
	alen = optlen;
	blen = inlen;
	if (alen == blen && memcmp(a, b, alen) == 0) {
		free(a);
		free(b);
		return 1;
	}
	if (alen < blen) {
		tmp = a, a = b, b = tmp;
		alen = inlen, blen = optlen;
	}
	if (alen - blen > threshold)
		goto out;
	for (i = 0; i < 3; i++)
		rows[i] = xcalloc(blen + 1, sizeof(size_t));
	for (j = 0; j <= blen; j++)
		rows[0][j] = j;
	for (i = 1; i <= alen; i++) {
		smallest = rows[i % 3][0] = i;
		for (j = 1; j <= blen; j++) {
			cost = a[i - 1] == b[j - 1] ? 0 : 1;
			cell = rows[(i - 1) % 3][j] + 1;
			if (rows[i % 3][j - 1] + 1 < cell)
				cell = rows[i % 3][j - 1] + 1;
			if (rows[(i - 1) % 3][j - 1] + cost < cell)
				cell = rows[(i - 1) % 3][j - 1] + cost;
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] &&
			    a[i - 2] == b[j - 1] &&
			    rows[(i - 2) % 3][j - 2] + 1 < cell)
				cell = rows[(i - 2) % 3][j - 2] + 1;
			if (cell < smallest)
				smallest = cell;
			rows[i % 3][j] = cell;
		}
		if (smallest > threshold)
			break;
	}
	if (i > alen && rows[alen % 3][blen] <= threshold)
		d = (int)rows[alen % 3][blen];
	for (i = 0; i < 3; i++)
		free(rows[i]);
out:
	free(a);
	free(b);
	return d;
}

/* graphql-js naturalCompare(): digit runs compare by value. */
static int
scalar_natural_cmp(const char *a, const char *b)
{
	size_t	i = 0, j = 0, si, sj;
	long	na, nb;

	while (a[i] != '\0' && b[j] != '\0') {
		if (a[i] >= '0' && a[i] <= '9' && b[j] >= '0' && b[j] <= '9') {
			si = i;
			sj = j;
			while (a[i] >= '0' && a[i] <= '9')
				i++;
			while (b[j] >= '0' && b[j] <= '9')
				j++;
			na = strtol(a + si, NULL, 10);
			nb = strtol(b + sj, NULL, 10);
			if (na != nb)
				return na < nb ? -1 : 1;
			continue;
		}
		if (a[i] != b[j])
			return (unsigned char)a[i] < (unsigned char)b[j] ? -1 : 1;
		i++;
		j++;
	}
	return a[i] != '\0' ? 1 : b[j] != '\0' ? -1 : 0;
}

/*
 * Append graphql-js didYouMean(): " Did you mean [sub ]"x", "y", or
 * "z"?" over the options close to the input, nothing if none is.
 */
void
gql_coerce_did_you_mean(struct buf *b, const char *sub, const char *in,
    size_t inlen, const char *const *opts, size_t nopts)
{
	const char	**sel, *tn;
	int		 *dist, td;
	size_t		  i, k, n = 0, threshold = inlen * 4 / 10 + 1;

	sel = xcalloc(nopts + 1, sizeof(*sel));
	dist = xcalloc(nopts + 1, sizeof(*dist));
	for (i = 0; i < nopts; i++) {
		td = scalar_distance(in, inlen, opts[i], strlen(opts[i]),
		    threshold);
		if (td < 0)
			continue;
		for (k = n; k > 0 && (dist[k - 1] > td || (dist[k - 1] == td &&
		    scalar_natural_cmp(sel[k - 1], opts[i]) > 0)); k--) {
			sel[k] = sel[k - 1];
			dist[k] = dist[k - 1];
		}
		sel[k] = opts[i];
		dist[k] = td;
		n++;
	}
	if (n > 0) {
		buf_adds(b, " Did you mean ");
		if (sub != NULL)
			buf_addf(b, "%s ", sub);
		if (n > SUGGEST_MAX)
			n = SUGGEST_MAX;
		for (i = 0; i < n; i++) {
			tn = sel[i];
			if (i > 0)
				buf_adds(b, n == 2 ? " or " :
				    i == n - 1 ? ", or " : ", ");
			buf_addf(b, "\"%s\"", tn);
		}
		buf_addc(b, '?');
	}
	free(sel);
	free(dist);
}
