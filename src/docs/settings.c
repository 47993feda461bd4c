/*
 * settings.c - the legal settings documents are written with: the MSP's
 * defaults and each client's own, checked one key at a time.
 *
 * A client's setting overrides the MSP's; the MSP's overrides the built-in
 * default.  Values are short single lines, so nothing a setting holds can
 * break a document's layout or a table.
 */
#include <errno.h>
#include <stdlib.h>

#include "docs/doc.h"

enum kind { TEXT, MONTHS, DATE };

static const struct doc_setting_key keys[] = {
	{"legal_name", true, false, "the MSP's registered legal name (default: its name)"},
	{"address", true, true, "the postal address printed under the party's name"},
	{"governing_law", true, true, "the law that governs the agreement, e.g. \"Ohio\""},
	{"signatory", true, true, "the name of the person who signs for the party"},
	{"signatory_title", true, true, "that person's title, e.g. \"Owner\""},
	{"cap_months", true, true, "liability cap: fees paid in this many months (1-120; 12)"},
	{"data_incident_cap", true, true, "a higher cap for data incidents, e.g. \"$250,000\""},
	{"review_months", true, true, "how often the parties review the agreement (1-120; 12)"},
	{"effective_date", false, true, "the date the agreement takes effect (YYYY-MM-DD)"},
	{"attorney_review", true, false, "who reviewed the clause wording and when, e.g. "
					 "\"Jane Roe, Esq., 2026-11-01\""},
};

const struct doc_setting_key *
doc_setting_keys(size_t *n)
{
	*n = ARRAY_LEN(keys);
	return keys;
}

static enum kind
key_kind(const char *key)
{
	if (strcmp(key, "cap_months") == 0 || strcmp(key, "review_months") == 0)
		return MONTHS;
	return strcmp(key, "effective_date") == 0 ? DATE : TEXT;
}

static bool
months(const char *v, int64_t *out)
{
	char *end;
	long long n;

	errno = 0;
	n = strtoll(v, &end, 10);
	if (errno || end == v || *end || n < 1 || n > 120)
		return false;
	*out = n;
	return true;
}

int
doc_setting_check(const char *key, const char *value, bool client, struct err *e)
{
	const struct doc_setting_key *k = NULL;
	size_t len = strlen(value);
	int64_t n;
	struct err ignore = {0};

	for (size_t i = 0; i < ARRAY_LEN(keys); i++)
		if (strcmp(keys[i].key, key) == 0)
			k = &keys[i];
	if (!k)
		return err_set(e, ERR_INPUT, "no setting '%.64s'; 'prudent settings keys' lists them",
			       key);
	if (client ? !k->client : !k->msp)
		return err_set(e, ERR_INPUT, "'%s' is a setting of %s, not of %s", key,
			       client ? "the MSP" : "a client", client ? "a client" : "the MSP");
	if (len == 0 || len > 200 || !utf8_valid(value, len) || strpbrk(value, "\r\n\t"))
		return err_set(e, ERR_INPUT, "%s is one line of text of at most 200 bytes", key);
	for (size_t i = 0; i < len; i++)
		if ((unsigned char)value[i] < 0x20 || value[i] == 0x7f)
			return err_set(e, ERR_INPUT, "%s holds a control character", key);
	switch (key_kind(key)) {
	case MONTHS:
		if (!months(value, &n))
			return err_set(e, ERR_INPUT, "%s is a number of months from 1 to 120, not "
				       "'%.32s'", key, value);
		break;
	case DATE:
		if (len != 10 || time_parse_date(value, len, &n, &ignore) < 0)
			return err_set(e, ERR_INPUT, "%s is a date written YYYY-MM-DD, not '%.32s'",
				       key, value);
		break;
	default: break;
	}
	return 0;
}

void
doc_settings_init(struct doc_settings *s)
{
	memset(s, 0, sizeof(*s));
	s->cap_months = 12;
	s->review_months = 12;
}

/* Values are checked already (doc_setting_check) and copied into the arena. */
void
doc_settings_apply(struct doc_settings *s, struct arena *a, const char *key, const char *value,
		   bool client)
{
	const char *v = arena_strdup(a, value);

	if (strcmp(key, "legal_name") == 0)
		s->msp_legal_name = v;
	else if (strcmp(key, "address") == 0)
		*(client ? &s->client_address : &s->msp_address) = v;
	else if (strcmp(key, "governing_law") == 0)
		s->governing_law = v;
	else if (strcmp(key, "signatory") == 0)
		*(client ? &s->client_signatory : &s->msp_signatory) = v;
	else if (strcmp(key, "signatory_title") == 0)
		*(client ? &s->client_signatory_title : &s->msp_signatory_title) = v;
	else if (strcmp(key, "cap_months") == 0)
		months(value, &s->cap_months);
	else if (strcmp(key, "data_incident_cap") == 0)
		s->data_incident_cap = v;
	else if (strcmp(key, "review_months") == 0)
		months(value, &s->review_months);
	else if (strcmp(key, "effective_date") == 0)
		s->effective_date = v;
	else if (strcmp(key, "attorney_review") == 0)
		s->attorney_review = v;
}
