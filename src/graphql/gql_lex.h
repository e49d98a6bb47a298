/*
 * gql_lex.h: the GraphQL lexer (spec 2.1, "Source Text"), one token at a
 * time over a byte buffer, with one token of lookahead as the parser
 * needs. It checks UTF-8, skips ignored tokens (BOM, whitespace, line
 * terminators, commas, comments), applies the spec's lookahead
 * restrictions on names and numbers, and decodes strings and block
 * strings into the arena. Errors are graphql-js 16's, at the offending
 * character. Lines and columns are counted as graphql-js counts them
 * (\n, \r\n and \r end lines; columns in UTF-16 code units).
 */
#ifndef OM_GQL_LEX_H
#define OM_GQL_LEX_H

#include <stddef.h>
#include <stdint.h>

#include "graphql/gql_error.h"

struct buf;
struct gql_arena;

enum gql_tok {
	GQL_TOK_SOF = 0,
	GQL_TOK_EOF,
	GQL_TOK_BANG,
	GQL_TOK_DOLLAR,
	GQL_TOK_AMP,
	GQL_TOK_PAREN_L,
	GQL_TOK_PAREN_R,
	GQL_TOK_SPREAD,
	GQL_TOK_COLON,
	GQL_TOK_EQUALS,
	GQL_TOK_AT,
	GQL_TOK_BRACKET_L,
	GQL_TOK_BRACKET_R,
	GQL_TOK_BRACE_L,
	GQL_TOK_PIPE,
	GQL_TOK_BRACE_R,
	GQL_TOK_NAME,
	GQL_TOK_INT,
	GQL_TOK_FLOAT,
	GQL_TOK_STRING,
	GQL_TOK_BLOCK_STRING,
};

struct gql_token {
	enum gql_tok	 kind;
	const char	*start;		/* in the source */
	uint32_t	 len;		/* bytes of source text */
	struct gql_loc	 loc;
	const char	*value;		/* STRING, BLOCK_STRING: decoded, in */
	size_t		 value_len;	/* the arena, NUL-terminated */
};

struct gql_lexer {
	const char		*src;
	const char		*end;
	const char		*p;		/* next byte to read */
	const char		*line_start;
	uint32_t		 line;
	int64_t			 col_adjust;	/* UTF-16 units - bytes */
	uint32_t		 ntokens;
	uint32_t		 max_tokens;	/* 0: unlimited */
	struct gql_arena	*arena;		/* for decoded strings */
	struct gql_error	*err;
	struct gql_token	 tok;		/* current */
	struct gql_token	 ahead;		/* lookahead, if have_ahead */
	int			 have_ahead;
};

void	 gql_lex_init(struct gql_lexer *, const char *, size_t,
	    struct gql_arena *, struct gql_error *);
int	 gql_lex_next(struct gql_lexer *);
int	 gql_lex_peek(struct gql_lexer *, const struct gql_token **);
struct gql_loc gql_lex_loc(const struct gql_lexer *, const char *);
const char *gql_lex_tok_kind_name(enum gql_tok);
void	 gql_lex_describe(const struct gql_token *, struct buf *);

#endif
