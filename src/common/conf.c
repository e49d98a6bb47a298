/*
 * conf.c: the option engine behind conf.h. It turns a table of options
 * into a getopt_long table and --help text, parses values of every type
 * (sizes, durations, enums, listen addresses ...) with messages that say
 * what was given and what is accepted, and parses a configuration file from
 * a buffer: bounded line length and file size, "#" comments, unknown or
 * repeated keys are errors. Values set by a flag win over the file.
 */
#include "config.h"

#include <arpa/inet.h>
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <limits.h>
#include <netinet/in.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <unistd.h>

#include "common/conf.h"
#include "common/log.h"
#include "common/util.h"
#include "common/xmalloc.h"

#define CONF_FROM_DEFAULT	0u
#define CONF_FROM_CLI		UINT_MAX
#define CONF_OPTVAL		0x100	/* getopt_long val of option 0 */
#define CONF_QUOTE_MAX		64	/* bytes of a value quoted in messages */
#define CONF_NAME_MAX		64	/* longest name worth a suggestion */
#define CONF_USAGE_COL		30

struct conf {
	const struct conf_table	*table;
	void			*cfg;
	unsigned		*origin;	/* per option: FROM_* or a line */
	char			*file;		/* the file that set values */
};

union conf_value {
	char			*s;
	int			 i;
	uint64_t		 u;
	struct conf_listen	 l;
};

static void	*conf_ptr(const void *, const struct conf_option *);
static void	 conf_check_table(const struct conf_table *);
static int	 conf_value_parse(const struct conf_option *, const char *,
		    union conf_value *, char *, size_t);
static int	 conf_value_text(const struct conf_option *, const char *,
		    union conf_value *, char *, size_t);
static int	 conf_value_number(const struct conf_option *, const char *,
		    union conf_value *, char *, size_t);
static void	 conf_value_store(void *, const struct conf_option *,
		    union conf_value *);
static void	 conf_value_release(const struct conf_option *,
		    union conf_value *);
static int	 conf_flag_word(const char *, int *);
static void	 conf_quote(const char *, char *, size_t);
static void	 conf_range(const struct conf_option *, char *, size_t);
static void	 conf_accepted(const struct conf_option *, char *, size_t);
static const char *conf_metavar(const struct conf_option *, char *, size_t);
static size_t	 conf_distance(const char *, size_t, const char *);
static const char *conf_suggest(const struct conf_table *, const char *,
		    size_t, int);
static struct option *conf_longopts(const struct conf_table *);
static int	 conf_arg(struct conf *, int, char **, int,
		    struct conf_error *);
static int	 conf_arg_value(struct conf *, const struct conf_option *,
		    const char *, struct conf_error *);
static void	 conf_arg_unknown(const struct conf_table *, const char *,
		    struct conf_error *);
static int	 conf_line_copy(char *, const char *, size_t, char *,
		    size_t);
static int	 conf_parse_line(struct conf *, const char *, unsigned, char *,
		    unsigned *, struct conf_error *);
static int	 conf_key_error(const struct conf *, const char *, unsigned,
		    const char *, struct conf_error *);
static void	 conf_strip(char *);
static int	 conf_listen_host(const char *, size_t, int,
		    struct conf_listen *, char *, size_t);

static void *
conf_ptr(const void *cfg, const struct conf_option *opt)
{
	return (char *)(uintptr_t)cfg + opt->offset;
}

/* Bind a table to the program's struct and fill it with the defaults. */
struct conf *
conf_new(const struct conf_table *t, void *cfg)
{
	struct conf		*c;
	union conf_value	 v;
	char			 why[CONF_MSG_MAX];
	size_t			 i;

	conf_check_table(t);
	c = xcalloc(1, sizeof(*c));
	c->table = t;
	c->cfg = cfg;
	c->origin = xcalloc(t->nopts, sizeof(*c->origin));
	for (i = 0; i < t->nopts; i++) {
		memset(&v, 0, sizeof(v));
		if (t->opts[i].def != NULL && conf_value_parse(&t->opts[i],
		    t->opts[i].def, &v, why, sizeof(why)) == -1)
			fatalx("conf", "default of %s: %s", t->opts[i].name, why);
		conf_value_store(cfg, &t->opts[i], &v);
	}
	return c;
}

static void
conf_check_table(const struct conf_table *t)
{
	const struct conf_option	*o;
	size_t				 i, j;

	for (i = 0; i < t->nopts; i++) {
		o = &t->opts[i];
		if (o->name == NULL || o->help == NULL ||
		    strlen(o->name) > CONF_NAME_MAX)
			fatalx("conf", "option %zu: no name or help", i);
		if (o->type == CONF_ENUM && (o->words == NULL ||
		    o->words[0] == NULL))
			fatalx("conf", "option %s: no words", o->name);
		if (o->min > o->max)
			fatalx("conf", "option %s: min > max", o->name);
		for (j = 0; j < i; j++)
			if (strcmp(t->opts[j].name, o->name) == 0)
				fatalx("conf", "option %s twice", o->name);
	}
}

/* Free the values conf_new() and the parsers stored, and the conf. */
void
conf_free(struct conf *c)
{
	size_t	 i;
	char	**sp;

	if (c == NULL)
		return;
	for (i = 0; i < c->table->nopts; i++) {
		if (c->table->opts[i].type != CONF_STRING &&
		    c->table->opts[i].type != CONF_PATH)
			continue;
		sp = conf_ptr(c->cfg, &c->table->opts[i]);
		free(*sp);
		*sp = NULL;
	}
	free(c->origin);
	free(c->file);
	free(c);
}

/* Fill err with a message (after "progname: "). */
void
conf_errorf(struct conf_error *err, const char *fmt, ...)
{
	va_list	ap;

	err->line = 0;
	va_start(ap, fmt);
	vsnprintf(err->msg, sizeof(err->msg), fmt, ap);
	va_end(ap);
}

/* Find an option by name (without "--"); NULL if there is none. */
const struct conf_option *
conf_find(const struct conf_table *t, const char *name)
{
	size_t	i;

	for (i = 0; i < t->nopts; i++)
		if (strcmp(t->opts[i].name, name) == 0)
			return &t->opts[i];
	return NULL;
}

/* Tell whether a flag or the file set the option. */
int
conf_is_set(const struct conf *c, const char *name)
{
	const struct conf_option	*o = conf_find(c->table, name);

	return o != NULL && c->origin[o - c->table->opts] != CONF_FROM_DEFAULT;
}

/* Say where an option got its value: "--name" or "FILE:LINE: name". */
void
conf_where(const struct conf *c, const char *name, char *out, size_t len)
{
	const struct conf_option	*o = conf_find(c->table, name);
	unsigned			 from;

	from = o != NULL ? c->origin[o - c->table->opts] : CONF_FROM_CLI;
	if (from == CONF_FROM_CLI || from == CONF_FROM_DEFAULT ||
	    c->file == NULL)
		snprintf(out, len, "--%s", name);
	else
		snprintf(out, len, "%s:%u: %s", c->file, from, name);
}

/*
 * Values.
 */

static int
conf_value_parse(const struct conf_option *o, const char *s,
    union conf_value *v, char *why, size_t len)
{
	char	q[CONF_QUOTE_MAX + 8], acc[CONF_MSG_MAX / 2];

	memset(v, 0, sizeof(*v));
	conf_quote(s, q, sizeof(q));
	switch (o->type) {
	case CONF_STRING:
	case CONF_PATH:
		return conf_value_text(o, s, v, why, len);
	case CONF_FLAG:
		if (conf_flag_word(s, &v->i) == 0)
			return 0;
		snprintf(why, len, "%s is not one of: yes, no", q);
		return -1;
	case CONF_ENUM:
		for (v->i = 0; o->words[v->i] != NULL; v->i++)
			if (strcmp(o->words[v->i], s) == 0)
				return 0;
		conf_accepted(o, acc, sizeof(acc));
		snprintf(why, len, "%s is not one of: %s", q, acc);
		return -1;
	case CONF_LISTEN:
		if (conf_listen_parse(s, &v->l, acc, sizeof(acc)) == 0)
			return 0;
		snprintf(why, len, "%s is not HOST:PORT or unix:PATH (%s)", q,
		    acc);
		return -1;
	default:
		return conf_value_number(o, s, v, why, len);
	}
}

static int
conf_value_text(const struct conf_option *o, const char *s,
    union conf_value *v, char *why, size_t len)
{
	char		q[CONF_QUOTE_MAX + 8], acc[CONF_MSG_MAX / 2];
	const char	*p;

	conf_quote(s, q, sizeof(q));
	conf_accepted(o, acc, sizeof(acc));
	for (p = s; *p != '\0'; p++) {
		if (iscntrl((unsigned char)*p)) {
			snprintf(why, len, "%s has a control character; "
			    "expected %s", q, acc);
			return -1;
		}
	}
	if (*s == '\0' || (o->type == CONF_PATH && strlen(s) >= PATH_MAX) ||
	    (o->check != NULL && o->check(s) != 0)) {
		snprintf(why, len, "%s is not %s", q, acc);
		return -1;
	}
	v->s = xstrdup(s);
	return 0;
}

static int
conf_value_number(const struct conf_option *o, const char *s,
    union conf_value *v, char *why, size_t len)
{
	char		q[CONF_QUOTE_MAX + 8], range[128];
	const char	*what;
	int		rc;

	conf_quote(s, q, sizeof(q));
	conf_range(o, range, sizeof(range));
	if (o->type == CONF_SIZE) {
		rc = conf_parse_size(s, &v->u);
		what = "a size (a number with an optional suffix k, M, G or T;"
		    " 1k = 1024 bytes)";
	} else if (o->type == CONF_DURATION) {
		rc = conf_parse_duration(s, &v->u);
		what = "a duration (a number with s, m, h or d, as in 90s, "
		    "15m, 7d or 1h30m)";
	} else {
		rc = util_strtou64(s, 0, UINT64_MAX, &v->u);
		what = "a number";
	}
	if (rc == -1 && errno != ERANGE) {
		snprintf(why, len, "%s is not %s; accepted: %s", q, what,
		    range);
		return -1;
	}
	if (rc == -1 || v->u < o->min || v->u > o->max) {
		snprintf(why, len, "%s is out of range; accepted: %s", q,
		    range);
		return -1;
	}
	return 0;
}

static void
conf_value_store(void *cfg, const struct conf_option *o, union conf_value *v)
{
	void	*p = conf_ptr(cfg, o);

	switch (o->type) {
	case CONF_STRING:
	case CONF_PATH:
		free(*(char **)p);
		*(char **)p = v->s;
		v->s = NULL;
		break;
	case CONF_FLAG:
	case CONF_ENUM:
		*(int *)p = v->i;
		break;
	case CONF_LISTEN:
		*(struct conf_listen *)p = v->l;
		break;
	default:
		*(uint64_t *)p = v->u;
		break;
	}
}

static void
conf_value_release(const struct conf_option *o, union conf_value *v)
{
	if (o->type == CONF_STRING || o->type == CONF_PATH) {
		free(v->s);
		v->s = NULL;
	}
}

static int
conf_flag_word(const char *s, int *out)
{
	static const char *const	 yes[] = { "yes", "true", "on", "1" };
	static const char *const	 no[] = { "no", "false", "off", "0" };
	size_t				 i;

	for (i = 0; i < nitems(yes); i++) {
		if (strcasecmp(s, yes[i]) == 0) {
			*out = 1;
			return 0;
		}
		if (strcasecmp(s, no[i]) == 0) {
			*out = 0;
			return 0;
		}
	}
	return -1;
}

/* Quote a value for a message: bounded, control bytes as \xNN. */
static void
conf_quote(const char *s, char *out, size_t len)
{
	size_t	n = 0, i;

	if (len < 8)
		return;
	out[n++] = '"';
	for (i = 0; s[i] != '\0' && n + 6 < len; i++) {
		if (i == CONF_QUOTE_MAX) {
			n += snprintf(out + n, len - n, "...");
			break;
		}
		if (iscntrl((unsigned char)s[i]) || s[i] == '"' ||
		    s[i] == '\\')
			n += snprintf(out + n, len - n, "\\x%02x",
			    (unsigned char)s[i]);
		else
			out[n++] = s[i];
	}
	out[n++] = '"';
	out[n] = '\0';
}

static void
conf_range(const struct conf_option *o, char *out, size_t len)
{
	char	lo[32], hi[32];

	if (o->type == CONF_SIZE) {
		conf_format_size(o->min, lo, sizeof(lo));
		conf_format_size(o->max, hi, sizeof(hi));
	} else if (o->type == CONF_DURATION) {
		conf_format_duration(o->min, lo, sizeof(lo));
		conf_format_duration(o->max, hi, sizeof(hi));
	} else {
		snprintf(lo, sizeof(lo), "%llu", (unsigned long long)o->min);
		snprintf(hi, sizeof(hi), "%llu", (unsigned long long)o->max);
	}
	snprintf(out, len, "%s to %s", lo, hi);
}

/* Describe in words what an option accepts. */
static void
conf_accepted(const struct conf_option *o, char *out, size_t len)
{
	size_t	i, n = 0;

	if (o->type == CONF_ENUM) {
		out[0] = '\0';
		for (i = 0; o->words[i] != NULL && n < len; i++)
			n += snprintf(out + n, len - n, "%s%s",
			    i > 0 ? ", " : "", o->words[i]);
	} else if (o->accepts != NULL)
		snprintf(out, len, "%s", o->accepts);
	else if (o->type == CONF_PATH)
		snprintf(out, len, "a file name");
	else if (o->type == CONF_LISTEN)
		snprintf(out, len, "HOST:PORT or unix:PATH");
	else if (o->type == CONF_FLAG)
		snprintf(out, len, "yes or no");
	else if (o->type == CONF_STRING)
		snprintf(out, len, "a non-empty text");
	else
		conf_range(o, out, len);
}

static const char *
conf_metavar(const struct conf_option *o, char *buf, size_t len)
{
	size_t	i, n = 0;

	if (o->metavar != NULL)
		return o->metavar;
	switch (o->type) {
	case CONF_FLAG:
		return "";
	case CONF_PATH:
		return "FILE";
	case CONF_UINT:
		return "N";
	case CONF_SIZE:
		return "SIZE";
	case CONF_DURATION:
		return "DURATION";
	case CONF_LISTEN:
		return "HOST:PORT|unix:PATH";
	case CONF_ENUM:
		buf[0] = '\0';
		for (i = 0; o->words[i] != NULL && n < len; i++)
			n += snprintf(buf + n, len - n, "%s%s",
			    i > 0 ? "|" : "", o->words[i]);
		return buf;
	default:
		return "TEXT";
	}
}

/* Edit distance (Levenshtein) between a[0..alen) and b, for suggestions. */
static size_t
conf_distance(const char *a, size_t alen, const char *b)
{
	size_t	row[CONF_NAME_MAX + 1], i, j, blen = strlen(b), diag, up;

	if (alen > CONF_NAME_MAX || blen > CONF_NAME_MAX)
		return SIZE_MAX;
	for (j = 0; j <= blen; j++)
		row[j] = j;
	for (i = 1; i <= alen; i++) {
		diag = row[0];
		row[0] = i;
		for (j = 1; j <= blen; j++) {
			up = row[j];
			row[j] = diag + (a[i - 1] != b[j - 1]);
			if (up + 1 < row[j])
				row[j] = up + 1;
			if (row[j - 1] + 1 < row[j])
				row[j] = row[j - 1] + 1;
			diag = up;
		}
	}
	return row[blen];
}

/* The closest option name to what was typed, if any is close. */
static const char *
conf_suggest(const struct conf_table *t, const char *s, size_t len,
    int file)
{
	const char	*best = NULL;
	size_t		 i, d, bestd = SIZE_MAX, limit;

	limit = len < 6 ? 1 : 2;
	for (i = 0; i < t->nopts; i++) {
		if (file && (t->opts[i].flags & CONF_CLI_ONLY))
			continue;
		d = conf_distance(s, len, t->opts[i].name);
		if (len >= 3 && strncmp(t->opts[i].name, s, len) == 0)
			d = 1;
		if (d <= limit && d < bestd) {
			best = t->opts[i].name;
			bestd = d;
		}
	}
	return best;
}

/*
 * Sizes, durations and listen addresses.
 */

/* Parse a size: digits and an optional k, M, G or T (1024-based). */
int
conf_parse_size(const char *s, uint64_t *out)
{
	const char	*p = s;
	uint64_t	 v = 0, mul = 1;
	unsigned	 d;

	if (!isdigit((unsigned char)*p))
		goto bad;
	for (; isdigit((unsigned char)*p); p++) {
		d = (unsigned)(*p - '0');
		if (v > (UINT64_MAX - d) / 10)
			goto range;
		v = v * 10 + d;
	}
	switch (tolower((unsigned char)*p)) {
	case 'k':
		mul = (uint64_t)1 << 10;
		break;
	case 'm':
		mul = (uint64_t)1 << 20;
		break;
	case 'g':
		mul = (uint64_t)1 << 30;
		break;
	case 't':
		mul = (uint64_t)1 << 40;
		break;
	}
	if (mul != 1)
		p++;
	if (mul != 1 && tolower((unsigned char)p[0]) == 'i' &&
	    tolower((unsigned char)p[1]) == 'b')
		p += 2;
	else if (tolower((unsigned char)*p) == 'b')
		p++;
	if (*p != '\0')
		goto bad;
	if (v > UINT64_MAX / mul)
		goto range;
	*out = v * mul;
	return 0;
bad:
	errno = EINVAL;
	return -1;
range:
	errno = ERANGE;
	return -1;
}

/* Parse a duration in seconds: "90", "90s", "15m", "7d", "1h30m". */
int
conf_parse_duration(const char *s, uint64_t *out)
{
	const char	*p = s;
	uint64_t	 total = 0, v, mul;
	unsigned	 d;

	do {
		if (!isdigit((unsigned char)*p))
			goto bad;
		for (v = 0; isdigit((unsigned char)*p); p++) {
			d = (unsigned)(*p - '0');
			if (v > (UINT64_MAX - d) / 10)
				goto range;
			v = v * 10 + d;
		}
		switch (*p) {
		case 's':
			mul = 1;
			break;
		case 'm':
			mul = 60;
			break;
		case 'h':
			mul = 3600;
			break;
		case 'd':
			mul = 86400;
			break;
		case '\0':
			if (p == s + strspn(s, "0123456789")) {
				*out = v;	/* a lone number: seconds */
				return 0;
			}
			goto bad;
		default:
			goto bad;
		}
		p++;
		if (v > UINT64_MAX / mul || total > UINT64_MAX - v * mul)
			goto range;
		total += v * mul;
	} while (*p != '\0');
	*out = total;
	return 0;
bad:
	errno = EINVAL;
	return -1;
range:
	errno = ERANGE;
	return -1;
}

/* Format a size with the largest suffix that divides it exactly. */
void
conf_format_size(uint64_t v, char *out, size_t len)
{
	static const char	 sfx[] = "TGMk";
	int			 i, shift;

	for (i = 0, shift = 40; shift > 0; i++, shift -= 10) {
		if (v != 0 && v % ((uint64_t)1 << shift) == 0) {
			snprintf(out, len, "%llu%c",
			    (unsigned long long)(v >> shift), sfx[i]);
			return;
		}
	}
	snprintf(out, len, "%llu", (unsigned long long)v);
}

/* Format seconds with the largest unit that divides them exactly. */
void
conf_format_duration(uint64_t v, char *out, size_t len)
{
	static const struct {
		uint64_t	secs;
		char		unit;
	}			 units[] = {
		{ 86400, 'd' }, { 3600, 'h' }, { 60, 'm' }, { 1, 's' },
	};
	size_t			 i;

	for (i = 0; i < nitems(units); i++) {
		if (v % units[i].secs == 0 && (v != 0 || units[i].secs == 1)) {
			snprintf(out, len, "%llu%c",
			    (unsigned long long)(v / units[i].secs),
			    units[i].unit);
			return;
		}
	}
}

/*
 * Parse "HOST:PORT" (numeric IPv4, [IPv6] or localhost) or "unix:PATH".
 * On error, why says what is wrong, in words.
 */
int
conf_listen_parse(const char *s, struct conf_listen *l, char *why, size_t len)
{
	const char	*host = s, *end, *colon;
	uint64_t	 port;

	memset(l, 0, sizeof(*l));
	if (strncmp(s, "unix:", 5) == 0) {
		if (s[5] == '\0' || strlen(s + 5) >= sizeof(l->path)) {
			snprintf(why, len, "the socket path must have 1 to "
			    "%zu bytes", sizeof(l->path) - 1);
			return -1;
		}
		l->kind = CONF_LISTEN_UNIX;
		memcpy(l->path, s + 5, strlen(s + 5) + 1);
		return 0;
	}
	if (*s == '[') {
		if ((end = strchr(s, ']')) == NULL || end[1] != ':') {
			snprintf(why, len, "an IPv6 address is written "
			    "[ADDRESS]:PORT, as in [::1]:8765");
			return -1;
		}
		if (conf_listen_host(s + 1, end - s - 1, AF_INET6, l, why,
		    len) == -1)
			return -1;
		colon = end + 1;
	} else {
		if ((colon = strrchr(s, ':')) == NULL) {
			snprintf(why, len, "no port, as in 127.0.0.1:8765");
			return -1;
		}
		if (memchr(s, ':', colon - s) != NULL) {
			snprintf(why, len, "write an IPv6 address in "
			    "brackets, as in [::1]:8765");
			return -1;
		}
		if (conf_listen_host(host, colon - s, AF_INET, l, why,
		    len) == -1)
			return -1;
	}
	if (util_strtou64(colon + 1, 0, 65535, &port) == -1) {
		snprintf(why, len, "the port must be a number from 0 to 65535");
		return -1;
	}
	l->port = (uint16_t)port;
	return 0;
}

static int
conf_listen_host(const char *h, size_t hlen, int family,
    struct conf_listen *l, char *why, size_t len)
{
	char			 buf[64];
	struct in6_addr		 a;

	if (hlen == 9 && family == AF_INET && strncmp(h, "localhost", 9) == 0) {
		h = "127.0.0.1";
		hlen = 9;
	}
	if (hlen == 0 || hlen >= sizeof(buf)) {
		snprintf(why, len, "the host must be a numeric IP address or "
		    "localhost");
		return -1;
	}
	memcpy(buf, h, hlen);
	buf[hlen] = '\0';
	if (inet_pton(family, buf, &a) != 1) {
		snprintf(why, len, "the host must be a numeric IP address or "
		    "localhost");
		return -1;
	}
	l->kind = CONF_LISTEN_INET;
	l->family = family;
	inet_ntop(family, &a, l->host, sizeof(l->host));
	return 0;
}

/* Tell whether only this machine can connect: loopback or a unix socket. */
int
conf_listen_is_loopback(const struct conf_listen *l)
{
	struct in6_addr	a6;
	struct in_addr	a4;

	if (l->kind == CONF_LISTEN_UNIX)
		return 1;
	if (l->family == AF_INET)
		return inet_pton(AF_INET, l->host, &a4) == 1 &&
		    (ntohl(a4.s_addr) >> 24) == 127;
	if (inet_pton(AF_INET6, l->host, &a6) != 1)
		return 0;
	return IN6_IS_ADDR_LOOPBACK(&a6) ||
	    (IN6_IS_ADDR_V4MAPPED(&a6) && a6.s6_addr[12] == 127);
}

/* Format a listen address as it is written in a flag. */
void
conf_listen_format(const struct conf_listen *l, char *out, size_t len)
{
	if (l->kind == CONF_LISTEN_UNIX)
		snprintf(out, len, "unix:%s", l->path);
	else if (l->family == AF_INET6)
		snprintf(out, len, "[%s]:%u", l->host, l->port);
	else
		snprintf(out, len, "%s:%u", l->host, l->port);
}

/* Format an option's current value as it is written in the file. */
void
conf_format_value(const struct conf_option *o, const void *cfg, char *out,
    size_t len)
{
	const void	*p = conf_ptr(cfg, o);

	switch (o->type) {
	case CONF_STRING:
	case CONF_PATH:
		snprintf(out, len, "%s", *(char *const *)p != NULL ?
		    *(char *const *)p : "");
		break;
	case CONF_FLAG:
		snprintf(out, len, "%s", *(const int *)p ? "yes" : "no");
		break;
	case CONF_ENUM:
		snprintf(out, len, "%s", o->words[*(const int *)p]);
		break;
	case CONF_LISTEN:
		conf_listen_format(p, out, len);
		break;
	case CONF_SIZE:
		conf_format_size(*(const uint64_t *)p, out, len);
		break;
	case CONF_DURATION:
		conf_format_duration(*(const uint64_t *)p, out, len);
		break;
	default:
		snprintf(out, len, "%llu",
		    (unsigned long long)*(const uint64_t *)p);
		break;
	}
}

/*
 * The command line.
 */

static struct option *
conf_longopts(const struct conf_table *t)
{
	struct option	*lo;
	size_t		 i;

	lo = xcalloc(t->nopts + 1, sizeof(*lo));
	for (i = 0; i < t->nopts; i++) {
		lo[i].name = t->opts[i].name;
		lo[i].has_arg = t->opts[i].type == CONF_FLAG ? no_argument :
		    required_argument;
		lo[i].val = CONF_OPTVAL + (int)i;
	}
	return lo;
}

/*
 * Parse the command line: long options only, each named in full. Values
 * set here win over the configuration file read afterwards.
 */
int
conf_parse_args(struct conf *c, int argc, char **argv, struct conf_error *err)
{
	struct option	*lo;
	char		 q[CONF_QUOTE_MAX + 8];
	int		 ch, at, rc = -1;

	memset(err, 0, sizeof(*err));
	lo = conf_longopts(c->table);
	optind = 0;
	opterr = 0;
	for (;;) {
		at = optind == 0 ? 1 : optind;
		if ((ch = getopt_long(argc, argv, "+:", lo, NULL)) == -1)
			break;
		if (conf_arg(c, ch, argv, at, err) == -1)
			goto fail;
	}
	if (optind < argc) {
		conf_quote(argv[optind], q, sizeof(q));
		conf_errorf(err, "%s: unexpected argument; options are "
		    "written --name VALUE (see %s --help)", q,
		    c->table->progname);
		goto fail;
	}
	rc = 0;
fail:
	free(lo);
	optind = 0;
	return rc;
}

static int
conf_arg(struct conf *c, int ch, char **argv, int at, struct conf_error *err)
{
	const struct conf_table		*t = c->table;
	const struct conf_option	*o;
	const char			*arg = argv[at], *eq;
	char				 q[CONF_QUOTE_MAX + 8];
	char				 mv[CONF_MSG_MAX / 2];
	size_t				 n;

	if (ch == '?' && optopt >= CONF_OPTVAL) {
		o = &t->opts[optopt - CONF_OPTVAL];
		eq = strchr(arg, '=');
		conf_quote(eq != NULL ? eq + 1 : "", q, sizeof(q));
		conf_errorf(err, "--%s: takes no value, %s given", o->name, q);
		return -1;
	}
	if (ch == '?') {
		conf_arg_unknown(t, arg, err);
		return -1;
	}
	if (ch == ':' && optopt >= CONF_OPTVAL) {
		o = &t->opts[optopt - CONF_OPTVAL];
		conf_accepted(o, mv, sizeof(mv));
		conf_errorf(err, "--%s: needs a value: %s", o->name, mv);
		return -1;
	}
	if (ch < CONF_OPTVAL || (size_t)(ch - CONF_OPTVAL) >= t->nopts) {
		conf_arg_unknown(t, arg, err);
		return -1;
	}
	o = &t->opts[ch - CONF_OPTVAL];
	n = strcspn(arg, "=");
	if (strncmp(arg, "--", 2) != 0 || n - 2 != strlen(o->name)) {
		conf_arg_unknown(t, arg, err);
		return -1;
	}
	return conf_arg_value(c, o, optarg, err);
}

static int
conf_arg_value(struct conf *c, const struct conf_option *o, const char *arg,
    struct conf_error *err)
{
	union conf_value	v;
	char			why[CONF_MSG_MAX];

	memset(&v, 0, sizeof(v));
	if (o->type == CONF_FLAG)
		v.i = 1;
	else if (conf_value_parse(o, arg, &v, why, sizeof(why)) == -1) {
		conf_errorf(err, "--%s: %s", o->name, why);
		return -1;
	}
	conf_value_store(c->cfg, o, &v);
	c->origin[o - c->table->opts] = CONF_FROM_CLI;
	return 0;
}

static void
conf_arg_unknown(const struct conf_table *t, const char *arg,
    struct conf_error *err)
{
	const char	*name = arg, *best;
	char		 q[CONF_QUOTE_MAX + 8];
	size_t		 n, i;

	while (*name == '-')
		name++;
	n = strcspn(name, "=");
	best = conf_suggest(t, name, n, 0);
	/* Show what was typed as it was typed, unless it is not plain. */
	n = strcspn(arg, "=");
	for (i = 0; i < n && isgraph((unsigned char)arg[i]) && arg[i] != '"';)
		i++;
	if (i == n && n <= CONF_QUOTE_MAX)
		snprintf(q, sizeof(q), "%.*s", (int)n, arg);
	else
		conf_quote(arg, q, sizeof(q));
	if (arg[0] == '-' && arg[1] != '-' && arg[1] != '\0')
		conf_errorf(err, "%s: unknown option; %s has long options only"
		    " (see %s --help)", q, t->progname, t->progname);
	else if (best != NULL)
		conf_errorf(err, "%s: unknown option; did you mean --%s?", q,
		    best);
	else
		conf_errorf(err, "%s: unknown option (see %s --help)", q,
		    t->progname);
}

/*
 * The configuration file.
 */

/* Read a configuration file (at most CONF_FILE_MAX bytes) and parse it. */
int
conf_load_file(struct conf *c, const char *path, struct conf_error *err)
{
	char	*buf;
	size_t	 len = 0;
	ssize_t	 n;
	int	 fd, rc = -1;

	memset(err, 0, sizeof(*err));
	if ((fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY)) == -1) {
		conf_errorf(err, "%s: %s", path, strerror(errno));
		return -1;
	}
	buf = xmalloc(CONF_FILE_MAX + 1);
	while (len <= CONF_FILE_MAX) {
		n = read(fd, buf + len, CONF_FILE_MAX + 1 - len);
		if (n == -1 && errno == EINTR)
			continue;
		if (n == -1) {
			conf_errorf(err, "%s: %s", path, strerror(errno));
			goto fail;
		}
		if (n == 0)
			break;
		len += (size_t)n;
	}
	rc = conf_parse_buf(c, path, buf, len, err);
fail:
	free(buf);
	close(fd);
	return rc;
}

/*
 * Parse a configuration file held in buf: "key value" lines, "#" comments.
 * name is the file's name for messages. On error, err says FILE:LINE and
 * what is wrong; values of earlier lines stay stored.
 */
int
conf_parse_buf(struct conf *c, const char *name, const char *buf, size_t len,
    struct conf_error *err)
{
	char		 line[CONF_LINE_MAX + 1], why[CONF_MSG_MAX / 2];
	const char	*nl;
	unsigned	*seen, lineno = 0;
	size_t		 off = 0, n;
	int		 rc = -1;

	memset(err, 0, sizeof(*err));
	free(c->file);
	c->file = xstrdup(name);
	if (len > CONF_FILE_MAX) {
		conf_errorf(err, "%s: larger than %d bytes", name,
		    CONF_FILE_MAX);
		return -1;
	}
	seen = xcalloc(c->table->nopts, sizeof(*seen));
	while (off < len) {
		lineno++;
		nl = memchr(buf + off, '\n', len - off);
		n = nl != NULL ? (size_t)(nl - (buf + off)) : len - off;
		if (conf_line_copy(line, buf + off, n, why, sizeof(why)) == -1) {
			conf_errorf(err, "%s:%u: %s", name, lineno, why);
			err->line = lineno;
			goto fail;
		}
		off += n + (nl != NULL);
		if (conf_parse_line(c, name, lineno, line, seen, err) == -1)
			goto fail;
	}
	rc = 0;
fail:
	free(seen);
	return rc;
}

static int
conf_line_copy(char *line, const char *p, size_t n, char *why, size_t len)
{
	size_t	i;

	if (n > 0 && p[n - 1] == '\r')
		n--;
	if (n > CONF_LINE_MAX) {
		snprintf(why, len, "line longer than %d bytes", CONF_LINE_MAX);
		return -1;
	}
	for (i = 0; i < n; i++) {
		if (p[i] == '\t' || !iscntrl((unsigned char)p[i]))
			continue;
		snprintf(why, len, "control character 0x%02x in line",
		    (unsigned char)p[i]);
		return -1;
	}
	memcpy(line, p, n);
	line[n] = '\0';
	return 0;
}

static int
conf_parse_line(struct conf *c, const char *name, unsigned lineno, char *line,
    unsigned *seen, struct conf_error *err)
{
	const struct conf_option	*o;
	union conf_value		 v;
	char				*key, *val, why[CONF_MSG_MAX / 2];
	const char			*text;
	size_t				 i;

	key = line + strspn(line, " \t");
	if (*key == '\0' || *key == '#')
		return 0;
	val = key + strcspn(key, " \t");
	if (*val != '\0')
		*val++ = '\0';
	val += strspn(val, " \t");
	conf_strip(val);
	if ((o = conf_find(c->table, key)) == NULL ||
	    (o->flags & CONF_CLI_ONLY))
		return conf_key_error(c, name, lineno, key, err);
	i = (size_t)(o - c->table->opts);
	if (seen[i] != 0) {
		conf_errorf(err, "%s:%u: %s: already set on line %u", name,
		    lineno, key, seen[i]);
		goto fail;
	}
	seen[i] = lineno;
	text = *val == '\0' && o->type == CONF_FLAG ? "yes" : val;
	if (*text == '\0') {
		conf_accepted(o, why, sizeof(why));
		conf_errorf(err, "%s:%u: %s: needs a value: %s", name, lineno,
		    key, why);
		goto fail;
	}
	if (conf_value_parse(o, text, &v, why, sizeof(why)) == -1) {
		conf_errorf(err, "%s:%u: %s: %s", name, lineno, key, why);
		goto fail;
	}
	if (c->origin[i] == CONF_FROM_CLI) {
		conf_value_release(o, &v);	/* the flag wins */
		return 0;
	}
	conf_value_store(c->cfg, o, &v);
	c->origin[i] = lineno;
	return 0;
fail:
	err->line = lineno;
	return -1;
}

static int
conf_key_error(const struct conf *c, const char *name, unsigned lineno,
    const char *key, struct conf_error *err)
{
	const struct conf_option	*o = conf_find(c->table, key);
	const char			*best;
	char				 q[CONF_QUOTE_MAX + 8];

	conf_quote(key, q, sizeof(q));
	best = conf_suggest(c->table, key, strlen(key), 1);
	if (o != NULL)
		conf_errorf(err, "%s:%u: %s: only a flag (--%s), not a key",
		    name, lineno, key, key);
	else if (key[0] == '-' && key[1] == '-')
		conf_errorf(err, "%s:%u: %s: write keys without the leading "
		    "\"--\"", name, lineno, q);
	else if (strchr(key, '=') != NULL)
		conf_errorf(err, "%s:%u: %s: write \"key value\", without "
		    "\"=\"", name, lineno, q);
	else if (best != NULL)
		conf_errorf(err, "%s:%u: unknown key %s; did you mean \"%s\"?",
		    name, lineno, q, best);
	else
		conf_errorf(err, "%s:%u: unknown key %s", name, lineno, q);
	err->line = lineno;
	return -1;
}

/* Cut a value at a comment ("#" at its start or after a blank) and trim. */
static void
conf_strip(char *val)
{
	size_t	i, n;

	for (i = 0; val[i] != '\0'; i++) {
		if (val[i] == '#' && (i == 0 || val[i - 1] == ' ' ||
		    val[i - 1] == '\t')) {
			val[i] = '\0';
			break;
		}
	}
	n = strlen(val);
	while (n > 0 && (val[n - 1] == ' ' || val[n - 1] == '\t'))
		val[--n] = '\0';
}

/*
 * Output.
 */

/* Print --help: the synopsis, one line per option, the epilogue. */
void
conf_usage(const struct conf_table *t, FILE *f)
{
	const struct conf_option	*o;
	char				 head[CONF_MSG_MAX], mv[CONF_MSG_MAX];
	size_t				 i;
	int				 n;

	fprintf(f, "%s", t->synopsis);
	for (i = 0; i < t->nopts; i++) {
		o = &t->opts[i];
		n = snprintf(head, sizeof(head), "  --%s%s%s", o->name,
		    o->type == CONF_FLAG ? "" : " ",
		    conf_metavar(o, mv, sizeof(mv)));
		if (n >= CONF_USAGE_COL - 1)
			fprintf(f, "%s\n%*s", head, CONF_USAGE_COL, "");
		else
			fprintf(f, "%-*s", CONF_USAGE_COL, head);
		fprintf(f, "%s", o->help);
		if (o->def != NULL && o->type != CONF_FLAG)
			fprintf(f, " (default: %s)", o->def);
		fprintf(f, "\n");
	}
	fprintf(f, "%s", t->epilogue);
}

/* Print the values in effect as a configuration file. */
void
conf_print(const struct conf *c, FILE *f)
{
	const struct conf_option	*o;
	char				 val[CONF_LINE_MAX];
	size_t				 i;

	for (i = 0; i < c->table->nopts; i++) {
		o = &c->table->opts[i];
		if (o->flags & CONF_CLI_ONLY)
			continue;
		conf_format_value(o, c->cfg, val, sizeof(val));
		if (val[0] == '\0')
			fprintf(f, "#%s (not set)\n", o->name);
		else
			fprintf(f, "%s %s\n", o->name, val);
	}
}
