#!/usr/bin/env bash
# Service CPU per request of two versions of the code on the same data, back to back: how the README's
# "Performance" section judges the issue-13 targets "at most half of before". bench/run.sh cannot run older code
# on today's schema, so each version is built from its own commit, starts on a fresh embedded database of its own
# and gets the same seeded users from today's generator; every read is then warmed up, and each measured at 16
# connections (median of three runs). Writes bench/results/<date>-compare-<before>-<after>.md. About 10 minutes on 2 cores;
# run it on a quiet machine, as the full harness.
#
#   bench/compare.sh 6e2d59f                 # the code before issue 13 against HEAD
#   BENCH_READS="Q1 Q7" bench/compare.sh 6e2d59f 3a1212e
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
BEFORE=$(git rev-parse --short "${1:?usage: bench/compare.sh BEFORE [AFTER]}")
AFTER=$(git rev-parse --short "${2:-HEAD}")
FIRST_USERS=${BENCH_FIRST_USERS:-100000}
OTHER_USERS=${BENCH_OTHER_USERS:-25000}
SECONDS_PER_RUN=${BENCH_SECONDS:-8}
read -r -a READS <<< "${BENCH_READS:-Q1 Q5 Q7}"
PORT=${BENCH_PORT:-18090}
BASE=http://127.0.0.1:$PORT
HEAP=-Xmx256m
BENCH_LIB=$ROOT/bench/lib
COMPARE=$ROOT/bench/work/compare
# shellcheck source=lib/service.sh
. "$BENCH_LIB/service.sh"
trap stop_service EXIT

install_tools
rm -rf "$COMPARE" && mkdir -p "$COMPARE"
RESULTS=$COMPARE/results.tsv

compare() {  # label commit: builds that commit, loads the data, appends label, query, run and each measurement
    local label=$1 commit=$2
    mkdir -p "$COMPARE/$label/work"
    git archive "$commit" | tar -x -C "$COMPARE/$label"
    log "$label ($commit): building"
    (cd "$COMPARE/$label" && mvn -q -B -ntp package -Dmaven.test.skip=true)
    WORK=$COMPARE/$label/work JAR=$COMPARE/$label/target/accounts.jar
    start_service
    read_demo_credentials
    log "$label: generating $FIRST_USERS + 4 x $OTHER_USERS users"
    generate_users "$FIRST_USERS" "$OTHER_USERS"
    define_queries
    log "$label: warming up ${READS[*]}"
    warm_up "${READS[@]}"
    for q in "${READS[@]}"; do
        log "$label: $q"
        for run in 1 2 3; do
            measure "$q" 16 "$BASE${QUERY[$q]}"
            printf '%s\t%s\t%s\t%s\n' "$label" "$q" "$run" "$MEASURED" >> "$RESULTS"
        done
    done
    stop_service
}

compare before "$BEFORE"
compare after "$AFTER"
REPORT=bench/results/$(date +%Y-%m-%d)-compare-$BEFORE-$AFTER.md
python3 "$BENCH_LIB/compare_report.py" "$RESULTS" "$BEFORE" "$AFTER" "$FIRST_USERS" "$OTHER_USERS" \
    "$SECONDS_PER_RUN" > "$REPORT"
log "report: $REPORT"
