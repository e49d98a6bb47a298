/*
 * gql_validate_directives.c: the rules about directives (spec 5.7):
 * KnownDirectives (the directive exists and may appear where it is) and
 * UniqueDirectivesPerLocation (a non-repeatable directive at most once
 * per location; in type-system definitions, graphql-js counts a schema or
 * a type together with its extensions as one location). Directive
 * definitions in the document itself take precedence over the schema's,
 * as in graphql-js.
 */
#include "config.h"

#include <string.h>

#include "graphql/gql_arena.h"
#include "graphql/gql_validate_int.h"

/* Non-repeatable directives seen at one location, before a map is due. */
#define DIRS_LOCAL	16

struct dirs_seen {
	const struct gql_ast_directive	*local[DIRS_LOCAL];
	uint32_t			 n;
	struct gv_strmap		*map;
};

static const struct gql_ast_directive **dirs_slot(struct gv *,
		    struct dirs_seen *, const struct gql_ast_directive *);

/* Describe a directive the schema or the document defines; 0 if none. */
int
gql_validate_directives_info(struct gv *v, const struct gql_name *name,
    struct gv_dirinfo *info)
{
	const struct gql_ast_def	*d;

	memset(info, 0, sizeof(*info));
	if (v->doc_dirs.e != NULL && (d = gql_validate_map_str_get(
	    &v->doc_dirs, name->s, name->len)) != NULL) {
		info->adef = &d->u.directive;
		info->locations = info->adef->location_bits;
		info->repeatable = info->adef->repeatable;
		return 1;
	}
	info->sdef = gql_schema_directive(v->schema, name->s, name->len);
	if (info->sdef == NULL)
		return 0;
	info->locations = info->sdef->locations;
	info->repeatable = info->sdef->repeatable;
	return 1;
}

/* Directive enter: KnownDirectives. */
void
gql_validate_directives_known(struct gv *v, const struct gql_ast_directive *d,
    enum gql_dirloc loc)
{
	struct gv_dirinfo	info;

	if (!gql_validate_directives_info(v, &d->name, &info))
		gql_validate_report(v, d->loc, "Unknown directive \"@%s\".",
		    d->name.s);
	else if ((info.locations & GQL_DIRLOC_BIT(loc)) == 0)
		gql_validate_report(v, d->loc, "Directive \"@%s\" may not be "
		    "used on %s.", d->name.s, gql_dirloc_name(loc));
}

static const struct gql_ast_directive **
dirs_slot(struct gv *v, struct dirs_seen *s, const struct gql_ast_directive *d)
{
	void	**slot;
	int	  isnew;
	uint32_t  i;

	if (s->map == NULL) {
		for (i = 0; i < s->n; i++) {
			if (gql_name_eqn(&s->local[i]->name, d->name.s,
			    d->name.len))
				return &s->local[i];
		}
		if (s->n < DIRS_LOCAL) {
			s->local[s->n] = NULL;
			return &s->local[s->n++];
		}
		s->map = gql_arena_calloc(v->arena, 1, sizeof(*s->map));
		for (i = 0; i < s->n; i++) {
			slot = gql_validate_map_str_slot(v, s->map,
			    s->local[i]->name.s, s->local[i]->name.len,
			    &isnew);
			*slot = (void *)(uintptr_t)s->local[i];
		}
	}
	slot = gql_validate_map_str_slot(v, s->map, d->name.s,
	    d->name.len, &isnew);
	return (const struct gql_ast_directive **)slot;
}

/*
 * Enter of a node with directives: UniqueDirectivesPerLocation. `scope`
 * is the map shared by a type-system definition and its extensions, or
 * NULL for a location of its own.
 */
void
gql_validate_directives_unique(struct gv *v, const struct gql_ast_directive *d,
    struct gv_strmap *scope)
{
	const struct gql_ast_directive	**first;
	struct gql_error		 *err;
	struct gv_dirinfo		  info;
	struct dirs_seen		  seen;

	if (d == NULL || (d->next == NULL && scope == NULL))
		return;
	seen.n = 0;
	seen.map = scope;
	for (; d != NULL; d = d->next) {
		if (!gql_validate_directives_info(v, &d->name, &info) ||
		    info.repeatable)
			continue;
		first = dirs_slot(v, &seen, d);
		if (*first == NULL) {
			*first = d;
			continue;
		}
		err = gql_validate_report(v, (*first)->loc, "The directive "
		    "\"@%s\" can only be used once at this location.",
		    d->name.s);
		gql_error_add_loc(err, d->loc);
	}
}

/* Return the location map of a schema or type definition (and its
 * extensions). */
struct gv_strmap *
gql_validate_directives_scope(struct gv *v, const struct gql_ast_def *d)
{
	void	**slot;
	int	  isnew;

	if (d->kind == GQL_DEF_SCHEMA)
		return &v->schema_dirs;
	slot = gql_validate_map_str_slot(v, &v->sdl_dirs,
	    d->u.type.name.s, d->u.type.name.len, &isnew);
	if (isnew)
		*slot = gql_arena_calloc(v->arena, 1, sizeof(struct gv_strmap));
	return *slot;
}
