/*
 * edge_wsmsg.h: GraphQL-over-WebSocket messages as data, for both
 * subprotocols: graphql-transport-ws (the graphql-ws library's
 * PROTOCOL.md) and the legacy graphql-ws (subscriptions-transport-ws).
 * Client text in, a typed struct edge_wsmsg out, or a struct edge_error
 * whose close_code says how the socket ends (4400 for the new protocol;
 * 0 for the legacy one, which answers with an error message instead).
 * Server messages out, appended to a buffer. No sockets.
 */
#ifndef OM_EDGE_WSMSG_H
#define OM_EDGE_WSMSG_H

#include "common/buf.h"
#include "edge/edge.h"

#define EDGE_WS_PROTOCOL	"graphql-transport-ws"
#define EDGE_WS_LEGACY_PROTOCOL	"graphql-ws"
#define EDGE_WS_ID_MAX		128

/* Close codes of graphql-transport-ws (PROTOCOL.md) and RFC 6455 7.4.1. */
enum edge_ws_close {
	EDGE_CLOSE_NORMAL = 1000,
	EDGE_CLOSE_GOING_AWAY = 1001,
	EDGE_CLOSE_TOO_BIG = 1009,
	EDGE_CLOSE_TRY_AGAIN = 1013,
	EDGE_CLOSE_BAD_REQUEST = 4400,
	EDGE_CLOSE_UNAUTHORIZED = 4401,
	EDGE_CLOSE_FORBIDDEN = 4403,
	EDGE_CLOSE_SUBPROTOCOL = 4406,
	EDGE_CLOSE_INIT_TIMEOUT = 4408,
	EDGE_CLOSE_DUPLICATE_ID = 4409,
	EDGE_CLOSE_TOO_MANY_INITS = 4429,
	EDGE_CLOSE_INTERNAL = 4500,
};

/* What a client sent; legacy names map onto the new ones. */
enum edge_wsmsg_type {
	EDGE_WSMSG_INIT = 0,		/* connection_init */
	EDGE_WSMSG_PING,		/* ping */
	EDGE_WSMSG_PONG,		/* pong */
	EDGE_WSMSG_SUBSCRIBE,		/* subscribe; legacy start */
	EDGE_WSMSG_COMPLETE,		/* complete; legacy stop */
	EDGE_WSMSG_TERMINATE,		/* legacy connection_terminate */
};

struct edge_wsmsg {
	enum edge_wsmsg_type	 type;
	char			 id[EDGE_WS_ID_MAX + 1];	/* "" if none */
	json_t			*payload;	/* init, ping, pong */
	struct edge_request	 req;		/* subscribe */
};

int	 edge_wsmsg_parse(enum edge_transport, const char *, size_t,
	    struct edge_wsmsg *, struct edge_error *);
void	 edge_wsmsg_clear(struct edge_wsmsg *);
const char *edge_wsmsg_token(const json_t *);

void	 edge_wsmsg_build(struct buf *, const char *, const char *,
	    const json_t *);
void	 edge_wsmsg_build_text(struct buf *, const char *, const char *,
	    const char *, size_t);
void	 edge_wsmsg_build_error(struct buf *, enum edge_transport,
	    const char *, const char *, const char *, const char *);

#endif
