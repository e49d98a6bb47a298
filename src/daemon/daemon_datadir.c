/*
 * daemon_datadir.c: the data directory. Created 0700 when missing (and
 * given to the --user), it must belong to the user who runs the daemon and
 * be writable by no one else, or onionmsgd refuses to start: whoever can
 * write there can replace the database and the onion service key. The
 * directory stays open and flock()ed while the daemon runs, so a second
 * onionmsgd on the same directory stops at once. Nothing is written into
 * it here; the database file is the store's.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <pwd.h>
#include <stdio.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include "daemon/daemon_int.h"

static int	daemon_datadir_create(struct daemon_datadir *, const char *,
		    uid_t, gid_t, char *, size_t);
static int	daemon_datadir_check(struct daemon_datadir *, const char *,
		    uid_t, char *, size_t);
static void	daemon_datadir_user(uid_t, char *, size_t);

/*
 * Open the data directory at path, creating it 0700 for uid:gid when it
 * is missing, and check that it is safe. 0, or -1 with a one-line message.
 */
int
daemon_datadir_open(struct daemon_datadir *dd, const char *path, uid_t uid,
    gid_t gid, char *err, size_t len)
{
	memset(dd, 0, sizeof(*dd));
	dd->fd = -1;
	if (daemon_datadir_create(dd, path, uid, gid, err, len) == -1)
		return -1;
	dd->fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (dd->fd == -1) {
		snprintf(err, len, "data directory %s: %s%s", path,
		    strerror(errno), errno == ENOTDIR ?
		    "; --data-dir names a directory" : "");
		return -1;
	}
	if (daemon_datadir_check(dd, path, uid, err, len) == -1) {
		daemon_datadir_close(dd);
		return -1;
	}
	return 0;
}

static int
daemon_datadir_create(struct daemon_datadir *dd, const char *path, uid_t uid,
    gid_t gid, char *err, size_t len)
{
	if (mkdir(path, 0700) == -1) {
		if (errno == EEXIST)
			return 0;
		snprintf(err, len, "cannot create data directory %s: %s%s",
		    path, strerror(errno), errno == ENOENT ?
		    " (its parent directory is missing)" : "");
		return -1;
	}
	dd->created = 1;
	/* mkdir() obeyed the umask; make it exactly 0700. */
	if (chmod(path, 0700) == -1 ||
	    (uid != geteuid() && chown(path, uid, gid) == -1)) {
		snprintf(err, len, "cannot set up data directory %s: %s", path,
		    strerror(errno));
		return -1;
	}
	return 0;
}

static int
daemon_datadir_check(struct daemon_datadir *dd, const char *path, uid_t uid,
    char *err, size_t len)
{
	struct stat	st;
	struct statvfs	sv;
	char		owner[64], runner[64];

	if (fstat(dd->fd, &st) == -1) {
		snprintf(err, len, "data directory %s: %s", path,
		    strerror(errno));
		return -1;
	}
	dd->mode = st.st_mode & 07777;
	if (st.st_uid != uid) {
		daemon_datadir_user(st.st_uid, owner, sizeof(owner));
		daemon_datadir_user(uid, runner, sizeof(runner));
		snprintf(err, len, "data directory %s is owned by %s, not by "
		    "%s who runs onionmsgd; refusing to start (chown %u %s)",
		    path, owner, runner, (unsigned)uid, path);
		return -1;
	}
	if (st.st_mode & (S_IWGRP | S_IWOTH)) {
		snprintf(err, len, "data directory %s is writable by %s (mode "
		    "%04o); refusing to start (chmod 0700 %s)", path,
		    (st.st_mode & S_IWOTH) ? "others" : "its group",
		    (unsigned)dd->mode, path);
		return -1;
	}
	dd->avail = UINT64_MAX;
	if (fstatvfs(dd->fd, &sv) == 0)
		dd->avail = (uint64_t)sv.f_bavail * sv.f_frsize;
	return 0;
}

static void
daemon_datadir_user(uid_t uid, char *out, size_t len)
{
	struct passwd	*pw;

	if ((pw = getpwuid(uid)) != NULL)
		snprintf(out, len, "%s (uid %u)", pw->pw_name, (unsigned)uid);
	else
		snprintf(out, len, "uid %u", (unsigned)uid);
}

/* Take the data directory's lock; -1 if another onionmsgd holds it. */
int
daemon_datadir_lock(struct daemon_datadir *dd, const char *path, char *err,
    size_t len)
{
	if (flock(dd->fd, LOCK_EX | LOCK_NB) == 0)
		return 0;
	if (errno == EWOULDBLOCK)
		snprintf(err, len, "data directory %s is in use by another "
		    "onionmsgd", path);
	else
		snprintf(err, len, "cannot lock data directory %s: %s", path,
		    strerror(errno));
	return -1;
}

/* Release the directory and its lock. */
void
daemon_datadir_close(struct daemon_datadir *dd)
{
	if (dd->fd != -1)
		close(dd->fd);
	dd->fd = -1;
}
