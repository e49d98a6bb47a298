/*
 * gql_exec.h: executing a parsed (and validated) GraphQL request against
 * a schema (spec section 6), writing the response JSON straight into a
 * struct buf, keys in selection order.
 *
 * Resolvers. A const table binds "Type.field" coordinates to C functions
 * (struct gql_field_binding); gql_bind() stores each entry in the field's
 * `udata` once, at start-up. Type bindings (struct gql_type_binding) give
 * custom scalars their hooks (parse from variable JSON, parse from a
 * literal, serialize) and abstract types their resolve-type hook. A field
 * without a binding uses the request's default resolver (the difftest
 * binds nothing and resolves everything from a JSON file this way).
 * Introspection fields (__schema, __type, the __Type ... types) are
 * answered by the engine itself.
 *
 * A resolver receives a struct gql_resolve_info (parent object and its
 * type, coerced arguments, the request's context pointer) and describes
 * its result through one of the gql_result_*() setters: null, boolean,
 * int, float, string (with length), enum, a run-time value, an object
 * (opaque pointer plus its concrete object type, or NULL to let the
 * resolve-type hook pick it), a list (count and item accessor, or an
 * iterator), an error (message and extensions.code), or WOULD_BLOCK.
 * Strings and pointers a result refers to must stay valid until the
 * resolver's caller has written the value, i.e. until the request ends:
 * static data, the parent object, or memory from gql_exec_alloc().
 *
 * WOULD_BLOCK: a query resolver that cannot answer yet (messages(wait: N)
 * with nothing to return) sets gql_result_would_block(). The executor
 * then abandons the whole operation at once: nothing is written to the
 * output buffer, no error is recorded, and gql_execute() returns
 * GQL_EXEC_WOULD_BLOCK. The API layer parks the request and runs
 * gql_execute() again, from scratch, when the condition may have changed
 * (it keeps whatever it needs to know in its context pointer). Because
 * the operation is re-run, only side-effect-free resolvers may block: in
 * a mutation or while executing a subscription event, WOULD_BLOCK becomes
 * a field error instead.
 *
 * Non-null propagation happens on the buffer: every object, list and
 * field value remembers the offset where it began; a null that must
 * propagate truncates back to the nearest nullable position and writes
 * `null` there (spec 6.4.4). Per-request scratch (collected fields,
 * coerced arguments) lives in one arena; nothing is allocated per field.
 *
 * Errors carry message, locations, path and, when the resolver gave one,
 * extensions.code; at most `max_errors` field errors are reported.
 *
 * Outcomes (enum gql_exec_status) tell the HTTP layer what it wrote:
 * GQL_EXEC_REQUEST_ERROR is a response without "data" (no such
 * operation, variables that do not coerce, a limit hit): status 400 for
 * application/graphql-response+json; the others carry "data" (possibly
 * null) and are 200. Parse and validation errors, found before execution,
 * are written with gql_exec_write_errors() (codes GRAPHQL_PARSE_FAILED,
 * GRAPHQL_VALIDATION_FAILED). Validation of custom scalar literals calls
 * their parse_literal hook through gql_coerce_literal_hook() (gql_coerce.h)
 * given to gql_validate_with() or the document cache.
 *
 * Documents used again and again (the document cache's) may be prepared
 * once with gql_prepare(): the plans, literal arguments and variable
 * types are then built once and shared, read-only, by every request that
 * passes the prepared document in gql_request.prepared (with the same
 * schema, document and options pointer); a request for which it does not
 * fit runs unprepared. Prepared or not, the response is the same.
 *
 * Threads: a schema (after gql_bind()), a document and a prepared
 * document may be shared by threads; each request's state is its own
 * (one spare scratch arena is kept per thread). Options, bindings and
 * the document must outlive the requests and subscriptions using them.
 */
#ifndef OM_GQL_EXEC_H
#define OM_GQL_EXEC_H

#include <stddef.h>
#include <stdint.h>

#include "graphql/gql_ast.h"
#include "graphql/gql_schema.h"
#include "graphql/gql_value.h"

struct buf;
struct gql_arena;
struct gql_exec;
struct gql_resolve_info;
struct gql_result;

enum gql_result_kind {
	GQL_R_UNSET = 0,	/* nothing set: null */
	GQL_R_NULL,
	GQL_R_BOOLEAN,
	GQL_R_INT,
	GQL_R_FLOAT,
	GQL_R_STRING,
	GQL_R_ENUM,
	GQL_R_VALUE,		/* a struct gql_value (e.g. an argument) */
	GQL_R_OBJECT,		/* opaque pointer (+ type) */
	GQL_R_LIST,		/* count + item accessor */
	GQL_R_ITER,		/* iterator */
	GQL_R_ERROR,
	GQL_R_WOULD_BLOCK,
	GQL_R_SOURCE,		/* subscribe resolvers: an event source */
};

typedef void	(*gql_resolve_fn)(const struct gql_resolve_info *,
		    struct gql_result *);
/* Item `index` of a list (0 <= index < count). */
typedef void	(*gql_item_fn)(const struct gql_resolve_info *, void *,
		    size_t, struct gql_result *);
/* Next item of an iterator: 1 and the item, or 0 at the end. */
typedef int	(*gql_next_fn)(const struct gql_resolve_info *, void *,
		    struct gql_result *);
/* The object type name of an object of an abstract type, or NULL. */
typedef const char *(*gql_resolve_type_fn)(const struct gql_resolve_info *,
		    void *, const struct gql_type *);

struct gql_result {
	enum gql_result_kind	 kind;
	union {
		int			 boolean;
		int64_t			 i;
		double			 f;
		struct {
			const char	*s;
			size_t		 len;
		}			 str;		/* STRING, ENUM */
		const struct gql_value	*value;
		struct {
			void			*ptr;
			const struct gql_type	*type;	/* NULL: resolve */
		}			 obj;		/* OBJECT, SOURCE */
		struct {
			void		*list;
			size_t		 count;
			gql_item_fn	 item;
		}			 list;
		struct {
			void		*iter;
			gql_next_fn	 next;
		}			 iter;
		struct {
			const char	*message;
			const char	*code;		/* NULL: none */
		}			 err;
	} u;
};

struct gql_resolve_info {
	const struct gql_schema	*schema;
	const struct gql_field	*field;
	const struct gql_type	*parent_type;
	void			*parent;	/* the parent object */
	const struct gql_value	*args;		/* GQL_V_OBJECT, coerced */
	void			*ctx;		/* gql_request.ctx */
	const void		*data;		/* the binding's data */
	struct gql_exec		*exec;
};

/* Custom scalar hooks; each may be NULL (then: pass values through). */
struct gql_scalar_hooks {
	/* A variable's JSON value -> coerced value; -1 + message. */
	int	(*parse_value)(const struct gql_value *, struct gql_arena *,
		    struct gql_value *, struct buf *);
	/* A literal (never a top-level variable) -> coerced value. */
	int	(*parse_literal)(const struct gql_ast_value *,
		    const struct gql_value *, struct gql_arena *,
		    struct gql_value *, struct buf *);
	/* A resolver's result -> JSON appended to out; -1 + message. */
	int	(*serialize)(const struct gql_result *, struct buf *,
		    struct buf *);
};

struct gql_field_binding {
	const char		*coord;		/* "Type.field" */
	gql_resolve_fn		 resolve;
	gql_resolve_fn		 subscribe;	/* Subscription fields */
	const void		*data;		/* given as info->data */
};

struct gql_type_binding {
	const char			*name;
	const struct gql_scalar_hooks	*scalar;	/* SCALAR */
	gql_resolve_type_fn		 resolve_type;	/* abstract */
};

struct gql_exec_options {
	gql_resolve_fn		 default_resolve;	/* NULL: null */
	gql_resolve_type_fn	 default_resolve_type;	/* NULL: fail */
	uint32_t		 max_errors;	/* field errors; 0: 100 */
	uint32_t		 max_var_errors; /* coercion; 0: 50 */
	size_t			 max_output;	/* response bytes; 0: none */
	uint64_t		 max_resolves;	/* resolver calls; 0: none */
	unsigned		 json_depth;	/* variables; 0: default */
};

struct gql_prepared;

struct gql_request {
	const struct gql_schema		*schema;
	const struct gql_ast_document	*doc;
	const struct gql_prepared	*prepared;	  /* or NULL */
	const char			*operation_name;  /* NULL: none */
	const char			*variables_json;  /* or NULL */
	size_t				 variables_len;
	const struct gql_value		*variables;	  /* or this */
	void				*root_value;
	void				*ctx;
	const struct gql_exec_options	*options;	  /* NULL: defaults */
};

enum gql_exec_status {
	GQL_EXEC_OK = 0,	/* {"data":...}: no errors */
	GQL_EXEC_FIELD_ERRORS,	/* {"data":...,"errors":[...]}, data may be null */
	GQL_EXEC_REQUEST_ERROR,	/* {"errors":[...]}, no data (spec 7.1.2) */
	GQL_EXEC_WOULD_BLOCK,	/* a resolver must wait: nothing written */
};

struct gql_subscription;

/* Binding (once, at start-up; the schema is read-only afterwards). */
int	 gql_bind(struct gql_schema *, const struct gql_field_binding *,
	    size_t, const struct gql_type_binding *, size_t,
	    struct gql_error *);

/* The operation a request would run, or NULL with a request error. */
const struct gql_ast_operation *gql_exec_operation(
	    const struct gql_ast_document *, const char *, struct gql_error *);

/* Execution of queries and mutations. */
enum gql_exec_status gql_execute(const struct gql_request *, struct buf *);

/* A document prepared for repeated execution (for a document cache). */
struct gql_prepared *gql_prepare(const struct gql_schema *,
	    const struct gql_ast_document *, const struct gql_exec_options *);
void	 gql_prepared_free(struct gql_prepared *);

/* Subscriptions: set up once, then one response per event. */
enum gql_exec_status gql_subscribe(const struct gql_request *,
	    struct gql_subscription **, void **, struct buf *);
enum gql_exec_status gql_execute_event(struct gql_subscription *, void *,
	    void *, struct buf *);
uint64_t gql_subscription_hash(const struct gql_subscription *);
const char *gql_subscription_key(const struct gql_subscription *,
	    size_t *);
const struct gql_field *gql_subscription_field(
	    const struct gql_subscription *);
void	 gql_subscription_free(struct gql_subscription *);

/* Threads that execute requests call this before they end. */
void	 gql_exec_thread_end(void);

/* Errors found before execution (parse, validation) as a response. */
void	 gql_exec_write_errors(const struct gql_errors *, struct buf *);
void	 gql_exec_write_error(const struct gql_error *, const char *,
	    struct buf *);

/* For resolvers. */
void	*gql_exec_alloc(const struct gql_resolve_info *, size_t);
const struct gql_value *gql_arg(const struct gql_resolve_info *,
	    const char *);
void	 gql_result_null(struct gql_result *);
void	 gql_result_boolean(struct gql_result *, int);
void	 gql_result_int(struct gql_result *, int64_t);
void	 gql_result_float(struct gql_result *, double);
void	 gql_result_string(struct gql_result *, const char *, size_t);
void	 gql_result_cstring(struct gql_result *, const char *);
void	 gql_result_enum(struct gql_result *, const char *);
void	 gql_result_value(struct gql_result *, const struct gql_value *);
void	 gql_result_object(struct gql_result *, void *,
	    const struct gql_type *);
void	 gql_result_list(struct gql_result *, void *, size_t, gql_item_fn);
void	 gql_result_iter(struct gql_result *, void *, gql_next_fn);
void	 gql_result_error(struct gql_result *, const char *, const char *);
void	 gql_result_errorf(const struct gql_resolve_info *,
	    struct gql_result *, const char *, const char *, ...)
	    __attribute__((format(printf, 4, 5)));
void	 gql_result_would_block(struct gql_result *);
void	 gql_result_source(struct gql_result *, void *);

#endif
