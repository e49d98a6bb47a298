/*
 * conf.h: table-driven options. One table of struct conf_option drives
 * getopt_long, --help, the configuration file ("key value" lines, the same
 * keys as the long flags) and the man-page consistency test. The engine
 * knows nothing of any program: an entry says how to parse its value and
 * where it lives (an offset into the program's own struct). Parsing is pure:
 * text in, values or a struct conf_error out; nothing here touches the
 * disk except conf_load_file(), which only reads the file and hands its
 * bytes to conf_parse_buf().
 *
 * Flags override the file: conf_parse_args() runs first and marks what it
 * set; conf_parse_buf() still checks those keys but keeps the flag's value.
 */
#ifndef OM_CONF_H
#define OM_CONF_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* How a value is written and stored. */
enum conf_type {
	CONF_STRING,	/* char *: any text without control characters */
	CONF_PATH,	/* char *: a file name */
	CONF_FLAG,	/* int 0/1: no value as a flag; yes/no in the file */
	CONF_UINT,	/* uint64_t: decimal, within [min, max] */
	CONF_SIZE,	/* uint64_t bytes: suffix k, M, G or T, powers of 1024 */
	CONF_DURATION,	/* uint64_t seconds: s, m, h, d, combined as 1h30m */
	CONF_ENUM,	/* int: index of the word in words */
	CONF_LISTEN,	/* struct conf_listen: HOST:PORT or unix:PATH */
};

/* Option flags. */
#define CONF_CLI_ONLY	0x1	/* a flag only, never a file key (--config) */

struct conf_option {
	const char		*name;		/* flag without "--"; file key */
	enum conf_type		 type;
	int			 flags;		/* CONF_CLI_ONLY */
	size_t			 offset;	/* of the value in the program's struct */
	const char		*def;		/* default, as text; NULL: none */
	const char		*metavar;	/* in --help; NULL: from the type */
	const char		*help;		/* one line, for --help */
	uint64_t		 min;		/* CONF_UINT, _SIZE, _DURATION */
	uint64_t		 max;
	const char *const	*words;		/* CONF_ENUM, NULL-terminated */
	int			(*check)(const char *); /* STRING/PATH: 0 if fine */
	const char		*accepts;	/* what check() accepts, in words */
};

struct conf_table {
	const char			*progname;	/* "onionmsgd" */
	const char			*synopsis;	/* --help, first lines */
	const char			*epilogue;	/* --help, last lines */
	const struct conf_option	*opts;
	size_t				 nopts;
};

enum conf_listen_kind {
	CONF_LISTEN_INET = 0,
	CONF_LISTEN_UNIX,
};

/* A listening address: numeric host and port, or a unix socket path. */
struct conf_listen {
	enum conf_listen_kind	 kind;
	int			 family;	/* AF_INET or AF_INET6 */
	char			 host[46];	/* numeric, without brackets */
	uint16_t		 port;		/* 0: any free port */
	char			 path[108];	/* CONF_LISTEN_UNIX */
};

#define CONF_LINE_MAX	1024		/* bytes in one line of the file */
#define CONF_FILE_MAX	(64 * 1024)	/* bytes in the whole file */
#define CONF_MSG_MAX	512

/* A usage or configuration error, ready to print after "progname: ". */
struct conf_error {
	unsigned	line;		/* line in the file, 1-based; 0: none */
	char		msg[CONF_MSG_MAX]; /* "--sync: ..." or "FILE:12: ..." */
};

struct conf;

/* Bind a table to the program's struct and fill it with the defaults. */
struct conf	*conf_new(const struct conf_table *, void *);
/* Free the values conf_new() and the parsers stored, and the conf. */
void		 conf_free(struct conf *);
int		 conf_parse_args(struct conf *, int, char **,
		    struct conf_error *);
int		 conf_parse_buf(struct conf *, const char *, const char *,
		    size_t, struct conf_error *);
int		 conf_load_file(struct conf *, const char *,
		    struct conf_error *);
int		 conf_is_set(const struct conf *, const char *);
void		 conf_where(const struct conf *, const char *, char *,
		    size_t);
void		 conf_errorf(struct conf_error *, const char *, ...)
		    __attribute__((format(printf, 2, 3)));

const struct conf_option *conf_find(const struct conf_table *,
		    const char *);
void		 conf_usage(const struct conf_table *, FILE *);
void		 conf_print(const struct conf *, FILE *);
void		 conf_format_value(const struct conf_option *, const void *,
		    char *, size_t);

int		 conf_parse_size(const char *, uint64_t *);
int		 conf_parse_duration(const char *, uint64_t *);
void		 conf_format_size(uint64_t, char *, size_t);
void		 conf_format_duration(uint64_t, char *, size_t);
int		 conf_listen_parse(const char *, struct conf_listen *, char *,
		    size_t);
int		 conf_listen_is_loopback(const struct conf_listen *);
void		 conf_listen_format(const struct conf_listen *, char *,
		    size_t);

#endif
