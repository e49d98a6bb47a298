/*
 * store_bench.c: how many 256-byte envelopes per second the store takes,
 * into one mailbox and spread over 1000, with one transaction per message
 * and with group commits of 64 and 512, at --sync normal and full. Each
 * figure is the median of three runs on a fresh database.
 */
#include "config.h"

#include <sys/resource.h>

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "common/log.h"
#include "common/util.h"
#include "common/xmalloc.h"
#include "store/store.h"

#define ENVELOPE_SIZE	256
#define RUNS		3

struct bench_opts {
	const char	*dir;
	int		 syncs[2];
	size_t		 nsyncs;
	int64_t		 messages;
	double		 seconds;
	int		 mailboxes;	/* 0: both 1 and 1000 */
	size_t		 batch;		/* 0: 1, 64 and 512 */
};

static void	 bench_usage(void) __attribute__((noreturn));
static double	 bench_run(const struct bench_opts *, enum store_sync, int,
		    size_t);
static int64_t	 bench_insert(struct store *, struct store_batch *, char **,
		    int, size_t, int64_t, uint64_t);
static char	**bench_mailboxes(struct store *, int);
static void	 bench_remove(const char *);
static int	 bench_cmp(const void *, const void *);
static uint64_t	 bench_cpu_us(void);

static double	 cpu_rate;	/* messages per CPU second, last case */

static void
bench_usage(void)
{
	fprintf(stderr, "usage: store_bench [--sync normal|full] "
	    "[--messages n] [--seconds s] [--dir directory]\n"
	    "                   [--mailboxes n] [--batch n]\n");
	exit(2);
}

int
main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "sync", required_argument, NULL, 's' },
		{ "messages", required_argument, NULL, 'n' },
		{ "seconds", required_argument, NULL, 't' },
		{ "dir", required_argument, NULL, 'd' },
		{ "mailboxes", required_argument, NULL, 'm' },
		{ "batch", required_argument, NULL, 'b' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	static const int	 mailboxes[] = { 1, 1000 };
	static const size_t	 batches[] = { 1, 64, 512 };
	struct bench_opts	 o = { ".", { STORE_SYNC_NORMAL, STORE_SYNC_FULL },
				    2, 200000, 2.0, 0, 0 };
	size_t			 m, b, s;
	double			 rate;
	int			 ch;

	while ((ch = getopt_long(argc, argv, "s:n:t:d:m:b:h", longopts,
	    NULL)) != -1) {
		switch (ch) {
		case 's':
			o.nsyncs = 1;
			if (strcmp(optarg, "normal") == 0)
				o.syncs[0] = STORE_SYNC_NORMAL;
			else if (strcmp(optarg, "full") == 0)
				o.syncs[0] = STORE_SYNC_FULL;
			else
				bench_usage();
			break;
		case 'n':
			o.messages = atoll(optarg);
			break;
		case 't':
			o.seconds = atof(optarg);
			break;
		case 'd':
			o.dir = optarg;
			break;
		case 'm':
			o.mailboxes = atoi(optarg);
			break;
		case 'b':
			o.batch = (size_t)atol(optarg);
			break;
		default:
			bench_usage();
		}
	}
	if (o.messages <= 0 || o.seconds <= 0 || o.mailboxes < 0)
		bench_usage();
	log_set_level(LOG_LVL_WARN);

	printf("store_bench: %d-byte envelopes, messages/s, median of %d runs"
	    " (each run: up to %lld messages or %.1f s, fresh database in "
	    "%s)\n\n", ENVELOPE_SIZE, RUNS, (long long)o.messages, o.seconds,
	    o.dir);
	printf("%-10s %-16s", "mailboxes", "commit");
	for (s = 0; s < o.nsyncs; s++)
		printf(" %24s", o.syncs[s] == STORE_SYNC_FULL ?
		    "sync=full" : "sync=normal");
	printf("\n%-27s", "");
	for (s = 0; s < o.nsyncs; s++)
		printf(" %12s %11s", "wall", "(per cpu-s)");
	printf("\n");
	for (m = 0; m < nitems(mailboxes); m++) {
		if (o.mailboxes != 0 && m > 0)
			break;
		for (b = 0; b < nitems(batches); b++) {
			char	label[32];
			int	nm = o.mailboxes != 0 ? o.mailboxes :
				    mailboxes[m];
			size_t	nb = o.batch != 0 ? o.batch : batches[b];

			if (o.batch != 0 && b > 0)
				break;

			if (nb == 1)
				snprintf(label, sizeof(label), "per message");
			else
				snprintf(label, sizeof(label), "group of %zu",
				    nb);
			printf("%-10d %-16s", nm, label);
			fflush(stdout);
			for (s = 0; s < o.nsyncs; s++) {
				rate = bench_run(&o, o.syncs[s], nm, nb);
				printf(" %12.0f (%9.0f)", rate, cpu_rate);
				fflush(stdout);
			}
			printf("\n");
		}
	}
	return 0;
}

/* Return the median rate of RUNS runs of one case. */
static double
bench_run(const struct bench_opts *o, enum store_sync sync, int nmailboxes,
    size_t batch)
{
	struct store		*st;
	struct store_batch	*b;
	double			 rates[RUNS], cpu[RUNS];
	char			*path, **ids, err[256];
	uint64_t		 t0, t1, c0, limit;
	int64_t			 done;
	int			 r, i;

	xasprintf(&path, "%s/store_bench.%ld.db", o->dir, (long)getpid());
	limit = (uint64_t)(o->seconds * 1e6);
	for (r = 0; r < RUNS; r++) {
		bench_remove(path);
		if ((st = store_open(path, sync, err, sizeof(err))) == NULL) {
			fprintf(stderr, "store_bench: %s\n", err);
			exit(1);
		}
		ids = bench_mailboxes(st, nmailboxes);
		b = store_batch_new();
		c0 = bench_cpu_us();
		t0 = util_mono_us();
		done = bench_insert(st, b, ids, nmailboxes, batch, o->messages,
		    t0 + limit);
		t1 = util_mono_us();
		rates[r] = (double)done * 1e6 / (double)(t1 - t0);
		cpu[r] = (double)done * 1e6 / (double)(bench_cpu_us() - c0 + 1);
		store_batch_free(b);
		for (i = 0; i < nmailboxes; i++)
			free(ids[i]);
		free(ids);
		store_close(st);
	}
	bench_remove(path);
	free(path);
	qsort(rates, RUNS, sizeof(rates[0]), bench_cmp);
	qsort(cpu, RUNS, sizeof(cpu[0]), bench_cmp);
	cpu_rate = cpu[RUNS / 2];
	return rates[RUNS / 2];
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

/* Return the CPU time (user + system) this process used so far. */
static uint64_t
bench_cpu_us(void)
{
	struct rusage	ru;

	getrusage(RUSAGE_SELF, &ru);
	return (uint64_t)(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) * 1000000 +
	    (uint64_t)(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec);
}

static int
bench_cmp(const void *a, const void *b)
{
	double	x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}
