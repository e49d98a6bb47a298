/*
 * log.h: levelled logging with a domain ("tor", "edge", "store" ...), to
 * stderr, syslog or a file, safe to call from both daemon threads.
 * After OpenBSD's log.h: log_warn appends strerror(errno), log_warnx does
 * not; fatal and fatalx stop the process.
 */
#ifndef OM_LOG_H
#define OM_LOG_H

#include <stdarg.h>

enum log_level {
	LOG_LVL_ERR = 0,
	LOG_LVL_WARN,
	LOG_LVL_NOTICE,
	LOG_LVL_INFO,
	LOG_LVL_DEBUG,
};

enum log_dest {
	LOG_DEST_STDERR = 0,
	LOG_DEST_SYSLOG,
	LOG_DEST_FILE,
};

#define OM_PRINTF(a, b) __attribute__((format(printf, a, b)))

int	 log_init(enum log_level, enum log_dest, const char *path);
void	 log_set_level(enum log_level);
enum log_level log_get_level(void);
int	 log_reopen(void);
void	 log_close(void);
int	 log_level_from_string(const char *, enum log_level *);
const char *log_level_to_string(enum log_level);
int	 log_is_enabled(enum log_level);

void	 log_msg(enum log_level, const char *, const char *, ...) OM_PRINTF(3, 4);
void	 log_vmsg(enum log_level, const char *, const char *, va_list) OM_PRINTF(3, 0);
void	 log_warn(const char *, const char *, ...) OM_PRINTF(2, 3);
void	 log_warnx(const char *, const char *, ...) OM_PRINTF(2, 3);
void	 log_notice(const char *, const char *, ...) OM_PRINTF(2, 3);
void	 log_info(const char *, const char *, ...) OM_PRINTF(2, 3);
void	 log_debug(const char *, const char *, ...) OM_PRINTF(2, 3);
void	 fatal(const char *, const char *, ...) OM_PRINTF(2, 3)
	    __attribute__((noreturn));
void	 fatalx(const char *, const char *, ...) OM_PRINTF(2, 3)
	    __attribute__((noreturn));

#endif
