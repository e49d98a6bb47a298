/*
 * loadgen.h: the parts of bench/loadgen, the onionmsg API load tool, and
 * what they share: the options, the mailboxes set up for a run, the
 * counters both load threads update, and the latency histogram. The tool
 * runs one lws loop on the main thread (WebSocket subscribers and
 * publishers) and, when HTTP publishers are asked for, one libcurl multi
 * loop on a second thread; they share only the atomic counters below and
 * the read-only run description. Send timestamps travel inside the
 * envelopes, so a subscriber measures latency without shared state.
 */
#ifndef LOADGEN_H
#define LOADGEN_H

#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include <onionmsg/onion.h>
#include <onionmsg/token.h>
#include <onionmsg/address.h>

enum lg_mode {
	LG_MODE_PUBSUB = 0,	/* publishers -> subscribers, as fast or paced */
	LG_MODE_IDLE,		/* N idle subscriptions, server RSS per one */
};

enum lg_auth {
	LG_AUTH_ONIONMSG = 0,	/* real owner proofs and device tokens */
	LG_AUTH_NONE,		/* zero proofs; the token is the mailbox id */
};

struct lg_opts {
	enum lg_mode	 mode;
	enum lg_auth	 auth;
	const char	*host;		/* 127.0.0.0/8 only */
	int		 port;
	const char	*onion;		/* override for node { onion } */
	int		 subs;		/* subscriber connections */
	int		 ws_pubs;	/* WebSocket publisher connections */
	int		 http_pubs;	/* concurrent HTTP publishers */
	int		 batch;		/* sendMessage fields per HTTP request */
	int		 window;	/* operations in flight per WS publisher */
	double		 rate;		/* messages/s in all; 0 = as fast as can */
	double		 duration;	/* measured seconds */
	double		 warmup;	/* seconds before measuring */
	double		 drain;		/* seconds to wait for stragglers */
	int		 envelope_bytes;
	int		 ack_every;	/* subscribers ack every n messages */
	int		 idle_conns;
	double		 idle_wait;	/* seconds idle before reading RSS */
	int		 probes;	/* idle mode: subscriptions probed */
	int		 src_addrs;	/* bind to 127.0.0.1 .. 127.0.0.n */
	int		 max_pending;	/* connects in progress at once */
	double		 connect_timeout; /* seconds; 0: 60 + 1 per 50 */
	int		 server_pid;	/* 0: no server CPU and RSS */
	int		 evlib;		/* lws on libev (epoll), not poll() */
	int		 coalesce;	/* a window's frames in one write */
};

/* One mailbox of the run: its Address and the bearer token of its device. */
struct lg_mailbox {
	char	address[OM_ADDRESS_LEN + 1];
	char	token[OM_TOKEN_LEN + 1];
};

/* Latency histogram in microseconds: exact below 64 us, then 32 buckets
 * per power of two (about 3% wide), up to 2^36 us. */
#define LG_HIST_BUCKETS	(64 + 31 * 32)

struct lg_hist {
	uint64_t	count[LG_HIST_BUCKETS];
	uint64_t	n;
	uint64_t	max;
	uint64_t	sum;
};

/* Counters updated by both loops. */
struct lg_stats {
	atomic_ullong	published;	/* sendMessage answered with a cursor */
	atomic_ullong	pub_errors;	/* sendMessage answered with errors */
	atomic_ullong	http_requests;	/* HTTP requests completed */
	atomic_ullong	http_failures;	/* transport failures, non-200 */
	atomic_ullong	window_published; /* published inside the window */
	atomic_int	stop_publishing;
	atomic_int	http_done;
};

/* The state of a run, read by every part. */
struct lg_run {
	struct lg_opts		 o;
	char			 onion[OM_ONION_LEN + 1];
	char			 run_id[17];
	struct lg_mailbox	*mailboxes;
	int			 nmailboxes;
	char			*env_tail;	/* base64 of the envelope's tail */
	uint64_t		 t_start;	/* util_mono_us at publishing */
	uint64_t		 t_win_start;	/* measuring window */
	uint64_t		 t_win_end;
	struct lg_stats		 st;
};

/* loadgen_setup.c: node label, mailboxes and tokens. */
int	 lg_setup(struct lg_run *, int);
int	 lg_http_post(const struct lg_run *, const char *, const char *,
	    char **);

/* loadgen_msg.c: the JSON the publishers send and the subscribers read. */
#define LG_ENV_HEAD	12	/* bytes of timestamp and tag */
#define LG_ENV_HEAD64	16	/* their base64 */
struct buf;
void	 lg_msg_init(struct lg_run *);
void	 lg_msg_free(struct lg_run *);
size_t	 lg_msg_envelope_head(uint64_t, char *);
size_t	 lg_msg_ws_max(const struct lg_run *);
size_t	 lg_msg_ws_send(const struct lg_run *, char *, size_t, uint64_t,
	    int, uint64_t, uint64_t);
void	 lg_msg_http_batch(const struct lg_run *, int, uint64_t *, int,
	    struct buf *);
int	 lg_msg_find(const char *, size_t, const char *, const char **,
	    size_t *);
int	 lg_msg_envelope_time(const char *, size_t, uint64_t *);
uint64_t lg_msg_target(const struct lg_run *, int, uint64_t);

/* loadgen_hist.c */
void	 lg_hist_add(struct lg_hist *, uint64_t);
uint64_t lg_hist_quantile(const struct lg_hist *, double);

/* loadgen_http.c: the libcurl multi publishers on their own thread. */
struct lg_http;
struct lg_http	*lg_http_start(struct lg_run *);
void		 lg_http_join(struct lg_http *);

/* A sample of CPU time: this process and the server. */
struct lg_cpu {
	double		wall;		/* seconds, monotonic */
	double		self;		/* user + system seconds */
	double		server;		/* seconds, or -1 */
};

/* loadgen_ws.c: the lws loop. */
struct lg_ws_result {
	struct lg_hist	hist;		/* latency inside the window */
	struct lg_hist	ack_hist;	/* publish round trips, in the window */
	uint64_t	delivered;	/* in all */
	uint64_t	window_delivered;
	uint64_t	sub_errors;	/* error/complete on a subscription */
	uint64_t	conn_failures;	/* connect failures and closes */
	uint64_t	bad_frames;	/* next without a readable envelope */
	uint64_t	acks;
	int		subscribed;
	int		probes_sent;
	int		probes_seen;
	long		srv_rss_before_kib;
	long		srv_rss_after_kib;
	long		lg_rss_before_kib;
	long		lg_rss_after_kib;
	double		setup_seconds;
	struct lg_cpu	cpu_start;	/* at the window's (or idle's) start */
	struct lg_cpu	cpu_end;
};
int	 lg_ws_run(struct lg_run *, struct lg_ws_result *);

/* loadgen_proc.c: CPU and memory of this process and of the server. */
void	 lg_cpu_sample(const struct lg_run *, struct lg_cpu *);
long	 lg_proc_rss_kib(pid_t);
int	 lg_proc_raise_nofile(long);

#endif
