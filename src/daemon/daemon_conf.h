/*
 * daemon_conf.h: onionmsgd's settings, as the option table in
 * daemon_conf.c fills them from flags and the configuration file. Every
 * part of the daemon reads its limits from struct daemon_conf: the
 * store's, the GraphQL engine's and the edge's.
 */
#ifndef OM_DAEMON_CONF_H
#define OM_DAEMON_CONF_H

#include <stdint.h>

#include "common/conf.h"
#include "common/log.h"

/* The order of the words of --sync: the values of enum store_sync. */
enum daemon_sync {
	DAEMON_SYNC_NORMAL = 0,
	DAEMON_SYNC_FULL,
};

struct daemon_conf {
	/* Command line only. */
	char			*config;	/* --config FILE */
	int			 help;
	int			 version;
	int			 check_config;
	int			 show_address;

	/* Flags and file keys. */
	char			*data_dir;
	struct conf_listen	 listen;
	int			 allow_public_listen;
	int			 no_tor;
	int			 sync;		/* enum daemon_sync */
	int			 log_level;	/* enum log_level */
	char			*log;		/* stderr, syslog or file:PATH */
	char			*pid_file;	/* NULL: none */
	char			*user;		/* NULL: keep the user */
	uint64_t		 max_envelope_bytes;
	uint64_t		 mailbox_quota_messages;
	uint64_t		 mailbox_quota_bytes;
	uint64_t		 message_ttl;	/* seconds */
	uint64_t		 create_mailbox_rate;	/* a minute, 0: none */
	uint64_t		 send_rate;		/* a minute, 0: none */
	uint64_t		 send_rate_mailbox;	/* a minute, 0: none */
	char			*port_file;	/* NULL: none */
	int			 ephemeral;
	uint64_t		 long_poll_max;	/* seconds */

	/* GraphQL documents (issue 3). */
	uint64_t		 max_query_bytes;
	uint64_t		 max_query_tokens;
	uint64_t		 max_query_depth;
	uint64_t		 max_query_fields;
	uint64_t		 max_errors;
	uint64_t		 max_introspection_depth;

	/* The edge: HTTP and WebSocket (issue 4); durations in seconds. */
	uint64_t		 max_request_bytes;
	uint64_t		 max_header_bytes;
	uint64_t		 request_timeout;
	uint64_t		 idle_timeout;
	uint64_t		 max_connections;
	uint64_t		 ws_init_timeout;
	uint64_t		 ws_ping_interval;
	uint64_t		 ws_send_queue_bytes;
	uint64_t		 ws_max_operations;
};

extern const struct conf_table daemon_conf_table;

struct conf	*daemon_conf_load(struct daemon_conf *, int, char **,
		    struct conf_error *);
int		 daemon_conf_check(const struct conf *,
		    const struct daemon_conf *, struct conf_error *);
void		 daemon_conf_log_dest(const struct daemon_conf *,
		    enum log_dest *, const char **);

#endif
