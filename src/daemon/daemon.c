/*
 * daemon.c: onionmsgd from start to stop. Start-up runs in an order that
 * keeps mistakes harmless: options and the config file first (a bad one
 * exits 64 before anything is touched), then the data directory (created
 * 0700, refused when unsafe), the log, the pid file, the switch to --user,
 * and only then the store, so the database files belong to the user who
 * will run. The main thread then waits for signals: SIGHUP reopens the
 * log, SIGTERM and SIGINT stop cleanly (the store closed, the pid file
 * removed, exit 0). After the store, the checkpointer thread
 * (daemon_ckpt.c) and then the edge thread start; they stop in the other
 * order before the store is closed.
 */
#include "config.h"

#include <errno.h>
#ifdef HAVE_MALLOPT
#include <malloc.h>
#endif
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "api/api.h"
#include "common/conf.h"
#include "common/log.h"
#include "common/xmalloc.h"
#include "daemon/daemon.h"
#include "daemon/daemon_conf.h"
#include "daemon/daemon_int.h"
#include "edge/edge.h"
#include "store/store.h"

#define DAEMON_GO	(-1)	/* daemon_options(): start the daemon */

static int	daemon_options(struct daemon *, int, char **);
static int	daemon_open(struct daemon *);
static int	daemon_show_address(struct daemon *);
static int	daemon_open_log(struct daemon *);
static int	daemon_open_store(struct daemon *);
static void	daemon_start_ckpt(struct daemon *);
static int	daemon_start_edge(struct daemon *);
static void	daemon_api_config(const struct daemon *,
		    struct api_config *);
static void	daemon_edge_config(const struct daemon *,
		    struct edge_config *);
static void	daemon_log_settings(const struct daemon *);
static int	daemon_run(struct daemon *);
static void	daemon_close(struct daemon *);
static void	daemon_error(const struct daemon *, const char *, ...)
		    __attribute__((format(printf, 2, 3)));
static void	daemon_malloc_tune(void);

/* Run the daemon; return the process exit status. */
int
daemon_main(int argc, char **argv)
{
	struct daemon	d;
	int		rc;

	memset(&d, 0, sizeof(d));
	d.dir.fd = d.pid_fd = -1;
	daemon_malloc_tune();
	daemon_signal_block(&d.sigs);
	if ((rc = daemon_options(&d, argc, argv)) == DAEMON_GO &&
	    (rc = daemon_open(&d)) == DAEMON_EX_OK && !d.dc.show_address)
		rc = daemon_run(&d);
	daemon_close(&d);
	return rc;
}

/*
 * glibc hands freed memory at the top of a heap back to the kernel once
 * 128 KiB are free there, and takes it again one page fault at a time.
 * An ack that deletes many messages has SQLite journal every page it
 * touches in memory, freed at the end: on the VM this was measured on
 * that cycle stalled the event loop 25-35 ms per such ack (p99 of
 * delivery at 5000 msg/s, one ack per 50 messages: 35 -> 2.5 ms).
 * Keep up to 64 MiB of free memory instead.
 */
static void
daemon_malloc_tune(void)
{
#ifdef HAVE_MALLOPT
	(void)mallopt(M_TRIM_THRESHOLD, 64 << 20);
#endif
}

/* Read flags and file; DAEMON_GO, or the exit status to stop with. */
static int
daemon_options(struct daemon *d, int argc, char **argv)
{
	struct conf_error	err;
	char			msg[CONF_MSG_MAX];

	if ((d->conf = daemon_conf_load(&d->dc, argc, argv, &err)) == NULL) {
		fprintf(stderr, "onionmsgd: %s\n", err.msg);
		return DAEMON_EX_USAGE;
	}
	if (d->dc.help) {
		conf_usage(&daemon_conf_table, stdout);
		return fflush(stdout) == 0 ? DAEMON_EX_OK : DAEMON_EX_FAIL;
	}
	if (d->dc.version) {
		printf("onionmsgd %s\n", PACKAGE_VERSION);
		return fflush(stdout) == 0 ? DAEMON_EX_OK : DAEMON_EX_FAIL;
	}
	if (daemon_privs_lookup(d->dc.user, &d->uid, &d->gid, &d->switch_user,
	    msg, sizeof(msg)) == -1) {
		fprintf(stderr, "onionmsgd: %s\n", msg);
		return DAEMON_EX_USAGE;
	}
	if (d->dc.check_config) {
		conf_print(d->conf, stdout);
		return fflush(stdout) == 0 ? DAEMON_EX_OK : DAEMON_EX_FAIL;
	}
	if (d->dc.show_address && d->dc.ephemeral) {
		fprintf(stderr, "onionmsgd: --show-address: an --ephemeral "
		    "node has a new address at every start\n");
		return DAEMON_EX_USAGE;
	}
	return DAEMON_GO;
}

/* Open everything in order; DAEMON_EX_OK or the exit status. */
static int
daemon_open(struct daemon *d)
{
	char	msg[CONF_MSG_MAX];

	if (daemon_datadir_open(&d->dir, d->dc.data_dir, d->uid, d->gid, msg,
	    sizeof(msg)) == -1) {
		daemon_error(d, "%s", msg);
		return DAEMON_EX_CONFIG;
	}
	if (d->dc.show_address)
		return daemon_show_address(d);
	if (daemon_datadir_lock(&d->dir, d->dc.data_dir, msg,
	    sizeof(msg)) == -1) {
		daemon_error(d, "%s", msg);
		return DAEMON_EX_FAIL;
	}
	if (daemon_open_log(d) == -1)
		return DAEMON_EX_FAIL;
	daemon_log_settings(d);
	if (d->dc.pid_file != NULL && (d->pid_fd = daemon_pidfile_write(
	    d->dc.pid_file, msg, sizeof(msg))) == -1) {
		daemon_error(d, "%s", msg);
		return DAEMON_EX_FAIL;
	}
	if (d->switch_user) {
		if (daemon_privs_drop(d->dc.user, d->uid, d->gid, msg,
		    sizeof(msg)) == -1) {
			daemon_error(d, "%s", msg);
			return DAEMON_EX_FAIL;
		}
		log_info("daemon", "running as user %s (uid %u)", d->dc.user,
		    (unsigned)d->uid);
	}
	if (daemon_open_store(d) == -1)
		return DAEMON_EX_FAIL;
	daemon_start_ckpt(d);
	if (daemon_start_edge(d) == -1)
		return DAEMON_EX_FAIL;
	return DAEMON_EX_OK;
}

/*
 * --show-address: print <label>.onion from the saved node key and exit.
 * A data directory without a key gets one, saved as the first start would
 * save it, so the address is known before the node ever ran. A running
 * node holds the lock and has saved its key already: it is only read.
 */
static int
daemon_show_address(struct daemon *d)
{
	char	msg[CONF_MSG_MAX], label[OM_ONION_LEN + 1];

	/* Only errors: standard output is the answer. */
	if (log_init(LOG_LVL_ERR, LOG_DEST_STDERR, NULL) == -1)
		return DAEMON_EX_FAIL;
	d->log_open = 1;
	(void)daemon_datadir_lock(&d->dir, d->dc.data_dir, msg, sizeof(msg));
	if (d->switch_user && daemon_privs_drop(d->dc.user, d->uid, d->gid,
	    msg, sizeof(msg)) == -1) {
		daemon_error(d, "%s", msg);
		return DAEMON_EX_FAIL;
	}
	if (daemon_open_store(d) == -1)
		return DAEMON_EX_FAIL;
	if (api_node_identity(d->store, 0, label, msg, sizeof(msg)) == -1) {
		daemon_error(d, "%s", msg);
		return DAEMON_EX_FAIL;
	}
	printf("%s.onion\n", label);
	return fflush(stdout) == 0 ? DAEMON_EX_OK : DAEMON_EX_FAIL;
}

static int
daemon_open_log(struct daemon *d)
{
	enum log_dest	 dest;
	const char	*path;

	daemon_conf_log_dest(&d->dc, &dest, &path);
	if (log_init((enum log_level)d->dc.log_level, dest, path) == -1) {
		fprintf(stderr, "onionmsgd: --log: cannot open %s: %s\n", path,
		    strerror(errno));
		return -1;
	}
	d->log_open = 1;
	return 0;
}

static int
daemon_open_store(struct daemon *d)
{
	char			msg[CONF_MSG_MAX];
	enum store_sync		sync;

	sync = d->dc.sync == DAEMON_SYNC_FULL ? STORE_SYNC_FULL :
	    STORE_SYNC_NORMAL;
	xasprintf(&d->db_path, "%s/%s", d->dc.data_dir, DAEMON_DB_NAME);
	if ((d->store = store_open(d->db_path, sync, msg,
	    sizeof(msg))) == NULL) {
		daemon_error(d, "cannot open the database: %s", msg);
		return -1;
	}
	log_info("store", "database %s open (sync %s)", d->db_path,
	    sync == STORE_SYNC_FULL ? "full" : "normal");
	return 0;
}

/*
 * Start the checkpointer on its own connection, so the edge's never
 * checkpoints. Without it (a warning) the edge's connection checkpoints
 * by itself, as a lone connection does.
 */
static void
daemon_start_ckpt(struct daemon *d)
{
	char	msg[CONF_MSG_MAX];

	d->ckpt = daemon_ckpt_start(d->db_path, d->dc.sync == DAEMON_SYNC_FULL ?
	    STORE_SYNC_FULL : STORE_SYNC_NORMAL, msg, sizeof(msg));
	if (d->ckpt == NULL)
		log_warnx("store", "no checkpointer thread (%s): inserts will "
		    "checkpoint the database themselves", msg);
}

/* The API's settings from the daemon's. */
static void
daemon_api_config(const struct daemon *d, struct api_config *ac)
{
	const struct daemon_conf	*dc = &d->dc;

	memset(ac, 0, sizeof(*ac));
	ac->db_path = d->db_path;
	ac->sync_full = dc->sync == DAEMON_SYNC_FULL;
	ac->bg_checkpoints = d->ckpt != NULL;
	ac->ephemeral = dc->ephemeral;
	ac->tor_disabled = 1;	/* no tor thread in this build yet */
	ac->max_envelope_bytes = dc->max_envelope_bytes;
	ac->quota_messages = dc->mailbox_quota_messages;
	ac->quota_bytes = dc->mailbox_quota_bytes;
	ac->default_ttl = dc->message_ttl;
	ac->max_ttl = dc->message_ttl;
	ac->long_poll_max = dc->long_poll_max;
	ac->rate_create_mailbox = (uint32_t)dc->create_mailbox_rate;
	ac->rate_send = (uint32_t)dc->send_rate;
	ac->rate_send_mailbox = (uint32_t)dc->send_rate_mailbox;
	ac->max_page_size = 1000;
	ac->max_query_bytes = (size_t)dc->max_query_bytes;
	ac->max_query_tokens = (uint32_t)dc->max_query_tokens;
	ac->max_query_depth = (uint32_t)dc->max_query_depth;
	ac->max_query_fields = (uint32_t)dc->max_query_fields;
	ac->max_errors = (uint32_t)dc->max_errors;
	ac->max_introspection_depth = (uint32_t)dc->max_introspection_depth;
}

/* The edge's settings from the daemon's; the table bounds each value. */
static void
daemon_edge_config(const struct daemon *d, struct edge_config *ec)
{
	const struct daemon_conf	*dc = &d->dc;

	edge_config_defaults(ec);
	ec->port_file = dc->port_file;
	ec->allow_public = dc->allow_public_listen;
	ec->max_request_bytes = (size_t)dc->max_request_bytes;
	ec->max_header_bytes = (size_t)dc->max_header_bytes;
	ec->request_timeout_ms = (unsigned)(dc->request_timeout * 1000);
	ec->idle_timeout_ms = (unsigned)(dc->idle_timeout * 1000);
	ec->max_connections = (unsigned)dc->max_connections;
	ec->ws_init_timeout_ms = (unsigned)(dc->ws_init_timeout * 1000);
	ec->ws_ping_interval_ms = (unsigned)(dc->ws_ping_interval * 1000);
	ec->ws_send_queue_bytes = (size_t)dc->ws_send_queue_bytes;
	ec->ws_max_operations = (unsigned)dc->ws_max_operations;
	ec->long_poll_max_ms = (unsigned)(dc->long_poll_max * 1000 + 5000);
}

/*
 * Find the node identity, then start the edge thread serving the API on
 * --listen; the edge opens its own connection to the database.
 */
static int
daemon_start_edge(struct daemon *d)
{
	struct api_config	ac;
	struct edge_config	ec;
	char			msg[CONF_MSG_MAX], addr[160];

	daemon_api_config(d, &ac);
	if (api_node_identity(d->store, d->dc.ephemeral, ac.label, msg,
	    sizeof(msg)) == -1) {
		daemon_error(d, "%s", msg);
		return -1;
	}
	log_info("daemon", "node address %s.onion%s", ac.label,
	    d->dc.ephemeral ? " (ephemeral)" : "");
	if ((d->api = api_new(&ac, msg, sizeof(msg))) == NULL) {
		daemon_error(d, "%s", msg);
		return -1;
	}
	daemon_edge_config(d, &ec);
	conf_listen_format(&d->dc.listen, addr, sizeof(addr));
	ec.listen = addr;
	if ((d->edge = edge_new(&ec, &api_handler, d->api, msg,
	    sizeof(msg))) == NULL || edge_start(d->edge) == -1) {
		daemon_error(d, "cannot serve the API on %s: %s", addr,
		    d->edge == NULL ? msg : "the edge thread did not start");
		return -1;
	}
	log_info("edge", "serving the API on %s", addr);
	return 0;
}

/* Say at INFO what the operator configured, in words. */
static void
daemon_log_settings(const struct daemon *d)
{
	const struct daemon_conf	*dc = &d->dc;
	char				 addr[160], env[32], quota[32], ttl[32];

	log_info("daemon", "onionmsgd %s starting", PACKAGE_VERSION);
	if (dc->config != NULL)
		log_info("daemon", "configuration file %s", dc->config);
	log_info("daemon", "data directory %s%s", dc->data_dir,
	    d->dir.created ? " (created)" : "");
	if (d->dir.mode & 077)
		log_warnx("daemon", "data directory %s can be read by others "
		    "(mode %04o); chmod 0700 %s", dc->data_dir,
		    (unsigned)d->dir.mode, dc->data_dir);
	if (d->dir.avail < DAEMON_MIN_FREE)
		log_warnx("daemon", "data directory %s has only %llu bytes "
		    "free", dc->data_dir, (unsigned long long)d->dir.avail);
	conf_format_size(dc->max_envelope_bytes, env, sizeof(env));
	conf_format_size(dc->mailbox_quota_bytes, quota, sizeof(quota));
	conf_format_duration(dc->message_ttl, ttl, sizeof(ttl));
	log_info("daemon", "limits: envelopes up to %s, mailboxes up to %llu "
	    "messages and %s, messages kept at most %s", env,
	    (unsigned long long)dc->mailbox_quota_messages, quota, ttl);
	conf_listen_format(&dc->listen, addr, sizeof(addr));
	log_info("daemon", "listen address %s", addr);
	if (dc->no_tor)
		log_info("tor", "tor disabled (--no-tor): serving on loopback "
		    "only");
	else
		log_info("tor", "tor support is not part of this build yet: "
		    "serving on loopback only, as with --no-tor");
}

/* Wait for signals until told to stop; return the exit status. */
static int
daemon_run(struct daemon *d)
{
	enum log_dest	 dest;
	const char	*path;
	int		 sig;

	d->started = 1;
	daemon_notify("READY=1");
	log_info("daemon", "ready");
	for (;;) {
		sig = daemon_signal_wait(&d->sigs);
		if (sig != SIGHUP)
			break;
		daemon_conf_log_dest(&d->dc, &dest, &path);
		if (log_reopen() == -1)
			log_warn("daemon", "SIGHUP: cannot reopen log %s",
			    path != NULL ? path : "");
		else
			log_info("daemon", "SIGHUP: log reopened");
	}
	daemon_notify("STOPPING=1");
	log_info("daemon", "stopping on %s", sig == SIGINT ? "SIGINT" :
	    "SIGTERM");
	return DAEMON_EX_OK;
}

/* Undo what daemon_open() did, whatever it got to. */
static void
daemon_close(struct daemon *d)
{
	if (d->edge != NULL) {
		/* In-flight commits finish before the thread ends. */
		edge_stop(d->edge);
		edge_free(d->edge);
	}
	daemon_ckpt_stop(d->ckpt);
	api_free(d->api);
	if (d->store != NULL) {
		store_close(d->store);
		log_info("store", "database closed");
	}
	daemon_pidfile_remove(d->dc.pid_file, d->pid_fd);
	daemon_datadir_close(&d->dir);
	if (d->started)
		log_info("daemon", "stopped");
	free(d->db_path);
	conf_free(d->conf);
	log_close();
}

/*
 * Report why the daemon cannot start: on stderr before the log is open;
 * to the log after, and also on stderr when the log goes elsewhere, so
 * whoever started the daemon sees why it stopped.
 */
static void
daemon_error(const struct daemon *d, const char *fmt, ...)
{
	va_list	ap;
	char	msg[CONF_MSG_MAX * 2];

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (d->log_open)
		log_msg(LOG_LVL_ERR, "daemon", "%s", msg);
	if (!d->log_open || strcmp(d->dc.log, "stderr") != 0)
		fprintf(stderr, "onionmsgd: %s\n", msg);
}
