/*
 * util.h: small helpers every part uses: clocks, bounded number parsing.
 */
#ifndef OM_UTIL_H
#define OM_UTIL_H

#include <stddef.h>
#include <stdint.h>

#define nitems(a)	(sizeof(a) / sizeof((a)[0]))

uint64_t	 util_now_ms(void);		/* CLOCK_REALTIME, ms */
uint64_t	 util_mono_us(void);		/* CLOCK_MONOTONIC, us */
int		 util_strtou64(const char *, uint64_t, uint64_t, uint64_t *);
void		 util_format_rfc3339(uint64_t, char *, size_t);

#endif
