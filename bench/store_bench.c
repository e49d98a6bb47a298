/*
 * store_bench.c: how many 256-byte envelopes per second the store takes,
 * into one mailbox and spread over 1000, with one transaction per message
 * and with group commits of 64 and 512, at --sync normal and full; with
 * checkpoints done by the inserting connection (the default) and by a
 * second connection on its own thread (store_set_autocheckpoint off, as
 * the daemon can do from its tor thread). Each figure is the median of
 * three runs, each on a fresh database.
 */
#include "config.h"

#include <sys/resource.h>

#include <getopt.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "common/log.h"
#include "common/util.h"
#include "common/xmalloc.h"
#include "store/store.h"

#define ENVELOPE_SIZE	256
#define RUNS		3
#define MAX_COLUMNS	4

struct bench_case {
	int		 mailboxes;
	size_t		 batch;		/* 1: one transaction per message */
};

struct bench_column {
	enum store_sync	 sync;
	int		 background;	/* checkpoints on another thread */
};

struct bench_opts {
	const char	*dir;
	int64_t		 messages;
	double		 seconds;
	int		 mailboxes;	/* 0: every case */
	size_t		 batch;		/* 0: every case */
	int		 sync;		/* -1: both */
	int		 background;	/* -1: both */
};

struct bench_result {
	double		 wall;		/* messages per second */
	double		 cpu;		/* messages per CPU second */
};

struct bench_checkpointer {
	pthread_t	 thread;
	const char	*path;
	atomic_int	 stop;
};

static const struct bench_case bench_cases[] = {
	{ 1, 1 }, { 1, 64 }, { 1, 512 },
	{ 1000, 1 }, { 1000, 64 }, { 1000, 512 },
};

static void	 bench_usage(void) __attribute__((noreturn));
static void	 bench_options(int, char **, struct bench_opts *);
static size_t	 bench_columns(const struct bench_opts *,
		    struct bench_column *);
static void	 bench_print(const char *, const struct bench_column *, size_t,
		    struct bench_result [][MAX_COLUMNS], int);
static struct bench_result bench_case_run(const struct bench_opts *,
		    const struct bench_case *, const struct bench_column *);
static void	 bench_once(const struct bench_opts *, const char *,
		    const struct bench_case *, const struct bench_column *,
		    struct bench_result *);
static int64_t	 bench_insert(struct store *, struct store_batch *, char **,
		    int, size_t, int64_t, uint64_t);
static char	**bench_mailboxes(struct store *, int);
static void	*bench_checkpointer_main(void *);
static void	 bench_remove(const char *);
static int	 bench_cmp(const void *, const void *);
static uint64_t	 bench_cpu_us(void);

static void
bench_usage(void)
{
	fprintf(stderr, "usage: store_bench [--sync normal|full] "
	    "[--checkpoints inline|background]\n"
	    "                   [--mailboxes n] [--batch n] [--messages n] "
	    "[--seconds s] [--dir directory]\n");
	exit(2);
}

int
main(int argc, char **argv)
{
	struct bench_opts	 o;
	struct bench_column	 cols[MAX_COLUMNS];
	struct bench_result	 res[nitems(bench_cases)][MAX_COLUMNS];
	size_t			 ncols, i, c;

	bench_options(argc, argv, &o);
	log_set_level(LOG_LVL_WARN);
	ncols = bench_columns(&o, cols);
	memset(res, 0, sizeof(res));
	printf("store_bench: %d-byte envelopes, median of %d runs, each up to "
	    "%lld messages or %.1f s on a fresh database in %s\n",
	    ENVELOPE_SIZE, RUNS, (long long)o.messages, o.seconds, o.dir);
	for (i = 0; i < nitems(bench_cases); i++) {
		if ((o.mailboxes != 0 &&
		    o.mailboxes != bench_cases[i].mailboxes) ||
		    (o.batch != 0 && o.batch != bench_cases[i].batch))
			continue;
		for (c = 0; c < ncols; c++)
			res[i][c] = bench_case_run(&o, &bench_cases[i],
			    &cols[c]);
	}
	bench_print("messages/s (wall clock)", cols, ncols, res, 0);
	bench_print("messages per CPU second of the process (user + system)",
	    cols, ncols, res, 1);
	return 0;
}

static void
bench_options(int argc, char **argv, struct bench_opts *o)
{
	static const struct option longopts[] = {
		{ "sync", required_argument, NULL, 's' },
		{ "checkpoints", required_argument, NULL, 'c' },
		{ "messages", required_argument, NULL, 'n' },
		{ "seconds", required_argument, NULL, 't' },
		{ "dir", required_argument, NULL, 'd' },
		{ "mailboxes", required_argument, NULL, 'm' },
		{ "batch", required_argument, NULL, 'b' },
		{ NULL, 0, NULL, 0 }
	};
	int	ch;

	memset(o, 0, sizeof(*o));
	o->dir = ".";
	o->messages = 200000;
	o->seconds = 2.0;
	o->sync = o->background = -1;
	while ((ch = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		if (ch == 's' && strcmp(optarg, "normal") == 0)
			o->sync = STORE_SYNC_NORMAL;
		else if (ch == 's' && strcmp(optarg, "full") == 0)
			o->sync = STORE_SYNC_FULL;
		else if (ch == 'c' && strcmp(optarg, "inline") == 0)
			o->background = 0;
		else if (ch == 'c' && strcmp(optarg, "background") == 0)
			o->background = 1;
		else if (ch == 'n')
			o->messages = atoll(optarg);
		else if (ch == 't')
			o->seconds = atof(optarg);
		else if (ch == 'd')
			o->dir = optarg;
		else if (ch == 'm')
			o->mailboxes = atoi(optarg);
		else if (ch == 'b')
			o->batch = (size_t)atol(optarg);
		else
			bench_usage();
	}
	if (optind != argc || o->messages <= 0 || o->seconds <= 0 ||
	    o->mailboxes < 0)
		bench_usage();
}

/* Fill cols with the (sync, checkpoints) pairs asked for. */
static size_t
bench_columns(const struct bench_opts *o, struct bench_column *cols)
{
	size_t	n = 0;
	int	s, b;

	for (s = STORE_SYNC_NORMAL; s <= STORE_SYNC_FULL; s++) {
		if (o->sync != -1 && o->sync != s)
			continue;
		for (b = 0; b <= 1; b++) {
			if (o->background != -1 && o->background != b)
				continue;
			cols[n].sync = s == STORE_SYNC_FULL ? STORE_SYNC_FULL :
			    STORE_SYNC_NORMAL;
			cols[n++].background = b;
		}
	}
	return n;
}

static void
bench_print(const char *title, const struct bench_column *cols, size_t ncols,
    struct bench_result res[][MAX_COLUMNS], int cpu)
{
	char	label[32];
	size_t	i, c;

	printf("\n%s\n%-10s %-14s", title, "mailboxes", "commit");
	for (c = 0; c < ncols; c++) {
		snprintf(label, sizeof(label), "%s/%s",
		    cols[c].sync == STORE_SYNC_FULL ? "full" : "normal",
		    cols[c].background ? "bg-ckpt" : "inline");
		printf(" %15s", label);
	}
	printf("\n");
	for (i = 0; i < nitems(bench_cases); i++) {
		if (res[i][0].wall == 0)
			continue;
		if (bench_cases[i].batch == 1)
			snprintf(label, sizeof(label), "per message");
		else
			snprintf(label, sizeof(label), "group of %zu",
			    bench_cases[i].batch);
		printf("%-10d %-14s", bench_cases[i].mailboxes, label);
		for (c = 0; c < ncols; c++)
			printf(" %15.0f", cpu ? res[i][c].cpu :
			    res[i][c].wall);
		printf("\n");
	}
}

/* Run one case RUNS times; return the medians. */
static struct bench_result
bench_case_run(const struct bench_opts *o, const struct bench_case *bc,
    const struct bench_column *col)
{
	struct bench_result	 r, runs[RUNS];
	double			 v[RUNS];
	char			*path;
	int			 i;

	xasprintf(&path, "%s/store_bench.%ld.db", o->dir, (long)getpid());
	for (i = 0; i < RUNS; i++)
		bench_once(o, path, bc, col, &runs[i]);
	bench_remove(path);
	free(path);
	for (i = 0; i < RUNS; i++)
		v[i] = runs[i].wall;
	qsort(v, RUNS, sizeof(v[0]), bench_cmp);
	r.wall = v[RUNS / 2];
	for (i = 0; i < RUNS; i++)
		v[i] = runs[i].cpu;
	qsort(v, RUNS, sizeof(v[0]), bench_cmp);
	r.cpu = v[RUNS / 2];
	return r;
}

/* One run on a fresh database. */
static void
bench_once(const struct bench_opts *o, const char *path,
    const struct bench_case *bc, const struct bench_column *col,
    struct bench_result *res)
{
	struct bench_checkpointer	 ck;
	struct store			*st;
	struct store_batch		*b;
	char				**ids, err[256];
	uint64_t			 t0, t1, c0, c1;
	int64_t				 done;
	int				 i;

	bench_remove(path);
	if ((st = store_open(path, col->sync, err, sizeof(err))) == NULL) {
		fprintf(stderr, "store_bench: %s\n", err);
		exit(1);
	}
	ids = bench_mailboxes(st, bc->mailboxes);
	b = store_batch_new();
	if (col->background) {
		store_set_autocheckpoint(st, 0);
		ck.path = path;
		atomic_init(&ck.stop, 0);
		if (pthread_create(&ck.thread, NULL, bench_checkpointer_main,
		    &ck) != 0)
			fatalx("bench", "pthread_create failed");
	}
	c0 = bench_cpu_us();
	t0 = util_mono_us();
	done = bench_insert(st, b, ids, bc->mailboxes, bc->batch, o->messages,
	    t0 + (uint64_t)(o->seconds * 1e6));
	t1 = util_mono_us();
	c1 = bench_cpu_us();
	if (col->background) {
		atomic_store(&ck.stop, 1);
		pthread_join(ck.thread, NULL);
	}
	res->wall = (double)done * 1e6 / (double)(t1 - t0);
	res->cpu = (double)done * 1e6 / (double)(c1 - c0 + 1);
	store_batch_free(b);
	for (i = 0; i < bc->mailboxes; i++)
		free(ids[i]);
	free(ids);
	store_close(st);
}

/* Insert up to n messages round-robin over the mailboxes until deadline. */
static int64_t
bench_insert(struct store *st, struct store_batch *b, char **ids,
    int nmailboxes, size_t batch, int64_t n, uint64_t deadline)
{
	struct store_message_in	 in;
	uint8_t			 env[ENVELOPE_SIZE];
	char			 sid[32];
	int64_t			 done = 0, seq;
	size_t			 j;

	for (j = 0; j < sizeof(env); j++)
		env[j] = (uint8_t)(j * 131 + 7);
	memset(&in, 0, sizeof(in));
	in.sender_id = sid;
	in.envelope = env;
	in.size = sizeof(env);
	while (done < n && util_mono_us() < deadline) {
		store_batch_reset(b);
		for (j = 0; j < batch; j++) {
			snprintf(sid, sizeof(sid), "msg-%012lld",
			    (long long)(done + (int64_t)j));
			in.mailbox = ids[(done + (int64_t)j) % nmailboxes];
			in.received = (int64_t)util_now_ms();
			in.expires = in.received + 86400000;
			if (batch == 1) {
				if (store_message_insert(st, &in, &seq) !=
				    STORE_OK)
					goto fail;
			} else
				store_batch_add(b, &in);
		}
		if (batch != 1 && store_batch_commit(st, b) != STORE_OK)
			goto fail;
		for (j = 0; batch != 1 && j < batch; j++)
			if (store_batch_result(b, j, &seq) != STORE_OK)
				goto fail;
		done += (int64_t)batch;
	}
	return done;
fail:
	fprintf(stderr, "store_bench: insert: %s\n", store_errmsg(st));
	exit(1);
}

/* Create n mailboxes with ids as long as real ones (52 characters). */
static char **
bench_mailboxes(struct store *st, int n)
{
	uint8_t	  key[32];
	char	**ids;
	int	  i;

	ids = xcalloc((size_t)n, sizeof(*ids));
	for (i = 0; i < n; i++) {
		xasprintf(&ids[i], "%052d", i);
		memset(key, 0, sizeof(key));
		memcpy(key, &i, sizeof(i));
		if (store_mailbox_create(st, ids[i], key, key, 0, 0, 0) !=
		    STORE_OK) {
			fprintf(stderr, "store_bench: %s\n", store_errmsg(st));
			exit(1);
		}
	}
	return ids;
}

/* The daemon's other thread: a PASSIVE checkpoint every 20 ms. */
static void *
bench_checkpointer_main(void *arg)
{
	struct bench_checkpointer	*ck = arg;
	struct timespec			 ts = { 0, 20 * 1000 * 1000 };
	struct store			*st;
	enum store_result		 r;
	char				 err[256];

	if ((st = store_open(ck->path, STORE_SYNC_NORMAL, err,
	    sizeof(err))) == NULL)
		fatalx("bench", "checkpointer: %s", err);
	while (!atomic_load(&ck->stop)) {
		r = store_checkpoint(st);
		if (r != STORE_OK && r != STORE_BUSY)
			log_warnx("bench", "%s", store_errmsg(st));
		nanosleep(&ts, NULL);
	}
	store_close(st);
	return NULL;
}

static void
bench_remove(const char *path)
{
	char	*p;

	unlink(path);
	xasprintf(&p, "%s-wal", path);
	unlink(p);
	free(p);
	xasprintf(&p, "%s-shm", path);
	unlink(p);
	free(p);
}

static int
bench_cmp(const void *a, const void *b)
{
	double	x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

/* Return the CPU time (user + system) this process used so far. */
static uint64_t
bench_cpu_us(void)
{
	struct rusage	ru;

	getrusage(RUSAGE_SELF, &ru);
	return (uint64_t)(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) * 1000000 +
	    (uint64_t)(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec);
}
