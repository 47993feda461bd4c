/*
 * help.c - 'prudent help' and 'prudent version'.
 */
#include "cli/cli.h"

/*
** COMMAND: help
** SUMMARY: Show the commands, or how to use one
**
** Usage: prudent help [COMMAND]
**
** Without a command, lists every command with a line about it.  With one,
** prints its usage.  'prudent COMMAND --help' does the same.
*/
int
cmd_help(struct cli *cli, int argc, char **argv)
{
	const struct cli_command *c;
	const char *pos[1];
	size_t n_pos;
	int rc;

	rc = cli_parse(cli, "help", argc, argv, NULL, 0, pos, 0, 1, &n_pos);
	if (rc < 0)
		return rc;
	if (n_pos == 1) {
		c = cli_command_find(pos[0]);
		if (!c)
			return err_set(&cli->err, ERR_INPUT,
				       "unknown command '%.64s'; 'prudent help' lists them", pos[0]);
		fputs(c->help, cli->out);
		return 0;
	}
	fputs("Prudent sets, proves and keeps an MSP's standard of care, client by client.\n\n"
	      "Usage: prudent COMMAND [OPTIONS] [ARGUMENTS]\n\nCommands:\n", cli->out);
	for (c = cli_commands; c->name; c++)
		fprintf(cli->out, "  %-12s %s\n", c->name, c->summary);
	fputs("\nRun 'prudent help COMMAND' for the options of one command.\n"
	      "Exit status: 0 success, 1 bad input, 2 internal error.\n", cli->out);
	return 0;
}

/*
** COMMAND: version
** SUMMARY: Print the versions of Prudent, its library and its database engine
**
** Usage: prudent version [--json]
**        prudent --version
**
** Prints the program version, the version and hash of the built-in content
** library, and the SQLite version it runs on.
*/
int
cmd_version(struct cli *cli, int argc, char **argv)
{
	struct library *lib;
	bool json = false;
	const struct cli_opt opts[] = {{"--json", CLI_FLAG, &json}};
	size_t n_pos;
	int rc;

	rc = cli_parse(cli, "version", argc, argv, opts, ARRAY_LEN(opts), NULL, 0, 0, &n_pos);
	if (rc < 0)
		return rc;
	if ((rc = lib_load_builtin(&lib, NULL, &cli->err)) < 0)
		return err_set(&cli->err, ERR_INTERNAL, "the built-in library is broken: %s",
			       cli->err.msg);
	if (json) {
		json_t *o = json_object();

		json_object_set_new(o, "prudent", json_string(PRUDENT_VERSION));
		json_object_set_new(o, "library_version", cli_json_string(lib->version));
		json_object_set_new(o, "library_hash", json_string(lib->hash));
		json_object_set_new(o, "sqlite", json_string(store_sqlite_version()));
		rc = cli_print_json(cli, o);
	} else {
		fprintf(cli->out, "prudent %s (library %s, sqlite %s)\n", PRUDENT_VERSION,
			lib->version, store_sqlite_version());
	}
	lib_free(lib);
	return rc;
}
