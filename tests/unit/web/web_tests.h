/*
 * web_tests.h - what the files of the web unit tests share.
 *
 * Every test_*.c file here is linked into one executable, test_web; each file
 * exposes one group runner, and test_main.c runs them all.
 */
#ifndef PRUDENT_WEB_TESTS_H
#define PRUDENT_WEB_TESTS_H

/* Group runners: each returns the number of failed tests in its group. */
int web_http_tests(void);

#endif
