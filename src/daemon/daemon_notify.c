/*
 * daemon_notify.c: the systemd readiness protocol (sd_notify(3)) without
 * libsystemd: one datagram to the socket named by $NOTIFY_SOCKET, which
 * systemd sets for Type=notify units. Without the variable it does
 * nothing, so the daemon behaves the same outside systemd.
 */
#include "config.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include "common/log.h"
#include "daemon/daemon_int.h"

/* Tell the service manager about a state change ("READY=1" ...). */
void
daemon_notify(const char *state)
{
	struct sockaddr_un	 addr;
	const char		*path = getenv("NOTIFY_SOCKET");
	size_t			 len;
	int			 fd;

	if (path == NULL || (path[0] != '/' && path[0] != '@') ||
	    (len = strlen(path)) >= sizeof(addr.sun_path))
		return;
	memset(&addr, 0, sizeof(addr));
	addr.sun_family = AF_UNIX;
	memcpy(addr.sun_path, path, len);
	if (path[0] == '@')
		addr.sun_path[0] = '\0';		/* abstract namespace */
	if ((fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0)) == -1) {
		log_warn("daemon", "notify socket");
		return;
	}
	if (sendto(fd, state, strlen(state), MSG_NOSIGNAL,
	    (struct sockaddr *)&addr, offsetof(struct sockaddr_un, sun_path) +
	    len) == -1)
		log_warn("daemon", "cannot notify %s", path);
	close(fd);
}
