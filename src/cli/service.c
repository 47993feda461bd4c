/*
 * service.c - 'prudent service': the MSP's service catalogue.
 *
 * The library ships templates for the services MSPs sell; an MSP copies,
 * edits and adds its own, stored as versions in its database.  The newest
 * version of an id replaces the library's service of that id.
 */
#include <stdlib.h>

#include "cli/cli.h"

static const struct lib_service *
find(const struct lib_service *const *cat, size_t n, const char *id)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(cat[i]->id, id) == 0)
			return cat[i];
	return NULL;
}

/* Read, check and store a definition as the next version of service id. */
static int
store_definition(struct cli *cli, struct store *db, const struct library *lib, const char *tenant_id,
		 const char *id, json_t *def, const char *by)
{
	struct eng_problems problems = {0};
	size_t n_covers;
	int rc, version;

	rc = app_service_save(db, lib, tenant_id, id, def, by, cli->arena, &problems, &version,
			      &n_covers, &cli->err);
	for (size_t i = 0; rc == ERR_INPUT && i < problems.n_lines; i++)
		fprintf(stderr, "prudent: %s\n", problems.lines[i]);
	if (rc == 0)
		fprintf(cli->out, "Saved version %d of service %s (%zu safeguards).\n", version, id,
			n_covers);
	return rc;
}

/*
** COMMAND: service
** SUMMARY: List, show, add and edit the services the MSP sells
**
** Usage: prudent service list [--json]
**        prudent service show SERVICE [--json]
**        prudent service add ID (--copy SERVICE | --file FILE)
**        prudent service edit SERVICE --file FILE
**
** A service covers safeguards: 'msp' when the MSP does all of it, 'shared'
** with the split written out (msp_part, customer_part).  The library's
** services are templates; add and edit store the MSP's own as versions (who
** and when), and the newest version of an id is the one used.  FILE is JSON
** or YAML in the shape 'service show --json' prints.
**
**   --copy SERVICE  start a new service from an existing one
**   --file FILE     the definition ('-' reads standard input)
**   --by NAME       who makes the change (default: $PRUDENT_USER or $USER)
**   --db PATH       the database (default: $PRUDENT_DB, else ./prudent.db)
**   --library DIR   use the library in DIR
**   --json          print JSON
*/
int
cmd_service(struct cli *cli, int argc, char **argv)
{
	const char *db_opt = NULL, *dir = NULL, *file = NULL, *copy = NULL, *by = NULL, *pos[2], *sub;
	bool json = false;
	const struct cli_opt opts[] = {{"--db", CLI_VALUE, &db_opt}, {"--library", CLI_VALUE, &dir},
		{"--file", CLI_VALUE, &file}, {"--copy", CLI_VALUE, &copy}, {"--by", CLI_VALUE, &by},
		{"--json", CLI_FLAG, &json}};
	const struct lib_service **cat, *svc;
	struct store_tenant tenant;
	struct store *db = NULL;
	struct library *lib = NULL;
	size_t n_pos, n_cat;
	int rc;

	rc = cli_parse(cli, "service", argc, argv, opts, ARRAY_LEN(opts), pos, 1, 2, &n_pos);
	if (rc < 0)
		return rc;
	sub = pos[0];
	if (strcmp(sub, "list") && strcmp(sub, "show") && strcmp(sub, "add") && strcmp(sub, "edit"))
		return err_set(&cli->err, ERR_INPUT,
			       "unknown subcommand 'service %.64s'; see 'prudent help service'", sub);
	if ((strcmp(sub, "list") == 0) != (n_pos == 1))
		return err_set(&cli->err, ERR_INPUT, "see 'prudent help service' for the arguments of "
			       "'service %s'", sub);
	if ((rc = cli_load_library(cli, dir, &lib)) < 0)
		return rc;
	if ((rc = cli_open_db(cli, db_opt, 0, &db, &tenant)) < 0 ||
	    (rc = app_catalogue(db, lib, tenant.id, cli->arena, &cat, &n_cat, &cli->err)) < 0)
		goto done;
	if (strcmp(sub, "list") == 0) {
		json_t *a = json ? json_array() : NULL;

		for (size_t i = 0; i < n_cat; i++) {
			bool own = !lib_service_get(lib, cat[i]->id) || cat[i] != lib_service_get(lib, cat[i]->id);

			if (a)
				json_array_append_new(a, app_service_json(cat[i], own ? "msp" : "library"));
			else
				fprintf(cli->out, "%-26s %3zu safeguards  %s%s\n", cat[i]->id, cat[i]->n_covers,
					cat[i]->name, own ? " (the MSP's own)" : "");
		}
		rc = a ? cli_print_json(cli, a) : 0;
		goto done;
	}
	svc = find(cat, n_cat, pos[1]);
	if (strcmp(sub, "show") == 0) {
		if (!svc) {
			rc = err_set(&cli->err, ERR_NOTFOUND, "no service '%.64s'; 'prudent service list' "
				     "shows them", pos[1]);
		} else if (json) {
			rc = cli_print_json(cli, app_service_json(svc, NULL));
		} else {
			fprintf(cli->out, "%s (%s)\n%s\n\nCovers:\n", svc->name, svc->id, svc->description);
			for (size_t i = 0; i < svc->n_covers; i++) {
				const struct lib_service_cover *c = &svc->covers[i];

				fprintf(cli->out, "  %-30s %s\n", c->safeguard->id, c->shared ? "shared" : "msp");
				if (c->shared)
					fprintf(cli->out, "      MSP: %s\n      Customer: %s\n", c->msp_part,
						c->customer_part);
			}
		}
		goto done;
	}
	if (strcmp(sub, "add") == 0 && svc) {
		rc = err_set(&cli->err, ERR_CONFLICT, "service '%.64s' exists; use 'service edit'", pos[1]);
		goto done;
	}
	if (strcmp(sub, "edit") == 0 && !svc) {
		rc = err_set(&cli->err, ERR_NOTFOUND, "no service '%.64s' to edit", pos[1]);
		goto done;
	}
	if (!lib_valid_id(pos[1])) {
		rc = err_set(&cli->err, ERR_INPUT, "a service id is lower-case letters, digits and "
			     "hyphens, such as managed-backup");
		goto done;
	}
	if (!!file == !!copy || (copy && strcmp(sub, "edit") == 0)) {
		rc = err_set(&cli->err, ERR_INPUT, "'service add' takes --copy SERVICE or --file FILE; "
			     "'service edit' takes --file FILE");
		goto done;
	}
	if (copy) {
		const struct lib_service *from = find(cat, n_cat, copy);
		json_t *def;

		if (!from) {
			rc = err_set(&cli->err, ERR_NOTFOUND, "no service '%.64s' to copy", copy);
			goto done;
		}
		def = app_service_json(from, NULL);
		rc = store_definition(cli, db, lib, tenant.id, pos[1], def, cli_actor(by));
		json_decref(def);
	} else {
		char *data;
		size_t len;
		json_t *def;

		if ((rc = cli_read_input(cli, file, ENG_MAX_ANSWERS_SIZE, &data, &len)) < 0)
			goto done;
		rc = eng_answers_parse(data, len, &def, &cli->err);
		free(data);
		if (rc < 0)
			goto done;
		rc = store_definition(cli, db, lib, tenant.id, pos[1], def, cli_actor(by));
		json_decref(def);
	}
done:
	store_close(db);
	lib_free(lib);
	return rc;
}
