/*
 * gql_validate_fields.c: the rules about fields and the types they are
 * selected on (spec 5.3.1, 5.3.3, 5.5.1.2, 5.5.1.3): KnownTypeNames,
 * FragmentsOnCompositeTypes, ScalarLeafs and FieldsOnCorrectType, the
 * last with graphql-js's suggestions (types to use an inline fragment on,
 * ranked by how many possible types define the field, else similar field
 * names).
 */
#include "config.h"

#include <string.h>

#include "common/buf.h"
#include "graphql/gql_arena.h"
#include "graphql/gql_validate_int.h"

/* specifiedScalarTypes and introspectionTypes (KnownTypeNames in SDL). */
static const char *const fields_standard[] = {
	"String", "Int", "Float", "Boolean", "ID", "__Schema", "__Directive",
	"__DirectiveLocation", "__Type", "__Field", "__InputValue",
	"__EnumValue", "__TypeKind",
};

#define FIELDS_NSTANDARD	(sizeof(fields_standard) / \
				    sizeof(fields_standard[0]))

static int	 fields_is_standard(const struct gql_name *);
static void	 fields_unknown_type(struct gv *, const struct gql_ast_type *);
static void	 fields_scalar_leafs(struct gv *,
		    const struct gql_ast_selection *);
static void	 fields_unknown_field(struct gv *,
		    const struct gql_ast_selection *);
static uint32_t	 fields_suggest_types(struct gv *, const struct gql_type *,
		    const struct gql_name *, const char **);
static void	 fields_sort(struct gv *, const struct gql_type **, uint32_t *,
		    uint32_t);
static void	 fields_reverse(const struct gql_type **, uint32_t *, uint32_t,
		    uint32_t);
static int	 fields_type_cmp(struct gv *, const struct gql_type *,
		    uint32_t, const struct gql_type *, uint32_t);

static int
fields_is_standard(const struct gql_name *name)
{
	size_t	i;

	for (i = 0; i < FIELDS_NSTANDARD; i++) {
		if (gql_name_eq(name, fields_standard[i]))
			return 1;
	}
	return 0;
}

/* NamedType enter: KnownTypeNames. */
void
gql_validate_fields_named_type(struct gv *v, const struct gql_ast_type *t)
{
	if (gql_schema_type(v->schema, t->name.s, t->name.len) != NULL ||
	    gql_validate_map_str_get(&v->doc_types, t->name.s,
	    t->name.len) != NULL)
		return;
	if (v->in_sdl && fields_is_standard(&t->name))
		return;
	fields_unknown_type(v, t);
}

static void
fields_unknown_type(struct gv *v, const struct gql_ast_type *t)
{
	const struct gql_schema	 *s = v->schema;
	const char		**opts;
	struct buf		  b = BUF_INIT;
	uint32_t		  i, n = 0;

	opts = gql_arena_calloc(v->arena, s->ntypes + v->doc_types.n +
	    FIELDS_NSTANDARD + 1, sizeof(*opts));
	for (i = 0; i < s->ntypes; i++)
		opts[n++] = s->types[i]->name;
	for (i = 0; v->doc_types.e != NULL && i <= v->doc_types.mask; i++) {
		if (v->doc_types.e[i].s != NULL)
			opts[n++] = v->doc_types.e[i].s;
	}
	for (i = 0; v->in_sdl && i < FIELDS_NSTANDARD; i++)
		opts[n++] = fields_standard[i];
	buf_addf(&b, "Unknown type \"%s\".", t->name.s);
	gql_validate_print_suggest(v, t->name.s, t->name.len, opts, NULL, n,
	    NULL, &b);
	gql_validate_report_buf(v, t->loc, &b);
}

/* InlineFragment enter: FragmentsOnCompositeTypes. */
void
gql_validate_fields_inline(struct gv *v, const struct gql_ast_selection *sel)
{
	struct gql_type	*t;

	if (sel->type_cond == NULL)
		return;
	t = gql_validate_type_named(v, sel->type_cond);
	if (t != NULL && !gql_type_is_composite(t))
		gql_validate_report(v, sel->type_cond->loc, "Fragment cannot "
		    "condition on non composite type \"%s\".", t->name);
}

/* FragmentDefinition enter: FragmentsOnCompositeTypes. */
void
gql_validate_fields_fragment(struct gv *v, const struct gql_ast_def *d)
{
	const struct gql_ast_fragment	*fr = &d->u.fragment;
	struct gql_type			*t;

	t = gql_validate_type_named(v, fr->type_cond);
	if (t != NULL && !gql_type_is_composite(t))
		gql_validate_report(v, fr->type_cond->loc, "Fragment \"%s\" "
		    "cannot condition on non composite type \"%s\".",
		    fr->name.s, t->name);
}

/* Field enter: ScalarLeafs, FieldsOnCorrectType. */
void
gql_validate_fields_field(struct gv *v, const struct gql_ast_selection *sel)
{
	if (v->ti.type != NULL)
		fields_scalar_leafs(v, sel);
	if (v->ti.parent_type != NULL && v->ti.field_def == NULL)
		fields_unknown_field(v, sel);
}

static void
fields_scalar_leafs(struct gv *v, const struct gql_ast_selection *sel)
{
	struct buf	 ts = BUF_INIT, b = BUF_INIT;
	struct gql_loc	 loc = sel->loc;
	int		 leaf = gql_type_is_leaf(gql_typeref_named(v->ti.type));

	if (leaf ? sel->selset == NULL : sel->selset != NULL &&
	    sel->selset->count > 0)
		return;
	gql_typeref_print(v->ti.type, &ts);
	buf_addc(&ts, '\0');
	if (leaf) {
		loc = sel->selset->loc;
		buf_addf(&b, "Field \"%s\" must not have a selection since "
		    "type \"%s\" has no subfields.", sel->name.s, ts.data);
	} else if (sel->selset == NULL) {
		buf_addf(&b, "Field \"%s\" of type \"%s\" must have a "
		    "selection of subfields. Did you mean \"%s { ... }\"?",
		    sel->name.s, ts.data, sel->name.s);
	} else {
		buf_addf(&b, "Field \"%s\" of type \"%s\" must have at least "
		    "one field selected.", sel->name.s, ts.data);
	}
	buf_free(&ts);
	gql_validate_report_buf(v, loc, &b);
}

static void
fields_unknown_field(struct gv *v, const struct gql_ast_selection *sel)
{
	const struct gql_type	 *p = v->ti.parent_type;
	const char		**opts;
	struct buf		  b = BUF_INIT;
	uint32_t		  n, i;

	buf_addf(&b, "Cannot query field \"%s\" on type \"%s\".", sel->name.s,
	    p->name);
	opts = gql_arena_calloc(v->arena, (size_t)p->nfields +
	    (gql_type_is_abstract(p) ? v->schema->ntypes : 0) + 1,
	    sizeof(*opts));
	if ((n = fields_suggest_types(v, p, &sel->name, opts)) > 0) {
		gql_validate_print_did_you_mean(opts, n,
		    "to use an inline fragment on", &b);
	} else if (p->kind == GQL_KIND_OBJECT ||
	    p->kind == GQL_KIND_INTERFACE) {
		for (i = 0; i < p->nfields; i++)
			opts[i] = p->fields[i].name;
		gql_validate_print_suggest(v, sel->name.s, sel->name.len, opts,
		    NULL, p->nfields, NULL, &b);
	}
	gql_validate_report_buf(v, sel->loc, &b);
}

/*
 * graphql-js getSuggestedTypeNames(): the possible types of an abstract
 * parent that define the field, and their interfaces that do, most used
 * first, super types before subtypes, then by name.
 */
static uint32_t
fields_suggest_types(struct gv *v, const struct gql_type *p,
    const struct gql_name *name, const char **out)
{
	const struct gql_type	**types, *t, *it;
	uint32_t		 *count, i, j, k, n = 0;

	if (!gql_type_is_abstract(p))
		return 0;
	types = gql_arena_calloc(v->arena, v->schema->ntypes + 1,
	    sizeof(*types));
	count = gql_arena_calloc(v->arena, v->schema->ntypes + 1,
	    sizeof(*count));
	for (i = 0; i < p->npossible; i++) {
		t = p->possible[i];
		if (gql_type_field(t, name->s, name->len) == NULL)
			continue;
		types[n] = t;
		count[n++] = 1;
		for (j = 0; j < t->ninterfaces; j++) {
			it = t->interfaces[j];
			if (gql_type_field(it, name->s, name->len) == NULL)
				continue;
			for (k = 0; k < n && types[k] != it; k++)
				;
			if (k == n) {
				types[n] = it;
				count[n++] = 0;
			}
			count[k]++;
		}
	}
	fields_sort(v, types, count, n);
	for (i = 0; i < n; i++)
		out[i] = types[i]->name;
	return n;
}

static void
fields_reverse(const struct gql_type **t, uint32_t *c, uint32_t lo,
    uint32_t hi)
{
	const struct gql_type	*x;
	uint32_t		 y;

	for (; lo + 1 < hi; lo++, hi--) {
		x = t[lo];
		t[lo] = t[hi - 1];
		t[hi - 1] = x;
		y = c[lo];
		c[lo] = c[hi - 1];
		c[hi - 1] = y;
	}
}

/*
 * Sort as V8's Array.prototype.sort() does a short array (a leading run,
 * reversed if descending, then binary insertion): graphql-js's comparator
 * is not a total order, so only the same algorithm gives the same order.
 */
static void
fields_sort(struct gv *v, const struct gql_type **t, uint32_t *c, uint32_t n)
{
	const struct gql_type	*pt;
	uint32_t		 run = 2, i, lo, hi, mid, pc;
	int			 desc;

	if (n < 2)
		return;
	desc = fields_type_cmp(v, t[1], c[1], t[0], c[0]) < 0;
	for (i = 2; i < n; i++) {
		int o = fields_type_cmp(v, t[i], c[i], t[i - 1], c[i - 1]);

		if (desc ? o >= 0 : o < 0)
			break;
		run++;
	}
	if (desc)
		fields_reverse(t, c, 0, run);
	for (i = run; i < n; i++) {
		pt = t[i];
		pc = c[i];
		lo = 0;
		hi = i;
		while (lo < hi) {
			mid = lo + (hi - lo) / 2;
			if (fields_type_cmp(v, pt, pc, t[mid], c[mid]) < 0)
				hi = mid;
			else
				lo = mid + 1;
		}
		memmove(&t[lo + 1], &t[lo], (i - lo) * sizeof(*t));
		memmove(&c[lo + 1], &c[lo], (i - lo) * sizeof(*c));
		t[lo] = pt;
		c[lo] = pc;
	}
}

static int
fields_type_cmp(struct gv *v, const struct gql_type *a, uint32_t ca,
    const struct gql_type *b, uint32_t cb)
{
	if (ca != cb)
		return cb > ca ? 1 : -1;
	if (a->kind == GQL_KIND_INTERFACE &&
	    gql_schema_is_subtype(v->schema, a, b))
		return -1;
	if (b->kind == GQL_KIND_INTERFACE &&
	    gql_schema_is_subtype(v->schema, b, a))
		return 1;
	return gql_validate_print_natural_cmp(a->name, b->name);
}
