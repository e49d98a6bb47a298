/*
 * gql_value.h: values at run time. One representation serves the JSON
 * a client sends as variables (gql_json_parse()), the coerced values of
 * variables and arguments (gql_coerce.h) that resolvers read, and the
 * values a resolver may hand back (gql_result_value()).
 *
 * A value lives in an arena (the request's, or a parsed JSON text's):
 * nothing in it is freed on its own and nothing points outside it except
 * names from the schema or the document, which outlive the request.
 *
 * Numbers follow JavaScript, since graphql-js is the reference: a JSON
 * number is a double; GQL_V_INT holds one that is integral and at most
 * 2^53 in magnitude (exact either way), GQL_V_FLOAT any other. Coercion
 * to Int checks integrality and the 32-bit range on the value, not the
 * kind, as graphql-js does. Coerced Int values are GQL_V_INT, Float
 * values GQL_V_FLOAT (even when integral), ID values GQL_V_STRING, enum
 * values GQL_V_ENUM with the value's name, input objects GQL_V_OBJECT
 * with fields in the type's definition order; custom scalars produce
 * whatever their parse hooks build (bytes for Base64 in GQL_V_STRING,
 * for instance).
 *
 * GQL_V_UNDEFINED marks "no value" where graphql-js has `undefined`: a
 * variable whose default could not be coerced is present but undefined.
 */
#ifndef OM_GQL_VALUE_H
#define OM_GQL_VALUE_H

#include <stddef.h>
#include <stdint.h>

struct buf;
struct gql_arena;

enum gql_vkind {
	GQL_V_UNDEFINED = 0,
	GQL_V_NULL,
	GQL_V_BOOLEAN,		/* u.boolean */
	GQL_V_INT,		/* u.i */
	GQL_V_FLOAT,		/* u.f (may be infinite from JSON 1e999) */
	GQL_V_STRING,		/* u.str: UTF-8, or bytes; len counts */
	GQL_V_ENUM,		/* u.str: the enum value's name */
	GQL_V_LIST,		/* u.items[count] */
	GQL_V_OBJECT,		/* u.fields[count] */
};

struct gql_value_field;

struct gql_value {
	enum gql_vkind		 kind;
	uint32_t		 count;		/* LIST, OBJECT */
	union {
		int				 boolean;
		int64_t				 i;
		double				 f;
		struct {
			const char	*s;	/* NUL-terminated */
			size_t		 len;
		}				 str;
		const struct gql_value		*items;
		const struct gql_value_field	*fields;
	} u;
};

struct gql_value_field {
	const char		*name;		/* NUL-terminated */
	size_t			 name_len;
	struct gql_value	 value;
};

/* JavaScript's Number.MAX_SAFE_INTEGER: GQL_V_INT holds at most this. */
#define GQL_VALUE_SAFE_INT	9007199254740991LL

/* Constructors fill a caller-provided value (strings are not copied). */
void	 gql_value_set_null(struct gql_value *);
void	 gql_value_set_boolean(struct gql_value *, int);
void	 gql_value_set_int(struct gql_value *, int64_t);
void	 gql_value_set_float(struct gql_value *, double);
void	 gql_value_set_number(struct gql_value *, double);
void	 gql_value_set_string(struct gql_value *, const char *, size_t);
void	 gql_value_set_enum(struct gql_value *, const char *, size_t);

/* Object field lookup by name; NULL if v is no object or lacks it. */
const struct gql_value *gql_value_get(const struct gql_value *,
	    const char *);
const struct gql_value *gql_value_getn(const struct gql_value *,
	    const char *, size_t);
int	 gql_value_is_nullish(const struct gql_value *);
int	 gql_value_number(const struct gql_value *, double *);
int	 gql_value_eq(const struct gql_value *, const struct gql_value *);
struct gql_value *gql_value_copy(struct gql_arena *,
	    const struct gql_value *);

/* Output: JSON (JSON.stringify), and graphql-js inspect() for messages. */
void	 gql_value_write_json(const struct gql_value *, struct buf *);
void	 gql_value_inspect(const struct gql_value *, struct buf *);

#endif
