/*
 * responsibility.c - the commands that change a client's matrix: subscribe,
 * unsubscribe, assign, decide and tailor.
 *
 * Each records one change (who, when, what) and never edits an earlier one;
 * the matrix is those changes replayed.  Checks come first: the client's
 * baseline is computed so that, for instance, a safeguard a law requires can
 * only be marked not applicable under a condition the library allows.
 */
#include <stdlib.h>

#include "cli/cli.h"

/* Open the library, the database and the client's view, or report why not. */
struct session {
	struct library *lib;
	struct store *db;
	struct store_tenant tenant;
	struct app_client_view view;
	bool have_view;
};

static int
session_open(struct cli *cli, const char *dir, const char *db_opt, const char *client,
	     struct session *s)
{
	int rc;

	memset(s, 0, sizeof(*s));
	if ((rc = cli_load_library(cli, dir, &s->lib)) < 0 ||
	    (rc = cli_open_db(cli, db_opt, 0, &s->db, &s->tenant)) < 0 ||
	    (rc = app_client_view(s->db, s->lib, s->tenant.id, client, cli->arena, &s->view,
				  &cli->err)) < 0)
		return rc;
	s->have_view = true;
	return 0;
}

static void
session_close(struct session *s)
{
	if (s->have_view)
		app_client_view_free(&s->view);
	store_close(s->db);
	lib_free(s->lib);
}

static int
subscription(struct cli *cli, int argc, char **argv, const char *command)
{
	const char *db_opt = NULL, *dir = NULL, *by = NULL, *pos[32];
	const struct cli_opt opts[] = {{"--db", CLI_VALUE, &db_opt}, {"--library", CLI_VALUE, &dir},
		{"--by", CLI_VALUE, &by}};
	bool subscribe = strcmp(command, "subscribe") == 0;
	struct session s;
	size_t n_pos;
	int rc;

	rc = cli_parse(cli, command, argc, argv, opts, ARRAY_LEN(opts), pos, 2, ARRAY_LEN(pos), &n_pos);
	if (rc < 0)
		return rc;
	if ((rc = session_open(cli, dir, db_opt, pos[0], &s)) < 0)
		goto done;
	for (size_t i = 1; i < n_pos && rc == 0; i++) {
		bool changed;

		if ((rc = app_subscribe(s.db, &s.view, pos[i], subscribe, cli_actor(by), &changed,
					&cli->err)) < 0)
			break;
		if (changed)
			fprintf(cli->out, "%s %s %s.\n", s.view.client.slug,
				subscribe ? "now subscribes to" : "no longer subscribes to", pos[i]);
		else
			fprintf(cli->out, "%s is %s subscribed to %s.\n", s.view.client.slug,
				subscribe ? "already" : "not", pos[i]);
	}
done:
	session_close(&s);
	return rc;
}

/*
** COMMAND: subscribe
** SUMMARY: Record that a client buys one or more of the MSP's services
**
** Usage: prudent subscribe CLIENT SERVICE...
**
** The safeguards a subscribed service covers move from the customer to the
** MSP (or to both, as the service's split says) in the client's matrix.
**
**   --by NAME       who makes the change (default: $PRUDENT_USER or $USER)
**   --db PATH       the database (default: $PRUDENT_DB, else ./prudent.db)
**   --library DIR   use the library in DIR
*/
int
cmd_subscribe(struct cli *cli, int argc, char **argv)
{
	return subscription(cli, argc, argv, "subscribe");
}

/*
** COMMAND: unsubscribe
** SUMMARY: Record that a client no longer buys a service
**
** Usage: prudent unsubscribe CLIENT SERVICE...
**
**   --by NAME       who makes the change (default: $PRUDENT_USER or $USER)
**   --db PATH       the database (default: $PRUDENT_DB, else ./prudent.db)
**   --library DIR   use the library in DIR
*/
int
cmd_unsubscribe(struct cli *cli, int argc, char **argv)
{
	return subscription(cli, argc, argv, "unsubscribe");
}

/*
** COMMAND: assign
** SUMMARY: Say who carries one safeguard for a client
**
** Usage: prudent assign CLIENT SAFEGUARD --to msp|customer|shared|third-party
**                      [--party NAME] [--msp-part TEXT] [--customer-part TEXT]
**                      [--note TEXT]
**
** Overrides what the client's services say.  A third party must be named
** (--party); a shared safeguard needs the split written out (--msp-part and
** --customer-part).
**
**   --by NAME       who makes the change (default: $PRUDENT_USER or $USER)
**   --db PATH       the database (default: $PRUDENT_DB, else ./prudent.db)
**   --library DIR   use the library in DIR
*/
int
cmd_assign(struct cli *cli, int argc, char **argv)
{
	const char *db_opt = NULL, *dir = NULL, *by = NULL, *to = NULL, *party = NULL, *msp = NULL,
		   *cust = NULL, *note = NULL, *pos[2];
	const struct cli_opt opts[] = {{"--db", CLI_VALUE, &db_opt}, {"--library", CLI_VALUE, &dir},
		{"--by", CLI_VALUE, &by}, {"--to", CLI_VALUE, &to}, {"--party", CLI_VALUE, &party},
		{"--msp-part", CLI_VALUE, &msp}, {"--customer-part", CLI_VALUE, &cust},
		{"--note", CLI_VALUE, &note}};
	struct session s;
	size_t n_pos;
	int rc;

	rc = cli_parse(cli, "assign", argc, argv, opts, ARRAY_LEN(opts), pos, 2, 2, &n_pos);
	if (rc < 0)
		return rc;
	/* The app checks these too; here they name the options. */
	if (!to || eng_owner_parse(to) < 0 || eng_owner_parse(to) > ENG_OWNER_THIRD_PARTY)
		return err_set(&cli->err, ERR_INPUT, "--to must be msp, customer, shared or third-party");
	if (eng_owner_parse(to) == ENG_OWNER_THIRD_PARTY && !party)
		return err_set(&cli->err, ERR_INPUT, "a third party must be named with --party NAME");
	if (eng_owner_parse(to) == ENG_OWNER_SHARED && (!msp || !cust))
		return err_set(&cli->err, ERR_INPUT, "a shared safeguard needs --msp-part and "
			       "--customer-part: the split written out");
	if ((rc = session_open(cli, dir, db_opt, pos[0], &s)) == 0) {
		struct app_assign a = {pos[1], to, party, msp, cust, note};

		if ((rc = app_assign(s.db, s.lib, &s.view, &a, cli_actor(by), &cli->err)) == 0)
			fprintf(cli->out, "%s: %s is now carried by %s%s%s.\n", s.view.client.slug,
				pos[1], eng_owner_name((enum eng_owner)eng_owner_parse(to)),
				party ? " " : "", party ? party : "");
	}
	session_close(&s);
	return rc;
}

/*
** COMMAND: decide
** SUMMARY: Record the customer's decision on a recommended safeguard
**
** Usage: prudent decide CLIENT SAFEGUARD --accept|--decline|--defer
**                      --by "NAME, TITLE" --reason TEXT --impact N --likelihood N
**                      [--risk TEXT] [--insurance TEXT] [--until YYYY-MM-DD]
**
** --by names the customer's decision maker, not the technician (who is
** recorded too, from --recorded-by, $PRUDENT_USER or $USER).  A declined
** safeguard shows as declined in the matrix; when a law or contract requires
** it, the decline is flagged: the duty does not go away because it is
** declined.  Each decision keeps the exact text the customer was shown (with
** its SHA-256): the safeguard, the risk in plain words (the library's unless
** --risk gives one), the MSP's rating of its impact and likelihood, any
** consequence for the cyber insurance, the decision and its date.  It lasts
** until --until: by default 12 months, and a deferral at most 90 days (its
** default); 'prudent due' lists decisions coming up for renewal.
**
**   --impact N          how bad it would be, 1 (minimal) to 5 (severe)
**   --likelihood N      how likely, 1 (rare) to 5 (almost certain)
**   --risk TEXT         the risk in plain words, instead of the library's
**   --insurance TEXT    what it means for the cyber insurance
**   --until DATE        when to offer it again (or decide a deferral)
**   --recorded-by NAME  who records the decision
**   --db PATH           the database (default: $PRUDENT_DB, else ./prudent.db)
**   --library DIR       use the library in DIR
*/
/* A 1-5 rating, 0 when missing or anything else (app_decide names the problem). */
static int
rating(const char *s)
{
	return s && s[0] >= '1' && s[0] <= '5' && !s[1] ? s[0] - '0' : 0;
}

int
cmd_decide(struct cli *cli, int argc, char **argv)
{
	const char *db_opt = NULL, *dir = NULL, *by = NULL, *recorder = NULL, *reason = NULL,
		   *until = NULL, *impact = NULL, *likelihood = NULL, *risk = NULL, *insurance = NULL,
		   *pos[2];
	bool accept = false, decline = false, defer = false;
	const struct cli_opt opts[] = {{"--db", CLI_VALUE, &db_opt}, {"--library", CLI_VALUE, &dir},
		{"--by", CLI_VALUE, &by}, {"--recorded-by", CLI_VALUE, &recorder},
		{"--reason", CLI_VALUE, &reason}, {"--until", CLI_VALUE, &until},
		{"--impact", CLI_VALUE, &impact}, {"--likelihood", CLI_VALUE, &likelihood},
		{"--risk", CLI_VALUE, &risk}, {"--insurance", CLI_VALUE, &insurance},
		{"--accept", CLI_FLAG, &accept}, {"--decline", CLI_FLAG, &decline},
		{"--defer", CLI_FLAG, &defer}};
	const struct eng_row *row;
	struct session s;
	size_t n_pos;
	int rc;

	rc = cli_parse(cli, "decide", argc, argv, opts, ARRAY_LEN(opts), pos, 2, 2, &n_pos);
	if (rc < 0)
		return rc;
	if (accept + decline + defer != 1)
		return err_set(&cli->err, ERR_INPUT, "give one of --accept, --decline and --defer");
	if (!by || !strchr(by, ','))
		return err_set(&cli->err, ERR_INPUT, "--by names the customer's decision maker as "
			       "\"NAME, TITLE\"");
	if (!reason || !*reason)
		return err_set(&cli->err, ERR_INPUT, "a decision needs --reason TEXT");
	if ((rc = session_open(cli, dir, db_opt, pos[0], &s)) == 0) {
		struct app_decision dc = {pos[1], accept ? "accept" : decline ? "decline" : "defer", by,
			reason, until, rating(impact), rating(likelihood), risk, insurance};

		rc = app_decide(s.db, s.lib, &s.view, &dc, cli_actor(recorder), &row, &cli->err);
		if (rc == 0) {
			fprintf(cli->out, "%s: recorded that %s %s %s.\n", s.view.client.slug, by,
				accept ? "accepted" : decline ? "declined" : "deferred", pos[1]);
			if (decline && row->must)
				fprintf(cli->out, "Note: a law or contract requires %s for this client; "
					"the decline is recorded and flagged, and the duty remains.\n",
					pos[1]);
		}
	}
	session_close(&s);
	return rc;
}

/*
** COMMAND: tailor
** SUMMARY: Mark a safeguard not applicable to a client, with the reason
**
** Usage: prudent tailor CLIENT SAFEGUARD --not-applicable --reason TEXT [--condition ID]
**        prudent tailor CLIENT SAFEGUARD --applicable
**
** A reason is always required.  A safeguard a law or contract requires can
** only be marked not applicable under one of the conditions the library
** allows for it (such as "The business has no wireless network"), named with
** --condition; 'prudent tailor CLIENT SAFEGUARD' without options lists them.
**
**   --by NAME       who makes the change (default: $PRUDENT_USER or $USER)
**   --db PATH       the database (default: $PRUDENT_DB, else ./prudent.db)
**   --library DIR   use the library in DIR
*/
int
cmd_tailor(struct cli *cli, int argc, char **argv)
{
	const char *db_opt = NULL, *dir = NULL, *by = NULL, *reason = NULL, *condition = NULL, *pos[2];
	bool na = false, applicable = false;
	const struct cli_opt opts[] = {{"--db", CLI_VALUE, &db_opt}, {"--library", CLI_VALUE, &dir},
		{"--by", CLI_VALUE, &by}, {"--reason", CLI_VALUE, &reason},
		{"--condition", CLI_VALUE, &condition}, {"--not-applicable", CLI_FLAG, &na},
		{"--applicable", CLI_FLAG, &applicable}};
	const struct eng_row *row;
	const struct lib_safeguard *sg;
	struct session s;
	size_t n_pos;
	int rc;

	rc = cli_parse(cli, "tailor", argc, argv, opts, ARRAY_LEN(opts), pos, 2, 2, &n_pos);
	if (rc < 0)
		return rc;
	if (na && applicable)
		return err_set(&cli->err, ERR_INPUT, "give --not-applicable or --applicable, not both");
	if (na && (!reason || !*reason))
		return err_set(&cli->err, ERR_INPUT, "--not-applicable needs --reason TEXT");
	if ((rc = session_open(cli, dir, db_opt, pos[0], &s)) < 0)
		goto done;
	if (!na && !applicable) {
		if (!(row = app_baseline_row(s.lib, &s.view, pos[1], &cli->err))) {
			rc = cli->err.code;
			goto done;
		}
		sg = row->safeguard;
		fprintf(cli->out, "%s may be marked not applicable %s:\n", sg->id,
			row->must ? "(a law or contract requires it) only under these conditions"
				  : "with any reason, or under these conditions");
		for (size_t i = 0; i < sg->n_tailoring; i++)
			fprintf(cli->out, "  --condition %-24s %s\n", sg->tailoring[i].id, sg->tailoring[i].text);
		if (sg->n_tailoring == 0)
			fputs("  (the library lists none)\n", cli->out);
		goto done;
	}
	if ((rc = app_tailor(s.db, s.lib, &s.view, pos[1], na, reason, condition, cli_actor(by),
			     &cli->err)) == 0)
		fprintf(cli->out, "%s: %s is %s.\n", s.view.client.slug, pos[1],
			na ? "marked not applicable" : "applicable again");
done:
	session_close(&s);
	return rc;
}
