#!/bin/sh
# packet.sh - whole-process time of 'prudent packet' for one client: the
# agreement, every addendum its obligations call for, the risk-acceptance
# letter and the summary, each in Markdown, HTML, PDF and DOCX, plus the
# matrix (Markdown, HTML, CSV, XLSX) and the manifest.  Beside it, in the same
# run, LibreOffice converting the packet's agreement DOCX to PDF: the route
# MSPs take today with Word templates.  Prints both means and the ratio.
#
#   bench/packet.sh [BINARY]
#
# Builds the release binary unless one is given.  The client is the demo's
# dental office (HIPAA, PCI DSS, cyber insurance; two services; one decline):
# six documents, 24 document files.  hyperfine, 10 runs after 2 warm-ups each.
set -eu
cd "$(dirname "$0")/.."
bin=${1:-}
if [ -z "$bin" ]; then
	cmake --preset release >/dev/null
	cmake --build --preset release >/dev/null
	bin=build/release/prudent
fi
bin=$(realpath "$bin")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export PRUDENT_DB="$work/p.db" PRUDENT_USER=bench
"$bin" init --name "Bench MSP" >/dev/null
"$bin" client add "Bright Smile Dental" --slug dental >/dev/null
"$bin" intake dental --answers tests/fixtures/profiles/bright-smile-dental.json >/dev/null
"$bin" subscribe dental managed-edr identity-mfa >/dev/null
"$bin" decide dental penetration-testing --decline --by "Ana Ruiz, Owner" \
	--reason "Not this year" >/dev/null
"$bin" packet dental -o "$work/sample" >&2

mean_ms() {
	sed -n -E 's/.*"mean": *([0-9.eE+-]+).*/\1/p' "$1" | head -n 1 |
		awk '{ printf "%.1f", $1 * 1000 }'
}

hyperfine --warmup 2 --runs 10 --shell=none --export-json "$work/packet.json" \
	--prepare "rm -rf $work/out" "$bin packet dental -o $work/out" >&2
cp "$work/sample/agreement.docx" "$work/agreement.docx"
hyperfine --warmup 2 --runs 10 --shell=none --export-json "$work/lo.json" \
	"soffice -env:UserInstallation=file://$work/lo-profile --headless --convert-to pdf --outdir $work/lo $work/agreement.docx" >&2

packet=$(mean_ms "$work/packet.json")
lo=$(mean_ms "$work/lo.json")
files=$(ls "$work/sample" | wc -l)
echo "prudent packet (6 documents x 4 formats + matrix + manifest, $files files): mean $packet ms"
echo "LibreOffice, the agreement DOCX to PDF (one document, one format): mean $lo ms"
awk -v p="$packet" -v l="$lo" 'BEGIN { printf "ratio: LibreOffice takes %.1fx as long for one PDF as Prudent for the whole packet\n", l / p }'
