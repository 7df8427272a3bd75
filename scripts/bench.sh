#!/usr/bin/env bash
# `make bench`: national-scale data on SQLite and PostgreSQL at two scales, server time of the key
# pages at both (growth ratios), the other benchmarks at the larger scale, and under gunicorn the
# requests/s of three key pages against minimal views of them, /healthz/, and a worker's memory.
# Everything runs on this machine, on loopback only; the PostgreSQL server is started here (like
# scripts/test.sh) and stopped at the end.
#
# Every step runs to the end of the script: its exit code is recorded, a missed target is a ✖ in
# the summary table, and the script exits non-zero only when a step crashed.
#
#   SAMVERKA_BENCH_SCALES="0.03 0.1" SAMVERKA_BENCH_REQUESTS=10 make bench   # a quicker run
set -uo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
PY=.venv/bin/python
# Two scales for the growth ratios (the smaller first); SAMVERKA_BENCH_SCALE (one scale) still works.
SCALES=${SAMVERKA_BENCH_SCALES:-${SAMVERKA_BENCH_SCALE:-"0.3 1.0"}}
SCALE=$(printf '%s\n' $SCALES | sort -g | tail -1)   # the other benchmarks run on the larger data
REQUESTS=${SAMVERKA_BENCH_REQUESTS:-30}
WARMUP=${SAMVERKA_BENCH_WARMUP:-3}
DURATION=${SAMVERKA_BENCH_DURATION:-10}
CONCURRENCY=${SAMVERKA_BENCH_CONCURRENCY:-8}
BACKENDS=${SAMVERKA_BENCH_BACKENDS:-"sqlite postgresql"}
OUT=$ROOT/var/bench
mkdir -p "$OUT"
RUN_ID=$(date +%Y%m%d-%H%M%S)
COMMIT=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
RESULTS=$OUT/results-$RUN_ID.jsonl
STEP_JSON=$OUT/.step-$RUN_ID.jsonl
STARTED=$(date +%s)
printf '{"run": "%s", "commit": "%s", "scales": "%s", "backends": "%s", "requests": %s, "duration": %s}\n' \
  "$RUN_ID" "$COMMIT" "$SCALES" "$BACKENDS" "$REQUESTS" "$DURATION" >"$RESULTS"

# step NAME BACKEND SCALE COMMAND...: run a step, record its exit code and duration with its rows.
step() {
  local name=$1 backend=$2 scale=$3 started rc=0
  shift 3
  rm -f "$STEP_JSON"
  started=$(date +%s)
  "$@" || rc=$?
  [ "$rc" -ne 0 ] && echo "!! step '$name' ($backend, scale $scale) exited with $rc"
  $PY benchmarks/results.py merge --step "$name" --rc "$rc" --seconds "$(( $(date +%s) - started ))" \
    --scale "$scale" --backend "$backend" --run "$RUN_ID" --commit "$COMMIT" "$STEP_JSON" "$RESULTS"
  rm -f "$STEP_JSON"
  return 0
}
cases_for() { $PY -c "print(max(300, int(20000 * $1)))"; }

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
step collectstatic "" "" $PY manage.py collectstatic --no-input -v0

free_port() {
  # Any free port on loopback but 55432 (kept for another server on shared machines).
  $PY -c 'import socket
while True:
    s = socket.socket(); s.bind(("127.0.0.1", 0)); p = s.getsockname()[1]; s.close()
    if p != 55432: break
print(p)'
}

GUNICORN_PID=""
MINIMAL_PID=""
PGBIN=/usr/lib/postgresql/15/bin
PGDATA=""
PG_URL=""
RUNAS=()
cleanup() {
  for pid in $GUNICORN_PID $MINIMAL_PID; do kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; done
  rm -f "$STEP_JSON"
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
  PG_URL="postgres://samverka@127.0.0.1:$port"
}

wait_for() {  # wait_for PORT: until the server answers /healthz/ (at most 60 s)
  for _ in $(seq 1 120); do
    if $PY -c "import http.client,sys; c=http.client.HTTPConnection('127.0.0.1',$1,timeout=2); c.request('GET','/healthz/'); sys.exit(c.getresponse().status!=200)" 2>/dev/null; then
      return 0
    fi
    sleep 0.5
  done
  echo "!! no answer on port $1" >&2
  return 1
}

database_url() {  # database_url BACKEND SCALE: a database of its own per scale
  local name="samverka_bench_${2//./_}"
  case $1 in
    sqlite) echo "sqlite:///$ROOT/var/$name.sqlite3" ;;
    postgresql) echo "$PG_URL/$name" ;;
  esac
}

run_backend() {
  local backend=$1 scale url
  echo
  echo "================ $backend ================"
  for scale in $SCALES; do
    url=$(database_url "$backend" "$scale")
    if [ "$backend" = sqlite ]; then
      rm -f "${url#sqlite:///}" "${url#sqlite:///}-wal" "${url#sqlite:///}-shm"
    else
      "$PGBIN/createdb" -h 127.0.0.1 -p "${PG_URL##*:}" -U samverka "${url##*/}"
    fi
    export DATABASE_URL=$url
    echo "== [$backend, scale $scale] migrate"
    step migrate "$backend" "$scale" $PY manage.py migrate --no-input -v0
    echo "== [$backend, scale $scale] generate_national_data --scale $scale (and $(cases_for "$scale") registry cases x 10 documents)"
    step generate "$backend" "$scale" $PY manage.py generate_national_data --scale "$scale" --seed 1
    echo "== [$backend, scale $scale] key pages: server time (Django test client, in-process)"
    step pages "$backend" "$scale" $PY benchmarks/pages.py --backend "$backend" --requests "$REQUESTS" \
      --warmup "$WARMUP" --registry-cases "$(cases_for "$scale")" --json "$STEP_JSON"
  done
  export DATABASE_URL=$(database_url "$backend" "$SCALE")
  echo
  echo "== [$backend] the other benchmarks on the scale-$SCALE data"
  echo "== invitation to 200 members: queue, then the outbox worker sends over SMTP (aiosmtpd on loopback)"
  step invitations "$backend" "$SCALE" $PY benchmarks/invitations.py --backend "$backend" --json "$STEP_JSON"
  echo "== status-report round: steering overview (30 groups x 300 activities), PDF and Excel export"
  step status_overview "$backend" "$SCALE" $PY benchmarks/status_overview.py --backend "$backend" \
    --requests "$REQUESTS" --warmup "$WARMUP" --json "$STEP_JSON"
  echo "== registry: $(cases_for "$SCALE") cases x 10 documents, registering a document, the public diary, the case list"
  step registry "$backend" "$SCALE" $PY benchmarks/registry.py --backend "$backend" --cases "$(cases_for "$SCALE")" \
    --requests "$REQUESTS" --json "$STEP_JSON"
  echo "== statistics: JSON-stat 2 parse and store (cells/s), one 150,000-cell response"
  step statistics_import "$backend" "$SCALE" $PY benchmarks/statistics_import.py --json "$STEP_JSON"
  echo "== education catalogue: importing 20,000 EMIL3 offerings (offerings/s, progress shown)"
  step catalogue_import "$backend" "$SCALE" $PY benchmarks/catalogue_import.py --json "$STEP_JSON"
  echo "== education catalogue: the public search over the generated offerings (p95, queries) at demo size and 10x"
  step catalogue_search "$backend" "$SCALE" $PY benchmarks/catalogue_search.py --backend "$backend" \
    --requests "$REQUESTS" --warmup "$WARMUP" --json "$STEP_JSON"
  echo "== education planner: the programme x municipality coverage matrix for one county (target <= 150 ms)"
  step catalogue_coverage "$backend" "$SCALE" $PY benchmarks/catalogue_coverage.py --backend "$backend" \
    --requests "$REQUESTS" --warmup "$WARMUP" --json "$STEP_JSON"
  echo "== education orders and cohorts: order overview, order page, cohort list at demo size and 10x (<= 20 queries, p95 <= 150 ms)"
  step orders "$backend" "$SCALE" $PY benchmarks/orders.py --backend "$backend" \
    --orders "$($PY -c "print(max(500, int(5000 * $SCALE)))")" --cohorts "$($PY -c "print(max(5000, int(50000 * $SCALE)))")" \
    --requests "$REQUESTS" --warmup "$WARMUP" --json "$STEP_JSON"
  echo "== yearly report to MYH: generating one region's draft (target < 5 s)"
  step myh_report "$backend" "$SCALE" $PY benchmarks/myh_report.py --backend "$backend" --json "$STEP_JSON"
  echo "== indicators over the synthetic national cube (five years: about 2 million rows)"
  step indicators "$backend" "$SCALE" $PY benchmarks/indicators.py --backend "$backend" \
    --years "$($PY -c "print(max(2, round(5 * $SCALE)))")" --json "$STEP_JSON"

  echo "== minimal views (benchmarks/minimal_wsgi.py): do they show what the real pages show?"
  local paths=$OUT/.paths-$RUN_ID.txt
  step minimal_check "$backend" "$SCALE" $PY benchmarks/minimal_check.py --backend "$backend" --paths "$paths" \
    --json "$STEP_JSON"
  local port minimal_port pairs=() mix=()
  while read -r path; do
    [ -n "$path" ] && pairs+=(--pair "$path") && mix+=(--mix "$path")
  done <"$paths" 2>/dev/null
  rm -f "$paths"
  echo "== gunicorn (2 workers each, 127.0.0.1): the real app and the minimal views, $CONCURRENCY concurrent, ${DURATION} s per page;"
  echo "   then a real worker's memory after 250 and 1,000 mixed requests"
  port=$(free_port)
  .venv/bin/gunicorn config.wsgi --workers 2 --bind "127.0.0.1:$port" --log-level warning \
    >"$OUT/gunicorn-$backend.log" 2>&1 &
  GUNICORN_PID=$!
  minimal_port=$(free_port)
  .venv/bin/gunicorn --chdir benchmarks minimal_wsgi:application --workers 2 --bind "127.0.0.1:$minimal_port" \
    --log-level warning >"$OUT/gunicorn-minimal-$backend.log" 2>&1 &
  MINIMAL_PID=$!
  wait_for "$port"; wait_for "$minimal_port"
  step load "$backend" "$SCALE" $PY benchmarks/load.py --port "$port" --minimal-port "$minimal_port" \
    --path /organisations/ --path /healthz/ "${pairs[@]}" --memory-pid "$GUNICORN_PID" "${mix[@]}" \
    --concurrency "$CONCURRENCY" --duration "$DURATION" --label "$backend" --json "$STEP_JSON"
  kill "$GUNICORN_PID" "$MINIMAL_PID"; wait "$GUNICORN_PID" "$MINIMAL_PID" 2>/dev/null || true
  GUNICORN_PID=""
  MINIMAL_PID=""
}

for backend in $BACKENDS; do
  case $backend in
    sqlite)
      run_backend sqlite
      ;;
    postgresql)
      start_postgres
      run_backend postgresql
      ;;
    *) echo "unknown backend $backend" >&2; exit 2 ;;
  esac
done

echo
echo "== summary (growth: ratio of the median server time, larger scale / smaller)"
$PY benchmarks/results.py summary "$RESULTS"
status=$?
echo "Results: $RESULTS (compare two runs: make bench-compare)"
echo "make bench finished in $(( $(date +%s) - STARTED )) s"
exit $status
