/*
 * replay.c: run a fuzz target's saved corpus as an ordinary test. Linked
 * with one tests/fuzz/fuzz_<name>.c; feeds LLVMFuzzerTestOneInput every
 * file of the corpus directory compiled in as FUZZ_CORPUS (or of the files
 * and directories named on the command line) and prints one TAP line.
 * A crash or sanitizer report fails the test, as libFuzzer would.
 */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "common/xmalloc.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static int	replay_file(const char *);
static int	replay_path(const char *, unsigned *);

static int
replay_file(const char *path)
{
	FILE		*f;
	uint8_t		*data;
	long		 len;

	if ((f = fopen(path, "rb")) == NULL)
		return -1;
	if (fseek(f, 0, SEEK_END) == -1 || (len = ftell(f)) < 0 ||
	    fseek(f, 0, SEEK_SET) == -1) {
		fclose(f);
		return -1;
	}
	data = xmalloc((size_t)len + 1);
	if (len > 0 && fread(data, 1, (size_t)len, f) != (size_t)len) {
		free(data);
		fclose(f);
		return -1;
	}
	fclose(f);
	LLVMFuzzerTestOneInput(data, (size_t)len);
	free(data);
	return 0;
}

static int
replay_path(const char *path, unsigned *n)
{
	struct stat	 st;
	struct dirent	*de;
	DIR		*d;
	char		*sub;
	int		 rc = 0;

	if (stat(path, &st) == -1)
		return -1;
	if (!S_ISDIR(st.st_mode)) {
		(*n)++;
		return replay_file(path);
	}
	if ((d = opendir(path)) == NULL)
		return -1;
	while (rc == 0 && (de = readdir(d)) != NULL) {
		if (de->d_name[0] == '.')
			continue;
		xasprintf(&sub, "%s/%s", path, de->d_name);
		rc = replay_path(sub, n);
		free(sub);
	}
	closedir(d);
	return rc;
}

int
main(int argc, char *argv[])
{
	unsigned	 n = 0;
	int		 i, rc = 0;

	if (argc < 2)
		rc = replay_path(FUZZ_CORPUS, &n);
	for (i = 1; rc == 0 && i < argc; i++)
		rc = replay_path(argv[i], &n);
	if (rc == -1) {
		printf("not ok 1 - replay: %s\n", strerror(errno));
		printf("1..1\n");
		return 1;
	}
	printf("ok 1 - replayed %u inputs without a crash\n1..1\n", n);
	return 0;
}
