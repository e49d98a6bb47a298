/*
 * gql_validate_variables.c: the rules about variables (spec 5.8):
 * VariablesAreInputTypes, UniqueVariableNames, NoUndefinedVariables,
 * NoUnusedVariables and VariablesInAllowedPosition (with the spec's
 * IsVariableUsageAllowed(): a nullable variable fits a non-null position
 * when the variable or the position has a non-null default, and graphql-js
 * 16's check that a variable filling a field of a @oneOf input object is
 * non-null).
 *
 * The last three run when an operation is left, on its variable usages
 * and those of every fragment it spreads, directly or not (graphql-js
 * getRecursiveVariableUsages(): the operation's own, then the fragments'
 * in closure order, each usage as often as it occurs).
 */
#include "config.h"

#include <string.h>

#include "common/buf.h"
#include "graphql/gql_arena.h"
#include "graphql/gql_validate_int.h"

/* Above this many definitions, names are looked up in a map. */
#define VARS_LINEAR	16

struct vars_index {
	const struct gql_ast_operation	*op;
	struct gv_strmap		 last;	/* name -> last definition */
	int				 mapped;
};

static void	 vars_recursive(struct gv *, struct gv_def *);
static void	 vars_index_init(struct gv *, struct vars_index *,
		    const struct gql_ast_operation *);
static const struct gql_ast_var_def *vars_find(const struct vars_index *,
		    const struct gql_name *);
static void	 vars_undefined(struct gv *, struct gv_def *,
		    const struct vars_index *);
static void	 vars_unused(struct gv *, struct gv_def *);
static int	 vars_is_used(struct gv *, struct gv_def *,
		    const struct gv_strmap *, const struct gql_name *);
static void	 vars_positions(struct gv *, struct gv_def *,
		    const struct vars_index *);
static void	 vars_position(struct gv *, const struct gv_usage *,
		    const struct gql_ast_var_def *);
static int	 vars_allowed(struct gv *, const struct gql_typeref *,
		    const struct gql_ast_var_def *, const struct gv_usage *);

/* Record a variable usage of the definition being walked. */
void
gql_validate_variables_record(struct gv *v, const struct gql_ast_value *val)
{
	struct gv_def	*d = v->rec;
	struct gv_usage	*u;

	if (d->nusages == d->usages_cap)
		d->usages = gql_validate_grow(v, d->usages, &d->usages_cap,
		    sizeof(*d->usages));
	u = &d->usages[d->nusages++];
	u->node = val;
	u->type = v->ti.input_type;
	u->parent = v->ti.parent_input_type;
	u->has_default = v->ti.has_default;
}

/* VariableDefinition enter: VariablesAreInputTypes. */
void
gql_validate_variables_definition(struct gv *v,
    const struct gql_ast_var_def *vd)
{
	struct gql_type	*t = gql_validate_type_named(v, vd->type);
	struct buf	 b = BUF_INIT;

	if (t == NULL || gql_type_is_input(t))
		return;
	buf_addf(&b, "Variable \"$%s\" cannot be non-input type \"",
	    vd->name.s);
	gql_validate_print_type(vd->type, &b);
	buf_adds(&b, "\".");
	gql_validate_report_buf(v, vd->type->loc, &b);
}

/* Operation enter: UniqueVariableNames. */
void
gql_validate_variables_enter(struct gv *v, const struct gql_ast_def *d)
{
	const struct gql_ast_var_def	*a, *b;
	struct gql_error		*err;
	struct gv_strmap		 count;
	void				**slot;
	int				  isnew;

	memset(&count, 0, sizeof(count));
	if (d->u.op.nvars > VARS_LINEAR) {
		for (a = d->u.op.vars; a != NULL; a = a->next) {
			slot = gql_validate_map_str_slot(v, &count,
			    a->name.s, a->name.len, &isnew);
			*slot = (void *)((uintptr_t)*slot + 1);
		}
	}
	for (a = d->u.op.vars; a != NULL; a = a->next) {
		if (count.e != NULL && gql_validate_map_str_num(
		    &count, a->name.s, a->name.len) < 2)
			continue;
		for (b = d->u.op.vars; b != a; b = b->next) {
			if (b->name.len == a->name.len &&
			    memcmp(b->name.s, a->name.s, a->name.len) == 0)
				break;
		}
		if (b != a)
			continue;	/* reported with its first */
		err = NULL;
		for (b = a->next; b != NULL; b = b->next) {
			if (b->name.len != a->name.len ||
			    memcmp(b->name.s, a->name.s, a->name.len) != 0)
				continue;
			if (err == NULL)
				err = gql_validate_report(v, a->name.loc,
				    "There can be only one variable named "
				    "\"$%s\".", a->name.s);
			gql_error_add_loc(err, b->name.loc);
		}
	}
}

/* Operation leave: NoUndefinedVariables, NoUnusedVariables,
 * VariablesInAllowedPosition. */
void
gql_validate_variables_leave(struct gv *v, struct gv_def *d)
{
	struct vars_index	ix;

	vars_recursive(v, d);
	vars_index_init(v, &ix, &d->def->u.op);
	vars_undefined(v, d, &ix);
	vars_unused(v, d);
	vars_positions(v, d, &ix);
}

/* graphql-js getRecursiveVariableUsages(), with its fragment work. */
static void
vars_recursive(struct gv *v, struct gv_def *d)
{
	struct gv_fragset	*fs;
	struct gv_def		*fd;
	uint32_t		 i, cap = 0;

	if (d->rusages_done)
		return;
	fs = gql_validate_fragments_closure(v, &d, 1);
	if (!fs->usages_done) {
		fs->usages_done = 1;
		gql_validate_spend(v, fs->nfrags);
		for (i = 0; i < fs->nfrags; i++) {
			fd = fs->frags[i];
			gql_validate_walk_usages(v, fd);
			gql_validate_spend(v, fd->nusages);
			while (fs->nusages + fd->nusages > cap)
				fs->usages = gql_validate_grow(v, fs->usages,
				    &cap, sizeof(*fs->usages));
			if (fd->nusages > 0)
				memcpy(fs->usages + fs->nusages, fd->usages,
				    fd->nusages * sizeof(*fd->usages));
			fs->nusages += fd->nusages;
		}
	}
	gql_validate_spend(v, fs->nusages);
	d->nrusages = d->nusages + fs->nusages;
	d->rusages = gql_arena_calloc(v->arena, d->nrusages + 1,
	    sizeof(*d->rusages));
	if (d->nusages > 0)
		memcpy(d->rusages, d->usages, d->nusages * sizeof(*d->usages));
	if (fs->nusages > 0)
		memcpy(d->rusages + d->nusages, fs->usages,
		    fs->nusages * sizeof(*fs->usages));
	d->rusages_done = 1;
}

static void
vars_index_init(struct gv *v, struct vars_index *ix,
    const struct gql_ast_operation *op)
{
	const struct gql_ast_var_def	*vd;
	void				**slot;
	int				  isnew;

	memset(ix, 0, sizeof(*ix));
	ix->op = op;
	if (op->nvars <= VARS_LINEAR)
		return;
	ix->mapped = 1;
	for (vd = op->vars; vd != NULL; vd = vd->next) {
		slot = gql_validate_map_str_slot(v, &ix->last,
		    vd->name.s, vd->name.len, &isnew);
		*slot = (void *)(uintptr_t)vd;
	}
}

/* Return the last definition of a variable name, or NULL. */
static const struct gql_ast_var_def *
vars_find(const struct vars_index *ix, const struct gql_name *name)
{
	const struct gql_ast_var_def	*vd, *found = NULL;

	if (ix->mapped)
		return gql_validate_map_str_get(&ix->last, name->s, name->len);
	for (vd = ix->op->vars; vd != NULL; vd = vd->next) {
		if (vd->name.len == name->len &&
		    memcmp(vd->name.s, name->s, name->len) == 0)
			found = vd;
	}
	return found;
}

static void
vars_undefined(struct gv *v, struct gv_def *d, const struct vars_index *ix)
{
	const struct gql_ast_operation	*op = &d->def->u.op;
	const struct gql_ast_value	*node;
	struct gql_error		*err;
	uint32_t			 i;

	for (i = 0; i < d->nrusages; i++) {
		node = d->rusages[i].node;
		if (vars_find(ix, &node->name) != NULL)
			continue;
		if (op->name.s != NULL)
			err = gql_validate_report(v, node->loc, "Variable "
			    "\"$%s\" is not defined by operation \"%s\".",
			    node->name.s, op->name.s);
		else
			err = gql_validate_report(v, node->loc, "Variable "
			    "\"$%s\" is not defined.", node->name.s);
		gql_error_add_loc(err, d->def->loc);
	}
}

static void
vars_unused(struct gv *v, struct gv_def *d)
{
	const struct gql_ast_operation	*op = &d->def->u.op;
	const struct gql_ast_var_def	*vd;
	struct gv_strmap		 used;
	void				**slot;
	uint32_t			 i;
	int				 isnew;

	memset(&used, 0, sizeof(used));
	if (op->nvars > VARS_LINEAR) {
		for (i = 0; i < d->nrusages; i++) {
			slot = gql_validate_map_str_slot(v, &used,
			    d->rusages[i].node->name.s,
			    d->rusages[i].node->name.len, &isnew);
			*slot = (void *)1;
		}
	}
	for (vd = op->vars; vd != NULL; vd = vd->next) {
		if (vars_is_used(v, d, &used, &vd->name))
			continue;
		if (op->name.s != NULL)
			gql_validate_report(v, vd->loc, "Variable \"$%s\" is "
			    "never used in operation \"%s\".", vd->name.s,
			    op->name.s);
		else
			gql_validate_report(v, vd->loc, "Variable \"$%s\" is "
			    "never used.", vd->name.s);
	}
}

static int
vars_is_used(struct gv *v, struct gv_def *d, const struct gv_strmap *used,
    const struct gql_name *name)
{
	uint32_t	i;

	(void)v;
	if (used->e != NULL)
		return gql_validate_map_str_get(used, name->s,
		    name->len) != NULL;
	for (i = 0; i < d->nrusages; i++) {
		if (gql_name_eqn(&d->rusages[i].node->name, name->s,
		    name->len))
			return 1;
	}
	return 0;
}

static void
vars_positions(struct gv *v, struct gv_def *d, const struct vars_index *ix)
{
	const struct gql_ast_var_def	*vd;
	uint32_t			 i;

	for (i = 0; i < d->nrusages; i++) {
		vd = vars_find(ix, &d->rusages[i].node->name);
		if (vd != NULL && d->rusages[i].type != NULL)
			vars_position(v, &d->rusages[i], vd);
	}
}

static void
vars_position(struct gv *v, const struct gv_usage *u,
    const struct gql_ast_var_def *vd)
{
	const struct gql_typeref	*vt;
	struct gql_error		*err;
	struct buf			 b = BUF_INIT;
	struct gql_type			*pt;

	if ((vt = gql_validate_type_ref(v, vd->type)) == NULL)
		return;
	if (!vars_allowed(v, vt, vd, u)) {
		buf_addf(&b, "Variable \"$%s\" of type \"", u->node->name.s);
		gql_typeref_print(vt, &b);
		buf_adds(&b, "\" used in position expecting type \"");
		gql_typeref_print(u->type, &b);
		buf_adds(&b, "\".");
		err = gql_validate_report_buf(v, vd->loc, &b);
		gql_error_add_loc(err, u->node->loc);
	}
	/* graphql-js: only a nullable position's input object counts. */
	if (u->parent == NULL || u->parent->kind != GQL_WRAP_NAMED ||
	    vt->kind == GQL_WRAP_NON_NULL)
		return;
	pt = u->parent->named;
	if (pt->kind != GQL_KIND_INPUT_OBJECT || !pt->one_of)
		return;
	buf_addf(&b, "Variable \"$%s\" is of type \"", u->node->name.s);
	gql_typeref_print(vt, &b);
	buf_addf(&b, "\" but must be non-nullable to be used for OneOf Input "
	    "Object \"%s\".", pt->name);
	err = gql_validate_report_buf(v, vd->loc, &b);
	gql_error_add_loc(err, u->node->loc);
}

/* graphql-js allowedVariableUsage(). */
static int
vars_allowed(struct gv *v, const struct gql_typeref *vt,
    const struct gql_ast_var_def *vd, const struct gv_usage *u)
{
	const struct gql_typeref	*lt = u->type;
	int				 var_default;

	if (lt->kind == GQL_WRAP_NON_NULL && vt->kind != GQL_WRAP_NON_NULL) {
		var_default = vd->default_value != NULL &&
		    vd->default_value->kind != GQL_VALUE_NULL;
		if (!var_default && !u->has_default)
			return 0;
		return gql_typeref_is_subtype(v->schema, vt, lt->of);
	}
	return gql_typeref_is_subtype(v->schema, vt, lt);
}
