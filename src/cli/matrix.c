/*
 * matrix.c - 'prudent matrix': who carries each safeguard and control for a
 * client, in Markdown, CSV, JSON, HTML or XLSX.
 */
#include <stdlib.h>

#include "cli/cli.h"
#include "docs/doc.h"

/*
** COMMAND: matrix
** SUMMARY: Print or write a client's responsibility matrix
**
** Usage: prudent matrix CLIENT [--format md|csv|json|html|xlsx] [-o FILE]
**                      [--framework ID]
**
** One row per safeguard of the client's baseline: must (a law or contract
** needs it) or should (the MSP's standard of care), the owner (msp, customer,
** shared with the split, third_party, declined, not_applicable), the service
** that carries it, the customer's decision, the framework controls it serves
** and why it is there.  A declined safeguard a law requires is flagged.
** With --framework, the rows are that framework's in-scope controls, each with
** the owners of its safeguards combined (different owners make it shared): the
** per-framework matrix an assessor asks for.  XLSX has a summary sheet and one
** sheet per framework, and needs -o.
**
**   --format F      md (default), csv, json, html or xlsx
**   -o FILE         write to FILE (atomically) instead of standard output
**   --framework ID  the per-framework view of one obligation framework
**   --db PATH       the database (default: $PRUDENT_DB, else ./prudent.db)
**   --library DIR   use the library in DIR
*/
int
cmd_matrix(struct cli *cli, int argc, char **argv)
{
	const char *db_opt = NULL, *dir = NULL, *format = "md", *file = NULL, *fw_id = NULL, *pos[1];
	const struct cli_opt opts[] = {{"--db", CLI_VALUE, &db_opt}, {"--library", CLI_VALUE, &dir},
		{"--format", CLI_VALUE, &format}, {"-o", CLI_VALUE, &file},
		{"--framework", CLI_VALUE, &fw_id}};
	struct app_client_view view;
	struct store_tenant tenant;
	struct store *db = NULL;
	struct library *lib = NULL;
	struct doc_matrix d = {0};
	struct str out = STR_INIT;
	char now[TIME_RFC3339_LEN];
	bool have_view = false;
	size_t n_pos;
	int rc, fmt;

	rc = cli_parse(cli, "matrix", argc, argv, opts, ARRAY_LEN(opts), pos, 1, 1, &n_pos);
	if (rc < 0)
		return rc;
	if ((fmt = doc_format_parse(format)) < 0)
		return err_set(&cli->err, ERR_INPUT, "--format is md, csv, json, html or xlsx, not "
			       "'%.32s'", format);
	if (fmt == DOC_XLSX && !file)
		return err_set(&cli->err, ERR_INPUT, "XLSX is written to a file: add -o FILE");
	if ((rc = cli_load_library(cli, dir, &lib)) < 0)
		return rc;
	if ((rc = cli_open_db(cli, db_opt, STORE_READONLY, &db, &tenant)) < 0 ||
	    (rc = app_client_view(db, lib, tenant.id, pos[0], cli->arena, &view, &cli->err)) < 0)
		goto done;
	have_view = true;
	d.client_slug = view.client.slug;
	d.client_name = view.client.name;
	d.library_version = lib->version;
	d.profile_hash = view.obligations.profile_hash;
	/* PRUDENT_NOW pins the timestamp, so documents can be compared byte for byte. */
	d.generated_at = getenv("PRUDENT_NOW") && *getenv("PRUDENT_NOW") ? getenv("PRUDENT_NOW")
								      : time_now_rfc3339(now);
	d.obligations = &view.obligations;
	d.matrix = &view.matrix;
	d.arena = cli->arena;
	if (fw_id) {
		for (size_t i = 0; i < view.obligations.n_obligations; i++)
			if (strcmp(view.obligations.obligations[i].framework->id, fw_id) == 0)
				d.framework = &view.obligations.obligations[i];
		if (!d.framework) {
			rc = err_set(&cli->err, ERR_INPUT, "%.64s is not one of %s's obligations; 'prudent "
				     "obligations %s' lists them", fw_id, view.client.slug, view.client.slug);
			goto done;
		}
	}
	switch (fmt) {
	case DOC_XLSX:
		rc = doc_matrix_xlsx(&d, file, &cli->err);
		if (rc == 0)
			fprintf(cli->out, "Wrote %s.\n", file);
		goto done;
	case DOC_JSON: {
		json_t *j = doc_matrix_json(&d);
		char *text = json_dumps(j, JSON_INDENT(2) | JSON_PRESERVE_ORDER);

		str_puts(&out, text);
		str_putc(&out, '\n');
		free(text);
		json_decref(j);
		break;
	}
	case DOC_CSV: doc_matrix_csv(&d, &out); break;
	case DOC_HTML: doc_matrix_html(&d, &out); break;
	default: doc_matrix_md(&d, &out); break;
	}
	rc = cli_emit(cli, file, &out);
done:
	str_free(&out);
	if (have_view)
		app_client_view_free(&view);
	store_close(db);
	lib_free(lib);
	return rc;
}
