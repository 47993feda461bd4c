# cli.sh - the command line: dispatch, help, options, exit codes.
. "$SOURCE_DIR/tests/support/e2e.sh"

run 0 --version
contains out.txt "prudent 0.1.0 (library "
run 0 version --json
contains out.txt '"library_hash": "'

run 0
contains out.txt "Usage: prudent COMMAND"
contains out.txt "  library      List, show, check and count the content library"
run 0 help init
contains out.txt "Usage: prudent init [--db PATH] [--name NAME] [--json]"
run 0 init --help
contains out.txt "Usage: prudent init"
run 0 library --help
contains out.txt "prudent library stats --json"

# Bad input: exit 1 and one line naming the problem.
run 1 frobnicate
contains err.txt "unknown command 'frobnicate'"
lines err.txt 1
run 1 help frobnicate
contains err.txt "unknown command 'frobnicate'"
run 1 init --frob
contains err.txt "unknown option '--frob' for 'prudent init'; see 'prudent help init'"
lines err.txt 1
run 1 init --db
contains err.txt "option --db needs a value"
run 1 init extra
contains err.txt "too many arguments for 'prudent init'"
run 1 library
contains err.txt "'prudent library' needs more arguments"
run 1 library frob
contains err.txt "unknown subcommand 'library frob'"
run 1 library list --json=yes
contains err.txt "option --json takes no value"
run 1 library stats
contains err.txt "add --json"
run 1 library show
contains err.txt "usage: prudent library show FRAMEWORK [CONTROL]"
run 1 library show no-such-framework
contains err.txt "no framework 'no-such-framework' in the library"
run 1 library show nist-csf-2.0 PR.AC-07
contains err.txt "nist-csf-2.0 has no control 'PR.AC-07'"

# "--" ends the options: what follows is an argument, even if it looks like one.
run 1 library show -- --json
contains err.txt "no framework '--json'"

finish
