-- 0001: the database itself and its tenants (MSPs).
--
-- schema_version is created by the migration runner, not here.  Every table of
-- tenant data carries tenant_id; the tenant table's own key is that id.

CREATE TABLE tenant (
	tenant_id  TEXT PRIMARY KEY,              -- UUID
	name       TEXT NOT NULL,
	created_at TEXT NOT NULL                  -- RFC 3339 UTC
) STRICT;
