/*
 * gql_validate_int.h: what the validator's files share: the validation
 * context (struct gv), the TypeInfo state graphql-js keeps while it walks
 * a document, per-definition and per-fragment-name records, small
 * open-addressing maps in the scratch arena, and the hooks each group of
 * rules offers to the walk (gql_validate_walk.c), which calls them in the
 * order of graphql-js's specifiedRules so errors come out in its order.
 */
#ifndef OM_GQL_VALIDATE_INT_H
#define OM_GQL_VALIDATE_INT_H

#include <setjmp.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "graphql/gql_validate.h"

struct buf;
struct gql_arena;

/* graphql-js's budgets (ValidationContext, OverlappingFieldsCanBeMerged). */
#define GV_FRAGMENT_WORK	50000
#define GV_MERGE_BUDGET		500000

/* Recursion of any helper (fragment chains, nested values) stops here. */
#define GV_RECURSION_MAX	2048

/* Whether an AST name is a string literal (no strlen()). */
#define GV_NAME_IS(n, lit)	((n)->len == sizeof(lit) - 1 && \
				    memcmp((n)->s, (lit), sizeof(lit) - 1) == 0)

/* Maps from names, and from pairs of pointers, to pointers. */
struct gv_strent {
	const char	*s;
	uint32_t	 len;
	uint32_t	 hash;
	void		*val;
};

struct gv_strmap {
	struct gv_strent	*e;
	uint32_t		 mask;	/* capacity - 1; e == NULL: empty */
	uint32_t		 n;
};

struct gv_ptrent {
	const void	*a;
	const void	*b;
	void		*val;
};

struct gv_ptrmap {
	struct gv_ptrent	*e;
	uint32_t		 mask;
	uint32_t		 n;
};

/* A variable used somewhere (graphql-js VariableUsage). */
struct gv_usage {
	const struct gql_ast_value	*node;
	const struct gql_typeref	*type;		/* NULL: unknown */
	const struct gql_typeref	*parent;	/* parent input type */
	int				 has_default;	/* of the location */
};

struct gv_frag;

/* An operation or a fragment definition of the document. */
struct gv_def {
	const struct gql_ast_def	*def;
	const struct gql_ast_selset	*selset;
	struct gv_frag			*frag;		/* fragments */
	struct gql_type			*cond;		/* its type condition */
	const struct gql_ast_selection	**spreads;	/* getFragmentSpreads */
	uint32_t			 nspreads;
	int				 spreads_done;
	struct gv_usage			*usages;	/* getVariableUsages */
	uint32_t			 nusages;
	uint32_t			 usages_cap;
	int				 usages_done;
	struct gv_usage			*rusages;	/* and their usages */
	uint32_t			 nrusages;
	int				 rusages_done;
};

/* A fragment name, defined or only spread. */
struct gv_frag {
	const char	*name;
	uint32_t	 len;
	uint32_t	 id;
	struct gv_def	*def;		/* the last definition; NULL: none */
	int32_t		 path_index;	/* NoFragmentCycles; -1: off path */
	int		 visited;	/* NoFragmentCycles */
	int32_t		 intro_checked;	/* MaxIntrospectionDepth; -1: none */
	int32_t		 intro_exceeded;
	int32_t		 intro_visited;
	uint32_t	 intro_gen;
	uint32_t	 depth;		/* limits: deepest field nesting */
	uint64_t	 count;		/* limits: selections, expanded */
	int		 depth_state;	/* 0 new, 1 in progress, 2 done */
	uint32_t	 seen;		/* generation of a set membership */
};

/* A set of fragment names and its closure (getRecursivelyReferenced...). */
struct gv_fragset {
	uint32_t		*ids;		/* sorted */
	uint32_t		 nids;
	uint64_t		 hash;
	struct gv_def		**frags;	/* the closure, in js order */
	uint32_t		 nfrags;
	struct gv_usage		*usages;	/* their usages, concatenated */
	uint32_t		 nusages;
	int			 usages_done;
	struct gv_fragset	*next;
};

/* graphql-js TypeInfo: what the walk knows at the current node. */
struct gv_ti {
	const struct gql_typeref	*type;		/* getType() */
	struct gql_type			*parent_type;	/* getParentType() */
	const struct gql_field		*field_def;	/* getFieldDef() */
	const struct gql_directive_def	*directive;	/* getDirective() */
	const struct gql_input_value	*argument;	/* getArgument() */
	const struct gql_typeref	*input_type;	/* getInputType() */
	const struct gql_typeref	*parent_input_type;
	const struct gql_ast_value	*default_value;	/* NULL: undefined */
	int				 has_default;
};

enum gv_mode {
	GV_RULES = 0,		/* the validation walk: every hook runs */
	GV_USAGES,		/* only TypeInfo and variable usages */
};

struct gv_merge;
struct gv_heap;

/* The validation context. */
struct gv {
	const struct gql_schema		*schema;
	const struct gql_ast_document	*doc;
	struct gql_arena		*arena;
	struct gql_errors		*out;
	struct gql_validate_limits	 lim;
	struct gql_literal_hook		 hook;
	jmp_buf				 jb;
	uint32_t			 nerrors;
	uint32_t			 rdepth;
	struct gv_heap			*heap;		/* map tables */
	int64_t				 frag_work;

	/* The walk. */
	enum gv_mode			 mode;
	struct gv_ti			 ti;
	struct gv_def			*rec;		/* recording usages */
	int				 in_vardef;
	int				 in_directive;
	int				 in_sdl;
	const void			*values_skip;	/* rules' skipped */
	const void			*intro_skip;	/* subtrees */

	/* Definitions and fragment names. */
	struct gv_def			*defs;
	uint32_t			 ndefs;
	struct gv_strmap		 frags;		/* name -> gv_frag */
	uint32_t			 nfrags;
	uint32_t			 gen;
	struct gv_fragset		*fragsets;
	int				 frag_map_spent; /* js fragment map */

	/* Rule state. */
	struct gv_strmap		 op_names;	/* -> gql_name */
	struct gv_strmap		 frag_names;	/* -> gql_name */
	struct gv_strmap		 doc_types;	/* type definitions */
	struct gv_strmap		 doc_dirs;	/* -> gql_ast_def */
	struct gv_strmap		 sdl_dirs;	/* type -> strmap */
	struct gv_strmap		 schema_dirs;	/* schema, extensions */
	uint32_t			 intro_gen;
	struct gv_ptrmap		 obj_maps;	/* object literals */
	struct gv_merge			*merge;
};

/* gql_validate.c: errors, aborting, recursion, shared lookups. */
struct gql_error *gql_validate_report(struct gv *, struct gql_loc,
	    const char *, ...) __attribute__((format(printf, 3, 4)));
struct gql_error *gql_validate_report_buf(struct gv *, struct gql_loc,
	    struct buf *);
void	 gql_validate_abort(struct gv *, enum gql_error_kind, struct gql_loc,
	    const char *, ...) __attribute__((format(printf, 4, 5), noreturn));
void	 gql_validate_enter(struct gv *);
void	 gql_validate_leave(struct gv *);
void	 gql_validate_spend(struct gv *, int64_t);
struct gv_frag *gql_validate_frag(struct gv *, const struct gql_name *);
struct gv_frag *gql_validate_frag_intern(struct gv *, const struct gql_name *);
struct gv_def *gql_validate_fragment(struct gv *, const struct gql_name *);
void	 gql_validate_spreads(struct gv *, struct gv_def *);
struct gql_type *gql_validate_type_named(struct gv *,
	    const struct gql_ast_type *);
const struct gql_typeref *gql_validate_type_ref(struct gv *,
	    const struct gql_ast_type *);
const struct gql_field *gql_validate_field_def(const struct gql_schema *,
	    const struct gql_type *, const struct gql_name *);
const struct gql_typeref *gql_validate_nullable(const struct gql_typeref *);
void	*gql_validate_grow(struct gv *, void *, uint32_t *, size_t);
void	*gql_validate_heap_calloc(struct gv *, size_t, size_t);
void	 gql_validate_heap_free(struct gv *, void *);

/* gql_validate_map.c */
uint32_t gql_validate_map_hash(const char *, size_t);
void	*gql_validate_map_str_get(const struct gv_strmap *, const char *,
	    size_t);
void	**gql_validate_map_str_slot(struct gv *, struct gv_strmap *,
	    const char *, size_t, int *);
void	*gql_validate_map_ptr_get(const struct gv_ptrmap *, const void *,
	    const void *);
uintptr_t gql_validate_map_str_num(const struct gv_strmap *, const char *,
	    size_t);
uintptr_t gql_validate_map_ptr_num(const struct gv_ptrmap *, const void *,
	    const void *);
void	**gql_validate_map_ptr_slot(struct gv *, struct gv_ptrmap *,
	    const void *, const void *, int *);

/* gql_validate_walk.c */
void	 gql_validate_walk_document(struct gv *);
void	 gql_validate_walk_usages(struct gv *, struct gv_def *);

/* gql_validate_print.c: values, types, "Did you mean". */
void	 gql_validate_print_value(const struct gql_ast_value *, struct buf *);
void	 gql_validate_print_type(const struct gql_ast_type *, struct buf *);
void	 gql_validate_print_typeref(const struct gql_typeref *, struct buf *);
void	 gql_validate_print_suggest(struct gv *, const char *, size_t,
	    const char *const *, const uint32_t *, uint32_t, const char *,
	    struct buf *);
void	 gql_validate_print_did_you_mean(const char *const *, uint32_t,
	    const char *, struct buf *);
int	 gql_validate_print_natural_cmp(const char *, const char *);

/* gql_validate_ops.c: ExecutableDefinitions, UniqueOperationNames,
 * LoneAnonymousOperation, SingleFieldSubscriptions. */
void	 gql_validate_ops_document(struct gv *);
void	 gql_validate_ops_operation(struct gv *, const struct gql_ast_def *);

/* gql_validate_fields.c: KnownTypeNames, FragmentsOnCompositeTypes,
 * ScalarLeafs, FieldsOnCorrectType. */
void	 gql_validate_fields_init(struct gv *);
void	 gql_validate_fields_named_type(struct gv *,
	    const struct gql_ast_type *);
void	 gql_validate_fields_inline(struct gv *,
	    const struct gql_ast_selection *);
void	 gql_validate_fields_fragment(struct gv *, const struct gql_ast_def *);
void	 gql_validate_fields_field(struct gv *,
	    const struct gql_ast_selection *);

/* gql_validate_fragments.c: UniqueFragmentNames, KnownFragmentNames,
 * NoUnusedFragments, PossibleFragmentSpreads, NoFragmentCycles. */
void	 gql_validate_fragments_definition(struct gv *, struct gv_def *);
void	 gql_validate_fragments_spread(struct gv *,
	    const struct gql_ast_selection *);
void	 gql_validate_fragments_inline(struct gv *,
	    const struct gql_ast_selection *);
void	 gql_validate_fragments_unused(struct gv *);
struct gv_fragset *gql_validate_fragments_closure(struct gv *,
	    struct gv_def **, uint32_t);
int	 gql_validate_fragments_cyclic(struct gv *);

/* gql_validate_variables.c: VariablesAreInputTypes, UniqueVariableNames,
 * NoUndefinedVariables, NoUnusedVariables, VariablesInAllowedPosition. */
void	 gql_validate_variables_definition(struct gv *,
	    const struct gql_ast_var_def *);
void	 gql_validate_variables_enter(struct gv *, const struct gql_ast_def *);
void	 gql_validate_variables_leave(struct gv *, struct gv_def *);
void	 gql_validate_variables_record(struct gv *,
	    const struct gql_ast_value *);

/* gql_validate_directives.c: KnownDirectives,
 * UniqueDirectivesPerLocation. */
struct gv_dirinfo {
	const struct gql_directive_def		*sdef;	/* from the schema */
	const struct gql_ast_directive_def	*adef;	/* from the document */
	uint32_t				 locations;
	int					 repeatable;
};
int	 gql_validate_directives_info(struct gv *, const struct gql_name *,
	    struct gv_dirinfo *);
void	 gql_validate_directives_known(struct gv *,
	    const struct gql_ast_directive *, enum gql_dirloc);
void	 gql_validate_directives_unique(struct gv *,
	    const struct gql_ast_directive *, struct gv_strmap *);
struct gv_strmap *gql_validate_directives_scope(struct gv *,
	    const struct gql_ast_def *);

/* gql_validate_args.c: KnownArgumentNames, UniqueArgumentNames,
 * ProvidedRequiredArguments. */
void	 gql_validate_args_field_enter(struct gv *,
	    const struct gql_ast_selection *);
void	 gql_validate_args_field_leave(struct gv *,
	    const struct gql_ast_selection *);
void	 gql_validate_args_directive_enter(struct gv *,
	    const struct gql_ast_directive *);
void	 gql_validate_args_directive_leave(struct gv *,
	    const struct gql_ast_directive *);
void	 gql_validate_args_argument(struct gv *,
	    const struct gql_ast_argument *);

/* gql_validate_values.c: ValuesOfCorrectType, UniqueInputFieldNames. */
void	 gql_validate_values_leaf(struct gv *, const struct gql_ast_value *);
void	 gql_validate_values_list(struct gv *, const struct gql_ast_value *);
void	 gql_validate_values_object(struct gv *, const struct gql_ast_value *);
void	 gql_validate_values_object_field(struct gv *,
	    const struct gql_ast_value *, const struct gql_ast_object_field *);

/* gql_validate_merge.c: OverlappingFieldsCanBeMerged. */
void	 gql_validate_merge_selset(struct gv *, const struct gql_ast_selset *);

/* gql_validate_limits.c: MaxIntrospectionDepth, depth and size limits. */
void	 gql_validate_limits_field_enter(struct gv *,
	    const struct gql_ast_selection *);
void	 gql_validate_limits_field_leave(struct gv *,
	    const struct gql_ast_selection *);
int	 gql_validate_limits_check(struct gv *);

#endif
