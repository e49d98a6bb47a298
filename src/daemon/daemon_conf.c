/*
 * daemon_conf.c: THE option table of onionmsgd. It drives getopt_long,
 * --help, the configuration file and the man-page consistency test
 * (man/options.sh), so an option exists once, here. Also the checks that
 * span options (a public listen address needs --allow-public-listen) and
 * the order flags and file are read in: flags first, then the file, whose
 * keys lose to the flags.
 */
#include "config.h"

#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "common/conf.h"
#include "common/util.h"
#include "daemon/daemon_conf.h"

#define DC_OFF(f)	offsetof(struct daemon_conf, f)

static int	daemon_conf_log_ok(const char *);

static const char *const daemon_conf_sync_words[] = {
	"normal", "full", NULL
};

/* The order of enum log_level. */
static const char *const daemon_conf_level_words[] = {
	"error", "warning", "notice", "info", "debug", NULL
};

static const struct conf_option daemon_conf_opts[] = {
	{ .name = "config", .type = CONF_PATH, .flags = CONF_CLI_ONLY,
	  .offset = DC_OFF(config),
	  .help = "read settings from FILE; flags override it" },
	{ .name = "data-dir", .type = CONF_PATH, .offset = DC_OFF(data_dir),
	  .def = "/var/lib/onionmsgd", .metavar = "DIR",
	  .help = "keep the database in DIR, created 0700 if missing" },
	{ .name = "listen", .type = CONF_LISTEN, .offset = DC_OFF(listen),
	  .def = "127.0.0.1:8765",
	  .help = "serve the API on this address" },
	{ .name = "allow-public-listen", .type = CONF_FLAG,
	  .offset = DC_OFF(allow_public_listen),
	  .help = "allow a --listen address that is not loopback" },
	{ .name = "no-tor", .type = CONF_FLAG, .offset = DC_OFF(no_tor),
	  .help = "run without tor, on loopback only (development)" },
	{ .name = "port-file", .type = CONF_PATH, .offset = DC_OFF(port_file),
	  .help = "write the TCP port the API listens on to FILE" },
	{ .name = "ephemeral", .type = CONF_FLAG,
	  .offset = DC_OFF(ephemeral),
	  .help = "a new node key and onion address on every start" },
	{ .name = "long-poll-max", .type = CONF_DURATION,
	  .offset = DC_OFF(long_poll_max), .def = "55s",
	  .min = 1, .max = 3600,
	  .help = "hold a long-polling messages query at most this long" },
	{ .name = "sync", .type = CONF_ENUM, .offset = DC_OFF(sync),
	  .def = "normal", .words = daemon_conf_sync_words,
	  .help = "commit durability: normal (process crash) or full "
	      "(power loss)" },
	{ .name = "max-envelope-bytes", .type = CONF_SIZE,
	  .offset = DC_OFF(max_envelope_bytes), .def = "64k",
	  .min = 1024, .max = 16 << 20,
	  .help = "refuse envelopes larger than this" },
	{ .name = "mailbox-quota-messages", .type = CONF_UINT,
	  .offset = DC_OFF(mailbox_quota_messages), .def = "10000",
	  .min = 1, .max = 10000000,
	  .help = "most messages a mailbox may hold" },
	{ .name = "mailbox-quota-bytes", .type = CONF_SIZE,
	  .offset = DC_OFF(mailbox_quota_bytes), .def = "64M",
	  .min = 1024, .max = (uint64_t)1 << 40,
	  .help = "most envelope bytes a mailbox may hold" },
	{ .name = "message-ttl", .type = CONF_DURATION,
	  .offset = DC_OFF(message_ttl), .def = "7d",
	  .min = 60, .max = 365 * 86400,
	  .help = "delete messages not acknowledged after this long" },
	{ .name = "create-mailbox-rate", .type = CONF_UINT,
	  .offset = DC_OFF(create_mailbox_rate), .def = "10",
	  .min = 0, .max = 1000000,
	  .help = "createMailbox calls a minute, node-wide (0: no limit)" },
	{ .name = "send-rate", .type = CONF_UINT,
	  .offset = DC_OFF(send_rate), .def = "6000",
	  .min = 0, .max = 1000000,
	  .help = "sendMessage calls without a token a minute, node-wide" },
	{ .name = "send-rate-mailbox", .type = CONF_UINT,
	  .offset = DC_OFF(send_rate_mailbox), .def = "600",
	  .min = 0, .max = 1000000,
	  .help = "sendMessage calls a minute with one mailbox's tokens" },
	{ .name = "max-query-bytes", .type = CONF_SIZE,
	  .offset = DC_OFF(max_query_bytes), .def = "1M",
	  .min = 1024, .max = 64 << 20,
	  .help = "refuse GraphQL documents longer than this" },
	{ .name = "max-query-tokens", .type = CONF_UINT,
	  .offset = DC_OFF(max_query_tokens), .def = "100000",
	  .min = 100, .max = 10000000,
	  .help = "refuse GraphQL documents of more tokens" },
	{ .name = "max-query-depth", .type = CONF_UINT,
	  .offset = DC_OFF(max_query_depth), .def = "32",
	  .min = 1, .max = 128,
	  .help = "refuse queries whose fields nest deeper" },
	{ .name = "max-query-fields", .type = CONF_UINT,
	  .offset = DC_OFF(max_query_fields), .def = "2000",
	  .min = 1, .max = 10000000,
	  .help = "refuse queries of more field selections" },
	{ .name = "max-errors", .type = CONF_UINT,
	  .offset = DC_OFF(max_errors), .def = "100",
	  .min = 1, .max = 10000,
	  .help = "report at most this many errors in one response" },
	{ .name = "max-introspection-depth", .type = CONF_UINT,
	  .offset = DC_OFF(max_introspection_depth), .def = "3",
	  .min = 1, .max = 100,
	  .help = "refuse introspection whose type lists nest this deep" },
	{ .name = "max-request-bytes", .type = CONF_SIZE,
	  .offset = DC_OFF(max_request_bytes), .def = "1M",
	  .min = 1024, .max = 256 << 20,
	  .help = "refuse larger HTTP bodies (413) and WebSocket messages" },
	{ .name = "max-header-bytes", .type = CONF_SIZE,
	  .offset = DC_OFF(max_header_bytes), .def = "8k",
	  .min = 1024, .max = 32 << 10,
	  .help = "refuse larger request lines (414) and headers (431)" },
	{ .name = "request-timeout", .type = CONF_DURATION,
	  .offset = DC_OFF(request_timeout), .def = "10s",
	  .min = 1, .max = 3600,
	  .help = "give the headers, then the body, each this long (408)" },
	{ .name = "idle-timeout", .type = CONF_DURATION,
	  .offset = DC_OFF(idle_timeout), .def = "1m",
	  .min = 1, .max = 86400,
	  .help = "close keep-alive and WebSocket connections idle this long" },
	{ .name = "max-connections", .type = CONF_UINT,
	  .offset = DC_OFF(max_connections), .def = "1024",
	  .min = 1, .max = 65535,
	  .help = "refuse connections beyond this many open sockets" },
	{ .name = "ws-init-timeout", .type = CONF_DURATION,
	  .offset = DC_OFF(ws_init_timeout), .def = "3s",
	  .min = 1, .max = 300,
	  .help = "close a WebSocket without connection_init by then (4408)" },
	{ .name = "ws-ping-interval", .type = CONF_DURATION,
	  .offset = DC_OFF(ws_ping_interval), .def = "20s",
	  .min = 1, .max = 3600,
	  .help = "ping WebSocket peers this often; drop the silent ones" },
	{ .name = "ws-send-queue-bytes", .type = CONF_SIZE,
	  .offset = DC_OFF(ws_send_queue_bytes), .def = "256k",
	  .min = 1024, .max = 64 << 20,
	  .help = "pause subscriptions when this much waits to be sent" },
	{ .name = "ws-max-operations", .type = CONF_UINT,
	  .offset = DC_OFF(ws_max_operations), .def = "100",
	  .min = 1, .max = 10000,
	  .help = "most operations running on one WebSocket" },
	{ .name = "log", .type = CONF_STRING, .offset = DC_OFF(log),
	  .def = "stderr", .metavar = "stderr|syslog|file:PATH",
	  .check = daemon_conf_log_ok,
	  .accepts = "one of: stderr, syslog, file:PATH",
	  .help = "where to log; SIGHUP reopens a file" },
	{ .name = "log-level", .type = CONF_ENUM,
	  .offset = DC_OFF(log_level), .def = "info",
	  .words = daemon_conf_level_words,
	  .help = "log messages of this level and more severe" },
	{ .name = "pid-file", .type = CONF_PATH, .offset = DC_OFF(pid_file),
	  .help = "write the process id to FILE (default: none)" },
	{ .name = "user", .type = CONF_STRING, .offset = DC_OFF(user),
	  .metavar = "USER", .accepts = "a user name",
	  .help = "switch to USER after opening files (root only)" },
	{ .name = "check-config", .type = CONF_FLAG, .flags = CONF_CLI_ONLY,
	  .offset = DC_OFF(check_config),
	  .help = "check the settings, print them as a file, exit" },
	{ .name = "show-address", .type = CONF_FLAG, .flags = CONF_CLI_ONLY,
	  .offset = DC_OFF(show_address),
	  .help = "print the node's onion address and exit" },
	{ .name = "help", .type = CONF_FLAG, .flags = CONF_CLI_ONLY,
	  .offset = DC_OFF(help), .help = "print this help and exit" },
	{ .name = "version", .type = CONF_FLAG, .flags = CONF_CLI_ONLY,
	  .offset = DC_OFF(version), .help = "print the version and exit" },
};

const struct conf_table daemon_conf_table = {
	.progname = "onionmsgd",
	.synopsis =
	    "usage: onionmsgd [--config FILE] [--option VALUE]...\n"
	    "The onionmsg node daemon: a private messaging node behind a tor\n"
	    "onion service. It runs in the foreground and logs to stderr.\n"
	    "\n",
	.epilogue =
	    "\n"
	    "Sizes take k, M, G or T (1k = 1024 bytes); durations take s, m,\n"
	    "h or d (1h30m). Every option but --config, --check-config,\n"
	    "--show-address, --help and --version is also a key of the\n"
	    "configuration file, written \"key value\". See onionmsgd(8)\n"
	    "and onionmsgd.conf(5).\n",
	.opts = daemon_conf_opts,
	.nopts = nitems(daemon_conf_opts),
};

static int
daemon_conf_log_ok(const char *s)
{
	if (strcmp(s, "stderr") == 0 || strcmp(s, "syslog") == 0)
		return 0;
	return strncmp(s, "file:", 5) == 0 && s[5] != '\0' ? 0 : -1;
}

/*
 * Fill dc from the command line and the file it names. Returns the conf
 * (free it with conf_free() when dc is no longer needed), or NULL with err
 * filled: the caller prints "onionmsgd: MESSAGE" and exits 64.
 */
struct conf *
daemon_conf_load(struct daemon_conf *dc, int argc, char **argv,
    struct conf_error *err)
{
	struct conf	*c;

	memset(dc, 0, sizeof(*dc));
	c = conf_new(&daemon_conf_table, dc);
	if (conf_parse_args(c, argc, argv, err) == -1)
		goto fail;
	if (dc->help || dc->version)
		return c;
	if (dc->config != NULL && conf_load_file(c, dc->config, err) == -1)
		goto fail;
	if (daemon_conf_check(c, dc, err) == -1)
		goto fail;
	return c;
fail:
	conf_free(c);
	return NULL;
}

/* Check what spans options; 0, or -1 with err naming where each was set. */
int
daemon_conf_check(const struct conf *c, const struct daemon_conf *dc,
    struct conf_error *err)
{
	char	where[CONF_MSG_MAX / 2], other[CONF_MSG_MAX / 4], addr[160];
	char	a[32], b[32];

	if (!conf_listen_is_loopback(&dc->listen) && !dc->allow_public_listen) {
		conf_where(c, "listen", where, sizeof(where));
		conf_listen_format(&dc->listen, addr, sizeof(addr));
		conf_errorf(err, "%s: \"%s\" is not a loopback address; add "
		    "--allow-public-listen to accept connections from other "
		    "machines", where, addr);
		return -1;
	}
	if (dc->mailbox_quota_bytes < dc->max_envelope_bytes) {
		conf_where(c, "mailbox-quota-bytes", where, sizeof(where));
		conf_where(c, "max-envelope-bytes", other, sizeof(other));
		conf_format_size(dc->mailbox_quota_bytes, a, sizeof(a));
		conf_format_size(dc->max_envelope_bytes, b, sizeof(b));
		conf_errorf(err, "%s: \"%s\" is smaller than %s (%s), so no "
		    "mailbox could hold a largest envelope; accepted: at least "
		    "%s", where, a, other, b, b);
		return -1;
	}
	return 0;
}

/* Tell where --log sends messages; path is set for file:PATH. */
void
daemon_conf_log_dest(const struct daemon_conf *dc, enum log_dest *dest,
    const char **path)
{
	*path = NULL;
	if (strcmp(dc->log, "syslog") == 0)
		*dest = LOG_DEST_SYSLOG;
	else if (strncmp(dc->log, "file:", 5) == 0) {
		*dest = LOG_DEST_FILE;
		*path = dc->log + 5;
	} else
		*dest = LOG_DEST_STDERR;
}
