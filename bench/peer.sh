#!/usr/bin/env bash
# The service against its Django peer (issue 13's goal: at least 5x the peer on every read, 10x on GET {pk}/). The
# peer, bench/peer/, serves the same six organization-user reads with Django REST framework, django-filter and
# gunicorn (sync workers, 2 x cores + 1, Debian's packages). Both read the same embedded PostgreSQL, which the
# service creates and bench/lib/generate.sql fills; each read is checked to give both the same rows, warmed up on
# both, then measured with wrk at 8 and 16 connections, service and peer in turn, with each side's CPU per request
# and PostgreSQL's from /proc; the export is timed as rows/s (median of three after a warm-up). Writes
# bench/results/<date>-peer-<sha>.md. Every process it starts is bounded by `timeout` and stopped by its PID.
# About 8 minutes on 2 cores; the machine is shared, so the figures are for comparing the two sides, run in turns.
#
#   bench/peer.sh
#   BENCH_FIRST_USERS=20000 BENCH_SECONDS=3 bench/peer.sh     # a quick rehearsal
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
WORK=$ROOT/bench/work/peer
FIRST_USERS=${BENCH_FIRST_USERS:-100000}
OTHER_USERS=${BENCH_OTHER_USERS:-25000}
SECONDS_PER_RUN=${BENCH_SECONDS:-10}
# 5 s per read was too short for the service's JIT: P1, measured first, answered 663 req/s at 8 connections in a
# run with it (not kept), and 1,500-1,700 on the same data once warm (by hand, wrk -c8 -d6s, right after).
WARM_UP_SECONDS=${BENCH_WARM_UP_SECONDS:-15}
# Clear of bench/run.sh (18080) and bench/compare.sh (18090); the peer listens on the next port.
PORT=${BENCH_PORT:-18180}
PEER_PORT=${BENCH_PEER_PORT:-$((PORT + 1))}
BASE=http://127.0.0.1:$PORT
PEER_BASE=http://127.0.0.1:$PEER_PORT
HEAP=-Xmx256m
BENCH_LIB=$ROOT/bench/lib
WORKERS=$((2 * $(nproc) + 1))  # gunicorn's recommendation for sync workers
CONNECTIONS=(8 16)             # the issue measured at 8
PEER_PID=
# shellcheck source=lib/service.sh
. "$BENCH_LIB/service.sh"

stop_peer() {
    stop_pid "$PEER_PID"
    PEER_PID=
}
cleanup() {
    stop_peer
    stop_service
}
trap cleanup EXIT

install_peer() {
    /usr/bin/python3 -c 'import django, rest_framework, django_filters, psycopg2' 2>/dev/null \
        && [ -x /usr/bin/gunicorn ] && return
    log "installing the peer's stack from Debian"
    DEBIAN_FRONTEND=noninteractive timeout 600 apt-get update -q >/dev/null
    DEBIAN_FRONTEND=noninteractive timeout 900 apt-get install -y -q --no-install-recommends python3-django \
        python3-djangorestframework python3-django-filters python3-psycopg2 gunicorn >/dev/null
}

start_peer() {
    PEER_DB_PASSWORD=$(cat "$WORK/data/postgres-password") PEER_DB_PORT=$(cat "$WORK/data/embedded-postgres.port") \
        timeout 3600 /usr/bin/gunicorn --chdir "$ROOT/bench/peer" --workers "$WORKERS" --worker-class sync \
        --bind "127.0.0.1:$PEER_PORT" --timeout 600 --log-level warning peer.wsgi >>"$WORK/peer.log" 2>&1 &
    PEER_PID=$!
    for _ in $(seq 1 300); do
        curl -sf -o /dev/null "${HEADERS[@]}" "$PEER_BASE$USERS/list/?_page=1&_page_size=1" && return
        kill -0 "$PEER_PID" 2>/dev/null || { log "the peer died; see $WORK/peer.log"; exit 1; }
        sleep 0.2
    done
    log "the peer did not become ready"; exit 1
}

# CPU clock ticks of a process and its children: its own user + system time, what it has reaped of exited
# children (/proc/<pid>/stat fields 14-17), and its live children's own time.
tree_ticks() {
    { cat "/proc/$1/stat"; for child in $(pgrep -P "$1"); do cat "/proc/$child/stat" 2>/dev/null || true; done; } \
        | awk -v top="$1" '$1 == top {t += $14 + $15 + $16 + $17; next} {t += $14 + $15} END {print t}'
}
peer_ticks() { tree_ticks "$(pgrep -P "$PEER_PID" gunicorn)"; }  # the master, its workers
pg_ticks() { tree_ticks "$(head -n 1 "$WORK/data/postgres/postmaster.pid")"; }
side_ticks() { if [ "$1" = service ]; then service_ticks; else peer_ticks; fi; }
side_base() { if [ "$1" = service ]; then echo "$BASE"; else echo "$PEER_BASE"; fi; }

# check READ: both sides answer 200 with the same rows in the same order (the ids of the objects, digested) and the
# same X-Total-Count; appends both.
check() {
    local read=$1 side status counted rows ids total bytes
    for side in service peer; do
        status=$(curl -s -D "$WORK/check.headers" -o "$WORK/check.body" -w '%{http_code}' "${HEADERS[@]}" \
            "$(side_base "$side")${PATHS[$read]}")
        [ "$status" = 200 ] || { log "$read: $side answered $status"; exit 1; }
        # Through a variable, so that set -e stops the run when row_ids.py fails (a process substitution would not).
        counted=$(python3 "$BENCH_LIB/row_ids.py" "$read" < "$WORK/check.body")
        read -r rows ids <<< "$counted"
        total=$(awk -F': ' 'tolower($1) == "x-total-count" {print $2 + 0}' "$WORK/check.headers")
        bytes=$(wc -c < "$WORK/check.body")
        printf 'check\t%s\t%s\t%s\t%s\t%s\t%s\n' "$read" "$side" "$rows" "${total:--}" "$bytes" "$ids" >> "$RESULTS"
    done
    awk -F'\t' -v r="$read" '$1 == "check" && $2 == r {ids[$4 " " $7]; total[$5]} END {exit !(length(ids) == 1 &&
        length(total) == 1)}' "$RESULTS" || { log "$read: the service and the peer disagree; see $RESULTS"; exit 1; }
}

# wrk_side SIDE READ CONCURRENCY SECONDS [record]: one wrk run; with "record", appends the side, wrk_summary.py's
# line with the side's CPU ms per request, and PostgreSQL's CPU ms per request.
wrk_side() {
    local side=$1 read=$2 conc=$3 seconds=$4 record=${5:-} app pg
    local output=$WORK/wrk-$side-$read-$conc.txt
    app=$(side_ticks "$side")
    pg=$(pg_ticks)
    HEADERS_FILE="$WORK/headers.txt" timeout $((seconds + 30)) wrk -t2 -c"$conc" -d"${seconds}s" --latency \
        -s "$BENCH_LIB/get.lua" "$(side_base "$side")${PATHS[$read]}" > "$output"
    app=$(( $(side_ticks "$side") - app ))
    pg=$(( $(pg_ticks) - pg ))
    [ "$record" = record ] || return 0
    printf '%s\t%s\t%s\n' "$side" "$(python3 "$BENCH_LIB/wrk_summary.py" "$read" "$conc" "$app" "$TICK" \
        < "$output")" "$(python3 "$BENCH_LIB/wrk_summary.py" "$read" "$conc" "$pg" "$TICK" < "$output" \
        | cut -f9)" >> "$RESULTS"
}

# export_run SIDE RUN: one full _jsonl read; appends the side, the run, time to first byte and total (s), bytes, and
# the side's and PostgreSQL's CPU ms for the whole export.
export_run() {
    local side=$1 run=$2 app pg timing
    app=$(side_ticks "$side")
    pg=$(pg_ticks)
    timing=$(timeout 900 curl -s -o /dev/null -w '%{time_starttransfer}\t%{time_total}\t%{size_download}' \
        "${HEADERS[@]}" "$(side_base "$side")${PATHS[P6]}")
    app=$(( $(side_ticks "$side") - app ))
    pg=$(( $(pg_ticks) - pg ))
    printf 'export\t%s\t%s\t%s\t%s\t%s\n' "$side" "$run" "$timing" "$(( app * 1000 / TICK ))" \
        "$(( pg * 1000 / TICK ))" >> "$RESULTS"
}

install_tools
install_peer
log "building"
mvn -q -B -ntp package -Dmaven.test.skip=true
rm -rf "$WORK" && mkdir -p "$WORK"
RESULTS=$WORK/results.tsv
: > "$RESULTS"
TICK=$(getconf CLK_TCK)

log "starting the service (creates the embedded database and the demo customer's credentials)"
start_service
read_demo_credentials
log "generating $FIRST_USERS + 4 x $OTHER_USERS users"
generate_users "$FIRST_USERS" "$OTHER_USERS"
PK=$(psql_db -At -c "select id from organizationuser where customer_id = '$FIRST_CUSTOMER' order by id
    offset $((FIRST_USERS / 3)) limit 1")

# The issue's six reads, in its table's order.
declare -A PATHS=(
    [P1]="$USERS/list/?first_name__icontains=ann&_order_by=last_name&_page=5&_page_size=25"
    [P2]="$USERS/list/?first_name__icontains=ann&_order_by=last_name&_page=5&_page_size=25&_statistics=true"
    [P3]="$USERS/list/?_page=1&_page_size=25"
    [P4]="$USERS/list/?is_active=true&_order_by=last_name&_page=40&_page_size=25"
    [P5]="$USERS/$PK/"
    [P6]="$USERS/list/?_jsonl=true"
)
READS=(P1 P2 P3 P4 P5)

log "starting the peer: gunicorn, $WORKERS sync workers"
start_peer

log "checking that both give the same rows"
for read in "${READS[@]}" P6; do check "$read"; done

log "warming both up"
for read in "${READS[@]}"; do
    for side in service peer; do wrk_side "$side" "$read" 16 "$WARM_UP_SECONDS"; done
done

for read in "${READS[@]}"; do
    for conc in "${CONNECTIONS[@]}"; do
        log "$read at $conc connections"
        for side in service peer; do wrk_side "$side" "$read" "$conc" "$SECONDS_PER_RUN" record; done
    done
done

log "P6: the export, once to warm up and three times measured, on each side in turn"
for side in service peer; do export_run "$side" 0; done
for run in 1 2 3; do
    for side in service peer; do export_run "$side" "$run"; done
done

cleanup
SHA=$(git rev-parse --short HEAD)
REPORT=bench/results/$(date +%Y-%m-%d)-peer-$SHA.md
python3 "$BENCH_LIB/peer_report.py" "$RESULTS" "$REPORT" --sha "$SHA" --users "$FIRST_USERS" \
    --other-users "$OTHER_USERS" --seconds "$SECONDS_PER_RUN" --workers "$WORKERS" --cores "$(nproc)" \
    --peer-versions "$(/usr/bin/python3 -c 'import django, django_filters, gunicorn, rest_framework
print(f"Django {django.get_version()}, Django REST framework {rest_framework.VERSION}, "
      f"django-filter {django_filters.__version__}, gunicorn {gunicorn.__version__}")')"
log "report: $REPORT"
