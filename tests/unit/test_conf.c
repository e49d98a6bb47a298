/*
 * test_conf.c: the option engine (src/common/conf.c) on a table with every
 * value type: defaults, bounds, size and duration suffixes, listen
 * addresses, the command line (exact messages), the configuration file
 * (errors with their line numbers, limits), flags overriding the file,
 * --help and the printed configuration; then onionmsgd's own table
 * (src/daemon/daemon_conf.c) and its checks that span options.
 */
#include "config.h"

#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "common/conf.h"
#include "common/util.h"
#include "daemon/daemon_conf.h"
#include "unit.h"

struct tconf {
	char			*name;
	char			*path;
	int			 verbose;
	uint64_t		 count;
	uint64_t		 size;
	uint64_t		 ttl;
	int			 mode;
	struct conf_listen	 listen;
	char			*cli;
	char			*word;
};

static int
tconf_word_ok(const char *s)
{
	return strncmp(s, "w", 1) == 0 ? 0 : -1;
}

static const char *const tconf_modes[] = { "fast", "safe", "slow", NULL };

#define T_OFF(f)	offsetof(struct tconf, f)
static const struct conf_option tconf_opts[] = {
	{ .name = "name", .type = CONF_STRING, .offset = T_OFF(name),
	  .def = "anon", .help = "a name" },
	{ .name = "path", .type = CONF_PATH, .offset = T_OFF(path),
	  .help = "a file" },
	{ .name = "verbose", .type = CONF_FLAG, .offset = T_OFF(verbose),
	  .help = "say more" },
	{ .name = "count", .type = CONF_UINT, .offset = T_OFF(count),
	  .def = "10", .min = 1, .max = 100, .help = "how many" },
	{ .name = "size", .type = CONF_SIZE, .offset = T_OFF(size),
	  .def = "64k", .min = 1024, .max = (uint64_t)1 << 30,
	  .help = "how big" },
	{ .name = "ttl", .type = CONF_DURATION, .offset = T_OFF(ttl),
	  .def = "7d", .min = 60, .max = 30 * 86400, .help = "how long" },
	{ .name = "mode", .type = CONF_ENUM, .offset = T_OFF(mode),
	  .def = "safe", .words = tconf_modes, .help = "how" },
	{ .name = "listen", .type = CONF_LISTEN, .offset = T_OFF(listen),
	  .def = "127.0.0.1:8765", .help = "where" },
	{ .name = "cli", .type = CONF_PATH, .flags = CONF_CLI_ONLY,
	  .offset = T_OFF(cli), .help = "flag only" },
	{ .name = "word", .type = CONF_STRING, .offset = T_OFF(word),
	  .check = tconf_word_ok, .accepts = "a word starting with w",
	  .help = "a checked word" },
};

static const struct conf_table tconf_table = {
	.progname = "prog",
	.synopsis = "usage: prog\n",
	.epilogue = "end\n",
	.opts = tconf_opts,
	.nopts = nitems(tconf_opts),
};

static struct tconf	 tc;
static struct conf	*c;
static struct conf_error err;

static void
setup(void)
{
	memset(&tc, 0, sizeof(tc));
	c = conf_new(&tconf_table, &tc);
	memset(&err, 0, sizeof(err));
}

static void
teardown(void)
{
	conf_free(c);
	c = NULL;
}

/* Parse argv (NULL-terminated, without the program name). */
static int
args(const char *first, ...)
{
	char		*argv[32];
	const char	*a;
	int		 argc = 0;
	va_list		 ap;

	argv[argc++] = (char *)"prog";
	va_start(ap, first);
	for (a = first; a != NULL && argc < 31; a = va_arg(ap, const char *))
		argv[argc++] = (char *)a;
	va_end(ap);
	argv[argc] = NULL;
	return conf_parse_args(c, argc, argv, &err);
}

static int
file(const char *text)
{
	return conf_parse_buf(c, "t.conf", text, strlen(text), &err);
}

START_TEST(defaults_fill_every_type)
{
	ck_assert_str_eq(tc.name, "anon");
	ck_assert_ptr_null(tc.path);
	ck_assert_int_eq(tc.verbose, 0);
	ck_assert_uint_eq(tc.count, 10);
	ck_assert_uint_eq(tc.size, 65536);
	ck_assert_uint_eq(tc.ttl, 7 * 86400);
	ck_assert_int_eq(tc.mode, 1);
	ck_assert_int_eq(tc.listen.kind, CONF_LISTEN_INET);
	ck_assert_str_eq(tc.listen.host, "127.0.0.1");
	ck_assert_uint_eq(tc.listen.port, 8765);
	ck_assert(!conf_is_set(c, "count"));
}
END_TEST

START_TEST(sizes_take_1024_based_suffixes)
{
	static const struct {
		const char	*in;
		uint64_t	 out;
	} good[] = {
		{ "0", 0 }, { "512", 512 }, { "1k", 1024 }, { "64K", 65536 },
		{ "2M", 2 << 20 }, { "3g", (uint64_t)3 << 30 },
		{ "1T", (uint64_t)1 << 40 }, { "10KiB", 10240 },
		{ "1kb", 1024 }, { "7B", 7 },
	};
	static const char *const bad[] = {
		"", "k", "1.5M", "-1", "1 k", "1kk", "1x", "1iB", " 1", "1k ",
	};
	uint64_t	v;
	size_t		i;

	for (i = 0; i < nitems(good); i++) {
		ck_assert_msg(conf_parse_size(good[i].in, &v) == 0, "%s",
		    good[i].in);
		ck_assert_uint_eq(v, good[i].out);
	}
	for (i = 0; i < nitems(bad); i++) {
		ck_assert_msg(conf_parse_size(bad[i], &v) == -1, "%s", bad[i]);
		ck_assert_int_eq(errno, EINVAL);
	}
	ck_assert_int_eq(conf_parse_size("99999999999999999999", &v), -1);
	ck_assert_int_eq(errno, ERANGE);
	ck_assert_int_eq(conf_parse_size("17179869184G", &v), -1);
	ck_assert_int_eq(errno, ERANGE);
}
END_TEST

START_TEST(durations_take_units_and_combine)
{
	static const struct {
		const char	*in;
		uint64_t	 out;
	} good[] = {
		{ "0", 0 }, { "90", 90 }, { "90s", 90 }, { "15m", 900 },
		{ "2h", 7200 }, { "7d", 604800 }, { "1h30m", 5400 },
		{ "1d12h", 129600 }, { "1m1s", 61 },
	};
	static const char *const bad[] = {
		"", "s", "7y", "1h30", "1.5h", "-1s", "1 h", "h1", "1H",
	};
	uint64_t	v;
	size_t		i;

	for (i = 0; i < nitems(good); i++) {
		ck_assert_msg(conf_parse_duration(good[i].in, &v) == 0, "%s",
		    good[i].in);
		ck_assert_uint_eq(v, good[i].out);
	}
	for (i = 0; i < nitems(bad); i++)
		ck_assert_msg(conf_parse_duration(bad[i], &v) == -1, "%s",
		    bad[i]);
	ck_assert_int_eq(conf_parse_duration("999999999999999999d", &v), -1);
	ck_assert_int_eq(errno, ERANGE);
}
END_TEST

START_TEST(sizes_and_durations_format_back)
{
	char	s[32];

	conf_format_size(65536, s, sizeof(s));
	ck_assert_str_eq(s, "64k");
	conf_format_size(64 << 20, s, sizeof(s));
	ck_assert_str_eq(s, "64M");
	conf_format_size(1000, s, sizeof(s));
	ck_assert_str_eq(s, "1000");
	conf_format_size(0, s, sizeof(s));
	ck_assert_str_eq(s, "0");
	conf_format_duration(604800, s, sizeof(s));
	ck_assert_str_eq(s, "7d");
	conf_format_duration(5400, s, sizeof(s));
	ck_assert_str_eq(s, "90m");
	conf_format_duration(61, s, sizeof(s));
	ck_assert_str_eq(s, "61s");
	conf_format_duration(0, s, sizeof(s));
	ck_assert_str_eq(s, "0s");
}
END_TEST

START_TEST(listen_addresses_parse)
{
	struct conf_listen	l;
	char			why[256], s[160];

	ck_assert_int_eq(conf_listen_parse("10.1.2.3:80", &l, why,
	    sizeof(why)), 0);
	ck_assert_str_eq(l.host, "10.1.2.3");
	ck_assert_uint_eq(l.port, 80);
	ck_assert(!conf_listen_is_loopback(&l));
	ck_assert_int_eq(conf_listen_parse("localhost:1", &l, why,
	    sizeof(why)), 0);
	ck_assert_str_eq(l.host, "127.0.0.1");
	ck_assert(conf_listen_is_loopback(&l));
	ck_assert_int_eq(conf_listen_parse("[::1]:0", &l, why, sizeof(why)),
	    0);
	ck_assert(conf_listen_is_loopback(&l));
	conf_listen_format(&l, s, sizeof(s));
	ck_assert_str_eq(s, "[::1]:0");
	ck_assert_int_eq(conf_listen_parse("[0:0::1]:9", &l, why,
	    sizeof(why)), 0);
	ck_assert_str_eq(l.host, "::1");
	ck_assert_int_eq(conf_listen_parse("[::ffff:127.0.0.2]:9", &l, why,
	    sizeof(why)), 0);
	ck_assert(conf_listen_is_loopback(&l));
	ck_assert_int_eq(conf_listen_parse("[::]:9", &l, why, sizeof(why)), 0);
	ck_assert(!conf_listen_is_loopback(&l));
	ck_assert_int_eq(conf_listen_parse("127.200.0.1:9", &l, why,
	    sizeof(why)), 0);
	ck_assert(conf_listen_is_loopback(&l));
	ck_assert_int_eq(conf_listen_parse("unix:/run/x.sock", &l, why,
	    sizeof(why)), 0);
	ck_assert_int_eq(l.kind, CONF_LISTEN_UNIX);
	ck_assert_str_eq(l.path, "/run/x.sock");
	ck_assert(conf_listen_is_loopback(&l));
	conf_listen_format(&l, s, sizeof(s));
	ck_assert_str_eq(s, "unix:/run/x.sock");
}
END_TEST

START_TEST(listen_errors_say_why)
{
	static const struct {
		const char	*in;
		const char	*why;
	} bad[] = {
		{ "127.0.0.1", "no port, as in 127.0.0.1:8765" },
		{ "::1:80", "write an IPv6 address in brackets, as in "
		    "[::1]:8765" },
		{ "[::1]80", "an IPv6 address is written [ADDRESS]:PORT, as in "
		    "[::1]:8765" },
		{ "example.com:80", "the host must be a numeric IP address or "
		    "localhost" },
		{ ":80", "the host must be a numeric IP address or localhost" },
		{ "[1.2.3.4]:80", "the host must be a numeric IP address or "
		    "localhost" },
		{ "1.2.3.4:65536", "the port must be a number from 0 to 65535" },
		{ "1.2.3.4:", "the port must be a number from 0 to 65535" },
		{ "1.2.3.4:http", "the port must be a number from 0 to 65535" },
		{ "unix:", "the socket path must have 1 to 107 bytes" },
	};
	struct conf_listen	l;
	char			why[256], longpath[200];
	size_t			i;

	for (i = 0; i < nitems(bad); i++) {
		ck_assert_msg(conf_listen_parse(bad[i].in, &l, why,
		    sizeof(why)) == -1, "%s", bad[i].in);
		ck_assert_str_eq(why, bad[i].why);
	}
	memset(longpath, 'a', sizeof(longpath) - 1);
	longpath[sizeof(longpath) - 1] = '\0';
	memcpy(longpath, "unix:/", 6);
	ck_assert_int_eq(conf_listen_parse(longpath, &l, why, sizeof(why)),
	    -1);
}
END_TEST

START_TEST(args_set_every_type)
{
	ck_assert_int_eq(args("--name", "bob", "--path=/tmp/x", "--verbose",
	    "--count", "100", "--size", "1M", "--ttl", "1h30m", "--mode",
	    "fast", "--listen", "[::1]:99", "--cli", "c", "--word", "wow",
	    NULL), 0);
	ck_assert_str_eq(tc.name, "bob");
	ck_assert_str_eq(tc.path, "/tmp/x");
	ck_assert_int_eq(tc.verbose, 1);
	ck_assert_uint_eq(tc.count, 100);
	ck_assert_uint_eq(tc.size, 1 << 20);
	ck_assert_uint_eq(tc.ttl, 5400);
	ck_assert_int_eq(tc.mode, 0);
	ck_assert_uint_eq(tc.listen.port, 99);
	ck_assert_str_eq(tc.cli, "c");
	ck_assert_str_eq(tc.word, "wow");
	ck_assert(conf_is_set(c, "count"));
	ck_assert_int_eq(args("--count", "5", "--count", "6", NULL), 0);
	ck_assert_uint_eq(tc.count, 6);
	ck_assert_int_eq(args("--", NULL), 0);
}
END_TEST

START_TEST(args_errors_name_flag_value_and_accepted)
{
	static const struct {
		const char	*a, *b, *msg;
	} bad[] = {
		{ "--mode", "medium",
		    "--mode: \"medium\" is not one of: fast, safe, slow" },
		{ "--count", "0",
		    "--count: \"0\" is out of range; accepted: 1 to 100" },
		{ "--count", "101",
		    "--count: \"101\" is out of range; accepted: 1 to 100" },
		{ "--count", "ten",
		    "--count: \"ten\" is not a number; accepted: 1 to 100" },
		{ "--size", "2G",
		    "--size: \"2G\" is out of range; accepted: 1k to 1G" },
		{ "--size", "1023",
		    "--size: \"1023\" is out of range; accepted: 1k to 1G" },
		{ "--ttl", "59s",
		    "--ttl: \"59s\" is out of range; accepted: 1m to 30d" },
		{ "--ttl", "1w", "--ttl: \"1w\" is not a duration (a number "
		    "with s, m, h or d, as in 90s, 15m, 7d or 1h30m); accepted:"
		    " 1m to 30d" },
		{ "--word", "nope",
		    "--word: \"nope\" is not a word starting with w" },
		{ "--name", "", "--name: \"\" is not a non-empty text" },
		{ "--name", "a\nb", "--name: \"a\\x0ab\" has a control "
		    "character; expected a non-empty text" },
		{ "--listen", "0.0.0.0", "--listen: \"0.0.0.0\" is not "
		    "HOST:PORT or unix:PATH (no port, as in 127.0.0.1:8765)" },
		{ "--lsiten", "x",
		    "--lsiten: unknown option; did you mean --listen?" },
		{ "--lis", "x",
		    "--lis: unknown option; did you mean --listen?" },
		{ "--zzzzzzzz", NULL,
		    "--zzzzzzzz: unknown option (see prog --help)" },
		{ "-v", NULL, "-v: unknown option; prog has long options only "
		    "(see prog --help)" },
		{ "--verbose=yes", NULL,
		    "--verbose: takes no value, \"yes\" given" },
		{ "--count", NULL, "--count: needs a value: 1 to 100" },
		{ "stray", NULL, "\"stray\": unexpected argument; options are "
		    "written --name VALUE (see prog --help)" },
	};
	size_t	i;

	for (i = 0; i < nitems(bad); i++) {
		ck_assert_msg(args(bad[i].a, bad[i].b, NULL) == -1, "%s",
		    bad[i].a);
		ck_assert_str_eq(err.msg, bad[i].msg);
		ck_assert_uint_eq(err.line, 0);
	}
}
END_TEST

START_TEST(file_sets_values_with_comments_and_blanks)
{
	const char	*text =
	    "# a comment\n"
	    "\n"
	    "   name   Alice Smith   # trailing comment\n"
	    "\tcount\t42\r\n"
	    "verbose\n"
	    "size 2M\n"
	    "ttl 1d\n"
	    "mode slow#not a comment start\n";

	ck_assert_int_eq(file(text), -1);
	ck_assert_str_eq(err.msg, "t.conf:8: mode: \"slow#not a comment "
	    "start\" is not one of: fast, safe, slow");
	ck_assert_uint_eq(err.line, 8);
	ck_assert_str_eq(tc.name, "Alice Smith");
	ck_assert_uint_eq(tc.count, 42);
	ck_assert_int_eq(tc.verbose, 1);
	ck_assert_uint_eq(tc.size, 2 << 20);
	ck_assert_uint_eq(tc.ttl, 86400);
}
END_TEST

START_TEST(file_flags_take_yes_and_no)
{
	ck_assert_int_eq(file("verbose yes\n"), 0);
	ck_assert_int_eq(tc.verbose, 1);
	teardown();
	setup();
	ck_assert_int_eq(file("verbose off"), 0);
	ck_assert_int_eq(tc.verbose, 0);
	teardown();
	setup();
	ck_assert_int_eq(file("verbose maybe"), -1);
	ck_assert_str_eq(err.msg,
	    "t.conf:1: verbose: \"maybe\" is not one of: yes, no");
}
END_TEST

START_TEST(file_errors_carry_line_numbers)
{
	static const struct {
		const char	*text, *msg;
		unsigned	 line;
	} bad[] = {
		{ "count 5\n\n\nlsiten 1.2.3.4:5\n",
		    "t.conf:4: unknown key \"lsiten\"; did you mean \"listen\"?",
		    4 },
		{ "bogus 1\n", "t.conf:1: unknown key \"bogus\"", 1 },
		{ "#\ncount 5\ncount 6\n",
		    "t.conf:3: count: already set on line 2", 3 },
		{ "cli /x\n", "t.conf:1: cli: only a flag (--cli), not a key",
		    1 },
		{ "count=5\n", "t.conf:1: \"count=5\": write \"key value\", "
		    "without \"=\"", 1 },
		{ "--count 5\n", "t.conf:1: \"--count\": write keys without "
		    "the leading \"--\"", 1 },
		{ "count\n", "t.conf:1: count: needs a value: 1 to 100", 1 },
		{ "count # none\n", "t.conf:1: count: needs a value: 1 to 100",
		    1 },
		{ "size 1.5M\n", "t.conf:1: size: \"1.5M\" is not a size (a "
		    "number with an optional suffix k, M, G or T; 1k = 1024 "
		    "bytes); accepted: 1k to 1G", 1 },
		{ "#a\n\x01\n", "t.conf:2: control character 0x01 in line", 2 },
		{ "listen 10.0.0.1\n", "t.conf:1: listen: \"10.0.0.1\" is not "
		    "HOST:PORT or unix:PATH (no port, as in 127.0.0.1:8765)",
		    1 },
	};
	size_t	i;

	for (i = 0; i < nitems(bad); i++) {
		teardown();
		setup();
		ck_assert_msg(file(bad[i].text) == -1, "%s", bad[i].text);
		ck_assert_str_eq(err.msg, bad[i].msg);
		ck_assert_uint_eq(err.line, bad[i].line);
	}
}
END_TEST

START_TEST(file_rejects_nul_long_lines_and_big_files)
{
	static const char	nul[] = "count 5\nname a\0b\n";
	char			*big;
	size_t			 n;

	ck_assert_int_eq(conf_parse_buf(c, "t.conf", nul, sizeof(nul) - 1,
	    &err), -1);
	ck_assert_str_eq(err.msg, "t.conf:2: control character 0x00 in line");
	n = CONF_LINE_MAX + 10;
	big = malloc(CONF_FILE_MAX + 2);
	memset(big, '#', CONF_FILE_MAX + 1);
	big[n] = '\n';
	ck_assert_int_eq(conf_parse_buf(c, "t.conf", big, n + 1, &err), -1);
	ck_assert_str_eq(err.msg, "t.conf:1: line longer than 1024 bytes");
	big[CONF_LINE_MAX] = '\n';
	ck_assert_int_eq(conf_parse_buf(c, "t.conf", big, CONF_LINE_MAX + 1,
	    &err), 0);
	ck_assert_int_eq(conf_parse_buf(c, "t.conf", big, CONF_FILE_MAX + 1,
	    &err), -1);
	ck_assert_str_eq(err.msg, "t.conf: larger than 65536 bytes");
	free(big);
	/* No newline at the end, and an empty file, are fine. */
	ck_assert_int_eq(file("count 7"), 0);
	ck_assert_uint_eq(tc.count, 7);
	ck_assert_int_eq(conf_parse_buf(c, "t.conf", "", 0, &err), 0);
}
END_TEST

START_TEST(flags_override_the_file)
{
	char	where[128];

	ck_assert_int_eq(args("--count", "3", "--mode", "fast", NULL), 0);
	ck_assert_int_eq(file("count 50\nmode slow\nsize 4k\n"), 0);
	ck_assert_uint_eq(tc.count, 3);
	ck_assert_int_eq(tc.mode, 0);
	ck_assert_uint_eq(tc.size, 4096);
	conf_where(c, "count", where, sizeof(where));
	ck_assert_str_eq(where, "--count");
	conf_where(c, "size", where, sizeof(where));
	ck_assert_str_eq(where, "t.conf:3: size");
	/* A bad value in the file is an error even when a flag wins. */
	teardown();
	setup();
	ck_assert_int_eq(args("--count", "3", NULL), 0);
	ck_assert_int_eq(file("count 500\n"), -1);
	ck_assert_str_eq(err.msg,
	    "t.conf:1: count: \"500\" is out of range; accepted: 1 to 100");
}
END_TEST

START_TEST(strings_are_replaced_not_leaked)
{
	ck_assert_int_eq(args("--name", "a", "--name", "b", "--path", "/p",
	    NULL), 0);
	ck_assert_int_eq(file("name c\npath /q\n"), 0);
	ck_assert_str_eq(tc.name, "b");
	ck_assert_str_eq(tc.path, "/p");
	/* conf_free (teardown) frees them; ASan reports a leak if not. */
}
END_TEST

START_TEST(printed_config_parses_back_the_same)
{
	char	*out1 = NULL, *out2 = NULL;
	size_t	 len1 = 0, len2 = 0;
	FILE	*f;

	ck_assert_int_eq(args("--size", "3M", "--listen", "unix:/s",
	    "--verbose", "--ttl", "90", "--path", "/x y", NULL), 0);
	f = open_memstream(&out1, &len1);
	conf_print(c, f);
	fclose(f);
	ck_assert_ptr_nonnull(strstr(out1, "size 3M\n"));
	ck_assert_ptr_nonnull(strstr(out1, "ttl 90s\n"));
	ck_assert_ptr_nonnull(strstr(out1, "#word (not set)\n"));
	ck_assert_ptr_null(strstr(out1, "cli"));
	teardown();
	setup();
	ck_assert_int_eq(file(out1), 0);
	f = open_memstream(&out2, &len2);
	conf_print(c, f);
	fclose(f);
	ck_assert_str_eq(out1, out2);
	free(out1);
	free(out2);
}
END_TEST

START_TEST(usage_lists_every_option_with_its_default)
{
	char	*out = NULL;
	size_t	 len = 0, i;
	FILE	*f;
	char	 want[64];

	f = open_memstream(&out, &len);
	conf_usage(&tconf_table, f);
	fclose(f);
	for (i = 0; i < nitems(tconf_opts); i++) {
		snprintf(want, sizeof(want), "  --%s", tconf_opts[i].name);
		ck_assert_msg(strstr(out, want) != NULL, "%s", want);
	}
	ck_assert_ptr_nonnull(strstr(out, "--mode fast|safe|slow"));
	ck_assert_ptr_nonnull(strstr(out, "how big (default: 64k)"));
	ck_assert(strncmp(out, "usage: prog\n", 12) == 0);
	ck_assert_str_eq(out + len - 4, "end\n");
	free(out);
}
END_TEST

START_TEST(load_file_reports_the_file)
{
	char	path[] = "/tmp/test_conf.XXXXXX";
	int	fd;

	ck_assert_int_eq(conf_load_file(c, "/nonexistent/x.conf", &err), -1);
	ck_assert_str_eq(err.msg,
	    "/nonexistent/x.conf: No such file or directory");
	ck_assert_int_eq(conf_load_file(c, "/", &err), -1);
	ck_assert_str_eq(err.msg, "/: Is a directory");
	fd = mkstemp(path);
	ck_assert_int_ne(fd, -1);
	ck_assert_int_eq(write(fd, "count 9\nsize 1x\n", 16), 16);
	close(fd);
	ck_assert_int_eq(conf_load_file(c, path, &err), -1);
	ck_assert_uint_eq(err.line, 2);
	ck_assert_uint_eq(tc.count, 9);
	unlink(path);
}
END_TEST

/* onionmsgd's own table. */

static struct daemon_conf	dc;

static struct conf *
dload(const char *first, ...)
{
	char		*argv[32];
	const char	*a;
	int		 argc = 0;
	va_list		 ap;

	argv[argc++] = (char *)"onionmsgd";
	va_start(ap, first);
	for (a = first; a != NULL && argc < 31; a = va_arg(ap, const char *))
		argv[argc++] = (char *)a;
	va_end(ap);
	argv[argc] = NULL;
	return daemon_conf_load(&dc, argc, argv, &err);
}

START_TEST(daemon_defaults_are_sane)
{
	struct conf	*d = dload(NULL);

	ck_assert_ptr_nonnull(d);
	ck_assert_str_eq(dc.data_dir, "/var/lib/onionmsgd");
	ck_assert(conf_listen_is_loopback(&dc.listen));
	ck_assert_int_eq(dc.sync, DAEMON_SYNC_NORMAL);
	ck_assert_int_eq(dc.log_level, LOG_LVL_INFO);
	ck_assert_str_eq(dc.log, "stderr");
	ck_assert_ptr_null(dc.pid_file);
	ck_assert_ptr_null(dc.user);
	ck_assert_uint_eq(dc.max_envelope_bytes, 64 * 1024);
	ck_assert_uint_eq(dc.mailbox_quota_messages, 10000);
	ck_assert_uint_eq(dc.mailbox_quota_bytes, 64 << 20);
	ck_assert_uint_eq(dc.message_ttl, 7 * 86400);
	conf_free(d);
}
END_TEST

START_TEST(daemon_sync_error_is_exact)
{
	ck_assert_ptr_null(dload("--sync", "fast", NULL));
	ck_assert_str_eq(err.msg,
	    "--sync: \"fast\" is not one of: normal, full");
	ck_assert_ptr_null(dload("--log", "file:", NULL));
	ck_assert_str_eq(err.msg,
	    "--log: \"file:\" is not one of: stderr, syslog, file:PATH");
}
END_TEST

START_TEST(daemon_public_listen_needs_allow)
{
	char		 path[] = "/tmp/test_conf.XXXXXX";
	struct conf	*d;
	int		 fd;

	ck_assert_ptr_null(dload("--listen", "0.0.0.0:80", NULL));
	ck_assert_str_eq(err.msg, "--listen: \"0.0.0.0:80\" is not a loopback "
	    "address; add --allow-public-listen to accept connections from "
	    "other machines");
	d = dload("--listen", "0.0.0.0:80", "--allow-public-listen", NULL);
	ck_assert_ptr_nonnull(d);
	conf_free(d);
	fd = mkstemp(path);
	ck_assert_int_eq(write(fd, "# x\nlisten [::]:1\n", 18), 18);
	close(fd);
	ck_assert_ptr_null(dload("--config", path, NULL));
	ck_assert_uint_eq(err.line, 0);
	ck_assert(strstr(err.msg, ":2: listen: \"[::]:1\" is not a loopback")
	    != NULL);
	d = dload("--config", path, "--listen", "127.0.0.1:1", NULL);
	ck_assert_ptr_nonnull(d);
	ck_assert_str_eq(dc.config, path);
	conf_free(d);
	unlink(path);
}
END_TEST

START_TEST(daemon_quota_must_hold_an_envelope)
{
	ck_assert_ptr_null(dload("--max-envelope-bytes", "1M",
	    "--mailbox-quota-bytes", "512k", NULL));
	ck_assert_str_eq(err.msg, "--mailbox-quota-bytes: \"512k\" is smaller "
	    "than --max-envelope-bytes (1M), so no mailbox could hold a "
	    "largest envelope; accepted: at least 1M");
}
END_TEST

START_TEST(daemon_help_skips_the_file)
{
	struct conf	*d = dload("--config", "/nonexistent", "--help", NULL);

	ck_assert_ptr_nonnull(d);
	ck_assert_int_eq(dc.help, 1);
	conf_free(d);
	ck_assert_ptr_null(dload("--config", "/nonexistent", NULL));
	ck_assert_str_eq(err.msg, "/nonexistent: No such file or directory");
}
END_TEST

int
main(void)
{
	Suite	*s = suite_create("conf");
	TCase	*tv = tcase_create("values");
	TCase	*tp = tcase_create("parse");
	TCase	*td = tcase_create("daemon");

	tcase_add_checked_fixture(tv, setup, teardown);
	tcase_add_test(tv, defaults_fill_every_type);
	tcase_add_test(tv, sizes_take_1024_based_suffixes);
	tcase_add_test(tv, durations_take_units_and_combine);
	tcase_add_test(tv, sizes_and_durations_format_back);
	tcase_add_test(tv, listen_addresses_parse);
	tcase_add_test(tv, listen_errors_say_why);
	suite_add_tcase(s, tv);
	tcase_add_checked_fixture(tp, setup, teardown);
	tcase_add_test(tp, args_set_every_type);
	tcase_add_test(tp, args_errors_name_flag_value_and_accepted);
	tcase_add_test(tp, file_sets_values_with_comments_and_blanks);
	tcase_add_test(tp, file_flags_take_yes_and_no);
	tcase_add_test(tp, file_errors_carry_line_numbers);
	tcase_add_test(tp, file_rejects_nul_long_lines_and_big_files);
	tcase_add_test(tp, flags_override_the_file);
	tcase_add_test(tp, strings_are_replaced_not_leaked);
	tcase_add_test(tp, printed_config_parses_back_the_same);
	tcase_add_test(tp, usage_lists_every_option_with_its_default);
	tcase_add_test(tp, load_file_reports_the_file);
	suite_add_tcase(s, tp);
	tcase_add_test(td, daemon_defaults_are_sane);
	tcase_add_test(td, daemon_sync_error_is_exact);
	tcase_add_test(td, daemon_public_listen_needs_allow);
	tcase_add_test(td, daemon_quota_must_hold_an_envelope);
	tcase_add_test(td, daemon_help_skips_the_file);
	suite_add_tcase(s, td);
	return unit_run(s);
}
