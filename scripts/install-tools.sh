#!/usr/bin/env bash
# Installs what Yoriai needs to build and test, from package registries only (crates.io, npm,
# Debian), and skips whatever is already there. Used by scripts/run.sh, scripts/test.sh and CI.
#
#   scripts/install-tools.sh            build tools + browser-test tools
#   scripts/install-tools.sh --no-browser   build tools only (enough to run the app)
set -euo pipefail
cd "$(dirname "$0")/.."

CARGO_LEPTOS_VERSION=0.3.10   # 0.3.11 needs rustc 1.96
BINARYEN_VERSION=132.0.0      # wasm-opt; Debian's binaryen 108 breaks hydration
# The wasm-bindgen CLI must match the wasm-bindgen crate exactly: read it from Cargo.lock.
WASM_BINDGEN_VERSION=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)

export PATH="$HOME/.cargo/bin:$PATH"
say() { printf '==> %s\n' "$*"; }
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi
for component in clippy rustfmt; do
  if ! rustup component list --installed | grep -q "^$component"; then
    rustup component add "$component"
  fi
done

if ! cargo leptos --version 2>/dev/null | grep -q " $CARGO_LEPTOS_VERSION"; then
  say "installing cargo-leptos $CARGO_LEPTOS_VERSION (no_downloads; about 15 minutes)"
  cargo install cargo-leptos --version "$CARGO_LEPTOS_VERSION" --locked --features no_downloads
fi

if ! wasm-bindgen --version 2>/dev/null | grep -q " $WASM_BINDGEN_VERSION\$"; then
  say "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION"
  # Not --locked: its lock file pins a yanked crate.
  cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" --force
fi

if ! wasm-opt --version 2>/dev/null | grep -q "version ${BINARYEN_VERSION%%.*}"; then
  say "installing wasm-opt (npm binaryen $BINARYEN_VERSION)"
  if dpkg -s binaryen >/dev/null 2>&1; then
    echo "Debian's binaryen package is installed; its old wasm-opt breaks hydration." >&2
    echo "Remove it (apt-get remove binaryen) and run this script again." >&2
    exit 1
  fi
  as_root npm install --global --no-fund --no-audit "binaryen@$BINARYEN_VERSION"
fi

CARGO_DEB_VERSION=3.8.0
if [ "${1:-}" != "--no-browser" ] && ! cargo deb --version 2>/dev/null | grep -q "$CARGO_DEB_VERSION"; then
  say "installing cargo-deb $CARGO_DEB_VERSION (the Debian package; about 3 minutes)"
  cargo install cargo-deb --version "$CARGO_DEB_VERSION" --locked
fi
# The package's checks: its unit with systemd-analyze, its files with dpkg-deb.
if [ "${1:-}" != "--no-browser" ] && { ! command -v systemd-analyze >/dev/null || ! command -v dpkg-deb >/dev/null; }; then
  say "installing systemd (systemd-analyze) and dpkg"
  as_root apt-get update -q
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q systemd dpkg
fi

if [ "${1:-}" != "--no-browser" ]; then
  # poppler-utils and zbar-tools: the tests turn the printed flyer and card sheets into images
  # (pdftoppm) and read their QR codes back (zbarimg). wrk: the load generator of bench-commit.
  # (Read first, then grep: `fc-list | grep -q` fails under pipefail when grep stops early.)
  fonts=$(fc-list 2>/dev/null || true)
  if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null \
    || ! command -v pdftoppm >/dev/null || ! command -v zbarimg >/dev/null \
    || ! command -v wrk >/dev/null || ! command -v curl >/dev/null \
    || ! grep -qi "Noto Sans CJK" <<<"$fonts"; then
    say "installing Debian's chromium, chromium-driver, poppler-utils, zbar-tools, wrk, Japanese fonts"
    as_root apt-get update -q
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q \
      chromium chromium-driver poppler-utils zbar-tools wrk curl fonts-noto-cjk
  fi
fi
if [ "${1:-}" != "--no-browser" ]; then
  # pyxform (ODK's XLSForm converter, with ODK Validate, which runs on Java): the tests convert
  # every exported XLSForm with the other side's own tool.
  PYXFORM_VERSION=4.5.0
  if ! command -v java >/dev/null; then
    say "installing a Java runtime (for ODK Validate)"
    as_root apt-get update -q
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q default-jre-headless
  fi
  # (Read first, then grep: `pip show | grep -q` fails under pipefail when grep stops early.)
  installed=$(python3 -m pip show pyxform 2>/dev/null || true)
  if ! grep -q "^Version: $PYXFORM_VERSION\$" <<<"$installed"; then
    say "installing pyxform $PYXFORM_VERSION"
    python3 -m pip install --quiet --disable-pip-version-check "pyxform==$PYXFORM_VERSION"
  fi
  # aiosmtpd: the real SMTP server the mail tests send to (it delivers into a Maildir).
  AIOSMTPD_VERSION=1.4.6
  installed=$(python3 -m pip show aiosmtpd 2>/dev/null || true)
  if ! grep -q "^Version: $AIOSMTPD_VERSION\$" <<<"$installed"; then
    say "installing aiosmtpd $AIOSMTPD_VERSION"
    python3 -m pip install --quiet --disable-pip-version-check "aiosmtpd==$AIOSMTPD_VERSION"
  fi
fi
say "tools ready: $(cargo leptos --version), wasm-bindgen $WASM_BINDGEN_VERSION, $(wasm-opt --version)"
