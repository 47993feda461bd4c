/*
 * demo.c - 'prudent demo': a fresh database with an MSP, its owner's account
 * and six sample clients, their packets written out, each way of accepting a
 * document shown once, and the application served.
 *
 * The demo is a script of ordinary commands, run in this process, so it shows
 * exactly what an MSP would type; the clients' intake answers are built into
 * the binary (resources/demo/) and written next to the database first.
 */
#include <stdarg.h>
#include <stdlib.h>
#include <unistd.h>

#include "cli/cli.h"

extern const struct named_file demo_builtin[];

/* One client of the demo: its answers file, services, a decline or not. */
static const struct demo_client {
	const char *file, *slug, *legal_name;
	const char *services;    /* space-separated service ids */
	const char *decline;     /* a safeguard id, or NULL */
	const char *decline_by, *reason;
	const char *signatory, *title;
} clients[] = {
	{"1-bright-smile-dental.json", "bright-smile-dental", "Bright Smile Dental, LLC",
	 "managed-edr backup-dr email-security identity-mfa patch-management security-awareness",
	 "penetration-testing", "Dr. Ana Lee, Owner", "Not this year; revisit with next year's budget",
	 "Dr. Ana Lee", "Owner"},
	{"2-restaurant-pos.yaml", "blue-heron-bistro", "Blue Heron Bistro, Inc.",
	 "managed-edr patch-management", "security-awareness-training", "Sam Ortiz, General Manager",
	 "Staff turnover is high; we train at hiring only", "Sam Ortiz", "General Manager"},
	{"3-cui-machine-shop.json", "housatonic-aero", "Housatonic Aero Components, LLC",
	 "managed-edr backup-dr identity-mfa patch-management", NULL, NULL, NULL,
	 "Dana Whitfield", "President"},
	{"4-tax-preparer.json", "volunteer-tax", NULL, "backup-dr identity-mfa", NULL, NULL, NULL,
	 "Lee Park", "Director"},
	{"5-consultancy-gdpr.yaml", "harborview-analytics", "Harborview Analytics GmbH & Co. KG",
	 "managed-edr email-security identity-mfa", "penetration-testing", "Mira Koch, CEO",
	 "Our clients do not ask for it", "Mira Koch", "CEO"},
	{"6-architecture-office.yaml", "fenwick-architects", "Fenwick Architects, PA",
	 "managed-edr backup-dr email-security identity-mfa patch-management", NULL, NULL, NULL,
	 "Ruth Fenwick", "Principal"},
};

/* Run one command, as if typed: prudent NAME ARGS... (NULL-terminated). */
static int
step(struct cli *cli, int (*cmd)(struct cli *, int, char **), const char *first, ...)
{
	char *argv[32];
	int argc = 0, rc;
	va_list ap;

	va_start(ap, first);
	for (const char *a = first; a && argc < 31; a = va_arg(ap, const char *))
		argv[argc++] = arena_strdup(cli->arena, a);
	va_end(ap);
	argv[argc] = NULL;
	if ((rc = cmd(cli, argc, argv)) < 0)
		err_prefix(&cli->err, "demo step '%s'", first ? first : "");
	return rc;
}

/* A command whose arguments are a space-separated list after fixed ones. */
static int
subscribe(struct cli *cli, const char *slug, const char *services, const char *db)
{
	char *argv[32], *list = arena_strdup(cli->arena, services), *tok, *save = NULL;
	int argc = 0;

	argv[argc++] = arena_strdup(cli->arena, slug);
	for (tok = strtok_r(list, " ", &save); tok && argc < 28; tok = strtok_r(NULL, " ", &save))
		argv[argc++] = tok;
	argv[argc++] = arena_strdup(cli->arena, "--db");
	argv[argc++] = arena_strdup(cli->arena, db);
	argv[argc] = NULL;
	return cmd_subscribe(cli, argc, argv);
}

static int
client(struct cli *cli, const char *dir, const char *db, const struct demo_client *c)
{
	const char *answers = arena_printf(cli->arena, "%s/profiles/%s", dir, c->file);
	const char *packet = arena_printf(cli->arena, "%s/packets/%s", dir, c->slug);
	const struct named_file *f;
	json_t *profile = NULL;
	const char *name;
	int rc;

	for (f = demo_builtin; f->name && strcmp(f->name, c->file) != 0; f++)
		;
	if (!f->name)
		return err_set(&cli->err, ERR_INTERNAL, "demo profile %s is not built in", c->file);
	if ((rc = file_write_atomic(answers, f->data, f->len, &cli->err)) < 0 ||
	    (rc = eng_answers_parse(f->data, f->len, &profile, &cli->err)) < 0)
		return rc;
	name = arena_strdup(cli->arena, json_string_value(json_object_get(profile, "name")));
	json_decref(profile);
	if ((rc = c->legal_name
		  ? step(cli, cmd_client, "add", name, "--slug", c->slug, "--legal-name",
			 c->legal_name, "--db", db, NULL)
		  : step(cli, cmd_client, "add", name, "--slug", c->slug, "--db", db, NULL)) < 0 ||
	    (rc = step(cli, cmd_intake, c->slug, "--answers", answers, "--db", db, NULL)) < 0 ||
	    (rc = subscribe(cli, c->slug, c->services, db)) < 0 ||
	    (c->decline && (rc = step(cli, cmd_decide, c->slug, c->decline, "--decline", "--impact",
				      "4", "--likelihood", "3", "--by", c->decline_by, "--reason",
				      c->reason, "--db", db, NULL)) < 0) ||
	    (rc = step(cli, cmd_settings, "set", "signatory", c->signatory, "--client", c->slug,
		       "--db", db, NULL)) < 0 ||
	    (rc = step(cli, cmd_settings, "set", "signatory_title", c->title, "--client", c->slug,
		       "--db", db, NULL)) < 0 ||
	    (rc = step(cli, cmd_packet, c->slug, "-o", packet, "--db", db, NULL)) < 0 ||
	    (rc = step(cli, cmd_issue, c->slug, "--db", db, NULL)) < 0)
		return rc;
	fprintf(stderr, "  %-22s %s\n", c->slug, packet);
	return 0;
}

/* The demo's tax preparer accepts its agreement as a contact would in the
 * portal: consent, every initial, a signature.  Recorded as sample data. */
static int
esign(struct cli *cli, const char *db_path, const char *slug, const char *email)
{
	struct store *db = NULL;
	struct store_tenant t;
	struct store_client c;
	struct store_contact ct;
	struct ev_key k = {0};
	json_t *clauses = NULL, *cl, *m;
	const char *doc = arena_printf(cli->arena, "%s.agreement", slug);
	char key[4096];
	size_t i, j;
	int rc;

	if ((rc = cli_open_db(cli, db_path, 0, &db, &t)) < 0)
		return rc;
	if ((rc = store_client_get(db, t.id, slug, &c, &cli->err)) == 0 &&
	    (rc = store_contact_by_email(db, email, &ct, &cli->err)) == 0 &&
	    (rc = ev_key_open(db, t.id, ev_key_path(db_path, key, sizeof(key)), &k,
			      &cli->err)) == 0 &&
	    (rc = ev_clauses(db, &c, 1, doc, &clauses, &cli->err)) == 0) {
		struct ev_actor who = {ct.email, ct.id, ct.name, ct.title, "192.0.2.10",
			"prudent demo (sample data)", "sample data made by prudent demo"};
		struct ev_signature sig = {ct.name, ct.title, true};

		rc = ev_record_consent(db, &c, &who, &cli->err);
		json_array_foreach(json_object_get(clauses, "clauses"), i, cl)
			json_array_foreach(json_object_get(cl, "marks"), j, m)
				if (rc == 0)
					rc = ev_record_initial(db, &c, &who, 1, doc, json_string_value(
						json_object_get(m, "id")), "LP", &cli->err);
		if (rc == 0)
			rc = ev_record_signature(db, &c, &who, 1, doc, &sig, &k, NULL, &cli->err);
	}
	json_decref(clauses);
	ev_key_wipe(&k);
	store_close(db);
	return rc;
}

/* Contacts for every client, and each way of agreeing once: a portal
 * invitation (bright-smile-dental), an electronic signature (volunteer-tax),
 * a wet-ink copy (blue-heron-bistro), a walkthrough (fenwick-architects);
 * then the tax preparer's certificate, signed copy and evidence bundle. */
static int
acceptances(struct cli *cli, const char *dir, const char *db, const char *url,
	    const char **invitation)
{
	const char *packets = arena_printf(cli->arena, "%s/packets", dir);
	struct store *s = NULL;
	struct store_tenant t;
	struct store_contact ct;
	bool mailed;
	int rc = 0;

	for (size_t i = 0; rc == 0 && i < ARRAY_LEN(clients); i++)
		rc = step(cli, cmd_contact, "add", clients[i].slug,
			  arena_printf(cli->arena, "contact@%s.example", clients[i].slug), "--name",
			  clients[i].signatory, "--title", clients[i].title, "--db", db, NULL);
	if (rc == 0 && (rc = cli_open_db(cli, db, 0, &s, &t)) == 0 &&
	    (rc = store_contact_by_email(s, "contact@bright-smile-dental.example", &ct,
					 &cli->err)) == 0)
		rc = app_invite(s, &ct, "prudent demo", url, 7, cli->arena, invitation, &mailed,
				&cli->err);
	store_close(s);
	if (rc < 0 ||
	    (rc = esign(cli, db, "volunteer-tax", "contact@volunteer-tax.example")) < 0 ||
	    (rc = step(cli, cmd_sign, "blue-heron-bistro.agreement", "--scan",
		       arena_printf(cli->arena, "%s/blue-heron-bistro/agreement.pdf", packets),
		       "--signer", "Sam Ortiz", "--title", "General Manager", "--date",
		       "2026-11-20", "--db", db, NULL)) < 0 ||
	    (rc = step(cli, cmd_walkthrough, "fenwick-architects.agreement", "--explained-by",
		       "Sam Carter, Demo MSP", "--attended", "Ruth Fenwick", "--date", "2026-11-24",
		       "--notes", "Went through every part; the signed copy will be mailed.", "--db",
		       db, NULL)) < 0 ||
	    (rc = step(cli, cmd_certificate, "volunteer-tax.agreement", "-o",
		       arena_printf(cli->arena, "%s/volunteer-tax/agreement.certificate.pdf",
				    packets), "--db", db, NULL)) < 0 ||
	    (rc = step(cli, cmd_certificate, "volunteer-tax.agreement", "--signed-copy", "-o",
		       arena_printf(cli->arena, "%s/volunteer-tax/agreement.signed.pdf", packets),
		       "--db", db, NULL)) < 0 ||
	    (rc = step(cli, cmd_evidence, "volunteer-tax", "-o",
		       arena_printf(cli->arena, "%s/evidence/volunteer-tax.zip", dir), "--db", db,
		       NULL)) < 0)
		return rc;
	return 0;
}

/* The owner's account, with a random password shown once. */
static int
owner(struct cli *cli, const char *db_path, const char *email, char password[SECRET_HEX_LEN])
{
	struct store *db = NULL;
	struct store_tenant t;
	struct store_account a;
	char hash[PASSWORD_HASH_LEN];
	int rc;

	secret_hex(password);
	password[20] = '\0';
	if ((rc = cli_open_db(cli, db_path, 0, &db, &t)) == 0 &&
	    (rc = password_hash(password, hash, &cli->err)) == 0)
		rc = store_account_add(db, t.id, email, "owner", hash, "prudent demo", &a, &cli->err);
	store_close(db);
	return rc;
}

/*
** COMMAND: demo
** SUMMARY: Create a demo database with six sample clients, and serve it
**
** Usage: prudent demo [--dir DIR] [--port N] [--bind ADDR] [--no-serve]
**
** Creates DIR (default ./demo; it must not hold a database yet) with a fresh
** database for "Demo MSP": its legal settings, an owner account whose password
** is printed once, and six clients (a dental office bound by HIPAA and PCI
** DSS with cyber insurance, a restaurant taking cards, a defense supplier
** handling CUI, a tax preparer under GLBA, a consultancy under GDPR, an
** insured architecture office), each with its intake answers
** (DIR/profiles/), subscriptions, a decline where it has one, its packet
** (DIR/packets/CLIENT/), issued as version 1, and a contact.  Then each way
** of agreeing once: an invitation to the client portal for the dental
** office's contact (the link is printed), the tax preparer's agreement
** signed electronically (sample data: its certificate, signed copy and
** evidence bundle are written to DIR/packets/volunteer-tax/ and
** DIR/evidence/), a wet-ink copy for the restaurant, a walkthrough for the
** architects.  Then serves the application on 127.0.0.1 until Ctrl-C.
**
**   --dir DIR      where the demo goes (default demo)
**   --port N       the port to serve on (default 8080; 0 for any free one)
**   --bind ADDR    the address to serve on (default 127.0.0.1)
**   --no-serve     set everything up and stop
*/
int
cmd_demo(struct cli *cli, int argc, char **argv)
{
	const char *dir = "demo", *port = "8080", *bind = "127.0.0.1", *db;
	bool no_serve = false;
	const struct cli_opt opts[] = {{"--dir", CLI_VALUE, &dir}, {"--port", CLI_VALUE, &port},
		{"--bind", CLI_VALUE, &bind}, {"--no-serve", CLI_FLAG, &no_serve}};
	const char *email = "owner@demo-msp.example";
	char password[SECRET_HEX_LEN];
	FILE *out = cli->out, *quiet;
	size_t n_pos;
	int rc;

	rc = cli_parse(cli, "demo", argc, argv, opts, ARRAY_LEN(opts), NULL, 0, 0, &n_pos);
	if (rc < 0)
		return rc;
	db = arena_printf(cli->arena, "%s/prudent.db", dir);
	if (access(db, F_OK) == 0)
		return err_set(&cli->err, ERR_CONFLICT, "%s exists: the demo starts from a fresh "
			       "database; remove %s first", db, dir);
	if ((rc = file_mkdir_p(arena_printf(cli->arena, "%s/profiles", dir), &cli->err)) < 0 ||
	    (rc = file_mkdir_p(arena_printf(cli->arena, "%s/packets", dir), &cli->err)) < 0 ||
	    (rc = file_mkdir_p(arena_printf(cli->arena, "%s/evidence", dir), &cli->err)) < 0)
		return rc;
	/* The commands' own output goes to a log; the demo prints a summary. */
	if (!(quiet = fopen(arena_printf(cli->arena, "%s/demo.log", dir), "w")))
		return err_set(&cli->err, ERR_IO, "cannot write %s/demo.log", dir);
	cli->out = quiet;
	fprintf(stderr, "Setting up the demo in %s:\n", dir);
	rc = step(cli, cmd_init, "--name", "Demo MSP", "--db", db, NULL);
	static const char *const settings[][2] = {{"legal_name", "Demo MSP, LLC"},
		{"address", "100 Main Street, Columbus, OH 43215"}, {"governing_law", "Ohio"},
		{"signatory", "Sam Carter"}, {"signatory_title", "Owner"},
		{"data_incident_cap", "$250,000"}};
	for (size_t i = 0; rc == 0 && i < ARRAY_LEN(settings); i++)
		rc = step(cli, cmd_settings, "set", settings[i][0], settings[i][1], "--db", db, NULL);
	for (size_t i = 0; rc == 0 && i < ARRAY_LEN(clients); i++)
		rc = client(cli, dir, db, &clients[i]);
	const char *invitation = NULL;

	if (rc == 0)
		rc = acceptances(cli, dir, db, arena_printf(cli->arena, "http://%s:%s", bind, port),
				 &invitation);
	if (rc == 0)
		rc = owner(cli, db, email, password);
	cli->out = out;
	fclose(quiet);
	if (rc < 0)
		return rc;
	fprintf(out, "\nDemo database: %s\nSign in as %s with the password %s\n"
		"(shown once; add accounts with 'prudent user add').\n"
		"Bright Smile Dental's office contact can accept its documents in the client "
		"portal:\n%s\nVolunteer Tax's signed agreement, its certificate and evidence bundle: "
		"%s/packets/volunteer-tax/, %s/evidence/volunteer-tax.zip\n", db, email, password,
		invitation, dir, dir);
	secret_wipe(password, sizeof(password));
	if (no_serve)
		return 0;
	return step(cli, cmd_serve, "--db", db, "--port", port, "--bind", bind, NULL);
}
