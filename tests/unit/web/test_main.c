/*
 * test_main.c - the entry point of test_web, the unit tests of src/web.
 *
 * One file per feature, each with a group runner; main runs every group so
 * one executable covers the whole module.
 */
#include "support/support.h"
#include "web_tests.h"

int
main(void)
{
	int failed = 0;

	failed += web_http_tests();
	return failed == 0 ? 0 : 1;
}
