/*
 * fuzz_ws_message.c: libFuzzer target for GraphQL-over-WebSocket message
 * parsing (src/edge/edge_wsmsg.c). The first byte picks the subprotocol
 * (graphql-transport-ws or legacy graphql-ws); the rest is one client text
 * message. Whatever parses is built back into server messages, as the
 * edge would answer it. The same text parsed by jansson alone (the fast
 * scanner off) must give the same verdict, error and fields.
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "common/buf.h"
#include "edge/edge_json.h"
#include "edge/edge_wsmsg.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static void	same_text(const char *, const char *);
static void	same_json(const char *, size_t, const char *, size_t);
static void	compare_slow(enum edge_transport, const char *, size_t, int,
		    const struct edge_wsmsg *, const struct edge_error *);

static void
same_text(const char *a, const char *b)
{
	if ((a == NULL) != (b == NULL) || (a != NULL && strcmp(a, b) != 0))
		abort();
}

/* Two JSON texts (either may be absent) must be equal as values. */
static void
same_json(const char *a, size_t alen, const char *b, size_t blen)
{
	json_t	*ja, *jb;

	if ((a == NULL) != (b == NULL))
		abort();
	if (a == NULL)
		return;
	ja = json_loadb(a, alen, 0, NULL);
	jb = json_loadb(b, blen, 0, NULL);
	if (ja == NULL || jb == NULL || !json_equal(ja, jb))
		abort();
	json_decref(ja);
	json_decref(jb);
}

static void
compare_slow(enum edge_transport proto, const char *text, size_t len, int rc,
    const struct edge_wsmsg *msg, const struct edge_error *err)
{
	struct edge_wsmsg	slow;
	struct edge_error	serr;

	edge_json_fast_path = 0;
	if (edge_wsmsg_parse(proto, text, len, &slow, &serr) != rc)
		abort();
	edge_json_fast_path = 1;
	if (strcmp(msg->id, slow.id) != 0)
		abort();
	if (rc == -1) {
		if (strcmp(err->message, serr.message) != 0 ||
		    err->close_code != serr.close_code)
			abort();
		return;
	}
	if (msg->type != slow.type ||
	    (msg->payload == NULL) != (slow.payload == NULL) ||
	    (msg->payload != NULL && !json_equal(msg->payload, slow.payload)) ||
	    (msg->req.extensions == NULL) != (slow.req.extensions == NULL) ||
	    (msg->req.extensions != NULL && !json_equal(msg->req.extensions,
	    slow.req.extensions)))
		abort();
	same_text(msg->req.query, slow.req.query);
	same_text(msg->req.operation_name, slow.req.operation_name);
	same_json(msg->req.variables_json, msg->req.variables_len,
	    slow.req.variables_json, slow.req.variables_len);
	edge_wsmsg_clear(&slow);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	enum edge_transport	 proto;
	struct edge_wsmsg	 msg;
	struct edge_error	 err;
	struct buf		 b = BUF_INIT;
	int			 rc;

	if (size == 0)
		return 0;
	proto = data[0] & 1 ? EDGE_WS_LEGACY : EDGE_WS;
	rc = edge_wsmsg_parse(proto, (const char *)data + 1, size - 1, &msg,
	    &err);
	compare_slow(proto, (const char *)data + 1, size - 1, rc, &msg, &err);
	if (rc == -1) {
		edge_wsmsg_build_error(&b, proto, msg.id[0] != '\0' ? "error" :
		    "connection_error", msg.id[0] != '\0' ? msg.id : NULL,
		    err.message, err.code);
		buf_free(&b);
		return 0;
	}
	(void)edge_wsmsg_token(msg.payload);
	edge_wsmsg_build(&b, "pong", NULL, msg.payload);
	edge_wsmsg_build_text(&b, "next", msg.id, msg.req.variables_json,
	    msg.req.variables_len);
	edge_wsmsg_build(&b, "complete", msg.id, NULL);
	buf_free(&b);
	edge_wsmsg_clear(&msg);
	return 0;
}
