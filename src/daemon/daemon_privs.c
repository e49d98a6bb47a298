/*
 * daemon_privs.c: --user. Root starts onionmsgd, it opens what needs root
 * (the log file, the pid file, later a low port), then switches for good
 * to the user: supplementary groups from the group database (so membership
 * of debian-tor reaches tor's control cookie), then gid, then uid, all
 * three ids of each, and checks that root cannot be regained.
 */
#include "config.h"

#include <errno.h>
#include <grp.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "daemon/daemon_int.h"

/*
 * Find who runs the daemon: the --user (NULL: whoever started it). Sets
 * *change when a switch is needed. -1 with a message when the user does
 * not exist or a switch would need root that we do not have.
 */
int
daemon_privs_lookup(const char *user, uid_t *uid, gid_t *gid, int *change,
    char *err, size_t len)
{
	struct passwd	*pw;

	*uid = geteuid();
	*gid = getegid();
	*change = 0;
	if (user == NULL)
		return 0;
	if ((pw = getpwnam(user)) == NULL) {
		snprintf(err, len, "--user: \"%s\" is not a user of this "
		    "system", user);
		return -1;
	}
	if (pw->pw_uid == geteuid() && pw->pw_uid == getuid()) {
		*gid = pw->pw_gid;
		return 0;	/* already that user */
	}
	if (geteuid() != 0) {
		snprintf(err, len, "--user: switching to \"%s\" needs root; "
		    "onionmsgd runs as uid %u", user, (unsigned)geteuid());
		return -1;
	}
	*uid = pw->pw_uid;
	*gid = pw->pw_gid;
	*change = 1;
	return 0;
}

/* Switch to user (uid, gid) for good; -1 with a message if that fails. */
int
daemon_privs_drop(const char *user, uid_t uid, gid_t gid, char *err,
    size_t len)
{
	uid_t	r, e, s;

	if (initgroups(user, gid) == -1 || setresgid(gid, gid, gid) == -1 ||
	    setresuid(uid, uid, uid) == -1) {
		snprintf(err, len, "cannot switch to user %s: %s", user,
		    strerror(errno));
		return -1;
	}
	if (getresuid(&r, &e, &s) == -1 || r != uid || e != uid || s != uid ||
	    (uid != 0 && setuid(0) != -1)) {
		snprintf(err, len, "switching to user %s left root privileges "
		    "behind", user);
		return -1;
	}
	return 0;
}
