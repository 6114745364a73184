# The replication workloads (sourced by bench/run), driven by bench/ReplicationBench.java.
#   BOOT: a fresh device (user-10000, in rooms 0-9 and a friend of users 0-199) pulls its 10,000
#         messages and 1,000 posts through pullMessages and pullPosts; documents per second.
#   CHANGES: the same device's 1,000 posts through `changes`, without and with entities: ["post"].
#   STREAM: BENCH_STREAM_DEVICES devices (10,000 by default) follow messages, posts and profiles;
#         BENCH_STREAM_RATE messages a second (200) land in their rooms; write-to-frame latency.
# shellcheck shell=bash

BOOT_TOKENS=target/bench-tokens-boot.txt

prepare_boot_device() {
    psql_bench <<'SQL'
INSERT INTO user_profiles (user_id, display_name) VALUES ('user-10000', 'Boot device') ON CONFLICT DO NOTHING;
INSERT INTO room_members (room_id, user_id, added_by)
SELECT 'room-' || r, 'user-10000', 'user-' || (r * 10) FROM generate_series(0, 9) r ON CONFLICT DO NOTHING;
INSERT INTO friend_connections (requester_id, addressee_id, status)
SELECT 'user-10000', 'user-' || u, 'ACCEPTED' FROM generate_series(0, 199) u ON CONFLICT DO NOTHING;
SQL
    [ -s "$BOOT_TOKENS" ] || { write_tokens "$BOOT_TOKENS.all" 10001 && tail -n 1 "$BOOT_TOKENS.all" >"$BOOT_TOKENS"; }
}

replication_bench() {
    java bench/ReplicationBench.java "$@" | tee -a target/bench-replication.log \
        | awk '/^RESULT/ { for (i = 2; i <= NF; i++) { split($i, kv, "="); printf "%s ", kv[2] } print "" }'
}

workload_boot() {
    prepare_boot_device
    read -r rps p50 p99 errors requests <<<"$(replication_bench boot "$BENCH_PORT" "$(cat "$BOOT_TOKENS")" "$WARMUP" 5)"
    row "BOOT a fresh device pulls $requests documents (10,000 messages, 1,000 posts), limit 1000" "$rps documents/s" \
        "$p50 ms" "$p99 ms" "$errors" "-" "-"
    read -r rps p50 p99 errors requests <<<"$(replication_bench changes "$BENCH_PORT" "$(cat "$BOOT_TOKENS")" "$WARMUP" 5)"
    row "CHANGES the same device's posts through changes without a filter ($requests changes read)" "$rps changes/s" \
        "$p50 ms" "$p99 ms" "$errors" "-" "-"
    read -r rps p50 p99 errors requests <<<"$(replication_bench changes "$BENCH_PORT" "$(cat "$BOOT_TOKENS")" "$WARMUP" 5 post)"
    row "CHANGES the same posts with entities: [\"post\"] ($requests changes read)" "$rps changes/s" \
        "$p50 ms" "$p99 ms" "$errors" "-" "-"
}

workload_stream() {
    local devices=${BENCH_STREAM_DEVICES:-10000} rate=${BENCH_STREAM_RATE:-200}
    read -r rps p50 p99 errors requests <<<"$(replication_bench stream "$BENCH_PORT" "$TOKENS" "$devices" "$rate" \
        "$WARMUP" "$MEASURE" "$APP_PID")"
    row "STREAM $devices devices x 3 streams, $rate messages/s: write response to each member's frame" "$rps frames/s" \
        "$p50 ms" "$p99 ms" "$errors" "-" "-"
    grep '^devices' target/bench-replication.log | tail -n 1 >&2
}
