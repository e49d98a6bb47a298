/*
 * buf.h: a growable byte buffer, always NUL-terminated, for building
 * responses and log lines. Growth is unbounded here; callers bound what
 * they put in (a response never outgrows the limits that produced it).
 */
#ifndef OM_BUF_H
#define OM_BUF_H

#include <stdarg.h>
#include <stddef.h>

struct buf {
	char	*data;
	size_t	 len;
	size_t	 cap;
};

#define BUF_INIT { NULL, 0, 0 }

void	 buf_init(struct buf *);
void	 buf_free(struct buf *);
void	 buf_reset(struct buf *);
void	 buf_reserve(struct buf *, size_t);
void	 buf_add(struct buf *, const void *, size_t);
void	 buf_addc(struct buf *, char);
void	 buf_adds(struct buf *, const char *);
void	 buf_addf(struct buf *, const char *, ...)
	    __attribute__((format(printf, 2, 3)));
void	 buf_vaddf(struct buf *, const char *, va_list)
	    __attribute__((format(printf, 2, 0)));
void	 buf_add_json_string(struct buf *, const char *, size_t);
char	*buf_detach(struct buf *, size_t *);
const char *buf_cstr(struct buf *);

#endif
