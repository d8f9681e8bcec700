#!/usr/bin/env bash
# Makes sure a PostgreSQL server answers on 127.0.0.1:5432, starting the local cluster if it is
# down. In CI (CI=true) a server that still does not answer is an error; elsewhere the
# PostgreSQL tests will say they were skipped.
set -uo pipefail
ready() { pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null; }
if ready; then echo "PostgreSQL answers on 127.0.0.1:5432"; exit 0; fi
if [ -d /etc/postgresql ] && command -v pg_ctlcluster >/dev/null; then
  echo "starting PostgreSQL"
  pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -n1)" main start || true
  for _ in $(seq 1 30); do ready && break; sleep 1; done
fi
if ready; then echo "PostgreSQL answers on 127.0.0.1:5432"; exit 0; fi
if [ "${CI:-}" = true ]; then
  echo "PostgreSQL does not answer on 127.0.0.1:5432 and CI requires it" >&2
  exit 1
fi
echo "PostgreSQL is not available: its tests will be skipped" >&2
