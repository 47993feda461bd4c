/*
 * evidence.h - what lets an MSP prove, years later and without trusting its
 * own database, what a client was shown and what it accepted or declined.
 *
 *   - The event log (store/event.c) chains every change by SHA-256.
 *   - Each tenant has an Ed25519 key; its private half is sealed with a key
 *     file kept outside the database.  Checkpoints sign the chain's head at
 *     each completed acceptance and at intervals.
 *   - Acceptances (accept.c) are events: consent, initials, signature,
 *     refusal, wet-ink and verbal records; a document's state is read from
 *     them, so nothing half-written can show as signed.
 *   - Verification (verify.c) re-derives every hash and signature from an
 *     evidence set loaded from the database or from a bundle (bundle.c).
 *
 * docs/evidence.md gives the encodings, so anyone can check a bundle
 * without Prudent.
 */
#ifndef PRUDENT_EVIDENCE_H
#define PRUDENT_EVIDENCE_H

#include <jansson.h>

#include "core/core.h"
#include "docs/certificate.h"
#include "store/store.h"

/* A string member of a JSON object, or "" (for reading event payloads). */
const char *ev_json_str(json_t *o, const char *key);

/* ------------------------------------------------ the signing key */

enum { EV_SECRET_KEY_BYTES = 64, EV_PUBLIC_HEX = 65, EV_SIGNATURE_HEX = 129 };

struct ev_key {
	char public_key[EV_PUBLIC_HEX];
	unsigned char secret[EV_SECRET_KEY_BYTES];
};

/* The key file for a database: $PRUDENT_KEY_FILE, else the database's path
 * with ".key" added; into buf. */
const char *ev_key_path(const char *db_path, char *buf, size_t cap);
/* Unseal the tenant's key with the key file.  The first time (the tenant has
 * no key), create the key file (mode 0600) if it does not exist, make the
 * key pair, store it sealed and record a "key.created" event.  ERR_NOTFOUND
 * naming the file when it is missing but the tenant has a key; ERR_INPUT
 * when the file does not open the sealed key. */
int ev_key_open(struct store *db, const char *tenant_id, const char *key_path, struct ev_key *k,
		struct err *e);
void ev_key_wipe(struct ev_key *k);

/* The message a checkpoint signs (docs/evidence.md), into out. */
void ev_checkpoint_message(const char *tenant_id, int64_t seq, const char *head_hash,
			   const char *signed_at, struct str *out);
/* Sign the chain's head now, inside the caller's transaction if any; a
 * no-op when the head is signed already.  *seq (if given) gets the head. */
int ev_checkpoint(struct store *db, const char *tenant_id, const struct ev_key *k, int64_t *seq,
		  struct err *e);
/* Sign a checkpoint when one is due: 100 events since the last, or an hour
 * and at least one event.  Opens the key itself. */
int ev_checkpoint_due(struct store *db, const char *tenant_id, const char *key_path,
		      struct err *e);

/* ------------------------------------------------ verification */

struct ev_file {
	const char *format, *sha256; /* sha256 as stored beside the bytes */
	const void *bytes;
	size_t len;
};

/* An issued document as stored (the columns of document and document_file). */
struct ev_document {
	const char *client_id, *doc_id, *kind, *title, *source_sha256, *identity;
	const char *issued_at, *issued_by;
	int64_t version;
	struct ev_file *files;
	size_t n_files;
};

struct ev_scan {
	const char *client_id, *sha256, *media_type;
	const void *bytes;
	size_t len;
};

/* Everything verification reads.  All of it lives in `arena`. */
struct ev_set {
	struct arena *arena;
	const char *tenant_id;
	const char *public_key; /* the tenant_key row's (or the bundle's) */
	struct store_event *events;
	size_t n_events;
	struct store_checkpoint *checkpoints;
	size_t n_checkpoints;
	struct ev_document *docs;
	size_t n_docs;
	struct ev_scan *scans;
	size_t n_scans;
	/* A bundle holds one client's documents and scans: events of other
	 * clients' documents are not expected to have them. */
	const char *only_client;
};

/* Load a tenant's whole evidence from the database. */
int ev_load(struct store *db, const char *tenant_id, struct arena *a, struct ev_set *s,
	    struct err *e);

/* What verification found. */
struct ev_report {
	size_t n_events, n_checkpoints, n_docs, n_scans, n_acceptances;
	int64_t head_seq, signed_seq; /* the chain's end, and the newest checkpoint's */
	size_t n_problems;
	json_t *problems; /* [{"seq": N or null, "what": "..."}] */
};

/* Check every hash, link and signature, and every document, scan and
 * acceptance against the events that recorded it.  Each problem names the
 * event it breaks.  The report is released with ev_report_free. */
void ev_verify(const struct ev_set *s, struct ev_report *r);
void ev_report_free(struct ev_report *r);

/* Write a client's evidence bundle, a ZIP archive, to path (bundle.c lists
 * what it holds); the manifest is signed with k.  provider and customer are
 * the parties' legal names, for the certificates. */
int ev_bundle_write(struct store *db, const struct store_tenant *t, const struct store_client *c,
		    const struct ev_key *k, const char *provider, const char *customer,
		    const char *path, struct err *e);
/* Read a bundle into an evidence set for ev_verify.  Problems of the bundle
 * itself (a file whose hash is not the manifest's, an unlisted file, a bad
 * manifest signature) go into *pre, which the caller frees with
 * ev_report_free.  ERR_INPUT when it is not a bundle at all. */
int ev_bundle_read(const char *path, struct arena *a, struct ev_set *s, struct ev_report *pre,
		   struct err *e);

/* ------------------------------------------------ acceptances */

/* The text a contact agrees to before signing electronically, and its SHA-256. */
extern const char ev_consent_text[];
const char *ev_consent_sha256(void);

/* How one issued document stands with the client. */
enum ev_state {
	EV_AWAITING,        /* issued, nobody has accepted or refused it */
	EV_AWAITING_COPY,   /* explained in a walkthrough; the signed copy is still due */
	EV_SIGNED,          /* signed in the portal or on paper */
	EV_REFUSED,
	EV_SUPERSEDED,      /* a newer version was issued before this one was signed */
	EV_NO_SIGNATURE,    /* the summary: for reading, not signing */
};
const char *ev_state_name(enum ev_state s);

/* Who is acting, for the events: a portal contact or a staff member. */
struct ev_actor {
	const char *actor;       /* email */
	const char *contact_id;  /* a portal contact, or NULL for staff */
	const char *name, *title;
	const char *address, *user_agent;
	const char *auth;        /* "password (portal)", "password (staff)", "API token", "command line" */
};

/* One issued document of a client, with how it stands. */
struct ev_doc_status {
	const char *client_id, *client_slug, *client_name;
	int64_t version;
	const char *doc_id, *kind, *title, *issued_at, *pdf_sha256;
	const char *source_sha256; /* the document hash printed on its pages */
	enum ev_state state;
	int64_t decided_seq;   /* the event that signed or refused it, 0 if none */
	const char *decided_at, *decided_by;
	bool needs_signature;
};
/* Every issued document of a client, newest version first, with its state. */
int ev_doc_statuses(struct store *db, const struct store_client *c, struct arena *a,
		    struct ev_doc_status **out, size_t *n, struct err *e);
/* The documents of every active client's newest issue, with their states,
 * by client name (two queries, for the dashboard and 'prudent due'). */
int ev_tenant_statuses(struct store *db, const char *tenant_id, struct arena *a,
		       struct ev_doc_status **out, size_t *n, struct err *e);

/* The clauses as the portal shows them (the issued "json" file), parsed. */
int ev_clauses(struct store *db, const struct store_client *c, int64_t version,
	       const char *doc_id, json_t **out, struct err *e);

/* What one contact has done so far on one document: whether they consented,
 * and which marks (by id) they initialled, with the initials' events. */
struct ev_progress {
	int64_t consent_seq;
	json_t *initialled; /* {"mark id": {"seq", "at", "initials"}} */
	int64_t viewed_seq;
};
int ev_progress(struct store *db, const struct store_client *c, const char *contact_id,
		int64_t version, const char *doc_id, struct ev_progress *p, struct err *e);
void ev_progress_free(struct ev_progress *p);

/* Record a view, consent, an initial, a signature or a refusal.  Each checks
 * the document is the newest version and still awaits acceptance; a
 * signature also checks consent and every mark's initials, and is recorded
 * with a signed checkpoint in one transaction.  ERR_INPUT / ERR_CONFLICT
 * with a message for the person. */
int ev_record_view(struct store *db, const struct store_client *c, const struct ev_actor *who,
		   int64_t version, const char *doc_id, struct err *e);
int ev_record_consent(struct store *db, const struct store_client *c, const struct ev_actor *who,
		      struct err *e);
/* Withdraw consent: signing electronically needs it given again. */
int ev_record_withdrawal(struct store *db, const struct store_client *c,
			 const struct ev_actor *who, struct err *e);
int ev_record_initial(struct store *db, const struct store_client *c, const struct ev_actor *who,
		      int64_t version, const char *doc_id, const char *mark, const char *initials,
		      struct err *e);
struct ev_signature {
	const char *name, *title;
	bool attest;             /* affirmed authority to bind the company */
};
int ev_record_signature(struct store *db, const struct store_client *c,
			const struct ev_actor *who, int64_t version, const char *doc_id,
			const struct ev_signature *sig, const struct ev_key *k, int64_t *seq,
			struct err *e);
int ev_record_refusal(struct store *db, const struct store_client *c, const struct ev_actor *who,
		      int64_t version, const char *doc_id, const char *reason,
		      const struct ev_key *k, struct err *e);

/* Other ways to agree, recorded by staff. */
struct ev_wet_ink {
	const char *signer, *title;
	const char *signed_on;   /* YYYY-MM-DD */
	const char *media_type;  /* application/pdf, image/png, image/jpeg */
	const void *scan;
	size_t scan_len;
};
int ev_record_wet_ink(struct store *db, const struct store_client *c, const struct ev_actor *who,
		      int64_t version, const char *doc_id, const struct ev_wet_ink *w,
		      const struct ev_key *k, struct err *e);
struct ev_walkthrough {
	const char *explained_by, *attended, *notes;
	const char *held_on;     /* YYYY-MM-DD */
};
int ev_record_walkthrough(struct store *db, const struct store_client *c,
			  const struct ev_actor *who, int64_t version, const char *doc_id,
			  const struct ev_walkthrough *w, struct err *e);

/* The certificate of a signed or refused document, gathered from its events
 * (provider and customer are the parties' legal names); ERR_NOTFOUND when it
 * was neither signed nor refused. */
int ev_certificate(struct store *db, const struct store_client *c, const char *provider,
		   const char *customer, int64_t version, const char *doc_id, struct arena *a,
		   struct doc_certificate *out, struct err *e);

/* The incorporation line for statements of work and invoices:
 * "This ... incorporates the Standard of Care Agreement (ACME.agreement,
 * version 3, SHA-256 ...) issued on ...". */
int ev_reference(struct store *db, const struct store_client *c, const char *doc_id,
		 int64_t version, struct str *out, struct err *e);

#endif
