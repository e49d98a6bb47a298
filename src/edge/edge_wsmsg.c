/*
 * edge_wsmsg.c: parse client messages and build server messages of the
 * two GraphQL-over-WebSocket subprotocols.
 *
 * graphql-transport-ws (graphql-ws PROTOCOL.md): every message is a JSON
 * object with a string "type"; connection_init, ping and pong carry an
 * optional object payload; subscribe a non-empty string id and a payload
 * {query, operationName?, variables?, extensions?}; complete an id.
 * Anything else - bad JSON, unknown or server-only types, wrong member
 * types - is "Invalid message": close 4400 (PROTOCOL.md, "Invalid
 * message"), which is what the error's close_code says.
 *
 * graphql-ws (subscriptions-transport-ws PROTOCOL.md): connection_init,
 * start {id, payload}, stop {id}, connection_terminate. Its server never
 * closes on a bad message: unparseable text is answered with
 * connection_error, an unknown type with error for that id, so the error's
 * close_code is 0 and msg->id says which answer to give. Legacy clients
 * may send numeric ids; they are read as their decimal text.
 */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "common/util.h"
#include "edge/edge_json.h"
#include "edge/edge_request.h"
#include "edge/edge_wsmsg.h"

struct type_map {
	const char		*name;
	enum edge_wsmsg_type	 type;
	int			 has_id;
	int			 has_request;
};

static const struct type_map transport_types[] = {
	{ "connection_init", EDGE_WSMSG_INIT, 0, 0 },
	{ "ping", EDGE_WSMSG_PING, 0, 0 },
	{ "pong", EDGE_WSMSG_PONG, 0, 0 },
	{ "subscribe", EDGE_WSMSG_SUBSCRIBE, 1, 1 },
	{ "complete", EDGE_WSMSG_COMPLETE, 1, 0 },
};

static const struct type_map legacy_types[] = {
	{ "connection_init", EDGE_WSMSG_INIT, 0, 0 },
	{ "start", EDGE_WSMSG_SUBSCRIBE, 1, 1 },
	{ "stop", EDGE_WSMSG_COMPLETE, 1, 0 },
	{ "connection_terminate", EDGE_WSMSG_TERMINATE, 0, 0 },
};

static int	 bad(struct edge_error *, enum edge_transport, const char *,
		    ...) __attribute__((format(printf, 3, 4)));
static int	 read_id(enum edge_transport, const json_t *,
		    struct edge_wsmsg *, struct edge_error *);
static int	 read_body(enum edge_transport, const struct type_map *,
		    json_t *, struct edge_wsmsg *, struct edge_error *);
static int	 parse_fast(enum edge_transport, const char *, size_t,
		    struct edge_wsmsg *);
static const struct type_map *type_find(enum edge_transport, const char *,
		    size_t);
static void	 dump_into(struct buf *, const json_t *);
static int	 dump_cb(const char *, size_t, void *);

static int
bad(struct edge_error *err, enum edge_transport proto, const char *fmt, ...)
{
	va_list	ap;

	if (err == NULL)
		return -1;
	err->status = 400;
	err->close_code = proto == EDGE_WS ? EDGE_CLOSE_BAD_REQUEST : 0;
	err->code = "BAD_REQUEST";
	va_start(ap, fmt);
	vsnprintf(err->message, sizeof(err->message), fmt, ap);
	va_end(ap);
	return -1;
}

static int
read_id(enum edge_transport proto, const json_t *id, struct edge_wsmsg *msg,
    struct edge_error *err)
{
	size_t	len;

	if (proto == EDGE_WS_LEGACY && json_is_integer(id)) {
		snprintf(msg->id, sizeof(msg->id), "%" JSON_INTEGER_FORMAT,
		    json_integer_value(id));
		return 0;
	}
	if (!json_is_string(id))
		return bad(err, proto, "the id must be a string");
	len = json_string_length(id);
	if (len == 0)
		return bad(err, proto, "the id must not be empty");
	if (len > EDGE_WS_ID_MAX || strlen(json_string_value(id)) != len)
		return bad(err, proto, "the id is longer than %d bytes",
		    EDGE_WS_ID_MAX);
	memcpy(msg->id, json_string_value(id), len + 1);
	return 0;
}

static int
read_body(enum edge_transport proto, const struct type_map *t, json_t *obj,
    struct edge_wsmsg *msg, struct edge_error *err)
{
	json_t			*payload = json_object_get(obj, "payload");
	struct edge_error	 why;

	if (t->has_id && read_id(proto, json_object_get(obj, "id"), msg,
	    err) == -1)
		return -1;
	if (t->has_request) {
		if (edge_request_from_json(payload, &msg->req, &why) == -1)
			return bad(err, proto, "%s: %s", t->name, why.message);
		return 0;
	}
	if (t->type == EDGE_WSMSG_COMPLETE || t->type == EDGE_WSMSG_TERMINATE)
		return 0;
	if (payload != NULL && !json_is_null(payload) &&
	    !json_is_object(payload)) {
		if (proto == EDGE_WS)
			return bad(err, proto, "%s: the payload must be an "
			    "object or null", t->name);
		return 0;	/* legacy: connectionParams of any shape */
	}
	if (json_is_object(payload))
		msg->payload = json_incref(payload);
	return 0;
}

static const struct type_map *
type_find(enum edge_transport proto, const char *name, size_t len)
{
	const struct type_map	*types;
	size_t			 i, n;

	types = proto == EDGE_WS ? transport_types : legacy_types;
	n = proto == EDGE_WS ? nitems(transport_types) : nitems(legacy_types);
	for (i = 0; i < n; i++)
		if (strlen(types[i].name) == len &&
		    memcmp(types[i].name, name, len) == 0)
			return &types[i];
	return NULL;
}

/*
 * The common messages - subscribe (start) and complete (stop) with a
 * plain string id - on the fast scanner: 0 with msg filled, or -1 (msg
 * empty) for anything else, which jansson then parses or refuses.
 */
static int
parse_fast(enum edge_transport proto, const char *text, size_t len,
    struct edge_wsmsg *msg)
{
	struct edge_json_member	 m[] = {
		{ .name = "type" }, { .name = "id" }, { .name = "payload" },
	};
	const struct type_map	*t;

	if (!edge_json_fast_path || edge_json_object(text, len, m,
	    nitems(m)) == -1 || m[0].kind != EDGE_JSON_STRING ||
	    m[0].escaped || (t = type_find(proto, m[0].text,
	    m[0].len)) == NULL || !t->has_id)
		return -1;
	if (m[1].kind != EDGE_JSON_STRING || m[1].escaped || m[1].len == 0 ||
	    m[1].len > EDGE_WS_ID_MAX)
		return -1;
	if (t->has_request && (m[2].kind != EDGE_JSON_OBJECT ||
	    edge_request_scan(m[2].text, m[2].len, &msg->req) == -1))
		return -1;
	msg->type = t->type;
	memcpy(msg->id, m[1].text, m[1].len);
	msg->id[m[1].len] = '\0';
	return 0;
}

/*
 * Parse one text message of subprotocol proto (EDGE_WS or EDGE_WS_LEGACY).
 * Return 0 with msg filled (edge_wsmsg_clear() it), or -1 with err; for
 * the legacy protocol msg->id is set when the bad message had one.
 */
int
edge_wsmsg_parse(enum edge_transport proto, const char *text, size_t len,
    struct edge_wsmsg *msg, struct edge_error *err)
{
	const struct type_map	*types, *t = NULL;
	json_error_t		 jerr;
	json_t			*obj, *type;
	size_t			 i, n;
	int			 rc = -1;

	memset(msg, 0, sizeof(*msg));
	if (parse_fast(proto, text, len, msg) == 0)
		return 0;
	types = proto == EDGE_WS ? transport_types : legacy_types;
	n = proto == EDGE_WS ? nitems(transport_types) : nitems(legacy_types);
	obj = json_loadb(text, len, JSON_REJECT_DUPLICATES | JSON_DECODE_ANY,
	    &jerr);
	if (obj == NULL)
		return bad(err, proto, "the message is not JSON: %s",
		    jerr.text);
	if (!json_is_object(obj)) {
		bad(err, proto, "the message must be a JSON object");
		goto done;
	}
	type = json_object_get(obj, "type");
	if (!json_is_string(type)) {
		bad(err, proto, "the message has no string type");
		goto done;
	}
	for (i = 0; i < n && t == NULL; i++)
		if (strcmp(json_string_value(type), types[i].name) == 0)
			t = &types[i];
	if (t == NULL) {
		if (proto == EDGE_WS_LEGACY)
			read_id(proto, json_object_get(obj, "id"), msg, NULL);
		bad(err, proto, "unexpected message type");
		goto done;
	}
	msg->type = t->type;
	rc = read_body(proto, t, obj, msg, err);
done:
	json_decref(obj);
	if (rc == -1) {
		edge_request_clear(&msg->req);
		json_decref(msg->payload);
		msg->payload = NULL;
	}
	return rc;
}

/* Free what a parsed message owns. */
void
edge_wsmsg_clear(struct edge_wsmsg *msg)
{
	if (msg == NULL)
		return;
	edge_request_clear(&msg->req);
	json_decref(msg->payload);
	msg->payload = NULL;
}

/*
 * Return the bearer token of a connection_init payload, the string member
 * "authorization" (or "Authorization"), with an optional "Bearer " prefix;
 * NULL if there is none.
 */
const char *
edge_wsmsg_token(const json_t *payload)
{
	const json_t	*v;
	const char	*s;

	v = json_object_get(payload, "authorization");
	if (v == NULL)
		v = json_object_get(payload, "Authorization");
	if (!json_is_string(v) || json_string_length(v) == 0)
		return NULL;
	s = json_string_value(v);
	if (edge_request_bearer(s) != NULL)
		return edge_request_bearer(s);
	return s;
}

static int
dump_cb(const char *p, size_t len, void *arg)
{
	buf_add(arg, p, len);
	return 0;
}

static void
dump_into(struct buf *b, const json_t *v)
{
	if (json_dump_callback(v, dump_cb, b, JSON_COMPACT | JSON_ENCODE_ANY) ==
	    -1)
		buf_adds(b, "null");
}

/* Append a server message {"type":...,"id":...,"payload":...}. */
void
edge_wsmsg_build(struct buf *b, const char *type, const char *id,
    const json_t *payload)
{
	buf_adds(b, "{\"type\":");
	buf_add_json_string(b, type, strlen(type));
	if (id != NULL) {
		buf_adds(b, ",\"id\":");
		buf_add_json_string(b, id, strlen(id));
	}
	if (payload != NULL) {
		buf_adds(b, ",\"payload\":");
		dump_into(b, payload);
	}
	buf_addc(b, '}');
}

/* The same with the payload already JSON text (len bytes), or none. */
void
edge_wsmsg_build_text(struct buf *b, const char *type, const char *id,
    const char *payload, size_t len)
{
	buf_adds(b, "{\"type\":");
	buf_add_json_string(b, type, strlen(type));
	if (id != NULL) {
		buf_adds(b, ",\"id\":");
		buf_add_json_string(b, id, strlen(id));
	}
	if (payload != NULL) {
		buf_adds(b, ",\"payload\":");
		buf_add(b, payload, len);
	}
	buf_addc(b, '}');
}

/*
 * Append an error message of type (error, connection_error) for id (or
 * NULL): the payload is a list of GraphQL errors for graphql-transport-ws,
 * one error object for the legacy protocol.
 */
void
edge_wsmsg_build_error(struct buf *b, enum edge_transport proto,
    const char *type, const char *id, const char *message, const char *code)
{
	buf_adds(b, "{\"type\":");
	buf_add_json_string(b, type, strlen(type));
	if (id != NULL) {
		buf_adds(b, ",\"id\":");
		buf_add_json_string(b, id, strlen(id));
	}
	buf_adds(b, proto == EDGE_WS ? ",\"payload\":[" : ",\"payload\":");
	buf_adds(b, "{\"message\":");
	buf_add_json_string(b, message, strlen(message));
	if (code != NULL) {
		buf_adds(b, ",\"extensions\":{\"code\":");
		buf_add_json_string(b, code, strlen(code));
		buf_addc(b, '}');
	}
	buf_adds(b, proto == EDGE_WS ? "}]}" : "}}");
}
