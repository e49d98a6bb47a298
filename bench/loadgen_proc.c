/*
 * loadgen_proc.c: what bench/loadgen measures outside the protocol: its
 * own CPU time (getrusage, every thread), the server's CPU time
 * (/proc/<pid>/stat utime + stime) and resident memory
 * (/proc/<pid>/status VmRSS), and the open-file limit it needs for many
 * connections.
 */
#include "config.h"

#include <sys/resource.h>
#include <sys/time.h>

#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "common/util.h"
#include "loadgen.h"

static double	lg_proc_cpu_seconds(pid_t);

static double
lg_proc_cpu_seconds(pid_t pid)
{
	char			 path[64], line[1024], *p;
	FILE			*f;
	unsigned long long	 ut, st;
	long			 hz = sysconf(_SC_CLK_TCK);

	snprintf(path, sizeof(path), "/proc/%ld/stat", (long)pid);
	if ((f = fopen(path, "r")) == NULL)
		return -1;
	p = fgets(line, sizeof(line), f);
	fclose(f);
	/* The command name may hold spaces: fields restart after its ')'. */
	if (p == NULL || (p = strrchr(line, ')')) == NULL)
		return -1;
	if (sscanf(p + 2, "%*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u %llu %llu",
	    &ut, &st) != 2)
		return -1;
	return (double)(ut + st) / (double)(hz > 0 ? hz : 100);
}

/* Take a sample of wall time, this process's CPU and the server's. */
void
lg_cpu_sample(const struct lg_run *run, struct lg_cpu *c)
{
	struct rusage	ru;
	uint64_t	now = util_mono_us();

	getrusage(RUSAGE_SELF, &ru);
	c->wall = (double)now / 1e6;
	c->self = (double)ru.ru_utime.tv_sec + ru.ru_utime.tv_usec / 1e6 +
	    (double)ru.ru_stime.tv_sec + ru.ru_stime.tv_usec / 1e6;
	c->server = run->o.server_pid > 0 ?
	    lg_proc_cpu_seconds(run->o.server_pid) : -1;
}

/* Return the VmRSS of process pid in KiB (0 for this process), or -1. */
long
lg_proc_rss_kib(pid_t pid)
{
	char	 path[64], line[256];
	FILE	*f;
	long	 kib = -1;

	if (pid > 0)
		snprintf(path, sizeof(path), "/proc/%ld/status", (long)pid);
	else
		snprintf(path, sizeof(path), "/proc/self/status");
	if ((f = fopen(path, "r")) == NULL)
		return -1;
	while (fgets(line, sizeof(line), f) != NULL)
		if (sscanf(line, "VmRSS: %ld kB", &kib) == 1)
			break;
	fclose(f);
	return kib;
}

/* Raise the open-file limit to want descriptors, as far as the hard limit
 * allows; return the soft limit in force afterwards. */
int
lg_proc_raise_nofile(long want)
{
	struct rlimit	rl;

	if (getrlimit(RLIMIT_NOFILE, &rl) == -1)
		return -1;
	if ((rlim_t)want > rl.rlim_cur) {
		rl.rlim_cur = (rlim_t)want;
		if (rl.rlim_max != RLIM_INFINITY && rl.rlim_cur > rl.rlim_max) {
			/* Root may lift the hard limit too (CAP_SYS_RESOURCE). */
			struct rlimit up = { (rlim_t)want, (rlim_t)want };

			if (setrlimit(RLIMIT_NOFILE, &up) == 0)
				return (int)want;
			rl.rlim_cur = rl.rlim_max;
		}
		(void)setrlimit(RLIMIT_NOFILE, &rl);
		(void)getrlimit(RLIMIT_NOFILE, &rl);
	}
	return rl.rlim_cur > (rlim_t)0x7fffffff ? 0x7fffffff : (int)rl.rlim_cur;
}
