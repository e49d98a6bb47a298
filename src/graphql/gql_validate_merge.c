/*
 * gql_validate_merge.c: OverlappingFieldsCanBeMerged (spec 5.3.2, "Field
 * Selection Merging"), as graphql-js 16.15 implements it. Fields with one
 * response name must be mergeable: the same field with the same arguments
 * (unless their parents can never be the same object), types that do not
 * conflict, and sub-selections that merge in turn.
 *
 * The algorithm is graphql-js's, memoised the same way, so that fragments
 * spread many times are compared once: the fields of a selection set are
 * collected once per parent type (CollectFieldsResult, with the names of
 * the fragments it spreads); a set of fields is compared with a fragment
 * once (comparedFragments, where a comparison of parents that may be the
 * same object also stands for one of exclusive parents); two fragments
 * once per exclusivity (PairSet); the overlapping response names of two
 * collections once; a pair of fields once (comparisons). Every step
 * spends graphql-js's complexity budget (500000), so a hostile document
 * stops with "Validation aborted" where graphql-js stops, in bounded time
 * and memory; recursion goes through the validator's depth guard.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "common/buf.h"
#include "graphql/gql_arena.h"
#include "graphql/gql_validate_int.h"

#define MERGE_DETAIL_MAX	1000	/* MAX_CONFLICT_DETAIL_LENGTH */
#define MERGE_NODES_MAX		20	/* MAX_CONFLICT_NODES */
#define MERGE_LINEAR		8	/* groups looked up without a map */

enum merge_reason {
	REASON_UNKNOWN = 0,
	REASON_NONE,
	REASON_NAMES,
	REASON_ARGS,
};

/* graphql-js FieldDetails. */
struct mfield {
	struct gql_type			*parent;
	const struct gql_ast_selection	*node;
	const struct gql_field		*def;
	int				 simple_leaf;
};

struct mgroup {
	const struct gql_name	 *name;		/* the response name */
	struct mfield		**fields;
	uint32_t		  n;
	uint32_t		  cap;
};

/* graphql-js CollectFieldsResult. */
struct mresult {
	struct mgroup		 *groups;
	uint32_t		  ngroups;
	uint32_t		  gcap;
	struct gv_strmap	  index;	/* name -> group + 1 */
	struct gv_frag		**frags;	/* fragmentNames */
	uint32_t		  nfrags;
	uint32_t		  fcap;
};

struct moverlap {
	const struct gql_name	*name;
	struct mgroup		*g1;
	struct mgroup		*g2;
};

struct moverlaps {
	struct moverlap		*o;
	uint32_t		 n;
};

struct mconflict {
	const struct gql_name		 *name;
	const char			 *reason;
	const struct gql_ast_selection	**f1;
	uint32_t			  n1;
	const struct gql_ast_selection	**f2;
	uint32_t			  n2;
};

struct mconflicts {
	struct mconflict	*c;
	uint32_t		 n;
	uint32_t		 cap;
};

struct gv_merge {
	int64_t			budget;
	struct gv_ptrmap	results;	/* (parent, selset) */
	struct gv_ptrmap	pairs;		/* (frag, frag) -> 1 + excl. */
	struct gv_ptrmap	compared;	/* (mresult, frag) */
	struct gv_ptrmap	overlaps;	/* (mresult, mresult) */
	struct gv_ptrmap	reasons;	/* (mfield, mfield) */
	struct gv_ptrmap	sorted;		/* object literal -> fields */
};

static void	 merge_spend(struct gv *, struct gv_merge *, int64_t);
static struct mresult *merge_collect(struct gv *, struct gv_merge *,
		    struct gql_type *, const struct gql_ast_selset *);
static void	 merge_collect_impl(struct gv *, struct mresult *,
		    struct gql_type *, const struct gql_ast_selset *, uint32_t);
static void	 merge_collect_field(struct gv *, struct mresult *,
		    struct gql_type *, const struct gql_ast_selection *);
static struct mgroup *merge_group(const struct mresult *,
		    const struct gql_name *);
static struct mresult *merge_fragment_fields(struct gv *, struct gv_merge *,
		    struct gv_def *);
static void	 merge_within(struct gv *, struct gv_merge *,
		    struct mconflicts *, struct mresult *);
static void	 merge_fields_fragment(struct gv *, struct gv_merge *,
		    struct mconflicts *, int, struct mresult *,
		    struct gv_frag *);
static void	 merge_fragments(struct gv *, struct gv_merge *,
		    struct mconflicts *, int, struct gv_frag *,
		    struct gv_frag *);
static void	 merge_subsets(struct gv *, struct gv_merge *,
		    struct mconflicts *, int, struct gql_type *,
		    const struct gql_ast_selset *, struct gql_type *,
		    const struct gql_ast_selset *);
static void	 merge_between(struct gv *, struct gv_merge *,
		    struct mconflicts *, int, struct mresult *,
		    struct mresult *);
static struct moverlaps *merge_overlaps(struct gv *, struct gv_merge *,
		    struct mresult *, struct mresult *);
static void	 merge_conflict(struct gv *, struct gv_merge *,
		    struct mconflicts *, int, const struct gql_name *,
		    struct mfield *, struct mfield *);
static enum merge_reason merge_reason(struct gv *, struct gv_merge *,
		    struct mfield *, struct mfield *);
static int	 merge_same_args(struct gv *, struct gv_merge *,
		    const struct gql_ast_selection *,
		    const struct gql_ast_selection *);
static int	 merge_same_value(struct gv *, struct gv_merge *,
		    const struct gql_ast_value *, const struct gql_ast_value *);
static const struct gql_ast_object_field **merge_sorted(struct gv *,
		    struct gv_merge *, const struct gql_ast_value *);
static int	 merge_types_conflict(struct gv *, struct gv_merge *,
		    const struct gql_typeref *, const struct gql_typeref *);
static struct mconflict *merge_push(struct gv *, struct mconflicts *,
		    const struct gql_name *, const char *);
static void	 merge_subfields(struct gv *, struct mconflicts *,
		    const struct mconflicts *, const struct gql_name *,
		    const struct gql_ast_selection *,
		    const struct gql_ast_selection *);
static uint32_t	 merge_nodes(struct gv *, const struct gql_ast_selection ***,
		    const struct gql_ast_selection *, const struct mconflicts *,
		    int);
static void	 merge_abbrev(struct buf *, const char *, size_t);
static void	 merge_report(struct gv *, const struct mconflict *);

static void
merge_spend(struct gv *v, struct gv_merge *m, int64_t cost)
{
	m->budget -= cost;
	if (m->budget < 0)
		gql_validate_abort(v, GQL_ERR_LIMIT, GQL_LOC_NONE,
		    "Validation aborted: comparing fields for merging needs "
		    "more than %d steps.", GV_MERGE_BUDGET);
}

/* SelectionSet enter: OverlappingFieldsCanBeMerged. */
void
gql_validate_merge_selset(struct gv *v, const struct gql_ast_selset *ss)
{
	struct gv_merge		*m;
	struct mconflicts	 out;
	struct mresult		*r;
	uint32_t		 i, j;

	if (ss->count <= 1 && (ss->first == NULL ||
	    ss->first->kind != GQL_SEL_INLINE_FRAGMENT))
		return;
	if ((m = v->merge) == NULL) {
		m = v->merge = gql_arena_calloc(v->arena, 1, sizeof(*m));
		m->budget = GV_MERGE_BUDGET;
	}
	memset(&out, 0, sizeof(out));
	/* graphql-js findConflictsWithinSelectionSet(). */
	r = merge_collect(v, m, v->ti.parent_type, ss);
	merge_within(v, m, &out, r);
	if (r->nfrags != 0 && (r->ngroups != 0 || r->nfrags > 1)) {
		for (i = 0; i < r->nfrags; i++) {
			merge_fields_fragment(v, m, &out, 0, r, r->frags[i]);
			for (j = i + 1; j < r->nfrags; j++)
				merge_fragments(v, m, &out, 0, r->frags[i],
				    r->frags[j]);
		}
	}
	for (i = 0; i < out.n; i++)
		merge_report(v, &out.c[i]);
}

static void
merge_report(struct gv *v, const struct mconflict *c)
{
	struct gql_error	*err;
	struct buf		 b = BUF_INIT;
	uint32_t		 i;

	buf_adds(&b, "Fields \"");
	merge_abbrev(&b, c->name->s, c->name->len);
	buf_addf(&b, "\" conflict because %s. Use different aliases on the "
	    "fields to fetch both if this was intentional.", c->reason);
	err = gql_validate_report_buf(v, c->f1[0]->loc, &b);
	for (i = 1; i < c->n1; i++)
		gql_error_add_loc(err, c->f1[i]->loc);
	for (i = 0; i < c->n2; i++)
		gql_error_add_loc(err, c->f2[i]->loc);
}

/* graphql-js maybeAbbreviate(). */
static void
merge_abbrev(struct buf *b, const char *s, size_t len)
{
	if (len > MERGE_DETAIL_MAX) {
		buf_add(b, s, MERGE_DETAIL_MAX);
		buf_adds(b, "...");
	} else {
		buf_add(b, s, len);
	}
}

/* graphql-js collectFields(), memoised by parent type and selection set. */
static struct mresult *
merge_collect(struct gv *v, struct gv_merge *m, struct gql_type *pt,
    const struct gql_ast_selset *ss)
{
	struct mresult	*r;
	void		**slot;
	int		  isnew;

	slot = gql_validate_map_ptr_slot(v, &m->results, pt, ss,
	    &isnew);
	if (!isnew)
		return *slot;
	r = gql_arena_calloc(v->arena, 1, sizeof(*r));
	*slot = r;
	merge_collect_impl(v, r, pt, ss, ++v->gen);
	return r;
}

static void
merge_collect_impl(struct gv *v, struct mresult *r, struct gql_type *pt,
    const struct gql_ast_selset *ss, uint32_t gen)
{
	const struct gql_ast_selection	*sel;
	struct gv_frag			*f;

	gql_validate_enter(v);
	for (sel = ss->first; sel != NULL; sel = sel->next) {
		switch (sel->kind) {
		case GQL_SEL_FIELD:
			merge_collect_field(v, r, pt, sel);
			break;
		case GQL_SEL_FRAGMENT_SPREAD:
			f = gql_validate_frag_intern(v, &sel->name);
			if (f->seen == gen)
				break;
			f->seen = gen;
			if (r->nfrags == r->fcap)
				r->frags = gql_validate_grow(v, r->frags,
				    &r->fcap, sizeof(*r->frags));
			r->frags[r->nfrags++] = f;
			break;
		case GQL_SEL_INLINE_FRAGMENT:
			merge_collect_impl(v, r, sel->type_cond != NULL ?
			    gql_validate_type_named(v, sel->type_cond) : pt,
			    sel->selset, gen);
			break;
		}
	}
	gql_validate_leave(v);
}

static void
merge_collect_field(struct gv *v, struct mresult *r, struct gql_type *pt,
    const struct gql_ast_selection *sel)
{
	const struct gql_name	*name = sel->alias.s != NULL ? &sel->alias :
				    &sel->name;
	struct mgroup		*g;
	struct mfield		*f;
	void			**slot;
	uint32_t		  i;
	int			  isnew;

	g = merge_group(r, name);
	if (g == NULL) {
		if (r->ngroups == r->gcap)
			r->groups = gql_validate_grow(v, r->groups, &r->gcap,
			    sizeof(*r->groups));
		g = &r->groups[r->ngroups++];
		memset(g, 0, sizeof(*g));
		g->name = name;
		if (r->ngroups == MERGE_LINEAR + 1) {
			for (i = 0; i < r->ngroups; i++) {
				slot = gql_validate_map_str_slot(v,
				    &r->index, r->groups[i].name->s,
				    r->groups[i].name->len, &isnew);
				*slot = (void *)(uintptr_t)(i + 1);
			}
		} else if (r->ngroups > MERGE_LINEAR + 1) {
			slot = gql_validate_map_str_slot(v, &r->index,
			    name->s, name->len, &isnew);
			*slot = (void *)(uintptr_t)r->ngroups;
		}
	}
	f = gql_arena_alloc(v->arena, sizeof(*f));
	f->parent = pt;
	f->node = sel;
	f->def = NULL;
	if (pt != NULL && (pt->kind == GQL_KIND_OBJECT ||
	    pt->kind == GQL_KIND_INTERFACE))
		f->def = gql_type_field(pt, sel->name.s, sel->name.len);
	f->simple_leaf = sel->nargs == 0 && sel->selset == NULL;
	if (g->n == g->cap)
		g->fields = gql_validate_grow(v, g->fields, &g->cap,
		    sizeof(*g->fields));
	g->fields[g->n++] = f;
}

static struct mgroup *
merge_group(const struct mresult *r, const struct gql_name *name)
{
	uintptr_t	i;

	if (r->ngroups > MERGE_LINEAR) {
		i = gql_validate_map_str_num(&r->index, name->s,
		    name->len);
		return i == 0 ? NULL : &r->groups[i - 1];
	}
	for (i = 0; i < r->ngroups; i++) {
		if (r->groups[i].name->len == name->len &&
		    memcmp(r->groups[i].name->s, name->s, name->len) == 0)
			return &r->groups[i];
	}
	return NULL;
}

/* graphql-js collectFragmentFields(). */
static struct mresult *
merge_fragment_fields(struct gv *v, struct gv_merge *m, struct gv_def *d)
{
	return merge_collect(v, m, d->cond, d->selset);
}

/* graphql-js collectConflictsWithin(). */
static void
merge_within(struct gv *v, struct gv_merge *m, struct mconflicts *out,
    struct mresult *r)
{
	struct mgroup	*g;
	uint32_t	 i, j, k;

	for (k = 0; k < r->ngroups; k++) {
		g = &r->groups[k];
		for (i = 0; i < g->n; i++) {
			for (j = i + 1; j < g->n; j++)
				merge_conflict(v, m, out, 0, g->name,
				    g->fields[i], g->fields[j]);
		}
	}
}

/* graphql-js collectConflictsBetweenFieldsAndFragment(). */
static void
merge_fields_fragment(struct gv *v, struct gv_merge *m,
    struct mconflicts *out, int excl, struct mresult *r, struct gv_frag *f)
{
	struct mresult	*r2;
	void		**slot;
	uintptr_t	  seen;
	uint32_t	  i;
	int		  isnew;

	merge_spend(v, m, 1);
	if (r->ngroups == 0)
		return;
	slot = gql_validate_map_ptr_slot(v, &m->compared, r, f,
	    &isnew);
	seen = (uintptr_t)*slot;
	if (seen == 1 || (excl && seen == 2))
		return;
	*slot = (void *)(uintptr_t)(1 + excl);
	if (f->def == NULL)
		return;
	r2 = merge_fragment_fields(v, m, f->def);
	if (r2 == r)
		return;
	gql_validate_enter(v);
	merge_between(v, m, out, excl, r, r2);
	for (i = 0; i < r2->nfrags; i++)
		merge_fields_fragment(v, m, out, excl, r, r2->frags[i]);
	gql_validate_leave(v);
}

/* graphql-js collectConflictsBetweenFragments(), with its PairSet. */
static void
merge_fragments(struct gv *v, struct gv_merge *m, struct mconflicts *out,
    int excl, struct gv_frag *f1, struct gv_frag *f2)
{
	struct mresult	*r1, *r2;
	void		**slot;
	uintptr_t	  p;
	uint32_t	  i;
	int		  isnew;

	merge_spend(v, m, 2);
	if (f1 == f2)
		return;
	p = gql_validate_map_ptr_num(&m->pairs, f1, f2);
	if (p != 0 && (excl || p == 1))
		return;
	p = gql_validate_map_ptr_num(&m->pairs, f2, f1);
	if (p != 0 && (excl || p == 1))
		return;
	slot = gql_validate_map_ptr_slot(v, &m->pairs, f1, f2, &isnew);
	*slot = (void *)(uintptr_t)(1 + excl);
	if (f1->def == NULL || f2->def == NULL)
		return;
	r1 = merge_fragment_fields(v, m, f1->def);
	r2 = merge_fragment_fields(v, m, f2->def);
	gql_validate_enter(v);
	merge_between(v, m, out, excl, r1, r2);
	for (i = 0; i < r2->nfrags; i++)
		merge_fragments(v, m, out, excl, f1, r2->frags[i]);
	for (i = 0; i < r1->nfrags; i++)
		merge_fragments(v, m, out, excl, r1->frags[i], f2);
	gql_validate_leave(v);
}

/* graphql-js findConflictsBetweenSubSelectionSets(). */
static void
merge_subsets(struct gv *v, struct gv_merge *m, struct mconflicts *out,
    int excl, struct gql_type *pt1, const struct gql_ast_selset *ss1,
    struct gql_type *pt2, const struct gql_ast_selset *ss2)
{
	struct mresult	*r1, *r2;
	uint32_t	 i, j;

	r1 = merge_collect(v, m, pt1, ss1);
	r2 = merge_collect(v, m, pt2, ss2);
	merge_between(v, m, out, excl, r1, r2);
	for (i = 0; i < r2->nfrags; i++)
		merge_fields_fragment(v, m, out, excl, r1, r2->frags[i]);
	for (i = 0; i < r1->nfrags; i++)
		merge_fields_fragment(v, m, out, excl, r2, r1->frags[i]);
	for (i = 0; i < r1->nfrags; i++) {
		for (j = 0; j < r2->nfrags; j++)
			merge_fragments(v, m, out, excl, r1->frags[i],
			    r2->frags[j]);
	}
}

/* graphql-js collectConflictsBetween(). */
static void
merge_between(struct gv *v, struct gv_merge *m, struct mconflicts *out,
    int excl, struct mresult *r1, struct mresult *r2)
{
	struct moverlaps	*ov;
	struct moverlap		*o;
	uint32_t		 i, j, k;

	if (r1->ngroups == 0 || r2->ngroups == 0)
		return;
	ov = merge_overlaps(v, m, r1, r2);
	for (k = 0; k < ov->n; k++) {
		o = &ov->o[k];
		for (i = 0; i < o->g1->n; i++) {
			for (j = 0; j < o->g2->n; j++)
				merge_conflict(v, m, out, excl, o->name,
				    o->g1->fields[i], o->g2->fields[j]);
		}
	}
}

/* graphql-js getOverlappingFields(), memoised per pair of results. */
static struct moverlaps *
merge_overlaps(struct gv *v, struct gv_merge *m, struct mresult *r1,
    struct mresult *r2)
{
	struct moverlaps	*ov;
	struct mgroup		*g2;
	void			**slot;
	uint32_t		  i, cap = 0;
	int			  isnew;

	slot = gql_validate_map_ptr_slot(v, &m->overlaps, r1, r2,
	    &isnew);
	if (!isnew)
		return *slot;
	ov = gql_arena_calloc(v->arena, 1, sizeof(*ov));
	*slot = ov;
	for (i = 0; i < r1->ngroups; i++) {
		merge_spend(v, m, 1);
		if ((g2 = merge_group(r2, r1->groups[i].name)) == NULL)
			continue;
		if (ov->n == cap)
			ov->o = gql_validate_grow(v, ov->o, &cap,
			    sizeof(*ov->o));
		ov->o[ov->n].name = r1->groups[i].name;
		ov->o[ov->n].g1 = &r1->groups[i];
		ov->o[ov->n++].g2 = g2;
	}
	return ov;
}

/* graphql-js findConflict(): append the conflict of two fields, if any. */
static void
merge_conflict(struct gv *v, struct gv_merge *m, struct mconflicts *out,
    int pexcl, const struct gql_name *name, struct mfield *a,
    struct mfield *b)
{
	const struct gql_typeref	*t1, *t2;
	struct mconflicts		 sub;
	enum merge_reason		 why;
	struct mconflict		*c;
	struct buf			 s = BUF_INIT;
	int				 excl;

	excl = pexcl || (a->parent != b->parent && a->parent != NULL &&
	    b->parent != NULL && a->parent->kind == GQL_KIND_OBJECT &&
	    b->parent->kind == GQL_KIND_OBJECT);
	merge_spend(v, m, 2);
	t1 = a->def != NULL ? a->def->type : NULL;
	t2 = b->def != NULL ? b->def->type : NULL;
	if (a->simple_leaf && b->simple_leaf && t1 == t2 &&
	    gql_name_eqn(&a->node->name, b->node->name.s, b->node->name.len))
		return;
	if (!excl && (why = merge_reason(v, m, a, b)) != REASON_NONE) {
		if (why == REASON_NAMES) {
			buf_addc(&s, '"');
			merge_abbrev(&s, a->node->name.s, a->node->name.len);
			buf_adds(&s, "\" and \"");
			merge_abbrev(&s, b->node->name.s, b->node->name.len);
			buf_adds(&s, "\" are different fields");
		} else {
			buf_adds(&s, "they have differing arguments");
		}
		c = merge_push(v, out, name, NULL);
		c->reason = gql_arena_strndup(v->arena, s.data, s.len);
		buf_free(&s);
		c->f1[0] = a->node;
		c->f2[0] = b->node;
		return;
	}
	if (t1 != NULL && t2 != NULL && merge_types_conflict(v, m, t1, t2)) {
		buf_adds(&s, "they return conflicting types \"");
		gql_typeref_print(t1, &s);
		buf_adds(&s, "\" and \"");
		gql_typeref_print(t2, &s);
		buf_addc(&s, '"');
		c = merge_push(v, out, name, NULL);
		c->reason = gql_arena_strndup(v->arena, s.data, s.len);
		buf_free(&s);
		c->f1[0] = a->node;
		c->f2[0] = b->node;
		return;
	}
	if (a->node->selset == NULL || b->node->selset == NULL)
		return;
	memset(&sub, 0, sizeof(sub));
	gql_validate_enter(v);
	merge_subsets(v, m, &sub, excl, t1 != NULL ? gql_typeref_named(t1) :
	    NULL, a->node->selset, t2 != NULL ? gql_typeref_named(t2) : NULL,
	    b->node->selset);
	gql_validate_leave(v);
	merge_subfields(v, out, &sub, name, a->node, b->node);
}

/* The memoised part of findConflict(): names, then arguments. */
static enum merge_reason
merge_reason(struct gv *v, struct gv_merge *m, struct mfield *a,
    struct mfield *b)
{
	void			**slot;
	enum merge_reason	  why;
	int			  isnew;

	slot = gql_validate_map_ptr_slot(v, &m->reasons, a, b,
	    &isnew);
	if (!isnew)
		return (enum merge_reason)(uintptr_t)*slot;
	if (!gql_name_eqn(&a->node->name, b->node->name.s, b->node->name.len))
		why = REASON_NAMES;
	else if (merge_same_args(v, m, a->node, b->node))
		why = REASON_NONE;
	else
		why = REASON_ARGS;
	/* The slot may have moved while arguments were compared. */
	slot = gql_validate_map_ptr_slot(v, &m->reasons, a, b,
	    &isnew);
	*slot = (void *)(uintptr_t)why;
	return why;
}

/* graphql-js sameArguments(). */
static int
merge_same_args(struct gv *v, struct gv_merge *m,
    const struct gql_ast_selection *a, const struct gql_ast_selection *b)
{
	const struct gql_ast_argument	*x, *y, *last;

	if (a->args == NULL)
		return b->args == NULL;
	if (b->args == NULL || a->nargs != b->nargs)
		return 0;
	for (x = a->args; x != NULL; x = x->next) {
		merge_spend(v, m, 1);
		last = NULL;	/* a Map of b's arguments: the last wins */
		for (y = b->args; y != NULL; y = y->next) {
			if (gql_name_eqn(&y->name, x->name.s, x->name.len))
				last = y;
		}
		if (last == NULL || !merge_same_value(v, m, x->value,
		    last->value))
			return 0;
	}
	return 1;
}

/*
 * Whether two values print the same in graphql-js stringifyValue():
 * kinds and texts equal, strings also in being block strings or not,
 * object fields compared in order of their names.
 */
static int
merge_same_value(struct gv *v, struct gv_merge *m,
    const struct gql_ast_value *a, const struct gql_ast_value *b)
{
	const struct gql_ast_object_field	**fa, **fb;
	const struct gql_ast_value		 *x, *y;
	uint32_t				  i;

	if (a->kind != b->kind)
		return 0;
	switch (a->kind) {
	case GQL_VALUE_VARIABLE:
	case GQL_VALUE_ENUM:
		return gql_name_eqn(&a->name, b->name.s, b->name.len);
	case GQL_VALUE_INT:
	case GQL_VALUE_FLOAT:
		return a->len == b->len && memcmp(a->str, b->str, a->len) == 0;
	case GQL_VALUE_STRING:
		return a->len == b->len && a->block == b->block &&
		    memcmp(a->str, b->str, a->len) == 0;
	case GQL_VALUE_BOOLEAN:
		return a->boolean == b->boolean;
	case GQL_VALUE_NULL:
		return 1;
	case GQL_VALUE_LIST:
		if (a->count != b->count)
			return 0;
		for (x = a->items, y = b->items; x != NULL && y != NULL;
		    x = x->next, y = y->next) {
			if (!merge_same_value(v, m, x, y))
				return 0;
		}
		return x == NULL && y == NULL;
	case GQL_VALUE_OBJECT:
		if (a->count != b->count)
			return 0;
		fa = merge_sorted(v, m, a);
		fb = merge_sorted(v, m, b);
		for (i = 0; i < a->count; i++) {
			if (!gql_name_eqn(&fa[i]->name, fb[i]->name.s,
			    fb[i]->name.len) ||
			    !merge_same_value(v, m, fa[i]->value,
			    fb[i]->value))
				return 0;
		}
		return 1;
	}
	return 0;
}

struct msort {
	const struct gql_ast_object_field	*f;
	uint32_t				 i;
};

static int
merge_sort_cmp(const void *pa, const void *pb)
{
	const struct msort	*a = pa, *b = pb;
	size_t			 n;
	int			 c;

	n = a->f->name.len < b->f->name.len ? a->f->name.len : b->f->name.len;
	if ((c = memcmp(a->f->name.s, b->f->name.s, n)) != 0)
		return c;
	if (a->f->name.len != b->f->name.len)
		return a->f->name.len < b->f->name.len ? -1 : 1;
	return a->i < b->i ? -1 : a->i > b->i;
}

/* An object literal's fields sorted by name, stably (memoised). */
static const struct gql_ast_object_field **
merge_sorted(struct gv *v, struct gv_merge *m, const struct gql_ast_value *o)
{
	const struct gql_ast_object_field	**out, *f;
	struct msort				 *s;
	void					**slot;
	uint32_t				  i = 0;
	int					  isnew;

	slot = gql_validate_map_ptr_slot(v, &m->sorted, o, NULL,
	    &isnew);
	if (!isnew)
		return *slot;
	s = gql_arena_calloc(v->arena, o->count + 1, sizeof(*s));
	for (f = o->fields; f != NULL && i < o->count; f = f->next, i++) {
		s[i].f = f;
		s[i].i = i;
	}
	qsort(s, i, sizeof(*s), merge_sort_cmp);
	out = gql_arena_calloc(v->arena, o->count + 1, sizeof(*out));
	for (i = 0; i < o->count; i++)
		out[i] = s[i].f;
	*slot = out;
	return out;
}

/* graphql-js doTypesConflict(). */
static int
merge_types_conflict(struct gv *v, struct gv_merge *m,
    const struct gql_typeref *a, const struct gql_typeref *b)
{
	for (;;) {
		if (a == b || (a->kind == GQL_WRAP_NAMED &&
		    b->kind == GQL_WRAP_NAMED && a->named == b->named))
			return 0;
		merge_spend(v, m, 1);
		if (a->kind == GQL_WRAP_LIST || b->kind == GQL_WRAP_LIST) {
			if (a->kind != b->kind)
				return 1;
		} else if (a->kind == GQL_WRAP_NON_NULL ||
		    b->kind == GQL_WRAP_NON_NULL) {
			if (a->kind != b->kind)
				return 1;
		} else {
			return gql_type_is_leaf(a->named) ||
			    gql_type_is_leaf(b->named);
		}
		a = a->of;
		b = b->of;
	}
}

static struct mconflict *
merge_push(struct gv *v, struct mconflicts *out, const struct gql_name *name,
    const char *reason)
{
	struct mconflict	*c;

	if (out->n == out->cap)
		out->c = gql_validate_grow(v, out->c, &out->cap,
		    sizeof(*out->c));
	c = &out->c[out->n++];
	c->name = name;
	c->reason = reason;
	c->f1 = gql_arena_alloc(v->arena, sizeof(*c->f1));
	c->f2 = gql_arena_alloc(v->arena, sizeof(*c->f2));
	c->n1 = c->n2 = 1;
	return c;
}

/* graphql-js subfieldConflicts(). */
static void
merge_subfields(struct gv *v, struct mconflicts *out,
    const struct mconflicts *sub, const struct gql_name *name,
    const struct gql_ast_selection *a, const struct gql_ast_selection *b)
{
	struct mconflict	*c;
	struct buf		 s = BUF_INIT, r = BUF_INIT;
	uint32_t		 i;

	if (sub->n == 0)
		return;
	for (i = 0; i < sub->n; i++) {
		buf_adds(&s, i == 0 ? "subfields \"" : " and subfields \"");
		merge_abbrev(&s, sub->c[i].name->s, sub->c[i].name->len);
		buf_addf(&s, "\" conflict because %s", sub->c[i].reason);
		if (s.len > MERGE_DETAIL_MAX)
			break;
	}
	merge_abbrev(&r, s.data, s.len);
	buf_free(&s);
	c = merge_push(v, out, name, NULL);
	c->reason = gql_arena_strndup(v->arena, r.data, r.len);
	buf_free(&r);
	c->n1 = merge_nodes(v, &c->f1, a, sub, 1);
	c->n2 = merge_nodes(v, &c->f2, b, sub, 2);
}

/* graphql-js collectConflictNodes(): at most 20, the latest kept. */
static uint32_t
merge_nodes(struct gv *v, const struct gql_ast_selection ***out,
    const struct gql_ast_selection *node, const struct mconflicts *sub,
    int side)
{
	const struct gql_ast_selection	**nodes, **from;
	uint32_t			  n = 1, i, k, have, keep;

	nodes = gql_arena_calloc(v->arena, MERGE_NODES_MAX, sizeof(*nodes));
	nodes[0] = node;
	for (i = 0; i < sub->n && n < MERGE_NODES_MAX; i++) {
		from = side == 1 ? sub->c[i].f1 : sub->c[i].f2;
		have = side == 1 ? sub->c[i].n1 : sub->c[i].n2;
		keep = MERGE_NODES_MAX - n;
		if (keep > have)
			keep = have;
		for (k = have - keep; k < have; k++)
			nodes[n++] = from[k];
	}
	*out = nodes;
	return n;
}
