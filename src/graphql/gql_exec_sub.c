/*
 * gql_exec_sub.c: subscriptions (spec 6.2.3). gql_subscribe() does what
 * CreateSourceEventStream does: pick the operation, coerce the variables,
 * collect the root field, coerce its arguments and call the field's
 * `subscribe` resolver, which returns an event source (an opaque pointer
 * the hub drives). Its errors are request errors: {"errors":[...]} and no
 * data, located at the root field with its response key as path, as
 * graphql-js reports them. gql_execute_event() then runs
 * MapSourceToResponseEvent for one event: the operation's selection set
 * with the event as root value (the root field's ordinary resolver maps
 * the event to the field's value), producing {"data":...}.
 *
 * The subscription keeps its coerced variables; the document it was made
 * from must outlive it. Its key (the document printed compactly, the
 * operation's name, the coerced variables as JSON) and that key's 64-bit
 * FNV-1a hash identify "the same selection": followers whose keys are
 * equal receive byte-identical responses for the same event and context,
 * so the hub may serialise an event once per distinct key. Resolvers that
 * depend on the context (auth) make that true only per context; the hub
 * shares by (key, context identity).
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "common/xmalloc.h"
#include "graphql/gql_arena.h"
#include "graphql/gql_coerce.h"
#include "graphql/gql_exec_int.h"
#include "graphql/gql_json.h"

struct gql_subscription {
	struct gql_arena		*arena;
	const struct gql_schema		*schema;
	const struct gql_ast_document	*doc;
	const struct gql_ast_operation	*op;
	const struct gql_value		*vars;
	const struct gql_exec_options	*opts;
	const struct gql_field		*field;
	char				*key;
	size_t				 key_len;
	uint64_t			 hash;
};

static int	 sub_prepare(struct gql_exec *, const struct gql_request *,
		    struct gql_errors *);
static int	 sub_call(struct gql_exec *, void *, struct xfield **,
		    void **);
static void	 sub_key(struct gql_subscription *);

static int
sub_prepare(struct gql_exec *x, const struct gql_request *req,
    struct gql_errors *errs)
{
	struct gql_error	err;

	gql_error_clear(&err);
	if ((x->op = gql_exec_operation(req->doc, req->operation_name,
	    &err)) == NULL) {
		gql_errors_add(errs, err.kind, GQL_LOC_NONE, "%s", err.message);
		gql_error_free(&err);
		return -1;
	}
	if (x->op->op != GQL_OP_SUBSCRIPTION) {
		gql_errors_add(errs, GQL_ERR_EXECUTION, GQL_LOC_NONE,
		    "The operation is a %s, not a subscription.",
		    gql_op_type_name(x->op->op));
		return -1;
	}
	return gql_exec_variables(x, req, errs);
}

/* Collect the root field and call its subscribe resolver. */
static int
sub_call(struct gql_exec *x, void *root_value, struct xfield **fp,
    void **source)
{
	const struct gql_field_binding	*bind;
	struct gql_resolve_info		 info;
	struct gql_result		 r;
	struct gql_error		 err;
	struct xplan			*plan;
	struct xfield			*f;
	const struct gql_value		*args;
	const struct gql_error		*aerr;

	gql_error_clear(&err);
	if (x->schema->subscription == NULL) {
		gql_exec_raisef(x, NULL, "Schema is not configured to execute "
		    "subscription operation.");
		return -1;
	}
	gql_exec_frags_index(x);
	if ((plan = gql_exec_collect_root(x, x->schema->subscription,
	    &err)) == NULL) {
		gql_exec_raise(x, NULL, &err.locs[0], err.message, NULL);
		gql_error_free(&err);
		return -1;
	}
	if (plan->n == 0) {
		gql_exec_raisef(x, NULL, "The subscription selects no field.");
		return -1;
	}
	*fp = f = &plan->fields[0];
	if (f->def == NULL || f->meta != XMETA_NONE) {
		gql_exec_raisef(x, f, "The subscription field \"%s\" is not "
		    "defined.", f->nodes[0]->name.s);
		return -1;
	}
	gql_exec_path_push(x, f->key, f->key_len, 0);
	if (gql_exec_args(x, f, &args, &aerr) == -1) {
		gql_exec_raise(x, f, &aerr->locs[0], aerr->message, NULL);
		return -1;
	}
	memset(&r, 0, sizeof(r));
	info.schema = x->schema;
	info.field = f->def;
	info.parent_type = x->schema->subscription;
	info.parent = root_value;
	info.args = args;
	info.ctx = x->ctx;
	info.exec = x;
	bind = f->def->udata;
	info.data = bind != NULL ? bind->data : NULL;
	if (bind != NULL && bind->subscribe != NULL)
		bind->subscribe(&info, &r);
	if (r.kind == GQL_R_ERROR) {
		gql_exec_raise(x, f, NULL, r.u.err.message != NULL ?
		    r.u.err.message : "Unknown error.", r.u.err.code);
		return -1;
	}
	if (r.kind != GQL_R_SOURCE) {
		gql_exec_raisef(x, f, "Subscription field must return Async "
		    "Iterable. Received: %s.", r.kind == GQL_R_UNSET ?
		    "undefined" : "a value");
		return -1;
	}
	*source = r.u.obj.ptr;
	return 0;
}

/*
 * Set up a subscription: 0 (GQL_EXEC_OK) with *subp and the event source
 * in *source and nothing written, or GQL_EXEC_REQUEST_ERROR with
 * {"errors":[...]} written to out.
 */
enum gql_exec_status
gql_subscribe(const struct gql_request *req, struct gql_subscription **subp,
    void **source, struct buf *out)
{
	struct gql_subscription	*sub;
	struct gql_exec		 x;
	struct gql_errors	 errs = GQL_ERRORS_INIT;
	struct xfield		*f = NULL;
	enum gql_exec_status	 st = GQL_EXEC_OK;

	*subp = NULL;
	*source = NULL;
	sub = xcalloc(1, sizeof(*sub));
	gql_exec_init(&x, req, out);
	sub->arena = gql_arena_new(1024);
	if (sub_prepare(&x, req, &errs) == -1) {
		gql_exec_write_errors(&errs, out);
		st = GQL_EXEC_REQUEST_ERROR;
	} else if (sub_call(&x, req->root_value, &f, source) == -1)
		st = gql_exec_request_error(&x);
	if (st == GQL_EXEC_OK) {
		sub->schema = req->schema;
		sub->doc = req->doc;
		sub->op = x.op;
		sub->opts = x.opts;
		sub->field = f->def;
		sub->vars = gql_value_copy(sub->arena, x.vars);
		sub_key(sub);
		*subp = sub;
	} else
		gql_subscription_free(sub);
	gql_errors_free(&errs);
	gql_exec_fini(&x);
	return st;
}

static void
sub_key(struct gql_subscription *sub)
{
	struct buf	b = BUF_INIT;
	uint64_t	h = 14695981039346656037ULL;
	size_t		i;

	gql_ast_print(sub->doc, GQL_PRINT_COMPACT, &b);
	buf_addc(&b, '\n');
	if (sub->op->name.s != NULL)
		buf_add(&b, sub->op->name.s, sub->op->name.len);
	buf_addc(&b, '\n');
	gql_value_write_json(sub->vars, &b);
	for (i = 0; i < b.len; i++)
		h = (h ^ (unsigned char)b.data[i]) * 1099511628211ULL;
	sub->key = buf_detach(&b, &sub->key_len);
	sub->hash = h;
}

/*
 * Execute the subscription's selection set for one event (the root
 * value), writing {"data":...} (with "errors" if any) to out.
 */
enum gql_exec_status
gql_execute_event(struct gql_subscription *sub, void *event, void *ctx,
    struct buf *out)
{
	struct gql_request	req;
	struct gql_exec		x;
	enum gql_exec_status	st;

	memset(&req, 0, sizeof(req));
	req.schema = sub->schema;
	req.doc = sub->doc;
	req.ctx = ctx;
	req.options = sub->opts;
	gql_exec_init(&x, &req, out);
	x.op = sub->op;
	x.vars = sub->vars;
	x.no_block = 1;
	st = gql_exec_run(&x, event, NULL);
	gql_exec_fini(&x);
	return st;
}

/* A stable hash of (document, operation, variables). */
uint64_t
gql_subscription_hash(const struct gql_subscription *sub)
{
	return sub->hash;
}

/* The text the hash is taken of, to compare two subscriptions exactly. */
const char *
gql_subscription_key(const struct gql_subscription *sub, size_t *len)
{
	if (len != NULL)
		*len = sub->key_len;
	return sub->key;
}

/* The subscription's root field (Subscription.messages ...). */
const struct gql_field *
gql_subscription_field(const struct gql_subscription *sub)
{
	return sub->field;
}

/* Free a subscription; NULL is a no-op. */
void
gql_subscription_free(struct gql_subscription *sub)
{
	if (sub == NULL)
		return;
	gql_arena_free(sub->arena);
	free(sub->key);
	free(sub);
}
