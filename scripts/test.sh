#!/usr/bin/env bash
# Runs every check and test: formatting, clippy (ssr and hydrate), the WASM dependency
# invariant, the release build, unit tests, integration tests on SQLite and PostgreSQL, and the
# browser tests in headless Chromium. CI (.ci/run) runs exactly this.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-tools.sh
export PATH="$HOME/.cargo/bin:$PATH"
say() { printf '\n==> %s\n' "$*"; }

say "disk"
df -h . | tail -1

say "PostgreSQL"
scripts/ensure-postgres.sh
export YORIAI_REQUIRE_POSTGRES="${YORIAI_REQUIRE_POSTGRES:-$([ "${CI:-}" = true ] && echo 1 || echo 0)}"

say "formatting"
cargo fmt --all --check

say "clippy: shared, core, server, tests (ssr)"
cargo clippy -p yoriai-shared -p yoriai-core -p yoriai-server -p yoriai-e2e --all-targets -- -D warnings
say "clippy: app (ssr)"
cargo clippy -p yoriai-app --features ssr --all-targets -- -D warnings
say "clippy: app (hydrate, wasm32)"
cargo clippy -p yoriai-app --features hydrate --target wasm32-unknown-unknown -- -D warnings

say "invariant: no server-only crate in the browser build or in shared"
scripts/check-wasm-deps.sh

say "invariant: no module cycles in core or the server, no page area importing another"
python3 scripts/check-module-cycles.py

say "release build (server + WebAssembly)"
cargo leptos build --release

say "Debian package (cargo-deb), its systemd unit verified, the packaged program serving"
scripts/package.sh

say "tests"
cargo test --workspace --exclude yoriai-app -- --test-threads=2
cargo test -p yoriai-app --features ssr --lib
