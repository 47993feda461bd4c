# library.sh - the library commands on the built-in library, a directory, and
# a directory of broken files.
. "$SOURCE_DIR/tests/support/e2e.sh"

run 0 library stats --json
# The hash changes with every edit of the content: compare the rest.
grep -v '"library_hash"' out.txt >stats.txt
golden library-stats.json stats.txt

run 0 library list
golden library-list.txt out.txt
run 0 library list --json
contains out.txt '"id": "nist-csf-2.0"'

run 0 library show nist-csf-2.0 PR.AA-03
golden library-show-pr-aa-03.txt out.txt
run 0 library show nist-csf-2.0 GV --json
contains out.txt '"children": ['
contains out.txt '"GV.OC"'
run 0 library show nist-csf-2.0
lines out.txt 141
contains out.txt "Controls: 6 function, 22 category, 106 subcategory (106 assessed)"

run 0 library check
contains out.txt "The library in built-in is valid: version"

# The same library from a directory, by argument, option and environment.
run 0 library check "$SOURCE_DIR/library"
contains out.txt "The library in $SOURCE_DIR/library is valid"
run 0 library stats --json --library "$SOURCE_DIR/library"
grep -v '"library_hash"\|"origin"' out.txt >dir.txt
grep -v '"origin"' stats.txt >builtin.txt
cmp -s dir.txt builtin.txt || fail "the directory and the built-in library differ"
PRUDENT_LIBRARY="$SOURCE_DIR/library" run 0 library stats --json
contains out.txt "\"origin\": \"$SOURCE_DIR/library\""

# Broken files: every problem reported with file and line, exit 1, no crash.
broken="$SOURCE_DIR/tests/fixtures/library-broken"
run 1 library check "$broken"
golden library-check-broken.txt out.txt
contains err.txt "has 34 problems"
run 1 library check "$broken" --json
contains out.txt '"valid": false'
contains out.txt '"file": "frameworks/dup-ids.yaml",'
contains out.txt '"line": 19,'
contains out.txt '"message": "duplicate control ID '"'"'AC-1'"'"' in dup-ids (first at line 17)"'
run 0 library check --json
contains out.txt '"valid": true'
contains out.txt '"problems": []'
run 1 library list --library "$broken"
contains err.txt "frameworks/dup-ids.yaml:19: duplicate control ID 'AC-1'"
run 1 library check /nonexistent
contains err.txt "no library directory at /nonexistent"

# A library that is only a manifest is valid, if empty.
mkdir -p minimal
printf 'version: "0"\ncategories: []\n' >minimal/library.yaml
run 0 library check minimal
contains out.txt "0 frameworks with 0 controls, 0 safeguards, 0 mappings"

finish
