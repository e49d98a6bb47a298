/*
 * xmalloc.c: allocation wrappers that stop the process when memory runs
 * out. Bounded input sizes elsewhere make this a broken invariant, not a
 * reaction to hostile input.
 */
#include "config.h"

#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/log.h"
#include "common/xmalloc.h"

/* Allocate size bytes or stop. */
void *
xmalloc(size_t size)
{
	void	*p;

	if (size == 0)
		size = 1;
	if ((p = malloc(size)) == NULL)
		fatalx("mem", "out of memory allocating %zu bytes", size);
	return p;
}

/* Allocate a zeroed array or stop. */
void *
xcalloc(size_t n, size_t size)
{
	void	*p;

	if (n == 0 || size == 0)
		n = size = 1;
	if ((p = calloc(n, size)) == NULL)
		fatalx("mem", "out of memory allocating %zu x %zu bytes", n, size);
	return p;
}

/* Resize p to size bytes or stop. */
void *
xrealloc(void *p, size_t size)
{
	return xreallocarray(p, 1, size);
}

/* Resize p to n * size bytes, checking the product, or stop. */
void *
xreallocarray(void *p, size_t n, size_t size)
{
	void	*q;

	if (size != 0 && n > SIZE_MAX / size)
		fatalx("mem", "allocation overflow: %zu x %zu", n, size);
	if (n * size == 0)
		n = size = 1;
	if ((q = realloc(p, n * size)) == NULL)
		fatalx("mem", "out of memory allocating %zu bytes", n * size);
	return q;
}

/* Copy a string or stop. */
char *
xstrdup(const char *s)
{
	return xmemdup(s, strlen(s) + 1);
}

/* Copy at most n bytes of s, always terminated, or stop. */
char *
xstrndup(const char *s, size_t n)
{
	size_t	 len = strnlen(s, n);
	char	*p = xmalloc(len + 1);

	memcpy(p, s, len);
	p[len] = '\0';
	return p;
}

/* Copy len bytes of p or stop. */
void *
xmemdup(const void *p, size_t len)
{
	void	*q = xmalloc(len);

	if (len != 0)
		memcpy(q, p, len);
	return q;
}

/* Format into a fresh string or stop; return its length. */
int
xasprintf(char **ret, const char *fmt, ...)
{
	va_list	 ap;
	int	 n;

	va_start(ap, fmt);
	n = vasprintf(ret, fmt, ap);
	va_end(ap);
	if (n < 0)
		fatalx("mem", "out of memory formatting a string");
	return n;
}
