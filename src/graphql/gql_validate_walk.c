/*
 * gql_validate_walk.c: the one walk over a document that runs every rule,
 * as graphql-js's validate() does with visitInParallel() and
 * visitWithTypeInfo(): nodes in graphql-js's visiting order
 * (QueryDocumentKeys without descriptions), TypeInfo updated before the
 * rules see a node and restored after they left it, and at each node the
 * rules' hooks in the order of specifiedRules, so errors come out in
 * graphql-js's order. Type-system definitions are walked too: graphql-js
 * runs KnownTypeNames, KnownDirectives and the argument and value rules on
 * them as well.
 *
 * The same walk, in GV_USAGES mode, is graphql-js's getVariableUsages():
 * it only keeps TypeInfo and records each variable with the input type,
 * parent input type and default of the place it is used in. The
 * validation walk records usages of the definition it is in as it goes,
 * so only fragments not walked yet need a walk of their own.
 */
#include "config.h"

#include <string.h>

#include "graphql/gql_validate_int.h"

#define RULES(v)	((v)->mode == GV_RULES)

static void	 walk_operation(struct gv *, struct gv_def *);
static void	 walk_fragment(struct gv *, struct gv_def *);
static void	 walk_var_def(struct gv *, const struct gql_ast_var_def *);
static void	 walk_selset(struct gv *, const struct gql_ast_selset *, int);
static void	 walk_field(struct gv *, const struct gql_ast_selection *);
static void	 walk_spread(struct gv *, const struct gql_ast_selection *);
static void	 walk_inline(struct gv *, const struct gql_ast_selection *);
static void	 walk_directives(struct gv *, const struct gql_ast_directive *,
		    enum gql_dirloc);
static void	 walk_argument(struct gv *, const struct gql_ast_argument *);
static void	 walk_value(struct gv *, const struct gql_ast_value *);
static void	 walk_list(struct gv *, const struct gql_ast_value *);
static void	 walk_object(struct gv *, const struct gql_ast_value *);
static void	 walk_type(struct gv *, const struct gql_ast_type *);
static void	 walk_sdl(struct gv *, const struct gql_ast_def *);
static void	 walk_sdl_type(struct gv *, const struct gql_ast_def *);
static void	 walk_sdl_field(struct gv *, const struct gql_ast_field_def *);
static void	 walk_sdl_input(struct gv *,
		    const struct gql_ast_input_value_def *, enum gql_dirloc);
static void	 walk_begin(struct gv *, struct gv_def *);

/* Walk the whole document, running every rule. */
void
gql_validate_walk_document(struct gv *v)
{
	const struct gql_ast_def	*d;
	uint32_t			 i = 0;

	gql_validate_ops_document(v);
	for (d = v->doc->defs; d != NULL; d = d->next) {
		if (!gql_def_is_executable(d)) {
			walk_sdl(v, d);
			continue;
		}
		if (d->kind == GQL_DEF_OPERATION)
			walk_operation(v, &v->defs[i++]);
		else
			walk_fragment(v, &v->defs[i++]);
	}
	gql_validate_fragments_unused(v);
}

/* Collect a definition's variable usages, unless known already. */
void
gql_validate_walk_usages(struct gv *v, struct gv_def *d)
{
	struct gv	saved;

	if (d->usages_done)
		return;
	memcpy(&saved.ti, &v->ti, sizeof(v->ti));
	saved.mode = v->mode;
	saved.rec = v->rec;
	saved.in_vardef = v->in_vardef;
	saved.in_directive = v->in_directive;
	memset(&v->ti, 0, sizeof(v->ti));
	v->mode = GV_USAGES;
	v->in_vardef = v->in_directive = 0;
	if (d->def->kind == GQL_DEF_OPERATION)
		walk_operation(v, d);
	else
		walk_fragment(v, d);
	memcpy(&v->ti, &saved.ti, sizeof(v->ti));
	v->mode = saved.mode;
	v->rec = saved.rec;
	v->in_vardef = saved.in_vardef;
	v->in_directive = saved.in_directive;
}

static void
walk_begin(struct gv *v, struct gv_def *d)
{
	v->rec = d->usages_done ? NULL : d;
}

static void
walk_operation(struct gv *v, struct gv_def *d)
{
	const struct gql_ast_operation	*op = &d->def->u.op;
	const struct gql_ast_var_def	*vd;
	const struct gql_typeref	*saved = v->ti.type;
	struct gql_type			*root;
	static const enum gql_dirloc	 locs[] = {
		GQL_DIRLOC_QUERY, GQL_DIRLOC_MUTATION, GQL_DIRLOC_SUBSCRIPTION,
	};

	walk_begin(v, d);
	root = gql_schema_root(v->schema, op->op);
	v->ti.type = root != NULL ? &root->ref : NULL;
	if (RULES(v)) {
		gql_validate_ops_operation(v, d->def);
		gql_validate_variables_enter(v, d->def);
		gql_validate_directives_unique(v, op->directives, NULL);
	}
	for (vd = op->vars; vd != NULL; vd = vd->next)
		walk_var_def(v, vd);
	walk_directives(v, op->directives, locs[op->op]);
	walk_selset(v, op->selset, 0);
	d->usages_done = 1;
	v->rec = NULL;
	if (RULES(v))
		gql_validate_variables_leave(v, d);
	v->ti.type = saved;
}

static void
walk_fragment(struct gv *v, struct gv_def *d)
{
	const struct gql_ast_fragment	*fr = &d->def->u.fragment;
	const struct gql_typeref	*saved = v->ti.type;
	struct gql_type			*t;

	walk_begin(v, d);
	t = d->cond;
	v->ti.type = t != NULL && gql_type_is_output(t) ? &t->ref : NULL;
	if (RULES(v)) {
		gql_validate_fields_fragment(v, d->def);
		gql_validate_fragments_definition(v, d);
		gql_validate_directives_unique(v, fr->directives, NULL);
		walk_type(v, fr->type_cond);
	}
	walk_directives(v, fr->directives, GQL_DIRLOC_FRAGMENT_DEFINITION);
	walk_selset(v, fr->selset, 0);
	d->usages_done = 1;
	v->rec = NULL;
	v->ti.type = saved;
}

static void
walk_var_def(struct gv *v, const struct gql_ast_var_def *vd)
{
	const struct gql_typeref	*in = v->ti.input_type;
	const struct gql_typeref	*pin = v->ti.parent_input_type;
	const struct gql_typeref	*t;

	t = gql_validate_type_ref(v, vd->type);
	v->ti.parent_input_type = in;
	v->ti.input_type = t != NULL &&
	    gql_type_is_input(gql_typeref_named(t)) ? t : NULL;
	v->in_vardef++;
	if (RULES(v)) {
		gql_validate_variables_definition(v, vd);
		gql_validate_directives_unique(v, vd->directives, NULL);
		walk_type(v, vd->type);
	}
	if (vd->default_value != NULL)
		walk_value(v, vd->default_value);
	walk_directives(v, vd->directives, GQL_DIRLOC_VARIABLE_DEFINITION);
	v->in_vardef--;
	v->ti.input_type = in;
	v->ti.parent_input_type = pin;
}

static void
walk_selset(struct gv *v, const struct gql_ast_selset *ss, int inline_parent)
{
	const struct gql_ast_selection	*sel;
	struct gql_type			*saved = v->ti.parent_type;
	struct gql_type			*t;

	if (ss == NULL)
		return;
	t = v->ti.type != NULL ? gql_typeref_named(v->ti.type) : NULL;
	v->ti.parent_type = t != NULL && gql_type_is_composite(t) ? t : NULL;
	if (RULES(v) && !inline_parent)
		gql_validate_merge_selset(v, ss);
	for (sel = ss->first; sel != NULL; sel = sel->next) {
		switch (sel->kind) {
		case GQL_SEL_FIELD:
			walk_field(v, sel);
			break;
		case GQL_SEL_FRAGMENT_SPREAD:
			walk_spread(v, sel);
			break;
		case GQL_SEL_INLINE_FRAGMENT:
			walk_inline(v, sel);
			break;
		}
	}
	v->ti.parent_type = saved;
}

static void
walk_field(struct gv *v, const struct gql_ast_selection *sel)
{
	const struct gql_ast_argument	*arg;
	const struct gql_field		*saved_fd = v->ti.field_def;
	const struct gql_typeref	*saved_type = v->ti.type;
	const struct gql_field		*fd = NULL;

	if (v->ti.parent_type != NULL)
		fd = gql_validate_field_def(v->schema, v->ti.parent_type,
		    &sel->name);
	v->ti.field_def = fd;
	v->ti.type = fd != NULL ? fd->type : NULL;
	if (RULES(v)) {
		gql_validate_fields_field(v, sel);
		gql_validate_directives_unique(v, sel->directives, NULL);
		gql_validate_args_field_enter(v, sel);
		gql_validate_limits_field_enter(v, sel);
	}
	for (arg = sel->args; arg != NULL; arg = arg->next)
		walk_argument(v, arg);
	walk_directives(v, sel->directives, GQL_DIRLOC_FIELD);
	walk_selset(v, sel->selset, 0);
	if (RULES(v)) {
		gql_validate_args_field_leave(v, sel);
		gql_validate_limits_field_leave(v, sel);
	}
	v->ti.field_def = saved_fd;
	v->ti.type = saved_type;
}

static void
walk_spread(struct gv *v, const struct gql_ast_selection *sel)
{
	if (RULES(v)) {
		gql_validate_fragments_spread(v, sel);
		gql_validate_directives_unique(v, sel->directives, NULL);
	}
	walk_directives(v, sel->directives, GQL_DIRLOC_FRAGMENT_SPREAD);
}

static void
walk_inline(struct gv *v, const struct gql_ast_selection *sel)
{
	const struct gql_typeref	*saved = v->ti.type;
	struct gql_type			*t = NULL;

	if (sel->type_cond != NULL)
		t = gql_validate_type_named(v, sel->type_cond);
	else if (v->ti.type != NULL)
		t = gql_typeref_named(v->ti.type);
	v->ti.type = t != NULL && gql_type_is_output(t) ? &t->ref : NULL;
	if (RULES(v)) {
		gql_validate_fields_inline(v, sel);
		gql_validate_fragments_inline(v, sel);
		gql_validate_directives_unique(v, sel->directives, NULL);
		if (sel->type_cond != NULL)
			walk_type(v, sel->type_cond);
	}
	walk_directives(v, sel->directives, GQL_DIRLOC_INLINE_FRAGMENT);
	walk_selset(v, sel->selset, 1);
	v->ti.type = saved;
}

static void
walk_directives(struct gv *v, const struct gql_ast_directive *d,
    enum gql_dirloc loc)
{
	const struct gql_ast_argument	*arg;

	for (; d != NULL; d = d->next) {
		v->ti.directive = gql_schema_directive(v->schema, d->name.s,
		    d->name.len);
		if (RULES(v)) {
			gql_validate_directives_known(v, d, loc);
			gql_validate_args_directive_enter(v, d);
		}
		v->in_directive++;
		for (arg = d->args; arg != NULL; arg = arg->next)
			walk_argument(v, arg);
		v->in_directive--;
		if (RULES(v))
			gql_validate_args_directive_leave(v, d);
		v->ti.directive = NULL;
	}
}

static void
walk_argument(struct gv *v, const struct gql_ast_argument *arg)
{
	struct gv_ti			 saved = v->ti;
	const struct gql_input_value	*ad = NULL;

	/* TypeInfo: the directive's argument, else the field's. */
	if (v->ti.directive != NULL)
		ad = gql_directive_def_arg(v->ti.directive, arg->name.s,
		    arg->name.len);
	else if (v->ti.field_def != NULL)
		ad = gql_field_arg(v->ti.field_def, arg->name.s,
		    arg->name.len);
	v->ti.argument = ad;
	v->ti.default_value = ad != NULL ? ad->default_value : NULL;
	v->ti.has_default = v->ti.default_value != NULL;
	v->ti.parent_input_type = v->ti.input_type;
	v->ti.input_type = ad != NULL ? ad->type : NULL;
	if (RULES(v) && !v->in_directive)
		gql_validate_args_argument(v, arg);
	walk_value(v, arg->value);
	saved.argument = NULL;
	v->ti = saved;
}

static void
walk_value(struct gv *v, const struct gql_ast_value *val)
{
	switch (val->kind) {
	case GQL_VALUE_VARIABLE:
		if (v->rec != NULL && !v->in_vardef)
			gql_validate_variables_record(v, val);
		break;
	case GQL_VALUE_LIST:
		walk_list(v, val);
		break;
	case GQL_VALUE_OBJECT:
		walk_object(v, val);
		break;
	default:
		if (RULES(v))
			gql_validate_values_leaf(v, val);
		break;
	}
}

static void
walk_list(struct gv *v, const struct gql_ast_value *val)
{
	struct gv_ti			 saved = v->ti;
	const struct gql_ast_value	*item;
	const struct gql_typeref	*lt;

	lt = gql_validate_nullable(v->ti.input_type);
	v->ti.parent_input_type = v->ti.input_type;
	v->ti.input_type = lt != NULL && lt->kind == GQL_WRAP_LIST ?
	    lt->of : lt;
	v->ti.default_value = NULL;
	v->ti.has_default = 0;
	if (RULES(v))
		gql_validate_values_list(v, val);
	for (item = val->items; item != NULL; item = item->next)
		walk_value(v, item);
	if (v->values_skip == val)
		v->values_skip = NULL;
	v->ti = saved;
}

static void
walk_object(struct gv *v, const struct gql_ast_value *val)
{
	const struct gql_ast_object_field	*f;
	const struct gql_input_value		*fd;
	struct gv_ti				 saved = v->ti;
	struct gql_type				*ot;

	if (RULES(v))
		gql_validate_values_object(v, val);
	for (f = val->fields; f != NULL; f = f->next) {
		ot = saved.input_type != NULL ?
		    gql_typeref_named(saved.input_type) : NULL;
		fd = NULL;
		if (ot != NULL && ot->kind == GQL_KIND_INPUT_OBJECT)
			fd = gql_type_input_field(ot, f->name.s, f->name.len);
		v->ti.default_value = fd != NULL ? fd->default_value : NULL;
		v->ti.has_default = v->ti.default_value != NULL;
		v->ti.parent_input_type = saved.input_type;
		v->ti.input_type = fd != NULL ? fd->type : NULL;
		if (RULES(v))
			gql_validate_values_object_field(v, val, f);
		walk_value(v, f->value);
		v->ti = saved;
	}
	if (v->values_skip == val)
		v->values_skip = NULL;
}

static void
walk_type(struct gv *v, const struct gql_ast_type *t)
{
	while (t->kind != GQL_WRAP_NAMED)
		t = t->of;
	gql_validate_fields_named_type(v, t);
}

/*
 * Type-system definitions: only the rules that look at named types,
 * directives, arguments and values have anything to say about them.
 */
static void
walk_sdl(struct gv *v, const struct gql_ast_def *d)
{
	const struct gql_ast_input_value_def	*iv;
	const struct gql_ast_root_op		*ro;

	v->in_sdl = 1;
	switch (d->kind) {
	case GQL_DEF_SCHEMA:
		gql_validate_directives_unique(v, d->u.schema.directives,
		    gql_validate_directives_scope(v, d));
		walk_directives(v, d->u.schema.directives, GQL_DIRLOC_SCHEMA);
		for (ro = d->u.schema.ops; ro != NULL; ro = ro->next)
			walk_type(v, ro->type);
		break;
	case GQL_DEF_DIRECTIVE:
		for (iv = d->u.directive.args; iv != NULL; iv = iv->next)
			walk_sdl_input(v, iv, GQL_DIRLOC_ARGUMENT_DEFINITION);
		break;
	case GQL_DEF_OPERATION:
	case GQL_DEF_FRAGMENT:
		break;
	default:
		walk_sdl_type(v, d);
		break;
	}
	v->in_sdl = 0;
}

static void
walk_sdl_type(struct gv *v, const struct gql_ast_def *d)
{
	static const enum gql_dirloc	 locs[] = {
		GQL_DIRLOC_SCALAR, GQL_DIRLOC_OBJECT, GQL_DIRLOC_INTERFACE,
		GQL_DIRLOC_UNION, GQL_DIRLOC_ENUM, GQL_DIRLOC_INPUT_OBJECT,
	};
	const struct gql_ast_type_def		*td = &d->u.type;
	const struct gql_ast_type		*t;
	const struct gql_ast_field_def		*fd;
	const struct gql_ast_enum_value_def	*ev;
	const struct gql_ast_input_value_def	*iv;

	gql_validate_directives_unique(v, td->directives,
	    gql_validate_directives_scope(v, d));
	for (t = td->interfaces; t != NULL; t = t->next)
		walk_type(v, t);
	walk_directives(v, td->directives, locs[d->kind - GQL_DEF_SCALAR]);
	for (fd = td->fields; fd != NULL; fd = fd->next)
		walk_sdl_field(v, fd);
	for (t = td->members; t != NULL; t = t->next)
		walk_type(v, t);
	for (ev = td->values; ev != NULL; ev = ev->next) {
		gql_validate_directives_unique(v, ev->directives, NULL);
		walk_directives(v, ev->directives, GQL_DIRLOC_ENUM_VALUE);
	}
	/* graphql-js: INPUT_FIELD_DEFINITION only under a definition. */
	for (iv = td->input_fields; iv != NULL; iv = iv->next)
		walk_sdl_input(v, iv, d->extend ?
		    GQL_DIRLOC_ARGUMENT_DEFINITION :
		    GQL_DIRLOC_INPUT_FIELD_DEFINITION);
}

static void
walk_sdl_field(struct gv *v, const struct gql_ast_field_def *fd)
{
	const struct gql_ast_input_value_def	*iv;

	gql_validate_directives_unique(v, fd->directives, NULL);
	for (iv = fd->args; iv != NULL; iv = iv->next)
		walk_sdl_input(v, iv, GQL_DIRLOC_ARGUMENT_DEFINITION);
	walk_type(v, fd->type);
	walk_directives(v, fd->directives, GQL_DIRLOC_FIELD_DEFINITION);
}

static void
walk_sdl_input(struct gv *v, const struct gql_ast_input_value_def *iv,
    enum gql_dirloc loc)
{
	gql_validate_directives_unique(v, iv->directives, NULL);
	walk_type(v, iv->type);
	if (iv->default_value != NULL)
		walk_value(v, iv->default_value);
	walk_directives(v, iv->directives, loc);
}
