/*
 * gql_validate_fragments.c: the rules about fragments (spec 5.5):
 * UniqueFragmentNames, KnownFragmentNames, NoUnusedFragments,
 * PossibleFragmentSpreads and NoFragmentCycles, and the closure of the
 * fragments a set of operations spreads (graphql-js
 * getRecursivelyReferencedFragmentsForOperations(), memoised by the set
 * of names as its SetMap is, and metered by the fragment work budget).
 *
 * The cycle search is graphql-js's depth-first search, spreads in
 * getFragmentSpreads() order, so it finds the same cycles in the same
 * order; it keeps its own stack rather than recursing, since a chain of
 * fragments is as long as the document allows.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "common/buf.h"
#include "graphql/gql_arena.h"
#include "graphql/gql_validate_int.h"

struct frag_frame {
	struct gv_def	*d;
	uint32_t	 i;
};

struct frag_dfs {
	struct frag_frame		 *frames;
	uint32_t			  nframes;
	uint32_t			  cap;
	const struct gql_ast_selection	**path;
	uint32_t			  npath;
	uint32_t			  pathcap;
};

static int	 frag_push(struct gv *, struct frag_dfs *, struct gv_def *);
static void	 frag_cycles(struct gv *, struct gv_def *);
static void	 frag_report_cycle(struct gv *, struct frag_dfs *, uint32_t);
static struct gql_type *frag_type(struct gv *, struct gv_def *);
static uint64_t	 frag_set_key(struct gv *, struct gv_frag **, uint32_t,
		    uint32_t **);
static int	 frag_id_cmp(const void *, const void *);
static struct gv_fragset *frag_set_find(struct gv *, const uint32_t *,
		    uint32_t, uint64_t);

/* FragmentDefinition enter: UniqueFragmentNames, NoFragmentCycles. */
void
gql_validate_fragments_definition(struct gv *v, struct gv_def *d)
{
	const struct gql_name	*name = &d->def->u.fragment.name;
	const struct gql_name	*first;
	struct gql_error	*err;
	void			**slot;
	int			  isnew;

	slot = gql_validate_map_str_slot(v, &v->frag_names, name->s,
	    name->len, &isnew);
	if (isnew) {
		*slot = (void *)(uintptr_t)name;
	} else {
		first = *slot;
		err = gql_validate_report(v, first->loc, "There can be only "
		    "one fragment named \"%s\".", name->s);
		gql_error_add_loc(err, name->loc);
	}
	frag_cycles(v, d);
}

static int
frag_push(struct gv *v, struct frag_dfs *s, struct gv_def *d)
{
	struct gv_frag	*f = d->frag;

	if (f->visited)
		return 0;
	f->visited = 1;
	gql_validate_spreads(v, d);
	if (d->nspreads == 0)
		return 0;
	f->path_index = (int32_t)s->npath;
	if (s->nframes == s->cap)
		s->frames = gql_validate_grow(v, s->frames, &s->cap,
		    sizeof(*s->frames));
	s->frames[s->nframes].d = d;
	s->frames[s->nframes++].i = 0;
	return 1;
}

/* graphql-js NoFragmentCycles detectCycleRecursive(), without recursion. */
static void
frag_cycles(struct gv *v, struct gv_def *start)
{
	struct frag_dfs			 s;
	struct frag_frame		*fr;
	const struct gql_ast_selection	*sp;
	struct gv_frag			*sf;

	memset(&s, 0, sizeof(s));
	if (!frag_push(v, &s, start))
		return;
	while (s.nframes > 0) {
		fr = &s.frames[s.nframes - 1];
		if (fr->i == fr->d->nspreads) {
			fr->d->frag->path_index = -1;
			if (--s.nframes > 0) {
				s.npath--;
				s.frames[s.nframes - 1].i++;
			}
			continue;
		}
		sp = fr->d->spreads[fr->i];
		sf = gql_validate_frag_intern(v, &sp->name);
		if (s.npath == s.pathcap)
			s.path = gql_validate_grow(v, s.path, &s.pathcap,
			    sizeof(*s.path));
		s.path[s.npath++] = sp;
		if (sf->path_index < 0) {
			if (sf->def != NULL && frag_push(v, &s, sf->def))
				continue;	/* pops sp when it is done */
		} else {
			frag_report_cycle(v, &s, (uint32_t)sf->path_index);
		}
		s.npath--;
		fr->i++;
	}
}

static void
frag_report_cycle(struct gv *v, struct frag_dfs *s, uint32_t from)
{
	const struct gql_ast_selection	*last = s->path[s->npath - 1];
	struct gql_error		*err;
	struct buf			 b = BUF_INIT;
	uint32_t			 i;

	buf_addf(&b, "Cannot spread fragment \"%s\" within itself",
	    last->name.s);
	for (i = from; i + 1 < s->npath; i++)
		buf_addf(&b, "%s\"%s\"", i == from ? " via " : ", ",
		    s->path[i]->name.s);
	buf_addc(&b, '.');
	err = gql_validate_report_buf(v, s->path[from]->loc, &b);
	for (i = from + 1; i < s->npath; i++)
		gql_error_add_loc(err, s->path[i]->loc);
}

/*
 * Return whether any fragment spreads itself, directly or not (for the
 * limits, which only measure documents free of cycles).
 */
int
gql_validate_fragments_cyclic(struct gv *v)
{
	struct frag_dfs	 s;
	struct gv_def	*d, *to;
	uint8_t		*color;
	uint32_t	 i;

	memset(&s, 0, sizeof(s));
	color = gql_arena_calloc(v->arena, v->nfrags + 1, 1);
	for (i = 0; i < v->ndefs; i++) {
		d = &v->defs[i];
		if (d->frag == NULL || d->frag->def != d || color[d->frag->id])
			continue;
		color[d->frag->id] = 1;
		gql_validate_spreads(v, d);
		s.nframes = 0;
		if (s.cap == 0)
			s.frames = gql_validate_grow(v, NULL, &s.cap,
			    sizeof(*s.frames));
		s.frames[s.nframes].d = d;
		s.frames[s.nframes++].i = 0;
		while (s.nframes > 0) {
			struct frag_frame *fr = &s.frames[s.nframes - 1];

			if (fr->i == fr->d->nspreads) {
				color[fr->d->frag->id] = 2;
				s.nframes--;
				continue;
			}
			to = gql_validate_fragment(v,
			    &fr->d->spreads[fr->i++]->name);
			if (to == NULL || color[to->frag->id] == 2)
				continue;
			if (color[to->frag->id] == 1)
				return 1;
			color[to->frag->id] = 1;
			gql_validate_spreads(v, to);
			if (s.nframes == s.cap)
				s.frames = gql_validate_grow(v, s.frames,
				    &s.cap, sizeof(*s.frames));
			s.frames[s.nframes].d = to;
			s.frames[s.nframes++].i = 0;
		}
	}
	return 0;
}

static struct gql_type *
frag_type(struct gv *v, struct gv_def *d)
{
	struct gql_type	*t;

	if (d == NULL)
		return NULL;
	t = d->cond;
	return t != NULL && gql_type_is_composite(t) ? t : NULL;
}

/* FragmentSpread enter: KnownFragmentNames, PossibleFragmentSpreads. */
void
gql_validate_fragments_spread(struct gv *v,
    const struct gql_ast_selection *sel)
{
	struct gv_def	*d = gql_validate_fragment(v, &sel->name);
	struct gql_type	*ft, *pt = v->ti.parent_type;

	if (d == NULL)
		gql_validate_report(v, sel->name.loc, "Unknown fragment "
		    "\"%s\".", sel->name.s);
	ft = frag_type(v, d);
	if (ft != NULL && pt != NULL &&
	    !gql_schema_types_overlap(v->schema, ft, pt))
		gql_validate_report(v, sel->loc, "Fragment \"%s\" cannot be "
		    "spread here as objects of type \"%s\" can never be of "
		    "type \"%s\".", sel->name.s, pt->name, ft->name);
}

/* InlineFragment enter: PossibleFragmentSpreads. */
void
gql_validate_fragments_inline(struct gv *v,
    const struct gql_ast_selection *sel)
{
	struct gql_type	*ft, *pt = v->ti.parent_type;

	(void)sel;
	ft = v->ti.type != NULL ? gql_typeref_named(v->ti.type) : NULL;
	if (ft != NULL && gql_type_is_composite(ft) && pt != NULL &&
	    !gql_schema_types_overlap(v->schema, ft, pt))
		gql_validate_report(v, sel->loc, "Fragment cannot be spread "
		    "here as objects of type \"%s\" can never be of type "
		    "\"%s\".", pt->name, ft->name);
}

/* Document leave: NoUnusedFragments. */
void
gql_validate_fragments_unused(struct gv *v)
{
	struct gv_def		**ops;
	struct gv_fragset	 *fs;
	uint32_t		  i, n = 0, gen;

	ops = gql_arena_calloc(v->arena, v->ndefs + 1, sizeof(*ops));
	for (i = 0; i < v->ndefs; i++) {
		if (v->defs[i].def->kind == GQL_DEF_OPERATION)
			ops[n++] = &v->defs[i];
	}
	fs = gql_validate_fragments_closure(v, ops, n);
	gen = ++v->gen;
	for (i = 0; i < fs->nfrags; i++)
		fs->frags[i]->frag->seen = gen;
	for (i = 0; i < v->ndefs; i++) {
		if (v->defs[i].frag != NULL && v->defs[i].frag->seen != gen)
			gql_validate_report(v, v->defs[i].def->loc,
			    "Fragment \"%s\" is never used.",
			    v->defs[i].frag->name);
	}
}

static int
frag_id_cmp(const void *a, const void *b)
{
	uint32_t	x = *(const uint32_t *)a, y = *(const uint32_t *)b;

	return x < y ? -1 : x > y;
}

static uint64_t
frag_set_key(struct gv *v, struct gv_frag **names, uint32_t n,
    uint32_t **idsp)
{
	uint32_t	*ids, i;
	uint64_t	 h = 1469598103934665603ull;

	ids = gql_arena_calloc(v->arena, n + 1, sizeof(*ids));
	for (i = 0; i < n; i++)
		ids[i] = names[i]->id;
	qsort(ids, n, sizeof(*ids), frag_id_cmp);
	for (i = 0; i < n; i++)
		h = (h ^ ids[i]) * 1099511628211ull;
	*idsp = ids;
	return h;
}

static struct gv_fragset *
frag_set_find(struct gv *v, const uint32_t *ids, uint32_t n, uint64_t h)
{
	struct gv_fragset	*fs;

	for (fs = v->fragsets; fs != NULL; fs = fs->next) {
		if (fs->hash == h && fs->nids == n &&
		    memcmp(fs->ids, ids, n * sizeof(*ids)) == 0)
			return fs;
	}
	return NULL;
}

/*
 * Return the fragments the operations spread, directly or through other
 * fragments, in graphql-js's order (breadth-first over the set of names).
 */
struct gv_fragset *
gql_validate_fragments_closure(struct gv *v, struct gv_def **ops,
    uint32_t nops)
{
	struct gv_fragset	 *fs;
	struct gv_frag		**names = NULL, *f, *sf;
	uint32_t		  n = 0, cap = 0, fcap = 0, i, j, k, gen;
	uint32_t		 *ids;
	uint64_t		  h;

	gen = ++v->gen;
	for (i = 0; i < nops; i++) {
		gql_validate_spreads(v, ops[i]);
		for (j = 0; j < ops[i]->nspreads; j++) {
			f = gql_validate_frag_intern(v,
			    &ops[i]->spreads[j]->name);
			if (f->seen == gen)
				continue;
			f->seen = gen;
			if (n == cap)
				names = gql_validate_grow(v, names, &cap,
				    sizeof(*names));
			names[n++] = f;
		}
	}
	h = frag_set_key(v, names, n, &ids);
	if ((fs = frag_set_find(v, ids, n, h)) != NULL)
		return fs;
	fs = gql_arena_calloc(v->arena, 1, sizeof(*fs));
	fs->ids = ids;
	fs->nids = n;
	fs->hash = h;
	fs->next = v->fragsets;
	v->fragsets = fs;
	gql_validate_spend(v, n);
	for (k = 0; k < n; k++) {
		if ((f = names[k])->def == NULL)
			continue;
		if (fs->nfrags == fcap)
			fs->frags = gql_validate_grow(v, fs->frags, &fcap,
			    sizeof(*fs->frags));
		fs->frags[fs->nfrags++] = f->def;
		gql_validate_spreads(v, f->def);
		gql_validate_spend(v, f->def->nspreads);
		for (j = 0; j < f->def->nspreads; j++) {
			sf = gql_validate_frag_intern(v,
			    &f->def->spreads[j]->name);
			if (sf->seen == gen)
				continue;
			sf->seen = gen;
			if (n == cap)
				names = gql_validate_grow(v, names, &cap,
				    sizeof(*names));
			names[n++] = sf;
		}
	}
	return fs;
}
