/*
 * settings.c - 'prudent settings': the legal settings of the MSP and of each
 * client, which the agreement and its addenda are written with.
 */
#include "cli/cli.h"
#include "docs/doc.h"

struct show {
	struct cli *cli;
	json_t *list;
	const char *scope;
};

static int
show_one(const char *key, const char *value, const char *at, const char *by, void *arg)
{
	struct show *s = arg;

	if (s->list)
		json_array_append_new(s->list, json_pack("{s:s, s:s, s:s, s:s, s:s}", "scope",
			s->scope, "key", key, "value", value, "updated_at", at, "updated_by", by));
	else
		fprintf(s->cli->out, "%-8s %-18s %s\n", s->scope, key, value);
	return 0;
}

/*
** COMMAND: settings
** SUMMARY: Show and change the legal settings documents are written with
**
** Usage: prudent settings [show] [--client CLIENT] [--json]
**        prudent settings set KEY VALUE [--client CLIENT] [--by NAME]
**        prudent settings unset KEY [--client CLIENT] [--by NAME]
**        prudent settings keys
**
** The MSP's settings are the defaults for every client; a client's own
** setting overrides them.  'keys' lists every key, whose it can be (the MSP's,
** a client's or both) and what it means: legal names, addresses, governing
** law, signatories, the liability cap and the higher cap for data incidents,
** the review cadence, the effective date, and who reviewed the clause wording.
** 'show' with --client prints the MSP's settings and then the client's.
**
**   --client CLIENT  a client's settings instead of the MSP's
**   --by NAME        who changes it (default: $PRUDENT_USER, else $USER)
**   --json           print as JSON
**   --db PATH        the database (default: $PRUDENT_DB, else ./prudent.db)
*/
int
cmd_settings(struct cli *cli, int argc, char **argv)
{
	const char *db_opt = NULL, *client = NULL, *by = NULL, *pos[3] = {"show"};
	bool json = false;
	const struct cli_opt opts[] = {{"--db", CLI_VALUE, &db_opt},
		{"--client", CLI_VALUE, &client}, {"--by", CLI_VALUE, &by},
		{"--json", CLI_FLAG, &json}};
	struct store_tenant tenant;
	struct store_client c;
	struct store *db = NULL;
	struct show s = {cli, NULL, "msp"};
	size_t n_pos, n_keys;
	const struct doc_setting_key *keys = doc_setting_keys(&n_keys);
	const char *sub;
	int rc;

	rc = cli_parse(cli, "settings", argc, argv, opts, ARRAY_LEN(opts), pos, 0, 3, &n_pos);
	if (rc < 0)
		return rc;
	sub = pos[0];
	if (strcmp(sub, "keys") == 0) {
		for (size_t i = 0; i < n_keys; i++)
			fprintf(cli->out, "%-18s %-11s %s\n", keys[i].key, keys[i].msp && keys[i].client
				? "msp, client" : keys[i].msp ? "msp" : "client", keys[i].help);
		return 0;
	}
	if (!((strcmp(sub, "show") == 0 && n_pos <= 1) || (strcmp(sub, "set") == 0 && n_pos == 3) ||
	      (strcmp(sub, "unset") == 0 && n_pos == 2)))
		return err_set(&cli->err, ERR_INPUT, "usage: prudent settings [show] | set KEY VALUE | "
			       "unset KEY | keys");
	if (strcmp(sub, "show") != 0 &&
	    (rc = doc_setting_check(pos[1], n_pos == 3 ? pos[2] : "1", client != NULL, &cli->err)) < 0)
		return rc;
	if ((rc = cli_open_db(cli, db_opt, strcmp(sub, "show") == 0 ? STORE_READONLY : 0, &db,
			      &tenant)) < 0)
		goto done;
	if (client && (rc = store_client_get(db, tenant.id, client, &c, &cli->err)) < 0)
		goto done;
	if (strcmp(sub, "show") != 0) {
		rc = store_setting_set(db, tenant.id, client ? c.id : NULL, pos[1],
				       n_pos == 3 ? pos[2] : NULL, cli_actor(by), &cli->err);
		if (rc == 0)
			fprintf(cli->out, n_pos == 3 ? "Set %s of %s.\n" : "Removed %s of %s.\n",
				pos[1], client ? c.slug : "the MSP");
		goto done;
	}
	if (json)
		s.list = json_array();
	rc = store_setting_each(db, tenant.id, NULL, show_one, &s, &cli->err);
	s.scope = "client";
	if (rc == 0 && client)
		rc = store_setting_each(db, tenant.id, c.id, show_one, &s, &cli->err);
	if (rc == 0 && json) {
		rc = cli_print_json(cli, s.list);
		s.list = NULL;
	}
done:
	json_decref(s.list);
	store_close(db);
	return rc;
}
