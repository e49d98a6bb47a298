/*
 * fuzz_gql_parse.c: the GraphQL front end on arbitrary bytes. Each input
 * is parsed as a request would be (default limits), as a lone value and
 * type, and built as a schema (SDL, no limits but the hard depth cap).
 * A parsed document must print and parse again to the same text (the
 * printer's round trip) and the same values (pretty-printed block
 * strings re-read as the same strings), and every error must carry a
 * location.
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "common/buf.h"
#include "graphql/gql_parse.h"
#include "graphql/gql_schema.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static void	fuzz_round_trip(const struct gql_ast_document *, int);
static void	fuzz_same_values(const struct gql_ast_document *);

static void
fuzz_round_trip(const struct gql_ast_document *doc, int flags)
{
	struct gql_ast_document	*again;
	struct gql_error	 err;
	struct buf		 b1 = BUF_INIT, b2 = BUF_INIT;

	gql_ast_print(doc, flags, &b1);
	again = gql_parse_document(b1.data != NULL ? b1.data : "", b1.len,
	    NULL, &err);
	if (again == NULL)
		abort();	/* the printer wrote something unparsable */
	gql_ast_print(again, flags, &b2);
	if (b1.len != b2.len || (b1.len > 0 &&
	    memcmp(b1.data, b2.data, b1.len) != 0))
		abort();	/* printing is not stable */
	gql_ast_document_free(again);
	buf_free(&b1);
	buf_free(&b2);
}

static void
fuzz_same_values(const struct gql_ast_document *doc)
{
	struct gql_ast_document	*again;
	struct gql_error	 err;
	struct buf		 pretty = BUF_INIT, c1 = BUF_INIT, c2 = BUF_INIT;

	gql_ast_print(doc, 0, &pretty);
	gql_ast_print(doc, GQL_PRINT_COMPACT, &c1);
	again = gql_parse_document(pretty.data != NULL ? pretty.data : "",
	    pretty.len, NULL, &err);
	if (again == NULL)
		abort();
	gql_ast_print(again, GQL_PRINT_COMPACT, &c2);
	if (c1.len != c2.len || (c1.len > 0 &&
	    memcmp(c1.data, c2.data, c1.len) != 0))
		abort();	/* pretty printing changed a value */
	gql_ast_document_free(again);
	buf_free(&pretty);
	buf_free(&c1);
	buf_free(&c2);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const struct gql_limits	 lim = GQL_LIMITS_DEFAULT;
	const char			*src = (const char *)data;
	struct gql_ast_document		*doc;
	struct gql_ast_value		*v;
	struct gql_ast_type		*t;
	struct gql_schema		*s;
	struct gql_error		 err;

	doc = gql_parse_document(src, size, &lim, &err);
	if (doc == NULL && err.nlocs != 1)
		abort();
	gql_error_free(&err);
	if (doc != NULL) {
		fuzz_round_trip(doc, 0);
		fuzz_round_trip(doc, GQL_PRINT_COMPACT);
		fuzz_same_values(doc);
	}
	gql_ast_document_free(doc);
	gql_ast_document_free(gql_parse_value(src, size, &lim, &v, &err));
	gql_error_free(&err);
	gql_ast_document_free(gql_parse_type(src, size, &lim, &t, &err));
	gql_error_free(&err);
	s = gql_schema_new(src, size, &err);
	gql_error_free(&err);
	if (s != NULL) {
		struct buf	b = BUF_INIT;

		gql_schema_print(s, &b);
		buf_free(&b);
	}
	gql_schema_free(s);
	return 0;
}
