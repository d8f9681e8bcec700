#!/usr/bin/env bash
# Measures what a phone downloads for a page, as sent over the wire with brotli:
#   scripts/page-weight.sh [BASE_URL] [PATH]
# Defaults: http://127.0.0.1:3000 and the demo survey. Start the app first (scripts/run.sh).
# Prints each resource's transferred bytes and the total; the design budget for resident pages
# is 60 KB (61,440 bytes) in total. Set COOKIE='name=value' to measure a page that needs one
# (a survey screen needs the answer cookie that starting the survey sets).
set -euo pipefail
base=${1:-http://127.0.0.1:3000}
page=${2:-/s/shimin-center-2026}
cookie=${COOKIE:-}
size() { curl -s -o /dev/null -H 'Accept-Encoding: br' -H "Cookie: $cookie" -w '%{size_download}' "$base$1"; }
html=$(curl -s -H "Cookie: $cookie" "$base$page")
total=0
row() { printf '%-28s %8s bytes\n' "$1" "$2"; total=$((total + $2)); }
row "$page (HTML)" "$(size "$page")"
for asset in $(grep -oE '/pkg/[A-Za-z0-9_.-]+\.(css|js|wasm)' <<<"$html" | sort -u); do
  row "$asset" "$(size "$asset")"
done
# The island loader imports the JS, which fetches the WASM: count it if the page loads the JS.
if grep -q '/pkg/yoriai.js' <<<"$html" && ! grep -q '/pkg/yoriai.wasm' <<<"$html"; then
  row "/pkg/yoriai.wasm" "$(size /pkg/yoriai.wasm)"
fi
printf '%-28s %8s bytes (budget 61440)\n' "total" "$total"
