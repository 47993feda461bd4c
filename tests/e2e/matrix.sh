# matrix.sh - services, the floor policy, subscriptions, assignments,
# decisions, tailoring, and the matrix in every format (golden files), with
# the XLSX opened by LibreOffice.
. "$SOURCE_DIR/tests/support/e2e.sh"

profiles="$SOURCE_DIR/tests/fixtures/profiles"
export PRUDENT_DB="$WORK/p.db" PRUDENT_USER="Test Technician" PRUDENT_NOW="2026-11-27T12:00:00Z"
run 0 init --name "Test MSP"
for c in bright-smile-dental cui-machine-shop tax-preparer; do
	run 0 client add "$c" --slug "$c"
	run 0 intake "$c" --answers "$profiles/$c.json"
done

# Services: the library's catalogue, and the MSP's own versions.
run 0 service list
contains out.txt "managed-edr"
run 0 service show managed-firewall
contains out.txt "intrusion-prevention"
run 0 service add managed-edr-plus --copy managed-edr
contains out.txt "Saved version 1 of service managed-edr-plus"
run 1 service add managed-edr --copy managed-edr-plus
contains err.txt "exists; use 'service edit'"
cat >svc.yaml <<'YAML'
name: Managed endpoint protection, premium
description: EDR on every computer, watched around the clock.
covers:
  - {safeguard: endpoint-protection, coverage: msp}
  - {safeguard: disk-encryption, coverage: msp}
  - {safeguard: no-such-safeguard, coverage: msp}
  - {safeguard: mobile-device-management, coverage: shared}
YAML
run 1 service edit managed-edr-plus --file svc.yaml
contains err.txt "covers item 3: unknown safeguard 'no-such-safeguard'"
contains err.txt "covers item 4 (mobile-device-management): shared coverage needs msp_part"
grep -v "no-such\|mobile-device" svc.yaml >svc-ok.yaml
run 0 service edit managed-edr-plus --file svc-ok.yaml
contains out.txt "Saved version 2 of service managed-edr-plus (2 safeguards)"
run 0 service list --json
contains out.txt '"origin": "msp"'

# The floor: the library's until the MSP sets one.
run 0 policy show
contains out.txt "No floor set"
run 1 policy set nist-csf-2.0 cis-controls-v8.1:ig
contains err.txt "a variant is KEY=VALUE"
run 1 policy set no-such-framework
contains err.txt "unknown framework 'no-such-framework'"

# Subscriptions, assignments, decisions, tailoring on the dental office.
run 0 subscribe bright-smile-dental managed-edr backup-dr email-security identity-mfa
contains out.txt "bright-smile-dental now subscribes to identity-mfa."
run 0 subscribe bright-smile-dental managed-edr
contains out.txt "already subscribed"
run 1 subscribe bright-smile-dental no-such-service
contains err.txt "no service 'no-such-service'"
run 0 unsubscribe bright-smile-dental email-security
run 1 assign bright-smile-dental vendor-contracts --to third-party
contains err.txt "a third party must be named with --party NAME"
run 1 assign bright-smile-dental vendor-contracts --to shared --msp-part "Reviews"
contains err.txt "needs --msp-part and --customer-part"
run 1 assign bright-smile-dental no-such-safeguard --to msp
contains err.txt "no safeguard 'no-such-safeguard' in the library"
run 0 assign bright-smile-dental vendor-contracts --to third-party --party "Dental Law Partners LLP"
contains out.txt "carried by third_party Dental Law Partners LLP"
run 0 assign bright-smile-dental security-awareness-training --to shared \
	--msp-part "Runs the monthly lessons and phishing tests." \
	--customer-part "Makes sure every staff member finishes them."
run 1 decide bright-smile-dental penetration-testing --decline --impact 4 --likelihood 3 --by "Dr. Lee" --reason "Cost"
contains err.txt "--by names the customer's decision maker as \"NAME, TITLE\""
run 1 decide bright-smile-dental penetration-testing --decline --impact 4 --likelihood 3 --by "Dr. Ana Lee, Owner" --reason "Cost" --until 2027-02-30
contains err.txt "is not a date"
run 0 decide bright-smile-dental penetration-testing --decline --impact 4 --likelihood 3 --by "Dr. Ana Lee, Owner" \
	--reason "Cost this year; revisit next budget" --until 2027-06-30
contains out.txt "the decline is recorded and flagged, and the duty remains"
run 0 decide bright-smile-dental dark-web-monitoring --defer --impact 2 --likelihood 2 --by "Dr. Ana Lee, Owner" --reason "After the move"
run 0 tailor bright-smile-dental secure-wireless
contains out.txt "--condition no-wireless"
run 1 tailor bright-smile-dental secure-wireless --not-applicable --reason "No Wi-Fi"
contains err.txt "can be not applicable only under a condition the library allows"
run 0 tailor bright-smile-dental secure-wireless --not-applicable --condition no-wireless \
	--reason "The office has no Wi-Fi; the terminal uses a phone line."
run 1 tailor bright-smile-dental secure-wireless --not-applicable
contains err.txt "--not-applicable needs --reason TEXT"

# A CUI machine shop with a stricter floor, and a tax preparer with none of the above.
run 0 policy set nist-csf-2.0 cis-controls-v8.1:ig=2 --by "Owner of Test MSP"
contains out.txt "Saved version 1 of the floor: 2 frameworks."
run 0 policy show --json
contains out.txt '"ig": "2"'
run 0 subscribe cui-machine-shop managed-firewall monitoring-siem vciso-policies

# Every format for every client, compared with the golden files.
for c in bright-smile-dental cui-machine-shop tax-preparer; do
	for f in md csv json html; do
		run 0 matrix "$c" --format "$f" -o "$c.$f"
		# When a decision was recorded is the one thing that changes from run to run.
		grep -v '"recorded_at"' "$c.$f" >"$c.cmp.$f"
		golden "matrix/$c.$f" "$c.cmp.$f"
	done
done
run 0 matrix bright-smile-dental --format json --framework hipaa-security -o dental-hipaa.json
golden matrix/bright-smile-dental-hipaa.json dental-hipaa.json
run 0 matrix cui-machine-shop --format csv --framework cmmc-2.0 -o shop-cmmc.csv
golden matrix/cui-machine-shop-cmmc.csv shop-cmmc.csv
run 1 matrix tax-preparer --framework hipaa-security
contains err.txt "hipaa-security is not one of tax-preparer's obligations"
run 1 matrix tax-preparer --format pdf
contains err.txt "--format is md, csv, json, html or xlsx"
run 1 matrix tax-preparer --format xlsx
contains err.txt "XLSX is written to a file: add -o FILE"

# The XLSX of each client, opened by LibreOffice: every sheet exported as CSV;
# the summary and one framework sheet compared with golden files.
mkdir -p lo-profile sheets
for c in bright-smile-dental cui-machine-shop tax-preparer; do
	run 0 matrix "$c" --format xlsx -o "$c.xlsx"
	contains out.txt "Wrote $c.xlsx."
done
soffice -env:UserInstallation=file://$WORK/lo-profile --headless --convert-to \
	'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1' \
	--outdir sheets bright-smile-dental.xlsx cui-machine-shop.xlsx tax-preparer.xlsx >lo.txt 2>&1 ||
	fail "LibreOffice could not convert the XLSX files: $(cat lo.txt)"
for sheet in Summary hipaa-security pci-dss-4.0.1 cyber-insurance cis-controls-v8.1 nist-csf-2.0; do
	[ -f "sheets/bright-smile-dental-$sheet.csv" ] || fail "the XLSX has no sheet $sheet: $(ls sheets)"
done
golden matrix/bright-smile-dental-xlsx-summary.csv sheets/bright-smile-dental-Summary.csv
golden matrix/bright-smile-dental-xlsx-hipaa.csv sheets/bright-smile-dental-hipaa-security.csv
golden matrix/cui-machine-shop-xlsx-summary.csv sheets/cui-machine-shop-Summary.csv
golden matrix/cui-machine-shop-xlsx-cmmc.csv sheets/cui-machine-shop-cmmc-2.0.csv
golden matrix/tax-preparer-xlsx-summary.csv sheets/tax-preparer-Summary.csv
golden matrix/tax-preparer-xlsx-glba.csv sheets/tax-preparer-glba-safeguards.csv

finish
