/*
 * fuzz_conf.c: the configuration file parser (conf_parse_buf) on
 * onionmsgd's real option table, and the value parsers for sizes,
 * durations and listen addresses on the input's first line. Beyond not
 * crashing: an error is one non-empty line that names a line of the input;
 * an accepted file, printed back with conf_print(), parses again to the
 * same text; an accepted value formats and parses back to itself. A
 * broken invariant aborts, which libFuzzer reports.
 */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/conf.h"
#include "daemon/daemon_conf.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static void	fuzz_file(const char *, size_t);
static char	*fuzz_print(const struct conf *);
static void	fuzz_values(const char *, size_t);

#define FUZZ_ASSERT(e)	do { if (!(e)) abort(); } while (0)

static char *
fuzz_print(const struct conf *c)
{
	char	*out = NULL;
	size_t	 len = 0;
	FILE	*f;

	FUZZ_ASSERT((f = open_memstream(&out, &len)) != NULL);
	conf_print(c, f);
	fclose(f);
	return out;
}

static void
fuzz_file(const char *data, size_t len)
{
	struct daemon_conf	 dc, dc2;
	struct conf_error	 err;
	struct conf		*c, *c2;
	char			*p1, *p2;
	size_t			 i, lines = 1;

	memset(&dc, 0, sizeof(dc));
	c = conf_new(&daemon_conf_table, &dc);
	if (conf_parse_buf(c, "f", data, len, &err) == -1) {
		for (i = 0; i < len; i++)
			lines += data[i] == '\n';
		FUZZ_ASSERT(err.msg[0] != '\0');
		FUZZ_ASSERT(strchr(err.msg, '\n') == NULL);
		FUZZ_ASSERT(err.line <= lines);
		conf_free(c);
		return;
	}
	p1 = fuzz_print(c);
	memset(&dc2, 0, sizeof(dc2));
	c2 = conf_new(&daemon_conf_table, &dc2);
	FUZZ_ASSERT(conf_parse_buf(c2, "p", p1, strlen(p1), &err) == 0);
	p2 = fuzz_print(c2);
	FUZZ_ASSERT(strcmp(p1, p2) == 0);
	free(p1);
	free(p2);
	conf_free(c2);
	conf_free(c);
}

static void
fuzz_values(const char *data, size_t len)
{
	struct conf_listen	l, l2;
	char			s[256], f1[256], f2[256], why[256];
	uint64_t		v, v2;

	len = strcspn(data, "\n") < len ? strcspn(data, "\n") : len;
	if (len >= sizeof(s))
		len = sizeof(s) - 1;
	memcpy(s, data, len);
	s[len] = '\0';
	if (conf_parse_size(s, &v) == 0) {
		conf_format_size(v, f1, sizeof(f1));
		FUZZ_ASSERT(conf_parse_size(f1, &v2) == 0 && v == v2);
	}
	if (conf_parse_duration(s, &v) == 0) {
		conf_format_duration(v, f1, sizeof(f1));
		FUZZ_ASSERT(conf_parse_duration(f1, &v2) == 0 && v == v2);
	}
	if (conf_listen_parse(s, &l, why, sizeof(why)) == 0) {
		conf_listen_format(&l, f1, sizeof(f1));
		FUZZ_ASSERT(conf_listen_parse(f1, &l2, why, sizeof(why)) == 0);
		conf_listen_format(&l2, f2, sizeof(f2));
		FUZZ_ASSERT(strcmp(f1, f2) == 0);
		FUZZ_ASSERT(conf_listen_is_loopback(&l) ==
		    conf_listen_is_loopback(&l2));
	} else
		FUZZ_ASSERT(why[0] != '\0');
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	char	*text;

	if (len > CONF_FILE_MAX + 16)
		return 0;
	text = malloc(len + 1);
	FUZZ_ASSERT(text != NULL);
	memcpy(text, data, len);
	text[len] = '\0';
	fuzz_file(text, len);
	fuzz_values(text, len);
	free(text);
	return 0;
}
