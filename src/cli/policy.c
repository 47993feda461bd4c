/*
 * policy.c - 'prudent policy': the MSP's standard-of-care floor.
 */
#include <stdlib.h>

#include "cli/cli.h"

/*
** COMMAND: policy
** SUMMARY: Show or set the standard-of-care floor applied to every client
**
** Usage: prudent policy show [--json]
**        prudent policy set FRAMEWORK[:KEY=VALUE...]...
**
** The floor is what the MSP holds every client to, whatever the law asks:
** 'should' obligations in every client's baseline.  Until the MSP sets one,
** the library's floor applies (NIST CSF 2.0 and CIS Controls v8.1 IG1).
** 'set' stores a new version, with who and when, for example:
**
**   prudent policy set nist-csf-2.0 cis-controls-v8.1:ig=2
**
**   --by NAME       who makes the change (default: $PRUDENT_USER or $USER)
**   --db PATH       the database (default: $PRUDENT_DB, else ./prudent.db)
**   --library DIR   use the library in DIR
**   --json          print JSON
*/
int
cmd_policy(struct cli *cli, int argc, char **argv)
{
	const char *db_opt = NULL, *dir = NULL, *by = NULL, *pos[16];
	bool json = false;
	const struct cli_opt opts[] = {{"--db", CLI_VALUE, &db_opt}, {"--library", CLI_VALUE, &dir},
		{"--by", CLI_VALUE, &by}, {"--json", CLI_FLAG, &json}};
	struct store_tenant tenant;
	struct store_record rec = {0};
	struct store *db = NULL;
	struct library *lib = NULL;
	size_t n_pos;
	int rc;

	rc = cli_parse(cli, "policy", argc, argv, opts, ARRAY_LEN(opts), pos, 1, ARRAY_LEN(pos), &n_pos);
	if (rc < 0)
		return rc;
	if (strcmp(pos[0], "show") && strcmp(pos[0], "set"))
		return err_set(&cli->err, ERR_INPUT, "unknown subcommand 'policy %.64s'", pos[0]);
	if ((strcmp(pos[0], "set") == 0) != (n_pos > 1))
		return err_set(&cli->err, ERR_INPUT, "usage: prudent policy show | policy set "
			       "FRAMEWORK[:KEY=VALUE...]...");
	if ((rc = cli_load_library(cli, dir, &lib)) < 0)
		return rc;
	if ((rc = cli_open_db(cli, db_opt, 0, &db, &tenant)) < 0)
		goto done;
	if (strcmp(pos[0], "set") == 0) {
		json_t *floor;
		size_t n;
		char *text;
		int version;

		if ((rc = app_floor_from_specs(lib, pos + 1, n_pos - 1, cli->arena, &floor, &n,
					       &cli->err)) < 0)
			goto done;
		text = json_dumps(floor, JSON_COMPACT);
		rc = store_policy_set(db, tenant.id, text, cli_actor(by), &version, &cli->err);
		free(text);
		if (rc == 0)
			fprintf(cli->out, "Saved version %d of the floor: %zu framework%s.\n", version, n,
				n == 1 ? "" : "s");
		json_decref(floor);
		goto done;
	}
	rc = store_policy_current(db, tenant.id, &rec, &cli->err);
	if (rc == ERR_NOTFOUND) {
		rc = 0;
		if (json) {
			rc = cli_print_json(cli, json_pack("{s:n,s:s}", "version", "source", "library"));
		} else {
			fputs("No floor set: the library's applies (its floor rules, such as NIST CSF 2.0 "
			      "and CIS Controls v8.1 IG1).\n", cli->out);
		}
	} else if (rc == 0) {
		json_error_t je;

		if (json)
			rc = cli_print_json(cli, json_pack("{s:i,s:s,s:s,s:o}", "version", rec.version,
							   "created_at", rec.created_at, "created_by",
							   rec.created_by, "floor", json_loads(rec.data, 0, &je)));
		else
			fprintf(cli->out, "Floor version %d (%s, by %s): %s\n", rec.version, rec.created_at,
				rec.created_by, rec.data);
	}
done:
	store_record_clear(&rec);
	store_close(db);
	lib_free(lib);
	return rc;
}
