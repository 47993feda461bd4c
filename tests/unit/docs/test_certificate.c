/*
 * test_certificate.c - the certificate of completion and the signed copy
 * (src/docs/certificate.c).
 *
 * A small document is built with the model builder and rendered to PDF, as
 * an issued document would be; a certificate with two initials, three events
 * and values long enough to overflow a careless layout is then rendered alone
 * and as a signed copy.  The PDFs are read back with poppler to check their
 * pages and text: the stamp on each issued page, the certificate's facts on
 * its last page, and no character outside the page's margins.
 *
 * test_mustache.c holds the executable's main; it runs this file's group
 * through docs_certificate_tests().
 */
#include <stdlib.h>

#include <poppler.h>

#include "support/support.h"
#include "docs/certificate.h"
#include "docs/model.h"

int docs_certificate_tests(void);

#define HASH_A "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"
#define HASH_B "fedcba9876543210fedcba9876543210fedcba9876543210fedcba9876543210"
#define PUBLIC_KEY "5a1e7c0ffee15bad5a1e7c0ffee15bad5a1e7c0ffee15bad5a1e7c0ffee15bad"
#define SIGNATURE HASH_B HASH_A
#define USER_AGENT                                                                         \
	"Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like " \
	"Gecko) Version/17.1 Safari/605.1.15 "                                             \
	"AnEmbeddedTokenWithoutAnySpaceThatWouldRunOffTheEdgeOfThePageIfNothingBrokeIt/1.0"

static const struct cert_initial initials[] = {
	{"4.1 Multi-factor authentication",
	 "Declined safeguard: multi-factor authentication on every email account", HASH_A, "JD",
	 "2026-11-27T08:45:10Z", "203.0.113.7", USER_AGENT, 41},
	{"6.2 Backups", "", HASH_B, "JD", "2026-11-27T08:46:02.250Z",
	 "2001:0db8:85a3:0000:0000:8a2e:0370:7334", USER_AGENT, 42},
};

static const struct cert_event events[] = {
	{41, "2026-11-27T08:45:10Z", "acceptance.initialled",
	 "jane.doe-office-manager@bright-smile-dental-of-springfield.example.com", HASH_A},
	{42, "2026-11-27T08:46:02.250Z", "acceptance.initialled",
	 "jane.doe-office-manager@bright-smile-dental-of-springfield.example.com", HASH_B},
	{43, "2026-11-27T08:48:58Z", "acceptance.signed",
	 "jane.doe-office-manager@bright-smile-dental-of-springfield.example.com", HASH_A},
};

static struct doc_certificate
certificate(void)
{
	struct doc_certificate c = {
		.provider = "Northwind Managed IT Services, LLC",
		.customer = "Bright Smile Dental of Springfield, P.C.",
		.doc_id = "bright-smile-dental.agreement",
		.title = "Standard of Care Agreement",
		.version = 3,
		.pdf_sha256 = HASH_A,
		.method = "electronic signature",
		.outcome = "Signed",
		.signer_name = "Jane Q. Doe",
		.signer_title = "Office Manager",
		.signer_email = "jane.doe-office-manager@bright-smile-dental-of-springfield.example.com",
		.signed_at = "2026-11-27T08:48:58Z",
		.address = "2001:0db8:85a3:0000:0000:8a2e:0370:7334",
		.user_agent = USER_AGENT,
		.auth_method = "password (portal)",
		.attestation = "I am authorised to accept this agreement on behalf of Bright Smile "
			       "Dental of Springfield, P.C., and to bind it to its terms.",
		.consent_sha256 = HASH_B,
		.consent_at = "2026-11-27T08:44:31Z",
		.initials = initials,
		.n_initials = ARRAY_LEN(initials),
		.events = events,
		.n_events = ARRAY_LEN(events),
		.public_key = PUBLIC_KEY,
		.checkpoint_seq = 43,
		.checkpoint_hash = HASH_B,
		.checkpoint_signature = SIGNATURE,
		.checkpoint_at = "2026-11-27T08:48:58Z",
		.generated_at = "2026-11-28T10:00:00Z",
	};

	return c;
}

/* The issued document: two headings and a paragraph, through the renderer. */
static void
issued_pdf(struct str *out)
{
	struct arena *a = arena_new();
	struct doc_document d = {
		.kind = "agreement",
		.title = "Standard of Care Agreement",
		.subtitle = "Between Northwind Managed IT Services, LLC (the Provider) and Bright "
			    "Smile Dental of Springfield, P.C. (the Customer)",
		.doc_id = "bright-smile-dental.agreement",
		.version = "3",
		.source_sha256 = HASH_B,
		.generated_at = "2026-11-20T09:00:00Z",
		.lang = "en-US",
	};
	struct doc_builder *b = doc_builder_new(a, &d);
	struct err e = {0};

	doc_heading(b, 1, "1", "Services");
	doc_heading(b, 2, "1.1", "Backups");
	doc_para(b, "The Provider backs up the Customer's systems every night and keeps each "
		    "backup for thirty days.", 0, 0);
	doc_builder_finish(b);
	if (doc_render_pdf(&d, out, &e) < 0)
		fail_msg("doc_render_pdf: %s", e.msg);
	arena_free(a);
}

static PopplerDocument *
open_pdf(const struct str *pdf)
{
	GBytes *bytes = g_bytes_new(pdf->buf, pdf->len);
	GError *gerr = NULL;
	PopplerDocument *doc = poppler_document_new_from_bytes(bytes, NULL, &gerr);

	g_bytes_unref(bytes);
	if (!doc) {
		print_message("poppler: %s\n", gerr ? gerr->message : "?");
		g_clear_error(&gerr);
		fail_msg("the output does not read back as a PDF");
	}
	return doc;
}

static int
page_count(const struct str *pdf)
{
	PopplerDocument *doc = open_pdf(pdf);
	int n = poppler_document_get_n_pages(doc);

	g_object_unref(doc);
	return n;
}

/* The text of page i (from 0; negative counts from the end); g_free it. */
static char *
page_text(const struct str *pdf, int i)
{
	PopplerDocument *doc = open_pdf(pdf);
	PopplerPage *page;
	char *text;

	if (i < 0)
		i += poppler_document_get_n_pages(doc);
	page = poppler_document_get_page(doc, i);
	assert_non_null(page);
	text = poppler_page_get_text(page);
	g_object_unref(page);
	g_object_unref(doc);
	return text;
}

/* True when the bytes of lit occur in s. */
static bool
has_bytes(const struct str *s, const char *lit)
{
	size_t n = strlen(lit);

	for (size_t i = 0; i + n <= s->len; i++)
		if (memcmp(s->buf + i, lit, n) == 0)
			return true;
	return false;
}

static void
assert_contains(const char *text, const char *want)
{
	if (!strstr(text, want))
		fail_msg("\"%s\" not found in the page's text:\n%s", want, text);
}

/* Every character of pages [from, to) lies inside the page, with `margin`
 * points to spare at the left and right. */
static void
assert_inside(const struct str *pdf, int from, int to, double margin)
{
	PopplerDocument *doc = open_pdf(pdf);

	for (int i = from; i < to; i++) {
		PopplerPage *page = poppler_document_get_page(doc, i);
		PopplerRectangle *rects = NULL;
		guint n = 0;
		double w, h;

		poppler_page_get_size(page, &w, &h);
		assert_true(poppler_page_get_text_layout(page, &rects, &n));
		assert_true(n > 0);
		for (guint k = 0; k < n; k++)
			if (rects[k].x1 < margin - 1 || rects[k].x2 > w - margin + 1)
				fail_msg("page %d: a character spans x %.1f to %.1f, outside "
					 "%.0f to %.0f", i + 1, rects[k].x1, rects[k].x2, margin,
					 w - margin);
		g_free(rects);
		g_object_unref(page);
	}
	g_object_unref(doc);
}

/* No two characters of pages [from, to) overlap: text that overflows a table
 * cell runs over the next cell's text. */
static void
assert_no_overlap(const struct str *pdf, int from, int to)
{
	PopplerDocument *doc = open_pdf(pdf);

	for (int i = from; i < to; i++) {
		PopplerPage *page = poppler_document_get_page(doc, i);
		PopplerRectangle *r = NULL;
		guint n = 0;

		assert_true(poppler_page_get_text_layout(page, &r, &n));
		for (guint p = 0; p < n; p++)
			for (guint q = p + 1; q < n; q++) {
				double w = MIN(r[p].x2, r[q].x2) - MAX(r[p].x1, r[q].x1);
				double h = MIN(r[p].y2, r[q].y2) - MAX(r[p].y1, r[q].y1);

				/* Glyph boxes of neighbours touch; kerning may
				 * pull them a little into each other. */
				if (w > 1.0 && h > 1.0)
					fail_msg("page %d: characters %u and %u overlap at "
						 "(%.1f, %.1f)", i + 1, p, q, r[q].x1, r[q].y1);
			}
		g_free(r);
		g_object_unref(page);
	}
	g_object_unref(doc);
}

static void
test_certificate_alone(void **state)
{
	struct doc_certificate c = certificate();
	struct str out = STR_INIT;
	struct err e = {0};
	char *text;
	int n;

	(void)state;
	assert_int_equal(doc_certificate_pdf(&c, &out, &e), 0);
	assert_true(out.len > 5 && memcmp(out.buf, "%PDF-", 5) == 0);
	n = page_count(&out);
	assert_true(n >= 1);
	text = page_text(&out, 0);
	assert_contains(text, "Certificate of completion");
	assert_contains(text, "Standard of Care Agreement");
	assert_contains(text, "Jane Q. Doe");
	/* Hex is shown in groups of 16, so a reader can compare it group by group. */
	assert_contains(text, "0123456789abcdef 0123456789abcdef");
	g_free(text);
	text = page_text(&out, -1);
	assert_contains(text, "How to verify");
	assert_contains(text, "prudent verify BUNDLE.zip");
	assert_contains(text, "sha256sum");
	g_free(text);
	/* Long hashes, the user agent and the email wrap inside the margins,
	 * and the IPv6 addresses inside their narrow cells. */
	assert_inside(&out, 0, n, 72);
	assert_no_overlap(&out, 0, n);
	str_free(&out);
}

static void
test_signed_copy(void **state)
{
	struct doc_certificate c = certificate();
	struct str issued = STR_INIT, cert = STR_INIT, copy = STR_INIT;
	struct err e = {0};
	int n_issued, n_cert;
	char *text;

	(void)state;
	issued_pdf(&issued);
	assert_int_equal(doc_certificate_pdf(&c, &cert, &e), 0);
	if (doc_signed_copy_pdf(issued.buf, issued.len, &c, &copy, &e) < 0)
		fail_msg("doc_signed_copy_pdf: %s", e.msg);
	n_issued = page_count(&issued);
	n_cert = page_count(&cert);
	assert_int_equal(page_count(&copy), n_issued + n_cert);

	for (int i = 0; i < n_issued; i++) {
		text = page_text(&copy, i);
		assert_contains(text, "Accepted by Jane Q. Doe, Office Manager on 2026-11-27 08:48 UTC");
		assert_contains(text, "Certificate of completion follows.");
		/* The page's own text is still there, as text. */
		assert_contains(text, "every night");
		g_free(text);
	}
	text = page_text(&copy, -1);
	assert_contains(text, "Jane Q. Doe");
	assert_contains(text, "bright-smile-dental.agreement");
	assert_contains(text, "5a1e7c0ffee15bad");
	assert_contains(text, "How to verify");
	g_free(text);
	/* The stamp stays within the issued pages' margins; the certificate's
	 * pages are as wide as they were alone. */
	assert_inside(&copy, 0, n_issued + n_cert, 72);
	assert_no_overlap(&copy, 0, n_issued + n_cert);
	str_free(&issued);
	str_free(&cert);
	str_free(&copy);
}

static void
test_refused_stamp(void **state)
{
	struct doc_certificate c = certificate();
	struct str issued = STR_INIT, copy = STR_INIT;
	struct err e = {0};
	char *text;

	(void)state;
	c.outcome = "Refused";
	c.refusal_reason = "We do not accept clause 4.1 as written.";
	c.attestation = NULL;
	issued_pdf(&issued);
	assert_int_equal(doc_signed_copy_pdf(issued.buf, issued.len, &c, &copy, &e), 0);
	text = page_text(&copy, 0);
	assert_contains(text, "Refused by Jane Q. Doe, Office Manager on 2026-11-27 08:48 UTC.");
	assert_null(strstr(text, "Accepted by"));
	g_free(text);
	text = page_text(&copy, page_count(&issued));
	assert_contains(text, "We do not accept clause 4.1 as written.");
	g_free(text);
	str_free(&issued);
	str_free(&copy);
}

/* A stamp too long for one line is set smaller, then cut short: never
 * wrapped down into the page's footer, never past its margins. */
static void
test_long_stamp(void **state)
{
	struct doc_certificate c = certificate();
	struct str issued = STR_INIT, copy = STR_INIT;
	struct err e = {0};
	char *text;

	(void)state;
	c.signer_title = "Practice Administrator, Compliance Officer, HIPAA Privacy Officer and "
			 "HIPAA Security Officer for all four Springfield locations";
	issued_pdf(&issued);
	assert_int_equal(doc_signed_copy_pdf(issued.buf, issued.len, &c, &copy, &e), 0);
	text = page_text(&copy, 0);
	assert_contains(text, "Accepted by Jane Q. Doe, Practice Administrator");
	g_free(text);
	assert_inside(&copy, 0, 1, 72);
	assert_no_overlap(&copy, 0, 1);
	str_free(&issued);
	str_free(&copy);
}

/* A wet-ink signature recorded by staff: no consent, no initials, no
 * browser; what was not recorded is left out, not printed empty. */
static void
test_sparse(void **state)
{
	struct doc_certificate c = {
		.provider = "Northwind Managed IT Services, LLC",
		.customer = "Bright Smile Dental",
		.doc_id = "bright-smile-dental.agreement",
		.title = "Standard of Care Agreement",
		.version = 1,
		.pdf_sha256 = HASH_A,
		.method = "wet-ink signature (scanned)",
		.outcome = "Signed",
		.signer_name = "John Roe",
		.signed_at = "2026-11-27",
		.scan_sha256 = HASH_B,
		.public_key = PUBLIC_KEY,
		.checkpoint_seq = 7,
		.checkpoint_hash = HASH_B,
		.checkpoint_signature = SIGNATURE,
		.checkpoint_at = "2026-11-27T10:00:00Z",
		.generated_at = "2026-11-28T10:00:00Z",
	};
	struct str issued = STR_INIT, copy = STR_INIT, all = STR_INIT;
	struct err e = {0};
	int n;

	(void)state;
	issued_pdf(&issued);
	assert_int_equal(doc_signed_copy_pdf(issued.buf, issued.len, &c, &copy, &e), 0);
	n = page_count(&copy);
	for (int i = 0; i < n; i++) {
		char *text = page_text(&copy, i);

		str_puts(&all, text);
		g_free(text);
	}
	/* A date that is not a full RFC 3339 time is shown as recorded. */
	assert_contains(str_cstr(&all), "Accepted by John Roe on 2026-11-27 by wet-ink signature "
					"(scanned).");
	assert_contains(str_cstr(&all), "SHA-256 of the scan of the signed paper");
	assert_contains(str_cstr(&all), "fedcba9876543210 fedcba9876543210");
	assert_null(strstr(str_cstr(&all), "Consent to do business"));
	assert_null(strstr(str_cstr(&all), "Initials"));
	assert_null(strstr(str_cstr(&all), "Events of this acceptance"));
	assert_null(strstr(str_cstr(&all), "user agent"));
	assert_null(strstr(str_cstr(&all), "(null)"));
	str_free(&issued);
	str_free(&copy);
	str_free(&all);
}

static void
test_deterministic(void **state)
{
	struct doc_certificate c = certificate();
	struct str issued = STR_INIT, a = STR_INIT, b = STR_INIT;
	struct err e = {0};

	(void)state;
	issued_pdf(&issued);
	assert_int_equal(doc_certificate_pdf(&c, &a, &e), 0);
	assert_int_equal(doc_certificate_pdf(&c, &b, &e), 0);
	assert_int_equal(a.len, b.len);
	assert_memory_equal(a.buf, b.buf, a.len);
	str_clear(&a);
	str_clear(&b);
	assert_int_equal(doc_signed_copy_pdf(issued.buf, issued.len, &c, &a, &e), 0);
	assert_int_equal(doc_signed_copy_pdf(issued.buf, issued.len, &c, &b, &e), 0);
	assert_int_equal(a.len, b.len);
	assert_memory_equal(a.buf, b.buf, a.len);
	/* The dates are the certificate's, not the clock's (cairo 1.16 writes
	 * them without the "D:" prefix; later versions with it). */
	assert_true(has_bytes(&a, "/CreationDate (20261128100000") ||
		    has_bytes(&a, "/CreationDate (D:20261128100000"));
	/* A different certificate gives a different copy. */
	c.signer_name = "John Roe";
	str_clear(&b);
	assert_int_equal(doc_signed_copy_pdf(issued.buf, issued.len, &c, &b, &e), 0);
	assert_false(a.len == b.len && memcmp(a.buf, b.buf, a.len) == 0);
	str_free(&issued);
	str_free(&a);
	str_free(&b);
}

static void
test_not_a_pdf(void **state)
{
	struct doc_certificate c = certificate();
	struct str out = STR_INIT;
	struct err e = {0};

	(void)state;
	assert_int_equal(doc_signed_copy_pdf("not a pdf", 9, &c, &out, &e), ERR_INPUT);
	assert_int_equal(e.code, ERR_INPUT);
	assert_non_null(strstr(e.msg, "not a readable PDF"));
	assert_int_equal(out.len, 0);
	assert_int_equal(doc_signed_copy_pdf("", 0, &c, &out, &e), ERR_INPUT);
	assert_int_equal(out.len, 0);
	str_free(&out);
}

int
docs_certificate_tests(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_certificate_alone),
		cmocka_unit_test(test_signed_copy),
		cmocka_unit_test(test_refused_stamp),
		cmocka_unit_test(test_long_stamp),
		cmocka_unit_test(test_sparse),
		cmocka_unit_test(test_deterministic),
		cmocka_unit_test(test_not_a_pdf),
	};

	return cmocka_run_group_tests_name("docs/certificate", tests, NULL, NULL);
}
