/*
 * documents.c - 'prudent contract', 'addendum', 'packet' and 'issue': a
 * client's documents, drawn from its responsibility matrix, in Markdown, HTML,
 * PDF and DOCX.
 */
#include <stdlib.h>
#include <unistd.h>

#include "cli/cli.h"
#include "docs/doc.h"

/* A client's documents being made: the library, the database, the client's
 * view and what its documents are drawn from. */
struct docs {
	struct library *lib;
	struct store *db;
	struct store_tenant tenant;
	struct app_client_view view;
	bool have_view;
	struct doc_context ctx;
	char now[TIME_RFC3339_LEN];
};

static int
docs_open(struct cli *cli, struct docs *d, const char *db_opt, const char *dir, unsigned flags,
	  const char *client)
{
	int rc;

	memset(d, 0, sizeof(*d));
	if ((rc = cli_load_library(cli, dir, &d->lib)) < 0 ||
	    (rc = cli_open_db(cli, db_opt, flags, &d->db, &d->tenant)) < 0 ||
	    (rc = app_client_view(d->db, d->lib, d->tenant.id, client, cli->arena, &d->view,
				  &cli->err)) < 0)
		return rc;
	d->have_view = true;
	/* PRUDENT_NOW pins the time, so documents can be compared byte for byte. */
	return app_doc_context(d->db, d->lib, &d->tenant, &d->view, getenv("PRUDENT_NOW") &&
			       *getenv("PRUDENT_NOW") ? getenv("PRUDENT_NOW")
			       : time_now_rfc3339(d->now), cli->arena, &d->ctx, &cli->err);
}

static void
docs_close(struct docs *d)
{
	if (d->have_view)
		app_client_view_free(&d->view);
	store_close(d->db);
	lib_free(d->lib);
}

static int
parse_format(struct cli *cli, const char *name, const char *file)
{
	int f = doc_render_format_parse(name);

	if (f < 0)
		return err_set(&cli->err, ERR_INPUT, "--format is md, html, pdf or docx, not "
			       "'%.32s'", name);
	/* Bytes for a file, not a terminal. */
	if ((f == DOC_R_PDF || f == DOC_R_DOCX) && !file && isatty(fileno(cli->out)))
		return err_set(&cli->err, ERR_INPUT, "%s is written to a file: add -o FILE", name);
	return f;
}

/* Build one document and write it in one format. */
static int
emit_one(struct cli *cli, struct docs *d, enum lib_doc kind, int fmt, const char *file)
{
	struct doc_document doc;
	struct str out = STR_INIT;
	int rc;

	if ((rc = doc_build(&d->ctx, kind, cli->arena, &doc, &cli->err)) == 0 &&
	    (rc = doc_render(&doc, (enum doc_render_format)fmt, &out, &cli->err)) == 0)
		rc = cli_emit(cli, file, &out);
	str_free(&out);
	return rc;
}

/*
** COMMAND: contract
** SUMMARY: Write a client's Standard of Care Agreement (Markdown, HTML, PDF, DOCX)
**
** Usage: prudent contract CLIENT [--format md|html|pdf|docx] [-o FILE]
**
** The agreement in five parts (customer obligations, provider obligations,
** disclaimer of warranties, limitation of liability, assumption of risk) plus
** term, review and incorporation by reference, drawn from the client's
** responsibility matrix, the clause library and the legal settings ('prudent
** settings'): every safeguard the customer carries and its half of shared
** ones, every one the MSP carries with the service that delivers it, and every
** declined safeguard with its risk for the customer to initial.  Each clause's
** contract wording is followed by the same terms in plain words.  The result
** is a draft; 'prudent issue' freezes a numbered version.
**
**   --format F     md (default), html, pdf or docx
**   -o FILE        write to FILE (atomically) instead of standard output
**   --db PATH      the database (default: $PRUDENT_DB, else ./prudent.db)
**   --library DIR  use the library in DIR
*/
int
cmd_contract(struct cli *cli, int argc, char **argv)
{
	const char *db_opt = NULL, *dir = NULL, *file = NULL, *format = "md", *pos[1];
	const struct cli_opt opts[] = {{"--db", CLI_VALUE, &db_opt}, {"--library", CLI_VALUE, &dir},
		{"-o", CLI_VALUE, &file}, {"--format", CLI_VALUE, &format}};
	struct docs d;
	size_t n_pos;
	int rc, fmt;

	rc = cli_parse(cli, "contract", argc, argv, opts, ARRAY_LEN(opts), pos, 1, 1, &n_pos);
	if (rc < 0)
		return rc;
	if ((fmt = parse_format(cli, format, file)) < 0)
		return fmt;
	if ((rc = docs_open(cli, &d, db_opt, dir, STORE_READONLY, pos[0])) == 0)
		rc = emit_one(cli, &d, LIB_DOC_AGREEMENT, fmt, file);
	docs_close(&d);
	return rc;
}

/* The kinds that apply to the client, as "a, b, c". */
static const char *
applicable(struct cli *cli, const struct docs *d)
{
	struct str s = STR_INIT;
	const char *out;

	for (int k = 1; k < LIB_DOC__MAX; k++)
		if (doc_applies(&d->ctx, (enum lib_doc)k))
			str_appendf(&s, "%s%s", s.len ? ", " : "", lib_doc_name((enum lib_doc)k));
	out = arena_strdup(cli->arena, str_cstr(&s));
	str_free(&s);
	return out;
}

/*
** COMMAND: addendum
** SUMMARY: Write an addendum, the risk-acceptance letter or the summary
**
** Usage: prudent addendum CLIENT KIND [--format md|html|pdf|docx] [-o FILE]
**
** KIND is one of: hipaa-baa (HIPAA business associate addendum), pci-dss
** (service-provider acknowledgement with the per-requirement responsibility
** schedule), cmmc (customer responsibility matrix), glba (service-provider
** terms), gdpr-dpa (Article 28 processor terms), cyber-insurance (control
** attestation: who implements and who attests each control), risk-acceptance
** (the letter for declined safeguards), summary ("Your security at a glance").
** An addendum is written only when the client's obligations call for it; the
** error names the kinds that apply.
**
**   --format F     md (default), html, pdf or docx
**   -o FILE        write to FILE (atomically) instead of standard output
**   --db PATH      the database (default: $PRUDENT_DB, else ./prudent.db)
**   --library DIR  use the library in DIR
*/
int
cmd_addendum(struct cli *cli, int argc, char **argv)
{
	const char *db_opt = NULL, *dir = NULL, *file = NULL, *format = "md", *pos[2];
	const struct cli_opt opts[] = {{"--db", CLI_VALUE, &db_opt}, {"--library", CLI_VALUE, &dir},
		{"-o", CLI_VALUE, &file}, {"--format", CLI_VALUE, &format}};
	struct docs d;
	size_t n_pos;
	int rc, fmt, kind;

	rc = cli_parse(cli, "addendum", argc, argv, opts, ARRAY_LEN(opts), pos, 2, 2, &n_pos);
	if (rc < 0)
		return rc;
	if ((fmt = parse_format(cli, format, file)) < 0)
		return fmt;
	if ((kind = lib_doc_parse(pos[1])) <= LIB_DOC_AGREEMENT)
		return err_set(&cli->err, ERR_INPUT, "no addendum '%.32s': the kinds are hipaa-baa, "
			       "pci-dss, cmmc, glba, gdpr-dpa, cyber-insurance, risk-acceptance and "
			       "summary ('prudent contract' writes the agreement)", pos[1]);
	if ((rc = docs_open(cli, &d, db_opt, dir, STORE_READONLY, pos[0])) == 0) {
		if (!doc_applies(&d.ctx, (enum lib_doc)kind))
			rc = err_set(&cli->err, ERR_INPUT, "%s's obligations do not call for the %s; "
				     "its documents are: %s", d.view.client.slug,
				     doc_kind_title((enum lib_doc)kind), applicable(cli, &d));
		else
			rc = emit_one(cli, &d, (enum lib_doc)kind, fmt, file);
	}
	docs_close(&d);
	return rc;
}

/* ------------------------------------------------ every document at once */

static json_t *
file_entry(const char *path, const char *data, size_t len)
{
	char sha[HASH_SHA256_HEX_LEN];

	return json_pack("{s:s, s:s, s:I}", "path", path, "sha256",
			 hash_sha256_hex(data, len, sha), "bytes", (json_int_t)len);
}

/* Write data to DIR/name and list it in the manifest. */
static int
put_file(struct cli *cli, const char *dir, const char *name, const char *data, size_t len,
	 json_t *files)
{
	const char *path = arena_printf(cli->arena, "%s/%s", dir, name);
	int rc;

	if ((rc = file_write_atomic(path, data, len, &cli->err)) == 0)
		json_array_append_new(files, file_entry(name, data, len));
	return rc;
}

/* The responsibility matrix in the packet: Markdown, HTML, CSV and XLSX. */
static int
put_matrix(struct cli *cli, struct docs *d, const char *dir, json_t *files)
{
	struct doc_matrix m = {d->view.client.slug, d->view.client.name, d->lib->version,
		d->view.obligations.profile_hash, d->ctx.generated_at, &d->view.obligations,
		&d->view.matrix, NULL, cli->arena};
	struct str out = STR_INIT;
	const char *xlsx = arena_printf(cli->arena, "%s/matrix.xlsx", dir);
	char *data = NULL;
	size_t len;
	int rc;

	doc_matrix_md(&m, &out);
	rc = put_file(cli, dir, "matrix.md", out.buf, out.len, files);
	str_clear(&out);
	doc_matrix_html(&m, &out);
	if (rc == 0)
		rc = put_file(cli, dir, "matrix.html", out.buf, out.len, files);
	str_clear(&out);
	doc_matrix_csv(&m, &out);
	if (rc == 0)
		rc = put_file(cli, dir, "matrix.csv", out.buf, out.len, files);
	str_free(&out);
	if (rc == 0 && (rc = doc_matrix_xlsx(&m, xlsx, &cli->err)) == 0 &&
	    (rc = file_read_all(xlsx, SIZE_MAX, &data, &len, &cli->err)) == 0)
		json_array_append_new(files, file_entry("matrix.xlsx", data, len));
	free(data);
	return rc;
}

/*
** COMMAND: packet
** SUMMARY: Write every document a client needs, in every format, with a manifest
**
** Usage: prudent packet CLIENT -o DIR [--json]
**
** Writes to DIR (created if missing; it must be empty) the Standard of Care
** Agreement, each addendum the client's obligations call for, the
** risk-acceptance letter when something is declined, and the one-page
** summary, each as .md, .html, .pdf and .docx; the responsibility matrix as
** .md, .html, .csv and .xlsx; and manifest.json listing every file with its
** SHA-256 and size, and each document's id, version, source hash and clauses.
** The documents are drafts until 'prudent issue'.
**
**   -o DIR         the folder to write
**   --json         print the manifest instead of a summary
**   --db PATH      the database (default: $PRUDENT_DB, else ./prudent.db)
**   --library DIR  use the library in DIR
*/
int
cmd_packet(struct cli *cli, int argc, char **argv)
{
	const char *db_opt = NULL, *dir = NULL, *out_dir = NULL, *pos[1];
	bool json = false;
	const struct cli_opt opts[] = {{"--db", CLI_VALUE, &db_opt}, {"--library", CLI_VALUE, &dir},
		{"-o", CLI_VALUE, &out_dir}, {"--json", CLI_FLAG, &json}};
	struct app_rendered *r = NULL;
	json_t *manifest = NULL, *docs_j, *files;
	struct docs d;
	size_t n_pos, n = 0;
	char name[64];
	int rc;

	rc = cli_parse(cli, "packet", argc, argv, opts, ARRAY_LEN(opts), pos, 1, 1, &n_pos);
	if (rc < 0)
		return rc;
	if (!out_dir)
		return err_set(&cli->err, ERR_INPUT, "a packet is a folder of files: add -o DIR");
	if ((rc = docs_open(cli, &d, db_opt, dir, STORE_READONLY, pos[0])) < 0 ||
	    (rc = app_render_all(&d.ctx, cli->arena, &r, &n, &cli->err)) < 0)
		goto done;
	if ((rc = file_mkdir_p(out_dir, &cli->err)) < 0)
		goto done;
	if (!cli_dir_empty(out_dir)) {
		rc = err_set(&cli->err, ERR_CONFLICT, "%s is not empty: a packet goes into a new or "
			     "empty folder, so no file from an older packet is mistaken for it",
			     out_dir);
		goto done;
	}
	manifest = json_object();
	docs_j = json_array();
	files = json_array();
	for (size_t i = 0; i < n && rc == 0; i++) {
		for (int f = 0; f < DOC_R__MAX && rc == 0; f++)
			rc = put_file(cli, out_dir, app_file_name(name, &r[i], f), r[i].files[f].buf,
				      r[i].files[f].len, files);
		json_array_append_new(docs_j, app_identity(d.lib, &r[i]));
	}
	if (rc == 0)
		rc = put_matrix(cli, &d, out_dir, files);
	json_object_set_new(manifest, "client", json_string(d.view.client.slug));
	json_object_set_new(manifest, "generated_at", json_string(d.ctx.generated_at));
	json_object_set_new(manifest, "version", json_string(d.ctx.version));
	json_object_set_new(manifest, "library", json_string(d.lib->version));
	json_object_set_new(manifest, "profile_hash",
			    json_string(d.view.obligations.profile_hash));
	json_object_set_new(manifest, "documents", docs_j);
	json_object_set_new(manifest, "files", files);
	if (rc == 0) {
		char *text = json_dumps(manifest, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
		struct str s = STR_INIT;

		str_puts(&s, text);
		str_putc(&s, '\n');
		free(text);
		rc = file_write_atomic(arena_printf(cli->arena, "%s/manifest.json", out_dir), s.buf,
				       s.len, &cli->err);
		str_free(&s);
	}
	if (rc == 0 && json) {
		rc = cli_print_json(cli, manifest);
		manifest = NULL;
	} else if (rc == 0) {
		fprintf(cli->out, "Wrote %zu documents in 4 formats, the matrix and manifest.json "
			"to %s:\n", n, out_dir);
		for (size_t i = 0; i < n; i++)
			fprintf(cli->out, "  %-18s %s\n", r[i].doc.kind, r[i].doc.title);
	}
done:
	json_decref(manifest);
	app_rendered_free(r, n);
	docs_close(&d);
	return rc;
}

/*
** COMMAND: issue
** SUMMARY: Freeze a client's current documents as a new numbered version
**
** Usage: prudent issue CLIENT [--by NAME] [--json]
**
** Builds every document that applies to the client (as 'prudent packet'
** does), numbers the set as the client's next version (1, 2, ...), and stores
** each document's identity and its Markdown, HTML, PDF and DOCX bytes in the
** database, where they can never be changed or deleted.  Until then documents
** are drafts.  Prints each document's id, version and source hash: the
** reference statements of work and invoices cite.
**
**   --by NAME      who issues it (default: $PRUDENT_USER, else $USER)
**   --json         print the identities as JSON
**   --db PATH      the database (default: $PRUDENT_DB, else ./prudent.db)
**   --library DIR  use the library in DIR
*/
int
cmd_issue(struct cli *cli, int argc, char **argv)
{
	const char *db_opt = NULL, *dir = NULL, *by = NULL, *pos[1];
	bool json = false;
	const struct cli_opt opts[] = {{"--db", CLI_VALUE, &db_opt}, {"--library", CLI_VALUE, &dir},
		{"--by", CLI_VALUE, &by}, {"--json", CLI_FLAG, &json}};
	json_t *list = NULL, *x;
	struct docs d;
	size_t n_pos, i;
	int64_t version;
	int rc;

	rc = cli_parse(cli, "issue", argc, argv, opts, ARRAY_LEN(opts), pos, 1, 1, &n_pos);
	if (rc < 0)
		return rc;
	if ((rc = docs_open(cli, &d, db_opt, dir, 0, pos[0])) < 0 ||
	    (rc = app_issue(d.db, &d.view, &d.ctx, cli_actor(by), cli->arena, &version, &list,
			    &cli->err)) < 0)
		goto done;
	if (json) {
		rc = cli_print_json(cli, list);
		list = NULL;
		goto done;
	}
	fprintf(cli->out, "Issued version %lld of %s's documents:\n", (long long)version,
		d.view.client.slug);
	json_array_foreach(list, i, x)
		fprintf(cli->out, "  %s version %lld, SHA-256 %s\n",
			json_string_value(json_object_get(x, "document")), (long long)version,
			json_string_value(json_object_get(x, "source_sha256")));
done:
	json_decref(list);
	docs_close(&d);
	return rc;
}

struct listing {
	struct cli *cli;
	json_t *list;
	int64_t version; /* only this version, or 0 for all */
	struct store *db;
	const struct store_client *client;
	const char *dir; /* write the files here, or NULL */
	size_t n;
	struct ev_doc_status *states; /* how each stands with the client */
	size_t n_states;
};

static const char *
state_of(const struct listing *l, const struct store_doc_row *row)
{
	for (size_t i = 0; i < l->n_states; i++)
		if (l->states[i].version == row->version && !strcmp(l->states[i].doc_id, row->doc_id))
			return ev_state_name(l->states[i].state);
	return "?";
}

/* One issued document: listed, and with a folder its files written out. */
static int
list_one(const struct store_doc_row *row, void *arg)
{
	struct listing *l = arg;
	json_t *id;
	char *bytes;
	size_t len;
	int rc = 0;

	if (l->version && row->version != l->version)
		return 0;
	if (l->n++ == 0 && !l->list)
		fprintf(l->cli->out, "%-8s %-34s %-20s %-14s %-20s %s\n", "VERSION", "DOCUMENT",
			"ISSUED", "SOURCE SHA-256", "STATUS", "TITLE");
	if (!(id = json_loads(row->identity, 0, NULL)))
		return err_set(&l->cli->err, ERR_DB, "issued document %s version %lld has a damaged "
			       "identity record", row->doc_id, (long long)row->version);
	json_object_set_new(id, "issued_at", json_string(row->issued_at));
	json_object_set_new(id, "issued_by", json_string(row->issued_by));
	json_object_set_new(id, "state", json_string(state_of(l, row)));
	for (size_t i = 0; l->dir && i < json_array_size(json_object_get(id, "files")) && rc == 0;
	     i++) {
		json_t *f = json_array_get(json_object_get(id, "files"), i);
		const char *path = json_string_value(json_object_get(f, "path")),
			   *format = json_string_value(json_object_get(f, "format"));

		if (!path || !format || strchr(path, '/'))
			rc = err_set(&l->cli->err, ERR_DB, "issued document %s has a damaged file list",
				     row->doc_id);
		else if ((rc = store_doc_file(l->db, l->client, row->version, row->doc_id, format,
					      &bytes, &len, &l->cli->err)) == 0) {
			rc = file_write_atomic(arena_printf(l->cli->arena, "%s/%s", l->dir, path),
					       bytes, len, &l->cli->err);
			free(bytes);
		}
	}
	if (rc == 0 && !l->list)
		fprintf(l->cli->out, "%-8lld %-34s %-20s %-14.12s %-20s %s\n", (long long)row->version,
			row->doc_id, row->issued_at, row->source_sha256, state_of(l, row), row->title);
	if (rc == 0 && l->list)
		json_array_append(l->list, id);
	json_decref(id);
	return rc;
}

/*
** COMMAND: documents
** SUMMARY: List a client's issued documents, or write one version's files
**
** Usage: prudent documents CLIENT [--version N] [-o DIR] [--json]
**
** Lists every document 'prudent issue' froze for the client: version, id,
** when, source SHA-256, how it stands with the client (awaiting acceptance,
** awaiting signed copy, signed, refused, superseded) and title (with --json,
** each document's whole
** identity: its clauses with their versions and hashes, and its files with
** theirs).  With -o DIR, writes the stored files of the chosen version (the
** latest without --version) into DIR, byte for byte as issued.
**
**   --version N    only this version
**   -o DIR         write that version's files into DIR (created if missing)
**   --json         print as JSON
**   --db PATH      the database (default: $PRUDENT_DB, else ./prudent.db)
*/
int
cmd_documents(struct cli *cli, int argc, char **argv)
{
	const char *db_opt = NULL, *version = NULL, *dir = NULL, *pos[1];
	bool json = false;
	const struct cli_opt opts[] = {{"--db", CLI_VALUE, &db_opt},
		{"--version", CLI_VALUE, &version}, {"-o", CLI_VALUE, &dir},
		{"--json", CLI_FLAG, &json}};
	struct store_tenant tenant;
	struct store_client c;
	struct store *db = NULL;
	struct listing l = {.cli = cli};
	size_t n_pos;
	int rc;

	rc = cli_parse(cli, "documents", argc, argv, opts, ARRAY_LEN(opts), pos, 1, 1, &n_pos);
	if (rc < 0)
		return rc;
	if (version) {
		char *end;

		l.version = strtoll(version, &end, 10);
		if (end == version || *end || l.version < 1)
			return err_set(&cli->err, ERR_INPUT, "--version is a whole number from 1, not "
				       "'%.32s'", version);
	}
	if ((rc = cli_open_db(cli, db_opt, STORE_READONLY, &db, &tenant)) < 0 ||
	    (rc = store_client_get(db, tenant.id, pos[0], &c, &cli->err)) < 0)
		goto done;
	if (dir && !l.version) {
		if ((rc = store_doc_next_version(db, &c, &l.version, &cli->err)) < 0)
			goto done;
		l.version--;
	}
	if (dir && (l.version < 1 || (rc = file_mkdir_p(dir, &cli->err)) < 0)) {
		if (l.version < 1)
			rc = err_set(&cli->err, ERR_NOTFOUND, "%s has no issued documents yet; "
				     "'prudent issue %s' issues them", c.slug, c.slug);
		goto done;
	}
	l.db = db;
	l.client = &c;
	l.dir = dir;
	if ((rc = ev_doc_statuses(db, &c, cli->arena, &l.states, &l.n_states, &cli->err)) < 0)
		goto done;
	if (json)
		l.list = json_array();
	if ((rc = store_doc_each(db, &c, list_one, &l, &cli->err)) < 0)
		goto done;
	if (l.version && l.n == 0)
		rc = err_set(&cli->err, ERR_NOTFOUND, "%s has no issued version %lld", c.slug,
			     (long long)l.version);
	else if (json) {
		rc = cli_print_json(cli, l.list);
		l.list = NULL;
	} else if (dir) {
		fprintf(cli->out, "Wrote the files of version %lld to %s.\n", (long long)l.version,
			dir);
	} else if (l.n == 0) {
		fprintf(cli->out, "%s has no issued documents; 'prudent issue %s' issues them.\n",
			c.slug, c.slug);
	}
done:
	json_decref(l.list);
	store_close(db);
	return rc;
}
