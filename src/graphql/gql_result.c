/*
 * gql_result.c: what resolvers call: the setters that describe a result
 * (struct gql_result, see gql_exec.h), argument lookup, and per-request
 * memory for results that must outlive the resolver call.
 */
#include "config.h"

#include <stdarg.h>
#include <string.h>

#include "common/buf.h"
#include "graphql/gql_arena.h"
#include "graphql/gql_exec_int.h"

/* Allocate memory that lives until the request's response is written. */
void *
gql_exec_alloc(const struct gql_resolve_info *info, size_t n)
{
	return gql_arena_alloc(info->exec->arena, n);
}

/* Return the coerced argument `name`, or NULL when it has no value. */
const struct gql_value *
gql_arg(const struct gql_resolve_info *info, const char *name)
{
	return gql_value_get(info->args, name);
}

/* Result: null. */
void
gql_result_null(struct gql_result *r)
{
	r->kind = GQL_R_NULL;
}

/* Result: a boolean. */
void
gql_result_boolean(struct gql_result *r, int b)
{
	r->kind = GQL_R_BOOLEAN;
	r->u.boolean = b != 0;
}

/* Result: an integer (Int fields check the 32-bit range). */
void
gql_result_int(struct gql_result *r, int64_t i)
{
	r->kind = GQL_R_INT;
	r->u.i = i;
}

/* Result: a float. */
void
gql_result_float(struct gql_result *r, double f)
{
	r->kind = GQL_R_FLOAT;
	r->u.f = f;
}

/* Result: len bytes of UTF-8 at s (NULL: null). */
void
gql_result_string(struct gql_result *r, const char *s, size_t len)
{
	r->kind = GQL_R_STRING;
	r->u.str.s = s;
	r->u.str.len = len;
}

/* Result: a C string (NULL: null). */
void
gql_result_cstring(struct gql_result *r, const char *s)
{
	gql_result_string(r, s, s != NULL ? strlen(s) : 0);
}

/* Result: an enum value by name. */
void
gql_result_enum(struct gql_result *r, const char *name)
{
	r->kind = GQL_R_ENUM;
	r->u.str.s = name;
	r->u.str.len = name != NULL ? strlen(name) : 0;
}

/* Result: a run-time value (an argument, a list of scalars ...). */
void
gql_result_value(struct gql_result *r, const struct gql_value *v)
{
	r->kind = GQL_R_VALUE;
	r->u.value = v;
}

/* Result: an object; type NULL lets the abstract type's hook decide. */
void
gql_result_object(struct gql_result *r, void *obj, const struct gql_type *t)
{
	r->kind = GQL_R_OBJECT;
	r->u.obj.ptr = obj;
	r->u.obj.type = t;
}

/* Result: a list of count items, each produced by item(). */
void
gql_result_list(struct gql_result *r, void *list, size_t count,
    gql_item_fn item)
{
	r->kind = GQL_R_LIST;
	r->u.list.list = list;
	r->u.list.count = count;
	r->u.list.item = item;
}

/* Result: a list produced by next() until it returns 0. */
void
gql_result_iter(struct gql_result *r, void *iter, gql_next_fn next)
{
	r->kind = GQL_R_ITER;
	r->u.iter.iter = iter;
	r->u.iter.next = next;
}

/* Result: a field error (message must outlive the call; code or NULL). */
void
gql_result_error(struct gql_result *r, const char *msg, const char *code)
{
	r->kind = GQL_R_ERROR;
	r->u.err.message = msg;
	r->u.err.code = code;
}

/* Result: a field error with a formatted message in request memory. */
void
gql_result_errorf(const struct gql_resolve_info *info, struct gql_result *r,
    const char *code, const char *fmt, ...)
{
	struct buf	b = BUF_INIT;
	va_list		ap;

	va_start(ap, fmt);
	buf_vaddf(&b, fmt, ap);
	va_end(ap);
	gql_result_error(r, gql_arena_strndup(info->exec->arena,
	    b.data != NULL ? b.data : "", b.len), code);
	buf_free(&b);
}

/* Result: not yet; abandon the operation and run it again later. */
void
gql_result_would_block(struct gql_result *r)
{
	r->kind = GQL_R_WOULD_BLOCK;
}

/* Result of a subscribe resolver: the event source. */
void
gql_result_source(struct gql_result *r, void *source)
{
	r->kind = GQL_R_SOURCE;
	r->u.obj.ptr = source;
	r->u.obj.type = NULL;
}
