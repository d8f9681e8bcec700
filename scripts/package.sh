#!/usr/bin/env bash
# Builds the Debian package (cargo-deb) from the release build and checks it as an installer
# would see it: what it holds, its systemd unit (`systemd-analyze verify` must say nothing at
# all; `systemd-analyze security` prints the exposure), and the packaged program serving the
# packaged site with the packaged settings. Prints the .deb's path last.
#
#   cargo leptos build --release && scripts/package.sh
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
say() { printf '==> %s\n' "$*" >&2; }

if [ ! -x target/release/yoriai ] || [ ! -d target/site/pkg ]; then
  echo "no release build: run cargo leptos build --release first" >&2
  exit 1
fi
# The site is read-only to the service: its brotli copies are made now, not at the first start.
target/release/yoriai compress-assets target/site/pkg >&2

say "building the package"
deb=$(cargo deb -p yoriai-server --no-build --strip --quiet --output target/debian/ | tail -n 1)
[ -f "$deb" ] || { echo "cargo deb wrote no package" >&2; exit 1; }
dpkg-deb --info "$deb" >&2

root=$(mktemp -d)
server=""
trap 'if [ -n "$server" ]; then kill "$server" 2>/dev/null || true; fi; rm -rf "$root"' EXIT
dpkg-deb -x "$deb" "$root/fs"
dpkg-deb -e "$deb" "$root/control"
for f in usr/bin/yoriai usr/share/yoriai/site/pkg/yoriai.wasm usr/share/yoriai/site/pkg/yoriai.css \
         etc/yoriai/yoriai.env usr/share/doc/yoriai/README.md; do
  [ -e "$root/fs/$f" ] || { echo "the package lacks /$f" >&2; exit 1; }
done
unit=$(find "$root/fs" -name yoriai.service -path '*systemd/system*' | head -n 1)
[ -n "$unit" ] || { echo "the package has no systemd unit" >&2; exit 1; }
grep -qx '/etc/yoriai/yoriai.env' "$root/control/conffiles" \
  || { echo "/etc/yoriai/yoriai.env is not a conffile" >&2; exit 1; }

say "systemd-analyze verify"
# Checked as installed, with the program where the package puts it (verify wants it there).
mkdir -p "$root/verify"
sed "s|^ExecStart=/usr/bin/yoriai|ExecStart=$root/fs/usr/bin/yoriai|" "$unit" > "$root/verify/yoriai.service"
out=$(systemd-analyze verify "$root/verify/yoriai.service" 2>&1 || true)
if [ -n "$out" ]; then
  echo "$out" >&2
  echo "systemd-analyze verify is not silent about the unit" >&2
  exit 1
fi
say "systemd-analyze security (exposure: lower is safer)"
systemd-analyze security --offline=true "$root/verify/yoriai.service" 2>&1 | tail -n 1 >&2

say "the packaged program serves the packaged site"
set -a
# shellcheck disable=SC1091
. "$root/fs/etc/yoriai/yoriai.env"
set +a
export YORIAI_DATABASE_URL="sqlite://$root/state/yoriai.db" YORIAI_MAIL_DIR="$root/state/mail" \
  YORIAI_SITE_ROOT="$root/fs/usr/share/yoriai/site" YORIAI_ADDR=127.0.0.1:0 YORIAI_LOG=warn
"$root/fs/usr/bin/yoriai" serve --demo > "$root/serve.log" 2>&1 &
server=$!
for _ in $(seq 1 100); do
  grep -q "is running at" "$root/serve.log" 2>/dev/null && break
  sleep 0.2
done
base=$(grep -o 'http://[0-9.:]*' "$root/serve.log" | head -n 1)
[ -n "$base" ] || { cat "$root/serve.log" >&2; exit 1; }
curl -fsS "$base/healthz" >/dev/null
curl -fsS "$base/pkg/yoriai.css" -o /dev/null
curl -fsS "$base/s/shimin-center-2026" | grep -q '市民センター'
ready=""
for _ in $(seq 1 50); do
  if curl -fsS "$base/readyz" >/dev/null 2>&1; then ready=yes; break; fi
  sleep 0.2
done
[ -n "$ready" ] || { curl -sS "$base/readyz" >&2; exit 1; }
kill "$server"; wait "$server" 2>/dev/null || true; server=""
say "package ok: $(du -h "$deb" | cut -f1)"
echo "$deb"
