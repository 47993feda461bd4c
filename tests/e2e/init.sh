# init.sh - creating databases: defaults, idempotence, refusals.
. "$SOURCE_DIR/tests/support/e2e.sh"

# Default path ./prudent.db, then $PRUDENT_DB, then --db.
run 0 init
[ -f prudent.db ] || fail "init did not create ./prudent.db"
contains out.txt "Initialised prudent.db (schema version 6) for My MSP (tenant "
PRUDENT_DB=env.db run 0 init --name "Env MSP"
[ -f env.db ] || fail "init ignored PRUDENT_DB"
PRUDENT_DB=env.db run 0 init --db flag.db --name "Flag MSP"
[ -f flag.db ] || fail "--db did not win over PRUDENT_DB"
contains out.txt "for Flag MSP"

# Again: nothing changes, the first tenant stays.
run 0 init --db flag.db --name "Another name" --json
contains out.txt '"created_tenant": false'
contains out.txt '"name": "Flag MSP"'
contains out.txt '"schema_version": 6'
contains out.txt '"backend": "sqlite"'

# Names are checked.
run 1 init --db bad.db --name ""
contains err.txt "a tenant name must have 1 to 200 characters"
run 1 init --db bad2.db --name "$(printf 'two\nlines')"
contains err.txt "control character"

# A file that is not a Prudent database is refused, and left alone.
echo "not a database at all, just text" >notes.txt
cp notes.txt notes.orig
run 1 init --db notes.txt
contains err.txt "notes.txt"
cmp -s notes.txt notes.orig || fail "init changed a file that is not a database"
run 1 init --db /nonexistent-dir/x.db
contains err.txt "cannot open /nonexistent-dir/x.db"
run 1 init --db postgres://localhost/prudent
contains err.txt "no PostgreSQL backend"

finish
