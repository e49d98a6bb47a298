/*
 * options_dump.c: print onionmsgd's option table for man/options.sh, one
 * option a line, tab-separated: name, type, "cli" or "file" (whether it is
 * also a configuration file key), the default as written ("-" if none).
 * Linked with the real table, so the man-page check cannot drift from it.
 */
#include "config.h"

#include <stdio.h>

#include "common/conf.h"
#include "daemon/daemon_conf.h"

static const char *const options_dump_types[] = {
	"string", "path", "flag", "uint", "size", "duration", "enum", "listen",
};

int
main(void)
{
	const struct conf_option	*o;
	size_t				 i;

	for (i = 0; i < daemon_conf_table.nopts; i++) {
		o = &daemon_conf_table.opts[i];
		printf("%s\t%s\t%s\t%s\n", o->name,
		    options_dump_types[o->type],
		    (o->flags & CONF_CLI_ONLY) ? "cli" : "file",
		    o->def != NULL ? o->def : "-");
	}
	return fflush(stdout) == 0 ? 0 : 1;
}
