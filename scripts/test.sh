#!/usr/bin/env bash
# Set up and run the tests on a fresh machine: the PostgreSQL server the store tests start
# (Debian's package, when it is missing and apt-get can install it), a virtualenv, and pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1 && command -v apt-get >/dev/null 2>&1; then
  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null; } \
    || echo "PostgreSQL could not be installed: the PostgreSQL half of the store tests will be skipped" >&2
fi
python3 -m venv .venv
.venv/bin/pip install -q -e '.[test]'
exec .venv/bin/pytest -q "$@"
