/*
 * api.h: the node's GraphQL API, joining the edge (transports), the
 * GraphQL engine and the store. api_new() loads and binds the schema on
 * the main thread; the struct edge_handler api_handler runs everything
 * else on the edge thread, with its own store connection opened in
 * init(). Also the node identity: the node key kept in the store (or a
 * fresh one with --ephemeral) whose onion label is the token audience.
 *
 * Other threads (the tor thread) reach the API only through the edge's
 * queue: api_post_deliveries() after they changed outbox states,
 * api_post_node_state() when Tor's state changed. Both copy what they
 * are given into a message and return at once; the edge thread applies
 * it and wakes the subscriptions that follow it.
 */
#ifndef OM_API_H
#define OM_API_H

#include <stddef.h>
#include <stdint.h>

#include <onionmsg/onion.h>

struct api;
struct store;
struct edge;
struct edge_handler;

/* Where the node stands with Tor: the schema's enum TorStatus. */
enum api_tor_status {
	API_TOR_DISABLED = 0,		/* --no-tor */
	API_TOR_CONNECTING,		/* to the control port */
	API_TOR_PUBLISHING,		/* adding the service, publishing */
	API_TOR_PUBLISHED,		/* descriptor published */
	API_TOR_FAILED,			/* lost or refused; retrying */
};

struct api_config {
	const char	*db_path;		/* the edge's own connection */
	int		 sync_full;
	int		 bg_checkpoints;	/* another thread checkpoints */
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
	/* rate limits, calls a minute (api_rate.c); 0: no limit */
	uint32_t	 rate_create_mailbox;	/* node-wide */
	uint32_t	 rate_send;		/* node-wide, without a token */
	uint32_t	 rate_send_mailbox;	/* per mailbox of the token */
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
/*
 * Any thread, after a commit that changed outbox entries of mailbox (NULL:
 * of mailboxes not known one by one, e.g. a sweep that expired many):
 * the edge thread wakes the deliveries subscriptions of that mailbox (or
 * of all), which read the store and send what changed. Return 0, or -1
 * once the edge is stopping.
 */
int		 api_post_deliveries(struct edge *, const char *);
/*
 * Any thread: the node's Tor state is now status, its descriptor
 * published or not. The edge thread updates Node and sends it to every
 * nodeStatus subscription if it changed (ignored with --no-tor). Return
 * 0, or -1 once the edge is stopping.
 */
int		 api_post_node_state(struct edge *, enum api_tor_status, int);

#endif
