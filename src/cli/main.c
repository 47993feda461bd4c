/*
 * main.c - the prudent program: set up, find the command, run it, report.
 *
 *   prudent [--version] [--help] COMMAND [ARGS...]
 *
 * Exit status: 0 success, 1 bad input (one line on stderr naming the problem),
 * 2 internal error.
 */
#include <stdlib.h>

#include "cli/cli.h"

int
main(int argc, char **argv)
{
	const struct cli_command *cmd;
	struct cli cli = {0};
	const char *name;
	int rc, i;

	log_init_from_env();
	if (hash_init(&cli.err) < 0) {
		fprintf(stderr, "prudent: %s\n", cli.err.msg);
		return 2;
	}
	name = argc > 1 ? argv[1] : "help";
	if (strcmp(name, "--version") == 0 || strcmp(name, "-V") == 0)
		name = "version";
	else if (strcmp(name, "--help") == 0 || strcmp(name, "-h") == 0)
		name = "help";
	cmd = cli_command_find(name);
	if (!cmd) {
		fprintf(stderr, "prudent: unknown command '%.64s'; 'prudent help' lists them\n", name);
		return 1;
	}
	/* "prudent COMMAND --help" anywhere on the line prints the help. */
	for (i = 2; i < argc; i++) {
		if (strcmp(argv[i], "--") == 0)
			break;
		if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
			fputs(cmd->help, stdout);
			return 0;
		}
	}
	cli.arena = arena_new();
	cli.out = stdout;
	rc = cmd->run(&cli, argc > 1 ? argc - 2 : 0, argv + 2);
	if (fflush(stdout) != 0 && rc == 0)
		rc = err_set(&cli.err, ERR_IO, "cannot write the output");
	if (rc < 0)
		fprintf(stderr, "prudent: %s\n", cli.err.msg[0] ? cli.err.msg : "failed");
	else
		cli_checkpoint();
	arena_free(cli.arena);
	return err_exit_code(rc < 0 ? (enum err_code)rc : ERR_OK);
}
