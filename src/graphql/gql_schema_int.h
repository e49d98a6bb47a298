/*
 * gql_schema_int.h: what the schema's own files share and nobody else
 * needs: the name index behind the lookups, the builder and the checker
 * entry points, and the embedded built-in SDL.
 */
#ifndef OM_GQL_SCHEMA_INT_H
#define OM_GQL_SCHEMA_INT_H

#include <stddef.h>
#include <stdint.h>

#include "graphql/gql_schema.h"

/* Open-addressing tables from names to types and directives. */
struct gql_schema_index {
	struct gql_type			**types;
	uint32_t			  tmask;	/* capacity - 1 */
	struct gql_directive_def	**dirs;
	uint32_t			  dmask;
};

extern const char gql_schema_builtin_sdl[];

uint32_t gql_schema_hash(const char *, size_t);
void	 gql_schema_index_build(struct gql_schema *);
int	 gql_schema_build(struct gql_schema *, const struct gql_ast_document *,
	    const struct gql_ast_document *, struct gql_error *);
int	 gql_schema_check(struct gql_schema *, struct gql_error *);

#endif
