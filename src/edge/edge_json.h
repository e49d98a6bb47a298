/*
 * edge_json.h: a fast, strict scanner for the JSON the edge reads most
 * (graphql-transport-ws messages, POST bodies): it checks that a text is
 * one JSON object that jansson, with JSON_REJECT_DUPLICATES, surely
 * accepts, and reports where some of its top-level members are, without
 * building anything. It answers "yes" or "not sure": anything outside a
 * conservative subset (escaped keys, \u0000, deep nesting, numbers near
 * the limits of int64 or double, many keys) is "not sure", and the caller
 * then asks jansson, whose answer and error messages stand.
 */
#ifndef OM_EDGE_JSON_H
#define OM_EDGE_JSON_H

#include <stddef.h>

enum edge_json_kind {
	EDGE_JSON_ABSENT = 0,
	EDGE_JSON_STRING,
	EDGE_JSON_NUMBER,
	EDGE_JSON_OBJECT,
	EDGE_JSON_ARRAY,
	EDGE_JSON_TRUE,
	EDGE_JSON_FALSE,
	EDGE_JSON_NULL,
};

/*
 * A top-level member asked for: name in; kind and text out. For a string
 * the text is what is between the quotes (escaped says whether it has
 * backslashes); for anything else the value's whole text.
 */
struct edge_json_member {
	const char		*name;
	enum edge_json_kind	 kind;
	const char		*text;
	size_t			 len;
	int			 escaped;
};

extern int	 edge_json_fast_path;	/* 0: tests compare with jansson */

int	 edge_json_object(const char *, size_t, struct edge_json_member *,
	    size_t);
char	*edge_json_string(const struct edge_json_member *);

#endif
