/*
 * gql_scalar.h: ready-made hooks (struct gql_scalar_hooks) for custom
 * scalars with a strict textual form, for the API layer's type binding
 * table: Base64 (RFC 4648 section 4, padded, canonical: the pad bits are
 * zero), Timestamp (RFC 3339 in UTC, serialized with milliseconds:
 * "2024-05-01T12:00:00.000Z") and Cursor (an opaque token). Strict means
 * exactly one spelling is accepted per value where the format allows it,
 * so equal values compare equal as text.
 *
 * Coerced values: Base64 -> GQL_V_STRING holding the decoded bytes (len
 * counts, NUL-terminated after them); Timestamp -> GQL_V_INT, milliseconds
 * since the epoch; Cursor -> GQL_V_STRING. Serializing takes what a
 * resolver naturally has: bytes for Base64, milliseconds (an int) or a
 * valid RFC 3339 string for Timestamp, a string or an integer for Cursor.
 */
#ifndef OM_GQL_SCALAR_H
#define OM_GQL_SCALAR_H

#include <stddef.h>
#include <stdint.h>

#include "graphql/gql_exec.h"

#define GQL_SCALAR_TIMESTAMP_LEN	24	/* "YYYY-MM-DDTHH:MM:SS.mmmZ" */
#define GQL_SCALAR_CURSOR_MAX		128

extern const struct gql_scalar_hooks gql_scalar_base64;
extern const struct gql_scalar_hooks gql_scalar_timestamp;
extern const struct gql_scalar_hooks gql_scalar_cursor;

int	 gql_scalar_base64_decode(const char *, size_t, struct gql_arena *,
	    const char **, size_t *);
void	 gql_scalar_base64_encode(const void *, size_t, struct buf *);
int	 gql_scalar_timestamp_parse(const char *, size_t, int64_t *);
int	 gql_scalar_timestamp_format(int64_t, char *, size_t);
int	 gql_scalar_cursor_is_valid(const char *, size_t);

#endif
