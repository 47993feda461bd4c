-- 0004: legal settings and issued documents.
--
-- setting: the MSP's and each client's legal settings (names, addresses,
-- governing law, liability cap, review cadence, signatories); client_id is ''
-- for the MSP's own.  Current values only; who changed one and when is kept.
--
-- document: each issued document (the agreement, an addendum, the
-- risk-acceptance letter, the summary), numbered per client: `prudent issue`
-- freezes every applicable document of a client as version N.  identity is
-- JSON: the clauses used (id, version, SHA-256) and the rendered files' hashes.
-- document_file: the rendered bytes of each format.  Both are append-only.

CREATE TABLE setting (
	tenant_id  TEXT NOT NULL REFERENCES tenant (tenant_id),
	client_id  TEXT NOT NULL,            -- '' for the MSP's settings
	key        TEXT NOT NULL,
	value      TEXT NOT NULL,
	updated_at TEXT NOT NULL,
	updated_by TEXT NOT NULL,
	PRIMARY KEY (tenant_id, client_id, key)
) STRICT;

CREATE TABLE document (
	tenant_id     TEXT NOT NULL REFERENCES tenant (tenant_id),
	client_id     TEXT NOT NULL REFERENCES client (client_id),
	version       INTEGER NOT NULL,
	doc_id        TEXT NOT NULL,
	kind          TEXT NOT NULL,
	title         TEXT NOT NULL,
	source_sha256 TEXT NOT NULL,
	identity      TEXT NOT NULL,         -- JSON
	issued_at     TEXT NOT NULL,
	issued_by     TEXT NOT NULL,
	PRIMARY KEY (client_id, version, doc_id)
) STRICT;

CREATE TABLE document_file (
	tenant_id TEXT NOT NULL REFERENCES tenant (tenant_id),
	client_id TEXT NOT NULL,
	version   INTEGER NOT NULL,
	doc_id    TEXT NOT NULL,
	format    TEXT NOT NULL,             -- md, html, pdf, docx
	sha256    TEXT NOT NULL,
	bytes     BLOB NOT NULL,
	PRIMARY KEY (client_id, version, doc_id, format),
	FOREIGN KEY (client_id, version, doc_id) REFERENCES document (client_id, version, doc_id)
) STRICT;

CREATE TRIGGER document_frozen BEFORE UPDATE ON document
BEGIN SELECT RAISE(ABORT, 'an issued document never changes'); END;
CREATE TRIGGER document_kept BEFORE DELETE ON document
BEGIN SELECT RAISE(ABORT, 'an issued document is never deleted'); END;
CREATE TRIGGER document_file_frozen BEFORE UPDATE ON document_file
BEGIN SELECT RAISE(ABORT, 'an issued document never changes'); END;
CREATE TRIGGER document_file_kept BEFORE DELETE ON document_file
BEGIN SELECT RAISE(ABORT, 'an issued document is never deleted'); END;
