/*
 * gql_json.h: the JSON the engine reads and writes. The parser turns a
 * request's "variables" text (RFC 8259, strict: no comments, no trailing
 * commas, valid UTF-8, no lone surrogate escapes) into a struct gql_value
 * in an arena, bounded in nesting depth; duplicate keys keep the last
 * value at the first position, as JSON.parse() does. The writers produce
 * what JSON.stringify() produces: strings with the same escapes (invalid
 * UTF-8 becomes U+FFFD so the output always is valid JSON), numbers in
 * JavaScript's shortest round-trip form ("1e+21", "5e-7", "0.1").
 */
#ifndef OM_GQL_JSON_H
#define OM_GQL_JSON_H

#include <stddef.h>
#include <stdint.h>

struct buf;
struct gql_arena;
struct gql_value;

#define GQL_JSON_DEPTH_MAX	256	/* nesting when the caller says 0 */

struct gql_value *gql_json_parse(const char *, size_t, struct gql_arena *,
	    unsigned, char *, size_t);
void	 gql_json_write_string(struct buf *, const char *, size_t);
void	 gql_json_write_number(struct buf *, double);
void	 gql_json_write_int(struct buf *, int64_t);
void	 gql_json_format_number(struct buf *, double);
int	 gql_json_utf8_valid(const char *, size_t);
int	 gql_json_is_integral(double);

#endif
