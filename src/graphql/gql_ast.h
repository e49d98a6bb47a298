/*
 * gql_ast.h: the syntax tree of a GraphQL document (October 2021 spec),
 * executable definitions (operations, fragments) and type-system
 * definitions and extensions (SDL) alike, as gql_parse_document() builds it.
 *
 * Ownership: everything reachable from a struct gql_ast_document, the
 * document itself included, lives in the document's arena and is released
 * at once by gql_ast_document_free(). The source buffer handed to the
 * parser is not referenced afterwards: every name and string is copied
 * into the arena. Nodes are never freed or moved one by one; code that
 * keeps a node pointer must keep the document.
 *
 * Conventions:
 * - Descriptions are accepted where graphql-js 16.15 accepts
 *   them: on type-system definitions and also on operations (not the
 *   "{ ... }" shorthand), fragments and variable definitions.
 * - Every node carries `loc`, the line and column (1-based, columns in
 *   UTF-16 code units as graphql-js counts them) of its first token; these
 *   are the locations graphql-js reports for that node.
 * - Names are struct gql_name: NUL-terminated text plus its length plus
 *   the name token's own location. An absent optional name has s == NULL,
 *   len == 0.
 * - Sequences are singly linked through `next`, in source order; the
 *   owner also records the count where a count is cheap to know.
 *   An absent optional list is NULL; so is an empty one.
 * - Strings (values and descriptions) are stored decoded (escapes
 *   resolved, block strings de-indented per the spec's BlockStringValue()),
 *   UTF-8, NUL-terminated; `len` is authoritative since "\u0000" may occur.
 * - Int and Float values keep their source text, NUL-terminated, so
 *   coercion (and its "cannot represent" errors) happens at execution.
 */
#ifndef OM_GQL_AST_H
#define OM_GQL_AST_H

#include <stddef.h>
#include <stdint.h>

#include "graphql/gql_error.h"

struct gql_arena;
struct buf;

struct gql_name {
	const char	*s;		/* NUL-terminated; NULL when absent */
	uint32_t	 len;
	struct gql_loc	 loc;
};

enum gql_op_type {
	GQL_OP_QUERY = 0,
	GQL_OP_MUTATION,
	GQL_OP_SUBSCRIPTION,
};

/* Directive locations (spec 3.13), usable as bits: 1u << GQL_DIRLOC_x. */
enum gql_dirloc {
	GQL_DIRLOC_QUERY = 0,
	GQL_DIRLOC_MUTATION,
	GQL_DIRLOC_SUBSCRIPTION,
	GQL_DIRLOC_FIELD,
	GQL_DIRLOC_FRAGMENT_DEFINITION,
	GQL_DIRLOC_FRAGMENT_SPREAD,
	GQL_DIRLOC_INLINE_FRAGMENT,
	GQL_DIRLOC_VARIABLE_DEFINITION,
	GQL_DIRLOC_SCHEMA,
	GQL_DIRLOC_SCALAR,
	GQL_DIRLOC_OBJECT,
	GQL_DIRLOC_FIELD_DEFINITION,
	GQL_DIRLOC_ARGUMENT_DEFINITION,
	GQL_DIRLOC_INTERFACE,
	GQL_DIRLOC_UNION,
	GQL_DIRLOC_ENUM,
	GQL_DIRLOC_ENUM_VALUE,
	GQL_DIRLOC_INPUT_OBJECT,
	GQL_DIRLOC_INPUT_FIELD_DEFINITION,
	GQL_DIRLOC_DIRECTIVE_DEFINITION,	/* graphql-js 16.15 knows it */
	GQL_DIRLOC_COUNT
};

#define GQL_DIRLOC_BIT(l)	(1u << (l))

/* Values (spec 2.9). */
enum gql_value_kind {
	GQL_VALUE_VARIABLE = 0,		/* name (without the '$') */
	GQL_VALUE_INT,			/* str: source text, e.g. "-12" */
	GQL_VALUE_FLOAT,		/* str: source text, e.g. "1.5e3" */
	GQL_VALUE_STRING,		/* str: decoded; block set for """ */
	GQL_VALUE_BOOLEAN,		/* boolean */
	GQL_VALUE_NULL,
	GQL_VALUE_ENUM,			/* name */
	GQL_VALUE_LIST,			/* items, count */
	GQL_VALUE_OBJECT,		/* fields, count */
};

struct gql_ast_object_field;

struct gql_ast_value {
	enum gql_value_kind		 kind;
	struct gql_loc			 loc;	/* '$', literal, '[' or '{' */
	struct gql_ast_value		*next;	/* next item of a list value */
	struct gql_name			 name;	/* VARIABLE, ENUM */
	const char			*str;	/* INT, FLOAT, STRING */
	size_t				 len;
	int				 boolean;
	int				 block;	/* STRING written as """ */
	struct gql_ast_value		*items;	/* LIST */
	struct gql_ast_object_field	*fields;	/* OBJECT */
	uint32_t			 count;	/* LIST items, OBJECT fields */
};

struct gql_ast_object_field {
	struct gql_loc			 loc;
	struct gql_name			 name;
	struct gql_ast_value		*value;
	struct gql_ast_object_field	*next;
};

/* Type references (spec 2.11): Name, [Type], Type!. */
enum gql_wrap {
	GQL_WRAP_NAMED = 0,
	GQL_WRAP_LIST,
	GQL_WRAP_NON_NULL,
};

struct gql_ast_type {
	enum gql_wrap		 kind;
	struct gql_loc		 loc;
	struct gql_name		 name;	/* NAMED */
	struct gql_ast_type	*of;	/* LIST, NON_NULL */
	struct gql_ast_type	*next;	/* in implements / union member lists */
};

struct gql_ast_argument {
	struct gql_loc		 loc;
	struct gql_name		 name;
	struct gql_ast_value	*value;
	struct gql_ast_argument	*next;
};

struct gql_ast_directive {
	struct gql_loc			 loc;	/* the '@' */
	struct gql_name			 name;
	struct gql_ast_argument		*args;
	uint32_t			 nargs;
	struct gql_ast_directive	*next;
};

/* Executable definitions (spec 2.3 - 2.8). */
struct gql_ast_var_def {
	struct gql_loc			 loc;	/* description, else the '$' */
	struct gql_ast_value		*description;	/* as graphql-js 16.15 */
	struct gql_name			 name;	/* without '$'; loc after it */
	struct gql_ast_type		*type;
	struct gql_ast_value		*default_value;	/* NULL: none */
	struct gql_ast_directive	*directives;
	struct gql_ast_var_def		*next;
};

enum gql_sel_kind {
	GQL_SEL_FIELD = 0,
	GQL_SEL_FRAGMENT_SPREAD,
	GQL_SEL_INLINE_FRAGMENT,
};

struct gql_ast_selection;

struct gql_ast_selset {
	struct gql_loc			 loc;	/* the '{' */
	struct gql_ast_selection	*first;
	uint32_t			 count;
};

struct gql_ast_selection {
	enum gql_sel_kind		 kind;
	struct gql_loc			 loc;	/* alias/name, or the '...' */
	struct gql_ast_selection	*next;
	struct gql_name			 alias;	/* FIELD; s == NULL: none */
	struct gql_name			 name;	/* FIELD; FRAGMENT_SPREAD */
	struct gql_ast_argument		*args;	/* FIELD */
	uint32_t			 nargs;
	struct gql_ast_type		*type_cond;	/* INLINE_FRAGMENT, or NULL */
	struct gql_ast_directive	*directives;
	struct gql_ast_selset		*selset; /* FIELD (NULL: leaf), INLINE */
};

struct gql_ast_operation {
	enum gql_op_type		 op;
	int				 shorthand;	/* written as "{ ... }" */
	struct gql_ast_value		*description;	/* as graphql-js 16.15 */
	struct gql_name			 name;		/* s == NULL: anonymous */
	struct gql_ast_var_def		*vars;
	uint32_t			 nvars;
	struct gql_ast_directive	*directives;
	struct gql_ast_selset		*selset;
};

struct gql_ast_fragment {
	struct gql_ast_value		*description;	/* as graphql-js 16.15 */
	struct gql_name			 name;
	struct gql_ast_var_def		*vars;	/* never set: no legacy syntax */
	struct gql_ast_type		*type_cond;
	struct gql_ast_directive	*directives;
	struct gql_ast_selset		*selset;
};

/* Type-system definitions (spec 3). Descriptions are STRING values. */
struct gql_ast_input_value_def {
	struct gql_loc			 loc;	/* description, else name */
	struct gql_ast_value		*description;
	struct gql_name			 name;
	struct gql_ast_type		*type;
	struct gql_ast_value		*default_value;	/* NULL: none */
	struct gql_ast_directive	*directives;
	struct gql_ast_input_value_def	*next;
};

struct gql_ast_field_def {
	struct gql_loc			 loc;	/* description, else name */
	struct gql_ast_value		*description;
	struct gql_name			 name;
	struct gql_ast_input_value_def	*args;
	uint32_t			 nargs;
	struct gql_ast_type		*type;
	struct gql_ast_directive	*directives;
	struct gql_ast_field_def	*next;
};

struct gql_ast_enum_value_def {
	struct gql_loc			 loc;	/* description, else name */
	struct gql_ast_value		*description;
	struct gql_name			 name;
	struct gql_ast_directive	*directives;
	struct gql_ast_enum_value_def	*next;
};

struct gql_ast_root_op {
	struct gql_loc		 loc;	/* the operation keyword */
	enum gql_op_type	 op;
	struct gql_ast_type	*type;	/* NAMED */
	struct gql_ast_root_op	*next;
};

struct gql_ast_schema_def {
	struct gql_ast_value		*description;	/* never on extend */
	struct gql_ast_directive	*directives;
	struct gql_ast_root_op		*ops;
};

/* Scalar, object, interface, union, enum or input object. */
struct gql_ast_type_def {
	struct gql_ast_value		*description;	/* never on extend */
	struct gql_name			 name;
	struct gql_ast_type		*interfaces;	/* OBJECT, INTERFACE */
	struct gql_ast_directive	*directives;
	struct gql_ast_field_def	*fields;	/* OBJECT, INTERFACE */
	uint32_t			 nfields;
	struct gql_ast_type		*members;	/* UNION */
	struct gql_ast_enum_value_def	*values;	/* ENUM */
	struct gql_ast_input_value_def	*input_fields;	/* INPUT_OBJECT */
};

struct gql_ast_dirloc {
	struct gql_loc		 loc;
	enum gql_dirloc		 dirloc;
	struct gql_ast_dirloc	*next;
};

struct gql_ast_directive_def {
	struct gql_ast_value		*description;
	struct gql_name			 name;
	struct gql_ast_input_value_def	*args;
	int				 repeatable;
	struct gql_ast_dirloc		*locations;	/* in source order */
	uint32_t			 location_bits;	/* GQL_DIRLOC_BIT()s */
};

enum gql_def_kind {
	GQL_DEF_OPERATION = 0,
	GQL_DEF_FRAGMENT,
	GQL_DEF_SCHEMA,			/* u.schema */
	GQL_DEF_SCALAR,			/* u.type from here ... */
	GQL_DEF_OBJECT,
	GQL_DEF_INTERFACE,
	GQL_DEF_UNION,
	GQL_DEF_ENUM,
	GQL_DEF_INPUT_OBJECT,		/* ... to here */
	GQL_DEF_DIRECTIVE,		/* u.directive */
};

struct gql_ast_def {
	enum gql_def_kind	 kind;
	int			 extend;	/* "extend schema/type/..." */
	struct gql_loc		 loc;	/* first token (description too) */
	struct gql_ast_def	*next;
	union {
		struct gql_ast_operation	op;
		struct gql_ast_fragment		fragment;
		struct gql_ast_schema_def	schema;
		struct gql_ast_type_def		type;
		struct gql_ast_directive_def	directive;
	} u;
};

struct gql_ast_document {
	struct gql_arena	*arena;		/* owns everything here */
	struct gql_ast_def	*defs;
	uint32_t		 ndefs;
	uint32_t		 noperations;
	uint32_t		 nfragments;
	uint32_t		 ntypesystem;	/* schema, type, directive defs */
	uint32_t		 ntokens;	/* lexed, comments excluded */
	uint32_t		 max_depth;	/* deepest nesting reached */
};

/* Flags for gql_ast_print(). */
#define GQL_PRINT_COMPACT	0x1	/* one line, minimal spaces */

void	 gql_ast_document_free(struct gql_ast_document *);
int	 gql_name_eq(const struct gql_name *, const char *);
int	 gql_name_eqn(const struct gql_name *, const char *, size_t);
int	 gql_def_is_type(const struct gql_ast_def *);
int	 gql_def_is_executable(const struct gql_ast_def *);
const char *gql_op_type_name(enum gql_op_type);
const char *gql_dirloc_name(enum gql_dirloc);
int	 gql_dirloc_from_name(const char *, size_t, enum gql_dirloc *);
const struct gql_ast_def *gql_ast_find_fragment(
	    const struct gql_ast_document *, const char *, size_t);
void	 gql_ast_print(const struct gql_ast_document *, int, struct buf *);
void	 gql_ast_print_value(const struct gql_ast_value *, struct buf *);
void	 gql_ast_print_type(const struct gql_ast_type *, struct buf *);
void	 gql_ast_print_string(const char *, size_t, int, struct buf *);

#endif
