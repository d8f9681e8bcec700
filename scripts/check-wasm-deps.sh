#!/usr/bin/env bash
# Architecture invariant: the browser build of `app` and the `shared` crate never depend on
# yoriai-core, tokio, sqlx, argon2 or axum (and so never on mio or a database driver).
set -euo pipefail
cd "$(dirname "$0")/.."
forbidden='^(yoriai-core|yoriai-server|tokio|sqlx|sqlx-core|argon2|axum|mio|hyper) '
check() {
  local what=$1; shift
  local found
  found=$(cargo tree "$@" --edges normal --prefix none --format '{p}' | sort -u | grep -E "$forbidden" || true)
  if [ -n "$found" ]; then
    echo "FAIL: $what depends on server-only crates:" >&2
    echo "$found" >&2
    exit 1
  fi
  echo "ok: $what has none of yoriai-core, yoriai-server, tokio, sqlx, argon2, axum, mio, hyper"
}
check "app (hydrate, wasm32)" -p yoriai-app --no-default-features --features hydrate --target wasm32-unknown-unknown
check "shared" -p yoriai-shared --target wasm32-unknown-unknown
