/*
 * contract.c - 'prudent contract': a client's Standard of Care Agreement.
 */
#include <errno.h>
#include <stdlib.h>

#include "cli/cli.h"
#include "docs/doc.h"

/* A whole number of months from 1 to 120, from option opt. */
static int
months(struct cli *cli, const char *opt, const char *s, int64_t *out)
{
	char *end;
	long long n;

	errno = 0;
	n = strtoll(s, &end, 10);
	if (errno || end == s || *end || n < 1 || n > 120)
		return err_set(&cli->err, ERR_INPUT, "%s takes a number of months from 1 to 120, "
			       "not '%.32s'", opt, s);
	*out = n;
	return 0;
}

/*
** COMMAND: contract
** SUMMARY: Write a client's Standard of Care Agreement as a Markdown draft
**
** Usage: prudent contract CLIENT [-o FILE] [--cap-months N]
**                        [--data-incident-cap AMOUNT] [--review-months N]
**
** The agreement in five parts (customer obligations, provider obligations,
** disclaimer of warranties, limitation of liability, assumption of risk) plus
** term, review and incorporation by reference, drawn from the client's
** responsibility matrix and the clause library: every safeguard the customer
** carries and its half of shared ones, every one the MSP carries with the
** service that delivers it, and every declined safeguard with its risk for the
** customer to initial.  Each clause's contract wording is followed by the same
** terms in plain words.  This is a draft: issuing, signing and other formats
** come later.
**
**   -o FILE                     write to FILE (atomically) instead of standard output
**   --cap-months N              the liability cap: fees paid in the previous N
**                               months (default 12)
**   --data-incident-cap AMOUNT  a higher cap for data incidents, in words
**                               ("$250,000"); default none
**   --review-months N           how often the parties review it (default 12)
**   --db PATH                   the database (default: $PRUDENT_DB, else ./prudent.db)
**   --library DIR               use the library in DIR
*/
int
cmd_contract(struct cli *cli, int argc, char **argv)
{
	const char *db_opt = NULL, *dir = NULL, *file = NULL, *cap = NULL, *incident = NULL,
		   *review = NULL, *pos[1];
	const struct cli_opt opts[] = {{"--db", CLI_VALUE, &db_opt}, {"--library", CLI_VALUE, &dir},
		{"-o", CLI_VALUE, &file}, {"--cap-months", CLI_VALUE, &cap},
		{"--data-incident-cap", CLI_VALUE, &incident}, {"--review-months", CLI_VALUE, &review}};
	struct doc_agreement d = {.cap_months = 12, .review_months = 12};
	struct cli_client_view view;
	struct store_tenant tenant;
	struct store *db = NULL;
	struct library *lib = NULL;
	struct str out = STR_INIT;
	char now[TIME_RFC3339_LEN];
	bool have_view = false;
	size_t n_pos;
	int rc;

	rc = cli_parse(cli, "contract", argc, argv, opts, ARRAY_LEN(opts), pos, 1, 1, &n_pos);
	if (rc < 0)
		return rc;
	if ((cap && (rc = months(cli, "--cap-months", cap, &d.cap_months)) < 0) ||
	    (review && (rc = months(cli, "--review-months", review, &d.review_months)) < 0))
		return rc;
	if (incident && (!*incident || strlen(incident) > 100 || !utf8_valid(incident,
		strlen(incident)) || strpbrk(incident, "\r\n\t")))
		return err_set(&cli->err, ERR_INPUT, "--data-incident-cap is a short amount in words, "
			       "such as \"$250,000\" (one line, at most 100 bytes)");
	d.data_incident_cap = incident;
	if ((rc = cli_load_library(cli, dir, &lib)) < 0)
		return rc;
	if ((rc = cli_open_db(cli, db_opt, STORE_READONLY, &db, &tenant)) < 0 ||
	    (rc = cli_client_view(cli, db, lib, tenant.id, pos[0], &view)) < 0)
		goto done;
	have_view = true;
	d.lib = lib;
	d.msp_name = tenant.name;
	d.client_name = view.client.name;
	d.generated_at = getenv("PRUDENT_NOW") && *getenv("PRUDENT_NOW") ? getenv("PRUDENT_NOW")
								      : time_now_rfc3339(now);
	d.obligations = &view.obligations;
	d.matrix = &view.matrix;
	if ((rc = doc_agreement_md(&d, cli->arena, &out, &cli->err)) == 0)
		rc = cli_emit(cli, file, &out);
done:
	str_free(&out);
	if (have_view)
		cli_client_view_free(&view);
	store_close(db);
	lib_free(lib);
	return rc;
}
