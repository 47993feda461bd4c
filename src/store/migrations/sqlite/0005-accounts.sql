-- 0005: staff accounts, their browser sessions and API tokens.
--
-- account: one person at one MSP; email is unique across the database so a
-- login names no tenant.  password_hash is an argon2id string (libsodium's
-- crypto_pwhash_str).  session and api_token keep only the SHA-256 of the
-- secret the browser or integration holds: a stolen database holds no
-- usable credential.  Times in session are Unix seconds, for expiry checks.

CREATE TABLE account (
	tenant_id     TEXT NOT NULL REFERENCES tenant (tenant_id),
	account_id    TEXT PRIMARY KEY,          -- UUID
	email         TEXT NOT NULL UNIQUE,      -- lower case
	role          TEXT NOT NULL CHECK (role IN ('owner', 'admin', 'technician', 'readonly')),
	password_hash TEXT NOT NULL,
	created_at    TEXT NOT NULL,
	created_by    TEXT NOT NULL,
	disabled_at   TEXT
) STRICT;

CREATE TABLE session (
	tenant_id  TEXT NOT NULL REFERENCES tenant (tenant_id),
	token_hash TEXT PRIMARY KEY,             -- SHA-256 of the cookie value
	account_id TEXT NOT NULL REFERENCES account (account_id),
	csrf       TEXT NOT NULL,                -- the token every form of the session carries
	created_at INTEGER NOT NULL,
	last_seen  INTEGER NOT NULL,
	address    TEXT NOT NULL,
	user_agent TEXT NOT NULL
) STRICT;

CREATE TABLE api_token (
	tenant_id  TEXT NOT NULL REFERENCES tenant (tenant_id),
	token_hash TEXT PRIMARY KEY,             -- SHA-256 of the bearer token
	account_id TEXT NOT NULL REFERENCES account (account_id),
	name       TEXT NOT NULL,
	created_at TEXT NOT NULL,
	revoked_at TEXT
) STRICT;
