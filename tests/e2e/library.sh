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

# The clause library: listed in agreement order, one clause shown, old
# versions reachable, bad requests named.
run 0 library clauses
golden library-clauses.txt out.txt
run 0 library clauses --json
contains out.txt '"id": "declined-safeguards"'
contains out.txt '"when": "framework pci-dss-4.0.1"'
run 0 library clause liability-cap
contains out.txt "Limitation of liability (liability-cap), version 1 of 1"
contains out.txt "{{cap.months}} MONTHS"
contains out.txt "In plain words:"
run 0 library clause declined-safeguards 1 --json
contains out.txt '"initials": true'
run 1 library clause liability-cap 9
contains err.txt "clause liability-cap has no version 9 (the current one is 1)"
run 1 library clause liability-cap two
contains err.txt "the version must be a whole number from 1, not 'two'"
run 1 library clause nothing
contains err.txt "no clause 'nothing'"
run 1 library clause
contains err.txt "usage: prudent library clause ID [VERSION]"

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

# Export the built-in library, add licensed text, and use it.
run 0 library export exported
contains out.txt "Wrote the built-in library"
run 1 library export exported
contains err.txt "exported is not empty"
mkdir -p exported/texts
cat >exported/texts/iso-27001-2022.yaml <<'YAML'
framework: iso-27001-2022
licensed_to: "Example MSP, ISO licence"
texts:
  - {control: A.5.1, text: "The licensed words."}
YAML
run 0 library check exported
run 0 library show iso-27001-2022 A.5.1 --library exported
contains out.txt "Official text (licensed to Example MSP, ISO licence): The licensed words."
cat >>exported/texts/iso-27001-2022.yaml <<'YAML'
  - {control: A.9.9, text: "No such control."}
YAML
run 1 library check exported
contains out.txt "texts/iso-27001-2022.yaml:5: licensed text for control 'A.9.9', which iso-27001-2022 does not have"

# Coverage and crosswalks.
run 0 library coverage --json
contains out.txt '"id": "hipaa-security"'
run 0 library coverage
contains out.txt "FRAMEWORK                ASSESSABLE   MAPPED  COVERED"
run 0 crosswalk hipaa-security nist-csf-2.0 --json
contains out.txt '"from": "hipaa-security"'
contains out.txt '"to": "nist-csf-2.0"'
run 0 crosswalk cmmc-2.0 nist-800-171-r2 --csv
contains out.txt "from,to,relationship,via"
contains out.txt "AC.L2-3.1.1,3.1.1,equal,"
run 1 crosswalk hipaa-security
contains err.txt "'prudent crosswalk' needs more arguments"
run 1 crosswalk hipaa-security nope
contains err.txt "no framework 'nope'"
run 1 crosswalk gdpr gdpr
contains err.txt "two different frameworks"
run 1 crosswalk gdpr nist-csf-2.0 --json --csv
contains err.txt "choose one of --json and --csv"

finish
