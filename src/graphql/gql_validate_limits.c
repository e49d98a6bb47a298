/*
 * gql_validate_limits.c: how big and how deep a document may be.
 *
 * MaxIntrospectionDepth is graphql-js 16.15's rule (part of its
 * specifiedRules): below __schema or __type, the introspection lists
 * fields, interfaces, possibleTypes and inputFields may nest only
 * max_introspection_depth - 1 deep (graphql-js: 3), fragments followed,
 * with its memo of the entry depths at which a fragment passed or failed.
 *
 * The other two are onionmsg's, checked before any rule runs so a hostile
 * document costs little: max_depth bounds how deep fields nest once
 * fragments are expanded; max_fields bounds the selections execution
 * would visit: fields collected as execution collects them, merged by
 * response name, a fragment spread once per collected set, each field,
 * spread and inline fragment visited counting one. One pass, memoised
 * per fragment and so linear in the document, measures the depth and an
 * upper bound of that count (every spread expanded in place); only a
 * document over the bound is counted exactly, and counting stops at the
 * limit, so a fan-out of fragments that would expand to billions costs
 * max_fields steps. Both are measured only on documents free of fragment
 * cycles (NoFragmentCycles reports the others).
 */
#include "config.h"

#include <string.h>

#include "graphql/gql_arena.h"
#include "graphql/gql_validate_int.h"

/* A response key's field nodes while counting selections. */
struct lim_group {
	const struct gql_name		 *key;
	const struct gql_ast_selection	**nodes;
	uint32_t			  n;
	uint32_t			  cap;
};

struct lim_level {
	struct gv_strmap	 keys;
	struct lim_group	*groups;
	uint32_t		 n;
	uint32_t		 cap;
	uint32_t		 gen;
};

static int	 limits_intro(struct gv *, const struct gql_ast_selset *,
		    uint32_t, uint32_t);
static int	 limits_intro_spread(struct gv *,
		    const struct gql_ast_selection *, uint32_t, uint32_t);
static int	 limits_is_list(const struct gql_name *);
static void	 limits_measure(struct gv *, const struct gql_ast_selset *,
		    uint32_t *, uint64_t *);
static int	 limits_count(struct gv *, struct gv_def *, uint64_t *);
static int	 limits_collect(struct gv *, struct lim_level *,
		    const struct gql_ast_selset *, uint64_t *);
static int	 limits_level(struct gv *, struct lim_group *, uint64_t *);

static int
limits_is_list(const struct gql_name *name)
{
	switch (name->len) {
	case 6:
		return GV_NAME_IS(name, "fields");
	case 10:
		return GV_NAME_IS(name, "interfaces");
	case 11:
		return GV_NAME_IS(name, "inputFields");
	case 13:
		return GV_NAME_IS(name, "possibleTypes");
	}
	return 0;
}

/* Field enter: MaxIntrospectionDepth. */
void
gql_validate_limits_field_enter(struct gv *v,
    const struct gql_ast_selection *sel)
{
	if (v->lim.max_introspection_depth == 0 || v->intro_skip != NULL ||
	    sel->name.s[0] != '_')
		return;
	if (!GV_NAME_IS(&sel->name, "__schema") &&
	    !GV_NAME_IS(&sel->name, "__type"))
		return;
	if (sel->selset == NULL || !limits_intro(v, sel->selset, 0,
	    ++v->intro_gen))
		return;
	gql_validate_report(v, sel->loc, "Maximum introspection depth "
	    "exceeded");
	v->intro_skip = sel;	/* graphql-js: the rule skips the subtree */
}

/* Field leave: MaxIntrospectionDepth. */
void
gql_validate_limits_field_leave(struct gv *v,
    const struct gql_ast_selection *sel)
{
	if (v->intro_skip == sel)
		v->intro_skip = NULL;
}

/* graphql-js checkDepth() over a selection set; 1: the limit is reached. */
static int
limits_intro(struct gv *v, const struct gql_ast_selset *ss, uint32_t depth,
    uint32_t gen)
{
	const struct gql_ast_selection	*sel;
	uint32_t			 d;
	int				 hit = 0;

	gql_validate_enter(v);
	for (sel = ss->first; sel != NULL && !hit; sel = sel->next) {
		if (sel->kind == GQL_SEL_FRAGMENT_SPREAD) {
			hit = limits_intro_spread(v, sel, depth, gen);
			continue;
		}
		d = depth;
		if (sel->kind == GQL_SEL_FIELD && limits_is_list(&sel->name) &&
		    ++d >= v->lim.max_introspection_depth) {
			hit = 1;
			continue;
		}
		if (sel->selset != NULL)
			hit = limits_intro(v, sel->selset, d, gen);
	}
	gql_validate_leave(v);
	return hit;
}

static int
limits_intro_spread(struct gv *v, const struct gql_ast_selection *sel,
    uint32_t depth, uint32_t gen)
{
	struct gv_frag	*f = gql_validate_frag_intern(v, &sel->name);
	int32_t		 d = (int32_t)depth;

	if (f->intro_exceeded >= 0 && f->intro_exceeded <= d)
		return 1;
	if ((f->intro_gen == gen && f->intro_visited >= d) ||
	    f->intro_checked >= d)
		return 0;
	if (f->def == NULL)
		return 0;
	f->intro_gen = gen;
	f->intro_visited = d;
	if (limits_intro(v, f->def->selset, depth, gen)) {
		f->intro_exceeded = d;
		return 1;
	}
	f->intro_checked = d;
	return 0;
}

/*
 * Measure a selection set with fragments expanded in place: the deepest
 * nesting of fields and (saturating at max_fields + 1) the number of
 * selections, each fragment measured once. No expansion of execution
 * visits more selections than this count, so a document within it needs
 * no closer look.
 */
static void
limits_measure(struct gv *v, const struct gql_ast_selset *ss,
    uint32_t *depth, uint64_t *count)
{
	const struct gql_ast_selection	*sel;
	struct gv_frag			*f;
	uint64_t			 cap = (uint64_t)v->lim.max_fields + 1;
	uint64_t			 n = 0, c;
	uint32_t			 max = 0, d;

	gql_validate_enter(v);
	for (sel = ss->first; sel != NULL; sel = sel->next) {
		d = 0;
		c = 0;
		if (sel->kind == GQL_SEL_FIELD) {
			if (sel->selset != NULL)
				limits_measure(v, sel->selset, &d, &c);
			d++;
		} else if (sel->kind == GQL_SEL_INLINE_FRAGMENT) {
			limits_measure(v, sel->selset, &d, &c);
		} else if ((f = gql_validate_frag(v, &sel->name)) != NULL &&
		    f->def != NULL) {
			if (f->depth_state == 0) {
				f->depth_state = 1;
				limits_measure(v, f->def->selset, &f->depth,
				    &f->count);
				f->depth_state = 2;
			}
			d = f->depth;
			c = f->count;
		}
		if (d > max)
			max = d;
		n += 1 + c;
		if (n > cap)
			n = cap;
	}
	gql_validate_leave(v);
	*depth = max;
	*count = n;
}

/*
 * Check max_depth and max_fields on every operation; -1 with a limit
 * error appended if one is exceeded.
 */
int
gql_validate_limits_check(struct gv *v)
{
	struct gv_def	*d;
	uint64_t	 visits;
	uint32_t	 i, depth;

	if (v->lim.max_depth == 0 && v->lim.max_fields == 0)
		return 0;
	if (gql_validate_fragments_cyclic(v))
		return 0;
	for (i = 0; i < v->ndefs; i++) {
		d = &v->defs[i];
		if (d->def->kind != GQL_DEF_OPERATION)
			continue;
		limits_measure(v, d->selset, &depth, &visits);
		if (v->lim.max_depth != 0 && depth > v->lim.max_depth) {
			gql_errors_add(v->out, GQL_ERR_LIMIT, d->def->loc,
			    "Query is too deep: its fields nest %u levels, "
			    "more than the maximum depth of %u.", depth,
			    v->lim.max_depth);
			return -1;
		}
		if (v->lim.max_fields == 0 || visits <= v->lim.max_fields)
			continue;
		visits = 0;
		if (limits_count(v, d, &visits) == -1) {
			gql_errors_add(v->out, GQL_ERR_LIMIT, d->def->loc,
			    "Query is too large: it makes more than %u "
			    "selections once fragments are expanded, the "
			    "maximum number of fields.", v->lim.max_fields);
			return -1;
		}
	}
	return 0;
}

/* Count the selections execution would visit for an operation. */
static int
limits_count(struct gv *v, struct gv_def *d, uint64_t *visits)
{
	struct lim_level	lv;
	uint32_t		i;

	memset(&lv, 0, sizeof(lv));
	lv.gen = ++v->gen;
	if (limits_collect(v, &lv, d->selset, visits) == -1)
		return -1;
	for (i = 0; i < lv.n; i++) {
		if (limits_level(v, &lv.groups[i], visits) == -1)
			return -1;
	}
	return 0;
}

/* Collect one selection set into a level, as execution's collectFields. */
static int
limits_collect(struct gv *v, struct lim_level *lv,
    const struct gql_ast_selset *ss, uint64_t *visits)
{
	const struct gql_ast_selection	*sel;
	const struct gql_name		*key;
	struct lim_group		*g;
	struct gv_frag			*f;
	void				**slot;
	int				  isnew, rc = 0;

	gql_validate_enter(v);
	for (sel = ss->first; sel != NULL && rc == 0; sel = sel->next) {
		if (++*visits > v->lim.max_fields) {
			rc = -1;
			break;
		}
		if (sel->kind == GQL_SEL_INLINE_FRAGMENT) {
			rc = limits_collect(v, lv, sel->selset, visits);
			continue;
		}
		if (sel->kind == GQL_SEL_FRAGMENT_SPREAD) {
			f = gql_validate_frag(v, &sel->name);
			if (f == NULL || f->def == NULL || f->seen == lv->gen)
				continue;
			f->seen = lv->gen;
			rc = limits_collect(v, lv, f->def->selset, visits);
			continue;
		}
		key = sel->alias.s != NULL ? &sel->alias : &sel->name;
		slot = gql_validate_map_str_slot(v, &lv->keys, key->s,
		    key->len, &isnew);
		if (isnew) {
			if (lv->n == lv->cap)
				lv->groups = gql_validate_grow(v, lv->groups,
				    &lv->cap, sizeof(*lv->groups));
			g = &lv->groups[lv->n++];
			memset(g, 0, sizeof(*g));
			g->key = key;
			*slot = (void *)(uintptr_t)lv->n;
		}
		g = &lv->groups[(uintptr_t)*slot - 1];
		if (g->n == g->cap)
			g->nodes = gql_validate_grow(v, g->nodes, &g->cap,
			    sizeof(*g->nodes));
		g->nodes[g->n++] = sel;
	}
	gql_validate_leave(v);
	return rc;
}

/* Count below one merged field: its sub-selections, collected together. */
static int
limits_level(struct gv *v, struct lim_group *g, uint64_t *visits)
{
	struct lim_level	lv;
	uint32_t		i;
	int			rc = 0;

	memset(&lv, 0, sizeof(lv));
	lv.gen = ++v->gen;
	for (i = 0; i < g->n && rc == 0; i++) {
		if (g->nodes[i]->selset != NULL)
			rc = limits_collect(v, &lv, g->nodes[i]->selset,
			    visits);
	}
	if (rc == -1 || lv.n == 0)
		return rc;
	gql_validate_enter(v);
	for (i = 0; i < lv.n && rc == 0; i++)
		rc = limits_level(v, &lv.groups[i], visits);
	gql_validate_leave(v);
	return rc;
}
