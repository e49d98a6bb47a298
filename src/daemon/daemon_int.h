/*
 * daemon_int.h: what the files of src/daemon share: the running daemon's
 * state and the start-up steps, each in the file named after its prefix
 * (daemon_datadir.c, daemon_pidfile.c, daemon_privs.c, daemon_signal.c,
 * daemon_notify.c). Not for other parts: they get struct daemon_conf.
 */
#ifndef OM_DAEMON_INT_H
#define OM_DAEMON_INT_H

#include <signal.h>
#include <stdint.h>
#include <sys/types.h>

#include "daemon/daemon_conf.h"
#include "store/store.h"

#define DAEMON_DB_NAME		"onionmsg.db"
#define DAEMON_MIN_FREE		((uint64_t)1 << 20)	/* warn below */

/* Exit statuses (sysexits.h values), documented in onionmsgd(8). */
#define DAEMON_EX_OK		0
#define DAEMON_EX_FAIL		1	/* cannot open a file, disk full ... */
#define DAEMON_EX_USAGE		64	/* bad flag, value or config line */
#define DAEMON_EX_CONFIG	78	/* unsafe or unusable data directory */

struct api;
struct edge;
struct daemon_ckpt;

/* The data directory, held open and locked while the daemon runs. */
struct daemon_datadir {
	int		 fd;
	int		 created;
	mode_t		 mode;
	uint64_t	 avail;		/* bytes free for an unprivileged user */
};

struct daemon {
	struct daemon_conf	 dc;
	struct conf		*conf;
	sigset_t		 sigs;		/* blocked; sigwait() takes them */
	uid_t			 uid;		/* who runs the daemon */
	gid_t			 gid;
	int			 switch_user;	/* --user names another user */
	struct daemon_datadir	 dir;
	int			 log_open;
	int			 pid_fd;
	char			*db_path;
	struct store		*store;
	struct daemon_ckpt	*ckpt;		/* NULL: the edge checkpoints */
	struct api		*api;
	struct edge		*edge;
	int			 started;
};

int	daemon_datadir_open(struct daemon_datadir *, const char *, uid_t,
	    gid_t, char *, size_t);
int	daemon_datadir_lock(struct daemon_datadir *, const char *, char *,
	    size_t);
void	daemon_datadir_close(struct daemon_datadir *);

int	daemon_pidfile_write(const char *, char *, size_t);
void	daemon_pidfile_remove(const char *, int);

int	daemon_privs_lookup(const char *, uid_t *, gid_t *, int *, char *,
	    size_t);
int	daemon_privs_drop(const char *, uid_t, gid_t, char *, size_t);

void	daemon_signal_block(sigset_t *);
int	daemon_signal_wait(const sigset_t *);

void	daemon_notify(const char *);

struct daemon_ckpt *daemon_ckpt_start(const char *, enum store_sync, char *,
	    size_t);
void	daemon_ckpt_stop(struct daemon_ckpt *);

#endif
