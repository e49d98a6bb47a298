/*
 * gql_validate.c: the validator's entry points and what every rule
 * shares: the context and its scratch arena, indexing the document's
 * definitions and fragment names, reporting errors (with graphql-js's stop
 * after max_errors), aborting, the recursion guard, graphql-js's fragment
 * work budget, and TypeInfo's lookups (getFieldDef, typeFromAST).
 *
 * A validation that must stop (too many errors, a budget or the recursion
 * guard exhausted) appends its last error and longjmp()s back to
 * validate_run(): everything allocated meanwhile lives in the scratch
 * arena or in the caller's error list, so nothing leaks.
 */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/buf.h"
#include "common/xmalloc.h"
#include "graphql/gql_arena.h"
#include "graphql/gql_validate_int.h"

#define VALIDATE_ARENA_HINT	(16 * 1024)

/* A heap block of a map's table, on the validation's list. */
struct gv_heap {
	struct gv_heap	*prev;
	struct gv_heap	*next;
	max_align_t	 data[];
};

static int	 validate_run(struct gv *);
static void	 validate_index(struct gv *);
static void	 validate_index_sdl(struct gv *, const struct gql_ast_def *);

/* Validate a document (see gql_validate.h). */
int
gql_validate(const struct gql_schema *schema,
    const struct gql_ast_document *doc, const struct gql_validate_limits *lim,
    struct gql_errors *out)
{
	return gql_validate_with(schema, doc, lim, NULL, out);
}

/* Validate a document, checking custom scalar literals with `hook`. */
int
gql_validate_with(const struct gql_schema *schema,
    const struct gql_ast_document *doc, const struct gql_validate_limits *lim,
    const struct gql_literal_hook *hook, struct gql_errors *out)
{
	static const struct gql_validate_limits	 dflt =
	    GQL_VALIDATE_LIMITS_DEFAULT;
	struct gql_arena			*a;
	struct gv				*v;
	int					 rc;

	a = gql_arena_new(VALIDATE_ARENA_HINT);
	v = gql_arena_calloc(a, 1, sizeof(*v));
	v->schema = schema;
	v->doc = doc;
	v->arena = a;
	v->out = out;
	v->lim = lim != NULL ? *lim : dflt;
	if (hook != NULL)
		v->hook = *hook;
	v->frag_work = GV_FRAGMENT_WORK;
	rc = validate_run(v);
	while (v->heap != NULL)
		gql_validate_heap_free(v, v->heap->data);
	gql_arena_free(a);
	return rc;
}

static int
validate_run(struct gv *v)
{
	if (setjmp(v->jb) != 0)
		return -1;
	validate_index(v);
	if (gql_validate_limits_check(v) == -1)
		return -1;
	gql_validate_walk_document(v);
	return v->nerrors > 0 ? -1 : 0;
}

static void
validate_index(struct gv *v)
{
	const struct gql_ast_def	*d;
	struct gv_def			*gd;
	struct gv_frag			*f;

	v->defs = gql_arena_calloc(v->arena, v->doc->ndefs + 1,
	    sizeof(*v->defs));
	for (d = v->doc->defs; d != NULL; d = d->next) {
		if (!gql_def_is_executable(d)) {
			validate_index_sdl(v, d);
			continue;
		}
		gd = &v->defs[v->ndefs++];
		gd->def = d;
		if (d->kind == GQL_DEF_OPERATION) {
			gd->selset = d->u.op.selset;
			continue;
		}
		gd->selset = d->u.fragment.selset;
		gd->cond = gql_validate_type_named(v, d->u.fragment.type_cond);
		f = gql_validate_frag_intern(v, &d->u.fragment.name);
		f->def = gd;	/* graphql-js getFragment(): the last wins */
		gd->frag = f;
	}
}

static void
validate_index_sdl(struct gv *v, const struct gql_ast_def *d)
{
	void	**slot;
	int	  isnew;

	if (d->kind == GQL_DEF_DIRECTIVE) {
		slot = gql_validate_map_str_slot(v, &v->doc_dirs,
		    d->u.directive.name.s, d->u.directive.name.len, &isnew);
		*slot = (void *)(uintptr_t)d;
	} else if (d->kind >= GQL_DEF_SCALAR &&
	    d->kind <= GQL_DEF_INPUT_OBJECT && !d->extend) {
		slot = gql_validate_map_str_slot(v, &v->doc_types,
		    d->u.type.name.s, d->u.type.name.len, &isnew);
		*slot = (void *)(uintptr_t)d;
	}
}

/*
 * Append a validation error with one location (add more to the returned
 * error). Past max_errors, append graphql-js's "Too many validation
 * errors" instead and stop validating.
 */
struct gql_error *
gql_validate_report(struct gv *v, struct gql_loc loc, const char *fmt, ...)
{
	struct buf	b = BUF_INIT;
	va_list		ap;

	va_start(ap, fmt);
	buf_vaddf(&b, fmt, ap);
	va_end(ap);
	return gql_validate_report_buf(v, loc, &b);
}

/*
 * Append a validation error whose message is in `b`, which it takes (b is
 * left empty, also when reporting stops the validation).
 */
struct gql_error *
gql_validate_report_buf(struct gv *v, struct gql_loc loc, struct buf *b)
{
	struct gql_error	*err;

	if (v->lim.max_errors != 0 && v->nerrors >= v->lim.max_errors) {
		buf_free(b);
		gql_errors_add(v->out, GQL_ERR_VALIDATION, GQL_LOC_NONE, "%s",
		    "Too many validation errors, error limit reached. "
		    "Validation aborted.");
		longjmp(v->jb, 1);
	}
	err = gql_errors_add_buf(v->out, GQL_ERR_VALIDATION, loc, b);
	v->nerrors++;
	return err;
}

/* Append a last error and stop validating. */
void
gql_validate_abort(struct gv *v, enum gql_error_kind kind, struct gql_loc loc,
    const char *fmt, ...)
{
	struct buf	b = BUF_INIT;
	va_list		ap;

	va_start(ap, fmt);
	buf_vaddf(&b, fmt, ap);
	va_end(ap);
	gql_errors_add_buf(v->out, kind, loc, &b);
	longjmp(v->jb, 1);
}

/* Enter a recursive helper; too deep a recursion stops validation. */
void
gql_validate_enter(struct gv *v)
{
	if (++v->rdepth > GV_RECURSION_MAX)
		gql_validate_abort(v, GQL_ERR_LIMIT, GQL_LOC_NONE,
		    "Validation aborted: fragments and selections nest more "
		    "than %d levels deep.", GV_RECURSION_MAX);
}

/* Leave a recursive helper. */
void
gql_validate_leave(struct gv *v)
{
	v->rdepth--;
}

/* Spend graphql-js's fragment work budget (ValidationContext). */
void
gql_validate_spend(struct gv *v, int64_t cost)
{
	v->frag_work -= cost;
	if (v->frag_work < 0)
		gql_validate_abort(v, GQL_ERR_LIMIT, GQL_LOC_NONE,
		    "Validation aborted: the document spreads fragments more "
		    "than the fragment work limit (%d) allows.",
		    GV_FRAGMENT_WORK);
}

/* Return the record of a fragment name, or NULL if it never occurs. */
struct gv_frag *
gql_validate_frag(struct gv *v, const struct gql_name *name)
{
	return gql_validate_map_str_get(&v->frags, name->s, name->len);
}

/* Return the record of a fragment name, creating it. */
struct gv_frag *
gql_validate_frag_intern(struct gv *v, const struct gql_name *name)
{
	struct gv_frag	*f;
	void		**slot;
	int		  isnew;

	slot = gql_validate_map_str_slot(v, &v->frags, name->s,
	    name->len, &isnew);
	if (!isnew)
		return *slot;
	f = gql_arena_calloc(v->arena, 1, sizeof(*f));
	f->name = name->s;
	f->len = name->len;
	f->id = v->nfrags++;
	f->path_index = -1;
	f->intro_checked = f->intro_exceeded = -1;
	*slot = f;
	return f;
}

/* Return the fragment definition a spread names (getFragment), or NULL. */
struct gv_def *
gql_validate_fragment(struct gv *v, const struct gql_name *name)
{
	struct gv_frag	*f;

	f = gql_validate_map_str_get(&v->frags, name->s, name->len);
	return f == NULL ? NULL : f->def;
}

/*
 * List a definition's fragment spreads as graphql-js getFragmentSpreads()
 * does: a selection set's spreads in order, nested sets from a stack (so
 * the last nested set comes first).
 */
void
gql_validate_spreads(struct gv *v, struct gv_def *d)
{
	const struct gql_ast_selset	**stack = NULL;
	const struct gql_ast_selset	 *ss;
	const struct gql_ast_selection	 *sel;
	uint32_t			  n = 0, cap = 0, scap = 0;

	if (d->spreads_done)
		return;
	d->spreads_done = 1;
	stack = gql_validate_grow(v, NULL, &cap, sizeof(*stack));
	stack[n++] = d->selset;
	while (n > 0) {
		ss = stack[--n];
		for (sel = ss != NULL ? ss->first : NULL; sel != NULL;
		    sel = sel->next) {
			if (sel->kind == GQL_SEL_FRAGMENT_SPREAD) {
				if (d->nspreads == scap)
					d->spreads = gql_validate_grow(v,
					    d->spreads, &scap,
					    sizeof(*d->spreads));
				d->spreads[d->nspreads++] = sel;
			} else if (sel->selset != NULL) {
				if (n == cap)
					stack = gql_validate_grow(v, stack,
					    &cap, sizeof(*stack));
				stack[n++] = sel->selset;
			}
		}
	}
}

/* Return the named type an AST type names at its core, or NULL. */
struct gql_type *
gql_validate_type_named(struct gv *v, const struct gql_ast_type *t)
{
	while (t->kind != GQL_WRAP_NAMED)
		t = t->of;
	return gql_schema_type(v->schema, t->name.s, t->name.len);
}

/* Return the schema type an AST type denotes (typeFromAST), or NULL. */
const struct gql_typeref *
gql_validate_type_ref(struct gv *v, const struct gql_ast_type *t)
{
	return gql_typeref_from_ast(v->schema, v->arena, t);
}

/* Return a field's definition on a parent type (TypeInfo getFieldDef). */
const struct gql_field *
gql_validate_field_def(const struct gql_schema *s, const struct gql_type *p,
    const struct gql_name *name)
{
	if (name->len > 2 && name->s[0] == '_' && name->s[1] == '_') {
		if (p == s->query && GV_NAME_IS(name, "__schema"))
			return s->meta_schema;
		if (p == s->query && GV_NAME_IS(name, "__type"))
			return s->meta_type;
		if (gql_type_is_composite(p) && GV_NAME_IS(name, "__typename"))
			return s->meta_typename;
	}
	if (p->kind == GQL_KIND_OBJECT || p->kind == GQL_KIND_INTERFACE)
		return gql_type_field(p, name->s, name->len);
	return NULL;
}

/* Return a type without its outer non-null (getNullableType). */
const struct gql_typeref *
gql_validate_nullable(const struct gql_typeref *t)
{
	if (t != NULL && t->kind == GQL_WRAP_NON_NULL)
		return t->of;
	return t;
}

/* Allocate n zeroed elements of `size` bytes on the heap list. */
void *
gql_validate_heap_calloc(struct gv *v, size_t n, size_t size)
{
	struct gv_heap	*h;

	if (size != 0 && n > (SIZE_MAX - sizeof(*h)) / size)
		gql_validate_abort(v, GQL_ERR_LIMIT, GQL_LOC_NONE,
		    "Validation aborted: the document is too large.");
	h = xcalloc(1, sizeof(*h) + n * size);
	h->next = v->heap;
	if (v->heap != NULL)
		v->heap->prev = h;
	v->heap = h;
	return h->data;
}

/* Free a block from gql_validate_heap_calloc(); NULL is a no-op. */
void
gql_validate_heap_free(struct gv *v, void *p)
{
	struct gv_heap	*h;

	if (p == NULL)
		return;
	h = (void *)((char *)p - offsetof(struct gv_heap, data));
	if (h->prev != NULL)
		h->prev->next = h->next;
	else
		v->heap = h->next;
	if (h->next != NULL)
		h->next->prev = h->prev;
	free(h);
}

/*
 * Return a copy of array `old` (*cap elements of `size` bytes) with twice
 * the room, in the scratch arena; *cap is updated.
 */
void *
gql_validate_grow(struct gv *v, void *old, uint32_t *cap, size_t size)
{
	uint32_t	 ncap = *cap == 0 ? 8 : *cap * 2;
	void		*p;

	if (ncap < *cap)
		gql_validate_abort(v, GQL_ERR_LIMIT, GQL_LOC_NONE,
		    "Validation aborted: the document is too large.");
	p = gql_arena_alloc(v->arena, (size_t)ncap * size);
	if (*cap > 0 && old != NULL)
		memcpy(p, old, (size_t)*cap * size);
	*cap = ncap;
	return p;
}
