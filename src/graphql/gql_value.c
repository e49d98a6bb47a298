/*
 * gql_value.c: building, reading and printing run-time values (see
 * gql_value.h): JSON output as JSON.stringify() writes it, and the
 * graphql-js inspect() rendering that its error messages embed
 * ("{ a: 1 }", "[1, 2, ... 3 more items]", strings JSON-quoted, nesting
 * beyond two levels shown as "[Object]" / "[Array]").
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "common/buf.h"
#include "graphql/gql_arena.h"
#include "graphql/gql_json.h"
#include "graphql/gql_value.h"

#define INSPECT_MAX_DEPTH	2	/* graphql-js MAX_RECURSIVE_DEPTH */
#define INSPECT_MAX_ITEMS	10	/* graphql-js MAX_ARRAY_LENGTH */

static void	 value_inspect(const struct gql_value *, unsigned,
		    struct buf *);

/* Make v null. */
void
gql_value_set_null(struct gql_value *v)
{
	memset(v, 0, sizeof(*v));
	v->kind = GQL_V_NULL;
}

/* Make v a boolean. */
void
gql_value_set_boolean(struct gql_value *v, int b)
{
	memset(v, 0, sizeof(*v));
	v->kind = GQL_V_BOOLEAN;
	v->u.boolean = b != 0;
}

/* Make v an integer. */
void
gql_value_set_int(struct gql_value *v, int64_t i)
{
	memset(v, 0, sizeof(*v));
	v->kind = GQL_V_INT;
	v->u.i = i;
}

/* Make v a float. */
void
gql_value_set_float(struct gql_value *v, double d)
{
	memset(v, 0, sizeof(*v));
	v->kind = GQL_V_FLOAT;
	v->u.f = d;
}

/* Make v a JavaScript number: GQL_V_INT when integral and safe. */
void
gql_value_set_number(struct gql_value *v, double d)
{
	if (fabs(d) <= (double)GQL_VALUE_SAFE_INT && gql_json_is_integral(d))
		gql_value_set_int(v, (int64_t)d);
	else
		gql_value_set_float(v, d);
}

/* Make v a string (not copied; s must be NUL-terminated at len). */
void
gql_value_set_string(struct gql_value *v, const char *s, size_t len)
{
	memset(v, 0, sizeof(*v));
	v->kind = GQL_V_STRING;
	v->u.str.s = s;
	v->u.str.len = len;
}

/* Make v an enum value given by name (not copied). */
void
gql_value_set_enum(struct gql_value *v, const char *s, size_t len)
{
	gql_value_set_string(v, s, len);
	v->kind = GQL_V_ENUM;
}

/* Return the field `name` of an object value, or NULL. */
const struct gql_value *
gql_value_get(const struct gql_value *v, const char *name)
{
	return gql_value_getn(v, name, strlen(name));
}

/* Return the field named by len bytes at name, or NULL. */
const struct gql_value *
gql_value_getn(const struct gql_value *v, const char *name, size_t len)
{
	uint32_t	i;

	if (v == NULL || v->kind != GQL_V_OBJECT)
		return NULL;
	for (i = 0; i < v->count; i++)
		if (v->u.fields[i].name_len == len && (len == 0 ||
		    (v->u.fields[i].name[0] == name[0] &&
		    memcmp(v->u.fields[i].name, name, len) == 0)))
			return &v->u.fields[i].value;
	return NULL;
}

/* Return whether v is absent, undefined or null (JavaScript `== null`). */
int
gql_value_is_nullish(const struct gql_value *v)
{
	return v == NULL || v->kind == GQL_V_UNDEFINED ||
	    v->kind == GQL_V_NULL;
}

/* Store a numeric value as a double; -1 if v is no number. */
int
gql_value_number(const struct gql_value *v, double *d)
{
	if (v == NULL)
		return -1;
	if (v->kind == GQL_V_INT)
		*d = (double)v->u.i;
	else if (v->kind == GQL_V_FLOAT)
		*d = v->u.f;
	else
		return -1;
	return 0;
}

/* Return whether two values are equal (numbers by value, deep). */
int
gql_value_eq(const struct gql_value *a, const struct gql_value *b)
{
	double		x, y;
	uint32_t	i;

	if (gql_value_number(a, &x) == 0 && gql_value_number(b, &y) == 0)
		return x == y;
	if (a->kind != b->kind)
		return 0;
	switch (a->kind) {
	case GQL_V_UNDEFINED:
	case GQL_V_NULL:
		return 1;
	case GQL_V_BOOLEAN:
		return a->u.boolean == b->u.boolean;
	case GQL_V_STRING:
	case GQL_V_ENUM:
		return a->u.str.len == b->u.str.len &&
		    memcmp(a->u.str.s, b->u.str.s, a->u.str.len) == 0;
	case GQL_V_LIST:
		if (a->count != b->count)
			return 0;
		for (i = 0; i < a->count; i++)
			if (!gql_value_eq(&a->u.items[i], &b->u.items[i]))
				return 0;
		return 1;
	case GQL_V_OBJECT:
		if (a->count != b->count)
			return 0;
		for (i = 0; i < a->count; i++) {
			if (a->u.fields[i].name_len !=
			    b->u.fields[i].name_len ||
			    memcmp(a->u.fields[i].name, b->u.fields[i].name,
			    a->u.fields[i].name_len) != 0 ||
			    !gql_value_eq(&a->u.fields[i].value,
			    &b->u.fields[i].value))
				return 0;
		}
		return 1;
	default:
		return 0;
	}
}

/* Copy a value deeply into an arena. */
struct gql_value *
gql_value_copy(struct gql_arena *arena, const struct gql_value *v)
{
	struct gql_value	*c, *items;
	struct gql_value_field	*fields;
	uint32_t		 i;

	c = gql_arena_memdup(arena, v, sizeof(*v));
	switch (v->kind) {
	case GQL_V_STRING:
	case GQL_V_ENUM:
		c->u.str.s = gql_arena_strndup(arena, v->u.str.s,
		    v->u.str.len);
		break;
	case GQL_V_LIST:
		items = gql_arena_calloc(arena, v->count ? v->count : 1,
		    sizeof(*items));
		for (i = 0; i < v->count; i++)
			items[i] = *gql_value_copy(arena, &v->u.items[i]);
		c->u.items = items;
		break;
	case GQL_V_OBJECT:
		fields = gql_arena_calloc(arena, v->count ? v->count : 1,
		    sizeof(*fields));
		for (i = 0; i < v->count; i++) {
			fields[i].name = gql_arena_strndup(arena,
			    v->u.fields[i].name, v->u.fields[i].name_len);
			fields[i].name_len = v->u.fields[i].name_len;
			fields[i].value = *gql_value_copy(arena,
			    &v->u.fields[i].value);
		}
		c->u.fields = fields;
		break;
	default:
		break;
	}
	return c;
}

/* Append v as JSON (undefined object fields are left out). */
void
gql_value_write_json(const struct gql_value *v, struct buf *b)
{
	uint32_t	i;
	int		first = 1;

	switch (v == NULL ? GQL_V_UNDEFINED : v->kind) {
	case GQL_V_UNDEFINED:
	case GQL_V_NULL:
		buf_add(b, "null", 4);
		break;
	case GQL_V_BOOLEAN:
		buf_adds(b, v->u.boolean ? "true" : "false");
		break;
	case GQL_V_INT:
		gql_json_write_int(b, v->u.i);
		break;
	case GQL_V_FLOAT:
		gql_json_write_number(b, v->u.f);
		break;
	case GQL_V_STRING:
	case GQL_V_ENUM:
		gql_json_write_string(b, v->u.str.s, v->u.str.len);
		break;
	case GQL_V_LIST:
		buf_addc(b, '[');
		for (i = 0; i < v->count; i++) {
			if (i > 0)
				buf_addc(b, ',');
			gql_value_write_json(&v->u.items[i], b);
		}
		buf_addc(b, ']');
		break;
	case GQL_V_OBJECT:
		buf_addc(b, '{');
		for (i = 0; i < v->count; i++) {
			if (v->u.fields[i].value.kind == GQL_V_UNDEFINED)
				continue;
			if (!first)
				buf_addc(b, ',');
			first = 0;
			gql_json_write_string(b, v->u.fields[i].name,
			    v->u.fields[i].name_len);
			buf_addc(b, ':');
			gql_value_write_json(&v->u.fields[i].value, b);
		}
		buf_addc(b, '}');
		break;
	}
}

/* Append v as graphql-js inspect() renders it in error messages. */
void
gql_value_inspect(const struct gql_value *v, struct buf *b)
{
	value_inspect(v, 0, b);
}

static void
value_inspect(const struct gql_value *v, unsigned depth, struct buf *b)
{
	uint32_t	i, n;

	switch (v == NULL ? GQL_V_UNDEFINED : v->kind) {
	case GQL_V_UNDEFINED:
		buf_add(b, "undefined", 9);
		return;
	case GQL_V_NULL:
		buf_add(b, "null", 4);
		return;
	case GQL_V_BOOLEAN:
		buf_adds(b, v->u.boolean ? "true" : "false");
		return;
	case GQL_V_INT:
		gql_json_write_int(b, v->u.i);
		return;
	case GQL_V_FLOAT:
		gql_json_format_number(b, v->u.f);
		return;
	case GQL_V_STRING:
	case GQL_V_ENUM:
		gql_json_write_string(b, v->u.str.s, v->u.str.len);
		return;
	case GQL_V_LIST:
		if (v->count == 0) {
			buf_add(b, "[]", 2);
			return;
		}
		if (depth + 1 > INSPECT_MAX_DEPTH) {
			buf_add(b, "[Array]", 7);
			return;
		}
		n = v->count < INSPECT_MAX_ITEMS ? v->count : INSPECT_MAX_ITEMS;
		buf_addc(b, '[');
		for (i = 0; i < n; i++) {
			if (i > 0)
				buf_add(b, ", ", 2);
			value_inspect(&v->u.items[i], depth + 1, b);
		}
		if (v->count - n == 1)
			buf_add(b, ", ... 1 more item", 17);
		else if (v->count > n)
			buf_addf(b, ", ... %u more items", v->count - n);
		buf_addc(b, ']');
		return;
	case GQL_V_OBJECT:
		if (v->count == 0) {
			buf_add(b, "{}", 2);
			return;
		}
		if (depth + 1 > INSPECT_MAX_DEPTH) {
			buf_add(b, "[Object]", 8);
			return;
		}
		buf_add(b, "{ ", 2);
		for (i = 0; i < v->count; i++) {
			if (i > 0)
				buf_add(b, ", ", 2);
			buf_add(b, v->u.fields[i].name,
			    v->u.fields[i].name_len);
			buf_add(b, ": ", 2);
			value_inspect(&v->u.fields[i].value, depth + 1, b);
		}
		buf_add(b, " }", 2);
		return;
	}
}
