/*
 * fuzz_ws_message.c: libFuzzer target for GraphQL-over-WebSocket message
 * parsing (src/edge/edge_wsmsg.c). The first byte picks the subprotocol
 * (graphql-transport-ws or legacy graphql-ws); the rest is one client text
 * message. Whatever parses is built back into server messages, as the
 * edge would answer it.
 */
#include "config.h"

#include <stdint.h>
#include <string.h>

#include "common/buf.h"
#include "edge/edge_wsmsg.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	enum edge_transport	 proto;
	struct edge_wsmsg	 msg;
	struct edge_error	 err;
	struct buf		 b = BUF_INIT;

	if (size == 0)
		return 0;
	proto = data[0] & 1 ? EDGE_WS_LEGACY : EDGE_WS;
	if (edge_wsmsg_parse(proto, (const char *)data + 1, size - 1, &msg,
	    &err) == -1) {
		edge_wsmsg_build_error(&b, proto, msg.id[0] != '\0' ? "error" :
		    "connection_error", msg.id[0] != '\0' ? msg.id : NULL,
		    err.message, err.code);
		buf_free(&b);
		return 0;
	}
	(void)edge_wsmsg_token(msg.payload);
	edge_wsmsg_build(&b, "pong", NULL, msg.payload);
	edge_wsmsg_build(&b, "next", msg.id, msg.req.variables);
	edge_wsmsg_build(&b, "complete", msg.id, NULL);
	buf_free(&b);
	edge_wsmsg_clear(&msg);
	return 0;
}
