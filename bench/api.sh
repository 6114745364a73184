# The HTTP workloads (sourced by bench/run): wrk drives the packaged application with many users'
# tokens, and pgbench runs the same SQL at the same concurrency on the same data, so each rate can be
# read as a share of the database's own.
# shellcheck shell=bash

CONNECTIONS=${BENCH_CONNECTIONS:-20}
WARMUP=${BENCH_WARMUP_SECONDS:-30}
MEASURE=${BENCH_MEASURE_SECONDS:-20}
TOKENS=target/bench-tokens.txt
M1_TOKENS=target/bench-tokens-1000.txt
ROOM0_TOKENS=target/bench-tokens-room-0.txt

Q1='{ messages(roomId: "room-{r}", first: 50) { edges { messageId content createdAt sender { userId displayName } } pageInfo { hasMore endCursor } } }'
Q2='{ profile(userId: "user-{f}") { userId displayName bio avatarUrl version } }'
Q3='{ feed(first: 20) { edges { postId content createdAt author { userId displayName } } pageInfo { hasMore endCursor } } }'
# Mutations carry their input as variables, as clients send them: one document, parsed once.
M1='mutation($i: MessageInput!) { sendMessage(input: $i) { messageId createdAt } }##{"i": {"clientId": "w{run}-{n}", "roomId": "room-{r}", "content": "hello from wrk"}}'
B1='mutation { sendMessages(inputs: [{batch}]) { messageId } }'

ensure_tools() {
    if ! command -v wrk >/dev/null 2>&1; then
        echo "Installing wrk (Debian package)" >&2
        apt-get update -qq >/dev/null && apt-get install -y -qq wrk >/dev/null
    fi
    command -v pgbench >/dev/null || { echo "pgbench (PostgreSQL client) is needed" >&2; exit 1; }
    # SQL statements per request come from pg_stat_statements, which must be preloaded.
    if ! psql_bench -tAc "SHOW shared_preload_libraries" | grep -q pg_stat_statements; then
        echo "Preloading pg_stat_statements: ALTER SYSTEM and a restart of PostgreSQL" >&2
        psql_bench -c "ALTER SYSTEM SET shared_preload_libraries = 'pg_stat_statements'"
        pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -n 1)" main restart
        for _ in $(seq 1 30); do pg_isready -h "$PGHOST_ADDR" -p "$PGPORT_NUM" -q && break; sleep 1; done
    fi
    psql_bench -c "CREATE EXTENSION IF NOT EXISTS pg_stat_statements"
}

# Statements the application sent since the last reset, without its background work and pgbench.
app_statements() {
    sql_value "SELECT coalesce(sum(s.calls), 0) FROM pg_stat_statements s JOIN pg_database d ON d.oid = s.dbid
               WHERE d.datname = '$BENCH_DB' AND s.query NOT ILIKE '%pg_current_snapshot%'
                 AND s.query NOT ILIKE '%sync_operations%' AND s.query NOT ILIKE '%pg_stat_statements%'
                 AND s.query NOT IN ('BEGIN', 'COMMIT', 'ROLLBACK')"
}

# wrk_run DOCUMENT ROOM SECONDS TOKENS: prints "rps p50 p99 errors requests".
wrk_run() {
    BENCH_TOKENS=$4 BENCH_QUERY=$1 BENCH_ROOM=$2 BENCH_THREADS=2 \
        wrk -t 2 -c "$CONNECTIONS" -d "${3}s" --timeout 10s -s bench/wrk/graphql.lua "http://127.0.0.1:$BENCH_PORT" \
        | awk '/^RESULT/ { for (i = 2; i <= NF; i++) { split($i, kv, "="); printf "%s ", kv[2] } print "" }'
}

# measure NAME DOCUMENT ROOM TOKENS [PGBENCH-SCRIPT]: warm-up, then a measured run and a table row.
measure() {
    local name=$1 document=$2 room=$3 tokens=$4 script=${5:-}
    wrk_run "$document" "$room" "$WARMUP" "$tokens" >/dev/null
    psql_bench -tAc "SELECT pg_stat_statements_reset()" >/dev/null
    read -r rps p50 p99 errors requests <<<"$(wrk_run "$document" "$room" "$MEASURE" "$tokens")"
    local per_request
    per_request=$(awk -v s="$(app_statements)" -v r="$requests" 'BEGIN { printf "%.1f", (r > 0 ? s / r : 0) }')
    local share="-"
    if [ -n "$script" ]; then
        local db
        db=$(pgbench_tps "$script")
        share="$db tps; $(awk -v a="$rps" -v b="$db" 'BEGIN { printf "%.0f %%", (b > 0 ? 100 * a / b : 0) }')"
    fi
    row "$name" "$rps rps" "$p50 ms" "$p99 ms" "$errors" "$per_request" "$share"
}

prepare_api() {
    ensure_tools
    if [ "${BENCH_REUSE:-0}" = 1 ] && data_loaded; then
        echo "Reusing the data set already in $BENCH_DB" >&2
    else
        load_data
    fi
    echo "Signing 10,000 tokens" >&2
    write_tokens "$TOKENS" 10000
    head -n 1000 "$TOKENS" >"$M1_TOKENS"
    head -n 10 "$TOKENS" >"$ROOM0_TOKENS"
}

workload_q1() {
    measure "Q1 hot: newest 50 messages with senders, one room by its 10 members" "$Q1" 0 "$ROOM0_TOKENS" bench/pgbench/q1_page.sql
    # Every user reads their own room, so few of these reads find a cached page.
    measure "Q1 cold: newest 50 with senders, 1,000 rooms by their members" "$Q1" own "$TOKENS" bench/pgbench/q1_page.sql
}

workload_q2() {
    measure "Q2 cached: a friend's profile (1,000 users)" "$Q2" own "$M1_TOKENS" bench/pgbench/q2_profile.sql
    # Uncached means no cache answers: 10,000 users' reads alone fit in the profile cache (20,000), so
    # the same reads go to a restart of the application with the response and profile caches off.
    stop_app
    export RESPONSE_CACHE_ENABLED=false CACHE_PROFILES_SIZE=0
    start_app
    measure "Q2 uncached: a friend's profile (10,000 users), response and profile caches off" "$Q2" own "$TOKENS" bench/pgbench/q2_profile.sql
    stop_app
    unset RESPONSE_CACHE_ENABLED CACHE_PROFILES_SIZE
    start_app
}

workload_q3() {
    measure "Q3 feed page of 20 with authors" "$Q3" own "$TOKENS"
}

# pgbench_tps SCRIPT: the database's own rate for a script, at the same concurrency.
pgbench_tps() {
    pgbench -n -h "$PGHOST_ADDR" -p "$PGPORT_NUM" -U "$PGUSER_NAME" -c "$CONNECTIONS" -j 2 -T "$MEASURE" -M prepared \
        -f "$1" "$BENCH_DB" 2>/dev/null | awk '/^tps/ { printf "%.0f", $3 }' || true
}

workload_m1() {
    measure "M1 sendMessage from 1,000 users" "$M1" own "$M1_TOKENS" bench/pgbench/m1_send.sql
    # What the change log costs the write path: the same SQL with its trigger switched off. The two
    # alternate in short pairs and the median pair is reported, since this machine's own rate drifts
    # by more than the difference being measured.
    local pairs=${BENCH_WRITE_PAIRS:-5} seconds=${BENCH_WRITE_SECONDS:-10} with without results=()
    for _ in $(seq 1 "$pairs"); do
        with=$(MEASURE=$seconds pgbench_tps bench/pgbench/m1_send.sql)
        psql_bench -qc "ALTER TABLE chat_messages DISABLE TRIGGER trg_chat_messages_insert_log"
        without=$(MEASURE=$seconds pgbench_tps bench/pgbench/m1_send.sql)
        psql_bench -qc "ALTER TABLE chat_messages ENABLE TRIGGER trg_chat_messages_insert_log"
        results+=("$(awk -v a="$with" -v b="$without" 'BEGIN { printf "%.1f %s %s", (b > 0 ? 100 * a / b : 0), a, b }')")
        echo "  write path pair: with $with tps, without $without tps" >&2
    done
    read -r share with without <<<"$(printf '%s\n' "${results[@]}" | sort -n | sed -n "$(( (pairs + 1) / 2 ))p")"
    row "M1 write path SQL (pgbench, median of $pairs pairs): with the change-log trigger / without" \
        "$with / $without tps" "-" "-" "-" "2" "$(printf '%.0f %%' "$share")"
}

# LIVE: 1,000 open roomMessages subscriptions (10 per room), messages sent at a steady rate, latency
# from each mutation's response to each subscriber's frame (bench/LiveBench.java, JDK only).
workload_live() {
    local subscriptions=${BENCH_LIVE_SUBSCRIPTIONS:-1000} rate=${BENCH_LIVE_RATE:-100}
    read -r rps p50 p99 errors requests <<<"$(java bench/LiveBench.java "$BENCH_PORT" "$TOKENS" "$subscriptions" "$rate" \
        "$WARMUP" "$MEASURE" | awk '/^RESULT/ { for (i = 2; i <= NF; i++) { split($i, kv, "="); printf "%s ", kv[2] } print "" }')"
    row "LIVE $subscriptions subscriptions, $rate messages/s: mutation response to subscriber frame" "$rps frames/s" \
        "$p50 ms" "$p99 ms" "$errors" "-" "-"
}

workload_b1() {
    measure "B1 sendMessages of 100" "$B1" own "$M1_TOKENS"
}

workload_mix() {
    measure "MIX 80 % Q1 / 15 % M1 / 5 % Q2" "80@$Q1||15@$M1||5@$Q2" own "$M1_TOKENS"
}
