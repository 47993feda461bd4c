/*
 * changes.c - the changes that shape a client's matrix (assign, decide,
 * tailor), checked against the client's baseline and recorded, for the CLI
 * and the web application alike.  Each is appended, never edited: the matrix
 * is the changes replayed.
 */
#include <stdlib.h>
#include <time.h>

#include "app/app.h"

const struct eng_row *
app_baseline_row(const struct library *lib, const struct app_client_view *v,
		 const char *safeguard, struct err *e)
{
	for (size_t i = 0; i < v->matrix.n_rows; i++)
		if (strcmp(v->matrix.rows[i].safeguard->id, safeguard) == 0)
			return &v->matrix.rows[i];
	if (!lib_safeguard_get(lib, safeguard))
		err_set(e, ERR_NOTFOUND, "no safeguard '%.64s' in the library", safeguard);
	else
		err_set(e, ERR_INPUT, "%s is not in %s's baseline (no obligation of the client "
			"needs it)", safeguard, v->client.slug);
	return NULL;
}

static int
record(struct store *db, const struct app_client_view *v, const char *kind, const char *subject,
       json_t *data, const char *by, struct err *e)
{
	char *text = json_dumps(data, JSON_COMPACT | JSON_SORT_KEYS);
	int rc = store_change_add(db, &v->client, kind, subject, text, by, NULL, e);

	free(text);
	json_decref(data);
	return rc;
}

static void
set_text(json_t *o, const char *key, const char *value)
{
	if (value && *value)
		json_object_set_new(o, key, json_string(value));
}

int
app_assign(struct store *db, const struct library *lib, const struct app_client_view *v,
	   const struct app_assign *a, const char *by, struct err *e)
{
	int owner = a->to ? eng_owner_parse(a->to) : -1;
	json_t *d;

	if (owner < 0 || owner > ENG_OWNER_THIRD_PARTY)
		return err_set(e, ERR_INPUT, "the owner must be msp, customer, shared or third-party");
	if (owner == ENG_OWNER_THIRD_PARTY && (!a->party || !*a->party))
		return err_set(e, ERR_INPUT, "a third party must be named");
	if (owner == ENG_OWNER_SHARED && (!a->msp_part || !*a->msp_part || !a->customer_part ||
					  !*a->customer_part))
		return err_set(e, ERR_INPUT, "a shared safeguard needs the MSP's part and the "
			       "customer's part written out");
	if (!text_line(a->party, 0, 500) || !text_line(a->msp_part, 0, 500) ||
	    !text_line(a->customer_part, 0, 500) || !text_line(a->note, 0, 500))
		return err_set(e, ERR_INPUT, "the party, the parts and the note are single lines of at "
			       "most 500 bytes");
	if (!app_baseline_row(lib, v, a->safeguard, e))
		return e->code;
	d = json_pack("{s:s}", "owner", eng_owner_name((enum eng_owner)owner));
	set_text(d, "party", a->party);
	set_text(d, "msp_part", a->msp_part);
	set_text(d, "customer_part", a->customer_part);
	set_text(d, "note", a->note);
	return record(db, v, "assign", a->safeguard, d, by, e);
}

/* The date of t, YYYY-MM-DD (UTC). */
static void
day_of(time_t t, char out[11])
{
	char buf[TIME_RFC3339_LEN];

	time_format_rfc3339(t, buf);
	snprintf(out, 11, "%.10s", buf);
}

/* The same date next year (29 February becomes 28 February). */
static void
next_year(time_t t, char out[11])
{
	struct tm tm;

	gmtime_r(&t, &tm);
	snprintf(out, 11, "%04u-%02u-%02u", (unsigned)(tm.tm_year + 1901) % 10000u,
		 (unsigned)(tm.tm_mon + 1) % 100u,
		 tm.tm_mon == 1 && tm.tm_mday == 29 ? 28u : (unsigned)tm.tm_mday % 100u);
}

int
app_decide(struct store *db, const struct library *lib, const struct app_client_view *v,
	   const struct app_decision *dc, const char *recorder, const struct eng_row **row,
	   struct err *e)
{
	bool defer = dc->kind && strcmp(dc->kind, "defer") == 0;
	char until[11], today[11], latest[11], sha[HASH_SHA256_HEX_LEN];
	const char *risk = dc->risk;
	int64_t date;
	struct str shown = STR_INIT;
	json_t *d;

	if (!dc->kind || (strcmp(dc->kind, "accept") && strcmp(dc->kind, "decline") && !defer))
		return err_set(e, ERR_INPUT, "a decision is accept, decline or defer");
	if (!dc->by || !strchr(dc->by, ',') || !text_line(dc->by, 1, 500))
		return err_set(e, ERR_INPUT, "name the customer's decision maker as \"NAME, TITLE\"");
	if (!text_line(dc->reason, 1, 500))
		return err_set(e, ERR_INPUT, "a decision needs its reason (one line)");
	if (dc->impact < 1 || dc->impact > 5 || dc->likelihood < 1 || dc->likelihood > 5)
		return err_set(e, ERR_INPUT, "rate the impact and the likelihood from 1 (lowest) to 5 "
			       "(highest): the MSP's assessment of the risk");
	if (!text_line(dc->insurance, 0, 500) || !text_line(dc->risk, 0, 500))
		return err_set(e, ERR_INPUT, "the risk and the insurance consequence are single lines "
			       "of at most 500 bytes");
	time_t now = time_now_pinned();

	day_of(now, today);
	day_of(now + 90 * 86400, latest);
	if (defer)
		memcpy(until, latest, sizeof(until));
	else
		next_year(now, until);
	if (dc->until && *dc->until) {
		if (time_parse_date(dc->until, strlen(dc->until), &date, e) < 0)
			return e->code;
		if (strcmp(dc->until, today) < 0)
			return err_set(e, ERR_INPUT, "the date to offer it again, %s, must be in the "
				       "future", dc->until);
		if (defer && strcmp(dc->until, latest) > 0)
			return err_set(e, ERR_INPUT, "a deferral lasts at most 90 days (until %s)",
				       latest);
		snprintf(until, sizeof(until), "%s", dc->until);
	}
	if (!(*row = app_baseline_row(lib, v, dc->safeguard, e)))
		return e->code;
	if (!risk || !*risk)
		risk = (*row)->safeguard->risk ? (*row)->safeguard->risk : "";
	/* What the customer is shown and agrees to, word for word. */
	str_appendf(&shown, "Recommended safeguard: %s (%s).\nWhat could happen without it: %s\n"
		    "The provider's assessment: impact %d of 5, likelihood %d of 5.\n",
		    (*row)->safeguard->name, (*row)->safeguard->id, risk, dc->impact, dc->likelihood);
	if (dc->insurance && *dc->insurance)
		str_appendf(&shown, "Cyber insurance: %s\n", dc->insurance);
	str_appendf(&shown, "Decision: %s by %s, because: %s\n%s %s.\n", defer ? "deferred"
		    : strcmp(dc->kind, "accept") == 0 ? "risk accepted" : "declined", dc->by,
		    dc->reason, defer ? "To be decided by" : "To be offered again by", until);
	d = json_pack("{s:s,s:s,s:s,s:s,s:i,s:i,s:s,s:s,s:s}", "decision", dc->kind, "by", dc->by,
		      "reason", dc->reason, "until", until, "impact", dc->impact, "likelihood",
		      dc->likelihood, "risk", risk, "shown", shown.buf, "shown_sha256",
		      hash_sha256_hex(shown.buf, shown.len, sha));
	set_text(d, "insurance", dc->insurance);
	str_free(&shown);
	return record(db, v, "decide", dc->safeguard, d, recorder, e);
}

int
app_tailor(struct store *db, const struct library *lib, const struct app_client_view *v,
	   const char *safeguard, bool not_applicable, const char *reason, const char *condition,
	   const char *by, struct err *e)
{
	const struct eng_row *row;
	const struct lib_safeguard *sg;
	json_t *d;

	if (not_applicable && (!reason || !*reason))
		return err_set(e, ERR_INPUT, "not applicable needs a reason");
	if (!text_line(reason, 0, 500))
		return err_set(e, ERR_INPUT, "the reason is one line of at most 500 bytes");
	if (!(row = app_baseline_row(lib, v, safeguard, e)))
		return e->code;
	sg = row->safeguard;
	if (not_applicable && (row->must || (condition && *condition))) {
		size_t i;

		for (i = 0; condition && i < sg->n_tailoring &&
			    strcmp(sg->tailoring[i].id, condition) != 0; i++)
			;
		if (!condition || !*condition || i == sg->n_tailoring)
			return err_set(e, ERR_INPUT, "%s is required by a law or contract for %s; it can "
				       "be not applicable only under a condition the library allows "
				       "('prudent tailor %s %s' lists them)", sg->id, v->client.slug,
				       v->client.slug, sg->id);
	}
	d = json_pack("{s:b}", "not_applicable", not_applicable);
	set_text(d, "reason", reason);
	set_text(d, "condition", condition);
	return record(db, v, "tailor", sg->id, d, by, e);
}

int
app_subscribe(struct store *db, const struct app_client_view *v, const char *service,
	      bool subscribe, const char *by, bool *changed, struct err *e)
{
	bool known = false, current = false;

	*changed = false;
	for (size_t k = 0; k < v->n_catalogue; k++)
		known |= strcmp(v->catalogue[k]->id, service) == 0;
	for (size_t k = 0; k < v->state.n_subscriptions; k++)
		current |= strcmp(v->state.subscriptions[k], service) == 0;
	if (!known)
		return err_set(e, ERR_NOTFOUND, "no service '%.64s'; 'prudent service list' shows them",
			       service);
	if (subscribe == current)
		return 0;
	*changed = true;
	return record(db, v, subscribe ? "subscribe" : "unsubscribe", service, json_object(), by, e);
}
