/*
 * daemon_ckpt.c: the checkpointer, a small thread with its own store
 * connection that copies the WAL into the database file, so that the edge
 * thread, which takes every insert on its event loop, never waits for a
 * checkpoint's fsyncs (its connection's automatic checkpoints are off:
 * api_config.bg_checkpoints).
 *
 * Every CKPT_TICK_MS it looks at the WAL file (a stat, no lock) and, if
 * anything was written since its last look, runs a PASSIVE checkpoint,
 * which never makes anyone wait. Under steady inserts the WAL is never
 * wholly copied when a PASSIVE ends (the next commit came during its
 * fsync), so SQLite never starts it again from its beginning and it would
 * grow without end: once it holds CKPT_SOFT_BYTES the checkpointer makes
 * the next commit start it again (RESTART). That holds inserts off while
 * it copies and syncs what is left, so it first flushes both files
 * itself and runs another PASSIVE, without any lock: what is left is
 * then a few commits' worth. It gives up after CKPT_SOFT_WAIT_MS if the
 * writer or a reader does not let go (and tries again on the next tick);
 * past CKPT_HARD_BYTES it waits as long as a writer would (5 s). Each
 * restart holds inserts off for two small fsyncs (4-15 ms on the disk
 * this was measured on), so the WAL may grow large before one: at 5000
 * messages/s, a 256 MiB WAL lasts about 6 s. Its file is not cut back
 * while inserts go on (the edge's connection has journal_size_limit off:
 * truncating and growing the file again is work for the file system on
 * the event loop); once nothing was written for CKPT_IDLE_MS the
 * checkpointer empties it (TRUNCATE: all of it is copied by then, so
 * that costs no sync). Should this thread fall behind anyway, the edge's
 * connection still checkpoints by itself at 1 GiB
 * (store_set_autocheckpoint), the last resort.
 */
#include "config.h"

#include <errno.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "common/log.h"
#include "common/util.h"
#include "common/xmalloc.h"
#include "daemon/daemon_int.h"
#include "store/store.h"

#define CKPT_TICK_MS		100
#define CKPT_IDLE_MS		2000		/* then empty the WAL file */
#define CKPT_SOFT_BYTES		(INT64_C(256) << 20)	/* restart it */
#define CKPT_SOFT_WAIT_MS	50
#define CKPT_HARD_BYTES		(INT64_C(512) << 20)	/* and wait */
#define CKPT_HARD_WAIT_MS	5000

struct daemon_ckpt {
	pthread_t		 thread;
	pthread_mutex_t		 lock;
	pthread_cond_t		 cond;
	int			 stop;
	struct store		*store;
	/* the thread's own */
	int64_t			 pages;		/* WAL file at the last look */
	int64_t			 mtime;
	uint64_t		 last_us;	/* of the last change seen */
	int			 trimmed;	/* emptied since that change */
	int			 failing;	/* warned until it works */
	int			 stuck;		/* warned: cannot restart */
};

static void	*ckpt_main(void *);
static void	 ckpt_tick(struct daemon_ckpt *);
static void	 ckpt_restart(struct daemon_ckpt *, int64_t);
static void	 ckpt_trim(struct daemon_ckpt *);
static void	 ckpt_result(struct daemon_ckpt *, enum store_result);

/*
 * Open a connection to the database at path and start the checkpointer
 * thread on it; NULL with a message in err when either fails.
 */
struct daemon_ckpt *
daemon_ckpt_start(const char *path, enum store_sync sync, char *err,
    size_t errlen)
{
	struct daemon_ckpt	*ck = xcalloc(1, sizeof(*ck));
	pthread_condattr_t	 ca;
	int			 rc;

	if ((ck->store = store_open(path, sync, err, errlen)) == NULL) {
		free(ck);
		return NULL;
	}
	pthread_mutex_init(&ck->lock, NULL);
	pthread_condattr_init(&ca);
	pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
	pthread_cond_init(&ck->cond, &ca);
	pthread_condattr_destroy(&ca);
	ck->last_us = util_mono_us();
	if ((rc = pthread_create(&ck->thread, NULL, ckpt_main, ck)) != 0) {
		snprintf(err, errlen, "cannot start the checkpointer thread: "
		    "%s", strerror(rc));
		pthread_cond_destroy(&ck->cond);
		pthread_mutex_destroy(&ck->lock);
		store_close(ck->store);
		free(ck);
		return NULL;
	}
	return ck;
}

/* Stop the checkpointer and close its connection; NULL is a no-op. */
void
daemon_ckpt_stop(struct daemon_ckpt *ck)
{
	if (ck == NULL)
		return;
	pthread_mutex_lock(&ck->lock);
	ck->stop = 1;
	pthread_cond_signal(&ck->cond);
	pthread_mutex_unlock(&ck->lock);
	pthread_join(ck->thread, NULL);
	pthread_cond_destroy(&ck->cond);
	pthread_mutex_destroy(&ck->lock);
	store_close(ck->store);
	free(ck);
}

static void *
ckpt_main(void *arg)
{
	struct daemon_ckpt	*ck = arg;
	struct timespec		 ts;

	pthread_mutex_lock(&ck->lock);
	while (!ck->stop) {
		clock_gettime(CLOCK_MONOTONIC, &ts);
		ts.tv_nsec += CKPT_TICK_MS * 1000000L;
		if (ts.tv_nsec >= 1000000000L) {
			ts.tv_sec++;
			ts.tv_nsec -= 1000000000L;
		}
		while (!ck->stop && pthread_cond_timedwait(&ck->cond,
		    &ck->lock, &ts) != ETIMEDOUT)
			;
		if (ck->stop)
			break;
		pthread_mutex_unlock(&ck->lock);
		ckpt_tick(ck);
		pthread_mutex_lock(&ck->lock);
	}
	pthread_mutex_unlock(&ck->lock);
	return NULL;
}

/* Checkpoint what was written since the last tick. */
static void
ckpt_tick(struct daemon_ckpt *ck)
{
	struct store_wal	 w;
	enum store_result	 r;
	int64_t			 pages, mtime;
	uint64_t		 now = util_mono_us();

	pages = store_wal_pages(ck->store, &mtime);
	if (pages == ck->pages && mtime == ck->mtime) {
		if (!ck->trimmed && pages > 0 &&
		    now - ck->last_us >= CKPT_IDLE_MS * UINT64_C(1000))
			ckpt_trim(ck);
		return;
	}
	ck->pages = pages;
	ck->mtime = mtime;
	ck->last_us = now;
	ck->trimmed = 0;
	r = store_checkpoint_wal(ck->store, STORE_CKPT_PASSIVE, 0, &w);
	if (r == STORE_BUSY)
		return;			/* another checkpoint is running */
	ckpt_result(ck, r);
	if (r == STORE_OK && w.bytes >= CKPT_SOFT_BYTES)
		ckpt_restart(ck, w.bytes);
}

/*
 * Make the next commit start the WAL (of bytes) again from its
 * beginning, holding inserts off as briefly as can be.
 */
static void
ckpt_restart(struct daemon_ckpt *ck, int64_t bytes)
{
	enum store_result	r;
	uint64_t		t0 = util_mono_us(), t1;
	int			hard = bytes >= CKPT_HARD_BYTES;

	if ((r = store_sync_files(ck->store)) != STORE_OK ||
	    ((r = store_checkpoint_wal(ck->store, STORE_CKPT_PASSIVE, 0,
	    NULL)) != STORE_OK && r != STORE_BUSY)) {
		ckpt_result(ck, r);
		return;
	}
	t1 = util_mono_us();
	r = store_checkpoint_wal(ck->store, STORE_CKPT_RESTART, hard ?
	    CKPT_HARD_WAIT_MS : CKPT_SOFT_WAIT_MS, NULL);
	log_debug("store", "checkpointer: restarting a WAL of %lld MiB: %s "
	    "(%llu us, then %llu us holding writers off at most)",
	    (long long)(bytes >> 20), store_result_str(r),
	    (unsigned long long)(t1 - t0),
	    (unsigned long long)(util_mono_us() - t1));
	if (r == STORE_BUSY) {
		if (hard && !ck->stuck)
			log_warnx("store", "checkpointer: the WAL holds %lld "
			    "MiB and could not be started again: %s",
			    (long long)(bytes >> 20), store_errmsg(ck->store));
		ck->stuck |= hard;
		return;
	}
	ckpt_result(ck, r);
	if (r == STORE_OK && ck->stuck) {
		log_info("store", "checkpointer: the WAL is started again");
		ck->stuck = 0;
	}
}

/* Nothing was written for a while: empty the WAL file (copied already). */
static void
ckpt_trim(struct daemon_ckpt *ck)
{
	enum store_result	r;

	ck->trimmed = 1;
	r = store_checkpoint_wal(ck->store, STORE_CKPT_TRUNCATE,
	    CKPT_SOFT_WAIT_MS, NULL);
	if (r != STORE_BUSY)
		ckpt_result(ck, r);
}

/* Warn once when checkpoints fail (a full disk), say when they work. */
static void
ckpt_result(struct daemon_ckpt *ck, enum store_result r)
{
	if (r != STORE_OK && !ck->failing) {
		ck->failing = 1;
		log_warnx("store", "checkpointer: %s", store_errmsg(ck->store));
	} else if (r == STORE_OK && ck->failing) {
		ck->failing = 0;
		log_info("store", "checkpointer: checkpoints work again");
	}
}
