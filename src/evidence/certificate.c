/*
 * certificate.c - gather the certificate of completion of an acceptance from
 * its events; docs/certificate.c draws it.
 */
#include <stdlib.h>

#include "evidence/evidence.h"

struct gather {
	struct arena *a;
	const char *doc_id, *contact;
	int64_t version, decided, consent;
	json_t *clauses;
	struct cert_event *events;
	size_t n_events, cap_events;
	struct cert_initial *initials;
	size_t n_initials, cap_initials;
	json_t *decided_payload;
	const char *consent_at;
};

static void
keep_event(struct gather *g, const struct store_event *ev)
{
	if (g->n_events == g->cap_events) {
		g->cap_events = g->cap_events ? g->cap_events * 2 : 16;
		g->events = xrealloc(g->events, g->cap_events * sizeof(*g->events));
	}
	g->events[g->n_events++] = (struct cert_event){ev->seq, arena_strdup(g->a, ev->at),
		arena_strdup(g->a, ev->type), arena_strdup(g->a, ev->actor),
		arena_strdup(g->a, ev->hash)};
}

/* Markdown as plain text, for a table cell: emphasis marks and escaping
 * backslashes dropped ("**Backups.** Weekly\\." -> "Backups. Weekly."). */
static const char *
plain_text(struct arena *a, const char *md)
{
	struct str out = STR_INIT;
	const char *s;

	for (const char *p = md; *p; p++) {
		if (*p == '\\' && p[1] && strchr("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~", p[1]))
			str_putc(&out, *++p);
		else if (*p != '*')
			str_putc(&out, *p);
	}
	s = arena_strndup(a, out.buf ? out.buf : "", out.len);
	str_free(&out);
	return s;
}

/* The clause heading ("4.1 Title") and label of a mark. */
static void
mark_names(struct gather *g, const char *mark, const char **clause, const char **label)
{
	size_t i, j;
	json_t *c, *m;

	*clause = mark;
	*label = "";
	json_array_foreach(json_object_get(g->clauses, "clauses"), i, c)
		json_array_foreach(json_object_get(c, "marks"), j, m)
			if (strcmp(ev_json_str(m, "id"), mark) == 0) {
				*clause = arena_printf(g->a, "%s %s", ev_json_str(c, "number"),
						       ev_json_str(c, "title"));
				*label = strcmp(ev_json_str(m, "label"), ev_json_str(c, "title"))
					? plain_text(g->a, ev_json_str(m, "label")) : "";
			}
}

static int
gather_event(const struct store_event *ev, void *arg)
{
	struct gather *g = arg;
	json_t *p = json_loads(ev->payload, 0, NULL);
	bool this_doc = strcmp(ev_json_str(p, "doc_id"), g->doc_id) == 0 &&
			json_integer_value(json_object_get(p, "version")) == g->version;
	bool same_person = !g->contact || strcmp(ev_json_str(p, "contact"), g->contact) == 0;

	if (ev->seq > g->decided) {
		json_decref(p);
		return 0;
	}
	if (ev->seq == g->decided) {
		keep_event(g, ev);
		json_decref(p);
		return 0;
	}
	if (strcmp(ev->type, "document.issued") == 0 && this_doc) {
		keep_event(g, ev);
	} else if (ev->seq == g->consent) {
		keep_event(g, ev);
		g->consent_at = arena_strdup(g->a, ev->at);
	} else if (this_doc && same_person && g->contact &&
		   strncmp(ev->type, "acceptance.", 11) == 0) {
		keep_event(g, ev);
		if (strcmp(ev->type, "acceptance.initialed") == 0) {
			struct cert_initial *in;

			if (g->n_initials == g->cap_initials) {
				g->cap_initials = g->cap_initials ? g->cap_initials * 2 : 16;
				g->initials = xrealloc(g->initials, g->cap_initials * sizeof(*in));
			}
			in = &g->initials[g->n_initials++];
			mark_names(g, ev_json_str(p, "mark"), &in->clause, &in->label);
			in->text_sha256 = arena_strdup(g->a, ev_json_str(p, "clause_text_sha256"));
			in->initials = arena_strdup(g->a, ev_json_str(p, "initials"));
			in->at = arena_strdup(g->a, ev->at);
			in->address = arena_strdup(g->a, ev_json_str(p, "address"));
			in->user_agent = arena_strdup(g->a, ev_json_str(p, "user_agent"));
			in->seq = ev->seq;
		}
	} else if (this_doc && strcmp(ev->type, "acceptance.verbal") == 0) {
		keep_event(g, ev);
	}
	json_decref(p);
	return 0;
}

struct find_checkpoint {
	int64_t after;
	struct store_checkpoint cp;
	struct arena *a;
	bool found;
};

static int
first_checkpoint(const struct store_checkpoint *cp, void *arg)
{
	struct find_checkpoint *f = arg;

	if (f->found || cp->seq < f->after)
		return 0;
	f->found = true;
	f->cp = (struct store_checkpoint){cp->seq, arena_strdup(f->a, cp->head_hash),
		arena_strdup(f->a, cp->signed_at), arena_strdup(f->a, cp->public_key),
		arena_strdup(f->a, cp->signature)};
	return 0;
}

static int
decided_event(const struct store_event *ev, void *arg)
{
	struct gather *g = arg;

	if (ev->seq == g->decided)
		g->decided_payload = json_loads(ev->payload, 0, NULL);
	return 0;
}

int
ev_certificate(struct store *db, const struct store_client *c, const char *provider,
	       const char *customer, int64_t version, const char *doc_id, struct arena *a,
	       struct doc_certificate *out, struct err *e)
{
	struct gather g = {.a = a, .doc_id = doc_id, .version = version};
	struct find_checkpoint f = {.a = a};
	struct ev_doc_status *list, *d = NULL;
	size_t n;
	json_t *p;
	int rc;

	memset(out, 0, sizeof(*out));
	if ((rc = ev_doc_statuses(db, c, a, &list, &n, e)) < 0)
		return rc;
	for (size_t i = 0; i < n && !d; i++)
		if (list[i].version == version && strcmp(list[i].doc_id, doc_id) == 0)
			d = &list[i];
	if (!d || (d->state != EV_SIGNED && d->state != EV_REFUSED))
		return err_set(e, ERR_NOTFOUND, "%s version %lld has not been signed or refused, so it "
			       "has no certificate yet", doc_id, (long long)version);
	g.decided = d->decided_seq;
	if ((rc = store_event_each(db, c->tenant_id, c->id, NULL, g.decided, decided_event, &g,
				   e)) < 0)
		return rc;
	p = g.decided_payload;
	g.consent = json_integer_value(json_object_get(p, "consent_seq"));
	g.contact = *ev_json_str(p, "contact") ? arena_strdup(a, ev_json_str(p, "contact")) : NULL;
	if ((rc = ev_clauses(db, c, version, doc_id, &g.clauses, e)) < 0 ||
	    (rc = store_event_each(db, c->tenant_id, c->id, NULL, 1, gather_event, &g, e)) < 0)
		goto done;
	f.after = g.decided;
	if ((rc = store_checkpoint_each(db, c->tenant_id, first_checkpoint, &f, e)) < 0)
		goto done;

	bool wet = *ev_json_str(p, "scan_sha256") != '\0';

	out->provider = provider;
	out->customer = customer;
	out->doc_id = d->doc_id;
	out->title = d->title;
	out->version = version;
	out->pdf_sha256 = d->pdf_sha256;
	out->outcome = d->state == EV_SIGNED ? "Signed" : "Refused";
	out->method = wet ? "wet-ink signature, scanned and recorded by the provider"
		    : d->state == EV_SIGNED ? "electronic signature in the client portal"
		    : "refusal in the client portal";
	out->signer_name = arena_strdup(a, wet ? ev_json_str(p, "signer") : ev_json_str(p, "name"));
	out->signer_title = arena_strdup(a, wet ? ev_json_str(p, "signer_title") : ev_json_str(p, "title"));
	out->signer_email = wet ? "" : arena_strdup(a, ev_json_str(p, "email"));
	out->signed_at = wet ? arena_printf(a, "%s (recorded %s by %s)", ev_json_str(p, "signed_on"),
					    d->decided_at, ev_json_str(p, "email"))
		       : d->decided_at;
	out->address = arena_strdup(a, ev_json_str(p, "address"));
	out->user_agent = arena_strdup(a, ev_json_str(p, "user_agent"));
	out->auth_method = arena_strdup(a, ev_json_str(p, "auth"));
	out->attestation = json_is_true(json_object_get(p, "attest"))
		? arena_printf(a, "%s confirmed being authorised to sign for and bind %s.",
			       out->signer_name, customer) : NULL;
	out->refusal_reason = d->state == EV_REFUSED ? arena_strdup(a, ev_json_str(p, "reason")) : NULL;
	out->scan_sha256 = wet ? arena_strdup(a, ev_json_str(p, "scan_sha256")) : NULL;
	out->consent_sha256 = g.consent ? ev_consent_sha256() : NULL;
	out->consent_at = g.consent_at;
	out->initials = arena_array(a, g.n_initials + 1, sizeof(*out->initials));
	if (g.n_initials)
		memcpy((void *)out->initials, g.initials, g.n_initials * sizeof(*g.initials));
	out->n_initials = g.n_initials;
	out->events = arena_array(a, g.n_events + 1, sizeof(*out->events));
	if (g.n_events)
		memcpy((void *)out->events, g.events, g.n_events * sizeof(*g.events));
	out->n_events = g.n_events;
	if (f.found) {
		out->public_key = f.cp.public_key;
		out->checkpoint_seq = f.cp.seq;
		out->checkpoint_hash = f.cp.head_hash;
		out->checkpoint_signature = f.cp.signature;
		out->checkpoint_at = f.cp.signed_at;
	} else {
		out->public_key = out->checkpoint_hash = out->checkpoint_signature = "";
		out->checkpoint_at = "not yet signed";
	}
	out->generated_at = d->decided_at;
done:
	free(g.events);
	free(g.initials);
	json_decref(g.clauses);
	json_decref(g.decided_payload);
	return rc;
}
