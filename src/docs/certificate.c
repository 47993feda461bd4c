/*
 * certificate.c - the certificate of completion and the signed copy.
 *
 * The certificate is an ordinary document of the model (model.h): a title
 * block, a few headed sections of label/value tables, the tables of initials
 * and events, and "How to verify".  pdf.c renders it, so it has the same
 * header, footer and page numbers as the document it certifies.
 *
 * The signed copy is made by drawing: poppler reads the issued PDF and renders
 * each page onto a new cairo PDF surface (vector text stays text and fonts are
 * embedded again), a one-line stamp goes in the free band between the page's
 * body and its footer rule, and the certificate's own pages follow the same
 * way.  Nothing reads the clock: every date in the output is the
 * certificate's generated_at, so the same certificate gives the same bytes.
 *
 * Values from the evidence (hashes, user agents, addresses) can be long runs
 * without a space, which pango's word wrapping would let run off the page:
 * hex is shown in groups of 16 digits, and a long word that is not prose
 * (an email, an IPv6 address) gets invisible break opportunities (U+200B)
 * at its punctuation and at least every 10 characters.
 */
#include <assert.h>

#include <cairo-pdf.h>
#include <pango/pangocairo.h>
#include <poppler.h>

#include "docs/certificate.h"
#include "docs/model.h"

#define SANS "Noto Sans"   /* as pdf.c: the stamp matches the page furniture */
#define HEX_GROUP 16       /* hex digits shown together */
#define RUN_BREAK 10       /* characters of a long word between U+200Bs */
#define ZWSP "\xe2\x80\x8b"

static bool
has(const char *s)
{
	return s && *s;
}

static const char *
or_empty(const char *s)
{
	return s ? s : "";
}

static bool
refused(const struct doc_certificate *c)
{
	return c->outcome && strcmp(c->outcome, "Refused") == 0;
}

/* ------------------------------------------------ values as shown */

static bool
is_hex(const char *s)
{
	return *s && s[strspn(s, "0123456789abcdefABCDEF")] == '\0';
}

/* The length of the UTF-8 sequence that starts with byte c (1 for a stray
 * byte: it is copied through as it is). */
static size_t
utf8_len(unsigned char c)
{
	return c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : c >= 0xc0 ? 2 : 1;
}

/* The index of the character after the one at s[i]. */
static size_t
next_char(const char *s, size_t i)
{
	return i + strnlen(s + i, utf8_len((unsigned char)s[i]));
}

static bool
blank(char c)
{
	return c == ' ' || c == '\n' || c == '\t' || c == '\0';
}

/* Whether the word w (len bytes, chars characters) needs break opportunities:
 * a long one that is no word of prose (an email, an address, a user agent's
 * token: it has a digit or a mark such as @ : / inside), or one too long for
 * any word of prose. */
static bool
needs_breaks(const char *w, size_t len, size_t chars)
{
	if (chars <= RUN_BREAK)
		return false;
	if (chars > 3 * RUN_BREAK)
		return true;
	for (size_t i = 0; i < len; i++)
		if ((w[i] >= '0' && w[i] <= '9') || strchr("@:/_=&?;", w[i]) ||
		    (w[i] == '.' && i + 1 < len))
			return true;
	return false;
}

/* s as it can be printed in a narrow place.  Hex is shown in groups of
 * HEX_GROUP digits separated by spaces (a reader compares them group by
 * group).  In anything else, each word that needs_breaks() gets a zero-width
 * space after each . @ : / _ = ; , & ? inside it, and after every RUN_BREAK
 * characters with no such place, so it can wrap inside a narrow table cell;
 * words of prose are left alone.  NULL stays NULL. */
static const char *
shown(struct arena *a, const char *s)
{
	struct str t = STR_INIT;
	const char *r;

	if (!s)
		return NULL;
	if (is_hex(s)) {
		for (size_t i = 0; s[i]; i++) {
			if (i > 0 && i % HEX_GROUP == 0)
				str_putc(&t, ' ');
			str_putc(&t, s[i]);
		}
	} else {
		bool breaks = false;
		size_t run = 0;

		for (size_t i = 0; s[i];) {
			size_t n;

			if (blank(s[i])) {
				str_putc(&t, s[i++]);
				continue;
			}
			if (i == 0 || blank(s[i - 1])) {
				size_t chars = 0, k = i;

				for (; !blank(s[k]); k = next_char(s, k))
					chars++;
				breaks = needs_breaks(s + i, k - i, chars);
				run = 0;
			}
			n = next_char(s, i) - i;
			str_append(&t, s + i, n);
			i += n;
			run++;
			if (breaks && !blank(s[i]) &&
			    (run >= RUN_BREAK || (n == 1 && strchr(".@:/_=;,&?", s[i - n])))) {
				str_puts(&t, ZWSP);
				run = 0;
			}
		}
	}
	r = arena_strndup(a, str_cstr(&t), t.len);
	str_free(&t);
	return r;
}

/* An RFC 3339 time as "2026-11-27 08:48:58 UTC" (or without the seconds): a
 * space where a line can break and a zone a reader does not have to decode.
 * A time that does not parse is shown as recorded; NULL or "" gives NULL. */
static const char *
when(struct arena *a, const char *at, bool seconds)
{
	int64_t t;
	time_t tt;
	struct tm tm;
	char buf[64];

	if (!has(at))
		return NULL;
	if (time_parse_rfc3339(at, strlen(at), &t, NULL) < 0)
		return shown(a, at);
	tt = (time_t)t;
	if (!gmtime_r(&tt, &tm) ||
	    !strftime(buf, sizeof(buf), seconds ? "%Y-%m-%d %H:%M:%S UTC" : "%Y-%m-%d %H:%M UTC",
		      &tm))
		return shown(a, at);
	return arena_strdup(a, buf);
}

/* The first n hex digits of a hash, for tables that show many. */
static const char *
short_hash(struct arena *a, const char *h, size_t n)
{
	return h ? arena_strndup(a, h, strnlen(h, n)) : "";
}

/* ------------------------------------------------ tables */

/* A table collected row by row, then handed to the builder. */
struct rows {
	struct arena *arena;
	size_t n_cols, n_rows, cap;
	const char **cells;
};

static void
rows_add(struct rows *r, const char *const *row)
{
	if ((r->n_rows + 1) * r->n_cols > r->cap) {
		const char **more;

		r->cap = r->cap ? 2 * r->cap : 16 * r->n_cols;
		more = arena_array(r->arena, r->cap, sizeof(*more));
		if (r->n_rows)
			memcpy(more, r->cells, r->n_rows * r->n_cols * sizeof(*more));
		r->cells = more;
	}
	for (size_t i = 0; i < r->n_cols; i++)
		r->cells[r->n_rows * r->n_cols + i] = row[i] ? row[i] : "";
	r->n_rows++;
}

/* A label and its value; nothing when the value was not recorded. */
static void
rows_kv(struct rows *r, const char *label, const char *value)
{
	const char *row[2] = {label, value};

	assert(r->n_cols == 2);
	if (has(value))
		rows_add(r, row);
}

/* Add the table (if it has a row) with header and widths (n_cols of each). */
static void
rows_finish(struct doc_builder *b, struct rows *r, const char *const *header,
	    const unsigned *widths)
{
	struct doc_table *t;

	if (r->n_rows == 0)
		return;
	t = arena_alloc(r->arena, sizeof(*t));
	t->n_cols = r->n_cols;
	t->n_rows = r->n_rows;
	t->header = header;
	t->cells = r->cells;
	t->widths = widths;
	doc_add_table(b, t);
}

static const char *const kv_header[] = {"Item", "Recorded"};
static const unsigned kv_widths[] = {30, 70};

/* A full-length hash under its label, in the monospaced face: the groups of
 * 16 digits line up, four to a line, and no ligature joins two f's (the
 * signed copy, drawn through poppler, would give such a pair as U+FB00 to
 * whoever copies it).  The lines are broken here, not by the justified
 * paragraph, which would stretch the spaces between groups.  Nothing when
 * not recorded. */
static void
hash_block(struct doc_builder *b, struct arena *a, const char *label, const char *hash)
{
	struct str s = STR_INIT;
	size_t len;

	if (!has(hash))
		return;
	doc_para(b, label, DOC_BOLD, 0);
	if (!is_hex(hash)) {
		doc_para(b, shown(a, hash), 0, 0);
		return;
	}
	len = strlen(hash);
	for (size_t i = 0; i < len; i += HEX_GROUP) {
		if (i > 0)
			str_putc(&s, i % (4 * HEX_GROUP) == 0 ? '\n' : ' ');
		str_append(&s, hash + i, len - i < HEX_GROUP ? len - i : HEX_GROUP);
	}
	doc_para(b, str_cstr(&s), DOC_CODE, 0);
	str_free(&s);
}

/* ------------------------------------------------ the certificate */

/* One field of the certificate's source: its text and a NUL. */
static void
field(struct str *s, const char *text)
{
	str_puts(s, or_empty(text));
	str_putc(s, '\0');
}

/* The SHA-256 of every field, each followed by a NUL: the "source" of the
 * certificate, printed in its title block and footer like any document's. */
static void
source_hash(const struct doc_certificate *c, char out[HASH_SHA256_HEX_LEN])
{
	struct str s = STR_INIT;
	const char *fields[] = {
		c->provider, c->customer, c->doc_id, c->title, c->pdf_sha256, c->method,
		c->outcome, c->signer_name, c->signer_title, c->signer_email, c->signed_at,
		c->address, c->user_agent, c->auth_method, c->attestation, c->refusal_reason,
		c->scan_sha256, c->consent_sha256, c->consent_at, c->public_key,
		c->checkpoint_hash, c->checkpoint_signature, c->checkpoint_at, c->generated_at,
	};

	str_appendf(&s, "prudent certificate 1%c%lld%c%lld%c", 0, (long long)c->version, 0,
		    (long long)c->checkpoint_seq, 0);
	for (size_t i = 0; i < ARRAY_LEN(fields); i++)
		field(&s, fields[i]);
	for (size_t i = 0; i < c->n_initials; i++) {
		const struct cert_initial *n = &c->initials[i];

		str_appendf(&s, "initial%c%lld%c", 0, (long long)n->seq, 0);
		field(&s, n->clause);
		field(&s, n->label);
		field(&s, n->text_sha256);
		field(&s, n->initials);
		field(&s, n->at);
		field(&s, n->address);
		field(&s, n->user_agent);
	}
	for (size_t i = 0; i < c->n_events; i++) {
		const struct cert_event *v = &c->events[i];

		str_appendf(&s, "event%c%lld%c", 0, (long long)v->seq, 0);
		field(&s, v->at);
		field(&s, v->type);
		field(&s, v->actor);
		field(&s, v->hash);
	}
	hash_sha256_hex(s.buf, s.len, out);
	str_free(&s);
}

/* "Jane Doe, Office Manager," or "Jane Doe" (the subject of a sentence);
 * "the signer" when unnamed. */
static const char *
signer(struct arena *a, const struct doc_certificate *c)
{
	if (!has(c->signer_name))
		return "the signer";
	if (!has(c->signer_title))
		return c->signer_name;
	return arena_printf(a, "%s, %s,", c->signer_name, c->signer_title);
}

static void
summary(struct doc_builder *b, struct arena *a, const struct doc_certificate *c)
{
	const char *at = when(a, c->signed_at, false);
	struct str s = STR_INIT;

	if (at)
		str_appendf(&s, "On %s, ", at);
	str_appendf(&s, "%s %s the %s, version %lld", at || has(c->signer_name) ? signer(a, c)
							: "The signer",
		    refused(c) ? "refused" : "accepted", or_empty(c->title), (long long)c->version);
	if (has(c->customer))
		str_appendf(&s, ", for %s", c->customer);
	if (has(c->method) && !refused(c))
		str_appendf(&s, ", by %s", c->method);
	/* "..., for Acme, P.C." ends its sentence already. */
	str_puts(&s, s.buf[s.len - 1] == '.' ? "  " : ".  ");
	str_puts(&s, "This certificate records who did it, when and how, and the evidence "
		     "kept of it; the last section says how anyone can check that evidence.");
	doc_para(b, str_cstr(&s), 0, 0);
	str_free(&s);
}

static void
section_document(struct doc_builder *b, struct arena *a, const struct doc_certificate *c)
{
	struct rows r = {.arena = a, .n_cols = 2};

	doc_heading(b, 1, "", "The document");
	rows_kv(&r, "Title", shown(a, c->title));
	rows_kv(&r, "Document id", shown(a, c->doc_id));
	rows_kv(&r, "Version", arena_printf(a, "%lld", (long long)c->version));
	rows_kv(&r, "Provider", shown(a, c->provider));
	rows_kv(&r, "Customer", shown(a, c->customer));
	rows_finish(b, &r, kv_header, kv_widths);
	hash_block(b, a, "SHA-256 of the issued PDF", c->pdf_sha256);
	doc_para(b, "The SHA-256 is a fingerprint of the exact file that was accepted: change "
		    "a single byte of the file and the fingerprint changes.", 0, DOC_SMALL);
}

static void
section_outcome(struct doc_builder *b, struct arena *a, const struct doc_certificate *c)
{
	struct rows r = {.arena = a, .n_cols = 2};

	doc_heading(b, 1, "", "The outcome");
	rows_kv(&r, "Outcome", shown(a, c->outcome));
	rows_kv(&r, "Method", shown(a, c->method));
	rows_kv(&r, "Reason given for refusing", shown(a, c->refusal_reason));
	rows_finish(b, &r, kv_header, kv_widths);
	hash_block(b, a, "SHA-256 of the scan of the signed paper", c->scan_sha256);
}

static void
section_signer(struct doc_builder *b, struct arena *a, const struct doc_certificate *c)
{
	struct rows r = {.arena = a, .n_cols = 2};

	doc_heading(b, 1, "", refused(c) ? "The person who refused" : "The signer");
	rows_kv(&r, "Name", shown(a, c->signer_name));
	rows_kv(&r, "Title", shown(a, c->signer_title));
	rows_kv(&r, "Email", shown(a, c->signer_email));
	rows_kv(&r, refused(c) ? "Refused at" : "Signed at", when(a, c->signed_at, true));
	rows_kv(&r, "IP address", shown(a, c->address));
	rows_kv(&r, "Browser (user agent)", shown(a, c->user_agent));
	rows_kv(&r, "How they were identified", shown(a, c->auth_method));
	rows_finish(b, &r, kv_header, kv_widths);
	if (has(c->attestation)) {
		doc_para(b, "The signer affirmed this statement of their authority:", DOC_BOLD, 0);
		doc_para(b, shown(a, c->attestation), DOC_ITALIC, 0);
	}
}

static void
section_consent(struct doc_builder *b, struct arena *a, const struct doc_certificate *c)
{
	struct rows r = {.arena = a, .n_cols = 2};

	if (!has(c->consent_sha256) && !has(c->consent_at))
		return;
	doc_heading(b, 1, "", "Consent to do business electronically");
	doc_para(b, refused(c) ? "Before refusing, the signer agreed to receive and sign "
				 "documents electronically.  The text they agreed to is identified "
				 "by its SHA-256."
			       : "Before signing, the signer agreed to receive and sign documents "
				 "electronically.  The text they agreed to is identified by its "
				 "SHA-256.", 0, 0);
	rows_kv(&r, "Agreed at", when(a, c->consent_at, true));
	rows_finish(b, &r, kv_header, kv_widths);
	hash_block(b, a, "SHA-256 of the consent text", c->consent_sha256);
}

static void
section_initials(struct doc_builder *b, struct arena *a, const struct doc_certificate *c)
{
	static const char *const header[] = {"Clause", "What was initialled", "Initials",
					     "Time (UTC)", "IP address", "Event"};
	static const unsigned widths[] = {20, 30, 10, 15, 15, 10};
	struct rows r = {.arena = a, .n_cols = ARRAY_LEN(header)};

	if (c->n_initials == 0)
		return;
	doc_heading(b, 1, "", "Initials");
	doc_para(b, "The signer typed their initials at each of these places in the document.  "
		    "Each initial is its own event in the record; \"text\" is the first 16 digits "
		    "of the SHA-256 of the exact wording shown at that place.", 0, 0);
	for (size_t i = 0; i < c->n_initials; i++) {
		const struct cert_initial *n = &c->initials[i];
		struct str what = STR_INIT;
		const char *row[ARRAY_LEN(header)];

		str_puts(&what, has(n->label) ? shown(a, n->label) : "The whole clause");
		if (has(n->text_sha256))
			str_appendf(&what, "\ntext %s", short_hash(a, n->text_sha256, 16));
		row[0] = shown(a, n->clause);
		row[1] = arena_strdup(a, str_cstr(&what));
		row[2] = shown(a, n->initials);
		row[3] = when(a, n->at, true);
		row[4] = shown(a, n->address);
		row[5] = arena_printf(a, "%lld", (long long)n->seq);
		rows_add(&r, row);
		str_free(&what);
	}
	rows_finish(b, &r, header, widths);
}

static void
section_events(struct doc_builder *b, struct arena *a, const struct doc_certificate *c)
{
	static const char *const header[] = {"Event", "Time (UTC)", "What happened", "By",
					     "Hash (first 16)"};
	static const unsigned widths[] = {9, 17, 24, 30, 20};
	struct rows r = {.arena = a, .n_cols = ARRAY_LEN(header)};

	if (c->n_events == 0)
		return;
	doc_heading(b, 1, "", "Events of this acceptance");
	doc_para(b, arena_printf(a, "Every step was recorded, in order, as an event in %s's "
				    "record.  Each event's hash covers what it records and the "
				    "hash of the event before it, so no event can be changed, "
				    "removed or reordered without changing every hash after it.",
				 has(c->provider) ? c->provider : "the provider"), 0, 0);
	for (size_t i = 0; i < c->n_events; i++) {
		const struct cert_event *v = &c->events[i];
		const char *row[ARRAY_LEN(header)];

		row[0] = arena_printf(a, "%lld", (long long)v->seq);
		row[1] = when(a, v->at, true);
		row[2] = shown(a, v->type);
		row[3] = shown(a, v->actor);
		row[4] = short_hash(a, v->hash, 16);
		rows_add(&r, row);
	}
	rows_finish(b, &r, header, widths);
}

static void
section_seal(struct doc_builder *b, struct arena *a, const struct doc_certificate *c)
{
	const char *provider = has(c->provider) ? c->provider : "The provider";
	struct rows r = {.arena = a, .n_cols = 2};

	doc_heading(b, 1, "", "The provider's signature on the record");
	doc_para(b, arena_printf(a, "At event %lld, %s signed its record with its own key "
				    "(Ed25519).  The signature covers the chain hash at that "
				    "event, which depends on every event up to and including it.",
				 (long long)c->checkpoint_seq, provider), 0, 0);
	rows_kv(&r, "Signed at event", arena_printf(a, "%lld", (long long)c->checkpoint_seq));
	rows_kv(&r, "Signed at", when(a, c->checkpoint_at, true));
	rows_finish(b, &r, kv_header, kv_widths);
	hash_block(b, a, "Public key (Ed25519)", c->public_key);
	hash_block(b, a, arena_printf(a, "Chain hash at event %lld", (long long)c->checkpoint_seq),
		  c->checkpoint_hash);
	hash_block(b, a, "Signature", c->checkpoint_signature);
}

/* Markdown-escaped s into out (names in the "How to verify" list). */
static void
md(struct str *out, const char *s)
{
	doc_md_escape(out, or_empty(s), strlen(or_empty(s)), false);
}

static void
section_verify(struct doc_builder *b, struct arena *a, const struct doc_certificate *c)
{
	struct str s = STR_INIT;
	const char *provider = has(c->provider) ? c->provider : "the provider";

	doc_heading(b, 1, "", "How to verify");
	str_puts(&s, "Anyone can check this certificate against the evidence, without taking ");
	md(&s, provider);
	str_puts(&s, "'s word for it:\n\n");
	str_puts(&s, "1. On ");
	md(&s, provider);
	str_puts(&s, "'s own records: run `prudent verify` on its Prudent database.  It "
		     "recomputes the hash of every event, follows the chain from the first "
		     "event to the last, and checks every signature against the public key.\n");
	str_puts(&s, "2. From an evidence bundle (a ZIP file of the record): run "
		     "`prudent verify BUNDLE.zip`.  No access to the database is needed.\n");
	str_appendf(&s, "3. The chain hash and the signature printed above must be the same as "
			"the bundle's checkpoint at event %lld, and the bundle's public key must "
			"start with `%s`.  Then the record of ",
		    (long long)c->checkpoint_seq, short_hash(a, c->public_key, 16));
	md(&s, has(c->signer_name) ? c->signer_name : "the signer");
	str_puts(&s, refused(c) ? "'s refusal" : "'s acceptance");
	str_puts(&s, " is the one the provider signed.\n");
	str_puts(&s, "4. Run `sha256sum` on the issued PDF: it must print the SHA-256 shown "
		     "under \"The document\".  The signed copy (the issued pages with a line "
		     "added at the foot of each, then this certificate) is a different file, "
		     "with a fingerprint of its own.\n");
	doc_markdown(b, s.buf, s.len, 0);
	str_free(&s);
}

/* Build the certificate into doc (everything in arena a). */
static void
build(const struct doc_certificate *c, struct arena *a, struct doc_document *d)
{
	struct doc_builder *b;
	const char **front = arena_array(a, 1, sizeof(*front));

	memset(d, 0, sizeof(*d));
	d->kind = "certificate";
	d->title = "Certificate of completion";
	d->subtitle = arena_printf(a, "%s, version %lld, between %s (the Provider) and %s "
				      "(the Customer)",
				   has(c->title) ? c->title : or_empty(c->doc_id),
				   (long long)c->version,
				   has(c->provider) ? c->provider : "the provider",
				   has(c->customer) ? c->customer : "the customer");
	d->doc_id = arena_printf(a, "%s.certificate", or_empty(c->doc_id));
	d->version = arena_printf(a, "%lld", (long long)c->version);
	d->generated_at = or_empty(c->generated_at);
	d->lang = "en-US";
	source_hash(c, d->source_sha256);
	front[0] = arena_printf(a, "Drawn up by Prudent on %s from %s's record of the "
				   "acceptance.",
				has(c->generated_at) ? when(a, c->generated_at, false) : "(no date)",
				has(c->provider) ? c->provider : "the provider");
	d->front = front;
	d->n_front = 1;

	b = doc_builder_new(a, d);
	summary(b, a, c);
	section_document(b, a, c);
	section_outcome(b, a, c);
	section_signer(b, a, c);
	section_consent(b, a, c);
	section_initials(b, a, c);
	section_events(b, a, c);
	section_seal(b, a, c);
	section_verify(b, a, c);
	doc_builder_finish(b);
}

int
doc_certificate_pdf(const struct doc_certificate *c, struct str *out, struct err *e)
{
	struct arena *a = arena_new();
	struct doc_document d;
	int rc;

	build(c, a, &d);
	rc = doc_render_pdf(&d, out, e);
	arena_free(a);
	return rc;
}

/* ------------------------------------------------ the signed copy */

static cairo_status_t
collect(void *closure, const unsigned char *data, unsigned int len)
{
	str_append(closure, (const char *)data, len);
	return CAIRO_STATUS_SUCCESS;
}

/* Open PDF bytes with poppler; `what` names them in the error.  The bytes
 * must outlive the document (they are not copied). */
static int
open_pdf(const void *bytes, size_t len, const char *what, PopplerDocument **out, struct err *e)
{
	GError *gerr = NULL;
	GBytes *gb = g_bytes_new_static(bytes, len);
	PopplerDocument *doc = poppler_document_new_from_bytes(gb, NULL, &gerr);

	g_bytes_unref(gb);
	if (!doc) {
		err_set(e, ERR_INPUT, "%s is not a readable PDF (%s)", what,
			gerr && gerr->message ? gerr->message : "poppler gave no reason");
		g_clear_error(&gerr);
		return ERR_INPUT;
	}
	if (poppler_document_get_n_pages(doc) < 1) {
		g_object_unref(doc);
		return err_set(e, ERR_INPUT, "%s is a PDF with no pages", what);
	}
	*out = doc;
	return 0;
}

/* The line drawn at the foot of each issued page. */
static void
stamp_text(const struct doc_certificate *c, struct str *out)
{
	struct arena *a = arena_new();
	const char *at = when(a, c->signed_at, false);

	str_appendf(out, "%s by %s", refused(c) ? "Refused" : "Accepted",
		    has(c->signer_name) ? c->signer_name : "the signer");
	if (has(c->signer_title))
		str_appendf(out, ", %s", c->signer_title);
	if (at)
		str_appendf(out, " on %s", at);
	if (has(c->method) && !refused(c))
		str_appendf(out, " by %s", c->method);
	str_puts(out, ".  Certificate of completion follows.");
	arena_free(a);
}

/* Draw the stamp in one line just above the footer rule pdf.c draws 54
 * points from the foot of the page (its body ends 72 points from the foot,
 * so the band between is free).  A line too long for the page is set
 * smaller, and at the smallest size cut short with an ellipsis, rather than
 * wrapped into the footer. */
static void
draw_stamp(cairo_t *cr, PangoContext *ctx, const char *text, double page_w, double page_h)
{
	static const double sizes[] = {7.5, 7, 6.5, 6};
	PangoLayout *layout = pango_layout_new(ctx);
	double margin = page_w > 288 ? 72 : 10, w = page_w - 2 * margin;
	int lw, lh;

	pango_layout_set_text(layout, text, -1);
	pango_layout_set_width(layout, (int)(w * PANGO_SCALE));
	pango_layout_set_alignment(layout, PANGO_ALIGN_LEFT);
	for (size_t i = 0; i < ARRAY_LEN(sizes); i++) {
		PangoFontDescription *fd = pango_font_description_from_string(SANS " Italic");

		pango_font_description_set_size(fd, (gint)(sizes[i] * PANGO_SCALE));
		pango_layout_set_font_description(layout, fd);
		pango_font_description_free(fd);
		if (pango_layout_get_line_count(layout) == 1)
			break;
	}
	if (pango_layout_get_line_count(layout) > 1)
		pango_layout_set_ellipsize(layout, PANGO_ELLIPSIZE_END);
	pango_layout_get_size(layout, &lw, &lh);
	cairo_save(cr);
	cairo_set_source_rgb(cr, 0.1, 0.2, 0.45);
	cairo_move_to(cr, margin, page_h - 57 - (double)lh / PANGO_SCALE);
	pango_cairo_show_layout(cr, layout);
	cairo_restore(cr);
	g_object_unref(layout);
}

/* Draw every page of doc onto the surface, each at its own size, with the
 * stamp on each when stamp is not NULL. */
static void
draw_pages(cairo_surface_t *surface, cairo_t *cr, PangoContext *ctx, PopplerDocument *doc,
	   const char *stamp)
{
	int n = poppler_document_get_n_pages(doc);

	for (int i = 0; i < n; i++) {
		PopplerPage *page = poppler_document_get_page(doc, i);
		double w, h;

		if (!page)
			continue;
		poppler_page_get_size(page, &w, &h);
		cairo_pdf_surface_set_size(surface, w, h);
		cairo_save(cr);
		poppler_page_render_for_printing(page, cr);
		cairo_restore(cr);
		if (stamp)
			draw_stamp(cr, ctx, stamp, w, h);
		cairo_show_page(cr);
		g_object_unref(page);
	}
}

int
doc_signed_copy_pdf(const void *pdf, size_t len, const struct doc_certificate *c,
		    struct str *out, struct err *e)
{
	PopplerDocument *issued = NULL, *cert = NULL;
	struct str cert_pdf = STR_INIT, copy = STR_INIT, stamp = STR_INIT;
	cairo_surface_t *surface = NULL;
	cairo_t *cr = NULL;
	cairo_font_options_t *fo = NULL;
	PangoFontMap *fontmap = NULL;
	PangoContext *ctx = NULL;
	cairo_status_t st;
	char date[32];
	int rc;

	if ((rc = open_pdf(pdf, len, "the issued document", &issued, e)) < 0)
		goto fail;
	if ((rc = doc_certificate_pdf(c, &cert_pdf, e)) < 0)
		goto fail;
	if (open_pdf(cert_pdf.buf, cert_pdf.len, "the certificate", &cert, e) < 0) {
		/* Our own output not reading back is a bug, not bad input. */
		err_prefix(e, "reading back the rendered certificate");
		if (e)
			e->code = ERR_INTERNAL;
		rc = ERR_INTERNAL;
		goto fail;
	}

	/* The same text set-up as pdf.c: a point is a PDF unit, and glyphs are
	 * placed exactly, not rounded to a screen's pixels. */
	fontmap = pango_cairo_font_map_new();
	pango_cairo_font_map_set_resolution(PANGO_CAIRO_FONT_MAP(fontmap), 72);
	ctx = pango_font_map_create_context(fontmap);
	pango_context_set_round_glyph_positions(ctx, FALSE);
	fo = cairo_font_options_create();
	cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
	cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
	pango_cairo_context_set_font_options(ctx, fo);

	/* The first page's size is set again in draw_pages like every other. */
	surface = cairo_pdf_surface_create_for_stream(collect, &copy, 612, 792);
	/* Dates from the certificate, never the clock, as pdf.c does. */
	snprintf(date, sizeof(date), "%.19sZ", or_empty(c->generated_at));
	cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, or_empty(c->title));
	cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_SUBJECT, or_empty(c->doc_id));
	cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "Prudent");
	cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATE_DATE, date);
	cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_MOD_DATE, date);
	cr = cairo_create(surface);
	pango_cairo_update_context(cr, ctx);

	stamp_text(c, &stamp);
	draw_pages(surface, cr, ctx, issued, str_cstr(&stamp));
	draw_pages(surface, cr, ctx, cert, NULL);

	cairo_destroy(cr);
	cr = NULL;
	cairo_surface_finish(surface);
	st = cairo_surface_status(surface);
	if (st != CAIRO_STATUS_SUCCESS) {
		rc = err_set(e, ERR_INTERNAL, "cannot write the signed copy: %s",
			     cairo_status_to_string(st));
		goto fail;
	}
	str_append(out, copy.buf, copy.len);
	rc = 0;
fail:
	if (cr)
		cairo_destroy(cr);
	if (surface)
		cairo_surface_destroy(surface);
	if (fo)
		cairo_font_options_destroy(fo);
	if (ctx)
		g_object_unref(ctx);
	if (fontmap)
		g_object_unref(fontmap);
	if (cert)
		g_object_unref(cert);
	if (issued)
		g_object_unref(issued);
	str_free(&cert_pdf);
	str_free(&copy);
	str_free(&stamp);
	return rc;
}
