-- 0003: what the responsibility matrix is built from, all append-only.
--
-- service_version: services an MSP edited or added (a JSON definition in the
-- format of library/services/*.yaml); the newest version of an id wins over the
-- library's.  policy_version: the MSP's standard-of-care floor.  client_change:
-- every change to a client's matrix (subscribe, unsubscribe, assign, decide,
-- tailor), with who and when; the current matrix is these changes replayed in
-- order, so the history is the record.

CREATE TABLE service_version (
	tenant_id  TEXT NOT NULL REFERENCES tenant (tenant_id),
	service_id TEXT NOT NULL,
	version    INTEGER NOT NULL,
	definition TEXT NOT NULL,            -- JSON
	created_at TEXT NOT NULL,
	created_by TEXT NOT NULL,
	PRIMARY KEY (tenant_id, service_id, version)
) STRICT;

CREATE TABLE policy_version (
	tenant_id  TEXT NOT NULL REFERENCES tenant (tenant_id),
	version    INTEGER NOT NULL,
	floor      TEXT NOT NULL,            -- JSON list of {framework, variant}
	created_at TEXT NOT NULL,
	created_by TEXT NOT NULL,
	PRIMARY KEY (tenant_id, version)
) STRICT;

CREATE TABLE client_change (
	tenant_id  TEXT NOT NULL REFERENCES tenant (tenant_id),
	client_id  TEXT NOT NULL REFERENCES client (client_id),
	seq        INTEGER NOT NULL,         -- 1, 2, ... per client
	kind       TEXT NOT NULL,            -- subscribe, unsubscribe, assign, decide, tailor
	subject    TEXT NOT NULL,            -- a service or safeguard id
	data       TEXT NOT NULL,            -- JSON: what was set
	created_at TEXT NOT NULL,
	created_by TEXT NOT NULL,
	PRIMARY KEY (client_id, seq)
) STRICT;
