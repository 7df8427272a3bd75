#!/usr/bin/env bash
# `make bench`: national-scale data on SQLite and PostgreSQL, server time of the
# key pages, and requests/s of one page against the trivial /healthz/ view
# under gunicorn. Everything runs on this machine, on loopback only; the
# PostgreSQL server is started here (like scripts/test.sh) and stopped at the end.
#
#   SAMVERKA_BENCH_SCALE=0.1 SAMVERKA_BENCH_REQUESTS=10 make bench   # a quicker run
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
PY=.venv/bin/python
SCALE=${SAMVERKA_BENCH_SCALE:-1.0}
REQUESTS=${SAMVERKA_BENCH_REQUESTS:-30}
WARMUP=${SAMVERKA_BENCH_WARMUP:-3}
DURATION=${SAMVERKA_BENCH_DURATION:-10}
CONCURRENCY=${SAMVERKA_BENCH_CONCURRENCY:-8}
BACKENDS=${SAMVERKA_BENCH_BACKENDS:-"sqlite postgresql"}
OUT=$ROOT/var/bench
mkdir -p "$OUT"
RESULTS=$OUT/results-$(date +%Y%m%d-%H%M%S).jsonl
STARTED=$(date +%s)

if [[ " $BACKENDS " == *" postgresql "* ]] && [ ! -x /usr/lib/postgresql/15/bin/initdb ]; then
  echo "== installing postgresql-15"
  export DEBIAN_FRONTEND=noninteractive
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends postgresql-15 >/dev/null
fi

# The same environment as a production server (config.settings.production), on loopback.
export DJANGO_SETTINGS_MODULE=config.settings.production
export SECRET_KEY=${SECRET_KEY:-benchmark-only-secret-key-not-for-production-0123456789abcdef}
export ALLOWED_HOSTS=testserver,127.0.0.1,localhost
export SECURE_COOKIES=false

# Production settings serve static files through the collectstatic manifest (`make setup` builds it).
# (Always: a manifest from before a new app added its files would fail those pages.)
$PY manage.py collectstatic --no-input -v0

free_port() { $PY -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'; }

GUNICORN_PID=""
PGBIN=/usr/lib/postgresql/15/bin
PGDATA=""
PG_URL=""
RUNAS=()
cleanup() {
  if [ -n "$GUNICORN_PID" ]; then kill "$GUNICORN_PID" 2>/dev/null || true; wait "$GUNICORN_PID" 2>/dev/null || true; fi
  if [ -n "$PGDATA" ]; then
    "${RUNAS[@]}" "$PGBIN/pg_ctl" -D "$PGDATA/data" -m immediate stop >/dev/null 2>&1 || true
    rm -rf "$PGDATA"
  fi
}
trap cleanup EXIT

start_postgres() {
  local port
  port=$(free_port)
  PGDATA=$(mktemp -d /tmp/samverka-bench-pg.XXXXXX)
  chmod 755 "$PGDATA"
  if [ "$(id -u)" -eq 0 ]; then
    id postgres >/dev/null 2>&1 || useradd --system --no-create-home postgres
    chown postgres "$PGDATA"
    RUNAS=(runuser -u postgres --)
  fi
  "${RUNAS[@]}" "$PGBIN/initdb" -D "$PGDATA/data" -U samverka --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
  # Durable settings (fsync on) so the figures resemble a real server; sized for this 2-core machine.
  "${RUNAS[@]}" "$PGBIN/pg_ctl" -D "$PGDATA/data" -l "$PGDATA/log" -w start \
    -o "-p $port -k $PGDATA -c listen_addresses=127.0.0.1 -c shared_buffers=256MB -c work_mem=16MB -c max_connections=50" >/dev/null
  "$PGBIN/createdb" -h 127.0.0.1 -p "$port" -U samverka samverka_bench
  PG_URL="postgres://samverka@127.0.0.1:$port/samverka_bench"
}

run_backend() {
  local backend=$1
  echo
  echo "================ $backend ================"
  echo "== migrate"
  $PY manage.py migrate --no-input -v0
  echo "== generate_national_data --scale $SCALE"
  $PY manage.py generate_national_data --scale "$SCALE" --seed 1
  echo "== page timings (Django test client, in-process)"
  $PY benchmarks/pages.py --backend "$backend" --requests "$REQUESTS" --warmup "$WARMUP" --json "$RESULTS"
  echo "== invitation to 200 members: queue, then the outbox worker sends over SMTP (aiosmtpd on loopback)"
  $PY benchmarks/invitations.py --backend "$backend" --json "$RESULTS"
  echo "== status-report round: steering overview (30 groups x 300 activities), PDF and Excel export"
  $PY benchmarks/status_overview.py --backend "$backend" --requests "$REQUESTS" --warmup "$WARMUP" --json "$RESULTS"
  echo "== registry: 20,000 cases x 10 documents, registering a document, the public diary, the case list"
  $PY benchmarks/registry.py --backend "$backend" --cases "$(python3 -c "print(max(300, int(20000 * $SCALE)))")" \
    --requests "$REQUESTS" --json "$RESULTS"
  echo "== statistics: JSON-stat 2 parse and store (cells/s), one 150,000-cell response"
  $PY benchmarks/statistics_import.py --json "$RESULTS"
  echo "== education catalogue: importing 20,000 EMIL3 offerings (offerings/s, progress shown)"
  $PY benchmarks/catalogue_import.py --json "$RESULTS"
  echo "== education catalogue: the public search over the generated offerings (p95, queries) at demo size and 10x"
  $PY benchmarks/catalogue_search.py --backend "$backend" --requests "$REQUESTS" --warmup "$WARMUP" --json "$RESULTS"
  echo "== education planner: the programme x municipality coverage matrix for one county (target <= 150 ms)"
  $PY benchmarks/catalogue_coverage.py --backend "$backend" --requests "$REQUESTS" --warmup "$WARMUP" --json "$RESULTS"
  echo "== education orders and cohorts: order overview, order page, cohort list at demo size and 10x (<= 20 queries, p95 <= 150 ms)"
  $PY benchmarks/orders.py --backend "$backend" --orders "$(python3 -c "print(max(500, int(5000 * $SCALE)))")" \
    --cohorts "$(python3 -c "print(max(5000, int(50000 * $SCALE)))")" --requests "$REQUESTS" --warmup "$WARMUP" --json "$RESULTS"
  echo "== yearly report to MYH: generating one region's draft (target < 5 s)"
  $PY benchmarks/myh_report.py --backend "$backend" --json "$RESULTS"
  echo "== indicators over the synthetic national cube (five years: about 2 million rows)"
  $PY benchmarks/indicators.py --backend "$backend" --years "$(python3 -c "print(max(2, round(5 * $SCALE)))")" \
    --json "$RESULTS"
  echo "== gunicorn (2 workers, 127.0.0.1): requests/s, $CONCURRENCY concurrent, ${DURATION} s per page"
  local port
  port=$(free_port)
  .venv/bin/gunicorn config.wsgi --workers 2 --bind "127.0.0.1:$port" --log-level warning \
    >"$OUT/gunicorn-$backend.log" 2>&1 &
  GUNICORN_PID=$!
  for _ in $(seq 1 60); do
    if $PY -c "import http.client,sys; c=http.client.HTTPConnection('127.0.0.1',$port,timeout=2); c.request('GET','/healthz/'); sys.exit(c.getresponse().status!=200)" 2>/dev/null; then
      break
    fi
    sleep 0.5
  done
  $PY benchmarks/load.py --port "$port" --path /organisations/ --path /healthz/ --concurrency "$CONCURRENCY" \
    --duration "$DURATION" --label "$backend" --json "$RESULTS"
  kill "$GUNICORN_PID"; wait "$GUNICORN_PID" 2>/dev/null || true
  GUNICORN_PID=""
}

for backend in $BACKENDS; do
  case $backend in
    sqlite)
      rm -f "$ROOT/var/bench.sqlite3" "$ROOT/var/bench.sqlite3-wal" "$ROOT/var/bench.sqlite3-shm"
      export DATABASE_URL="sqlite:///$ROOT/var/bench.sqlite3"
      run_backend sqlite
      ;;
    postgresql)
      start_postgres
      export DATABASE_URL=$PG_URL
      run_backend postgresql
      ;;
    *) echo "unknown backend $backend" >&2; exit 2 ;;
  esac
done

echo
echo "== summary"
$PY - "$RESULTS" <<'EOF'
import json, sys
rows = [json.loads(line) for line in open(sys.argv[1], encoding="utf-8")]
pages = [r for r in rows if "page" in r]
print(f"{'page':22} | {'user':14} | {'backend':10} | {'median ms':>9} | {'p95 ms':>8} | {'queries':>7}")
print("-" * 85)
for r in sorted(pages, key=lambda r: (r["page"], r["user"], r["backend"])):
    if r.get("status") == 200:
        print(f"{r['page']:22} | {r['user']:14} | {r['backend']:10} | {r['median']:9.1f} | {r['p95']:8.1f} | {r['queries']:7d}")
    else:
        print(f"{r['page']:22} | {r['user']:14} | {r['backend']:10} | {'n/a':>9} | {'n/a':>8} | {'n/a':>7}")
for r in (r for r in rows if "invitation" in r):
    print(f"invitation to {r['invitation']} members on {r['backend']:10}: queued in {r['queue_s']:.2f} s "
          f"({r['queries']} queries), sent in {r['send_s']:.2f} s, {r['received']} received by the SMTP server")
for r in (r for r in rows if "registering" in r):
    print(f"registering a document with a PDF on {r['backend']:10}: median {r['median']:.1f} ms, p95 {r['p95']:.1f} ms")
for r in (r for r in rows if "pdf_s" in r):
    print(f"status round of {r['groups']} groups x {r['activities']} activities on {r['backend']:10}: "
          f"PDF {r['pdf_s']:.2f} s, Excel {r['xlsx_s']:.2f} s")
for r in (r for r in rows if r.get("benchmark") == "catalogue_import"):
    print(f"EMIL3 import of {r['offerings']:,} offerings on {r['backend']:10}: {r['import_offerings_per_s']:,} offerings/s "
          f"(target >= {r['target_offerings_per_s']:,}), re-import {r['reimport_offerings_per_s']:,} offerings/s")
for r in (r for r in rows if "catalogue_search" in r and r.get("status") == 200):
    print(f"education search {r['catalogue_search']:28} {r['size']:4} ({r['offerings']:,} offerings) on {r['backend']:10}: "
          f"median {r['median']:.1f} ms, p95 {r['p95']:.1f} ms, {r['queries']} queries")
for r in (r for r in rows if "catalogue_coverage" in r and r.get("status") == 200):
    print(f"coverage matrix {r['catalogue_coverage']:8} county {r['county']} on {r['backend']:10}: median {r['median']:.1f} ms, p95 {r['p95']:.1f} ms, {r['queries']} queries")
for r in (r for r in rows if "orders_bench" in r and r.get("status") == 200):
    print(f"{r['orders_bench']:15} {r['size']:4} ({r['orders']:,} orders, {r['cohorts']:,} cohorts) on {r['backend']:10}: "
          f"median {r['median']:.1f} ms, p95 {r['p95']:.1f} ms, {r['queries']} queries")
for r in (r for r in rows if "myh_report" in r):
    print(f"MYH report draft county {r['county']} on {r['backend']:10}: median {r['median']:.0f} ms, p95 {r['p95']:.0f} ms, {r['figures']} figures")
load = [r for r in rows if "rps" in r]
print()
for backend in dict.fromkeys(r["label"] for r in load):
    figures = {r["path"]: r["rps"] for r in load if r["label"] == backend}
    page, health = figures.get("/organisations/", 0.0), figures.get("/healthz/", 0.0)
    ratio = f"{page / health:.1%}" if health else "n/a"
    print(f"gunicorn {backend:10}: /organisations/ {page:7.1f} req/s, /healthz/ {health:7.1f} req/s, ratio {ratio}")
EOF
echo "Results: $RESULTS"
echo "make bench finished in $(( $(date +%s) - STARTED )) s"
