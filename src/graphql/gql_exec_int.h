/*
 * gql_exec_int.h: what the executor's files share (gql_exec.c: requests
 * and responses; gql_exec_collect.c: CollectFields and arguments;
 * gql_exec_complete.c: resolving and completing values; gql_exec_sub.c:
 * subscriptions; gql_introspect.c: the introspection resolvers).
 *
 * A plan (struct xplan) is the result of CollectFields for one selection
 * (a set of field nodes) and one object type: response keys in order,
 * each with its field definition, its merged field nodes, its resolver,
 * its pre-rendered JSON key and, computed once on first use, its coerced
 * arguments and its sub-plans per run-time type. Plans live in the
 * request's arena and are shared by every item of a list.
 */
#ifndef OM_GQL_EXEC_INT_H
#define OM_GQL_EXEC_INT_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "common/buf.h"
#include "graphql/gql_exec.h"

enum xmeta {
	XMETA_NONE = 0,
	XMETA_TYPENAME,
	XMETA_SCHEMA,
	XMETA_TYPE,
};

struct xplan;

/* How a leaf type's common results are written (gql_exec_complete.c). */
enum xleaf {
	XLEAF_NONE = 0,		/* not a scalar or enum */
	XLEAF_STRING,		/* String, ID, a custom scalar passing through */
	XLEAF_INT,
	XLEAF_BOOLEAN,
	XLEAF_ENUM,
	XLEAF_OTHER,		/* Float, a custom scalar's serialize hook */
};

/* Response keys are padded to this, to be copied as one block. */
#define XKEY_BLOCK	16

/*
 * How one argument of a prepared field whose arguments use variables is
 * coerced per request (gql_exec_prep.c): in the cases that need no look-up
 * the value is ready or the variable's index known; anything else runs
 * gql_coerce_argument() as an unprepared request would.
 */
enum xarg_kind {
	XARG_COERCE = 0,	/* gql_coerce_argument() per request */
	XARG_VALUE,		/* this value every time */
	XARG_ABSENT,		/* left out every time */
	XARG_VARIABLE,		/* `$v` alone: the variable's value */
};

struct xarg {
	enum xarg_kind		 kind;
	uint32_t		 var;	/* VARIABLE: index in the operation */
	const struct gql_value	*value;	/* VALUE */
};

struct xsub {
	const struct gql_type	*type;
	struct xplan		*plan;
	struct xsub		*next;
};

struct xfield {
	const char			 *key;		/* response key */
	uint32_t			  key_len;
	enum xmeta			  meta;
	const struct gql_field		 *def;	/* NULL: no such field */
	const struct gql_ast_selection	**nodes;	/* merged, in order */
	uint32_t			  nnodes;
	uint32_t			  nodes_cap;
	const char			 *key_json;	/* "\"key\":", padded */
	uint32_t			  key_json_len;
	gql_resolve_fn			  resolve;	/* NULL: null */
	const struct gql_type		 *leaf;	/* a scalar or enum, no list */
	enum xleaf			  leaf_kind;	/* ... and its kind */
	const void			 *data;
	int				  args_state;	/* 0, 1 ok, -1 */
	const struct gql_value		 *args;
	struct gql_error		 *args_err;
	uint32_t			  dyn;	/* prepared: 1 + args slot */
	const struct xarg		 *argp;	/* prepared: [def->nargs] */
	struct xsub			 *subs;
};

/* Per-request arguments of a prepared field whose arguments use variables. */
struct xdyn {
	int				 state;	/* 0, 1 ok, -1 */
	const struct gql_value		*args;
	struct gql_error		*err;
};

struct xplan {
	struct xfield	*fields;
	uint32_t	 n;
};

struct xseg {
	const char	*key;		/* NULL: list index */
	uint32_t	 key_len;
	size_t		 index;
};

#define XPATH_INLINE	64

struct xfrag {
	const struct gql_ast_fragment	*frag;
	uint32_t			 stamp;		/* visited mark */
};

struct gql_exec {
	const struct gql_schema		*schema;
	const struct gql_ast_document	*doc;
	const struct gql_ast_operation	*op;
	const struct gql_exec_options	*opts;
	struct gql_arena		*arena;
	const struct gql_value		*vars;
	const struct gql_value		**varv;	/* by index; prepared */
	void				*ctx;
	struct buf			*out;
	size_t				 out_start;
	struct buf			 errs;		/* ",{...}" each */
	uint32_t			 nerrors;
	uint32_t			 max_errors;
	uint32_t			 dropped;
	struct xseg			*path;
	uint32_t			 depth;
	uint32_t			 path_cap;
	int				 no_block;	/* mutation, event */
	int				 blocked;	/* WOULD_BLOCK seen */
	int				 aborted;	/* a limit was hit */
	const char			*abort_msg;
	const char			*abort_code;
	uint64_t			 resolves;
	struct xfrag			*frags;		/* hash by name */
	uint32_t			 frag_mask;
	uint32_t			 stamp;
	const struct gql_prepared	*prep;		/* plans shared, read-only */
	struct xdyn			*dyn;		/* [prep's ndyn] */
	int				 preparing;	/* gql_prepare() runs */
	int				 prep_fail;	/* ... and must give up */
	uint32_t			 ndyn;
	uint32_t			 nplanned;
	/* last: left uninitialised by gql_exec_init() */
	struct xseg			 path_inline[XPATH_INLINE];
};

/* gql_exec.c */
void	 gql_exec_raise(struct gql_exec *, const struct xfield *,
	    const struct gql_loc *, const char *, const char *);
void	 gql_exec_raisef(struct gql_exec *, const struct xfield *,
	    const char *, ...) __attribute__((format(printf, 3, 4)));
void	 gql_exec_abort(struct gql_exec *, const char *, const char *);
int	 gql_exec_init(struct gql_exec *, const struct gql_request *,
	    struct buf *);
void	 gql_exec_fini(struct gql_exec *);
void	 gql_exec_finish(struct gql_exec *, size_t, int);
enum gql_exec_status gql_exec_run(struct gql_exec *, void *, struct xplan *);
enum gql_exec_status gql_exec_request_error(struct gql_exec *);
int	 gql_exec_variables(struct gql_exec *, const struct gql_request *,
	    struct gql_errors *);

/* gql_exec_collect.c */
void	 gql_exec_frags_index(struct gql_exec *);
struct xplan *gql_exec_collect_root(struct gql_exec *,
	    const struct gql_type *, struct gql_error *);
struct xplan *gql_exec_subplan(struct gql_exec *, struct xfield *,
	    const struct gql_type *, struct gql_error *);
int	 gql_exec_args(struct gql_exec *, struct xfield *,
	    const struct gql_value **, const struct gql_error **);
int	 gql_exec_has_variable(const struct gql_ast_value *);

/* gql_exec_prep.c */
int	 gql_exec_prepared_op(struct gql_exec *, const struct gql_request *,
	    struct xplan **, const struct gql_typeref *const **);
const struct xarg *gql_exec_prep_args(struct gql_exec *,
	    const struct xfield *);
int	 gql_exec_prep_args_coerce(struct gql_exec *, const struct xfield *,
	    const struct gql_value **, struct gql_error *);

/* gql_exec_complete.c */
int	 gql_exec_object(struct gql_exec *, const struct gql_type *, void *,
	    const struct xplan *);
enum xleaf gql_exec_leaf_kind(const struct gql_schema *,
	    const struct gql_type *);

/* gql_introspect.c */
extern const struct gql_field_binding gql_introspect_bindings[];
extern const size_t gql_introspect_nbindings;
gql_resolve_fn gql_introspect_resolver(const struct gql_field *);
void	 gql_introspect_schema(const struct gql_resolve_info *,
	    struct gql_result *);
void	 gql_introspect_type(const struct gql_resolve_info *,
	    struct gql_result *);

void	 gql_exec_path_grow(struct gql_exec *);

static inline void
gql_exec_path_pop(struct gql_exec *x)
{
	x->depth--;
}

/* Enter a response key (key != NULL) or a list index. */
static inline void
gql_exec_path_push(struct gql_exec *x, const char *key, uint32_t len,
    size_t index)
{
	if (x->depth == x->path_cap)
		gql_exec_path_grow(x);
	x->path[x->depth].key = key;
	x->path[x->depth].key_len = len;
	x->path[x->depth].index = index;
	x->depth++;
}

/*
 * Output without the per-call NUL of buf_add(): buf_reserve() keeps room
 * for one more byte, and gql_exec_finish() terminates the response.
 */
static inline void
gql_exec_out(struct buf *b, const void *p, size_t n)
{
	if (b->len + n >= b->cap)
		buf_reserve(b, n);
	memcpy(b->data + b->len, p, n);
	b->len += n;
}

/* A response key: one block when it fits (plans pad keys for that). */
static inline void
gql_exec_key(struct buf *b, const char *k, size_t n)
{
	if (n <= XKEY_BLOCK && b->len + XKEY_BLOCK < b->cap) {
		memcpy(b->data + b->len, k, XKEY_BLOCK);
		b->len += n;
	} else
		gql_exec_out(b, k, n);
}

static inline void
gql_exec_outc(struct buf *b, char c)
{
	if (b->len + 1 >= b->cap)
		buf_reserve(b, 1);
	b->data[b->len++] = c;
}

#endif
