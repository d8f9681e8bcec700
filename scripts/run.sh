#!/usr/bin/env bash
# Builds Yoriai (release) and runs it on the embedded SQLite database (data/yoriai.db), loading
# the demo data when the database is new. Prints the URL and the demo staff sign-in.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-tools.sh --no-browser
export PATH="$HOME/.cargo/bin:$PATH"
cargo leptos build --release
exec target/release/yoriai serve --demo "$@"
