/*
 * gql_schema.h: the schema model that validation, execution and
 * introspection work against, built from SDL (src/api/schema.graphql).
 *
 * A struct gql_schema owns one arena holding every type, field, argument,
 * enum value and directive, and the parsed SDL documents themselves (so
 * default values stay AST values: struct gql_ast_value, printed for
 * introspection with gql_ast_print_value()). It is immutable after
 * gql_schema_new() returns, so both threads may read it without locks;
 * only the `udata` slots are meant to be set once, at start-up, by the
 * code that binds resolvers.
 *
 * Besides the SDL's own types, every schema holds the built-in scalars
 * (Int, Float, String, Boolean, ID), the built-in directives (@skip,
 * @include, @deprecated, @specifiedBy, @oneOf) and the introspection types
 * (__Schema, __Type, __Field, __InputValue, __EnumValue, __Directive,
 * __TypeKind, __DirectiveLocation), the latter defined from an embedded
 * SDL text so introspection resolves them like any other type. The meta
 * fields __schema, __type and __typename are struct gql_field too, outside
 * any type's field list (see the schema's meta_* pointers).
 *
 * Names in the model are NUL-terminated with their length alongside.
 * Lookups take (name, len) so AST names (struct gql_name) and C strings
 * both work; they are hash or short linear lookups, never allocation.
 */
#ifndef OM_GQL_SCHEMA_H
#define OM_GQL_SCHEMA_H

#include <stddef.h>
#include <stdint.h>

#include "graphql/gql_ast.h"
#include "graphql/gql_error.h"

struct buf;
struct gql_arena;
struct gql_schema_index;

enum gql_kind {
	GQL_KIND_SCALAR = 0,
	GQL_KIND_OBJECT,
	GQL_KIND_INTERFACE,
	GQL_KIND_UNION,
	GQL_KIND_ENUM,
	GQL_KIND_INPUT_OBJECT,
	GQL_KIND_LIST,		/* only for __TypeKind; no named type has it */
	GQL_KIND_NON_NULL,	/* only for __TypeKind; no named type has it */
};

struct gql_type;

/* A type reference: a named type wrapped in lists and non-nulls. */
struct gql_typeref {
	enum gql_wrap			 kind;
	struct gql_type			*named;	/* NAMED */
	const struct gql_typeref	*of;	/* LIST, NON_NULL */
};

/* A field argument, a directive argument or an input object field. */
struct gql_input_value {
	const char			*name;
	uint32_t			 name_len;
	uint32_t			 index;		/* in its owner's array */
	const char			*description;	/* NULL: none */
	const struct gql_typeref	*type;
	const struct gql_ast_value	*default_value;	/* NULL: none */
	int				 deprecated;
	const char			*deprecation_reason;
	struct gql_loc			 loc;
	void				*udata;
};

struct gql_field {
	const char			*name;
	uint32_t			 name_len;
	uint32_t			 index;		/* in owner->fields */
	const char			*description;
	struct gql_input_value		*args;		/* array */
	uint32_t			 nargs;
	const struct gql_typeref	*type;
	int				 deprecated;
	const char			*deprecation_reason;	/* "No longer
						   supported" by default */
	struct gql_type			*owner;	/* NULL for meta fields */
	struct gql_loc			 loc;
	void				*udata;		/* resolver binding */
};

struct gql_enum_value {
	const char		*name;
	uint32_t		 name_len;
	uint32_t		 index;
	const char		*description;
	int			 deprecated;
	const char		*deprecation_reason;
	struct gql_type		*owner;
	struct gql_loc		 loc;
	void			*udata;
};

/* A named type. Arrays are in definition order, extensions appended. */
struct gql_type {
	enum gql_kind		 kind;
	const char		*name;
	uint32_t		 name_len;
	uint32_t		 index;		/* in schema->types */
	const char		*description;
	const char		*specified_by_url;	/* SCALAR, or NULL */
	int			 builtin;	/* spec scalar or __ type */
	int			 one_of;	/* INPUT_OBJECT with @oneOf */
	struct gql_field	*fields;	/* OBJECT, INTERFACE */
	uint32_t		 nfields;
	struct gql_type		**interfaces;	/* OBJECT, INTERFACE */
	uint32_t		 ninterfaces;
	struct gql_type		**possible;	/* UNION: members; INTERFACE: */
	uint32_t		 npossible;	/* implementing OBJECTs */
	struct gql_enum_value	*values;	/* ENUM */
	uint32_t		 nvalues;
	struct gql_input_value	*input_fields;	/* INPUT_OBJECT */
	uint32_t		 ninput_fields;
	struct gql_loc		 loc;		/* of the definition */
	struct gql_typeref	 ref;		/* NAMED reference to itself */
	void			*udata;		/* resolver binding */
};

/* Directives: user ones in SDL order, then the built-ins not redefined. */
struct gql_directive_def {
	const char		*name;
	uint32_t		 name_len;
	uint32_t		 index;
	const char		*description;
	struct gql_input_value	*args;
	uint32_t		 nargs;
	uint32_t		 locations;	/* GQL_DIRLOC_BIT()s */
	const struct gql_ast_dirloc *location_list;	/* in SDL order */
	int			 repeatable;
	int			 builtin;
	int			 deprecated;	/* never set from SDL today */
	const char		*deprecation_reason;
	struct gql_loc		 loc;
};

struct gql_schema {
	const char		 *description;
	struct gql_type		 *query;	/* never NULL */
	struct gql_type		 *mutation;	/* NULL: none */
	struct gql_type		 *subscription;	/* NULL: none */
	struct gql_type		**types;	/* every named type */
	uint32_t		  ntypes;
	struct gql_directive_def **directives;
	uint32_t		  ndirectives;
	/* Built-ins, for quick comparisons. A built-in scalar no type or
	 * directive refers to is left out of types[] and lookups, as
	 * graphql-js leaves it out; its pointer here stays valid. */
	struct gql_type		 *t_int;
	struct gql_type		 *t_float;
	struct gql_type		 *t_string;
	struct gql_type		 *t_boolean;
	struct gql_type		 *t_id;
	struct gql_directive_def *d_skip;
	struct gql_directive_def *d_include;
	struct gql_directive_def *d_deprecated;
	/* __schema: __Schema!, __type(name: String!): __Type,
	 * __typename: String! -- valid in any selection (but only
	 * __typename outside the query root type). */
	struct gql_field	 *meta_schema;
	struct gql_field	 *meta_type;
	struct gql_field	 *meta_typename;
	struct gql_arena	 *arena;
	struct gql_schema_index	 *index;
	struct gql_ast_document	 *docs[2];	/* the SDL and the built-ins */
};

/* Building: parse, build and validate; NULL with `err` on any problem. */
struct gql_schema *gql_schema_new(const char *, size_t, struct gql_error *);
struct gql_schema *gql_schema_load(const char *, struct gql_error *);
void	 gql_schema_free(struct gql_schema *);

/* Lookups; NULL when absent. `len` is the name's length in bytes. */
struct gql_type *gql_schema_type(const struct gql_schema *, const char *,
	    size_t);
struct gql_directive_def *gql_schema_directive(const struct gql_schema *,
	    const char *, size_t);
struct gql_type *gql_schema_root(const struct gql_schema *,
	    enum gql_op_type);
struct gql_field *gql_type_field(const struct gql_type *, const char *,
	    size_t);
struct gql_input_value *gql_type_input_field(const struct gql_type *,
	    const char *, size_t);
struct gql_enum_value *gql_type_enum_value(const struct gql_type *,
	    const char *, size_t);
struct gql_input_value *gql_field_arg(const struct gql_field *,
	    const char *, size_t);
struct gql_input_value *gql_directive_def_arg(
	    const struct gql_directive_def *, const char *, size_t);

/* Kind predicates (spec 3.4 - 3.12). */
int	 gql_type_is_input(const struct gql_type *);
int	 gql_type_is_output(const struct gql_type *);
int	 gql_type_is_leaf(const struct gql_type *);
int	 gql_type_is_composite(const struct gql_type *);
int	 gql_type_is_abstract(const struct gql_type *);
const char *gql_kind_name(enum gql_kind);

/* Abstract types: possible types and overlap (graphql-js doTypesOverlap). */
int	 gql_schema_is_possible_type(const struct gql_schema *,
	    const struct gql_type *, const struct gql_type *);
int	 gql_schema_is_subtype(const struct gql_schema *,
	    const struct gql_type *, const struct gql_type *);
int	 gql_schema_types_overlap(const struct gql_schema *,
	    const struct gql_type *, const struct gql_type *);

/* Type references. */
struct gql_type *gql_typeref_named(const struct gql_typeref *);
int	 gql_typeref_is_non_null(const struct gql_typeref *);
int	 gql_typeref_eq(const struct gql_typeref *, const struct gql_typeref *);
int	 gql_typeref_is_subtype(const struct gql_schema *,
	    const struct gql_typeref *, const struct gql_typeref *);
const struct gql_typeref *gql_typeref_from_ast(const struct gql_schema *,
	    struct gql_arena *, const struct gql_ast_type *);
void	 gql_typeref_print(const struct gql_typeref *, struct buf *);

/* The schema as SDL (graphql-js printSchema(): no built-ins). */
void	 gql_schema_print(const struct gql_schema *, struct buf *);

#endif
