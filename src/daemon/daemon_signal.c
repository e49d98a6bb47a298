/*
 * daemon_signal.c: signals without handlers. SIGTERM, SIGINT and SIGHUP
 * are blocked before any thread exists, so every thread inherits the mask
 * and only the main thread, in sigwait(), ever takes them: a stop or a log
 * reopen then runs as ordinary code, never in a signal handler. SIGPIPE is
 * ignored: a peer that went away is an error return, not a death.
 */
#include "config.h"

#include <errno.h>
#include <pthread.h>
#include <signal.h>

#include "common/log.h"
#include "daemon/daemon_int.h"

/* Block the daemon's signals in this thread and those it will start. */
void
daemon_signal_block(sigset_t *set)
{
	struct sigaction	sa;

	sigemptyset(set);
	sigaddset(set, SIGTERM);
	sigaddset(set, SIGINT);
	sigaddset(set, SIGHUP);
	if ((errno = pthread_sigmask(SIG_BLOCK, set, NULL)) != 0)
		fatal("daemon", "pthread_sigmask");
	sa.sa_handler = SIG_IGN;
	sa.sa_flags = 0;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGPIPE, &sa, NULL);
}

/* Wait for one of the blocked signals and return its number. */
int
daemon_signal_wait(const sigset_t *set)
{
	int	sig, rc;

	while ((rc = sigwait(set, &sig)) != 0) {
		if (rc != EINTR) {
			errno = rc;
			fatal("daemon", "sigwait");
		}
	}
	return sig;
}
