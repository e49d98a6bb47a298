/*
 * gql_validate_args.c: the rules about arguments (spec 5.4):
 * KnownArgumentNames (on fields and on directives, with "Did you mean"),
 * UniqueArgumentNames and ProvidedRequiredArguments (an argument of a
 * non-null type without a default must be given, on fields and on
 * directives). Directive definitions in the document count as graphql-js
 * counts them.
 */
#include "config.h"

#include <string.h>

#include "common/buf.h"
#include "graphql/gql_arena.h"
#include "graphql/gql_validate_int.h"

/* Above this many arguments, duplicates are counted in a map first. */
#define ARGS_LINEAR	16

static void	 args_unique(struct gv *, const struct gql_ast_argument *,
		    uint32_t);
static int	 args_given(const struct gql_ast_argument *, const char *,
		    size_t);
static void	 args_unknown_on_directive(struct gv *,
		    const struct gql_ast_directive *,
		    const struct gv_dirinfo *);
static void	 args_required_sdef(struct gv *,
		    const struct gql_ast_directive *,
		    const struct gql_directive_def *);
static void	 args_required_adef(struct gv *,
		    const struct gql_ast_directive *,
		    const struct gql_ast_directive_def *);

/* graphql-js groupBy() of arguments by name: one error per repeated name. */
static void
args_unique(struct gv *v, const struct gql_ast_argument *args, uint32_t n)
{
	const struct gql_ast_argument	*a, *b;
	struct gql_error		*err;
	struct gv_strmap		 count;
	void				**slot;
	int				  isnew;

	if (n < 2)
		return;
	memset(&count, 0, sizeof(count));
	if (n > ARGS_LINEAR) {
		for (a = args; a != NULL; a = a->next) {
			slot = gql_validate_map_str_slot(v, &count,
			    a->name.s, a->name.len, &isnew);
			*slot = (void *)((uintptr_t)*slot + 1);
		}
	}
	for (a = args; a != NULL; a = a->next) {
		if (count.e != NULL && gql_validate_map_str_num(
		    &count, a->name.s, a->name.len) < 2)
			continue;
		for (b = args; b != a; b = b->next) {
			if (gql_name_eqn(&b->name, a->name.s, a->name.len))
				break;
		}
		if (b != a)
			continue;
		err = NULL;
		for (b = a->next; b != NULL; b = b->next) {
			if (!gql_name_eqn(&b->name, a->name.s, a->name.len))
				continue;
			if (err == NULL)
				err = gql_validate_report(v, a->name.loc,
				    "There can be only one argument named "
				    "\"%s\".", a->name.s);
			gql_error_add_loc(err, b->name.loc);
		}
	}
}

static int
args_given(const struct gql_ast_argument *a, const char *name, size_t len)
{
	for (; a != NULL; a = a->next) {
		if (gql_name_eqn(&a->name, name, len))
			return 1;
	}
	return 0;
}

/* Field enter: UniqueArgumentNames. */
void
gql_validate_args_field_enter(struct gv *v,
    const struct gql_ast_selection *sel)
{
	args_unique(v, sel->args, sel->nargs);
}

/* Field leave: ProvidedRequiredArguments. */
void
gql_validate_args_field_leave(struct gv *v,
    const struct gql_ast_selection *sel)
{
	const struct gql_field		*fd = v->ti.field_def;
	const struct gql_input_value	*ad;
	struct buf			 b = BUF_INIT;
	uint32_t			 i;

	if (fd == NULL)
		return;
	for (i = 0; i < fd->nargs; i++) {
		ad = &fd->args[i];
		if (ad->type->kind != GQL_WRAP_NON_NULL ||
		    ad->default_value != NULL ||
		    args_given(sel->args, ad->name, ad->name_len))
			continue;
		buf_addf(&b, "Field \"%s\" argument \"%s\" of type \"",
		    fd->name, ad->name);
		gql_typeref_print(ad->type, &b);
		buf_adds(&b, "\" is required, but it was not provided.");
		gql_validate_report_buf(v, sel->loc, &b);
	}
}

/* Directive enter: KnownArgumentNames, UniqueArgumentNames. */
void
gql_validate_args_directive_enter(struct gv *v,
    const struct gql_ast_directive *d)
{
	struct gv_dirinfo	info;

	if (d->args != NULL && gql_validate_directives_info(v, &d->name,
	    &info))
		args_unknown_on_directive(v, d, &info);
	args_unique(v, d->args, d->nargs);
}

static void
args_unknown_on_directive(struct gv *v, const struct gql_ast_directive *d,
    const struct gv_dirinfo *info)
{
	const struct gql_ast_argument		*a;
	const struct gql_ast_input_value_def	*iv;
	const char				**opts;
	struct buf				  b = BUF_INIT;
	uint32_t				  n = 0, i;
	int					  known;

	for (a = d->args; a != NULL; a = a->next) {
		if (info->sdef != NULL)
			known = gql_directive_def_arg(info->sdef, a->name.s,
			    a->name.len) != NULL;
		else {
			for (iv = info->adef->args; iv != NULL &&
			    !gql_name_eqn(&iv->name, a->name.s, a->name.len);
			    iv = iv->next)
				;
			known = iv != NULL;
		}
		if (known)
			continue;
		if (info->sdef != NULL) {
			n = info->sdef->nargs;
			opts = gql_arena_calloc(v->arena, n + 1,
			    sizeof(*opts));
			for (i = 0; i < n; i++)
				opts[i] = info->sdef->args[i].name;
		} else {
			for (n = 0, iv = info->adef->args; iv != NULL;
			    iv = iv->next)
				n++;
			opts = gql_arena_calloc(v->arena, n + 1,
			    sizeof(*opts));
			for (n = 0, iv = info->adef->args; iv != NULL;
			    iv = iv->next)
				opts[n++] = iv->name.s;
		}
		buf_addf(&b, "Unknown argument \"%s\" on directive \"@%s\".",
		    a->name.s, d->name.s);
		gql_validate_print_suggest(v, a->name.s, a->name.len, opts,
		    NULL, n, NULL, &b);
		gql_validate_report_buf(v, a->loc, &b);
	}
}

/* Directive leave: ProvidedRequiredArguments. */
void
gql_validate_args_directive_leave(struct gv *v,
    const struct gql_ast_directive *d)
{
	struct gv_dirinfo	info;

	if (!gql_validate_directives_info(v, &d->name, &info))
		return;
	if (info.sdef != NULL)
		args_required_sdef(v, d, info.sdef);
	else
		args_required_adef(v, d, info.adef);
}

static void
args_required_sdef(struct gv *v, const struct gql_ast_directive *d,
    const struct gql_directive_def *dd)
{
	const struct gql_input_value	*ad;
	struct buf			 b = BUF_INIT;
	uint32_t			 i;

	for (i = 0; i < dd->nargs; i++) {
		ad = &dd->args[i];
		if (ad->type->kind != GQL_WRAP_NON_NULL ||
		    ad->default_value != NULL ||
		    args_given(d->args, ad->name, ad->name_len))
			continue;
		buf_addf(&b, "Directive \"@%s\" argument \"%s\" of type \"",
		    d->name.s, ad->name);
		gql_typeref_print(ad->type, &b);
		buf_adds(&b, "\" is required, but it was not provided.");
		gql_validate_report_buf(v, d->loc, &b);
	}
}

static void
args_required_adef(struct gv *v, const struct gql_ast_directive *d,
    const struct gql_ast_directive_def *dd)
{
	const struct gql_ast_input_value_def	*iv;
	struct buf				 b = BUF_INIT;

	for (iv = dd->args; iv != NULL; iv = iv->next) {
		if (iv->type->kind != GQL_WRAP_NON_NULL ||
		    iv->default_value != NULL ||
		    args_given(d->args, iv->name.s, iv->name.len))
			continue;
		buf_addf(&b, "Directive \"@%s\" argument \"%s\" of type \"",
		    d->name.s, iv->name.s);
		gql_validate_print_type(iv->type, &b);
		buf_adds(&b, "\" is required, but it was not provided.");
		gql_validate_report_buf(v, d->loc, &b);
	}
}

/* Argument enter (of a field): KnownArgumentNames. */
void
gql_validate_args_argument(struct gv *v, const struct gql_ast_argument *arg)
{
	const struct gql_field	 *fd = v->ti.field_def;
	const char		**opts;
	struct buf		  b = BUF_INIT;
	uint32_t		  i;

	if (v->ti.argument != NULL || fd == NULL || v->ti.parent_type == NULL)
		return;
	opts = gql_arena_calloc(v->arena, fd->nargs + 1, sizeof(*opts));
	for (i = 0; i < fd->nargs; i++)
		opts[i] = fd->args[i].name;
	buf_addf(&b, "Unknown argument \"%s\" on field \"%s.%s\".",
	    arg->name.s, v->ti.parent_type->name, fd->name);
	gql_validate_print_suggest(v, arg->name.s, arg->name.len, opts, NULL,
	    fd->nargs, NULL, &b);
	gql_validate_report_buf(v, arg->loc, &b);
}
