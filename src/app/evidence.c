/*
 * evidence.c - what the CLI and the web application share about acceptances:
 * the parties' names and the certificate of completion.
 */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "app/app.h"

struct legal_name {
	const char *value;
	struct arena *a;
};

static int
legal_name(const char *key, const char *value, const char *at, const char *by, void *arg)
{
	struct legal_name *l = arg;

	(void)at, (void)by;
	if (strcmp(key, "legal_name") == 0)
		l->value = arena_strdup(l->a, value);
	return 0;
}

int
app_parties(struct store *db, const struct store_tenant *t, const struct store_client *c,
	    struct arena *a, const char **provider, const char **customer, struct err *e)
{
	struct legal_name l = {NULL, a};
	int rc = store_setting_each(db, t->id, NULL, legal_name, &l, e);

	*provider = l.value ? l.value : arena_strdup(a, t->name);
	*customer = arena_strdup(a, c->legal_name[0] ? c->legal_name : c->name);
	return rc;
}

int
app_certificate_pdf(struct store *db, const struct store_tenant *t, const struct store_client *c,
		    int64_t version, const char *doc_id, bool signed_copy, struct str *out,
		    struct err *e)
{
	struct arena *a = arena_new();
	struct doc_certificate cert;
	const char *provider, *customer;
	char *pdf = NULL;
	size_t len = 0;
	int rc;

	if ((rc = app_parties(db, t, c, a, &provider, &customer, e)) == 0 &&
	    (rc = ev_certificate(db, c, provider, customer, version, doc_id, a, &cert, e)) == 0) {
		if (!signed_copy)
			rc = doc_certificate_pdf(&cert, out, e);
		else if ((rc = store_doc_file(db, c, version, doc_id, "pdf", &pdf, &len, e)) == 0)
			rc = doc_signed_copy_pdf(pdf, len, &cert, out, e);
	}
	free(pdf);
	arena_free(a);
	return rc;
}

int
app_contact_add(struct store *db, const struct store_client *c, const char *email,
		const char *name, const char *title, const char *by, struct store_contact *out,
		struct err *e)
{
	char lower[256];

	if (!email_valid(email))
		return err_set(e, ERR_INPUT, "'%.64s' is not an email address", email ? email : "");
	if (!text_line(name, 1, 200) || !strchr(name, ' '))
		return err_set(e, ERR_INPUT, "give the contact's full name (first and last)");
	if (!text_line(title, 1, 200))
		return err_set(e, ERR_INPUT, "give the contact's title, such as Owner or Office Manager");
	str_lower_copy(lower, sizeof(lower), email);
	return store_contact_add(db, c, c->tenant_id, lower, name, title, by, out, e);
}

/* Send the invitation through the configured mail command. */
static int
mail_invite(const char *command, const struct store_contact *ct, const char *link, struct err *e)
{
	FILE *p = popen(command, "w");
	int status;

	if (!p)
		return err_set(e, ERR_IO, "cannot run the mail command '%.200s'", command);
	fprintf(p, "To: %s\nSubject: Documents from your IT provider await your review\n"
		"Content-Type: text/plain; charset=utf-8\n\n"
		"Hello %s,\n\nYour IT provider has documents for you to review and accept.\n"
		"Open this link to set your password and see them (it works once, and expires):\n\n"
		"%s\n\nIf you did not expect this, you can ignore it.\n", ct->email, ct->name, link);
	status = pclose(p);
	if (status != 0)
		return err_set(e, ERR_IO, "the mail command '%.200s' failed (status %d); the link "
			       "still works and can be sent by hand", command, status);
	return 0;
}

int
app_invite(struct store *db, const struct store_contact *ct, const char *by, const char *base_url,
	   int days, struct arena *a, const char **link, bool *mailed, struct err *e)
{
	char token[SECRET_HEX_LEN], hash[HASH_SHA256_HEX_LEN];
	const char *mail = getenv("PRUDENT_MAIL_COMMAND");
	int64_t now = (int64_t)time(NULL);
	size_t n = strlen(base_url);
	int rc;

	*mailed = false;
	if (days < 1 || days > 30)
		return err_set(e, ERR_INPUT, "an invitation lasts 1 to 30 days");
	if (ct->disabled)
		return err_set(e, ERR_CONFLICT, "%s is disabled", ct->email);
	secret_hex(token);
	hash_sha256_hex(token, strlen(token), hash);
	if ((rc = store_invite_add(db, ct, hash, now, now + (int64_t)days * 86400, by, e)) < 0)
		return rc;
	while (n && base_url[n - 1] == '/')
		n--;
	*link = arena_printf(a, "%.*s/portal/invite/%s", (int)n, base_url, token);
	secret_wipe(token, sizeof(token));
	if (mail && *mail) {
		if ((rc = mail_invite(mail, ct, *link, e)) < 0)
			return rc;
		*mailed = true;
	}
	return 0;
}

/* ------------------------------------------------ what is due */

struct due {
	const struct library *lib;
	struct arena *a;
	char today[11], horizon[11];
	struct app_due_item *items;
	size_t n, cap;
};

static struct app_due_item *
due_add(struct due *d, const char *kind, const char *due)
{
	struct app_due_item *it;

	if (d->n == d->cap) {
		d->cap = d->cap ? d->cap * 2 : 32;
		d->items = xrealloc(d->items, d->cap * sizeof(*d->items));
	}
	it = &d->items[d->n++];
	memset(it, 0, sizeof(*it));
	it->kind = kind;
	snprintf(it->due, sizeof(it->due), "%.10s", due);
	it->overdue = strcmp(it->due, d->today) < 0;
	return it;
}

/* The date `days` days after an RFC 3339 time, YYYY-MM-DD. */
static void
plus_days(const char *at, int days, char out[11])
{
	int64_t t = 0;
	char buf[TIME_RFC3339_LEN];

	time_parse_rfc3339(at, strlen(at), &t, NULL);
	time_format_rfc3339((time_t)(t + (int64_t)days * 86400), buf);
	snprintf(out, 11, "%.10s", buf);
}

static int
due_decision(const struct store_decision_row *row, void *arg)
{
	struct due *d = arg;
	json_t *data = json_loads(row->data, 0, NULL);
	const char *kind = json_string_value(json_object_get(data, "decision"));
	const char *until = json_string_value(json_object_get(data, "until"));
	const struct lib_safeguard *sg = lib_safeguard_get(d->lib, row->safeguard);
	char date[11];
	struct app_due_item *it;

	/* Decisions recorded before they had dates last 12 months. */
	if (until)
		snprintf(date, sizeof(date), "%.10s", until);
	else
		plus_days(row->created_at, 365, date);
	if (kind && strcmp(date, d->horizon) <= 0) {
		it = due_add(d, "decision", date);
		it->client_slug = arena_strdup(d->a, row->client_slug);
		it->client_name = arena_strdup(d->a, row->client_name);
		it->subject_id = arena_strdup(d->a, row->safeguard);
		it->subject = arena_strdup(d->a, sg ? sg->name : row->safeguard);
		it->detail = arena_printf(d->a, "%s by %s: %s", strcmp(kind, "decline") == 0
					  ? "declined" : strcmp(kind, "accept") == 0
					  ? "risk accepted" : "deferred",
					  json_string_value(json_object_get(data, "by")),
					  json_string_value(json_object_get(data, "reason")));
	}
	json_decref(data);
	return 0;
}

static int
by_due(const void *a, const void *b)
{
	const struct app_due_item *x = a, *y = b;
	int c = strcmp(x->due, y->due);

	return c ? c : strcmp(x->client_name, y->client_name);
}

int
app_due(struct store *db, const struct library *lib, const char *tenant_id, int within_days,
	struct arena *a, struct app_due_item **out, size_t *n, struct err *e)
{
	struct due d = {lib, a, "", "", NULL, 0, 0};
	struct ev_doc_status *docs;
	char now[TIME_RFC3339_LEN];
	size_t n_docs;
	int rc;

	time_format_rfc3339(time_now_pinned(), now);
	snprintf(d.today, sizeof(d.today), "%.10s", now);
	plus_days(now, within_days, d.horizon);
	if ((rc = store_decisions_each(db, tenant_id, due_decision, &d, e)) < 0 ||
	    (rc = ev_tenant_statuses(db, tenant_id, a, &docs, &n_docs, e)) < 0) {
		free(d.items);
		return rc;
	}
	for (size_t i = 0; i < n_docs; i++) {
		const struct ev_doc_status *s = &docs[i];
		char date[11];
		struct app_due_item *it = NULL;

		if (s->state == EV_AWAITING_COPY) {
			plus_days(s->decided_at, 14, date);
			it = due_add(&d, "signed-copy", date);
			it->detail = arena_printf(a, "explained in a walkthrough on %.10s; the signed "
						  "copy is still due", s->decided_at);
		} else if (s->state == EV_AWAITING) {
			/* A reminder once it has waited two weeks. */
			plus_days(s->issued_at, 14, date);
			if (strcmp(date, d.today) > 0)
				continue;
			it = due_add(&d, "acceptance", date);
			it->detail = arena_printf(a, "sent %.10s; not yet accepted", s->issued_at);
		} else {
			continue;
		}
		it->client_slug = s->client_slug;
		it->client_name = s->client_name;
		it->subject_id = s->doc_id;
		it->subject = arena_printf(a, "%s, version %lld", s->title, (long long)s->version);
	}
	if (d.n)
		qsort(d.items, d.n, sizeof(*d.items), by_due);
	*out = arena_array(a, d.n + 1, sizeof(**out));
	if (d.n)
		memcpy(*out, d.items, d.n * sizeof(**out));
	*n = d.n;
	free(d.items);
	return 0;
}
