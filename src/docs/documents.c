/*
 * documents.c - a client's documents (the Standard of Care Agreement, the
 * addenda its obligations call for, the risk-acceptance letter and the
 * summary) built into the document model from its responsibility matrix, so
 * every document says exactly what the matrix says.
 *
 * The clause library (library/clauses/) holds the wording; this file picks the
 * clauses of a document whose conditions hold for the client, fills their
 * Mustache tags from the matrix and the settings, and adds what wording cannot
 * hold: numbering, the per-requirement schedules, initials and signatures.
 *
 * A document's source hash is the SHA-256 of everything it is drawn from (the
 * template data, the clauses' ids, versions and hashes, the schedule), so the
 * same hash means the same words in every format.
 */
#include "docs/doc.h"
#include "docs/mustache.h"

enum signers { SIGN_NONE, SIGN_CUSTOMER, SIGN_BOTH };

static const struct {
	const char *title;
	const char *framework, *framework2; /* an obligation to either calls for it */
	enum signers signers;
} kinds[LIB_DOC__MAX] = {
	[LIB_DOC_AGREEMENT] = {"Standard of Care Agreement", NULL, NULL, SIGN_BOTH},
	[LIB_DOC_HIPAA_BAA] = {"HIPAA Business Associate Addendum", "hipaa-security", NULL,
			       SIGN_BOTH},
	[LIB_DOC_PCI] = {"PCI DSS Service Provider Acknowledgement", "pci-dss-4.0.1", NULL,
			 SIGN_BOTH},
	[LIB_DOC_CMMC] = {"CMMC Customer Responsibility Matrix", "cmmc-2.0", "nist-800-171-r2",
			  SIGN_BOTH},
	[LIB_DOC_GLBA] = {"GLBA Service Provider Addendum", "glba-safeguards", NULL, SIGN_BOTH},
	[LIB_DOC_GDPR] = {"GDPR Data Processing Addendum", "gdpr", NULL, SIGN_BOTH},
	[LIB_DOC_INSURANCE] = {"Cyber-Insurance Control Attestation", "cyber-insurance", NULL,
			       SIGN_BOTH},
	[LIB_DOC_RISK] = {"Risk Acceptance Letter", NULL, NULL, SIGN_CUSTOMER},
	[LIB_DOC_SUMMARY] = {"Your Security at a Glance", NULL, NULL, SIGN_NONE},
};

static const char *const part_titles[] = {"Customer obligations", "Provider obligations",
	"Disclaimer of warranties", "Limitation of liability", "Assumption of risk",
	"Term, review and incorporation"};

static const char *const owner_words[] = {"Provider", "Customer", "Shared",
	"Third party", "Declined by the Customer", "Not applicable"};

const char *
doc_kind_title(enum lib_doc kind)
{
	return kind < LIB_DOC__MAX ? kinds[kind].title : "?";
}

/* The client's obligation to a framework, or NULL. */
static const struct eng_obligation *
obligation(const struct doc_context *c, const char *framework)
{
	for (size_t i = 0; framework && i < c->obligations->n_obligations; i++)
		if (strcmp(c->obligations->obligations[i].framework->id, framework) == 0)
			return &c->obligations->obligations[i];
	return NULL;
}

static bool
any_declined(const struct doc_context *c)
{
	for (size_t i = 0; i < c->matrix->n_rows; i++)
		if (c->matrix->rows[i].owner == ENG_OWNER_DECLINED)
			return true;
	return false;
}

bool
doc_applies(const struct doc_context *c, enum lib_doc kind)
{
	switch (kind) {
	case LIB_DOC_AGREEMENT:
	case LIB_DOC_SUMMARY: return true;
	case LIB_DOC_RISK: return any_declined(c);
	default:
		return kind < LIB_DOC__MAX && (obligation(c, kinds[kind].framework) ||
					       obligation(c, kinds[kind].framework2));
	}
}

/* ------------------------------------------------ clauses */

/* The clause facts of one client: its obligation frameworks, the services that
 * carry its safeguards, whether it declined any. */
static void
facts(const struct doc_context *c, struct arena *arena, struct lib_clause_facts *f)
{
	const struct lib_framework **fws;
	const struct lib_service **svcs;
	size_t i, k;

	memset(f, 0, sizeof(*f));
	fws = arena_array(arena, c->obligations->n_obligations + 1, sizeof(*fws));
	for (i = 0; i < c->obligations->n_obligations; i++)
		fws[f->n_frameworks++] = c->obligations->obligations[i].framework;
	svcs = arena_array(arena, c->matrix->n_rows + 1, sizeof(*svcs));
	for (i = 0; i < c->matrix->n_rows; i++) {
		const struct eng_row *r = &c->matrix->rows[i];

		f->declined |= r->owner == ENG_OWNER_DECLINED;
		if (!r->service)
			continue;
		for (k = 0; k < f->n_services && svcs[k] != r->service; k++)
			;
		if (k == f->n_services)
			svcs[f->n_services++] = r->service;
	}
	f->frameworks = fws;
	f->services = svcs;
}

/* The clauses of a document whose conditions hold, in order. */
static size_t
included_clauses(const struct doc_context *c, enum lib_doc kind, struct arena *arena,
		 const struct lib_clause ***out)
{
	struct lib_clause_facts f;
	const struct lib_clause **list;
	size_t n = 0;

	facts(c, arena, &f);
	list = arena_array(arena, c->lib->n_clauses + 1, sizeof(*list));
	for (size_t i = 0; i < c->lib->n_clauses; i++)
		if (c->lib->clauses[i].document == kind &&
		    lib_clause_cond_holds(c->lib->clauses[i].when, &f))
			list[n++] = &c->lib->clauses[i];
	*out = list;
	return n;
}

/* ------------------------------------------------ template data */

static json_t *
duty(const struct eng_row *r, const char *text)
{
	json_t *o = json_object();

	json_object_set_new(o, "id", json_string(r->safeguard->id));
	json_object_set_new(o, "name", json_string(r->safeguard->name));
	json_object_set_new(o, "text", json_string(text));
	return o;
}

static void
set_string(json_t *o, const char *key, const char *value)
{
	json_object_set_new(o, key, json_string(value ? value : ""));
}

static json_t *
party(const char *name, const char *legal_name, const char *address)
{
	json_t *o = json_object();

	set_string(o, "name", name);
	set_string(o, "legal_name", legal_name && *legal_name ? legal_name : name);
	set_string(o, "address", address);
	return o;
}

/* "2027-01-01" as "January 1, 2027". */
static const char *
long_date(struct arena *a, const char *ymd)
{
	static const char *const months[] = {"January", "February", "March", "April", "May",
		"June", "July", "August", "September", "October", "November", "December"};
	int y, m, d;

	if (!ymd || sscanf(ymd, "%4d-%2d-%2d", &y, &m, &d) != 3 || m < 1 || m > 12)
		return NULL;
	return arena_printf(a, "%s %d, %d", months[m - 1], d, y);
}

/* The data the clause templates are filled from (docs/library-format.md). */
static json_t *
template_data(const struct doc_context *c, struct arena *a)
{
	const struct doc_settings *s = &c->settings;
	json_t *o = json_object(), *cust = json_array(), *msp = json_array(),
	       *declined = json_array(), *cap = json_object(), *obls = json_array(),
	       *counts = json_object();
	size_t n[ENG_OWNER__MAX] = {0};
	const char *date = long_date(a, s->effective_date);

	for (size_t i = 0; i < c->matrix->n_rows; i++) {
		const struct eng_row *r = &c->matrix->rows[i];
		const struct lib_safeguard *sg = r->safeguard;
		json_t *x;

		n[r->owner]++;
		switch (r->owner) {
		case ENG_OWNER_CUSTOMER: json_array_append_new(cust, duty(r, sg->plain)); break;
		case ENG_OWNER_THIRD_PARTY:
			json_array_append_new(cust, duty(r, arena_printf(a, "The Customer has this "
				"done by %s, whom the Customer engages and oversees. %s",
				r->third_party ? r->third_party : "a third party", sg->plain)));
			break;
		case ENG_OWNER_MSP:
		case ENG_OWNER_SHARED:
			if (r->owner == ENG_OWNER_SHARED)
				json_array_append_new(cust, duty(r, r->customer_part));
			x = duty(r, r->owner == ENG_OWNER_SHARED ? r->msp_part : sg->plain);
			set_string(x, "service", r->service ? r->service->name : "as agreed in writing");
			json_array_append_new(msp, x);
			break;
		case ENG_OWNER_DECLINED:
			x = duty(r, sg->plain);
			set_string(x, "risk", sg->risk);
			json_object_set_new(x, "must", json_boolean(r->must));
			if (r->decision && r->decision->reason)
				set_string(x, "reason", r->decision->reason);
			if (r->decision && r->decision->by)
				set_string(x, "by", r->decision->by);
			json_array_append_new(declined, x);
			break;
		default: break; /* not applicable: no duty either way */
		}
	}
	for (size_t i = 0; i < c->obligations->n_obligations; i++) {
		const struct eng_obligation *ob = &c->obligations->obligations[i];

		json_array_append_new(obls, json_pack("{s:s, s:b, s:s}", "name", ob->framework->name,
			"must", ob->must, "reason", ob->n_reasons ? ob->reasons[0] : ""));
	}
	for (int k = 0; k < ENG_OWNER__MAX; k++)
		json_object_set_new(counts, eng_owner_name((enum eng_owner)k),
				    json_integer((json_int_t)n[k]));
	json_object_set_new(counts, "total", json_integer((json_int_t)c->matrix->n_rows));
	json_object_set_new(o, "msp", party(c->msp_name, s->msp_legal_name, s->msp_address));
	json_object_set_new(o, "client", party(c->client_name, c->client_legal_name,
					       s->client_address));
	set_string(o, "governing_law", s->governing_law ? arena_printf(a, "the laws of %s",
		   s->governing_law) : "the laws of the state where the Provider has its principal "
		   "office");
	set_string(o, "effective_date", date ? date : "the date the Customer signs");
	json_object_set_new(o, "has_declined", json_boolean(json_array_size(declined) > 0));
	json_object_set_new(o, "customer_duties", cust);
	json_object_set_new(o, "msp_duties", msp);
	json_object_set_new(o, "declined", declined);
	json_object_set_new(o, "obligations", obls);
	json_object_set_new(o, "counts", counts);
	json_object_set_new(cap, "months", json_integer((json_int_t)s->cap_months));
	if (s->data_incident_cap)
		set_string(cap, "data_incident", s->data_incident_cap);
	json_object_set_new(o, "cap", cap);
	json_object_set_new(o, "review_months", json_integer((json_int_t)s->review_months));
	json_object_set_new(o, "agreement", json_pack("{s:s, s:s}", "id",
		arena_printf(a, "%s.agreement", c->client_slug), "version", c->version));
	return o;
}

/* ------------------------------------------------ schedules */

/* Who attests a control on an insurance application: always the Customer,
 * who signs it; for controls the Provider carries, on its confirmation. */
static const char *
attested_by(enum eng_owner o)
{
	switch (o) {
	case ENG_OWNER_MSP: return "Customer, on the Provider's written confirmation";
	case ENG_OWNER_SHARED: return "Customer, with the Provider's confirmation of its part";
	case ENG_OWNER_DECLINED: return "Customer (not in place: declined)";
	case ENG_OWNER_NOT_APPLICABLE: return "Not applicable";
	default: return "Customer";
	}
}

/* The per-requirement schedule of an addendum (PCI DSS 12.8.5, the CMMC
 * customer responsibility matrix, the insurance attestation), or NULL. */
static struct doc_table *
schedule(const struct doc_context *c, enum lib_doc kind, struct arena *a)
{
	const struct eng_obligation *ob;
	struct eng_control_row *rows;
	struct doc_table *t;
	const char **cells, **header;
	unsigned *widths;
	size_t n;

	if (kind != LIB_DOC_PCI && kind != LIB_DOC_CMMC && kind != LIB_DOC_INSURANCE)
		return NULL;
	if (!(ob = obligation(c, kinds[kind].framework)) &&
	    !(ob = obligation(c, kinds[kind].framework2)))
		return NULL;
	n = eng_matrix_framework(c->matrix, ob, a, &rows);
	t = arena_alloc(a, sizeof(*t));
	header = arena_array(a, 3, sizeof(*header));
	widths = arena_array(a, 3, sizeof(*widths));
	cells = arena_array(a, 3 * n + 1, sizeof(*cells));
	header[0] = kind == LIB_DOC_PCI ? "Requirement" : kind == LIB_DOC_CMMC ? "Practice"
										  : "Control";
	header[1] = kind == LIB_DOC_INSURANCE ? "Implemented by" : "Responsible";
	header[2] = kind == LIB_DOC_INSURANCE ? "Attested by" : "How it is met";
	widths[0] = kind == LIB_DOC_INSURANCE ? 40 : 18;
	widths[1] = kind == LIB_DOC_INSURANCE ? 20 : 17;
	widths[2] = 100 - widths[0] - widths[1];
	for (size_t i = 0; i < n; i++) {
		const struct eng_control_row *r = &rows[i];
		struct str how = STR_INIT;

		cells[3 * i] = kind == LIB_DOC_INSURANCE && r->control->title
				       ? arena_printf(a, "%s: %s", r->control->id, r->control->title)
				       : r->control->id;
		cells[3 * i + 1] = owner_words[r->owner];
		if (kind == LIB_DOC_INSURANCE) {
			cells[3 * i + 2] = attested_by(r->owner);
			continue;
		}
		for (size_t k = 0; k < r->n_rows; k++)
			str_appendf(&how, "%s%s", k ? "; " : "", r->rows[k]->safeguard->name);
		cells[3 * i + 2] = arena_strdup(a, str_cstr(&how));
		str_free(&how);
	}
	t->n_cols = 3;
	t->n_rows = n;
	t->header = header;
	t->cells = cells;
	t->widths = widths;
	return t;
}

/* ------------------------------------------------ building */

static void
clause_hash(const struct lib_clause_version *v, char out[65])
{
	struct str s = STR_INIT;

	str_puts(&s, v->legal);
	str_append(&s, "", 1);
	str_puts(&s, v->plain ? v->plain : "");
	hash_sha256_hex(s.buf, s.len, out);
	str_free(&s);
}

/* The source hash: the template data (the document's own identity aside), the
 * clauses and the schedule, as canonical JSON. */
static void
source_hash(const struct doc_context *c, enum lib_doc kind, json_t *data,
	    const struct doc_clause_ref *refs, size_t n, const struct doc_table *t, char out[65])
{
	json_t *src = json_object(), *cl = json_array(), *rows = json_array();
	char *text;

	for (size_t i = 0; i < n; i++)
		json_array_append_new(cl, json_pack("{s:s, s:I, s:s}", "id", refs[i].id, "version",
						    (json_int_t)refs[i].version, "sha256",
						    refs[i].sha256));
	for (size_t i = 0; t && i < (t->n_rows + 1) * t->n_cols; i++)
		json_array_append_new(rows, json_string(i < t->n_cols ? t->header[i]
								   : t->cells[i - t->n_cols]));
	json_object_set_new(src, "library", json_string(c->lib->version));
	json_object_set_new(src, "kind", json_string(lib_doc_name(kind)));
	json_object_set(src, "data", data);
	json_object_set_new(src, "clauses", cl);
	json_object_set_new(src, "schedule", rows);
	text = json_dumps(src, JSON_SORT_KEYS | JSON_COMPACT | JSON_ENSURE_ASCII);
	hash_sha256_hex(text, strlen(text), out);
	free(text);
	json_decref(src);
}

static void
front_matter(const struct doc_context *c, enum lib_doc kind, struct arena *a,
	     struct doc_document *d)
{
	const struct doc_settings *s = &c->settings;
	const char **front = arena_array(a, 8, sizeof(*front));
	const char *date = long_date(a, s->effective_date);
	size_t n = 0;

	if (kind == LIB_DOC_SUMMARY)
		front[n++] = arena_printf(a, "Prepared %.10s from the responsibility matrix (version "
			"%s of these documents). It sums up the agreement and changes none of its "
			"terms.", c->generated_at, c->version);
	else if (strcmp(c->version, "draft") == 0)
		front[n++] = arena_printf(a, "Draft prepared %.10s from the responsibility matrix "
			"and content library %s. It is not binding until it is issued and signed.",
			c->generated_at, c->lib->version);
	else
		front[n++] = arena_printf(a, "Version %s, issued %.10s from the responsibility "
			"matrix and content library %s.", c->version, c->generated_at,
			c->lib->version);
	if (kind == LIB_DOC_AGREEMENT) {
		front[n++] = arena_printf(a, "Effective %s. Governed by %s.", date ? date :
			"on the date the Customer signs", s->governing_law ? arena_printf(a,
			"the laws of %s", s->governing_law) : "the laws of the state where the "
			"Provider has its principal office");
		front[n++] = "Each clause gives the contract wording first, then the same terms "
			     "in plain words; the contract wording governs.";
	}
	if (s->msp_address)
		front[n++] = arena_printf(a, "The Provider's address: %s.", s->msp_address);
	if (s->client_address)
		front[n++] = arena_printf(a, "The Customer's address: %s.", s->client_address);
	front[n++] = s->attorney_review
		? arena_printf(a, "Clause wording reviewed by %s.", s->attorney_review)
		: "The clause wording is Prudent's starting text. The Provider's attorney must "
		  "review it, and may replace any clause, before this document is used.";
	d->front = front;
	d->n_front = n;
}

static void
signatures(const struct doc_context *c, enum lib_doc kind, struct arena *a,
	   struct doc_builder *b)
{
	const struct doc_settings *s = &c->settings;
	struct doc_party *p = arena_array(a, 2, sizeof(*p));
	size_t n = 0;

	if (kinds[kind].signers == SIGN_NONE)
		return;
	p[n++] = (struct doc_party){"Customer", c->client_legal_name && *c->client_legal_name
		? c->client_legal_name : c->client_name, s->client_signatory,
		s->client_signatory_title};
	if (kinds[kind].signers == SIGN_BOTH)
		p[n++] = (struct doc_party){"Provider", s->msp_legal_name ? s->msp_legal_name
			: c->msp_name, s->msp_signatory, s->msp_signatory_title};
	doc_heading(b, 1, "", "Signatures");
	doc_signatures(b, p, n);
}

/* Fill a clause text and add it to the document. */
/* Fill a clause text into the document; *filled (if given) keeps it. */
static int
clause_text(struct doc_builder *b, const char *text, json_t *data, unsigned flags,
	    struct str *buf, struct arena *a, const char **filled, struct err *e)
{
	int rc;

	str_clear(buf);
	if ((rc = doc_mustache(text, strlen(text), data, NULL, DOC_ESCAPE_MARKDOWN, buf, e)) < 0)
		return rc;
	doc_markdown(b, buf->buf ? buf->buf : "", buf->len, flags);
	if (filled)
		*filled = arena_strndup(a, buf->buf ? buf->buf : "", buf->len);
	return 0;
}

int
doc_build(const struct doc_context *c, enum lib_doc kind, struct arena *a,
	  struct doc_document *d, struct err *e)
{
	const struct lib_clause **clauses;
	size_t n = included_clauses(c, kind, a, &clauses), k = 0;
	json_t *data = template_data(c, a);
	struct doc_clause_ref *refs = arena_array(a, n + 1, sizeof(*refs));
	struct doc_table *table = schedule(c, kind, a);
	struct doc_builder *b;
	struct str buf = STR_INIT;
	const char *msp = c->settings.msp_legal_name ? c->settings.msp_legal_name : c->msp_name;
	const char *client = c->client_legal_name && *c->client_legal_name ? c->client_legal_name
									    : c->client_name;
	int part = -1, rc = 0;

	memset(d, 0, sizeof(*d));
	d->kind = lib_doc_name(kind);
	d->title = kinds[kind].title;
	d->doc_id = arena_printf(a, "%s.%s", c->client_slug, d->kind);
	d->version = c->version;
	d->generated_at = c->generated_at;
	d->lang = "en-US";
	d->subtitle = kind == LIB_DOC_RISK
		? arena_printf(a, "From %s (the Customer) to %s (the Provider)", client, msp)
		: kind == LIB_DOC_SUMMARY ? arena_printf(a, "For %s, prepared by %s", client, msp)
		: arena_printf(a, "Between %s (the Provider) and %s (the Customer)", msp, client);
	for (size_t i = 0; i < n; i++) {
		const struct lib_clause_version *v = lib_clause_version(clauses[i], 0);

		refs[i].id = clauses[i]->id;
		refs[i].version = v->version;
		clause_hash(v, refs[i].sha256);
	}
	d->clauses = refs;
	d->n_clauses = n;
	source_hash(c, kind, data, refs, n, table, d->source_sha256);
	json_object_set_new(data, "document", json_pack("{s:s, s:s, s:s}", "id", d->doc_id,
		"version", d->version, "hash", d->source_sha256));
	front_matter(c, kind, a, d);

	b = doc_builder_new(a, d);
	for (size_t i = 0; i < n && rc == 0; i++) {
		const struct lib_clause *cl = clauses[i];
		const struct lib_clause_version *v = lib_clause_version(cl, 0);
		char num[32];

		if (kind == LIB_DOC_SUMMARY) {
			doc_heading(b, 1, "", cl->title);
			rc = clause_text(b, v->legal, data, 0, &buf, a, &refs[i].legal, e);
			refs[i].title = cl->title;
			refs[i].number = "";
			refs[i].plain = "";
			continue;
		}
		if (kind == LIB_DOC_AGREEMENT && (int)cl->part != part) {
			part = (int)cl->part;
			k = 0;
			snprintf(num, sizeof(num), "%d", part + 1);
			doc_heading(b, 1, num, part_titles[part]);
		}
		if (kind == LIB_DOC_AGREEMENT)
			snprintf(num, sizeof(num), "%d.%zu", part + 1, ++k);
		else
			snprintf(num, sizeof(num), "%zu.", ++k);
		doc_heading(b, 2, num, cl->title);
		refs[i].number = arena_strdup(a, num);
		refs[i].title = cl->title;
		refs[i].initials = cl->initials;
		if ((rc = clause_text(b, v->legal, data, 0, &buf, a, &refs[i].legal, e)) < 0)
			break;
		doc_para(b, "In plain words.", DOC_BOLD, DOC_PLAIN);
		if ((rc = clause_text(b, v->plain, data, DOC_PLAIN, &buf, a, &refs[i].plain, e)) < 0)
			break;
		if (cl->initials)
			doc_initials(b);
		doc_para(b, arena_printf(a, "Clause %s, version %lld.", cl->id,
					 (long long)v->version), 0, DOC_SMALL);
	}
	if (rc == 0 && table) {
		doc_heading(b, 1, "", kind == LIB_DOC_INSURANCE ? "Schedule: controls the policy "
			    "requires" : "Schedule: who is responsible for each requirement");
		doc_add_table(b, table);
	}
	if (rc == 0)
		signatures(c, kind, a, b);
	doc_builder_finish(b);
	str_free(&buf);
	json_decref(data);
	return rc;
}

json_t *
doc_identity(const struct doc_document *d, const struct library *lib)
{
	json_t *o = json_object(), *cl = json_array();

	for (size_t i = 0; i < d->n_clauses; i++)
		json_array_append_new(cl, json_pack("{s:s, s:I, s:s}", "id", d->clauses[i].id,
						    "version", (json_int_t)d->clauses[i].version,
						    "sha256", d->clauses[i].sha256));
	json_object_set_new(o, "document", json_string(d->doc_id));
	json_object_set_new(o, "kind", json_string(d->kind));
	json_object_set_new(o, "title", json_string(d->title));
	json_object_set_new(o, "version", json_string(d->version));
	json_object_set_new(o, "generated_at", json_string(d->generated_at));
	json_object_set_new(o, "library", json_string(lib->version));
	json_object_set_new(o, "source_sha256", json_string(d->source_sha256));
	json_object_set_new(o, "clauses", cl);
	return o;
}

/* The marks of a clause that needs initials: each top-level list item of its
 * legal text that carries "Initials: ________", labelled by the item's text
 * up to it (sub-items joined on one line); or the whole clause when no item
 * does. */
static json_t *
clause_marks(const struct doc_clause_ref *r)
{
	static const char blank[] = "Initials: ________";
	json_t *marks = json_array();
	const char *p = r->legal;
	int n = 0;

	while (p && (p = strstr(p, blank))) {
		const char *start = p, *end = p;
		struct str label = STR_INIT;

		/* Back to the start of the item: a line beginning with "- ". */
		while (start > r->legal && !(start[-1] == '\n' && start[0] == '-'))
			start--;
		if (start[0] == '-')
			start += 2;
		for (const char *q = start; q < end; q++) {
			if (*q == '\n') {
				while (q + 1 < end && q[1] == ' ')
					q++;
				str_putc(&label, ' ');
			} else {
				str_putc(&label, *q);
			}
		}
		while (label.len && (label.buf[label.len - 1] == ' ' || label.buf[label.len - 1] == '-'))
			label.buf[--label.len] = '\0';
		json_array_append_new(marks, json_pack("{s:o,s:s%}", "id",
			json_sprintf("%s/%d", r->id, n + 1), "label", label.buf ? label.buf : "",
			label.len));
		str_free(&label);
		n++;
		p += sizeof(blank) - 1;
	}
	if (n == 0)
		json_array_append_new(marks, json_pack("{s:s,s:s}", "id", r->id, "label", r->title));
	return marks;
}

char *
doc_clauses_json(const struct doc_document *d)
{
	json_t *o = json_object(), *list = json_array();
	char *text;

	for (size_t i = 0; i < d->n_clauses; i++) {
		const struct doc_clause_ref *r = &d->clauses[i];
		struct str both = STR_INIT;
		char sha[HASH_SHA256_HEX_LEN];
		json_t *c;

		str_puts(&both, r->legal ? r->legal : "");
		str_putc(&both, '\0');
		str_puts(&both, r->plain ? r->plain : "");
		hash_sha256_hex(both.buf, both.len, sha);
		str_free(&both);
		c = json_pack("{s:s,s:I,s:s,s:s,s:s,s:s,s:s,s:s}", "id", r->id, "version",
			      (json_int_t)r->version, "sha256", r->sha256, "number",
			      r->number ? r->number : "", "title", r->title ? r->title : "",
			      "legal", r->legal ? r->legal : "", "plain", r->plain ? r->plain : "",
			      "text_sha256", sha);
		json_object_set_new(c, "marks", r->initials ? clause_marks(r) : json_array());
		json_array_append_new(list, c);
	}
	json_object_set_new(o, "document", json_string(d->doc_id));
	json_object_set_new(o, "version", json_string(d->version));
	json_object_set_new(o, "title", json_string(d->title));
	json_object_set_new(o, "clauses", list);
	text = json_dumps(o, JSON_INDENT(1) | JSON_PRESERVE_ORDER);
	json_decref(o);
	return text;
}
