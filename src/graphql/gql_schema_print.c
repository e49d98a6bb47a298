/*
 * gql_schema_print.c: the schema back to SDL, as graphql-js printSchema()
 * writes it (the schema block only for unconventional root names or a
 * description, user directives, then user types in schema order; built-in
 * scalars, directives and introspection types left out). Descriptions are
 * block strings when isPrintableAsBlockString() says so. Default values
 * print as written in the SDL, where graphql-js prints them re-serialised
 * from the coerced value (the same text for ordinary literals). Tests
 * compare the output with graphql-js's for the same SDL.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "common/buf.h"
#include "graphql/gql_schema_int.h"

static int	 sp_printable_as_block(const char *, size_t);
static void	 sp_description(struct buf *, const char *, const char *, int);
static void	 sp_deprecated(struct buf *, int, const char *);
static void	 sp_input_value(struct buf *, const struct gql_input_value *);
static void	 sp_args(struct buf *, const struct gql_input_value *, uint32_t,
		    const char *);
static void	 sp_fields(struct buf *, const struct gql_type *);
static void	 sp_type(struct buf *, const struct gql_type *);
static void	 sp_schema_def(struct buf *, const struct gql_schema *);

/* graphql-js isPrintableAsBlockString(), byte for byte. */
static int
sp_printable_as_block(const char *s, size_t len)
{
	int	empty_line = 1, indent = 0, common = 1, seen = 0;
	size_t	i;

	if (len == 0)
		return 1;
	for (i = 0; i < len; i++) {
		switch (s[i]) {
		case 0x00: case 0x01: case 0x02: case 0x03: case 0x04:
		case 0x05: case 0x06: case 0x07: case 0x08: case 0x0b:
		case 0x0c: case 0x0e: case 0x0f: case '\r':
			return 0;
		case '\n':
			if (empty_line && !seen)
				return 0;
			seen = 1;
			empty_line = 1;
			indent = 0;
			break;
		case '\t':
		case ' ':
			indent = indent || empty_line;
			break;
		default:
			common = common && indent;
			empty_line = 0;
			break;
		}
	}
	if (empty_line)
		return 0;
	return !(common && seen);
}

/* printDescription(): the description, indented, then a newline. */
static void
sp_description(struct buf *b, const char *desc, const char *indent,
    int first)
{
	struct buf	tmp = BUF_INIT;
	size_t		i;

	if (desc == NULL)
		return;
	gql_ast_print_string(desc, strlen(desc),
	    sp_printable_as_block(desc, strlen(desc)), &tmp);
	if (indent[0] != '\0' && !first) {
		buf_addc(b, '\n');
	}
	buf_adds(b, indent);
	for (i = 0; i < tmp.len; i++) {
		buf_addc(b, tmp.data[i]);
		if (tmp.data[i] == '\n')
			buf_adds(b, indent);
	}
	buf_addc(b, '\n');
	buf_free(&tmp);
}

static void
sp_deprecated(struct buf *b, int deprecated, const char *reason)
{
	if (!deprecated)
		return;
	if (reason == NULL || strcmp(reason, "No longer supported") == 0) {
		buf_adds(b, " @deprecated");
		return;
	}
	buf_adds(b, " @deprecated(reason: ");
	gql_ast_print_string(reason, strlen(reason), 0, b);
	buf_addc(b, ')');
}

static void
sp_input_value(struct buf *b, const struct gql_input_value *v)
{
	buf_adds(b, v->name);
	buf_adds(b, ": ");
	gql_typeref_print(v->type, b);
	if (v->default_value != NULL) {
		buf_adds(b, " = ");
		gql_ast_print_value(v->default_value, b);
	}
	sp_deprecated(b, v->deprecated, v->deprecation_reason);
}

/* printArgs(): one line, or one per line when any has a description. */
static void
sp_args(struct buf *b, const struct gql_input_value *args, uint32_t n,
    const char *indent)
{
	char		inner[64];
	uint32_t	i;
	int		described = 0;

	if (n == 0)
		return;
	for (i = 0; i < n; i++)
		described |= args[i].description != NULL;
	buf_addc(b, '(');
	if (!described) {
		for (i = 0; i < n; i++) {
			if (i > 0)
				buf_adds(b, ", ");
			sp_input_value(b, &args[i]);
		}
		buf_addc(b, ')');
		return;
	}
	snprintf(inner, sizeof(inner), "  %s", indent);
	buf_addc(b, '\n');
	for (i = 0; i < n; i++) {
		sp_description(b, args[i].description, inner, i == 0);
		buf_adds(b, inner);
		sp_input_value(b, &args[i]);
		buf_addc(b, '\n');
	}
	buf_adds(b, indent);
	buf_addc(b, ')');
}

static void
sp_fields(struct buf *b, const struct gql_type *t)
{
	uint32_t	i;

	if (t->nfields == 0)
		return;
	buf_adds(b, " {\n");
	for (i = 0; i < t->nfields; i++) {
		sp_description(b, t->fields[i].description, "  ", i == 0);
		buf_adds(b, "  ");
		buf_adds(b, t->fields[i].name);
		sp_args(b, t->fields[i].args, t->fields[i].nargs, "  ");
		buf_adds(b, ": ");
		gql_typeref_print(t->fields[i].type, b);
		sp_deprecated(b, t->fields[i].deprecated,
		    t->fields[i].deprecation_reason);
		buf_addc(b, '\n');
	}
	buf_addc(b, '}');
}

static void
sp_type(struct buf *b, const struct gql_type *t)
{
	static const char *const kw[] = { "scalar", "type", "interface",
	    "union", "enum", "input" };
	uint32_t	i;

	sp_description(b, t->description, "", 1);
	buf_addf(b, "%s %s", kw[t->kind], t->name);
	for (i = 0; i < t->ninterfaces; i++)
		buf_addf(b, "%s%s", i == 0 ? " implements " : " & ",
		    t->interfaces[i]->name);
	if (t->specified_by_url != NULL) {
		buf_adds(b, " @specifiedBy(url: ");
		gql_ast_print_string(t->specified_by_url,
		    strlen(t->specified_by_url), 0, b);
		buf_addc(b, ')');
	}
	if (t->one_of)
		buf_adds(b, " @oneOf");
	switch (t->kind) {
	case GQL_KIND_OBJECT:
	case GQL_KIND_INTERFACE:
		sp_fields(b, t);
		break;
	case GQL_KIND_UNION:
		for (i = 0; i < t->npossible; i++)
			buf_addf(b, "%s%s", i == 0 ? " = " : " | ",
			    t->possible[i]->name);
		break;
	case GQL_KIND_ENUM:
		buf_adds(b, t->nvalues ? " {\n" : "");
		for (i = 0; i < t->nvalues; i++) {
			sp_description(b, t->values[i].description, "  ",
			    i == 0);
			buf_addf(b, "  %s", t->values[i].name);
			sp_deprecated(b, t->values[i].deprecated,
			    t->values[i].deprecation_reason);
			buf_addc(b, '\n');
		}
		buf_adds(b, t->nvalues ? "}" : "");
		break;
	case GQL_KIND_INPUT_OBJECT:
		buf_adds(b, t->ninput_fields ? " {\n" : "");
		for (i = 0; i < t->ninput_fields; i++) {
			sp_description(b, t->input_fields[i].description, "  ",
			    i == 0);
			buf_adds(b, "  ");
			sp_input_value(b, &t->input_fields[i]);
			buf_addc(b, '\n');
		}
		buf_adds(b, t->ninput_fields ? "}" : "");
		break;
	default:
		break;
	}
}

static void
sp_schema_def(struct buf *b, const struct gql_schema *s)
{
	if (s->description == NULL &&
	    (s->query == NULL || strcmp(s->query->name, "Query") == 0) &&
	    (s->mutation == NULL ||
	    strcmp(s->mutation->name, "Mutation") == 0) &&
	    (s->subscription == NULL ||
	    strcmp(s->subscription->name, "Subscription") == 0))
		return;
	sp_description(b, s->description, "", 1);
	buf_adds(b, "schema {\n");
	if (s->query != NULL)
		buf_addf(b, "  query: %s\n", s->query->name);
	if (s->mutation != NULL)
		buf_addf(b, "  mutation: %s\n", s->mutation->name);
	if (s->subscription != NULL)
		buf_addf(b, "  subscription: %s\n", s->subscription->name);
	buf_adds(b, "}\n\n");
}

/* Append the schema as SDL, as graphql-js printSchema(). */
void
gql_schema_print(const struct gql_schema *s, struct buf *b)
{
	const struct gql_directive_def	*d;
	const struct gql_ast_dirloc	*l;
	size_t				 start = b->len;
	uint32_t			 i;

	sp_schema_def(b, s);
	for (i = 0; i < s->ndirectives; i++) {
		d = s->directives[i];
		if (d->builtin)
			continue;
		sp_description(b, d->description, "", 1);
		buf_addf(b, "directive @%s", d->name);
		sp_args(b, d->args, d->nargs, "");
		if (d->repeatable)
			buf_adds(b, " repeatable");
		buf_adds(b, " on ");
		for (l = d->location_list; l != NULL; l = l->next)
			buf_addf(b, "%s%s", l == d->location_list ? "" : " | ",
			    gql_dirloc_name(l->dirloc));
		buf_adds(b, "\n\n");
	}
	for (i = 0; i < s->ntypes; i++) {
		if (s->types[i]->builtin)
			continue;
		sp_type(b, s->types[i]);
		buf_adds(b, "\n\n");
	}
	/* graphql-js joins with blank lines: no trailing ones. */
	while (b->len > start && b->data[b->len - 1] == '\n')
		b->data[--b->len] = '\0';
}
