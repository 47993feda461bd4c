/*
 * accept.c - acceptances: views, consent, initials, signatures, refusals,
 * wet-ink and verbal records, each an event of the chain.
 *
 * There is no acceptance table to update: a document's state is read from
 * its events every time.  A signature is written with the checkpoint that
 * signs it in one transaction, after checking consent and every initial
 * inside that transaction, so a crash leaves either a complete acceptance or
 * none, and nothing half-done can read as signed.
 */
#include <stdlib.h>

#include "evidence/evidence.h"

const char ev_consent_text[] =
	"Consent to do business electronically\n"
	"\n"
	"You agree that documents from your IT provider may be shown to you, and that you may "
	"accept or refuse them, electronically, in this portal. Initials and a signature you "
	"type here have the same effect as ones written by hand on paper.\n"
	"\n"
	"You may ask for a paper copy of any document at any time, at no charge, by contacting "
	"your IT provider. You may withdraw this consent at any time, here in the portal or by "
	"telling your IT provider; after that, documents will be signed on paper. Withdrawing "
	"does not undo anything you signed before.\n"
	"\n"
	"To use the portal you need a web browser and an email address; to keep a copy you need "
	"a way to save or print PDF files. If your email address changes, tell your IT "
	"provider.\n";

const char *
ev_json_str(json_t *o, const char *key)
{
	const char *v = json_string_value(json_object_get(o, key));

	return v ? v : "";
}

const char *
ev_consent_sha256(void)
{
	static char sha[HASH_SHA256_HEX_LEN];

	if (!sha[0])
		hash_sha256_hex(ev_consent_text, strlen(ev_consent_text), sha);
	return sha;
}

static const char *const state_names[] = {
	[EV_AWAITING] = "awaiting acceptance",
	[EV_AWAITING_COPY] = "awaiting signed copy",
	[EV_SIGNED] = "signed",
	[EV_REFUSED] = "refused",
	[EV_SUPERSEDED] = "superseded",
	[EV_NO_SIGNATURE] = "for information",
};

const char *
ev_state_name(enum ev_state s)
{
	return state_names[s];
}

/* ------------------------------------------------ reading the state */

struct statuses {
	struct arena *a;
	struct ev_doc_status *list;
	size_t n, cap;
};

static int
add_status(const struct store_doc_row *row, void *arg)
{
	struct statuses *s = arg;
	json_t *id = json_loads(row->identity, 0, NULL), *f;
	struct ev_doc_status *d;
	size_t i;

	if (s->n == s->cap) {
		s->cap = s->cap ? s->cap * 2 : 16;
		s->list = xrealloc(s->list, s->cap * sizeof(*s->list));
	}
	d = &s->list[s->n++];
	memset(d, 0, sizeof(*d));
	d->client_id = arena_strdup(s->a, row->client_id);
	d->client_slug = arena_strdup(s->a, row->client_slug);
	d->client_name = arena_strdup(s->a, row->client_name);
	d->version = row->version;
	d->doc_id = arena_strdup(s->a, row->doc_id);
	d->kind = arena_strdup(s->a, row->kind);
	d->title = arena_strdup(s->a, row->title);
	d->issued_at = arena_strdup(s->a, row->issued_at);
	d->source_sha256 = arena_strdup(s->a, row->source_sha256);
	d->pdf_sha256 = "";
	json_array_foreach(json_object_get(id, "files"), i, f)
		if (strcmp(ev_json_str(f, "format"), "pdf") == 0)
			d->pdf_sha256 = arena_strdup(s->a, ev_json_str(f, "sha256"));
	json_decref(id);
	d->needs_signature = strcmp(d->kind, "summary") != 0;
	d->state = d->needs_signature ? EV_AWAITING : EV_NO_SIGNATURE;
	return 0;
}

static int
apply_event(const struct store_event *ev, void *arg)
{
	struct statuses *s = arg;
	json_t *p = json_loads(ev->payload, 0, NULL);
	int64_t version = json_integer_value(json_object_get(p, "version"));
	const char *doc_id = ev_json_str(p, "doc_id");

	for (size_t i = 0; i < s->n; i++) {
		struct ev_doc_status *d = &s->list[i];

		if (d->version != version || strcmp(d->doc_id, doc_id) != 0 || !d->needs_signature ||
		    d->state == EV_SIGNED || d->state == EV_REFUSED ||
		    strcmp(d->client_id, ev->client_id) != 0)
			continue;
		if (strcmp(ev->type, "acceptance.signed") == 0 ||
		    strcmp(ev->type, "acceptance.wet-ink") == 0 ||
		    strcmp(ev->type, "acceptance.refused") == 0) {
			d->state = strcmp(ev->type, "acceptance.refused") == 0 ? EV_REFUSED : EV_SIGNED;
			d->decided_seq = ev->seq;
			d->decided_at = arena_strdup(s->a, ev->at);
			d->decided_by = arena_strdup(s->a, *ev_json_str(p, "name") ? ev_json_str(p, "name")
							   : ev_json_str(p, "signer"));
		} else if (strcmp(ev->type, "acceptance.verbal") == 0) {
			d->state = EV_AWAITING_COPY;
			d->decided_at = arena_strdup(s->a, ev->at);
		}
	}
	json_decref(p);
	return 0;
}

static int
newest_first(const void *a, const void *b)
{
	const struct ev_doc_status *x = a, *y = b;

	if (x->version != y->version)
		return x->version > y->version ? -1 : 1;
	return strcmp(x->doc_id, y->doc_id);
}

/* Documents loaded into s, then the acceptance events (of one client, or of
 * the tenant) applied to them. */
static int
statuses(struct store *db, const char *tenant_id, const struct store_client *c,
	 struct statuses *s, struct ev_doc_status **out, size_t *n, bool sort, struct err *e)
{
	int rc;

	if ((rc = c ? store_doc_each(db, c, add_status, s, e)
		    : store_doc_newest_each(db, tenant_id, add_status, s, e)) < 0 ||
	    (rc = store_event_each(db, tenant_id, c ? c->id : NULL, "acceptance.", 1, apply_event,
				   s, e)) < 0) {
		free(s->list);
		return rc;
	}
	/* A version not yet signed or refused is superseded once a newer one of
	 * its kind is issued. */
	for (size_t i = 0; sort && i < s->n; i++)
		for (size_t j = 0; j < s->n; j++)
			if (s->list[j].version > s->list[i].version &&
			    strcmp(s->list[j].kind, s->list[i].kind) == 0 &&
			    (s->list[i].state == EV_AWAITING || s->list[i].state == EV_AWAITING_COPY))
				s->list[i].state = EV_SUPERSEDED;
	if (sort && s->n)
		qsort(s->list, s->n, sizeof(*s->list), newest_first);
	*out = arena_array(s->a, s->n + 1, sizeof(**out));
	if (s->n)
		memcpy(*out, s->list, s->n * sizeof(**out));
	*n = s->n;
	free(s->list);
	return 0;
}

int
ev_doc_statuses(struct store *db, const struct store_client *c, struct arena *a,
		struct ev_doc_status **out, size_t *n, struct err *e)
{
	struct statuses s = {a, NULL, 0, 0};

	return statuses(db, c->tenant_id, c, &s, out, n, true, e);
}

int
ev_tenant_statuses(struct store *db, const char *tenant_id, struct arena *a,
		   struct ev_doc_status **out, size_t *n, struct err *e)
{
	struct statuses s = {a, NULL, 0, 0};

	return statuses(db, tenant_id, NULL, &s, out, n, false, e);
}

int
ev_clauses(struct store *db, const struct store_client *c, int64_t version, const char *doc_id,
	   json_t **out, struct err *e)
{
	char *bytes;
	size_t len;
	int rc = store_doc_file(db, c, version, doc_id, "json", &bytes, &len, e);

	*out = NULL;
	if (rc < 0)
		return rc;
	*out = json_loadb(bytes, len, 0, NULL);
	free(bytes);
	if (!*out)
		return err_set(e, ERR_INTERNAL, "the clauses of %s version %lld cannot be read",
			       doc_id, (long long)version);
	return 0;
}

struct progress_arg {
	struct ev_progress *p;
	const char *contact, *doc_id;
	int64_t version;
};

static int
progress_event(const struct store_event *ev, void *arg)
{
	struct progress_arg *a = arg;
	json_t *p = json_loads(ev->payload, 0, NULL);

	if (strcmp(ev_json_str(p, "contact"), a->contact) != 0) {
		json_decref(p);
		return 0;
	}
	if (strcmp(ev->type, "acceptance.consent") == 0) {
		a->p->consent_seq = ev->seq;
	} else if (strcmp(ev->type, "acceptance.consent-withdrawn") == 0) {
		a->p->consent_seq = 0;
	} else if (strcmp(ev_json_str(p, "doc_id"), a->doc_id) == 0 &&
		   json_integer_value(json_object_get(p, "version")) == a->version) {
		if (strcmp(ev->type, "acceptance.initialed") == 0)
			json_object_set_new(a->p->initialled, ev_json_str(p, "mark"),
					    json_pack("{s:I,s:s,s:s}", "seq", (json_int_t)ev->seq,
						      "at", ev->at, "initials", ev_json_str(p, "initials")));
		else if (strcmp(ev->type, "acceptance.viewed") == 0)
			a->p->viewed_seq = ev->seq;
	}
	json_decref(p);
	return 0;
}

int
ev_progress(struct store *db, const struct store_client *c, const char *contact_id,
	    int64_t version, const char *doc_id, struct ev_progress *p, struct err *e)
{
	struct progress_arg a = {p, contact_id, doc_id, version};

	memset(p, 0, sizeof(*p));
	p->initialled = json_object();
	return store_event_each(db, c->tenant_id, c->id, "acceptance.", 1, progress_event, &a, e);
}

void
ev_progress_free(struct ev_progress *p)
{
	json_decref(p->initialled);
	p->initialled = NULL;
}

/* ------------------------------------------------ recording */

/* The payload every acceptance event carries: the document, and who acted
 * from where. */
static json_t *
base_payload(const struct ev_actor *who, const struct ev_doc_status *d)
{
	json_t *p = json_pack("{s:s,s:s,s:s,s:s}", "email", who->actor, "address",
			      who->address ? who->address : "", "user_agent",
			      who->user_agent ? who->user_agent : "", "auth",
			      who->auth ? who->auth : "");

	if (who->contact_id)
		json_object_set_new(p, "contact", json_string(who->contact_id));
	if (who->name)
		json_object_set_new(p, "name", json_string(who->name));
	if (who->title)
		json_object_set_new(p, "title", json_string(who->title));
	if (d) {
		json_object_set_new(p, "doc_id", json_string(d->doc_id));
		json_object_set_new(p, "version", json_integer(d->version));
		json_object_set_new(p, "pdf_sha256", json_string(d->pdf_sha256));
	}
	return p;
}

/* The document's status, which must still await acceptance (or a signed
 * copy, when copy_ok). */
static int
awaiting(struct store *db, const struct store_client *c, int64_t version, const char *doc_id,
	 bool copy_ok, struct arena *a, struct ev_doc_status *out, struct err *e)
{
	struct ev_doc_status *list;
	size_t n;
	int rc;

	if ((rc = ev_doc_statuses(db, c, a, &list, &n, e)) < 0)
		return rc;
	for (size_t i = 0; i < n; i++) {
		if (list[i].version != version || strcmp(list[i].doc_id, doc_id) != 0)
			continue;
		*out = list[i];
		if (list[i].state == EV_AWAITING || (copy_ok && list[i].state == EV_AWAITING_COPY))
			return 0;
		return err_set(e, ERR_CONFLICT, "%s version %lld is %s; it cannot be accepted now",
			       doc_id, (long long)version, ev_state_name(list[i].state));
	}
	return err_set(e, ERR_NOTFOUND, "%s has no issued document %s version %lld", c->slug,
		       doc_id, (long long)version);
}

static int
add_event(struct store *db, const struct store_client *c, const struct ev_actor *who,
	  const char *type, json_t *payload, int64_t *seq, struct err *e)
{
	char *text = json_dumps(payload, JSON_COMPACT | JSON_SORT_KEYS);
	int rc = store_event_add(db, c->tenant_id, c->id, who->actor, type, text, seq, e);

	free(text);
	json_decref(payload);
	return rc;
}

int
ev_record_view(struct store *db, const struct store_client *c, const struct ev_actor *who,
	       int64_t version, const char *doc_id, struct err *e)
{
	struct arena *a = arena_new();
	struct ev_doc_status d;
	int rc = awaiting(db, c, version, doc_id, true, a, &d, e);

	if (rc == ERR_CONFLICT) {
		/* Reading a signed or superseded document is recorded all the same. */
		*e = (struct err){0};
		rc = 0;
	}
	if (rc == 0)
		rc = add_event(db, c, who, "acceptance.viewed", base_payload(who, &d), NULL, e);
	arena_free(a);
	return rc;
}

int
ev_record_consent(struct store *db, const struct store_client *c, const struct ev_actor *who,
		  struct err *e)
{
	json_t *p = base_payload(who, NULL);

	json_object_set_new(p, "text_sha256", json_string(ev_consent_sha256()));
	json_object_set_new(p, "paper_copy", json_true());
	return add_event(db, c, who, "acceptance.consent", p, NULL, e);
}

int
ev_record_withdrawal(struct store *db, const struct store_client *c, const struct ev_actor *who,
		     struct err *e)
{
	return add_event(db, c, who, "acceptance.consent-withdrawn", base_payload(who, NULL), NULL,
			 e);
}

/* Initials: one to eight letters, with optional periods or hyphens. */
static bool
initials_ok(const char *s)
{
	size_t n = s ? strlen(s) : 0, letters = 0;

	if (n == 0 || n > 12)
		return false;
	for (size_t i = 0; i < n; i++) {
		unsigned char ch = (unsigned char)s[i];

		if ((ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z'))
			letters++;
		else if (ch != '.' && ch != '-' && ch != ' ')
			return false;
	}
	return letters >= 1 && letters <= 8;
}

/* The clause and mark of a document with this mark id, or NULL. */
static json_t *
find_mark(json_t *clauses, const char *mark, json_t **clause)
{
	size_t i, j;
	json_t *c, *m;

	json_array_foreach(json_object_get(clauses, "clauses"), i, c)
		json_array_foreach(json_object_get(c, "marks"), j, m)
			if (strcmp(ev_json_str(m, "id"), mark) == 0) {
				*clause = c;
				return m;
			}
	return NULL;
}

int
ev_record_initial(struct store *db, const struct store_client *c, const struct ev_actor *who,
		  int64_t version, const char *doc_id, const char *mark, const char *initials,
		  struct err *e)
{
	struct arena *a = arena_new();
	struct ev_doc_status d;
	struct ev_progress pr = {0};
	json_t *clauses = NULL, *clause = NULL, *m, *p;
	int rc;

	if (!who->contact_id)
		rc = err_set(e, ERR_INPUT, "only the client's contact initials clauses");
	else if (!initials_ok(initials))
		rc = err_set(e, ERR_INPUT, "initials are 1 to 8 letters (periods and hyphens "
			     "allowed), such as JD");
	else if ((rc = store_begin(db, e)) == 0) {
		if ((rc = awaiting(db, c, version, doc_id, true, a, &d, e)) == 0 &&
		    (rc = ev_clauses(db, c, version, doc_id, &clauses, e)) == 0 &&
		    (rc = ev_progress(db, c, who->contact_id, version, doc_id, &pr, e)) == 0) {
			if (!(m = find_mark(clauses, mark, &clause)))
				rc = err_set(e, ERR_INPUT, "%s version %lld has nothing to initial "
					     "called '%.64s'", doc_id, (long long)version, mark);
			else if (!pr.consent_seq)
				rc = err_set(e, ERR_CONFLICT, "agree to do business electronically "
					     "first");
			else if (!json_object_get(pr.initialled, mark)) {
				char sha[HASH_SHA256_HEX_LEN];

				p = base_payload(who, &d);
				json_object_set_new(p, "mark", json_string(mark));
				json_object_set_new(p, "clause", json_string(ev_json_str(clause, "id")));
				json_object_set_new(p, "clause_text_sha256",
						    json_string(ev_json_str(clause, "text_sha256")));
				json_object_set_new(p, "label_sha256", json_string(
					hash_sha256_hex(ev_json_str(m, "label"), strlen(ev_json_str(m, "label")),
							sha)));
				json_object_set_new(p, "initials", json_string(initials));
				rc = add_event(db, c, who, "acceptance.initialed", p, NULL, e);
			}
		}
		if (rc == 0)
			rc = store_commit(db, e);
		if (rc < 0)
			store_rollback(db);
	}
	ev_progress_free(&pr);
	json_decref(clauses);
	arena_free(a);
	return rc;
}

/* The missing marks of a contact on a document, as "4.1, 7.2/1"; "" if none. */
static void
missing_marks(json_t *clauses, json_t *initialled, struct str *out)
{
	size_t i, j;
	json_t *c, *m;

	json_array_foreach(json_object_get(clauses, "clauses"), i, c)
		json_array_foreach(json_object_get(c, "marks"), j, m)
			if (!json_object_get(initialled, ev_json_str(m, "id")))
				str_appendf(out, "%s%s %s", out->len ? "; " : "", ev_json_str(c, "number"),
					    ev_json_str(c, "title"));
}

/* Write a decision (signature or refusal) and the checkpoint that signs it,
 * in one transaction. */
static int
decide(struct store *db, const struct store_client *c, const struct ev_actor *who,
       int64_t version, const char *doc_id, const struct ev_signature *sig, const char *reason,
       const struct ev_key *k, int64_t *seq_out, struct err *e)
{
	struct arena *a = arena_new();
	struct ev_doc_status d;
	struct ev_progress pr = {0};
	struct str missing = STR_INIT;
	json_t *clauses = NULL, *p, *marks;
	int64_t seq = 0;
	int rc;

	if ((rc = store_begin(db, e)) < 0)
		goto out;
	if ((rc = awaiting(db, c, version, doc_id, true, a, &d, e)) < 0 ||
	    (rc = ev_clauses(db, c, version, doc_id, &clauses, e)) < 0 ||
	    (rc = ev_progress(db, c, who->contact_id, version, doc_id, &pr, e)) < 0)
		goto fail;
	if (!pr.consent_seq) {
		rc = err_set(e, ERR_CONFLICT, "agree to do business electronically first");
		goto fail;
	}
	p = base_payload(who, &d);
	json_object_set_new(p, "consent_seq", json_integer(pr.consent_seq));
	if (sig) {
		missing_marks(clauses, pr.initialled, &missing);
		if (missing.len) {
			json_decref(p);
			rc = err_set(e, ERR_CONFLICT, "initial every clause that needs it first; still "
				     "to initial: %.400s", missing.buf);
			goto fail;
		}
		marks = json_object();
		json_object_update(marks, pr.initialled);
		json_object_set_new(p, "initials", marks);
		json_object_set_new(p, "name", json_string(sig->name));
		json_object_set_new(p, "title", json_string(sig->title));
		json_object_set_new(p, "attest", json_true());
		json_object_set_new(p, "method", json_string("electronic signature"));
		rc = add_event(db, c, who, "acceptance.signed", p, &seq, e);
	} else {
		json_object_set_new(p, "reason", json_string(reason));
		rc = add_event(db, c, who, "acceptance.refused", p, &seq, e);
	}
	if (rc < 0 || (rc = ev_checkpoint(db, c->tenant_id, k, NULL, e)) < 0)
		goto fail;
	if ((rc = store_commit(db, e)) == 0) {
		if (seq_out)
			*seq_out = seq;
		goto out;
	}
fail:
	store_rollback(db);
out:
	str_free(&missing);
	ev_progress_free(&pr);
	json_decref(clauses);
	arena_free(a);
	return rc;
}

int
ev_record_signature(struct store *db, const struct store_client *c, const struct ev_actor *who,
		    int64_t version, const char *doc_id, const struct ev_signature *sig,
		    const struct ev_key *k, int64_t *seq, struct err *e)
{
	if (!who->contact_id)
		return err_set(e, ERR_INPUT, "only the client's contact signs in the portal");
	if (!text_line(sig->name, 1, 200) || !strchr(sig->name, ' '))
		return err_set(e, ERR_INPUT, "type your full name (first and last) to sign");
	if (!text_line(sig->title, 1, 200))
		return err_set(e, ERR_INPUT, "type your title (such as Owner or Office Manager)");
	if (!sig->attest)
		return err_set(e, ERR_INPUT, "confirm that you are authorised to sign for the company");
	return decide(db, c, who, version, doc_id, sig, NULL, k, seq, e);
}

int
ev_record_refusal(struct store *db, const struct store_client *c, const struct ev_actor *who,
		  int64_t version, const char *doc_id, const char *reason, const struct ev_key *k,
		  struct err *e)
{
	if (!who->contact_id)
		return err_set(e, ERR_INPUT, "only the client's contact refuses in the portal");
	if (!reason || !*reason || strlen(reason) > 2000 || !utf8_valid(reason, strlen(reason)))
		return err_set(e, ERR_INPUT, "say why you refuse (up to 2,000 characters)");
	return decide(db, c, who, version, doc_id, NULL, reason, k, NULL, e);
}

static int
check_date(const char *what, const char *s, struct err *e)
{
	int64_t t;

	if (!s || time_parse_date(s, strlen(s), &t, e) < 0)
		return err_set(e, ERR_INPUT, "%s is a date, YYYY-MM-DD", what);
	return 0;
}

/* The kind of a scan from its first bytes; NULL when not PDF, PNG or JPEG. */
static const char *
sniff(const unsigned char *b, size_t n)
{
	if (n >= 5 && memcmp(b, "%PDF-", 5) == 0)
		return "application/pdf";
	if (n >= 8 && memcmp(b, "\x89PNG\r\n\x1a\n", 8) == 0)
		return "image/png";
	if (n >= 3 && memcmp(b, "\xff\xd8\xff", 3) == 0)
		return "image/jpeg";
	return NULL;
}

int
ev_record_wet_ink(struct store *db, const struct store_client *c, const struct ev_actor *who,
		  int64_t version, const char *doc_id, const struct ev_wet_ink *w,
		  const struct ev_key *k, struct err *e)
{
	struct arena *a = arena_new();
	struct ev_doc_status d;
	const char *type = sniff(w->scan, w->scan_len);
	char sha[HASH_SHA256_HEX_LEN];
	json_t *p;
	int rc;

	if (!text_line(w->signer, 1, 200) || !text_line(w->title, 1, 200))
		rc = err_set(e, ERR_INPUT, "name the person who signed, and their title");
	else if ((rc = check_date("the date it was signed", w->signed_on, e)) < 0)
		;
	else if (!type)
		rc = err_set(e, ERR_INPUT, "the signed copy must be a PDF, PNG or JPEG scan");
	else if (w->media_type && *w->media_type && strcmp(w->media_type, type) != 0)
		rc = err_set(e, ERR_INPUT, "the file says it is %.64s but its bytes are %s",
			     w->media_type, type);
	else if ((rc = store_begin(db, e)) == 0) {
		hash_sha256_hex(w->scan, w->scan_len, sha);
		if ((rc = awaiting(db, c, version, doc_id, true, a, &d, e)) == 0 &&
		    (rc = store_scan_add(db, c, c->tenant_id, sha, type, w->scan, w->scan_len,
					 e)) == 0) {
			p = base_payload(who, &d);
			json_object_set_new(p, "signer", json_string(w->signer));
			json_object_set_new(p, "signer_title", json_string(w->title));
			json_object_set_new(p, "signed_on", json_string(w->signed_on));
			json_object_set_new(p, "scan_sha256", json_string(sha));
			json_object_set_new(p, "media_type", json_string(type));
			json_object_set_new(p, "method", json_string("wet-ink signature (scanned)"));
			rc = add_event(db, c, who, "acceptance.wet-ink", p, NULL, e);
		}
		if (rc == 0)
			rc = ev_checkpoint(db, c->tenant_id, k, NULL, e);
		if (rc == 0)
			rc = store_commit(db, e);
		if (rc < 0)
			store_rollback(db);
	}
	arena_free(a);
	return rc;
}

int
ev_record_walkthrough(struct store *db, const struct store_client *c, const struct ev_actor *who,
		      int64_t version, const char *doc_id, const struct ev_walkthrough *w,
		      struct err *e)
{
	struct arena *a = arena_new();
	struct ev_doc_status d;
	json_t *p;
	int rc;

	if (!text_line(w->explained_by, 1, 200) || !text_line(w->attended, 1, 200))
		rc = err_set(e, ERR_INPUT, "name who explained the document and who attended");
	else if (w->notes && (strlen(w->notes) > 4000 || !utf8_valid(w->notes, strlen(w->notes))))
		rc = err_set(e, ERR_INPUT, "the notes are at most 4,000 characters of text");
	else if ((rc = check_date("the date of the walkthrough", w->held_on, e)) < 0)
		;
	else if ((rc = awaiting(db, c, version, doc_id, false, a, &d, e)) == 0) {
		p = base_payload(who, &d);
		json_object_set_new(p, "explained_by", json_string(w->explained_by));
		json_object_set_new(p, "attended", json_string(w->attended));
		json_object_set_new(p, "notes", json_string(w->notes ? w->notes : ""));
		json_object_set_new(p, "held_on", json_string(w->held_on));
		rc = add_event(db, c, who, "acceptance.verbal", p, NULL, e);
	}
	arena_free(a);
	return rc;
}

int
ev_reference(struct store *db, const struct store_client *c, const char *doc_id,
	     int64_t version, struct str *out, struct err *e)
{
	struct arena *a = arena_new();
	struct ev_doc_status *list, *d = NULL;
	size_t n;
	int rc = ev_doc_statuses(db, c, a, &list, &n, e);

	for (size_t i = 0; rc == 0 && i < n && !d; i++)
		if (strcmp(list[i].doc_id, doc_id) == 0 && (version == 0 || list[i].version == version))
			d = &list[i]; /* newest first: version 0 takes the newest */
	if (rc == 0 && !d)
		rc = err_set(e, ERR_NOTFOUND, "%s has no issued document %s%s; 'prudent documents "
			     "%s' lists them", c->slug, doc_id, version ? " of that version" : "",
			     c->slug);
	if (rc == 0) {
		str_appendf(out, "This document incorporates by reference the %s (document %s, "
			    "version %lld, document hash %s as printed on its pages; issued PDF "
			    "SHA-256 %s), issued on %.10s", d->title, d->doc_id, (long long)d->version,
			    d->source_sha256, d->pdf_sha256, d->issued_at);
		if (d->state == EV_SIGNED)
			str_appendf(out, " and accepted on %.10s by %s", d->decided_at,
				    d->decided_by);
		str_puts(out, ". Its terms form part of this document as if set out in full.\n");
	}
	arena_free(a);
	return rc;
}
