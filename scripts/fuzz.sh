#!/usr/bin/env bash
# Fuzzes the parsers and validators residents' and staff's input goes through (survey
# definitions, XLSForm import, answer validation, show-if conditions) for SECONDS each (30 by
# default) and prints how many inputs each target was given. See shared/tests/fuzz.rs.
#
#   scripts/fuzz.sh [SECONDS]
set -euo pipefail
cd "$(dirname "$0")/.."
FUZZ_SECONDS="${1:-30}" cargo test --release -p yoriai-shared --test fuzz -- \
  --ignored --nocapture fuzz_for_a_while 2>&1 | grep -E '^fuzz |test result'
