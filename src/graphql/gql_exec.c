/*
 * gql_exec.c: one request from start to response (spec 6.1 - 6.2, 7.1):
 * picking the operation (GetOperation), parsing and coercing the
 * variables, executing the root selection set (serially for mutations,
 * which is also how queries run here: one thread, no promises), and
 * framing the response: {"data":...} and, when there were any,
 * "errors":[...] with message, locations, path and extensions.code.
 * Request errors (no operation, bad variables) produce {"errors":[...]}
 * without "data", and the GQL_EXEC_REQUEST_ERROR outcome that the HTTP
 * layer maps to status 400.
 */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "common/xmalloc.h"
#include "graphql/gql_arena.h"
#include "graphql/gql_coerce.h"
#include "graphql/gql_exec_int.h"
#include "graphql/gql_json.h"

#define EXEC_MAX_ERRORS		100
#define EXEC_MAX_VAR_ERRORS	50
#define EXEC_ARENA_HINT		4096
#define EXEC_ARENA_KEEP		(256 * 1024)	/* spare arena kept if smaller */

/*
 * One spare arena per thread, reset and reused by the next request, so a
 * request normally costs no malloc at all for its scratch memory.
 */
static _Thread_local struct gql_arena *exec_spare;

static const struct gql_exec_options exec_default_options;

static int	 exec_variables(struct gql_exec *, const struct gql_request *,
		    const struct gql_typeref *const *, struct gql_errors *);
static void	 exec_write_path(struct gql_exec *, struct buf *);
static void	 exec_write_locs(struct buf *, const struct gql_loc *,
		    unsigned);
static void	 exec_write_error_close(struct buf *, const char *);
static enum gql_exec_status exec_request_error(struct gql_exec *,
		    const struct gql_errors *);

/*
 * Find the operation to run (spec 6.1 GetOperation, with graphql-js's
 * messages): the one named, or the only one. NULL and err when none.
 */
const struct gql_ast_operation *
gql_exec_operation(const struct gql_ast_document *doc, const char *name,
    struct gql_error *err)
{
	const struct gql_ast_def	*d;
	const struct gql_ast_operation	*op = NULL;

	gql_error_clear(err);
	for (d = doc->defs; d != NULL; d = d->next) {
		if (d->kind != GQL_DEF_OPERATION)
			continue;
		if (name == NULL) {
			if (op != NULL) {
				gql_error_set(err, GQL_ERR_EXECUTION,
				    GQL_LOC_NONE, "Must provide operation "
				    "name if query contains multiple "
				    "operations.");
				return NULL;
			}
			op = &d->u.op;
		} else if (d->u.op.name.s != NULL &&
		    strcmp(d->u.op.name.s, name) == 0)
			op = &d->u.op;
	}
	if (op == NULL && name != NULL)
		gql_error_set(err, GQL_ERR_EXECUTION, GQL_LOC_NONE,
		    "Unknown operation named \"%s\".", name);
	else if (op == NULL)
		gql_error_set(err, GQL_ERR_EXECUTION, GQL_LOC_NONE,
		    "Must provide an operation.");
	return op;
}

/* Set up x for a request; -1 with request errors in errs. */
int
gql_exec_init(struct gql_exec *x, const struct gql_request *req,
    struct buf *out)
{
	memset(x, 0, offsetof(struct gql_exec, path_inline));
	x->schema = req->schema;
	x->doc = req->doc;
	x->opts = req->options != NULL ? req->options : &exec_default_options;
	x->max_errors = x->opts->max_errors ? x->opts->max_errors :
	    EXEC_MAX_ERRORS;
	x->ctx = req->ctx;
	x->out = out;
	x->out_start = out->len;
	x->path = x->path_inline;
	x->path_cap = XPATH_INLINE;
	buf_reserve(out, 256);
	buf_init(&x->errs);
	if ((x->arena = exec_spare) != NULL)
		exec_spare = NULL;
	else
		x->arena = gql_arena_new(EXEC_ARENA_HINT);
	return 0;
}

/* Release what a request's execution state holds. */
void
gql_exec_fini(struct gql_exec *x)
{
	buf_free(&x->errs);
	if (x->path != x->path_inline)
		free(x->path);
	if (exec_spare == NULL && gql_arena_used(x->arena) < EXEC_ARENA_KEEP) {
		gql_arena_reset(x->arena);
		exec_spare = x->arena;
	} else
		gql_arena_free(x->arena);
	x->arena = NULL;
	x->path = NULL;
}

/* Free this thread's spare scratch arena; call before the thread ends. */
void
gql_exec_thread_end(void)
{
	gql_arena_free(exec_spare);
	exec_spare = NULL;
}

static int
exec_variables(struct gql_exec *x, const struct gql_request *req,
    const struct gql_typeref *const *vtypes, struct gql_errors *errs)
{
	const struct gql_value	*in = req->variables;
	char			 msg[128];

	if (in == NULL && req->variables_json != NULL) {
		in = gql_json_parse(req->variables_json, req->variables_len,
		    x->arena, x->opts->json_depth, msg, sizeof(msg));
		if (in == NULL) {
			gql_errors_add(errs, GQL_ERR_EXECUTION, GQL_LOC_NONE,
			    "Variables are invalid JSON: %s.", msg);
			return -1;
		}
	}
	if (in != NULL && in->kind == GQL_V_NULL)
		in = NULL;
	if (in != NULL && in->kind != GQL_V_OBJECT) {
		gql_errors_add(errs, GQL_ERR_EXECUTION, GQL_LOC_NONE,
		    "Variables must be provided as an Object where each "
		    "property is a variable value.");
		return -1;
	}
	return gql_coerce_variables(x->schema, x->op, vtypes, in, x->arena,
	    x->opts->max_var_errors ? x->opts->max_var_errors :
	    EXEC_MAX_VAR_ERRORS, &x->vars, x->varv, errs);
}

/* Execute a query or mutation and write its response to out. */
enum gql_exec_status
gql_execute(const struct gql_request *req, struct buf *out)
{
	struct gql_exec			 x;
	struct gql_errors		 errs = GQL_ERRORS_INIT;
	struct gql_error		 err;
	struct xplan			*root = NULL;
	const struct gql_typeref *const	*vtypes = NULL;
	enum gql_exec_status		 st;

	gql_exec_init(&x, req, out);
	gql_error_clear(&err);
	if ((x.op = gql_exec_operation(req->doc, req->operation_name,
	    &err)) == NULL) {
		buf_add(out, "{\"errors\":[", 11);
		gql_exec_write_error(&err, "BAD_REQUEST", out);
		buf_add(out, "]}", 2);
		st = GQL_EXEC_REQUEST_ERROR;
	} else {
		if (req->prepared != NULL)
			gql_exec_prepared_op(&x, req, &root, &vtypes);
		if (exec_variables(&x, req, vtypes, &errs) == -1)
			st = exec_request_error(&x, &errs);
		else {
			x.no_block = x.op->op != GQL_OP_QUERY;
			st = gql_exec_run(&x, req->root_value, root);
		}
	}
	gql_error_free(&err);
	gql_errors_free(&errs);
	gql_exec_fini(&x);
	return st;
}

/*
 * Run the operation with coerced variables on a root value, with its
 * root plan if prepared (else NULL: collected here).
 */
enum gql_exec_status
gql_exec_run(struct gql_exec *x, void *root_value, struct xplan *plan)
{
	const struct gql_type	*root;
	struct gql_error	 err;
	size_t			 data;
	int			 rc = -1;

	buf_add(x->out, "{\"data\":", 8);
	data = x->out->len;
	gql_error_clear(&err);
	if (plan == NULL)
		gql_exec_frags_index(x);
	if ((root = gql_schema_root(x->schema, x->op->op)) == NULL)
		gql_exec_raisef(x, NULL, "Schema is not configured to execute "
		    "%s operation.", gql_op_type_name(x->op->op));
	else if (plan == NULL &&
	    (plan = gql_exec_collect_root(x, root, &err)) == NULL) {
		gql_exec_raise(x, NULL, &err.locs[0], err.message, NULL);
		gql_error_free(&err);
	} else
		rc = gql_exec_object(x, root, root_value, plan);
	if (x->blocked) {
		x->out->len = x->out_start;
		x->out->data[x->out->len] = '\0';
		return GQL_EXEC_WOULD_BLOCK;
	}
	if (x->aborted) {
		x->out->len = x->out_start;
		x->out->data[x->out->len] = '\0';
		buf_add(x->out, "{\"errors\":[{\"message\":", 22);
		gql_json_write_string(x->out, x->abort_msg,
		    strlen(x->abort_msg));
		exec_write_error_close(x->out, x->abort_code);
		buf_add(x->out, "]}", 2);
		return GQL_EXEC_REQUEST_ERROR;
	}
	if (rc == -1) {
		x->out->len = data;
		buf_add(x->out, "null", 4);
	}
	gql_exec_finish(x, data, rc);
	return x->nerrors != 0 ? GQL_EXEC_FIELD_ERRORS : GQL_EXEC_OK;
}

/* Close a response: the errors, if any, then the final brace. */
void
gql_exec_finish(struct gql_exec *x, size_t data, int rc)
{
	(void)data;
	(void)rc;
	if (x->dropped != 0) {
		buf_add(&x->errs, ",{\"message\":", 12);
		buf_addf(&x->errs, "\"%u more errors were left out.\"",
		    x->dropped);
		buf_addc(&x->errs, '}');
	}
	if (x->errs.len != 0) {
		buf_add(x->out, ",\"errors\":[", 11);
		buf_add(x->out, x->errs.data + 1, x->errs.len - 1);
		buf_addc(x->out, ']');
	}
	buf_addc(x->out, '}');	/* and the NUL gql_exec_out() leaves out */
}

static enum gql_exec_status
exec_request_error(struct gql_exec *x, const struct gql_errors *errs)
{
	gql_exec_write_errors(errs, x->out);
	return GQL_EXEC_REQUEST_ERROR;
}

/* Write the raised errors alone, {"errors":[...]}: a request error. */
enum gql_exec_status
gql_exec_request_error(struct gql_exec *x)
{
	buf_add(x->out, "{\"errors\":[", 11);
	if (x->errs.len != 0)
		buf_add(x->out, x->errs.data + 1, x->errs.len - 1);
	buf_add(x->out, "]}", 2);
	return GQL_EXEC_REQUEST_ERROR;
}

/* Coerce a request's variables for x->op; -1 with request errors. */
int
gql_exec_variables(struct gql_exec *x, const struct gql_request *req,
    struct gql_errors *errs)
{
	return exec_variables(x, req, NULL, errs);
}

static void
exec_write_locs(struct buf *b, const struct gql_loc *locs, unsigned n)
{
	unsigned	i;

	buf_add(b, ",\"locations\":[", 14);
	for (i = 0; i < n; i++) {
		if (i > 0)
			buf_addc(b, ',');
		buf_add(b, "{\"line\":", 8);
		gql_json_write_int(b, locs[i].line);
		buf_add(b, ",\"column\":", 10);
		gql_json_write_int(b, locs[i].column);
		buf_addc(b, '}');
	}
	buf_addc(b, ']');
}

static void
exec_write_error_close(struct buf *b, const char *code)
{
	if (code != NULL) {
		buf_add(b, ",\"extensions\":{\"code\":", 22);
		gql_json_write_string(b, code, strlen(code));
		buf_addc(b, '}');
	}
	buf_addc(b, '}');
}

/* Append one error object (with extensions.code if code is not NULL). */
void
gql_exec_write_error(const struct gql_error *e, const char *code,
    struct buf *b)
{
	buf_add(b, "{\"message\":", 11);
	gql_json_write_string(b, e->message, e->msglen);
	if (e->nlocs > 0)
		exec_write_locs(b, e->locs, e->nlocs);
	exec_write_error_close(b, code);
}

/* Write {"errors":[...]} for errors found before execution. */
void
gql_exec_write_errors(const struct gql_errors *errs, struct buf *b)
{
	const struct gql_error	*e;

	buf_add(b, "{\"errors\":[", 11);
	for (e = errs->first; e != NULL; e = e->next) {
		if (e != errs->first)
			buf_addc(b, ',');
		gql_exec_write_error(e, e->kind == GQL_ERR_LIMIT ?
		    "LIMIT_EXCEEDED" : e->kind == GQL_ERR_VALIDATION ?
		    "GRAPHQL_VALIDATION_FAILED" : e->kind == GQL_ERR_SYNTAX ?
		    "GRAPHQL_PARSE_FAILED" : "BAD_USER_INPUT", b);
	}
	buf_add(b, "]}", 2);
}

static void
exec_write_path(struct gql_exec *x, struct buf *b)
{
	uint32_t	i;

	buf_add(b, ",\"path\":[", 9);
	for (i = 0; i < x->depth; i++) {
		if (i > 0)
			buf_addc(b, ',');
		if (x->path[i].key != NULL)
			gql_json_write_string(b, x->path[i].key,
			    x->path[i].key_len);
		else
			gql_json_write_int(b, (int64_t)x->path[i].index);
	}
	buf_addc(b, ']');
}

/*
 * Record a field error at the current path: located at `loc` if given,
 * else at every node of the field f (if any).
 */
void
gql_exec_raise(struct gql_exec *x, const struct xfield *f,
    const struct gql_loc *loc, const char *msg, const char *code)
{
	struct buf	*b = &x->errs;
	uint32_t	 i;

	if (x->nerrors >= x->max_errors) {
		x->dropped++;
		return;
	}
	x->nerrors++;
	buf_add(b, ",{\"message\":", 12);
	gql_json_write_string(b, msg, strlen(msg));
	if (loc != NULL && loc->line != 0)
		exec_write_locs(b, loc, 1);
	else if (f != NULL && f->nnodes > 0) {
		buf_add(b, ",\"locations\":[", 14);
		for (i = 0; i < f->nnodes; i++) {
			if (i > 0)
				buf_addc(b, ',');
			buf_add(b, "{\"line\":", 8);
			gql_json_write_int(b, f->nodes[i]->loc.line);
			buf_add(b, ",\"column\":", 10);
			gql_json_write_int(b, f->nodes[i]->loc.column);
			buf_addc(b, '}');
		}
		buf_addc(b, ']');
	}
	if (x->depth > 0)
		exec_write_path(x, b);
	exec_write_error_close(b, code);
}

/* Record a field error with a formatted message. */
void
gql_exec_raisef(struct gql_exec *x, const struct xfield *f,
    const char *fmt, ...)
{
	va_list		ap;
	struct buf	msg = BUF_INIT;

	va_start(ap, fmt);
	buf_vaddf(&msg, fmt, ap);
	va_end(ap);
	gql_exec_raise(x, f, NULL, buf_cstr(&msg), NULL);
	buf_free(&msg);
}

/* Give up on the whole request (a limit): the response is one error. */
void
gql_exec_abort(struct gql_exec *x, const char *msg, const char *code)
{
	x->aborted = 1;
	x->abort_msg = msg;
	x->abort_code = code;
}

/* Make room for a deeper path. */
void
gql_exec_path_grow(struct gql_exec *x)
{
	struct xseg	*p;

	p = xreallocarray(NULL, x->path_cap * 2, sizeof(*p));
	memcpy(p, x->path, x->depth * sizeof(*p));
	if (x->path != x->path_inline)
		free(x->path);
	x->path = p;
	x->path_cap *= 2;
}
