/*
 * obligations.c - 'prudent obligations': what binds a client, and why.
 */
#include <stdlib.h>

#include "cli/cli.h"
#include "engine/eng.h"

/*
** COMMAND: obligations
** SUMMARY: Show which laws, frameworks and contracts bind a client, and why
**
** Usage: prudent obligations CLIENT [--json]
**        prudent obligations --answers FILE [--json]
**
** Derives the client's obligations from its current intake answers (or from
** an answers file, JSON or YAML, without any database) and the rules of the
** content library: each framework with its strength ('must' for law and
** contract, 'should' for the MSP's standard of care), its variant (HIPAA
** role, PCI DSS SAQ type, CMMC level, ...), the reasons in plain words and the
** legal citations; then what state safe-harbor laws say about the client's
** frameworks, and answers that look contradictory.  The text reads as a
** letter to the business owner; --json is for other programs.
**
**   --answers FILE  derive from FILE ('-' reads standard input) instead of a client
**   --json          print JSON: profile_hash, library_version, obligations,
**                   safe_harbor, warnings
**   --db PATH       the database (default: $PRUDENT_DB, else ./prudent.db)
**   --library DIR   use the library in DIR
*/
int
cmd_obligations(struct cli *cli, int argc, char **argv)
{
	const char *db_opt = NULL, *file = NULL, *dir = NULL, *pos[1], *name = NULL;
	bool json = false;
	const struct cli_opt opts[] = {{"--db", CLI_VALUE, &db_opt}, {"--answers", CLI_VALUE, &file},
		{"--json", CLI_FLAG, &json}, {"--library", CLI_VALUE, &dir}};
	struct eng_problems problems;
	struct eng_result result;
	struct library *lib = NULL;
	json_t *answers = NULL;
	char *data = NULL;
	size_t n_pos, len;
	int rc;

	rc = cli_parse(cli, "obligations", argc, argv, opts, ARRAY_LEN(opts), pos, 0, 1, &n_pos);
	if (rc < 0)
		return rc;
	if ((n_pos == 1) == (file != NULL))
		return err_set(&cli->err, ERR_INPUT, "name a CLIENT or give --answers FILE (one of them)");
	if ((rc = cli_load_library(cli, dir, &lib)) < 0)
		return rc;
	if (file) {
		if ((rc = cli_read_input(cli, file, ENG_MAX_ANSWERS_SIZE, &data, &len)) < 0)
			goto done;
	} else {
		struct store_tenant tenant;
		struct store_client c;
		struct store_profile cur;
		struct store *db;

		if ((rc = cli_open_db(cli, db_opt, STORE_READONLY, &db, &tenant)) < 0)
			goto done;
		if ((rc = store_client_get(db, tenant.id, pos[0], &c, &cli->err)) == 0 &&
		    (rc = store_profile_current(db, &c, &cur, &cli->err)) == 0) {
			data = cur.answers;
			cur.answers = NULL;
			len = strlen(data);
			name = arena_strdup(cli->arena, c.name);
			store_profile_clear(&cur);
		}
		store_close(db);
		if (rc < 0)
			goto done;
	}
	if ((rc = eng_answers_parse(data, len, &answers, &cli->err)) < 0)
		goto done;
	if (eng_profile_check(lib, answers, cli->arena, &problems) > 0) {
		for (size_t i = 0; i < problems.n_lines; i++)
			fprintf(stderr, "prudent: %s\n", problems.lines[i]);
		rc = err_set(&cli->err, ERR_INPUT, "%zu problem%s in the answers", problems.n_lines,
			     problems.n_lines == 1 ? "" : "s");
		goto done;
	}
	eng_obligations(lib, answers, cli->arena, &result);
	if (json) {
		rc = cli_print_json(cli, eng_result_json(&result));
	} else {
		struct str letter = STR_INIT;

		if (!name && json_is_string(eng_answer(answers, "name")))
			name = json_string_value(eng_answer(answers, "name"));
		eng_result_letter(&result, name, &letter);
		fputs(str_cstr(&letter), cli->out);
		str_free(&letter);
	}
done:
	free(data);
	json_decref(answers);
	lib_free(lib);
	return rc;
}
