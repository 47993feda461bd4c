/*
 * certificate.h - the certificate of completion of an acceptance, and the
 * signed copy: the issued PDF with a line on each page saying who accepted it
 * and when, followed by the certificate.
 *
 * The certificate is built in the document model (model.h) and rendered by
 * the PDF renderer, so it looks like every other Prudent document.  The
 * signed copy reads the issued PDF back with poppler and draws its pages
 * onto a new cairo PDF (vector text stays text), then the certificate's.
 * Both are deterministic: the same certificate gives the same bytes.
 */
#ifndef PRUDENT_DOCS_CERTIFICATE_H
#define PRUDENT_DOCS_CERTIFICATE_H

#include "core/core.h"

/* One initial the signer placed. */
struct cert_initial {
	const char *clause;      /* "4.1" number and title, as the document prints it */
	const char *label;       /* what was initialled (a declined safeguard), may be "" */
	const char *text_sha256; /* of the exact text shown */
	const char *initials;    /* what the signer typed: "JD" */
	const char *at;          /* RFC 3339 UTC */
	const char *address, *user_agent;
	int64_t seq;             /* the event that records it */
};

/* One event of this acceptance (views, consent, initials, signature...). */
struct cert_event {
	int64_t seq;
	const char *at, *type, *actor, *hash;
};

struct doc_certificate {
	const char *provider, *customer;  /* legal names */
	const char *doc_id, *title;
	int64_t version;
	const char *pdf_sha256;           /* of the issued PDF that was accepted */
	const char *method;               /* "electronic signature", "wet-ink signature (scanned)", ... */
	const char *outcome;              /* "Signed", "Refused" */
	/* The signer. */
	const char *signer_name, *signer_title, *signer_email;
	const char *signed_at, *address, *user_agent, *auth_method;
	const char *attestation;          /* the authority statement they affirmed, or NULL */
	const char *refusal_reason;       /* when refused, or NULL */
	const char *scan_sha256;          /* wet ink: the scan's hash, or NULL */
	/* Consent to do business electronically (NULL for wet ink). */
	const char *consent_sha256, *consent_at;
	const struct cert_initial *initials;
	size_t n_initials;
	const struct cert_event *events;
	size_t n_events;
	/* The tenant's signed checkpoint that covers the acceptance. */
	const char *public_key;           /* Ed25519, hex */
	int64_t checkpoint_seq;
	const char *checkpoint_hash, *checkpoint_signature, *checkpoint_at;
	const char *generated_at;         /* RFC 3339; the certificate's own date */
};

/* The certificate alone, as a PDF (one or more pages), appended to out. */
int doc_certificate_pdf(const struct doc_certificate *c, struct str *out, struct err *e);

/* The signed copy: every page of pdf (the issued document) with a footer
 * line "Accepted by NAME, TITLE on DATE - certificate follows" drawn above
 * its own footer, then the certificate's pages.  ERR_INPUT when pdf cannot
 * be read as a PDF. */
int doc_signed_copy_pdf(const void *pdf, size_t len, const struct doc_certificate *c,
			struct str *out, struct err *e);

#endif
