/*
 * daemon_pidfile.c: --pid-file. The file is flock()ed for the daemon's
 * whole life, so a stale file left by a crash is simply taken over while a
 * live onionmsgd's file is not. It is removed on a clean stop; when the
 * daemon can no longer remove it (it switched to a --user who may not
 * write the directory), it is emptied instead.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <unistd.h>

#include "daemon/daemon_int.h"

static void	daemon_pidfile_holder(int, char *, size_t);

/*
 * Create or take over the pid file and write our pid into it. Returns its
 * descriptor (keep it open: it holds the lock), or -1 with a message.
 */
int
daemon_pidfile_write(const char *path, char *err, size_t len)
{
	char	line[32], holder[48];
	int	fd, n;

	fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0644);
	if (fd == -1) {
		snprintf(err, len, "cannot open pid file %s: %s", path,
		    strerror(errno));
		return -1;
	}
	if (flock(fd, LOCK_EX | LOCK_NB) == -1) {
		daemon_pidfile_holder(fd, holder, sizeof(holder));
		snprintf(err, len, "pid file %s is held by another onionmsgd%s",
		    path, holder);
		goto fail;
	}
	n = snprintf(line, sizeof(line), "%ld\n", (long)getpid());
	errno = 0;
	if (ftruncate(fd, 0) == -1 || pwrite(fd, line, n, 0) != n) {
		snprintf(err, len, "cannot write pid file %s: %s", path,
		    errno != 0 ? strerror(errno) : "short write");
		unlink(path);	/* ours: we hold its lock */
		goto fail;
	}
	return fd;
fail:
	close(fd);
	return -1;
}

static void
daemon_pidfile_holder(int fd, char *out, size_t len)
{
	char	buf[32];
	ssize_t	n;
	long	pid;

	out[0] = '\0';
	if ((n = pread(fd, buf, sizeof(buf) - 1, 0)) <= 0)
		return;
	buf[n] = '\0';
	if ((pid = strtol(buf, NULL, 10)) > 0)
		snprintf(out, len, " (pid %ld)", pid);
}

/* Remove the pid file (or empty it if it cannot be removed) and close it. */
void
daemon_pidfile_remove(const char *path, int fd)
{
	if (fd == -1)
		return;
	if (unlink(path) == -1 && ftruncate(fd, 0) == -1) {
		/* Nothing more to do; the lock goes with the descriptor. */
	}
	close(fd);
}
