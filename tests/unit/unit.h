/*
 * unit.h: what every Check suite shares: run one suite, report it as TAP
 * (the harness counts single test cases), exit with its verdict.
 */
#ifndef OM_UNIT_H
#define OM_UNIT_H

#include <check.h>
#include <stdlib.h>

static inline int
unit_run(Suite *s)
{
	SRunner	*sr = srunner_create(s);
	int	 failed;

	if (getenv("CK_TAP_LOG_FILE_NAME") == NULL)
		srunner_set_tap(sr, "-");
	srunner_run_all(sr, getenv("CK_VERBOSITY") ? CK_ENV : CK_SILENT);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}

#endif
