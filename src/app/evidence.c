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

/* An email address as we accept it: one line, one '@' with text on both
 * sides and a dot in the domain, at most 254 bytes. */
static bool
email_ok(const char *s)
{
	const char *at = s ? strchr(s, '@') : NULL;
	size_t n = s ? strlen(s) : 0;

	if (!at || at == s || strchr(at + 1, '@') || !strchr(at + 1, '.') || n > 254 ||
	    at[1] == '.' || s[n - 1] == '.')
		return false;
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)s[i] <= 0x20 || s[i] == 0x7f || s[i] == '<' || s[i] == '>' ||
		    s[i] == ',' || s[i] == ';' || s[i] == '"')
			return false;
	return true;
}

static bool
text_ok(const char *s)
{
	size_t n = s ? strlen(s) : 0;

	if (n == 0 || n > 200 || !utf8_valid(s, n))
		return false;
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)s[i] < 0x20 || s[i] == 0x7f)
			return false;
	return true;
}

int
app_contact_add(struct store *db, const struct store_client *c, const char *email,
		const char *name, const char *title, const char *by, struct store_contact *out,
		struct err *e)
{
	char lower[256];

	if (!email_ok(email))
		return err_set(e, ERR_INPUT, "'%.64s' is not an email address", email ? email : "");
	if (!text_ok(name) || !strchr(name, ' '))
		return err_set(e, ERR_INPUT, "give the contact's full name (first and last)");
	if (!text_ok(title))
		return err_set(e, ERR_INPUT, "give the contact's title, such as Owner or Office Manager");
	snprintf(lower, sizeof(lower), "%s", email);
	for (char *p = lower; *p; p++)
		*p = (char)(*p >= 'A' && *p <= 'Z' ? *p + 32 : *p);
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
