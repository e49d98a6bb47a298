/*
 * gql_validate_ops.c: the rules about whole definitions (spec 5.1, 5.2):
 * ExecutableDefinitions, UniqueOperationNames, LoneAnonymousOperation and
 * SingleFieldSubscriptions. The last one collects the subscription's root
 * fields the way execution does (graphql-js collectFields() with no
 * variable values: @skip and @include count only with literal arguments),
 * metering graphql-js's fragment work budget as it goes.
 */
#include "config.h"

#include <string.h>

#include "graphql/gql_arena.h"
#include "graphql/gql_validate_int.h"

/* A response key of the subscription's root and its field nodes. */
struct ops_group {
	const struct gql_name		 *key;
	const struct gql_ast_selection	**nodes;
	uint32_t			  n;
	uint32_t			  cap;
};

struct ops_collect {
	struct gv_strmap	 keys;		/* key -> group index + 1 */
	struct ops_group	*groups;
	uint32_t		 n;
	uint32_t		 cap;
	uint32_t		 gen;		/* visited fragments */
	struct gql_type		*root;
};

static void	 ops_subscription(struct gv *, const struct gql_ast_def *);
static void	 ops_collect(struct gv *, struct ops_collect *,
		    const struct gql_ast_selset *);
static void	 ops_collect_field(struct gv *, struct ops_collect *,
		    const struct gql_ast_selection *);
static void	 ops_reserve(struct gv *, const struct gql_ast_selset *);
static int	 ops_included(const struct gql_ast_selection *);
static int	 ops_matches(struct gv *, const struct gql_ast_type *,
		    struct gql_type *);
static void	 ops_report_extra(struct gv *, const struct gql_ast_def *,
		    struct ops_collect *);

/* Document enter: ExecutableDefinitions. */
void
gql_validate_ops_document(struct gv *v)
{
	const struct gql_ast_def	*d;

	for (d = v->doc->defs; d != NULL; d = d->next) {
		if (gql_def_is_executable(d))
			continue;
		if (d->kind == GQL_DEF_SCHEMA)
			gql_validate_report(v, d->loc,
			    "The schema definition is not executable.");
		else if (d->kind == GQL_DEF_DIRECTIVE)
			gql_validate_report(v, d->loc,
			    "The \"%s\" definition is not executable.",
			    d->u.directive.name.s);
		else
			gql_validate_report(v, d->loc,
			    "The \"%s\" definition is not executable.",
			    d->u.type.name.s);
	}
}

/* Operation enter: UniqueOperationNames, LoneAnonymousOperation,
 * SingleFieldSubscriptions. */
void
gql_validate_ops_operation(struct gv *v, const struct gql_ast_def *d)
{
	const struct gql_ast_operation	*op = &d->u.op;
	const struct gql_name		*first;
	struct gql_error		*err;
	void				**slot;
	int				  isnew;

	if (op->name.s != NULL) {
		slot = gql_validate_map_str_slot(v, &v->op_names,
		    op->name.s, op->name.len, &isnew);
		if (isnew) {
			*slot = (void *)(uintptr_t)&op->name;
		} else {
			first = *slot;
			err = gql_validate_report(v, first->loc, "There can be "
			    "only one operation named \"%s\".", op->name.s);
			gql_error_add_loc(err, op->name.loc);
		}
	} else if (v->doc->noperations > 1) {
		gql_validate_report(v, d->loc, "This anonymous operation must "
		    "be the only defined operation.");
	}
	if (op->op == GQL_OP_SUBSCRIPTION && v->schema->subscription != NULL)
		ops_subscription(v, d);
}

static void
ops_subscription(struct gv *v, const struct gql_ast_def *d)
{
	struct ops_collect	 c;
	struct gql_error	*err = NULL;
	const char		*name = d->u.op.name.s;
	uint32_t		 i, j;

	if (!v->frag_map_spent) {
		v->frag_map_spent = 1;
		gql_validate_spend(v, v->doc->ndefs);
	}
	memset(&c, 0, sizeof(c));
	c.gen = ++v->gen;
	c.root = v->schema->subscription;
	ops_collect(v, &c, d->u.op.selset);
	if (c.n > 1)
		ops_report_extra(v, d, &c);
	for (i = 0; i < c.n; i++) {
		const struct gql_name *fn = &c.groups[i].nodes[0]->name;

		if (fn->len < 2 || fn->s[0] != '_' || fn->s[1] != '_')
			continue;
		if (name != NULL)
			err = gql_validate_report(v, c.groups[i].nodes[0]->loc,
			    "Subscription \"%s\" must not select an "
			    "introspection top level field.", name);
		else
			err = gql_validate_report(v, c.groups[i].nodes[0]->loc,
			    "Anonymous Subscription must not select an "
			    "introspection top level field.");
		for (j = 1; j < c.groups[i].n; j++)
			gql_error_add_loc(err, c.groups[i].nodes[j]->loc);
	}
}

static void
ops_report_extra(struct gv *v, const struct gql_ast_def *d,
    struct ops_collect *c)
{
	struct gql_error	*err;
	const char		*name = d->u.op.name.s;
	uint32_t		 i, j;

	if (name != NULL)
		err = gql_validate_report(v, c->groups[1].nodes[0]->loc,
		    "Subscription \"%s\" must select only one top level "
		    "field.", name);
	else
		err = gql_validate_report(v, c->groups[1].nodes[0]->loc,
		    "Anonymous Subscription must select only one top level "
		    "field.");
	for (i = 1; i < c->n; i++) {
		for (j = i == 1 ? 1 : 0; j < c->groups[i].n; j++)
			gql_error_add_loc(err, c->groups[i].nodes[j]->loc);
	}
}

static void
ops_collect(struct gv *v, struct ops_collect *c,
    const struct gql_ast_selset *ss)
{
	const struct gql_ast_selection	*sel;
	struct gv_frag			*f;

	gql_validate_enter(v);
	ops_reserve(v, ss);
	for (sel = ss->first; sel != NULL; sel = sel->next) {
		if (sel->kind == GQL_SEL_FIELD) {
			if (ops_included(sel))
				ops_collect_field(v, c, sel);
		} else if (sel->kind == GQL_SEL_INLINE_FRAGMENT) {
			if (ops_included(sel) &&
			    ops_matches(v, sel->type_cond, c->root))
				ops_collect(v, c, sel->selset);
		} else {
			f = gql_validate_frag_intern(v, &sel->name);
			if (f->seen == c->gen || !ops_included(sel))
				continue;
			f->seen = c->gen;
			if (f->def != NULL && ops_matches(v,
			    f->def->def->u.fragment.type_cond, c->root))
				ops_collect(v, c, f->def->selset);
		}
	}
	gql_validate_leave(v);
}

static void
ops_collect_field(struct gv *v, struct ops_collect *c,
    const struct gql_ast_selection *sel)
{
	const struct gql_name	*key = sel->alias.s != NULL ? &sel->alias :
				    &sel->name;
	struct ops_group	*g;
	void			**slot;
	int			  isnew;

	slot = gql_validate_map_str_slot(v, &c->keys, key->s, key->len,
	    &isnew);
	if (isnew) {
		if (c->n == c->cap)
			c->groups = gql_validate_grow(v, c->groups, &c->cap,
			    sizeof(*c->groups));
		g = &c->groups[c->n++];
		memset(g, 0, sizeof(*g));
		g->key = key;
		*slot = (void *)(uintptr_t)c->n;
	} else {
		g = &c->groups[(uintptr_t)*slot - 1];
	}
	if (g->n == g->cap)
		g->nodes = gql_validate_grow(v, g->nodes, &g->cap,
		    sizeof(*g->nodes));
	g->nodes[g->n++] = sel;
}

/* graphql-js reserveSelectionSetWork(). */
static void
ops_reserve(struct gv *v, const struct gql_ast_selset *ss)
{
	const struct gql_ast_selection	*sel;
	const struct gql_ast_directive	*d;

	gql_validate_spend(v, ss->count);
	for (sel = ss->first; sel != NULL; sel = sel->next) {
		for (d = sel->directives; d != NULL; d = d->next) {
			gql_validate_spend(v, 1);
			if (GV_NAME_IS(&d->name, "skip") ||
			    GV_NAME_IS(&d->name, "include"))
				gql_validate_spend(v, d->nargs);
		}
	}
}

/*
 * Return whether @skip / @include keep a selection, with no variable
 * values: only a literal `if` decides (the first directive of each name,
 * as getDirectiveValues() finds it).
 */
static int
ops_included(const struct gql_ast_selection *sel)
{
	const struct gql_ast_directive	*d;
	const struct gql_ast_argument	*a, *last;
	int				 seen_skip = 0, seen_include = 0;
	int				 skip;

	for (d = sel->directives; d != NULL; d = d->next) {
		skip = GV_NAME_IS(&d->name, "skip");
		if (!skip && !GV_NAME_IS(&d->name, "include"))
			continue;
		if ((skip && seen_skip) || (!skip && seen_include))
			continue;
		if (skip)
			seen_skip = 1;
		else
			seen_include = 1;
		last = NULL;	/* keyMap(): the last "if" counts */
		for (a = d->args; a != NULL; a = a->next) {
			if (GV_NAME_IS(&a->name, "if"))
				last = a;
		}
		if (last != NULL && last->value->kind == GQL_VALUE_BOOLEAN &&
		    (last->value->boolean != 0) == skip)
			return 0;
	}
	return 1;
}

/* graphql-js doesFragmentConditionMatch(). */
static int
ops_matches(struct gv *v, const struct gql_ast_type *cond,
    struct gql_type *type)
{
	struct gql_type	*t;

	if (cond == NULL)
		return 1;
	t = gql_validate_type_named(v, cond);
	if (t == type)
		return 1;
	if (t != NULL && gql_type_is_abstract(t))
		return gql_schema_is_subtype(v->schema, t, type);
	return 0;
}
