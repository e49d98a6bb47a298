/*
 * gql_ast_print.c: a document back to GraphQL text, in graphql-js print()'s
 * layout (two-space indentation, "{ }" blocks on their own lines, strings
 * escaped as printString() and printBlockString() do) but without its
 * 80-column wrapping of long argument lists; or, with GQL_PRINT_COMPACT,
 * on one line with single spaces (cache keys, logs). Printing and parsing
 * again gives the same tree; that is what the tests check. Values print
 * as graphql-js prints them for introspection's defaultValue.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "common/buf.h"
#include "graphql/gql_ast.h"

struct printer {
	struct buf	*b;
	int		 compact;
	int		 indent;
	int		 after_sdl;	/* the last definition was type system */
};

static void	 pr_nl(struct printer *);
static void	 pr_name(struct printer *, const struct gql_name *);
static void	 pr_string(struct buf *, const char *, size_t);
static void	 pr_block_string(struct printer *, const char *, size_t);
static void	 pr_description(struct printer *, const struct gql_ast_value *);
static void	 pr_value(struct printer *, const struct gql_ast_value *);
static void	 pr_type(struct printer *, const struct gql_ast_type *);
static void	 pr_args(struct printer *, const struct gql_ast_argument *);
static void	 pr_directives(struct printer *,
		    const struct gql_ast_directive *);
static void	 pr_selset(struct printer *, const struct gql_ast_selset *);
static void	 pr_selection(struct printer *,
		    const struct gql_ast_selection *);
static void	 pr_operation(struct printer *,
		    const struct gql_ast_operation *);
static void	 pr_fragment(struct printer *, const struct gql_ast_fragment *);
static void	 pr_input_values(struct printer *,
		    const struct gql_ast_input_value_def *, int);
static void	 pr_fields(struct printer *, const struct gql_ast_field_def *);
static void	 pr_type_def(struct printer *, const struct gql_ast_def *);
static void	 pr_type_body(struct printer *, const struct gql_ast_def *);
static void	 pr_schema_def(struct printer *, const struct gql_ast_def *);
static void	 pr_directive_def(struct printer *,
		    const struct gql_ast_directive_def *);
static void	 pr_def(struct printer *, const struct gql_ast_def *);
static void	 pr_open(struct printer *);
static void	 pr_close(struct printer *);

static const char *const pr_type_keywords[] = {
	[GQL_DEF_SCALAR] = "scalar",
	[GQL_DEF_OBJECT] = "type",
	[GQL_DEF_INTERFACE] = "interface",
	[GQL_DEF_UNION] = "union",
	[GQL_DEF_ENUM] = "enum",
	[GQL_DEF_INPUT_OBJECT] = "input",
};

/* A line break at the current indentation (a space when compact). */
static void
pr_nl(struct printer *p)
{
	int	i;

	if (p->compact) {
		buf_addc(p->b, ' ');
		return;
	}
	buf_addc(p->b, '\n');
	for (i = 0; i < p->indent; i++)
		buf_add(p->b, "  ", 2);
}

static void
pr_open(struct printer *p)
{
	buf_addc(p->b, '{');
	p->indent++;
	pr_nl(p);
}

static void
pr_close(struct printer *p)
{
	p->indent--;
	pr_nl(p);
	buf_addc(p->b, '}');
}

static void
pr_name(struct printer *p, const struct gql_name *n)
{
	buf_add(p->b, n->s, n->len);
}

/* A "..." string literal, escaped as graphql-js printString(). */
static void
pr_string(struct buf *b, const char *s, size_t len)
{
	static const char	*const short_esc[] = {
		['\b'] = "\\b", ['\t'] = "\\t", ['\n'] = "\\n",
		['\f'] = "\\f", ['\r'] = "\\r",
	};
	unsigned char		 c;
	size_t			 i;

	buf_addc(b, '"');
	for (i = 0; i < len; i++) {
		c = (unsigned char)s[i];
		if (c == '"' || c == '\\') {
			buf_addc(b, '\\');
			buf_addc(b, (char)c);
		} else if (c < 0x20 && c < sizeof(short_esc) /
		    sizeof(*short_esc) && short_esc[c] != NULL) {
			buf_adds(b, short_esc[c]);
		} else if (c < 0x20 || c == 0x7f) {
			buf_addf(b, "\\u%04X", c);
		} else if (c == 0xc2 && i + 1 < len &&
		    (unsigned char)s[i + 1] >= 0x80 &&
		    (unsigned char)s[i + 1] <= 0x9f) {
			buf_addf(b, "\\u%04X", (unsigned char)s[++i]);
		} else
			buf_addc(b, (char)c);
	}
	buf_addc(b, '"');
}

/* A """block string""", as graphql-js printBlockString(). */
static void
pr_block_string(struct printer *p, const char *s, size_t len)
{
	const char	*q, *end = s + len;
	int		 single, lead_nl = 1, trail_q, trail_tq, multi;

	if (p->compact) {
		pr_string(p->b, s, len);
		return;
	}
	single = memchr(s, '\n', len) == NULL && memchr(s, '\r', len) == NULL;
	for (q = s; q < end && !single; q++) {
		if ((*q == '\n' || *q == '\r') && q + 1 < end &&
		    q[1] != '\n' && q[1] != '\r' && q[1] != ' ' && q[1] != '\t')
			lead_nl = 0;
	}
	if (single)
		lead_nl = 0;
	trail_tq = len >= 3 && memcmp(end - 3, "\"\"\"", 3) == 0;
	trail_q = len > 0 && (end[-1] == '"' || end[-1] == '\\') && !trail_tq;
	multi = !single || len > 70 || trail_q || lead_nl || trail_tq;
	buf_add(p->b, "\"\"\"", 3);
	if ((multi && !(single && len > 0 && (s[0] == ' ' || s[0] == '\t')))
	    || lead_nl)
		pr_nl(p);
	for (q = s; q < end; q++) {
		if (*q == '\n')
			pr_nl(p);
		else if (end - q >= 3 && memcmp(q, "\"\"\"", 3) == 0) {
			buf_add(p->b, "\\\"\"\"", 4);
			q += 2;
		} else
			buf_addc(p->b, *q);
	}
	if (multi || trail_q)
		pr_nl(p);
	buf_add(p->b, "\"\"\"", 3);
}

static void
pr_description(struct printer *p, const struct gql_ast_value *d)
{
	if (d == NULL)
		return;
	if (d->block)
		pr_block_string(p, d->str, d->len);
	else
		pr_string(p->b, d->str, d->len);
	pr_nl(p);
}

static void
pr_value(struct printer *p, const struct gql_ast_value *v)
{
	const struct gql_ast_value		*i;
	const struct gql_ast_object_field	*f;

	switch (v->kind) {
	case GQL_VALUE_VARIABLE:
		buf_addc(p->b, '$');
		pr_name(p, &v->name);
		break;
	case GQL_VALUE_INT:
	case GQL_VALUE_FLOAT:
		buf_add(p->b, v->str, v->len);
		break;
	case GQL_VALUE_STRING:
		if (v->block)
			pr_block_string(p, v->str, v->len);
		else
			pr_string(p->b, v->str, v->len);
		break;
	case GQL_VALUE_BOOLEAN:
		buf_adds(p->b, v->boolean ? "true" : "false");
		break;
	case GQL_VALUE_NULL:
		buf_adds(p->b, "null");
		break;
	case GQL_VALUE_ENUM:
		pr_name(p, &v->name);
		break;
	case GQL_VALUE_LIST:
		buf_addc(p->b, '[');
		for (i = v->items; i != NULL; i = i->next) {
			pr_value(p, i);
			if (i->next != NULL)
				buf_add(p->b, ", ", 2);
		}
		buf_addc(p->b, ']');
		break;
	case GQL_VALUE_OBJECT:
		buf_addc(p->b, '{');
		for (f = v->fields; f != NULL; f = f->next) {
			pr_name(p, &f->name);
			buf_add(p->b, ": ", 2);
			pr_value(p, f->value);
			if (f->next != NULL)
				buf_add(p->b, ", ", 2);
		}
		buf_addc(p->b, '}');
		break;
	}
}

static void
pr_type(struct printer *p, const struct gql_ast_type *t)
{
	switch (t->kind) {
	case GQL_WRAP_NAMED:
		pr_name(p, &t->name);
		break;
	case GQL_WRAP_LIST:
		buf_addc(p->b, '[');
		pr_type(p, t->of);
		buf_addc(p->b, ']');
		break;
	case GQL_WRAP_NON_NULL:
		pr_type(p, t->of);
		buf_addc(p->b, '!');
		break;
	}
}

static void
pr_args(struct printer *p, const struct gql_ast_argument *a)
{
	if (a == NULL)
		return;
	buf_addc(p->b, '(');
	for (; a != NULL; a = a->next) {
		pr_name(p, &a->name);
		buf_add(p->b, ": ", 2);
		pr_value(p, a->value);
		if (a->next != NULL)
			buf_add(p->b, ", ", 2);
	}
	buf_addc(p->b, ')');
}

/* Directives, each preceded by a space. */
static void
pr_directives(struct printer *p, const struct gql_ast_directive *d)
{
	for (; d != NULL; d = d->next) {
		buf_add(p->b, " @", 2);
		pr_name(p, &d->name);
		pr_args(p, d->args);
	}
}

static void
pr_selset(struct printer *p, const struct gql_ast_selset *ss)
{
	const struct gql_ast_selection	*s;

	pr_open(p);
	for (s = ss->first; s != NULL; s = s->next) {
		pr_selection(p, s);
		if (s->next != NULL)
			pr_nl(p);
	}
	pr_close(p);
}

static void
pr_selection(struct printer *p, const struct gql_ast_selection *s)
{
	switch (s->kind) {
	case GQL_SEL_FIELD:
		if (s->alias.s != NULL) {
			pr_name(p, &s->alias);
			buf_add(p->b, ": ", 2);
		}
		pr_name(p, &s->name);
		pr_args(p, s->args);
		pr_directives(p, s->directives);
		break;
	case GQL_SEL_FRAGMENT_SPREAD:
		buf_add(p->b, "...", 3);
		pr_name(p, &s->name);
		pr_directives(p, s->directives);
		return;
	case GQL_SEL_INLINE_FRAGMENT:
		buf_add(p->b, "...", 3);
		if (s->type_cond != NULL) {
			buf_add(p->b, " on ", 4);
			pr_type(p, s->type_cond);
		}
		pr_directives(p, s->directives);
		break;
	}
	if (s->selset != NULL) {
		buf_addc(p->b, ' ');
		pr_selset(p, s->selset);
	}
}

static void
pr_operation(struct printer *p, const struct gql_ast_operation *op)
{
	const struct gql_ast_var_def	*v;

	/*
	 * The shorthand "{ ... }" right after a type-system definition would
	 * read back as that definition's body ("type T { f: Int }"), so
	 * there the query keeps its keyword (graphql-js's print() drops it).
	 */
	pr_description(p, op->description);
	if (op->op != GQL_OP_QUERY || op->name.s != NULL || op->vars != NULL ||
	    op->directives != NULL || op->description != NULL ||
	    p->after_sdl) {
		buf_adds(p->b, gql_op_type_name(op->op));
		if (op->name.s != NULL) {
			buf_addc(p->b, ' ');
			pr_name(p, &op->name);
		}
		if (op->vars != NULL)
			buf_addc(p->b, op->name.s != NULL ? '(' : ' ');
		if (op->vars != NULL && op->name.s == NULL)
			buf_addc(p->b, '(');
		for (v = op->vars; v != NULL; v = v->next) {
			if (v->description != NULL) {
				pr_string(p->b, v->description->str,
				    v->description->len);
				buf_addc(p->b, ' ');
			}
			buf_addc(p->b, '$');
			pr_name(p, &v->name);
			buf_add(p->b, ": ", 2);
			pr_type(p, v->type);
			if (v->default_value != NULL) {
				buf_add(p->b, " = ", 3);
				pr_value(p, v->default_value);
			}
			pr_directives(p, v->directives);
			buf_adds(p->b, v->next != NULL ? ", " : ")");
		}
		pr_directives(p, op->directives);
		buf_addc(p->b, ' ');
	}
	pr_selset(p, op->selset);
}

static void
pr_fragment(struct printer *p, const struct gql_ast_fragment *fr)
{
	pr_description(p, fr->description);
	buf_adds(p->b, "fragment ");
	pr_name(p, &fr->name);
	buf_adds(p->b, " on ");
	pr_type(p, fr->type_cond);
	pr_directives(p, fr->directives);
	buf_addc(p->b, ' ');
	pr_selset(p, fr->selset);
}

/* Argument definitions "(...)" or, with `block`, input fields "{...}". */
static void
pr_input_values(struct printer *p, const struct gql_ast_input_value_def *iv,
    int block)
{
	int	multi = 0;
	const struct gql_ast_input_value_def *i;

	if (iv == NULL)
		return;
	for (i = iv; i != NULL; i = i->next)
		multi |= i->description != NULL;
	if (block)
		buf_addc(p->b, ' ');
	if (block || multi) {
		if (block)
			pr_open(p);
		else {
			buf_addc(p->b, '(');
			p->indent++;
			pr_nl(p);
		}
	} else
		buf_addc(p->b, '(');
	for (; iv != NULL; iv = iv->next) {
		pr_description(p, iv->description);
		pr_name(p, &iv->name);
		buf_add(p->b, ": ", 2);
		pr_type(p, iv->type);
		if (iv->default_value != NULL) {
			buf_add(p->b, " = ", 3);
			pr_value(p, iv->default_value);
		}
		pr_directives(p, iv->directives);
		if (iv->next != NULL) {
			if (block || multi)
				pr_nl(p);
			else
				buf_add(p->b, ", ", 2);
		}
	}
	if (block)
		pr_close(p);
	else if (multi) {
		p->indent--;
		pr_nl(p);
		buf_addc(p->b, ')');
	} else
		buf_addc(p->b, ')');
}

static void
pr_fields(struct printer *p, const struct gql_ast_field_def *f)
{
	if (f == NULL)
		return;
	buf_addc(p->b, ' ');
	pr_open(p);
	for (; f != NULL; f = f->next) {
		pr_description(p, f->description);
		pr_name(p, &f->name);
		pr_input_values(p, f->args, 0);
		buf_add(p->b, ": ", 2);
		pr_type(p, f->type);
		pr_directives(p, f->directives);
		if (f->next != NULL)
			pr_nl(p);
	}
	pr_close(p);
}

static void
pr_type_def(struct printer *p, const struct gql_ast_def *def)
{
	const struct gql_ast_type_def	*td = &def->u.type;
	const struct gql_ast_type	*t;

	if (def->extend)
		buf_adds(p->b, "extend ");
	else
		pr_description(p, td->description);
	buf_adds(p->b, pr_type_keywords[def->kind]);
	buf_addc(p->b, ' ');
	pr_name(p, &td->name);
	for (t = td->interfaces; t != NULL; t = t->next) {
		buf_adds(p->b, t == td->interfaces ? " implements " : " & ");
		pr_name(p, &t->name);
	}
	pr_directives(p, td->directives);
	pr_type_body(p, def);
}

static void
pr_type_body(struct printer *p, const struct gql_ast_def *def)
{
	const struct gql_ast_type_def		*td = &def->u.type;
	const struct gql_ast_type		*t;
	const struct gql_ast_enum_value_def	*ev;

	switch (def->kind) {
	case GQL_DEF_OBJECT:
	case GQL_DEF_INTERFACE:
		pr_fields(p, td->fields);
		break;
	case GQL_DEF_UNION:
		for (t = td->members; t != NULL; t = t->next) {
			buf_adds(p->b, t == td->members ? " = " : " | ");
			pr_name(p, &t->name);
		}
		break;
	case GQL_DEF_ENUM:
		if (td->values == NULL)
			break;
		buf_addc(p->b, ' ');
		pr_open(p);
		for (ev = td->values; ev != NULL; ev = ev->next) {
			pr_description(p, ev->description);
			pr_name(p, &ev->name);
			pr_directives(p, ev->directives);
			if (ev->next != NULL)
				pr_nl(p);
		}
		pr_close(p);
		break;
	case GQL_DEF_INPUT_OBJECT:
		pr_input_values(p, td->input_fields, 1);
		break;
	default:
		break;
	}
}

static void
pr_schema_def(struct printer *p, const struct gql_ast_def *def)
{
	const struct gql_ast_schema_def	*sd = &def->u.schema;
	const struct gql_ast_root_op	*op;

	if (def->extend)
		buf_adds(p->b, "extend ");
	else
		pr_description(p, sd->description);
	buf_adds(p->b, "schema");
	pr_directives(p, sd->directives);
	if (sd->ops == NULL)
		return;
	buf_addc(p->b, ' ');
	pr_open(p);
	for (op = sd->ops; op != NULL; op = op->next) {
		buf_adds(p->b, gql_op_type_name(op->op));
		buf_add(p->b, ": ", 2);
		pr_type(p, op->type);
		if (op->next != NULL)
			pr_nl(p);
	}
	pr_close(p);
}

static void
pr_directive_def(struct printer *p, const struct gql_ast_directive_def *dd)
{
	const struct gql_ast_dirloc	*l;

	pr_description(p, dd->description);
	buf_adds(p->b, "directive @");
	pr_name(p, &dd->name);
	pr_input_values(p, dd->args, 0);
	if (dd->repeatable)
		buf_adds(p->b, " repeatable");
	buf_adds(p->b, " on ");
	for (l = dd->locations; l != NULL; l = l->next) {
		buf_adds(p->b, gql_dirloc_name(l->dirloc));
		if (l->next != NULL)
			buf_adds(p->b, " | ");
	}
}

static void
pr_def(struct printer *p, const struct gql_ast_def *def)
{
	switch (def->kind) {
	case GQL_DEF_OPERATION:
		pr_operation(p, &def->u.op);
		break;
	case GQL_DEF_FRAGMENT:
		pr_fragment(p, &def->u.fragment);
		break;
	case GQL_DEF_SCHEMA:
		pr_schema_def(p, def);
		break;
	case GQL_DEF_DIRECTIVE:
		pr_directive_def(p, &def->u.directive);
		break;
	default:
		pr_type_def(p, def);
		break;
	}
}

/* Append a document as GraphQL text (flags: GQL_PRINT_COMPACT). */
void
gql_ast_print(const struct gql_ast_document *doc, int flags, struct buf *b)
{
	struct printer			 p;
	const struct gql_ast_def	*def;

	p.b = b;
	p.compact = (flags & GQL_PRINT_COMPACT) != 0;
	p.indent = 0;
	p.after_sdl = 0;
	for (def = doc->defs; def != NULL; def = def->next) {
		pr_def(&p, def);
		p.after_sdl = def->kind != GQL_DEF_OPERATION &&
		    def->kind != GQL_DEF_FRAGMENT;
		if (def->next != NULL)
			buf_adds(b, p.compact ? " " : "\n\n");
	}
}

/* Append a value literal as graphql-js print() writes it. */
void
gql_ast_print_value(const struct gql_ast_value *v, struct buf *b)
{
	struct printer	p = { b, 1, 0, 0 };

	pr_value(&p, v);
}

/* Append a type reference: "[String!]!". */
void
gql_ast_print_type(const struct gql_ast_type *t, struct buf *b)
{
	struct printer	p = { b, 1, 0, 0 };

	pr_type(&p, t);
}

/* Append a string literal: "..." escaped, or (`block`) a """block""". */
void
gql_ast_print_string(const char *s, size_t len, int block, struct buf *b)
{
	struct printer	p = { b, 0, 0, 0 };

	if (block)
		pr_block_string(&p, s, len);
	else
		pr_string(b, s, len);
}
