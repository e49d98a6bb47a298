/*
 * gql_exec_prep.c: prepared documents, what a document cache keeps next
 * to a parsed and validated document so that executing it again skips
 * the work that does not depend on the request: choosing the operation's
 * variable types, CollectFields for every selection and every possible
 * run-time type (the plans of gql_exec_int.h, built eagerly), the field
 * definitions and resolvers, and the arguments written as literals. What
 * does depend on the request stays per request: variables, and the
 * arguments that use them (a per-request slot per such field). Those are
 * prepared too, one argument at a time (struct xarg): an argument given
 * as a literal without variables, or not given, has the same outcome in
 * every request and is coerced once; one given as `$v` is that variable's
 * coerced value, found by its index instead of by name; anything else
 * (a literal with variables inside, a variable the request lacks, null
 * for a non-null argument) goes through gql_coerce_argument() per
 * request, as an unprepared request would.
 *
 * A prepared document is immutable once built, so any number of requests
 * on any thread may share it. A document is not prepared (gql_prepare()
 * returns NULL, and requests simply run unprepared) when a selection
 * depends on variables through @skip/@include, when collecting fails, or
 * when its plans would exceed PREP_MAX_FIELDS (fragments can multiply a
 * small text into many plans).
 */
#include "config.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "common/xmalloc.h"
#include "graphql/gql_arena.h"
#include "graphql/gql_coerce.h"
#include "graphql/gql_exec_int.h"

#define PREP_MAX_FIELDS	20000	/* plan entries per document */
#define PREP_MAX_DEPTH	256	/* nested plans */

struct prep_op {
	const struct gql_ast_operation	 *op;
	struct xplan			 *root;
	const struct gql_typeref	**vtypes;	/* per variable */
};

struct gql_prepared {
	struct gql_arena		*arena;
	const struct gql_schema		*schema;
	const struct gql_ast_document	*doc;
	const struct gql_exec_options	*opts;
	struct prep_op			*ops;
	uint32_t			 nops;
	uint32_t			 ndyn;
};

static int	 prep_walk(struct gql_exec *, const struct xplan *, unsigned);
static int	 prep_op(struct gql_exec *, struct gql_prepared *,
		    const struct gql_ast_operation *, struct prep_op *);
static int	 prep_var_index(const struct gql_ast_operation *,
		    const struct gql_name *, uint32_t *);

static int
prep_walk(struct gql_exec *x, const struct xplan *plan, unsigned depth)
{
	const struct gql_value	*args;
	const struct gql_error	*aerr;
	const struct gql_type	*t, *rt;
	const struct xplan	*sub;
	struct gql_error	 err;
	struct xfield		*f;
	uint32_t		 i, k, n;

	if (depth > PREP_MAX_DEPTH ||
	    (x->nplanned += plan->n) > PREP_MAX_FIELDS)
		return -1;
	for (i = 0; i < plan->n; i++) {
		f = &plan->fields[i];
		if (f->def == NULL || f->meta == XMETA_TYPENAME)
			continue;
		gql_exec_args(x, f, &args, &aerr);
		t = gql_typeref_named(f->def->type);
		if (!gql_type_is_composite(t))
			continue;
		n = gql_type_is_abstract(t) ? t->npossible : 1;
		for (k = 0; k < n; k++) {
			rt = gql_type_is_abstract(t) ? t->possible[k] : t;
			gql_error_clear(&err);
			sub = gql_exec_subplan(x, f, rt, &err);
			gql_error_free(&err);
			if (sub == NULL || x->prep_fail ||
			    prep_walk(x, sub, depth + 1) == -1)
				return -1;
		}
	}
	return 0;
}

static int
prep_op(struct gql_exec *x, struct gql_prepared *p,
    const struct gql_ast_operation *op, struct prep_op *po)
{
	const struct gql_ast_var_def	*vd;
	const struct gql_type		*root;
	struct gql_error		 err;
	uint32_t			 i = 0;

	po->op = op;
	x->op = op;
	gql_error_clear(&err);
	if ((root = gql_schema_root(p->schema, op->op)) == NULL)
		return -1;
	po->root = gql_exec_collect_root(x, root, &err);
	gql_error_free(&err);
	if (po->root == NULL || x->prep_fail ||
	    prep_walk(x, po->root, 0) == -1)
		return -1;
	po->vtypes = gql_arena_calloc(p->arena, op->nvars ? op->nvars : 1,
	    sizeof(*po->vtypes));
	for (vd = op->vars; vd != NULL && i < op->nvars; vd = vd->next)
		po->vtypes[i++] = gql_coerce_variable_type(p->schema, p->arena,
		    vd->type);
	return 0;
}

/*
 * Prepare a (validated) document for repeated execution with the given
 * options (the same pointer must come with each request that uses it);
 * NULL when it cannot be prepared: execute it unprepared then.
 */
struct gql_prepared *
gql_prepare(const struct gql_schema *schema,
    const struct gql_ast_document *doc, const struct gql_exec_options *opts)
{
	static const struct gql_exec_options	 none;
	struct gql_prepared			*p;
	struct gql_exec				 x;
	const struct gql_ast_def		*d;
	int					 rc = 0;

	p = xcalloc(1, sizeof(*p));
	p->arena = gql_arena_new(8192);
	p->schema = schema;
	p->doc = doc;
	p->opts = opts;
	p->ops = gql_arena_calloc(p->arena, doc->noperations ?
	    doc->noperations : 1, sizeof(*p->ops));
	memset(&x, 0, offsetof(struct gql_exec, path_inline));
	x.schema = schema;
	x.doc = doc;
	x.opts = opts != NULL ? opts : &none;
	x.arena = p->arena;
	x.preparing = 1;
	gql_exec_frags_index(&x);
	for (d = doc->defs; d != NULL && rc == 0; d = d->next)
		if (d->kind == GQL_DEF_OPERATION && p->nops < doc->noperations)
			rc = prep_op(&x, p, &d->u.op, &p->ops[p->nops++]);
	p->ndyn = x.ndyn;
	if (rc == -1 || x.prep_fail) {
		gql_prepared_free(p);
		return NULL;
	}
	return p;
}

/* Free a prepared document (not the document); NULL is a no-op. */
void
gql_prepared_free(struct gql_prepared *p)
{
	if (p == NULL)
		return;
	gql_arena_free(p->arena);
	free(p);
}

/*
 * Use a request's prepared document for x->op: the root plan and the
 * variables' types, and per-request argument slots. -1 if it does not fit
 * the request (then x runs unprepared).
 */
int
gql_exec_prepared_op(struct gql_exec *x, const struct gql_request *req,
    struct xplan **root, const struct gql_typeref *const **vtypes)
{
	const struct gql_prepared	*p = req->prepared;
	uint32_t			 i;

	if (p == NULL || p->doc != req->doc || p->schema != req->schema ||
	    p->opts != req->options)
		return -1;
	for (i = 0; i < p->nops; i++)
		if (p->ops[i].op == x->op)
			break;
	if (i == p->nops)
		return -1;
	x->prep = p;
	x->dyn = gql_arena_calloc(x->arena, p->ndyn ? p->ndyn : 1,
	    sizeof(*x->dyn));
	if (p->ndyn != 0)	/* filled by gql_coerce_variables() */
		x->varv = gql_arena_calloc(x->arena, x->op->nvars ?
		    x->op->nvars : 1, sizeof(*x->varv));
	*root = p->ops[i].root;
	*vtypes = p->ops[i].vtypes;
	return 0;
}

/* The index of the operation's only variable of that name; -1: none. */
static int
prep_var_index(const struct gql_ast_operation *op,
    const struct gql_name *name, uint32_t *index)
{
	const struct gql_ast_var_def	*vd;
	uint32_t			 i, found = 0;

	for (vd = op->vars, i = 0; vd != NULL && i < op->nvars;
	    vd = vd->next, i++)
		if (gql_name_eqn(name, vd->name.s, vd->name.len)) {
			*index = i;
			found++;
		}
	return found == 1 ? 0 : -1;
}

/*
 * How each argument of a prepared field f (whose arguments use variables)
 * is to be coerced per request; in x->arena, the prepared document's.
 */
const struct xarg *
gql_exec_prep_args(struct gql_exec *x, const struct xfield *f)
{
	const struct gql_ast_selection	*node = f->nodes[0];
	const struct gql_input_value	*def;
	const struct gql_ast_argument	*a;
	struct xarg			*ap;
	struct gql_value		 v;
	struct gql_error		 err;
	uint32_t			 i;
	int				 rc;

	ap = gql_arena_calloc(x->arena, f->def->nargs ? f->def->nargs : 1,
	    sizeof(*ap));
	for (i = 0; i < f->def->nargs; i++) {
		def = &f->def->args[i];
		a = gql_coerce_find_arg(node->args, def->name, def->name_len);
		if (a != NULL && a->value->kind == GQL_VALUE_VARIABLE) {
			if (prep_var_index(x->op, &a->value->name,
			    &ap[i].var) == 0)
				ap[i].kind = XARG_VARIABLE;
			continue;
		}
		if (a != NULL && gql_exec_has_variable(a->value))
			continue;	/* XARG_COERCE */
		gql_error_clear(&err);
		rc = gql_coerce_argument(x->schema, def, node->args, node->loc,
		    NULL, x->arena, &v, &err);
		gql_error_free(&err);	/* raised per request, as before */
		if (rc == 0) {
			ap[i].kind = XARG_VALUE;
			ap[i].value = gql_arena_memdup(x->arena, &v, sizeof(v));
		} else if (rc == 1)
			ap[i].kind = XARG_ABSENT;
	}
	return ap;
}

/*
 * CoerceArgumentValues for a prepared field f, by its struct xarg plan:
 * 0 and *out (an object), or -1 and err, as gql_coerce_arguments().
 */
int
gql_exec_prep_args_coerce(struct gql_exec *x, const struct xfield *f,
    const struct gql_value **out, struct gql_error *err)
{
	const struct gql_ast_selection	*node = f->nodes[0];
	const struct gql_input_value	*def;
	const struct gql_value		*in;
	const struct xarg		*ap;
	struct gql_value_field		*fields;
	struct gql_value		*obj;
	uint32_t			 i, n = 0;
	int				 rc;

	gql_error_clear(err);
	obj = gql_coerce_object(x->arena, f->def->nargs, &fields);
	for (i = 0; i < f->def->nargs; i++) {
		def = &f->def->args[i];
		ap = &f->argp[i];
		in = ap->kind == XARG_VARIABLE ? x->varv[ap->var] : NULL;
		if (ap->kind == XARG_ABSENT)
			continue;
		if (ap->kind == XARG_VALUE)
			fields[n].value = *ap->value;
		else if (in != NULL && in->kind != GQL_V_UNDEFINED &&
		    (in->kind != GQL_V_NULL ||
		    def->type->kind != GQL_WRAP_NON_NULL))
			fields[n].value = *in;
		else if ((rc = gql_coerce_argument(x->schema, def, node->args,
		    node->loc, x->vars, x->arena, &fields[n].value, err)) != 0) {
			if (rc == -1)
				return -1;
			continue;
		}
		fields[n].name = def->name;
		fields[n++].name_len = def->name_len;
	}
	obj->count = n;
	*out = obj;
	return 0;
}
