/*
 * api_int.h: what the files of src/api share: the API's state on the edge
 * thread, the per-request context resolvers get as info->ctx, the
 * authentication kept in struct edge_auth's data, and the resolver tables
 * of each area (node, mailbox, messages, outbox).
 */
#ifndef OM_API_INT_H
#define OM_API_INT_H

#include <sys/queue.h>
#include <stdint.h>

#include <onionmsg/defs.h>
#include <onionmsg/mailbox.h>

#include "api/api.h"
#include "store/store.h"
#include "common/buf.h"
#include "edge/edge.h"
#include "graphql/gql_cache.h"
#include "graphql/gql_exec.h"

/* Who is asking; lives in struct edge_auth's data (at most 128 bytes). */
struct api_auth {
	char		 mailbox[OM_MAILBOX_ID_LEN + 1];
	uint8_t		 signer[OM_PUBKEY_LEN];
	int		 is_owner;
	int		 is_device;
	uint64_t	 expires_ms;	/* the token's expiry, wall clock */
};
_Static_assert(sizeof(struct api_auth) <= EDGE_AUTH_DATA,
    "struct api_auth must fit in struct edge_auth");

struct api_free {
	void		(*fn)(void *, size_t);
	void		 *p;
	size_t		  n;
};

/* One operation of a client, from execute() to its answer. */
struct api_req {
	struct api		*api;
	struct edge_op		*op;
	int			 authed;
	struct api_auth		 auth;
	char			*query;
	char			*operation_name;
	char			*variables;	/* JSON text or NULL */
	size_t			 variables_len;
	const struct gql_ast_document *doc;	/* doc_entry's */
	struct gql_cache_entry	*doc_entry;
	/* long-poll */
	char			 wait_mailbox[OM_MAILBOX_ID_LEN + 1];
	int			 parked;
	int			 woken;
	int			 wait_expired;
	struct edge_timer	*timer;
	TAILQ_ENTRY(api_req)	 entry;
	/* what resolvers allocated outside the arena */
	struct api_free		*frees;
	size_t			 nfrees;
	/* a subscription (api_subscribe.c) */
	struct api_sub		*sub;
	/* a mutation waiting for its group (api_group.c) */
	int			 mutation;
	int			 grouped;
	TAILQ_ENTRY(api_req)	 gentry;
	struct buf		 gout;
};
TAILQ_HEAD(api_req_list, api_req);

/* The node's state as Node shows it; changed by api_post_node_state(). */
struct api_node {
	enum api_tor_status	 tor;
	int			 published;
	int			 onion_known;	/* published once: show it */
	int64_t			 version;	/* +1 on every change */
};

/* A token bucket (api_rate.c): tokens x 60000, refilled rate per ms. */
struct api_bucket {
	uint64_t	 level;
	int64_t		 last;		/* ms of the last refill */
	int		 used;		/* 0: full, never used */
};

enum api_rate_kind {
	API_RATE_CREATE_MAILBOX,	/* node-wide */
	API_RATE_SEND,			/* per mailbox, or node-wide */
};

/* News the hub is given after a commit (api_group.c, api_notify.c). */
enum api_news {
	API_NEWS_MESSAGES,		/* a mailbox got a message */
	API_NEWS_DELIVERIES,		/* a mailbox's outbox changed */
};

struct api {
	struct api_config	 cfg;
	struct api_node		 node;	/* edge thread */
	struct gql_schema	*schema;
	struct store		*store;
	struct edge		*edge;
	struct api_req_list	 parked;
	struct gql_exec_options	 exec_opts;
	struct gql_field_binding	*bindings;
	struct gql_cache	*cache;	/* documents, edge thread */
	struct api_group	*group;	/* api_group.c */
	struct api_rate		*rate;	/* api_rate.c, edge thread */
	struct hub		*hub;		/* api_subscribe.c */
	struct edge_timer	*hub_timer;
	size_t			 sub_live_max;	/* 0: the default */
};

/* Binding tables of each area. */
extern const struct gql_field_binding	api_node_fields[];
extern const size_t			api_node_nfields;
extern const struct gql_field_binding	api_mailbox_fields[];
extern const size_t			api_mailbox_nfields;
extern const struct gql_field_binding	api_message_fields[];
extern const size_t			api_message_nfields;
extern const struct gql_field_binding	api_outbox_fields[];
extern const size_t			api_outbox_nfields;
extern const struct gql_field_binding	api_sub_fields[];
extern const size_t			api_sub_nfields;
extern const char			api_schema_sdl[];

/* api_auth.c */
int	 api_auth_verify(struct api *, const char *, struct api_auth *,
	    char *, size_t);
int	 api_auth_need(const struct gql_resolve_info *, struct gql_result *,
	    int);
#define API_NEED_ANY	0
#define API_NEED_DEVICE	1
#define API_NEED_OWNER	2

/* api_handler.c */
void	 api_req_defer_free(struct api_req *, void (*)(void *, size_t),
	    void *, size_t);
void	 api_wake(struct api *, const char *);
void	 api_wake_now(struct api *, const char *);
void	 api_answer(struct api_req *, int, struct buf *);
enum gql_exec_status api_req_exec(struct api_req *, struct buf *);

/* api_group.c */
void	 api_group_add(struct api_req *);
void	 api_group_remove(struct api_req *);
int	 api_group_open(struct api *);
enum store_result api_group_close(struct api *, int);
int	 api_group_defer(struct api *, enum api_news, const char *);
int	 api_group_defer_wake(struct api *, const char *);
void	 api_group_fini(struct api *);
void	 api_req_park(struct api_req *, const char *, int64_t);

/* api_notify.c: struct edge_msg.type of the messages the API takes. */
enum api_msg_type {
	API_MSG_DELIVERIES = 1,		/* data: mailbox id or NULL */
	API_MSG_NODE_STATE,		/* arg: status, value: published */
};
void	 api_notify_deliveries(struct api *, const char *);
void	 api_message(const struct edge_msg *, void *);
void	 api_node_set(struct api *, enum api_tor_status, int);
const char *api_tor_status_str(enum api_tor_status);

/* api_rate.c */
struct api_rate *api_rate_new(void);
void	 api_rate_free(struct api_rate *);
size_t	 api_rate_count(const struct api_rate *);
int	 api_bucket_take(struct api_bucket *, uint64_t, int64_t, int64_t *);
int	 api_rate_check(const struct gql_resolve_info *, struct gql_result *,
	    enum api_rate_kind);

/* api_subscribe.c */
int	 api_sub_start(struct api_req *, struct buf *);
void	 api_sub_resume(struct edge_op *, void *);
void	 api_sub_notify_messages(struct api *, const char *);
void	 api_sub_notify_deliveries(struct api *, const char *);
void	 api_sub_free(struct api_sub *);
void	 api_sub_mailbox_gone(struct api *, const char *, const uint8_t *);
void	 api_sub_fini(struct api *);

/* Helpers shared by resolvers (api.c). */
int	 api_onion_is_known(const struct api *);
int64_t	 api_now_ms(void);
int	 api_arg_key(const struct gql_resolve_info *, struct gql_result *,
	    const char *, const uint8_t **);
int	 api_arg_cursor(const struct gql_resolve_info *, struct gql_result *,
	    const char *, int64_t *);
const char *api_cursor(const struct gql_resolve_info *, int64_t);
void	 api_store_error(const struct gql_resolve_info *,
	    struct gql_result *, int);

#endif
