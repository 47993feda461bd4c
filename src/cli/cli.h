/*
 * cli.h - what every command shares: its context, option parsing, loading the
 * library and opening the database the way the user asked, and printing JSON.
 *
 * A command is a function `int cmd_x(struct cli *cli, int argc, char **argv)`
 * declared by a COMMAND: comment block (see tools/mkcommands.c).  It returns 0
 * or a negative ERR_* code with cli->err filled in; main() prints the message
 * and turns the code into the exit status (0, 1 bad input, 2 internal).
 */
#ifndef PRUDENT_CLI_H
#define PRUDENT_CLI_H

#include <jansson.h>

#include "commands.h" /* generated: the cmd_ prototypes */
#include "app/app.h"
#include "core/core.h"
#include "engine/eng.h"
#include "library/lib.h"
#include "store/store.h"

struct cli {
	struct arena *arena; /* freed when the command ends */
	FILE *out;           /* the command's result */
	struct err err;
};

struct cli_command {
	const char *name;
	int (*run)(struct cli *cli, int argc, char **argv);
	const char *summary;
	const char *help;
};

/* The table mkcommands builds, sorted by name, ending with a NULL name. */
extern const struct cli_command cli_commands[];

const struct cli_command *cli_command_find(const char *name);

enum cli_opt_kind { CLI_FLAG, CLI_VALUE };

/* One option a command accepts: a flag sets *(bool *)dest, a value sets
 * *(const char **)dest (borrowed from argv). */
struct cli_opt {
	const char *name; /* "--db" */
	enum cli_opt_kind kind;
	void *dest;
};

/*
 * Parse argv[0..argc) (without the command name) against opts.  Positional
 * arguments go to pos[0..max_pos); *n_pos receives their number.  Unknown
 * options, missing values, and too few (< min_pos) or too many positionals are
 * ERR_INPUT, with a message naming the problem and pointing at the help.
 * "--name=value" and "--name value" both work; "--" ends the options.
 */
int cli_parse(struct cli *cli, const char *command, int argc, char **argv,
	      const struct cli_opt *opts, size_t n_opts, const char **pos, size_t min_pos,
	      size_t max_pos, size_t *n_pos);

/* The database to use: --db if given, else $PRUDENT_DB, else ./prudent.db. */
const char *cli_db_path(const char *db_opt);

/* Open the database (see cli_db_path) and find its tenant.  flags as for
 * store_open; *db is closed by the caller. */
int cli_open_db(struct cli *cli, const char *db_opt, unsigned flags, struct store **db,
		struct store_tenant *tenant);

/* After a command that wrote to the database: sign a checkpoint of the event
 * log if one is due (a warning on stderr if it cannot). */
void cli_checkpoint(void);

/* Who is acting: --by if given, else $PRUDENT_USER, else $USER, else "cli". */
const char *cli_actor(const char *by_opt);

/* Read a whole file, or standard input for "-" (at most max bytes). */
int cli_read_input(struct cli *cli, const char *path, size_t max, char **out, size_t *len);

/* Load the library from dir, else $PRUDENT_LIBRARY, else the built-in copy.
 * Problems are printed to stderr, one per line, as file:line: message. */
int cli_load_library(struct cli *cli, const char *dir, struct library **out);

/* True when dir does not exist or holds nothing. */
bool cli_dir_empty(const char *dir);

/* Print every problem of a report to f as "file:line: message". */
void cli_print_report(FILE *f, const struct lib_report *r);

/* A JSON string, or JSON null for NULL; invalid UTF-8 becomes U+FFFD. */
json_t *cli_json_string(const char *s);
/* Print v to cli->out, indented, and release it. */
int cli_print_json(struct cli *cli, json_t *v);
/* A document to FILE (atomically, then "Wrote FILE."), or to standard output
 * when file is NULL. */
int cli_emit(struct cli *cli, const char *file, const struct str *doc);

#endif /* PRUDENT_CLI_H */
