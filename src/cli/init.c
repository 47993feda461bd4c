/*
 * init.c - 'prudent init': create a database with its first tenant.
 */
#include "cli/cli.h"

/*
** COMMAND: init
** SUMMARY: Create a database with its first tenant (the MSP)
**
** Usage: prudent init [--db PATH] [--name NAME] [--json]
**
** Creates the database (SQLite) and applies the schema, then records the
** first tenant: the MSP using this copy of Prudent.  Running it again on an
** initialised database applies any newer schema and changes nothing else.
**
**   --db PATH     the database file (default: $PRUDENT_DB, else ./prudent.db)
**   --name NAME   the MSP's name, as documents will show it (default "My MSP")
**   --json        print the result as JSON
*/
int
cmd_init(struct cli *cli, int argc, char **argv)
{
	const char *db_opt = NULL, *name = "My MSP", *path;
	bool json = false;
	const struct cli_opt opts[] = {
		{"--db", CLI_VALUE, &db_opt}, {"--name", CLI_VALUE, &name}, {"--json", CLI_FLAG, &json}};
	struct store_tenant tenant;
	struct store *db = NULL;
	size_t n_pos, n_tenants;
	bool created = false;
	struct ev_key key = {0};
	char key_path[4096];
	int rc, version;

	rc = cli_parse(cli, "init", argc, argv, opts, ARRAY_LEN(opts), NULL, 0, 0, &n_pos);
	if (rc < 0)
		return rc;
	path = cli_db_path(db_opt);
	if ((rc = store_open(path, STORE_CREATE, &db, &cli->err)) < 0)
		return rc;
	if ((rc = store_schema_version(db, &version, &cli->err)) < 0 ||
	    (rc = store_tenant_list(db, &tenant, 1, &n_tenants, &cli->err)) < 0)
		goto done;
	if (n_tenants == 0) {
		if ((rc = store_tenant_create(db, name, &tenant, &cli->err)) < 0)
			goto done;
		created = true;
	}
	/* The signing key (made the first time) and a checkpoint of the chain. */
	if ((rc = ev_key_open(db, tenant.id, ev_key_path(path, key_path, sizeof(key_path)), &key,
			      &cli->err)) < 0 ||
	    (rc = ev_checkpoint(db, tenant.id, &key, NULL, &cli->err)) < 0)
		goto done;
	if (json) {
		json_t *o = json_object(), *t = json_object();

		json_object_set_new(o, "db", cli_json_string(path));
		json_object_set_new(o, "backend", json_string(store_backend_name(db)));
		json_object_set_new(o, "schema_version", json_integer(version));
		json_object_set_new(o, "created_tenant", json_boolean(created));
		json_object_set_new(t, "id", json_string(tenant.id));
		json_object_set_new(t, "name", cli_json_string(tenant.name));
		json_object_set_new(t, "created_at", json_string(tenant.created_at));
		json_object_set_new(o, "tenant", t);
		json_object_set_new(o, "key_file", cli_json_string(key_path));
		json_object_set_new(o, "public_key", json_string(key.public_key));
		rc = cli_print_json(cli, o);
	} else if (created) {
		fprintf(cli->out, "Initialised %s (schema version %d) for %s (tenant %s).\n"
			"The key that signs the evidence log is sealed with %s: keep a copy of that "
			"file somewhere other than this machine.\n", path, version, tenant.name,
			tenant.id, key_path);
	} else {
		fprintf(cli->out, "%s is already initialised (schema version %d, tenant %s); "
			"nothing to do.\n", path, version, tenant.name);
	}
done:
	ev_key_wipe(&key);
	store_close(db);
	return rc;
}
