/*
 * api.h: the node's GraphQL API, joining the edge (transports), the
 * GraphQL engine and the store. api_new() loads and binds the schema on
 * the main thread; the struct edge_handler api_handler runs everything
 * else on the edge thread, with its own store connection opened in
 * init(). Also the node identity: the node key kept in the store (or a
 * fresh one with --ephemeral) whose onion label is the token audience.
 */
#ifndef OM_API_H
#define OM_API_H

#include <stddef.h>
#include <stdint.h>

#include <onionmsg/onion.h>

struct api;
struct store;
struct edge_handler;

struct api_config {
	const char	*db_path;		/* the edge's own connection */
	int		 sync_full;
	char		 label[OM_ONION_LEN + 1];	/* node onion label */
	int		 ephemeral;
	int		 tor_disabled;
	uint64_t	 max_envelope_bytes;
	uint64_t	 quota_messages;
	uint64_t	 quota_bytes;
	uint64_t	 default_ttl;		/* seconds */
	uint64_t	 max_ttl;		/* seconds */
	uint64_t	 long_poll_max;		/* seconds */
	uint32_t	 max_page_size;
	size_t		 max_query_bytes;
	uint32_t	 max_query_depth;
	uint32_t	 max_query_fields;
	uint32_t	 max_errors;
	uint32_t	 max_query_tokens;	/* 0: the parser's default */
	uint32_t	 max_introspection_depth; /* 0: the validator's */
};

extern const struct edge_handler api_handler;

/* Load and bind the schema; NULL and a message in err on failure. */
struct api	*api_new(const struct api_config *, char *, size_t);
/* Free the API (after the edge thread stopped); NULL is a no-op. */
void		 api_free(struct api *);
/*
 * Load the node key from store (creating and saving it on first start),
 * or make a fresh one when ephemeral; write its onion label to label.
 */
int		 api_node_identity(struct store *, int,
		    char [OM_ONION_LEN + 1], char *, size_t);

#endif
