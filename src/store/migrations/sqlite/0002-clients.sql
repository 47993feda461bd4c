-- 0002: clients (the MSP's customers) and their intake profiles.
--
-- A profile is stored as versions: every change of answers adds a row, the
-- highest version is current, and no row is ever updated, so what the client
-- said, when and to whom can always be shown.

CREATE TABLE client (
	tenant_id   TEXT NOT NULL REFERENCES tenant (tenant_id),
	client_id   TEXT PRIMARY KEY,             -- UUID
	slug        TEXT NOT NULL,                -- short name for the command line
	name        TEXT NOT NULL,
	legal_name  TEXT,
	created_at  TEXT NOT NULL,
	archived_at TEXT,                         -- NULL while active
	UNIQUE (tenant_id, slug)
) STRICT;

CREATE TABLE profile_version (
	tenant_id       TEXT NOT NULL REFERENCES tenant (tenant_id),
	client_id       TEXT NOT NULL REFERENCES client (client_id),
	version         INTEGER NOT NULL,         -- 1, 2, ...
	created_at      TEXT NOT NULL,
	created_by      TEXT NOT NULL,            -- who recorded the answers
	answers         TEXT NOT NULL,            -- canonical JSON (sorted keys)
	profile_hash    TEXT NOT NULL,            -- sha256: of answers
	library_version TEXT NOT NULL,            -- the questionnaire it was checked against
	changes         TEXT NOT NULL,            -- JSON list of the keys that changed
	PRIMARY KEY (client_id, version)
) STRICT;

CREATE INDEX client_by_tenant ON client (tenant_id, archived_at, name);
