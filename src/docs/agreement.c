/*
 * agreement.c - the Standard of Care Agreement, drawn from a client's
 * responsibility matrix so the contract says exactly what the matrix says.
 *
 * The clause library (library/clauses/) holds the wording; this file picks the
 * clauses whose conditions hold for the client, fills their Mustache tags from
 * the matrix and prints each legal text beside its plain-language twin.
 */
#include "docs/doc.h"
#include "docs/mustache.h"

static const char *const part_titles[] = {"Customer obligations", "Provider obligations",
	"Disclaimer of warranties", "Limitation of liability", "Assumption of risk",
	"Term, review and incorporation", "Addenda"};

/* The clause facts of one client: its obligation frameworks, the services that
 * carry its safeguards, whether it declined any. */
static void
facts(const struct doc_agreement *d, struct arena *arena, struct lib_clause_facts *f)
{
	const struct lib_framework **fws;
	const struct lib_service **svcs;
	size_t i, k;

	memset(f, 0, sizeof(*f));
	fws = arena_array(arena, d->obligations->n_obligations + 1, sizeof(*fws));
	for (i = 0; i < d->obligations->n_obligations; i++)
		fws[f->n_frameworks++] = d->obligations->obligations[i].framework;
	svcs = arena_array(arena, d->matrix->n_rows + 1, sizeof(*svcs));
	for (i = 0; i < d->matrix->n_rows; i++) {
		const struct eng_row *r = &d->matrix->rows[i];

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

/* The clauses whose conditions hold for the client, in agreement order. */
static size_t
included_clauses(const struct doc_agreement *d, struct arena *arena,
		 const struct lib_clause ***out)
{
	struct lib_clause_facts f;
	const struct lib_clause **list;
	size_t n = 0;

	facts(d, arena, &f);
	list = arena_array(arena, d->lib->n_clauses + 1, sizeof(*list));
	for (size_t i = 0; i < d->lib->n_clauses; i++)
		if (lib_clause_cond_holds(d->lib->clauses[i].when, &f))
			list[n++] = &d->lib->clauses[i];
	*out = list;
	return n;
}

static json_t *
duty(const struct eng_row *r, const char *text)
{
	json_t *o = json_object();

	json_object_set_new(o, "id", json_string(r->safeguard->id));
	json_object_set_new(o, "name", json_string(r->safeguard->name));
	json_object_set_new(o, "text", json_string(text));
	return o;
}

/* The data the clause templates are filled from (docs/library-format.md). */
static json_t *
template_data(const struct doc_agreement *d)
{
	json_t *o = json_object(), *cust = json_array(), *msp = json_array(),
	       *declined = json_array(), *cap = json_object(), *doc = json_object();

	for (size_t i = 0; i < d->matrix->n_rows; i++) {
		const struct eng_row *r = &d->matrix->rows[i];
		const struct lib_safeguard *sg = r->safeguard;
		json_t *x;

		switch (r->owner) {
		case ENG_OWNER_CUSTOMER: json_array_append_new(cust, duty(r, sg->plain)); break;
		case ENG_OWNER_THIRD_PARTY: {
			struct str t = STR_INIT;

			str_appendf(&t, "The Customer has this done by %s, whom the Customer engages "
				    "and oversees. %s", r->third_party ? r->third_party : "a third party",
				    sg->plain);
			json_array_append_new(cust, duty(r, str_cstr(&t)));
			str_free(&t);
			break;
		}
		case ENG_OWNER_MSP:
		case ENG_OWNER_SHARED:
			if (r->owner == ENG_OWNER_SHARED)
				json_array_append_new(cust, duty(r, r->customer_part));
			x = duty(r, r->owner == ENG_OWNER_SHARED ? r->msp_part : sg->plain);
			json_object_set_new(x, "service", json_string(r->service ? r->service->name
								       : "as agreed in writing"));
			json_array_append_new(msp, x);
			break;
		case ENG_OWNER_DECLINED:
			x = duty(r, sg->plain);
			json_object_set_new(x, "risk", json_string(sg->risk));
			json_object_set_new(x, "must", json_boolean(r->must));
			if (r->decision && r->decision->reason)
				json_object_set_new(x, "reason", json_string(r->decision->reason));
			if (r->decision && r->decision->by)
				json_object_set_new(x, "by", json_string(r->decision->by));
			json_array_append_new(declined, x);
			break;
		default: break; /* not applicable: no duty either way */
		}
	}
	json_object_set_new(o, "msp", json_pack("{s:s}", "name", d->msp_name));
	json_object_set_new(o, "client", json_pack("{s:s}", "name", d->client_name));
	json_object_set_new(o, "customer_duties", cust);
	json_object_set_new(o, "msp_duties", msp);
	json_object_set_new(o, "declined", declined);
	json_object_set_new(cap, "months", json_integer((json_int_t)d->cap_months));
	if (d->data_incident_cap)
		json_object_set_new(cap, "data_incident", json_string(d->data_incident_cap));
	json_object_set_new(o, "cap", cap);
	json_object_set_new(o, "review_months", json_integer((json_int_t)d->review_months));
	/* Issuing gives a document its id, version and hash; a draft has none. */
	json_object_set_new(doc, "id", json_string("DRAFT"));
	json_object_set_new(doc, "version", json_string("draft"));
	json_object_set_new(doc, "hash", json_string("(assigned when the agreement is issued)"));
	json_object_set_new(o, "document", doc);
	return o;
}

/* Append text with "> " before each line: the plain-language twin as a quote. */
static void
quote(struct str *out, const char *text, size_t len)
{
	size_t i = 0;

	while (i < len) {
		const char *nl = memchr(text + i, '\n', len - i);
		size_t end = nl ? (size_t)(nl - text) : len;

		str_puts(out, end > i ? "> " : ">");
		str_append(out, text + i, end - i);
		str_putc(out, '\n');
		i = end + 1;
	}
}

int
doc_agreement_md(const struct doc_agreement *d, struct arena *arena, struct str *out,
		 struct err *e)
{
	const struct lib_clause **clauses;
	size_t n = included_clauses(d, arena, &clauses), k = 0;
	json_t *data = template_data(d);
	struct str plain = STR_INIT;
	int part = -1, rc = 0;

	str_puts(out, "# Standard of Care Agreement\n\n");
	str_puts(out, "Between **");
	doc_append_markdown(out, d->msp_name, strlen(d->msp_name));
	str_puts(out, "** (the Provider) and **");
	doc_append_markdown(out, d->client_name, strlen(d->client_name));
	str_appendf(out, "** (the Customer).\n\nDraft prepared %s from the responsibility matrix "
		    "and content library %s. It becomes binding only when the Customer has "
		    "initialled each marked clause and signed below.\n\nEach clause gives the "
		    "contract wording first and then the same terms in plain words; the contract "
		    "wording governs.\n", d->generated_at, d->lib->version);
	for (size_t i = 0; i < n && rc == 0; i++) {
		const struct lib_clause *cl = clauses[i];
		const struct lib_clause_version *v = lib_clause_version(cl, 0);

		if ((int)cl->part != part) {
			part = (int)cl->part;
			k = 0;
			str_appendf(out, "\n## %d. %s\n", part + 1, part_titles[part]);
		}
		str_appendf(out, "\n### %d.%zu %s\n\n", part + 1, ++k, cl->title);
		if ((rc = doc_mustache(v->legal, strlen(v->legal), data, NULL, DOC_ESCAPE_MARKDOWN,
				       out, e)) < 0)
			break;
		str_clear(&plain);
		if ((rc = doc_mustache(v->plain, strlen(v->plain), data, NULL, DOC_ESCAPE_MARKDOWN,
				       &plain, e)) < 0)
			break;
		str_puts(out, "\n> **In plain words.**\n>\n");
		quote(out, plain.buf, plain.len);
		if (cl->initials)
			str_puts(out, "\nCustomer's initials: ________\n");
		str_appendf(out, "\n*Clause %s, version %lld.*\n", cl->id,
			    (long long)v->version);
	}
	if (rc == 0)
		str_puts(out, "\n## Signatures\n\n"
			 "For the Customer: ______________________  Name and title: "
			 "______________________  Date: __________\n\n"
			 "For the Provider: ______________________  Name and title: "
			 "______________________  Date: __________\n");
	str_free(&plain);
	json_decref(data);
	return rc;
}
