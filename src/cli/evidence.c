/*
 * evidence.c - 'prudent verify', 'evidence', 'certificate', 'reference',
 * 'sign' and 'walkthrough': proving what a client accepted, and recording
 * acceptances made on paper or in person.
 */
#include <stdlib.h>

#include "cli/cli.h"

/* Split "CLIENT.KIND" into the client's slug and the whole document id. */
static int
doc_client(struct cli *cli, struct store *db, const struct store_tenant *t, const char *doc,
	   struct store_client *c)
{
	const char *dot = strrchr(doc, '.');
	char slug[64];

	if (!dot || dot == doc || (size_t)(dot - doc) >= sizeof(slug) || !dot[1])
		return err_set(&cli->err, ERR_INPUT, "a document is named CLIENT.KIND, such as "
			       "acme.agreement; 'prudent documents CLIENT' lists them");
	snprintf(slug, sizeof(slug), "%.*s", (int)(dot - doc), doc);
	return store_client_get(db, t->id, slug, c, &cli->err);
}

static int
parse_version(struct cli *cli, const char *text, int64_t *version)
{
	char *end;

	*version = 0;
	if (!text)
		return 0;
	*version = strtoll(text, &end, 10);
	if (end == text || *end || *version < 1)
		return err_set(&cli->err, ERR_INPUT, "--version is a whole number from 1, not "
			       "'%.32s'", text);
	return 0;
}

/* The newest issued version of a document when none is named. */
static int
newest_version(struct cli *cli, struct store *db, const struct store_client *c, const char *doc,
	       int64_t *version)
{
	struct ev_doc_status *list;
	size_t n;
	int rc;

	if (*version)
		return 0;
	if ((rc = ev_doc_statuses(db, c, cli->arena, &list, &n, &cli->err)) < 0)
		return rc;
	for (size_t i = 0; i < n; i++)
		if (strcmp(list[i].doc_id, doc) == 0) {
			*version = list[i].version;
			return 0;
		}
	return err_set(&cli->err, ERR_NOTFOUND, "%s has not been issued; 'prudent documents %s' "
		       "lists what has", doc, c->slug);
}

static int
print_report(struct cli *cli, const char *what, struct ev_report *r, bool json)
{
	if (json) {
		json_t *o = json_pack("{s:s,s:b,s:I,s:I,s:I,s:I,s:I,s:I,s:I,s:O}", "checked", what,
			"ok", r->n_problems == 0, "events", (json_int_t)r->n_events,
			"head_seq", (json_int_t)r->head_seq, "checkpoints",
			(json_int_t)r->n_checkpoints, "signed_seq", (json_int_t)r->signed_seq,
			"documents", (json_int_t)r->n_docs, "acceptances",
			(json_int_t)r->n_acceptances, "scans", (json_int_t)r->n_scans, "problems",
			r->problems);
		int rc = cli_print_json(cli, o);

		if (rc < 0)
			return rc;
	} else {
		size_t i;
		json_t *p;

		fprintf(cli->out, "Checked %s: %zu events (the chain ends at event %lld), %zu signed "
			"checkpoints (the newest signs event %lld), %zu documents, %zu acceptances, "
			"%zu signed copies.\n", what, r->n_events, (long long)r->head_seq,
			r->n_checkpoints, (long long)r->signed_seq, r->n_docs, r->n_acceptances,
			r->n_scans);
		json_array_foreach(r->problems, i, p)
			fprintf(cli->out, "PROBLEM: %s\n", json_string_value(json_object_get(p, "what")));
		if (r->n_problems == 0 && r->head_seq > r->signed_seq)
			fprintf(cli->out, "Events after %lld are chained but not yet signed; the next "
				"checkpoint will sign them.\n", (long long)r->signed_seq);
		if (r->n_problems == 0)
			fprintf(cli->out, "No problems: every hash, link and signature checks out.\n");
	}
	if (r->n_problems)
		return err_set(&cli->err, ERR_INPUT, "verification found %zu problem%s", r->n_problems,
			       r->n_problems == 1 ? "" : "s");
	return 0;
}

/*
** COMMAND: verify
** SUMMARY: Check the event log, its signatures and every document, or a bundle
**
** Usage: prudent verify [BUNDLE.zip] [--db PATH] [--json]
**
** Without a bundle, checks the whole database: every event's hash and its
** link to the one before (nothing changed, deleted or reordered), every
** checkpoint's Ed25519 signature, every issued file against the hashes its
** issue event recorded, every signed copy, and that each signature came
** after the contact's consent and every initial.  With BUNDLE.zip (from
** 'prudent evidence'), checks the bundle alone, without any database: the
** manifest's signature and hashes, then the same checks.  Each problem names
** the event it breaks.  Exits 1 when there is any problem.
**
**   --db PATH   the database (default: $PRUDENT_DB, else ./prudent.db)
**   --json      print the result as JSON
*/
int
cmd_verify(struct cli *cli, int argc, char **argv)
{
	const char *db_opt = NULL, *pos[1] = {NULL};
	bool json = false;
	const struct cli_opt opts[] = {{"--db", CLI_VALUE, &db_opt}, {"--json", CLI_FLAG, &json}};
	struct store_tenant tenant;
	struct store *db = NULL;
	struct ev_set s;
	struct ev_report r = {0}, pre = {0};
	size_t n_pos;
	int rc;

	rc = cli_parse(cli, "verify", argc, argv, opts, ARRAY_LEN(opts), pos, 0, 1, &n_pos);
	if (rc < 0)
		return rc;
	if (pos[0]) {
		if ((rc = ev_bundle_read(pos[0], cli->arena, &s, &pre, &cli->err)) < 0)
			goto done;
		ev_verify(&s, &r);
		/* The bundle's own problems first. */
		json_array_extend(pre.problems, r.problems);
		json_decref(r.problems);
		r.problems = json_incref(pre.problems);
		r.n_problems += pre.n_problems;
		if (!json)
			fprintf(cli->out, "The bundle was signed by the key %s; compare it with the key "
				"printed on the client's certificates.\n", s.public_key);
		rc = print_report(cli, pos[0], &r, json);
		goto done;
	}
	if ((rc = cli_open_db(cli, db_opt, STORE_READONLY, &db, &tenant)) < 0 ||
	    (rc = ev_load(db, tenant.id, cli->arena, &s, &cli->err)) < 0)
		goto done;
	ev_verify(&s, &r);
	rc = print_report(cli, cli_db_path(db_opt), &r, json);
done:
	ev_report_free(&r);
	ev_report_free(&pre);
	store_close(db);
	return rc;
}

/* Open the database read-write with the tenant's signing key. */
static int
open_signing(struct cli *cli, const char *db_opt, struct store **db, struct store_tenant *t,
	     struct ev_key *k)
{
	char path[4096];
	int rc = cli_open_db(cli, db_opt, 0, db, t);

	if (rc == 0)
		rc = ev_key_open(*db, t->id, ev_key_path(cli_db_path(db_opt), path, sizeof(path)), k,
				 &cli->err);
	return rc;
}

/*
** COMMAND: evidence
** SUMMARY: Export a client's evidence bundle (a ZIP anyone can verify)
**
** Usage: prudent evidence CLIENT -o BUNDLE.zip [--db PATH]
**
** Writes the client's issued documents, the certificates and signed copies
** of everything it signed or refused, its scanned signed copies, the MSP's
** whole event log (other clients' details left out, their hashes kept), the
** signed checkpoints, the public key, the consent text and a manifest signed
** with the MSP's key.  'prudent verify BUNDLE.zip' checks it without the
** database.
**
**   -o FILE     where to write the bundle
**   --db PATH   the database (default: $PRUDENT_DB, else ./prudent.db)
*/
int
cmd_evidence(struct cli *cli, int argc, char **argv)
{
	const char *db_opt = NULL, *out = NULL, *pos[1];
	const struct cli_opt opts[] = {{"--db", CLI_VALUE, &db_opt}, {"-o", CLI_VALUE, &out}};
	const char *provider, *customer;
	struct store_tenant tenant;
	struct store_client c;
	struct store *db = NULL;
	struct ev_key k = {0};
	size_t n_pos;
	int rc;

	rc = cli_parse(cli, "evidence", argc, argv, opts, ARRAY_LEN(opts), pos, 1, 1, &n_pos);
	if (rc < 0)
		return rc;
	if (!out)
		return err_set(&cli->err, ERR_INPUT, "say where to write the bundle: -o BUNDLE.zip");
	if ((rc = open_signing(cli, db_opt, &db, &tenant, &k)) == 0 &&
	    (rc = ev_checkpoint(db, tenant.id, &k, NULL, &cli->err)) == 0 &&
	    (rc = store_client_get(db, tenant.id, pos[0], &c, &cli->err)) == 0 &&
	    (rc = app_parties(db, &tenant, &c, cli->arena, &provider, &customer,
			      &cli->err)) == 0 &&
	    (rc = ev_bundle_write(db, &tenant, &c, &k, provider, customer, out, &cli->err)) == 0)
		fprintf(cli->out, "Wrote %s. Check it with: prudent verify %s\n", out, out);
	ev_key_wipe(&k);
	store_close(db);
	return rc;
}

/*
** COMMAND: certificate
** SUMMARY: Write the certificate of completion, or the signed copy, of a document
**
** Usage: prudent certificate DOC [--version N] [--signed-copy] -o FILE.pdf [--db PATH]
**
** DOC is CLIENT.KIND (acme.agreement).  Writes the certificate of completion
** of the document's signature or refusal: who, when, from where, how they
** signed in, their consent, each initial, the events and the MSP's signed
** checkpoint.  With --signed-copy, writes the issued PDF with the
** certificate appended instead.
**
**   --version N     the issued version (default: the newest)
**   --signed-copy   the whole signed document, not the certificate alone
**   -o FILE         where to write the PDF
**   --db PATH       the database (default: $PRUDENT_DB, else ./prudent.db)
*/
int
cmd_certificate(struct cli *cli, int argc, char **argv)
{
	const char *db_opt = NULL, *out = NULL, *ver = NULL, *pos[1];
	bool copy = false;
	const struct cli_opt opts[] = {{"--db", CLI_VALUE, &db_opt}, {"-o", CLI_VALUE, &out},
		{"--version", CLI_VALUE, &ver}, {"--signed-copy", CLI_FLAG, &copy}};
	struct store_tenant tenant;
	struct store_client c;
	struct store *db = NULL;
	struct str pdf = STR_INIT;
	int64_t version;
	size_t n_pos;
	int rc;

	rc = cli_parse(cli, "certificate", argc, argv, opts, ARRAY_LEN(opts), pos, 1, 1, &n_pos);
	if (rc < 0 || (rc = parse_version(cli, ver, &version)) < 0)
		return rc;
	if (!out)
		return err_set(&cli->err, ERR_INPUT, "a PDF is written to a file: add -o FILE.pdf");
	if ((rc = cli_open_db(cli, db_opt, STORE_READONLY, &db, &tenant)) == 0 &&
	    (rc = doc_client(cli, db, &tenant, pos[0], &c)) == 0 &&
	    (rc = newest_version(cli, db, &c, pos[0], &version)) == 0 &&
	    (rc = app_certificate_pdf(db, &tenant, &c, version, pos[0], copy, &pdf,
				      &cli->err)) == 0)
		rc = cli_emit(cli, out, &pdf);
	str_free(&pdf);
	store_close(db);
	return rc;
}

/*
** COMMAND: reference
** SUMMARY: Print the line that incorporates a document into an SOW or invoice
**
** Usage: prudent reference DOC [--version N] [--db PATH]
**
** DOC is CLIENT.KIND (acme.agreement).  Prints one sentence naming the
** document, its version and the SHA-256 of its issued PDF (and who accepted
** it, when it is signed), for statements of work, engagement letters and
** invoices.
**
**   --version N   the issued version (default: the newest)
**   --db PATH     the database (default: $PRUDENT_DB, else ./prudent.db)
*/
int
cmd_reference(struct cli *cli, int argc, char **argv)
{
	const char *db_opt = NULL, *ver = NULL, *pos[1];
	const struct cli_opt opts[] = {{"--db", CLI_VALUE, &db_opt}, {"--version", CLI_VALUE, &ver}};
	struct store_tenant tenant;
	struct store_client c;
	struct store *db = NULL;
	struct str line = STR_INIT;
	int64_t version;
	size_t n_pos;
	int rc;

	rc = cli_parse(cli, "reference", argc, argv, opts, ARRAY_LEN(opts), pos, 1, 1, &n_pos);
	if (rc < 0 || (rc = parse_version(cli, ver, &version)) < 0)
		return rc;
	if ((rc = cli_open_db(cli, db_opt, STORE_READONLY, &db, &tenant)) == 0 &&
	    (rc = doc_client(cli, db, &tenant, pos[0], &c)) == 0 &&
	    (rc = ev_reference(db, &c, pos[0], version, &line, &cli->err)) == 0)
		fputs(str_cstr(&line), cli->out);
	str_free(&line);
	store_close(db);
	return rc;
}

static const struct ev_actor *
staff(struct cli *cli, const char *by)
{
	struct ev_actor *a = arena_alloc(cli->arena, sizeof(*a));

	*a = (struct ev_actor){.actor = cli_actor(by), .auth = "command line"};
	return a;
}

/*
** COMMAND: sign
** SUMMARY: Record a document signed on paper, with the scan of the signed copy
**
** Usage: prudent sign DOC --scan FILE --signer NAME --title TITLE --date YYYY-MM-DD
**                     [--version N] [--by NAME] [--db PATH]
**
** DOC is CLIENT.KIND (acme.agreement).  Keeps the scan (PDF, PNG or JPEG) as
** uploaded, with its SHA-256, and records who signed it and when; the
** document then counts as signed, and a signed checkpoint covers it.
**
**   --scan FILE     the scanned signed copy (at most 20 MB)
**   --signer NAME   who signed for the client
**   --title TITLE   their title
**   --date DATE     the date written beside the signature
**   --version N     the issued version (default: the newest)
**   --by NAME       who records it (default: $PRUDENT_USER, else $USER)
**   --db PATH       the database (default: $PRUDENT_DB, else ./prudent.db)
*/
int
cmd_sign(struct cli *cli, int argc, char **argv)
{
	const char *db_opt = NULL, *ver = NULL, *scan = NULL, *by = NULL, *pos[1];
	struct ev_wet_ink w = {0};
	const struct cli_opt opts[] = {{"--db", CLI_VALUE, &db_opt}, {"--version", CLI_VALUE, &ver},
		{"--scan", CLI_VALUE, &scan}, {"--signer", CLI_VALUE, &w.signer},
		{"--title", CLI_VALUE, &w.title}, {"--date", CLI_VALUE, &w.signed_on},
		{"--by", CLI_VALUE, &by}};
	struct store_tenant tenant;
	struct store_client c;
	struct store *db = NULL;
	struct ev_key k = {0};
	char *bytes = NULL;
	size_t n_pos, len = 0;
	int64_t version;
	int rc;

	rc = cli_parse(cli, "sign", argc, argv, opts, ARRAY_LEN(opts), pos, 1, 1, &n_pos);
	if (rc < 0 || (rc = parse_version(cli, ver, &version)) < 0)
		return rc;
	if (!scan)
		return err_set(&cli->err, ERR_INPUT, "give the scanned signed copy: --scan FILE");
	if ((rc = cli_read_input(cli, scan, 20u << 20, &bytes, &len)) < 0)
		return rc;
	w.scan = bytes;
	w.scan_len = len;
	if ((rc = open_signing(cli, db_opt, &db, &tenant, &k)) == 0 &&
	    (rc = doc_client(cli, db, &tenant, pos[0], &c)) == 0 &&
	    (rc = newest_version(cli, db, &c, pos[0], &version)) == 0 &&
	    (rc = ev_record_wet_ink(db, &c, staff(cli, by), version, pos[0], &w, &k,
				    &cli->err)) == 0)
		fprintf(cli->out, "Recorded %s version %lld as signed on paper by %s on %s.\n",
			pos[0], (long long)version, w.signer, w.signed_on);
	ev_key_wipe(&k);
	free(bytes);
	store_close(db);
	return rc;
}

/*
** COMMAND: walkthrough
** SUMMARY: Record a verbal walkthrough of a document (a signed copy is still due)
**
** Usage: prudent walkthrough DOC --explained-by NAME --attended NAMES --date YYYY-MM-DD
**                            [--notes TEXT] [--version N] [--by NAME] [--db PATH]
**
** DOC is CLIENT.KIND (acme.agreement).  Records that the document was
** explained to the client: who explained it, who attended, when, and notes.
** The document stays "awaiting signed copy" (on the dashboard and in
** 'prudent due') until it is signed in the portal or with 'prudent sign'.
**
**   --explained-by NAME   who walked the client through it
**   --attended NAMES      who attended for the client
**   --date DATE           when
**   --notes TEXT          what was discussed (up to 4,000 characters)
**   --version N           the issued version (default: the newest)
**   --by NAME             who records it (default: $PRUDENT_USER, else $USER)
**   --db PATH             the database (default: $PRUDENT_DB, else ./prudent.db)
*/
int
cmd_walkthrough(struct cli *cli, int argc, char **argv)
{
	const char *db_opt = NULL, *ver = NULL, *by = NULL, *pos[1];
	struct ev_walkthrough w = {0};
	const struct cli_opt opts[] = {{"--db", CLI_VALUE, &db_opt}, {"--version", CLI_VALUE, &ver},
		{"--explained-by", CLI_VALUE, &w.explained_by}, {"--attended", CLI_VALUE, &w.attended},
		{"--date", CLI_VALUE, &w.held_on}, {"--notes", CLI_VALUE, &w.notes},
		{"--by", CLI_VALUE, &by}};
	struct store_tenant tenant;
	struct store_client c;
	struct store *db = NULL;
	size_t n_pos;
	int64_t version;
	int rc;

	rc = cli_parse(cli, "walkthrough", argc, argv, opts, ARRAY_LEN(opts), pos, 1, 1, &n_pos);
	if (rc < 0 || (rc = parse_version(cli, ver, &version)) < 0)
		return rc;
	if ((rc = cli_open_db(cli, db_opt, 0, &db, &tenant)) == 0 &&
	    (rc = doc_client(cli, db, &tenant, pos[0], &c)) == 0 &&
	    (rc = newest_version(cli, db, &c, pos[0], &version)) == 0 &&
	    (rc = ev_record_walkthrough(db, &c, staff(cli, by), version, pos[0], &w,
					&cli->err)) == 0)
		fprintf(cli->out, "Recorded the walkthrough of %s version %lld; it now awaits a "
			"signed copy.\n", pos[0], (long long)version);
	store_close(db);
	return rc;
}

/*
** COMMAND: due
** SUMMARY: List what is due: decisions to renew, signed copies, acceptances
**
** Usage: prudent due [--within DAYS] [--json] [--db PATH]
**
** Lists, soonest first: each client's decisions (declines, accepted risks,
** deferrals) whose re-offer or expiry date falls within DAYS (default 30) or
** has passed; documents explained in a walkthrough whose signed copy is
** still due (always, due 14 days after it); and documents that have awaited
** acceptance for 14 days or more.  Past dates are marked OVERDUE.
**
**   --within DAYS   how far ahead to look (0-365; 30)
**   --json          print as JSON
**   --db PATH       the database (default: $PRUDENT_DB, else ./prudent.db)
**   --library DIR   use the library in DIR (for safeguard names)
*/
int
cmd_due(struct cli *cli, int argc, char **argv)
{
	const char *db_opt = NULL, *within = NULL, *dir = NULL;
	bool json = false;
	const struct cli_opt opts[] = {{"--db", CLI_VALUE, &db_opt}, {"--json", CLI_FLAG, &json},
		{"--within", CLI_VALUE, &within}, {"--library", CLI_VALUE, &dir}};
	struct store_tenant tenant;
	struct store *db = NULL;
	struct library *lib = NULL;
	struct app_due_item *items;
	size_t n_pos, n;
	long days = 30;
	int rc;

	rc = cli_parse(cli, "due", argc, argv, opts, ARRAY_LEN(opts), NULL, 0, 0, &n_pos);
	if (rc < 0)
		return rc;
	if (within) {
		char *end;

		days = strtol(within, &end, 10);
		if (end == within || *end || days < 0 || days > 365)
			return err_set(&cli->err, ERR_INPUT, "--within is 0 to 365 days, not '%.16s'",
				       within);
	}
	if ((rc = cli_load_library(cli, dir, &lib)) < 0)
		return rc;
	if ((rc = cli_open_db(cli, db_opt, STORE_READONLY, &db, &tenant)) == 0 &&
	    (rc = app_due(db, lib, tenant.id, (int)days, cli->arena, &items, &n, &cli->err)) == 0) {
		if (json) {
			json_t *list = json_array();

			for (size_t i = 0; i < n; i++)
				json_array_append_new(list, json_pack("{s:s,s:s,s:s,s:o,s:s,s:o,s:s,s:b}",
					"kind", items[i].kind, "due", items[i].due, "client",
					items[i].client_slug, "client_name",
					cli_json_string(items[i].client_name), "subject_id",
					items[i].subject_id, "subject", cli_json_string(items[i].subject),
					"detail", items[i].detail, "overdue", items[i].overdue));
			rc = cli_print_json(cli, list);
		} else if (n == 0) {
			fprintf(cli->out, "Nothing is due in the next %ld days.\n", days);
		} else {
			for (size_t i = 0; i < n; i++)
				fprintf(cli->out, "%s%s  %-12s %-24s %s: %s\n", items[i].due,
					items[i].overdue ? " OVERDUE" : "", items[i].kind,
					items[i].client_slug, items[i].subject, items[i].detail);
		}
	}
	store_close(db);
	lib_free(lib);
	return rc;
}
