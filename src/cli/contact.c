/*
 * contact.c - 'prudent contact': the people at a client who accept its
 * documents in the portal, and their invitations.
 */
#include <stdlib.h>

#include "cli/cli.h"

struct listing {
	struct cli *cli;
	json_t *list;
	size_t n;
};

static int
list_one(const struct store_contact *ct, void *arg)
{
	struct listing *l = arg;

	l->n++;
	if (l->list)
		json_array_append_new(l->list, json_pack("{s:s,s:o,s:o,s:s,s:b,s:b}", "email",
			ct->email, "name", cli_json_string(ct->name), "title",
			cli_json_string(ct->title), "created_at", ct->created_at, "active",
			ct->password_hash[0] != '\0', "disabled", ct->disabled));
	else
		fprintf(l->cli->out, "%-32s %-24s %-20s %s\n", ct->email, ct->name, ct->title,
			ct->disabled ? "disabled" : ct->password_hash[0] ? "active" : "invited");
	return 0;
}

/*
** COMMAND: contact
** SUMMARY: Add a client's contacts and invite them to the acceptance portal
**
** Usage: prudent contact add CLIENT EMAIL --name NAME --title TITLE [--invite]
**        prudent contact list CLIENT [--json]
**        prudent contact invite EMAIL [--days N]
**        prudent contact disable EMAIL
**        (each also takes [--url URL] [--by NAME] [--db PATH])
**
** A contact is a person at one client who may accept its documents: they see
** only that client's documents.  'invite' makes a single-use link (valid 7
** days unless --days says otherwise) that lets them set a password; it is
** printed for you to send, and emailed as well when $PRUDENT_MAIL_COMMAND
** names a sendmail-compatible command (for example "msmtp -t").  A new
** invitation also serves to reset a forgotten password.  'disable' is for
** someone who left: their sessions end and their links stop working; what
** they signed stays on record.
**
**   --name NAME    the contact's full name
**   --title TITLE  their title, such as Office Manager
**   --invite       invite them at once
**   --days N       how long the link works (1-30 days; 7)
**   --url URL      the address clients reach Prudent at (default: $PRUDENT_URL,
**                  else http://127.0.0.1:8080)
**   --by NAME      who acts (default: $PRUDENT_USER, else $USER)
**   --json         print as JSON
**   --db PATH      the database (default: $PRUDENT_DB, else ./prudent.db)
*/
int
cmd_contact(struct cli *cli, int argc, char **argv)
{
	const char *db_opt = NULL, *name = NULL, *title = NULL, *days_opt = NULL, *url = NULL,
		   *by = NULL, *pos[3] = {NULL};
	bool json = false, invite = false;
	const struct cli_opt opts[] = {{"--db", CLI_VALUE, &db_opt}, {"--name", CLI_VALUE, &name},
		{"--title", CLI_VALUE, &title}, {"--days", CLI_VALUE, &days_opt},
		{"--url", CLI_VALUE, &url}, {"--by", CLI_VALUE, &by}, {"--json", CLI_FLAG, &json},
		{"--invite", CLI_FLAG, &invite}};
	struct store_tenant tenant;
	struct store_client c;
	struct store_contact ct;
	struct store *db = NULL;
	size_t n_pos;
	int days = 7, rc;

	rc = cli_parse(cli, "contact", argc, argv, opts, ARRAY_LEN(opts), pos, 2, 3, &n_pos);
	if (rc < 0)
		return rc;
	if (days_opt) {
		char *end;

		days = (int)strtol(days_opt, &end, 10);
		if (end == days_opt || *end || days < 1 || days > 30)
			return err_set(&cli->err, ERR_INPUT, "--days is 1 to 30, not '%.16s'", days_opt);
	}
	if (!url)
		url = getenv("PRUDENT_URL") && *getenv("PRUDENT_URL") ? getenv("PRUDENT_URL")
								      : "http://127.0.0.1:8080";
	if ((rc = cli_open_db(cli, db_opt, strcmp(pos[0], "list") ? 0 : STORE_READONLY, &db,
			      &tenant)) < 0)
		return rc;
	if (strcmp(pos[0], "list") == 0 && n_pos == 2) {
		struct listing l = {cli, json ? json_array() : NULL, 0};

		if ((rc = store_client_get(db, tenant.id, pos[1], &c, &cli->err)) == 0 &&
		    (rc = store_contact_each(db, c.id, list_one, &l, &cli->err)) == 0) {
			if (json) {
				rc = cli_print_json(cli, l.list);
				l.list = NULL;
			} else if (l.n == 0) {
				fprintf(cli->out, "%s has no contacts; 'prudent contact add %s EMAIL "
					"--name NAME --title TITLE' adds one.\n", c.slug, c.slug);
			}
		}
		json_decref(l.list);
	} else if (strcmp(pos[0], "add") == 0 && n_pos == 3) {
		if ((rc = store_client_get(db, tenant.id, pos[1], &c, &cli->err)) == 0 &&
		    (rc = app_contact_add(db, &c, pos[2], name, title, cli_actor(by), &ct,
					  &cli->err)) == 0)
			fprintf(cli->out, "Added %s (%s, %s) as a contact of %s.\n", ct.email, ct.name,
				ct.title, c.slug);
	} else if ((strcmp(pos[0], "invite") == 0 || strcmp(pos[0], "disable") == 0) &&
		   n_pos == 2) {
		char lower[256];

		str_lower_copy(lower, sizeof(lower), pos[1]);
		rc = store_contact_by_email(db, lower, &ct, &cli->err);
		if (rc == 0 && strcmp(ct.tenant_id, tenant.id) != 0)
			rc = err_set(&cli->err, ERR_NOTFOUND, "no contact with that email");
		if (rc == 0 && pos[0][0] == 'd' &&
		    (rc = store_contact_disable(db, &ct, cli_actor(by), &cli->err)) == 0)
			fprintf(cli->out, "Disabled %s; what they signed stays on record.\n", ct.email);
		invite = rc == 0 && pos[0][0] == 'i';
	} else {
		rc = err_set(&cli->err, ERR_INPUT, "use 'contact add CLIENT EMAIL', 'contact list "
			     "CLIENT', 'contact invite EMAIL' or 'contact disable EMAIL' ('prudent "
			     "help contact')");
	}
	if (rc == 0 && invite) {
		const char *link;
		bool mailed;

		if ((rc = app_invite(db, &ct, cli_actor(by), url, days, cli->arena, &link, &mailed,
				     &cli->err)) == 0)
			fprintf(cli->out, "Invitation for %s (works once, for %d day%s)%s:\n%s\n",
				ct.email, days, days == 1 ? "" : "s", mailed ? ", emailed" : "", link);
	}
	store_close(db);
	return rc;
}
