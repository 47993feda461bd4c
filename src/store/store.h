/*
 * store.h - the database interface.
 *
 * Callers see one small, backend-neutral API: open a database, prepare a
 * statement, bind values, step through rows.  SQLite is the embedded default; a
 * PostgreSQL backend plugs in behind the same functions (store_backend in
 * store_impl.h), chosen by the target string, so no caller changes when an MSP
 * moves to it.  The rules callers follow so that holds:
 *
 *   - SQL uses '?' placeholders, numbered from 1 in order of appearance; a
 *     backend that wants $1, $2 rewrites them;
 *   - values go only through store_bind_*, never into the SQL text;
 *   - times are stored as RFC 3339 UTC text, identifiers as UUID text, booleans
 *     as 0/1 integers: types both dialects share;
 *   - SQL sticks to the common subset (no AUTOINCREMENT, no RETURNING tricks
 *     that only one side has); each backend has its own migrations.
 *
 * Every table of tenant data carries tenant_id; only schema_version, which
 * describes the database itself, does not.
 */
#ifndef PRUDENT_STORE_H
#define PRUDENT_STORE_H

#include <jansson.h>

#include "core/core.h"

struct store;
struct store_stmt;

enum store_flags {
	STORE_CREATE = 1 << 0,   /* create the database if it does not exist */
	STORE_READONLY = 1 << 1, /* no writes (GET handlers, reports) */
};

/* Result of store_step besides errors. */
enum { STORE_DONE = 0, STORE_ROW = 1 };

/*
 * Open the database named by target: a file path for SQLite (the default), or a
 * postgres:// URL once that backend is built.  A read-write open applies any
 * migrations this build has and the database lacks, in one transaction.  Fails
 * with ERR_NOTFOUND when the database does not exist (and STORE_CREATE is not
 * given), ERR_TOO_NEW when a newer Prudent wrote it, ERR_INPUT when it is not a
 * Prudent database.  *out is closed with store_close.
 */
int store_open(const char *target, unsigned flags, struct store **out, struct err *e);
void store_close(struct store *db);

/* The name of the backend ("sqlite") and the schema version of the open database. */
const char *store_backend_name(const struct store *db);
int store_schema_version(struct store *db, int *version, struct err *e);
/* The version of the SQLite library linked in. */
const char *store_sqlite_version(void);
/* The newest schema version this build knows. */
int store_schema_latest(const struct store *db);

/* Run SQL without parameters or results (DDL, transaction control). */
int store_exec(struct store *db, const char *sql, struct err *e);

/* Transactions: a write transaction that takes its lock at once, so two writers
 * wait for each other (within the busy timeout) instead of failing mid-way. */
int store_begin(struct store *db, struct err *e);
int store_commit(struct store *db, struct err *e);
/* Roll back; safe to call after a failed statement, reports nothing. */
void store_rollback(struct store *db);

/* Prepare one statement; *out is finalised with store_finalize. */
int store_prepare(struct store *db, const char *sql, struct store_stmt **out, struct err *e);
/* Bind parameter idx (1-based).  text is copied; NULL binds SQL NULL. */
int store_bind_text(struct store_stmt *st, int idx, const char *text, struct err *e);
int store_bind_int(struct store_stmt *st, int idx, int64_t value, struct err *e);
int store_bind_null(struct store_stmt *st, int idx, struct err *e);
/* Bind bytes (copied). */
int store_bind_blob(struct store_stmt *st, int idx, const void *data, size_t len, struct err *e);
/* Advance: STORE_ROW with a row ready, STORE_DONE at the end, or a negative error. */
int store_step(struct store_stmt *st, struct err *e);
/* Column values of the current row (0-based).  Text is borrowed until the next
 * step or finalize; NULL for SQL NULL. */
const char *store_col_text(struct store_stmt *st, int col);
int64_t store_col_int(struct store_stmt *st, int col);
/* Bytes of a column and their length; borrowed like text. */
const void *store_col_blob(struct store_stmt *st, int col, size_t *len);
bool store_col_is_null(struct store_stmt *st, int col);
/* Copy column text into a fixed buffer ("" for NULL; cut at cap - 1 bytes). */
void store_col_copy(struct store_stmt *st, int col, char *dst, size_t cap);
/* Rewind for another execution with new bindings. */
int store_reset(struct store_stmt *st, struct err *e);
void store_finalize(struct store_stmt *st);

/* ------------------------------------------------------------ tenants */

/* An MSP using Prudent; one database can hold several. */
struct store_tenant {
	char id[UUID_STR_LEN];
	char name[256];
	char created_at[TIME_RFC3339_LEN];
};

/* Create a tenant named name (1-200 characters, no control characters). */
int store_tenant_create(struct store *db, const char *name, struct store_tenant *out,
			struct err *e);
/* List tenants, oldest first (by name within one second), into out[0..cap);
 * *n is the total number. */
int store_tenant_list(struct store *db, struct store_tenant *out, size_t cap, size_t *n,
		      struct err *e);

/* ------------------------------------------------------------ clients */

/* One of the MSP's customers. */
struct store_client {
	char id[UUID_STR_LEN];
	char tenant_id[UUID_STR_LEN];
	char slug[64];
	char name[256];
	char legal_name[256]; /* empty when not given */
	char created_at[TIME_RFC3339_LEN];
	char archived_at[TIME_RFC3339_LEN]; /* empty while active */
};

/* The first tenant: a one-MSP database has exactly one.  ERR_NOTFOUND (with
 * advice to run 'prudent init') when there is none. */
int store_tenant_default(struct store *db, struct store_tenant *out, struct err *e);
/* The tenant with this id; ERR_NOTFOUND if none. */
int store_tenant_get(struct store *db, const char *id, struct store_tenant *out, struct err *e);

/* Add a client; the slug is made from the name ("Bright Smile Dental" ->
 * "bright-smile-dental", "-2" and so on when taken) unless slug is given. */
int store_client_add(struct store *db, const char *tenant_id, const char *name,
		     const char *legal_name, const char *slug, const char *by,
		     struct store_client *out, struct err *e);
/* Find a client by slug or id; ERR_NOTFOUND when neither matches. */
int store_client_get(struct store *db, const char *tenant_id, const char *slug_or_id,
		     struct store_client *out, struct err *e);
/* Call fn for each client by name (archived ones too when all). */
int store_client_each(struct store *db, const char *tenant_id, bool all,
		      int (*fn)(const struct store_client *, void *), void *arg, struct err *e);
/* A stamp that changes whenever anything a client's matrix is computed from
 * changes: its profile, its changes, the MSP's floor policy and services. */
enum { STORE_STAMP_LEN = 96 };
int store_client_stamp(struct store *db, const struct store_client *c, char out[STORE_STAMP_LEN],
		       struct err *e);
/* The current profile version of each client of a tenant that has one. */
int store_profile_versions(struct store *db, const char *tenant_id,
			   int (*fn)(const char *client_id, int64_t version, void *arg), void *arg,
			   struct err *e);
/* Rename (and optionally re-slug) a client. */
int store_client_rename(struct store *db, struct store_client *c, const char *name,
			const char *slug, const char *by, struct err *e);
/* Archive a client: hidden from lists, kept with its history. */
int store_client_archive(struct store *db, struct store_client *c, const char *by,
			 struct err *e);

/* A stored version of a client's intake answers. */
struct store_profile {
	int version;
	char created_at[TIME_RFC3339_LEN];
	char created_by[128];
	char *answers; /* canonical JSON; freed by store_profile_clear */
	char profile_hash[80];
	char library_version[64];
	char *changes; /* JSON list of keys */
};

void store_profile_clear(struct store_profile *p);
/* Add the next version of a client's profile; *version receives its number. */
int store_profile_add(struct store *db, const struct store_client *c, const char *created_by,
		      const char *answers, const char *profile_hash, const char *library_version,
		      const char *changes, int *version, struct err *e);
/* The current (newest) profile; ERR_NOTFOUND when the client has none. */
int store_profile_current(struct store *db, const struct store_client *c, struct store_profile *out,
			  struct err *e);
/* Call fn for each version, oldest first (answers included). */
int store_profile_each(struct store *db, const struct store_client *c,
		       int (*fn)(const struct store_profile *, void *), void *arg, struct err *e);

/* ------------------------------------------------------------- matrix */

/* A versioned JSON record: an MSP's service definition, or its floor policy. */
struct store_record {
	char id[64]; /* the service id; empty for the policy */
	int version;
	char *data;  /* JSON; freed by store_record_clear */
	char created_at[TIME_RFC3339_LEN];
	char created_by[128];
};

void store_record_clear(struct store_record *r);
/* Add the next version of an MSP's service (a JSON definition). */
int store_service_add(struct store *db, const char *tenant_id, const char *service_id,
		      const char *definition, const char *created_by, int *version, struct err *e);
/* Call fn with the newest version of each of the MSP's services, by id. */
int store_service_each(struct store *db, const char *tenant_id,
		       int (*fn)(const struct store_record *, void *), void *arg, struct err *e);
/* Set the MSP's floor (a JSON list of {framework, variant}) as a new version. */
int store_policy_set(struct store *db, const char *tenant_id, const char *floor,
		     const char *created_by, int *version, struct err *e);
/* The current floor policy; ERR_NOTFOUND when the MSP never set one. */
int store_policy_current(struct store *db, const char *tenant_id, struct store_record *out,
			 struct err *e);

/* One change to a client's matrix. */
struct store_change {
	int seq;
	char kind[16];    /* subscribe, unsubscribe, assign, decide, tailor */
	char subject[64]; /* a service or safeguard id */
	char *data;       /* JSON */
	char created_at[TIME_RFC3339_LEN];
	char created_by[128];
};

/* Record a change; *seq receives its number. */
int store_change_add(struct store *db, const struct store_client *c, const char *kind,
		     const char *subject, const char *data, const char *created_by, int *seq,
		     struct err *e);
/* Call fn for each change of a client, oldest first. */
int store_change_each(struct store *db, const struct store_client *c,
		      int (*fn)(const struct store_change *, void *), void *arg, struct err *e);

/* A client's newest decision on one safeguard, for the dashboard. */
struct store_decision_row {
	const char *client_slug, *client_name, *safeguard;
	const char *data;       /* JSON: decision, by, reason, until */
	const char *created_at;
};
/* Call fn for the newest decision per client and safeguard of a tenant. */
int store_decisions_each(struct store *db, const char *tenant_id,
			 int (*fn)(const struct store_decision_row *row, void *arg), void *arg,
			 struct err *e);

/* ------------------------------------------------------------ settings */

/* Set (value non-NULL) or remove (NULL) a legal setting of the MSP (client_id
 * NULL) or of one client.  Keys and values are checked by the caller. */
int store_setting_set(struct store *db, const char *tenant_id, const char *client_id,
		      const char *key, const char *value, const char *by, struct err *e);
/* Call fn for each setting of the MSP (client_id NULL) or a client, by key. */
int store_setting_each(struct store *db, const char *tenant_id, const char *client_id,
		       int (*fn)(const char *key, const char *value, const char *updated_at,
				 const char *updated_by, void *arg),
		       void *arg, struct err *e);

/* ------------------------------------------------------------ issued documents */

struct store_doc_file {
	const char *format; /* md, html, pdf, docx */
	const char *sha256;
	const void *bytes;
	size_t len;
};

struct store_doc {
	const char *doc_id, *kind, *title, *source_sha256;
	const char *identity; /* JSON */
	const struct store_doc_file *files;
	size_t n_files;
};

/* The version the next issue of a client's documents gets (1 for the first). */
int store_doc_next_version(struct store *db, const struct store_client *c, int64_t *version,
			   struct err *e);
/* Store documents as one issue, version `version`, in one transaction;
 * ERR_CONFLICT when that version exists (another issue won the race). */
int store_doc_issue(struct store *db, const struct store_client *c, int64_t version,
		    const struct store_doc *docs, size_t n, const char *issued_by, struct err *e);

/* One issued document, for listing. */
struct store_doc_row {
	int64_t version;
	const char *doc_id, *kind, *title, *source_sha256, *identity, *issued_at, *issued_by;
	const char *client_id, *client_slug, *client_name;
};
/* Call fn for each issued document of a client, by version then doc_id. */
int store_doc_each(struct store *db, const struct store_client *c,
		   int (*fn)(const struct store_doc_row *row, void *arg), void *arg, struct err *e);
/* Call fn for each document of each active client's newest issue in a
 * tenant, by client name then doc_id. */
int store_doc_newest_each(struct store *db, const char *tenant_id,
			  int (*fn)(const struct store_doc_row *row, void *arg), void *arg,
			  struct err *e);
/* Each client's newest issue: when, and its version. */
int store_doc_last_issued(struct store *db, const char *tenant_id,
			  int (*fn)(const char *client_id, const char *issued_at, int64_t version,
				    void *arg),
			  void *arg, struct err *e);
/* One setting across a tenant: the MSP's (client_id "") and each client's. */
int store_setting_by_client(struct store *db, const char *tenant_id, const char *key,
			    int (*fn)(const char *client_id, const char *value, void *arg),
			    void *arg, struct err *e);
/* The bytes of one issued file, malloc'd into *out; ERR_NOTFOUND if none. */
int store_doc_file(struct store *db, const struct store_client *c, int64_t version,
		   const char *doc_id, const char *format, char **out, size_t *len, struct err *e);

/* ------------------------------------------------------------ accounts */

enum { STORE_PASSWORD_HASH_MAX = 128 };

/* A member of an MSP's staff. */
struct store_account {
	char id[UUID_STR_LEN];
	char tenant_id[UUID_STR_LEN];
	char email[256];  /* lower case */
	char role[16];    /* owner, admin, technician, readonly */
	char password_hash[STORE_PASSWORD_HASH_MAX];
	char created_at[TIME_RFC3339_LEN];
	bool disabled;
};

/* Add an account; ERR_CONFLICT when the email is taken.  The caller checks
 * the email and role and hashes the password. */
int store_account_add(struct store *db, const char *tenant_id, const char *email, const char *role,
		      const char *password_hash, const char *by, struct store_account *out,
		      struct err *e);
int store_account_get(struct store *db, const char *id, struct store_account *out, struct err *e);
/* ERR_NOTFOUND when no account has that (lower-case) email. */
int store_account_by_email(struct store *db, const char *email, struct store_account *out,
			   struct err *e);
/* Call fn for each account of a tenant, by email. */
int store_account_each(struct store *db, const char *tenant_id,
		       int (*fn)(const struct store_account *a, void *arg), void *arg,
		       struct err *e);
/* Accounts of a tenant, or of the whole database when tenant_id is NULL. */
int store_account_count(struct store *db, const char *tenant_id, int64_t *n, struct err *e);

/* A browser session with its account. */
struct store_session {
	char csrf[65];
	int64_t created_at, last_seen; /* Unix seconds */
	struct store_account account;
};

int store_session_add(struct store *db, const struct store_account *a, const char *token_hash,
		      const char *csrf, int64_t now, const char *address, const char *user_agent,
		      struct err *e);
/* ERR_NOTFOUND when no session has that token hash. */
int store_session_get(struct store *db, const char *token_hash, struct store_session *out,
		      struct err *e);
int store_session_touch(struct store *db, const char *token_hash, int64_t now, struct err *e);
int store_session_delete(struct store *db, const char *token_hash, struct err *e);
/* Delete sessions idle since before `before`. */
int store_session_expire(struct store *db, int64_t before, struct err *e);

/* An API token for an account; only its hash is stored. */
int store_token_add(struct store *db, const struct store_account *a, const char *token_hash,
		    const char *name, struct err *e);
/* The account of a live (unrevoked) token; ERR_NOTFOUND otherwise. */
int store_token_account(struct store *db, const char *token_hash, struct store_account *out,
			struct err *e);

/* ------------------------------------------------------------ events */

/* One event of a tenant's hash chain (docs/evidence.md).  Strings are
 * borrowed for the length of a callback. */
struct store_event {
	int64_t seq;
	const char *tenant_id, *at, *actor, *type, *client_id;
	const char *payload; /* JSON; NULL in an export that hides it */
	const char *payload_sha256, *prev_hash, *hash;
};

/* The hash before the first event. */
extern const char store_event_genesis[HASH_SHA256_HEX_LEN];

/* SHA-256 over the event's canonical encoding: everything but its own hash
 * and payload (the payload counts through payload_sha256). */
char *store_event_hash(const struct store_event *ev, char out[HASH_SHA256_HEX_LEN]);
/* Append an event to the tenant's chain, inside the caller's transaction when
 * there is one (so the change and its event stand or fall together).
 * client_id is NULL for the MSP's own events; payload is JSON text.  *seq (if
 * given) receives its number. */
int store_event_add(struct store *db, const char *tenant_id, const char *client_id,
		    const char *actor, const char *type, const char *payload, int64_t *seq,
		    struct err *e);
/* End a write begun with store_begin: when rc is 0, append the event that
 * records it (payload is taken, and written as canonical JSON) and commit;
 * otherwise, or if that fails, roll back.  Returns rc or the new error. */
int store_event_commit(struct store *db, int rc, const char *tenant_id, const char *client_id,
		       const char *actor, const char *type, json_t *payload, struct err *e);

/* Call fn for each event of the tenant with seq >= from, in order; only one
 * client's (client_id), or one type (type, or a prefix ending in '.'), when
 * given. */
int store_event_each(struct store *db, const char *tenant_id, const char *client_id,
		     const char *type, int64_t from,
		     int (*fn)(const struct store_event *ev, void *arg), void *arg, struct err *e);
/* The newest event's seq and hash (0 and the genesis hash when none). */
int store_event_head(struct store *db, const char *tenant_id, int64_t *seq,
		     char hash[HASH_SHA256_HEX_LEN], struct err *e);

/* The tenant's signing key: public key and sealed private key, in hex. */
struct store_key {
	char public_key[65];
	char sealed_key[256];
	char created_at[TIME_RFC3339_LEN];
};
/* ERR_NOTFOUND when the tenant has none yet. */
int store_key_get(struct store *db, const char *tenant_id, struct store_key *out, struct err *e);
int store_key_add(struct store *db, const char *tenant_id, const struct store_key *k,
		  struct err *e);

/* A signed checkpoint: the chain's head at seq. */
struct store_checkpoint {
	int64_t seq;
	const char *head_hash, *signed_at, *public_key, *signature;
};
int store_checkpoint_add(struct store *db, const char *tenant_id,
			 const struct store_checkpoint *cp, struct err *e);
/* Call fn for each checkpoint, by seq. */
int store_checkpoint_each(struct store *db, const char *tenant_id,
			  int (*fn)(const struct store_checkpoint *cp, void *arg), void *arg,
			  struct err *e);
/* The newest checkpoint's seq (0 when none) and when it was signed. */
int store_checkpoint_last(struct store *db, const char *tenant_id, int64_t *seq,
			  char signed_at[TIME_RFC3339_LEN], struct err *e);

/* ------------------------------------------------------------ contacts */

/* A person at a client who may accept its documents in the portal. */
struct store_contact {
	char id[UUID_STR_LEN];
	char tenant_id[UUID_STR_LEN];
	char client_id[UUID_STR_LEN];
	char email[256]; /* lower case */
	char name[256];
	char title[256];
	char password_hash[STORE_PASSWORD_HASH_MAX]; /* "" until the invitation is used */
	char created_at[TIME_RFC3339_LEN];
	bool disabled;
};

/* Add a contact; ERR_CONFLICT when the email is taken. */
int store_contact_add(struct store *db, const struct store_client *c, const char *tenant_id,
		      const char *email, const char *name, const char *title, const char *by,
		      struct store_contact *out, struct err *e);
int store_contact_get(struct store *db, const char *id, struct store_contact *out, struct err *e);
int store_contact_by_email(struct store *db, const char *email, struct store_contact *out,
			   struct err *e);
/* Call fn for each contact of a client, by email. */
int store_contact_each(struct store *db, const char *client_id,
		       int (*fn)(const struct store_contact *ct, void *arg), void *arg,
		       struct err *e);
/* Disable a contact (someone who left the client): their sessions end and
 * their invitations stop working; what they signed stays. */
int store_contact_disable(struct store *db, const struct store_contact *ct, const char *by,
			  struct err *e);
/* An invitation link's token (by hash), valid until expires_at (Unix seconds). */
int store_invite_add(struct store *db, const struct store_contact *ct, const char *token_hash,
		     int64_t now, int64_t expires_at, const char *by, struct err *e);
/* Use an invitation: set the contact's password if the token is unused and
 * unexpired, and mark it used, in one transaction; ERR_NOTFOUND otherwise. */
int store_invite_use(struct store *db, const char *token_hash, int64_t now,
		     const char *password_hash, struct store_contact *out, struct err *e);
/* The contact of an unused, unexpired invitation; ERR_NOTFOUND otherwise. */
int store_invite_contact(struct store *db, const char *token_hash, int64_t now,
			 struct store_contact *out, struct err *e);

/* A contact's browser session in the portal. */
struct store_portal_session {
	char csrf[65];
	int64_t created_at, last_seen;
	struct store_contact contact;
};
int store_portal_session_add(struct store *db, const struct store_contact *ct,
			     const char *token_hash, const char *csrf, int64_t now,
			     const char *address, const char *user_agent, struct err *e);
int store_portal_session_get(struct store *db, const char *token_hash,
			     struct store_portal_session *out, struct err *e);
int store_portal_session_touch(struct store *db, const char *token_hash, int64_t now,
			       struct err *e);
int store_portal_session_delete(struct store *db, const char *token_hash, struct err *e);

/* Keep the bytes of a scanned signed copy (a second upload of the same
 * bytes is a no-op). */
int store_scan_add(struct store *db, const struct store_client *c, const char *tenant_id,
		   const char *sha256, const char *media_type, const void *bytes, size_t len,
		   struct err *e);
/* malloc'd bytes of a scan, and its media type; ERR_NOTFOUND if none. */
int store_scan_get(struct store *db, const struct store_client *c, const char *sha256,
		   char **bytes, size_t *len, char media_type[64], struct err *e);

#endif /* PRUDENT_STORE_H */
