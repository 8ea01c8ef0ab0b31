# Shared by bench/run.sh and bench/compare.sh (sourced, not run): starting and stopping the service on its
# embedded PostgreSQL, psql as that database's superuser, generating the benchmark users and reading the service
# JVM's CPU time, and the read mix. Expects WORK (the data directory's parent), PORT, BASE, HEAP and BENCH_LIB;
# JAR defaults to the build's.

SERVICE_PID=
USERS=/accounts/users/organization/organizationuser

log() { echo "[bench $(date +%H:%M:%S)] $*" >&2; }

install_tools() {
    local missing=()
    command -v wrk >/dev/null || missing+=(wrk)
    command -v pgbench >/dev/null || missing+=(postgresql-contrib postgresql-client)
    command -v psql >/dev/null || missing+=(postgresql-client)
    command -v python3 >/dev/null || missing+=(python3)
    if [ ${#missing[@]} -gt 0 ]; then
        log "installing ${missing[*]}"
        DEBIAN_FRONTEND=noninteractive timeout 600 apt-get update -q >/dev/null
        DEBIAN_FRONTEND=noninteractive timeout 900 apt-get install -y -q --no-install-recommends "${missing[@]}" \
            >/dev/null
    fi
}

# stop_pid PID: TERM, then KILL if it has not ended within a minute.
stop_pid() {
    if [ -n "$1" ] && kill -0 "$1" 2>/dev/null; then
        kill -TERM "$1"
        timeout 60 tail --pid="$1" -f /dev/null || kill -KILL "$1"
    fi
}

stop_service() {
    stop_pid "$SERVICE_PID"
    SERVICE_PID=
}

# Starts the service in the background; extra environment as arguments. Waits until /health/ answers and sets
# READY_MS to the time that took. Its collector's pauses go to $WORK/gc.log with the wall clock in milliseconds,
# so the report can tell whether a run's p99 met a pause. (Not called in $(...): SERVICE_PID must be set in this shell.)
start_service() {
    local started
    started=$(date +%s%N)
    env ACCOUNTS_DATA_DIR="$WORK/data" ACCOUNTS_PORT="$PORT" ACCOUNTS_RATE_LIMIT_PER_MINUTE=0 "$@" \
        timeout 3600 java $HEAP -Xlog:gc:file="$WORK/gc.log":timemillis -jar "${JAR:-target/accounts.jar}" \
        >>"$WORK/service.out" 2>>"$WORK/service.log" &
    SERVICE_PID=$!
    for _ in $(seq 1 600); do
        if curl -sf -o /dev/null "$BASE/health/"; then
            READY_MS=$(( ($(date +%s%N) - started) / 1000000 ))
            return
        fi
        kill -0 "$SERVICE_PID" 2>/dev/null || { log "the service died; see $WORK/service.log"; exit 1; }
        sleep 0.1
    done
    log "the service did not become ready"; exit 1
}

# The embedded database accepts no login without its superuser's password, kept in the data directory (versions
# before that password trusted local logins).
psql_db() {
    local password=
    [ -f "$WORK/data/postgres-password" ] && password=$(cat "$WORK/data/postgres-password")
    PGPASSWORD="$password" psql -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 \
        -p "$(cat "$WORK/data/embedded-postgres.port")" -U postgres -d postgres "$@"
}

# After the first start: the demo customer's seven headers in $WORK/headers.txt and as curl's -H arguments in
# HEADERS, its id in FIRST_CUSTOMER.
read_demo_credentials() {
    grep -E '^  X-PIGELLO-' "$WORK/service.out" | sed 's/^  //' > "$WORK/headers.txt"
    FIRST_CUSTOMER=$(grep -E '^X-PIGELLO-CUSTOMER-ID' "$WORK/headers.txt" | awk '{print $2}')
    HEADERS=()
    while read -r line; do HEADERS+=(-H "$line"); done < "$WORK/headers.txt"
}

# generate_users FIRST OTHER: FIRST users for the demo customer and OTHER for each of four more, written straight
# into the tables with the non-key indexes dropped during the load; sets GEN_SECONDS.
generate_users() {
    local started others
    started=$(date +%s)
    others=$(psql_db -At -c "insert into customer (id, name) select gen_random_uuid(), 'Bench customer ' || g
        from generate_series(1, 4) g returning id" | paste -sd, -)
    psql_db -At -c "select indexdef from pg_indexes where tablename = 'organizationuser' and indexname not in
        (select conname from pg_constraint where conrelid = 'organizationuser'::regclass)" > "$WORK/indexes.sql"
    psql_db -At -c "select 'drop index ' || indexname || ';' from pg_indexes where tablename = 'organizationuser'
        and indexname not in (select conname from pg_constraint where conrelid = 'organizationuser'::regclass)" \
        | psql_db
    psql_db -v first_customer="$FIRST_CUSTOMER" -v other_customers="$others" -v first_users="$1" \
        -v other_users="$2" -f "$BENCH_LIB/generate.sql"
    sed 's/$/;/' "$WORK/indexes.sql" | psql_db -c "set maintenance_work_mem = '512MB'" -f -
    psql_db -c "vacuum analyze organizationuser" -c "vacuum analyze organization" -c "vacuum analyze role"
    GEN_SECONDS=$(( $(date +%s) - started ))
}

# The service JVM's CPU time so far in clock ticks (user + system, /proc/<pid>/stat fields 14 and 15).
service_ticks() { awk '{print $14 + $15}' "/proc/$(pgrep -P "$SERVICE_PID" java)/stat"; }

# The read mix (Q1-Q11) over the first customer's data, in QUERY; PK is Q7's user, patch_ids.txt W2's users.
define_queries() {
    EMAIL=$(psql_db -At -c "select upper(email) from organizationuser where customer_id = '$FIRST_CUSTOMER'
        and email is not null order by id offset 4242 limit 1")
    ORG=$(psql_db -At -c "select organization_id from organizationuser where customer_id = '$FIRST_CUSTOMER'
        and organization_id is not null group by organization_id order by count(*) desc, organization_id limit 1")
    PK=$(psql_db -At -c "select id from organizationuser where customer_id = '$FIRST_CUSTOMER' order by id
        offset 31337 limit 1")
    psql_db -At -c "select id from organizationuser where customer_id = '$FIRST_CUSTOMER' order by id
        offset 1000 limit 2000" > "$WORK/patch_ids.txt"

    declare -gA QUERY=(
        [Q1]="$USERS/list/?_page=1&_page_size=25"
        [Q2]="$USERS/list/?is_active=true&_order_by=last_name&_page=40&_page_size=25"
        [Q3]="$USERS/list/?first_name__icontains=ann&_page=1&_page_size=25"
        [Q4]="$USERS/list/?_search=anna%20svensson&_page=1&_page_size=25"
        [Q5]="$USERS/list/?email__iexact=$(python3 -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1]))' "$EMAIL")"
        [Q6]="$USERS/list/?organization=$ORG&_statistics=true&_page=1&_page_size=25"
        [Q7]="$USERS/$PK/"
        [Q9]="$USERS/list/?first_name__icontains=ann&_statistics=true&_page=2&_page_size=25"
        [Q10]="$USERS/list/?first_name__icontains=ann&_page=2&_page_size=25"
        [Q11]="$USERS/list/?organization=$ORG&_page=1&_page_size=25"
    )
}

# warm_up READ...: each read at 16 connections for SECONDS_PER_RUN, before anything is measured: the JIT compiler's
# threads count in the JVM's CPU time, and a read measured first would pay for compiling the paths all share.
warm_up() {
    local q
    for q in "$@"; do
        HEADERS_FILE="$WORK/headers.txt" timeout $((SECONDS_PER_RUN + 30)) wrk -t2 -c16 -d"${SECONDS_PER_RUN}s" \
            -s "$BENCH_LIB/get.lua" "$BASE${QUERY[$q]}" > /dev/null
    done
}

# measure NAME CONCURRENCY URL [SCRIPT]: one wrk run of SECONDS_PER_RUN. Sets MEASURED to wrk_summary.py's line
# (name, concurrency, req/s, p50 ms, p99 ms, non-2xx, socket errors, service CPU ms per request) and WINDOW to the
# run's wall clock in milliseconds ("start<TAB>end"); keeps wrk's output in $WORK/wrk-NAME-CONCURRENCY.txt.
measure() {
    local name=$1 conc=$2 url=$3 script=${4:-$BENCH_LIB/get.lua} threads=$(( $2 < 2 ? $2 : 2 ))
    local before after started
    before=$(service_ticks)
    started=$(date +%s%3N)
    HEADERS_FILE="$WORK/headers.txt" IDS_FILE="$WORK/patch_ids.txt" timeout $((SECONDS_PER_RUN + 30)) \
        wrk -t"$threads" -c"$conc" -d"${SECONDS_PER_RUN}s" --latency -s "$script" "$url" \
        > "$WORK/wrk-$name-$conc.txt"
    WINDOW=$(printf '%s\t%s' "$started" "$(date +%s%3N)")
    after=$(service_ticks)
    MEASURED=$(python3 "$BENCH_LIB/wrk_summary.py" "$name" "$conc" "$(( after - before ))" "$(getconf CLK_TCK)" \
        < "$WORK/wrk-$name-$conc.txt")
}
