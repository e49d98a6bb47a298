/*
 * edge_request.h: GraphQL over HTTP requests as data: routing, method,
 * Accept negotiation, Content-Type and length checks, GET arguments and
 * JSON bodies into a struct edge_request, or a precise struct edge_error
 * (HTTP status, extensions.code, message). No sockets: the edge's HTTP
 * callback, the unit tests and the fuzzer all call these.
 */
#ifndef OM_EDGE_REQUEST_H
#define OM_EDGE_REQUEST_H

#include "common/buf.h"
#include "edge/edge.h"

/* Response media types, in the server's order of preference. */
enum edge_media {
	EDGE_MEDIA_JSON = 0,		/* application/json (legacy clients) */
	EDGE_MEDIA_GRAPHQL,		/* application/graphql-response+json */
};

enum edge_method {
	EDGE_METHOD_GET = 0,
	EDGE_METHOD_POST,
	EDGE_METHOD_OTHER,
};

enum edge_route {
	EDGE_ROUTE_NONE = 0,		/* 404 */
	EDGE_ROUTE_GRAPHQL,		/* /graphql */
	EDGE_ROUTE_HEALTH,		/* /healthz */
};

/* What the edge read from the request line and headers. */
struct edge_http_in {
	enum edge_method	 method;
	const char		*path;		/* without the query string */
	const char		*accept;	/* header values, or NULL */
	const char		*content_type;
	const char		*content_length;
	const char		*transfer_encoding;
	const char *const	*args;		/* decoded "name=value" */
	size_t			 nargs;
};

/* What the headers decided. */
struct edge_http_plan {
	enum edge_route		 route;
	enum edge_media		 media;
	size_t			 body_len;	/* POST: bytes to read */
	const char		*allow;		/* for 405, else NULL */
};

int	 edge_request_plan(const struct edge_http_in *, size_t,
	    struct edge_http_plan *, struct edge_error *);
int	 edge_request_accept(const char *, enum edge_media *);
int	 edge_request_content_type(const char *, struct edge_error *);
int	 edge_request_from_args(const char *const *, size_t,
	    struct edge_request *, struct edge_error *);
int	 edge_request_from_body(const char *, size_t, struct edge_request *,
	    struct edge_error *);
int	 edge_request_from_json(const json_t *, struct edge_request *,
	    struct edge_error *);
int	 edge_request_scan(const char *, size_t, struct edge_request *);
int	 edge_request_status(enum edge_media, int, int);
const char *edge_request_media_name(enum edge_media);
const char *edge_request_bearer(const char *);

void	 edge_error_set(struct edge_error *, int, int, const char *,
	    const char *, ...) __attribute__((format(printf, 5, 6)));
void	 edge_error_body(const struct edge_error *, struct buf *);

#endif
