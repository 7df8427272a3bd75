#!/usr/bin/env bash
# The whole test suite, on a clean machine: installs what the tests need
# (PostgreSQL server and Chromium from Debian, Python and npm packages),
# lints, checks, then runs pytest on SQLite (with the browser tests) and on a
# PostgreSQL server it starts itself.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD

need_apt=()
[ -x /usr/lib/postgresql/15/bin/initdb ] || need_apt+=(postgresql-15)
command -v chromium >/dev/null || need_apt+=(chromium)
command -v msgfmt >/dev/null || need_apt+=(gettext)
# WeasyPrint (meeting PDFs) loads Pango through ctypes
dpkg -s libpango-1.0-0 libpangoft2-1.0-0 >/dev/null 2>&1 || need_apt+=(libpango-1.0-0 libpangoft2-1.0-0)
if [ ${#need_apt[@]} -gt 0 ]; then
  echo "== installing system packages: ${need_apt[*]}"
  export DEBIAN_FRONTEND=noninteractive
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${need_apt[@]}" >/dev/null
fi

make --no-print-directory setup
PY=.venv/bin/python

echo "== ruff"
.venv/bin/ruff check .
.venv/bin/ruff format --check .
echo "== mypy (services and selectors)"
.venv/bin/mypy $(ls -d samverka/*/*/services.py samverka/*/*/services_*.py samverka/*/*/services samverka/*/*/selectors.py samverka/*/*/selectors_*.py 2>/dev/null)
echo "== import contracts (core → accounts → spaces → domain apps → api/search/demo; no cycles)"
.venv/bin/lint-imports
echo "== django checks"
DJANGO_SETTINGS_MODULE=config.settings.test $PY manage.py check --fail-level WARNING
DJANGO_SETTINGS_MODULE=config.settings.test $PY manage.py makemigrations --check --dry-run
echo "== translations complete"
$PY scripts/check_translations.py

export DJANGO_ALLOW_ASYNC_UNSAFE=true  # Playwright's sync API runs an event loop beside the ORM
echo "== pytest on SQLite (with browser tests)"
$PY -m pytest -q -p no:cacheprovider -n 2 --dist loadfile --durations=15 "$@"

echo "== pytest on PostgreSQL"
PGBIN=/usr/lib/postgresql/15/bin
PGPORT=${SAMVERKA_TEST_PGPORT:-55432}
PGDATA=$(mktemp -d /tmp/samverka-pg.XXXXXX)
chmod 755 "$PGDATA"
RUNAS=()
if [ "$(id -u)" -eq 0 ]; then
  id postgres >/dev/null 2>&1 || useradd --system --no-create-home postgres
  chown postgres "$PGDATA"
  RUNAS=(runuser -u postgres --)
fi
"${RUNAS[@]}" "$PGBIN/initdb" -D "$PGDATA/data" -U samverka --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
"${RUNAS[@]}" "$PGBIN/pg_ctl" -D "$PGDATA/data" -o "-p $PGPORT -k $PGDATA -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" -l "$PGDATA/log" -w start >/dev/null
trap '"${RUNAS[@]}" "$PGBIN/pg_ctl" -D "$PGDATA/data" -m immediate stop >/dev/null 2>&1; rm -rf "$PGDATA"' EXIT
export DATABASE_URL="postgres://samverka@127.0.0.1:$PGPORT/samverka"
$PY -m pytest -q -p no:cacheprovider -n 2 --dist loadfile --durations=15 -m "not browser and not one_backend" "$@"
