/*
 * client.c - 'prudent client': the MSP's clients.
 */
#include "cli/cli.h"

static json_t *
client_json(const struct store_client *c)
{
	json_t *o = json_object();

	json_object_set_new(o, "id", json_string(c->id));
	json_object_set_new(o, "slug", json_string(c->slug));
	json_object_set_new(o, "name", cli_json_string(c->name));
	json_object_set_new(o, "legal_name", c->legal_name[0] ? cli_json_string(c->legal_name)
							      : json_null());
	json_object_set_new(o, "created_at", json_string(c->created_at));
	json_object_set_new(o, "archived_at", c->archived_at[0] ? json_string(c->archived_at)
							       : json_null());
	return o;
}

struct list_ctx {
	struct cli *cli;
	json_t *array; /* NULL for text */
	size_t n;
};

static int
list_one(const struct store_client *c, void *arg)
{
	struct list_ctx *x = arg;

	x->n++;
	if (x->array) {
		json_array_append_new(x->array, client_json(c));
		return 0;
	}
	fprintf(x->cli->out, "%-30s %s%s\n", c->slug, c->name, c->archived_at[0] ? " (archived)" : "");
	return 0;
}

static int
versions_one(const struct store_profile *p, void *arg)
{
	json_t *a = arg;
	json_t *o = json_object();
	json_error_t je;

	json_object_set_new(o, "version", json_integer(p->version));
	json_object_set_new(o, "created_at", json_string(p->created_at));
	json_object_set_new(o, "created_by", cli_json_string(p->created_by));
	json_object_set_new(o, "profile_hash", json_string(p->profile_hash));
	json_object_set_new(o, "library_version", cli_json_string(p->library_version));
	json_object_set_new(o, "changes", json_loads(p->changes, 0, &je));
	json_array_append_new(a, o);
	return 0;
}

static int
client_show(struct cli *cli, struct store *db, const struct store_client *c, bool json)
{
	json_t *o = client_json(c), *versions = json_array(), *ver;
	struct store_profile cur;
	json_error_t je;
	size_t i;
	int rc;

	json_object_set_new(o, "versions", versions);
	if ((rc = store_profile_each(db, c, versions_one, versions, &cli->err)) < 0)
		goto done;
	rc = store_profile_current(db, c, &cur, &cli->err);
	if (rc == ERR_NOTFOUND) {
		json_object_set_new(o, "profile", json_null());
	} else if (rc == 0) {
		json_object_set_new(o, "profile", json_loads(cur.answers, 0, &je));
		store_profile_clear(&cur);
	} else {
		goto done;
	}
	if (json)
		return cli_print_json(cli, o);
	rc = 0;
	fprintf(cli->out, "%s (%s)\n", c->name, c->slug);
	if (c->legal_name[0])
		fprintf(cli->out, "Legal name: %s\n", c->legal_name);
	fprintf(cli->out, "Id: %s\nAdded: %s\n", c->id, c->created_at);
	if (c->archived_at[0])
		fprintf(cli->out, "Archived: %s\n", c->archived_at);
	if (json_array_size(versions) == 0)
		fprintf(cli->out, "Intake: not answered yet ('prudent intake %s')\n", c->slug);
	json_array_foreach(versions, i, ver) {
		json_t *changes = json_object_get(ver, "changes");

		fprintf(cli->out, "Intake version %lld: %s by %s",
			(long long)json_integer_value(json_object_get(ver, "version")),
			json_string_value(json_object_get(ver, "created_at")),
			json_string_value(json_object_get(ver, "created_by")));
		for (size_t k = 0; k < json_array_size(changes); k++)
			fprintf(cli->out, "%s%s", k ? ", " : "; changed ",
				json_string_value(json_array_get(changes, k)));
		fputc('\n', cli->out);
	}
done:
	json_decref(o);
	return rc;
}

/*
** COMMAND: client
** SUMMARY: Add, list, show, rename and archive the MSP's clients
**
** Usage: prudent client add NAME [--legal-name TEXT] [--slug SLUG] [--json]
**        prudent client list [--all] [--json]
**        prudent client show CLIENT [--json]
**        prudent client rename CLIENT NEW_NAME [--slug SLUG]
**        prudent client archive CLIENT
**
** CLIENT is a client's slug (its short name, such as bright-smile-dental,
** made from the name when the client is added) or its id.  Archived clients
** keep their history and drop out of 'client list' (unless --all).
**
**   --db PATH          the database (default: $PRUDENT_DB, else ./prudent.db)
**   --legal-name TEXT  the registered legal name, when it differs
**   --slug SLUG        choose the short name instead of deriving it
**   --all              list archived clients too
**   --json             print JSON
*/
int
cmd_client(struct cli *cli, int argc, char **argv)
{
	const char *db_opt = NULL, *legal = NULL, *slug = NULL, *pos[3], *sub;
	bool json = false, all = false;
	const struct cli_opt opts[] = {{"--db", CLI_VALUE, &db_opt}, {"--legal-name", CLI_VALUE, &legal},
		{"--slug", CLI_VALUE, &slug}, {"--json", CLI_FLAG, &json}, {"--all", CLI_FLAG, &all}};
	static const struct { const char *name; size_t n_args; } subs[] = {
		{"add", 1}, {"list", 0}, {"show", 1}, {"rename", 2}, {"archive", 1}};
	struct store_tenant tenant;
	struct store_client c;
	struct store *db = NULL;
	size_t n_pos, i;
	int rc;

	rc = cli_parse(cli, "client", argc, argv, opts, ARRAY_LEN(opts), pos, 1, 3, &n_pos);
	if (rc < 0)
		return rc;
	sub = pos[0];
	for (i = 0; i < ARRAY_LEN(subs) && strcmp(subs[i].name, sub) != 0; i++)
		;
	if (i == ARRAY_LEN(subs))
		return err_set(&cli->err, ERR_INPUT,
			       "unknown subcommand 'client %.64s'; see 'prudent help client'", sub);
	if (n_pos - 1 != subs[i].n_args)
		return err_set(&cli->err, ERR_INPUT, "'client %s' takes %zu argument%s; see 'prudent "
			       "help client'", sub, subs[i].n_args, subs[i].n_args == 1 ? "" : "s");
	if ((rc = cli_open_db(cli, db_opt, 0, &db, &tenant)) < 0)
		return rc;
	if (strcmp(sub, "add") == 0) {
		if ((rc = store_client_add(db, tenant.id, pos[1], legal, slug, cli_actor(NULL), &c,
					   &cli->err)) == 0) {
			if (json)
				rc = cli_print_json(cli, client_json(&c));
			else
				fprintf(cli->out, "Added %s as %s. Next: prudent intake %s\n", c.name, c.slug,
					c.slug);
		}
	} else if (strcmp(sub, "list") == 0) {
		struct list_ctx x = {cli, json ? json_array() : NULL, 0};

		rc = store_client_each(db, tenant.id, all, list_one, &x, &cli->err);
		if (json)
			rc = rc < 0 ? (json_decref(x.array), rc) : cli_print_json(cli, x.array);
		else if (rc == 0 && x.n == 0)
			fputs("No clients yet: add one with 'prudent client add NAME'.\n", cli->out);
	} else if ((rc = store_client_get(db, tenant.id, pos[1], &c, &cli->err)) < 0) {
		/* reported */
	} else if (strcmp(sub, "show") == 0) {
		rc = client_show(cli, db, &c, json);
	} else if (strcmp(sub, "rename") == 0) {
		if ((rc = store_client_rename(db, &c, pos[2], slug, cli_actor(NULL), &cli->err)) == 0)
			fprintf(cli->out, "Renamed to %s (%s).\n", c.name, c.slug);
	} else {
		if ((rc = store_client_archive(db, &c, cli_actor(NULL), &cli->err)) == 0)
			fprintf(cli->out, "Archived %s; its history is kept.\n", c.slug);
	}
	store_close(db);
	return rc;
}
