# contract.sh - the Standard of Care Agreement drawn from a client's matrix:
# the parts, the clauses its facts select, the duties and declines the matrix
# holds, the legal settings, and bad settings named.
. "$SOURCE_DIR/tests/support/e2e.sh"

profiles="$SOURCE_DIR/tests/fixtures/profiles"
export PRUDENT_DB="$WORK/p.db" PRUDENT_USER="Test Technician" PRUDENT_NOW="2026-11-27T12:00:00Z"
run 0 init --name "Test MSP"
run 0 client add "*Acme* Dental" --slug acme
run 0 intake acme --answers "$profiles/bright-smile-dental.json"
run 0 client add "Tax Preparer" --slug tax
run 0 intake tax --answers "$profiles/tax-preparer.json"

# No services and no declines: the customer carries everything; no assumption
# of risk part.
run 0 contract tax
contains out.txt "Between Test MSP (the Provider) and Tax Preparer (the Customer)"
contains out.txt "The Provider's attorney must review it"
contains out.txt "## 1. Customer obligations"
contains out.txt "## 3. Disclaimer of warranties"
contains out.txt "FEES PAID BY THE CUSTOMER TO THE"
contains out.txt "PROVIDER IN THE 12 MONTHS"
grep -q "Assumption of risk" out.txt && fail "a client with no declines has an assumption-of-risk part"
grep -q "Card payment validation" out.txt && fail "the card clause is included for a client that takes no cards"

# Services, a shared split and a decline, as the matrix records them.
run 0 subscribe acme managed-edr identity-mfa
run 0 decide acme penetration-testing --decline --impact 4 --likelihood 3 --by "Dr. Ana Ruiz, Owner" \
	--reason "Not this year"
run 0 settings set cap_months 6 --client acme
run 0 settings set data_incident_cap '$250,000'
run 0 settings set review_months 6
run 0 settings set governing_law Ohio
run 0 settings set legal_name "Test MSP, LLC"
run 0 settings set signatory "Dr. Ana Ruiz" --client acme
run 0 settings set signatory_title Owner --client acme
run 0 settings set effective_date 2027-01-01 --client acme
run 0 contract acme
golden contract-acme.md out.txt
# The client's name is escaped for Markdown and never turns bold.
contains out.txt 'and \*Acme\* Dental (the Customer)'
contains out.txt "Effective January 1, 2027. Governed by the laws of Ohio."
contains out.txt "Name: Dr. Ana Ruiz"
contains out.txt "**For the Provider:** Test MSP, LLC"
contains out.txt "### 5.1 Safeguards the Customer declined"
contains out.txt "Reason given: Not this year."
contains out.txt "A law or contract that binds the Customer requires"
contains out.txt 'THAT LIMIT IS INSTEAD $250,000.'
contains out.txt "at least every 6 months"
contains out.txt '(Managed endpoint protection (EDR))'
# The provider part lists every safeguard the matrix gives the MSP, whole or
# shared; the customer part every one it gives the customer, whole or shared.
run 0 matrix acme --format csv
n_msp=$(grep -c ',msp,\|,shared,' out.txt)
n_cust=$(grep -c ',customer,\|,shared,' out.txt)
run 0 contract acme -o acme.md
contains out.txt "Wrote acme.md."
n_listed=$(sed -n '/^### 2.1/,/^### 2.2/p' acme.md | grep -c '^- \*\*')
[ "$n_listed" -eq "$n_msp" ] || fail "the provider part lists $n_listed safeguards; the matrix gives the MSP $n_msp"
n_listed=$(sed -n '/^### 1.1/,/^### 1.2/p' acme.md | grep -c '^- \*\*')
[ "$n_listed" -eq "$n_cust" ] || fail "the customer part lists $n_listed safeguards; the matrix gives the customer $n_cust"

# Bad settings are named; nothing is stored.
run 1 settings set cap_months 0 --client acme
contains err.txt "cap_months is a number of months from 1 to 120, not '0'"
run 1 settings set review_months twelve
contains err.txt "review_months is a number of months from 1 to 120, not 'twelve'"
run 1 settings set data_incident_cap "$(printf 'a\nb')"
contains err.txt "data_incident_cap is one line of text"
run 1 settings set effective_date 2027-02-30 --client acme
contains err.txt "effective_date is a date written YYYY-MM-DD, not '2027-02-30'"
run 1 settings set legal_name X --client acme
contains err.txt "'legal_name' is a setting of the MSP, not of a client"
run 1 settings set colour blue
contains err.txt "no setting 'colour'"
run 0 settings --client acme
contains out.txt "client   cap_months         6"
run 1 contract acme --format rtf
contains err.txt "--format is md, html, pdf or docx, not 'rtf'"
run 1 contract nobody
contains err.txt "nobody"
finish
