/*
 * log.c: the daemon's log. One line per message, written with a single
 * write(2) so lines from the two threads never interleave. Levels and the
 * destination are set once at start-up; log_reopen() (SIGHUP) reopens a
 * log file that logrotate moved away.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <syslog.h>
#include <time.h>
#include <unistd.h>

#include "common/log.h"

static const char *log_level_names[] = {
	"error", "warning", "notice", "info", "debug",
};

static const int log_syslog_prio[] = {
	LOG_ERR, LOG_WARNING, LOG_NOTICE, LOG_INFO, LOG_DEBUG,
};

static struct {
	enum log_level	 level;
	enum log_dest	 dest;
	char		*path;
	int		 fd;
	pthread_mutex_t	 lock;
} log_state = {
	LOG_LVL_INFO, LOG_DEST_STDERR, NULL, 2, PTHREAD_MUTEX_INITIALIZER
};

static int	log_open_file(const char *);
static void	log_emit(enum log_level, const char *, const char *, int,
		    const char *, va_list) OM_PRINTF(5, 0);

/* Set the threshold and destination; 0 on success, -1 (errno) if not. */
int
log_init(enum log_level level, enum log_dest dest, const char *path)
{
	int	fd = 2;

	if (dest == LOG_DEST_FILE && (fd = log_open_file(path)) == -1)
		return -1;
	pthread_mutex_lock(&log_state.lock);
	if (log_state.dest == LOG_DEST_FILE && log_state.fd > 2)
		close(log_state.fd);
	if (log_state.dest == LOG_DEST_SYSLOG)
		closelog();
	free(log_state.path);
	log_state.path = path != NULL ? strdup(path) : NULL;
	log_state.level = level;
	log_state.dest = dest;
	log_state.fd = fd;
	if (dest == LOG_DEST_SYSLOG)
		openlog("onionmsgd", LOG_PID | LOG_NDELAY, LOG_DAEMON);
	pthread_mutex_unlock(&log_state.lock);
	return 0;
}

static int
log_open_file(const char *path)
{
	if (path == NULL) {
		errno = EINVAL;
		return -1;
	}
	return open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0640);
}

/* Change the threshold only. */
void
log_set_level(enum log_level level)
{
	log_state.level = level;
}

/* Return the threshold. */
enum log_level
log_get_level(void)
{
	return log_state.level;
}

/* Tell whether messages at this level would be written. */
int
log_is_enabled(enum log_level level)
{
	return level <= log_state.level;
}

/* Reopen the log destination, as after logrotate; 0 or -1 (errno). */
int
log_reopen(void)
{
	int	fd, rc = 0;

	pthread_mutex_lock(&log_state.lock);
	if (log_state.dest == LOG_DEST_FILE) {
		if ((fd = log_open_file(log_state.path)) == -1)
			rc = -1;
		else {
			if (log_state.fd > 2)
				close(log_state.fd);
			log_state.fd = fd;
		}
	} else if (log_state.dest == LOG_DEST_SYSLOG) {
		closelog();
		openlog("onionmsgd", LOG_PID | LOG_NDELAY, LOG_DAEMON);
	}
	pthread_mutex_unlock(&log_state.lock);
	return rc;
}

/* Close the destination; later messages go to stderr. */
void
log_close(void)
{
	pthread_mutex_lock(&log_state.lock);
	if (log_state.dest == LOG_DEST_FILE && log_state.fd > 2)
		close(log_state.fd);
	if (log_state.dest == LOG_DEST_SYSLOG)
		closelog();
	free(log_state.path);
	log_state.path = NULL;
	log_state.dest = LOG_DEST_STDERR;
	log_state.fd = 2;
	pthread_mutex_unlock(&log_state.lock);
}

/* Parse a level name ("error" ... "debug", also "warn" and "err"). */
int
log_level_from_string(const char *s, enum log_level *level)
{
	size_t	i;

	for (i = 0; i < sizeof(log_level_names) / sizeof(*log_level_names); i++) {
		if (strcasecmp(s, log_level_names[i]) == 0) {
			*level = (enum log_level)i;
			return 0;
		}
	}
	if (strcasecmp(s, "warn") == 0) {
		*level = LOG_LVL_WARN;
		return 0;
	}
	if (strcasecmp(s, "err") == 0) {
		*level = LOG_LVL_ERR;
		return 0;
	}
	return -1;
}

/* Return the name of a level. */
const char *
log_level_to_string(enum log_level level)
{
	if ((unsigned)level >= sizeof(log_level_names) / sizeof(*log_level_names))
		return "?";
	return log_level_names[level];
}

static void
log_emit(enum log_level level, const char *dom, const char *sfx, int err,
    const char *fmt, va_list ap)
{
	char		 msg[2048], line[2300];
	struct timespec	 ts;
	struct tm	 tm;
	int		 n;

	vsnprintf(msg, sizeof(msg), fmt, ap);
	if (sfx != NULL)
		strncat(msg, sfx, sizeof(msg) - strlen(msg) - 1);
	if (err != 0) {
		strncat(msg, ": ", sizeof(msg) - strlen(msg) - 1);
		strncat(msg, strerror(err), sizeof(msg) - strlen(msg) - 1);
	}
	pthread_mutex_lock(&log_state.lock);
	if (log_state.dest == LOG_DEST_SYSLOG) {
		syslog(log_syslog_prio[level], "%s: %s", dom, msg);
		pthread_mutex_unlock(&log_state.lock);
		return;
	}
	clock_gettime(CLOCK_REALTIME, &ts);
	gmtime_r(&ts.tv_sec, &tm);
	n = snprintf(line, sizeof(line),
	    "%04d-%02d-%02dT%02d:%02d:%02d.%03ldZ [%s] %s: %s\n",
	    tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour,
	    tm.tm_min, tm.tm_sec, ts.tv_nsec / 1000000,
	    log_level_names[level], dom, msg);
	if (n > (int)sizeof(line) - 1)
		n = sizeof(line) - 1;
	if (write(log_state.fd, line, n) == -1) {
		/* Nowhere left to report it. */
	}
	pthread_mutex_unlock(&log_state.lock);
}

/* Log at any level. */
void
log_msg(enum log_level level, const char *dom, const char *fmt, ...)
{
	va_list	ap;

	if (level > log_state.level)
		return;
	va_start(ap, fmt);
	log_emit(level, dom, NULL, 0, fmt, ap);
	va_end(ap);
}

/* Log at any level from a va_list. */
void
log_vmsg(enum log_level level, const char *dom, const char *fmt, va_list ap)
{
	if (level > log_state.level)
		return;
	log_emit(level, dom, NULL, 0, fmt, ap);
}

#define LOG_BODY(lvl, err) do {					\
	va_list	ap;						\
	int	saved = errno;					\
	if ((lvl) > log_state.level)				\
		return;						\
	va_start(ap, fmt);					\
	log_emit((lvl), dom, NULL, (err) ? saved : 0, fmt, ap);	\
	va_end(ap);						\
	errno = saved;						\
} while (0)

/* Log a warning with the text of errno appended. */
void
log_warn(const char *dom, const char *fmt, ...)
{
	LOG_BODY(LOG_LVL_WARN, 1);
}

/* Log a warning. */
void
log_warnx(const char *dom, const char *fmt, ...)
{
	LOG_BODY(LOG_LVL_WARN, 0);
}

/* Log something an operator should notice. */
void
log_notice(const char *dom, const char *fmt, ...)
{
	LOG_BODY(LOG_LVL_NOTICE, 0);
}

/* Log an informational message. */
void
log_info(const char *dom, const char *fmt, ...)
{
	LOG_BODY(LOG_LVL_INFO, 0);
}

/* Log a debugging message. */
void
log_debug(const char *dom, const char *fmt, ...)
{
	LOG_BODY(LOG_LVL_DEBUG, 0);
}

/* Log an error with the text of errno appended and exit. */
void
fatal(const char *dom, const char *fmt, ...)
{
	va_list	ap;
	int	saved = errno;

	va_start(ap, fmt);
	log_emit(LOG_LVL_ERR, dom, NULL, saved, fmt, ap);
	va_end(ap);
	exit(1);
}

/* Log an error and exit. */
void
fatalx(const char *dom, const char *fmt, ...)
{
	va_list	ap;

	va_start(ap, fmt);
	log_emit(LOG_LVL_ERR, dom, NULL, 0, fmt, ap);
	va_end(ap);
	exit(1);
}
