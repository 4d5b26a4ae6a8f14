#!/usr/bin/env bash
# Set up and run the tests on a fresh machine: the PostgreSQL server the store tests start and the
# Chromium the web explorer's page tests drive (Debian's packages, when they are missing and apt-get can
# install them), a virtualenv, and pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
updated=
install() {  # Debian packages where apt-get can install them; the tests that need one skip with a message
  command -v apt-get >/dev/null 2>&1 || return 0
  { [ -n "$updated" ] || { apt-get update -qq && updated=1; }; } \
    && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null \
    || echo "could not install $*: the tests that need it will be skipped" >&2
}
ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1 || install postgresql
{ command -v chromium && command -v chromedriver; } >/dev/null 2>&1 || install chromium chromium-driver
python3 -m venv .venv
.venv/bin/pip install -q -e '.[test]'
exec .venv/bin/pytest -q "$@"
