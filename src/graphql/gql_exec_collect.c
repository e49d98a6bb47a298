/*
 * gql_exec_collect.c: CollectFields (spec 6.3.2) as graphql-js
 * collectFields()/collectSubfields() do it: @skip and @include, inline
 * fragments and fragment spreads whose type condition applies, each
 * fragment visited once per collection, fields grouped by response key in
 * first-seen order. The result is a plan (gql_exec_int.h), memoized per
 * field and run-time type for the whole request, so a list of a thousand
 * objects collects its sub-selection once. Coerced arguments are memoized
 * on the plan's fields the same way (they depend only on the field node
 * and the variables).
 */
#include "config.h"

#include <string.h>

#include "graphql/gql_arena.h"
#include "graphql/gql_coerce.h"
#include "graphql/gql_exec_int.h"

#define HASH_FROM	8	/* fields before a collection uses a hash */

static const struct gql_value collect_no_args = { GQL_V_OBJECT, 0, { 0 } };

struct collector {
	struct gql_exec		*x;
	const struct gql_type	*rt;
	struct xfield		*fields;
	uint32_t		 n;
	uint32_t		 cap;
	uint32_t		*hash;		/* index + 1; 0: empty */
	uint32_t		 hmask;
	struct gql_error	*err;
};

static uint32_t	 collect_hash(const char *, size_t);
static const struct gql_ast_fragment *collect_fragment(struct gql_exec *,
		    const struct gql_name *, struct xfrag **);
static int	 collect_selset(struct collector *,
		    const struct gql_ast_selset *);
static int	 collect_include(struct collector *,
		    const struct gql_ast_directive *);
static int	 collect_directive(struct collector *,
		    const struct gql_ast_directive *,
		    const struct gql_directive_def *, int *);
static int	 collect_applies(struct collector *,
		    const struct gql_ast_type *);
static void	 collect_field(struct collector *,
		    const struct gql_ast_selection *);
static struct xfield *collect_find(struct collector *, const char *,
		    uint32_t);
static void	 collect_rehash(struct collector *);
static void	 collect_new_field(struct collector *, struct xfield *,
		    const struct gql_ast_selection *, const char *, uint32_t);
static void	 collect_add_node(struct collector *, struct xfield *,
		    const struct gql_ast_selection *);
static struct xplan *collect_plan(struct collector *);
static int	 collect_args_have_variables(const struct gql_ast_argument *);

static uint32_t
collect_hash(const char *s, size_t len)
{
	uint32_t	h = 2166136261u;
	size_t		i;

	for (i = 0; i < len; i++)
		h = (h ^ (unsigned char)s[i]) * 16777619u;
	return h;
}

/* Index the document's fragments by name (the last definition wins). */
void
gql_exec_frags_index(struct gql_exec *x)
{
	const struct gql_ast_def	*d;
	struct xfrag			*slot;
	uint32_t			 cap = 8, h;

	if (x->doc->nfragments == 0)
		return;
	while (cap < x->doc->nfragments * 2)
		cap *= 2;
	x->frags = gql_arena_calloc(x->arena, cap, sizeof(*x->frags));
	x->frag_mask = cap - 1;
	for (d = x->doc->defs; d != NULL; d = d->next) {
		if (d->kind != GQL_DEF_FRAGMENT || d->u.fragment.name.s == NULL)
			continue;
		h = collect_hash(d->u.fragment.name.s, d->u.fragment.name.len);
		for (;; h++) {
			slot = &x->frags[h & x->frag_mask];
			if (slot->frag == NULL || gql_name_eqn(&slot->frag->name,
			    d->u.fragment.name.s, d->u.fragment.name.len))
				break;
		}
		slot->frag = &d->u.fragment;
	}
}

static const struct gql_ast_fragment *
collect_fragment(struct gql_exec *x, const struct gql_name *name,
    struct xfrag **slotp)
{
	struct xfrag	*slot;
	uint32_t	 h;

	if (x->frags == NULL)
		return NULL;
	for (h = collect_hash(name->s, name->len);; h++) {
		slot = &x->frags[h & x->frag_mask];
		if (slot->frag == NULL)
			return NULL;
		if (gql_name_eqn(&slot->frag->name, name->s, name->len)) {
			*slotp = slot;
			return slot->frag;
		}
	}
}

/* CollectFields for the operation's selection set on the root type. */
struct xplan *
gql_exec_collect_root(struct gql_exec *x, const struct gql_type *root,
    struct gql_error *err)
{
	struct collector	c;

	memset(&c, 0, sizeof(c));
	c.x = x;
	c.rt = root;
	c.err = err;
	x->stamp++;
	if (x->op->selset != NULL && collect_selset(&c, x->op->selset) == -1)
		return NULL;
	return collect_plan(&c);
}

/* The plan of a field's sub-selections for a run-time type (memoized). */
struct xplan *
gql_exec_subplan(struct gql_exec *x, struct xfield *f,
    const struct gql_type *rt, struct gql_error *err)
{
	struct collector	 c;
	struct xsub		*s;
	uint32_t		 i;

	for (s = f->subs; s != NULL; s = s->next)
		if (s->type == rt)
			return s->plan;
	memset(&c, 0, sizeof(c));
	c.x = x;
	c.rt = rt;
	c.err = err;
	if (x->prep != NULL && x->frags == NULL)
		gql_exec_frags_index(x);
	x->stamp++;
	for (i = 0; i < f->nnodes; i++)
		if (f->nodes[i]->selset != NULL &&
		    collect_selset(&c, f->nodes[i]->selset) == -1)
			return NULL;
	if (x->prep != NULL)
		return collect_plan(&c);	/* shared plans stay read-only */
	s = gql_arena_alloc(x->arena, sizeof(*s));
	s->type = rt;
	s->plan = collect_plan(&c);
	s->next = f->subs;
	f->subs = s;
	return s->plan;
}

static struct xplan *
collect_plan(struct collector *c)
{
	struct xplan	*p;

	p = gql_arena_alloc(c->x->arena, sizeof(*p));
	p->fields = c->fields;
	p->n = c->n;
	return p;
}

static int
collect_selset(struct collector *c, const struct gql_ast_selset *ss)
{
	const struct gql_ast_selection	*sel;
	const struct gql_ast_fragment	*frag;
	struct xfrag			*slot;
	int				 inc;

	for (sel = ss->first; sel != NULL; sel = sel->next) {
		switch (sel->kind) {
		case GQL_SEL_FIELD:
			if ((inc = collect_include(c, sel->directives)) == -1)
				return -1;
			if (inc)
				collect_field(c, sel);
			break;
		case GQL_SEL_INLINE_FRAGMENT:
			if ((inc = collect_include(c, sel->directives)) == -1)
				return -1;
			if (!inc || !collect_applies(c, sel->type_cond) ||
			    sel->selset == NULL)
				break;
			if (collect_selset(c, sel->selset) == -1)
				return -1;
			break;
		case GQL_SEL_FRAGMENT_SPREAD:
			frag = collect_fragment(c->x, &sel->name, &slot);
			if (frag != NULL && slot->stamp == c->x->stamp)
				break;
			if ((inc = collect_include(c, sel->directives)) == -1)
				return -1;
			if (!inc || frag == NULL)
				break;
			slot->stamp = c->x->stamp;
			if (!collect_applies(c, frag->type_cond) ||
			    frag->selset == NULL)
				break;
			if (collect_selset(c, frag->selset) == -1)
				return -1;
			break;
		}
	}
	return 0;
}

/* shouldIncludeNode(): 1 include, 0 skip, -1 an argument error. */
static int
collect_include(struct collector *c, const struct gql_ast_directive *dirs)
{
	const struct gql_ast_directive	*d, *skip = NULL, *inc = NULL;
	int				 v;

	for (d = dirs; d != NULL; d = d->next) {
		if (skip == NULL && gql_name_eqn(&d->name, "skip", 4))
			skip = d;
		else if (inc == NULL && gql_name_eqn(&d->name, "include", 7))
			inc = d;
	}
	if (skip != NULL) {
		if (collect_directive(c, skip, c->x->schema->d_skip, &v) == -1)
			return -1;
		if (v == 1)
			return 0;
	}
	if (inc != NULL) {
		if (collect_directive(c, inc, c->x->schema->d_include,
		    &v) == -1)
			return -1;
		if (v == 0)
			return 0;
	}
	return 1;
}

/* The `if` of @skip/@include: 1 true, 0 false, -1 neither. */
static int
collect_directive(struct collector *c, const struct gql_ast_directive *d,
    const struct gql_directive_def *def, int *v)
{
	const struct gql_value	*args, *iv;

	if (c->x->preparing && collect_args_have_variables(d->args)) {
		c->x->prep_fail = 1;	/* depends on the request */
		*v = -1;
		return 0;
	}
	if (gql_coerce_arguments(c->x->schema, def->args, def->nargs,
	    d->args, d->loc, c->x->vars, c->x->arena, &args, c->err) == -1)
		return -1;
	iv = gql_value_get(args, "if");
	*v = iv != NULL && iv->kind == GQL_V_BOOLEAN ? iv->u.boolean : -1;
	return 0;
}

/* doesFragmentConditionMatch() */
static int
collect_applies(struct collector *c, const struct gql_ast_type *cond)
{
	const struct gql_type	*t;

	if (cond == NULL)
		return 1;
	if (cond->kind != GQL_WRAP_NAMED ||
	    (t = gql_schema_type(c->x->schema, cond->name.s,
	    cond->name.len)) == NULL)
		return 0;
	if (t == c->rt)
		return 1;
	return gql_type_is_abstract(t) &&
	    gql_schema_is_possible_type(c->x->schema, t, c->rt);
}

static void
collect_field(struct collector *c, const struct gql_ast_selection *sel)
{
	const struct gql_name	*key;
	struct xfield		*f;

	key = sel->alias.s != NULL ? &sel->alias : &sel->name;
	if ((f = collect_find(c, key->s, key->len)) != NULL) {
		collect_add_node(c, f, sel);
		return;
	}
	if (c->n == c->cap) {
		c->cap = c->cap ? c->cap * 2 : 4;
		f = gql_arena_alloc(c->x->arena, c->cap * sizeof(*f));
		if (c->n)
			memcpy(f, c->fields, c->n * sizeof(*f));
		c->fields = f;
	}
	f = &c->fields[c->n++];
	collect_new_field(c, f, sel, key->s, key->len);
	if (c->n > HASH_FROM)
		collect_rehash(c);
}

static struct xfield *
collect_find(struct collector *c, const char *key, uint32_t len)
{
	uint32_t	i, h;

	if (c->hash == NULL) {
		for (i = 0; i < c->n; i++)
			if (c->fields[i].key_len == len &&
			    c->fields[i].key[0] == key[0] &&
			    memcmp(c->fields[i].key, key, len) == 0)
				return &c->fields[i];
		return NULL;
	}
	for (h = collect_hash(key, len);; h++) {
		i = c->hash[h & c->hmask];
		if (i == 0)
			return NULL;
		if (c->fields[i - 1].key_len == len &&
		    memcmp(c->fields[i - 1].key, key, len) == 0)
			return &c->fields[i - 1];
	}
}

/* Keep the hash at most half full, and its entries current. */
static void
collect_rehash(struct collector *c)
{
	uint32_t	i, h;

	if (c->hash != NULL && c->n * 2 <= c->hmask + 1) {
		i = c->n - 1;
		for (h = collect_hash(c->fields[i].key, c->fields[i].key_len);
		    c->hash[h & c->hmask] != 0; h++)
			;
		c->hash[h & c->hmask] = i + 1;
		return;
	}
	c->hmask = 31;
	while (c->n * 2 > c->hmask + 1)
		c->hmask = c->hmask * 2 + 1;
	c->hash = gql_arena_calloc(c->x->arena, c->hmask + 1,
	    sizeof(*c->hash));
	for (i = 0; i < c->n; i++) {
		for (h = collect_hash(c->fields[i].key, c->fields[i].key_len);
		    c->hash[h & c->hmask] != 0; h++)
			;
		c->hash[h & c->hmask] = i + 1;
	}
}

static void
collect_new_field(struct collector *c, struct xfield *f,
    const struct gql_ast_selection *sel, const char *key, uint32_t len)
{
	const struct gql_schema		*s = c->x->schema;
	const struct gql_field_binding	*bind;
	const struct gql_typeref	*t;
	char				*kj;

	memset(f, 0, sizeof(*f));
	f->key = key;
	f->key_len = len;
	kj = gql_arena_calloc(c->x->arena, 1, len + 4 < XKEY_BLOCK ? XKEY_BLOCK :
	    len + 4);
	kj[0] = '"';
	memcpy(kj + 1, key, len);
	memcpy(kj + 1 + len, "\":", 3);
	f->key_json = kj;
	f->key_json_len = len + 3;
	if (sel->name.len > 2 && sel->name.s[0] == '_' &&
	    gql_name_eqn(&sel->name, "__typename", 10)) {
		f->meta = XMETA_TYPENAME;
		f->def = s->meta_typename;
	} else if (c->rt == s->query && gql_name_eqn(&sel->name, "__schema",
	    8)) {
		f->meta = XMETA_SCHEMA;
		f->def = s->meta_schema;
		f->resolve = gql_introspect_schema;
	} else if (c->rt == s->query && gql_name_eqn(&sel->name, "__type",
	    6)) {
		f->meta = XMETA_TYPE;
		f->def = s->meta_type;
		f->resolve = gql_introspect_type;
	} else if ((f->def = gql_type_field(c->rt, sel->name.s,
	    sel->name.len)) != NULL) {
		if ((bind = f->def->udata) != NULL) {
			f->resolve = bind->resolve;
			f->data = bind->data;
		} else if (c->rt->builtin)
			f->resolve = gql_introspect_resolver(f->def);
		else
			f->resolve = c->x->opts->default_resolve;
	}
	if (f->def != NULL) {
		t = f->def->type->kind == GQL_WRAP_NON_NULL ? f->def->type->of :
		    f->def->type;
		if (t->kind == GQL_WRAP_NAMED && gql_type_is_leaf(t->named)) {
			f->leaf = t->named;
			f->leaf_kind = gql_exec_leaf_kind(s, t->named);
		}
	}
	collect_add_node(c, f, sel);
}

static void
collect_add_node(struct collector *c, struct xfield *f,
    const struct gql_ast_selection *sel)
{
	const struct gql_ast_selection	**nodes;

	if (f->nnodes == f->nodes_cap) {
		f->nodes_cap = f->nodes_cap ? f->nodes_cap * 2 : 1;
		nodes = gql_arena_alloc(c->x->arena,
		    f->nodes_cap * sizeof(*nodes));
		if (f->nnodes)
			memcpy(nodes, f->nodes, f->nnodes * sizeof(*nodes));
		f->nodes = nodes;
	}
	f->nodes[f->nnodes++] = sel;
}

/* Return whether a literal mentions a variable anywhere. */
int
gql_exec_has_variable(const struct gql_ast_value *v)
{
	const struct gql_ast_value		*i;
	const struct gql_ast_object_field	*f;

	if (v->kind == GQL_VALUE_VARIABLE)
		return 1;
	for (i = v->kind == GQL_VALUE_LIST ? v->items : NULL; i != NULL;
	    i = i->next)
		if (gql_exec_has_variable(i))
			return 1;
	for (f = v->kind == GQL_VALUE_OBJECT ? v->fields : NULL; f != NULL;
	    f = f->next)
		if (gql_exec_has_variable(f->value))
			return 1;
	return 0;
}

static int
collect_args_have_variables(const struct gql_ast_argument *a)
{
	for (; a != NULL; a = a->next)
		if (gql_exec_has_variable(a->value))
			return 1;
	return 0;
}

/*
 * A field's coerced arguments, computed once per plan (or, for a prepared
 * plan's field whose arguments use variables, once per request): 0 and
 * *args, or -1 and *err.
 */
int
gql_exec_args(struct gql_exec *x, struct xfield *f,
    const struct gql_value **args, const struct gql_error **errp)
{
	struct gql_error	 err;
	struct xdyn		*d;

	if (f->dyn != 0 && x->prep != NULL) {
		d = &x->dyn[f->dyn - 1];
		if (d->state == 0) {
			gql_error_clear(&err);
			d->state = 1;
			if (gql_exec_prep_args_coerce(x, f, &d->args,
			    &err) == -1) {
				d->err = gql_error_arena_copy(x->arena, &err);
				gql_error_free(&err);
				d->state = -1;
			}
		}
		*args = d->args;
		*errp = d->err;
		return d->state == 1 ? 0 : -1;
	}
	if (f->args_state == 0 && f->def->nargs == 0) {
		f->args = &collect_no_args;
		f->args_state = 1;
	} else if (f->args_state == 0 && x->preparing &&
	    collect_args_have_variables(f->nodes[0]->args)) {
		f->dyn = ++x->ndyn;
		f->argp = gql_exec_prep_args(x, f);
		*args = NULL;
		*errp = NULL;
		return 0;
	} else if (f->args_state == 0) {
		gql_error_clear(&err);
		f->args_state = 1;
		if (gql_coerce_arguments(x->schema, f->def->args, f->def->nargs,
		    f->nodes[0]->args, f->nodes[0]->loc, x->vars, x->arena,
		    &f->args, &err) == -1) {
			f->args_err = gql_error_arena_copy(x->arena, &err);
			gql_error_free(&err);
			f->args_state = -1;
		}
	}
	*args = f->args;
	*errp = f->args_err;
	return f->args_state == 1 ? 0 : -1;
}
