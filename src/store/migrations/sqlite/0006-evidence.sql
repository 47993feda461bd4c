-- 0006: the evidence: the event log, the tenant's signing key and its signed
-- checkpoints, client contacts and their portal, and scanned signed copies.
--
-- event: one tenant's hash chain (docs/evidence.md gives the encoding).  seq
-- counts from 1 with no gaps; prev_hash is the previous event's hash (64
-- zeros for the first); payload_sha256 lets an exported event hide another
-- client's payload and still verify.  Nothing here is ever updated or deleted.
--
-- tenant_key: the tenant's Ed25519 key; the private half is sealed
-- (XSalsa20-Poly1305) with a key file kept outside the database.
-- checkpoint: the chain's head at seq, signed with that key.
--
-- contact: a person at one client who may sign for it; invite: single-use
-- links that let a contact set a password; portal_session: a contact's
-- signed-in browser (as session, for staff).  scan: the bytes of a wet-ink
-- signed copy, kept as uploaded.

CREATE TABLE event (
	tenant_id      TEXT NOT NULL REFERENCES tenant (tenant_id),
	seq            INTEGER NOT NULL CHECK (seq >= 1),
	at             TEXT NOT NULL,            -- RFC 3339 UTC with milliseconds
	actor          TEXT NOT NULL,
	type           TEXT NOT NULL,
	client_id      TEXT NOT NULL,            -- '' for the MSP's own events
	payload        TEXT NOT NULL,            -- JSON
	payload_sha256 TEXT NOT NULL,
	prev_hash      TEXT NOT NULL,
	hash           TEXT NOT NULL,
	PRIMARY KEY (tenant_id, seq)
) STRICT;
CREATE INDEX event_client ON event (client_id, type);

CREATE TABLE tenant_key (
	tenant_id  TEXT PRIMARY KEY REFERENCES tenant (tenant_id),
	public_key TEXT NOT NULL,                -- hex
	sealed_key TEXT NOT NULL,                -- hex: nonce then ciphertext
	created_at TEXT NOT NULL
) STRICT;

CREATE TABLE checkpoint (
	tenant_id  TEXT NOT NULL REFERENCES tenant (tenant_id),
	seq        INTEGER NOT NULL,
	head_hash  TEXT NOT NULL,
	signed_at  TEXT NOT NULL,
	public_key TEXT NOT NULL,
	signature  TEXT NOT NULL,                -- hex Ed25519 over docs/evidence.md's message
	PRIMARY KEY (tenant_id, seq)
) STRICT;

CREATE TABLE contact (
	tenant_id     TEXT NOT NULL REFERENCES tenant (tenant_id),
	contact_id    TEXT PRIMARY KEY,
	client_id     TEXT NOT NULL REFERENCES client (client_id),
	email         TEXT NOT NULL UNIQUE,      -- lower case
	name          TEXT NOT NULL,
	title         TEXT NOT NULL,
	password_hash TEXT,                      -- NULL until the invitation is used
	created_at    TEXT NOT NULL,
	created_by    TEXT NOT NULL,
	disabled_at   TEXT
) STRICT;

CREATE TABLE invite (
	token_hash TEXT PRIMARY KEY,             -- SHA-256 of the link's token
	tenant_id  TEXT NOT NULL REFERENCES tenant (tenant_id),
	contact_id TEXT NOT NULL REFERENCES contact (contact_id),
	created_at INTEGER NOT NULL,             -- Unix seconds
	expires_at INTEGER NOT NULL,
	used_at    INTEGER
) STRICT;

CREATE TABLE portal_session (
	token_hash TEXT PRIMARY KEY,
	tenant_id  TEXT NOT NULL REFERENCES tenant (tenant_id),
	contact_id TEXT NOT NULL REFERENCES contact (contact_id),
	csrf       TEXT NOT NULL,
	created_at INTEGER NOT NULL,
	last_seen  INTEGER NOT NULL,
	address    TEXT NOT NULL,
	user_agent TEXT NOT NULL
) STRICT;

CREATE TABLE scan (
	tenant_id  TEXT NOT NULL REFERENCES tenant (tenant_id),
	client_id  TEXT NOT NULL REFERENCES client (client_id),
	sha256     TEXT NOT NULL,
	media_type TEXT NOT NULL,
	bytes      BLOB NOT NULL,
	PRIMARY KEY (client_id, sha256)
) STRICT;

CREATE TRIGGER event_frozen BEFORE UPDATE ON event
BEGIN SELECT RAISE(ABORT, 'an event never changes'); END;
CREATE TRIGGER event_kept BEFORE DELETE ON event
BEGIN SELECT RAISE(ABORT, 'an event is never deleted'); END;
CREATE TRIGGER tenant_key_frozen BEFORE UPDATE ON tenant_key
BEGIN SELECT RAISE(ABORT, 'a signing key never changes'); END;
CREATE TRIGGER tenant_key_kept BEFORE DELETE ON tenant_key
BEGIN SELECT RAISE(ABORT, 'a signing key is never deleted'); END;
CREATE TRIGGER checkpoint_frozen BEFORE UPDATE ON checkpoint
BEGIN SELECT RAISE(ABORT, 'a checkpoint never changes'); END;
CREATE TRIGGER checkpoint_kept BEFORE DELETE ON checkpoint
BEGIN SELECT RAISE(ABORT, 'a checkpoint is never deleted'); END;
CREATE TRIGGER scan_frozen BEFORE UPDATE ON scan
BEGIN SELECT RAISE(ABORT, 'a signed copy never changes'); END;
CREATE TRIGGER scan_kept BEFORE DELETE ON scan
BEGIN SELECT RAISE(ABORT, 'a signed copy is never deleted'); END;
