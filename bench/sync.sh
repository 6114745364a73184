# SYNC: how many queued operations per second the worker applies (sourced by bench/run).
# The queue is written straight into the database (no push wakes the worker; its 1 s schedule finds
# it), so the figure is the worker's alone: operations / (last write of an APPLIED status - first claim).
# shellcheck shell=bash

SYNC_USERS=${SYNC_USERS:-100}
SYNC_PER_USER=${SYNC_PER_USER:-100}
SYNC_WARMUP_SECONDS=${SYNC_WARMUP_SECONDS:-40}

# sync_users PREFIX COUNT: users with a profile and a room each.
sync_users() {
    psql_bench -c "
        INSERT INTO user_profiles (user_id) SELECT '$1-' || u FROM generate_series(0, $2 - 1) u;
        INSERT INTO chat_rooms (room_id, created_by) SELECT '$1-' || u || '-room', '$1-' || u FROM generate_series(0, $2 - 1) u;
        INSERT INTO room_members (room_id, user_id, added_by) SELECT '$1-' || u || '-room', '$1-' || u, '$1-' || u FROM generate_series(0, $2 - 1) u;"
}

# sync_queue PREFIX USERS PER-USER MIX: PER-USER operations for each user, in push order.
# MIX chat: every operation a message (the seed's chat-heavy queue); mixed: 7 in 10 messages, then a
# setting, a profile update (each expecting the version before it) and a post.
sync_queue() {
    local kind
    if [ "$4" = chat ]; then
        kind="'create_message'"
    else
        kind="CASE WHEN i % 10 < 7 THEN 'create_message' WHEN i % 10 = 7 THEN 'set_setting'
                   WHEN i % 10 = 8 THEN 'update_profile' ELSE 'create_post' END"
    fi
    psql_bench -c "
        INSERT INTO sync_operations (user_id, client_op_id, op_type, payload)
        SELECT user_id, 'op-' || i, kind,
               CASE kind
                 WHEN 'create_message' THEN json_build_object('clientId', 'm' || i, 'roomId', user_id || '-room', 'content', 'offline message ' || i)
                 WHEN 'set_setting' THEN json_build_object('key', 'k' || (i % 7), 'value', 'v' || i)
                 WHEN 'update_profile' THEN json_build_object('displayName', 'name ' || i, 'expectedVersion', i / 10)
                 ELSE json_build_object('postId', 'p' || i, 'content', 'offline post ' || i, 'visibility', 'FRIENDS')
               END::text
        FROM (SELECT '$1-' || u AS user_id, i, $kind AS kind
              FROM generate_series(0, $2 - 1) u, generate_series(0, $3 - 1) i ORDER BY u, i) q"
}

# sync_drain PREFIX TOTAL: waits until the queue of PREFIX is settled; prints operations per second.
sync_drain() {
    local deadline=$((SECONDS + 600))
    while [ "$(sql_value "SELECT count(*) FROM sync_operations WHERE user_id LIKE '$1-%' AND status = 'PENDING'")" != 0 ]; do
        [ $SECONDS -lt $deadline ] || { echo "the queue was not drained in 10 minutes" >&2; exit 1; }
        sleep 0.2
    done
    local failed
    failed=$(sql_value "SELECT count(*) FROM sync_operations WHERE user_id LIKE '$1-%' AND status <> 'APPLIED'")
    [ "$failed" = 0 ] || { echo "$failed operations of $1 were not applied" >&2; exit 1; }
    sql_value "
        SELECT round($2 / extract(epoch FROM (
                   SELECT max(c.changed_at) FROM change_log c
                   WHERE c.entity = 'operation' AND c.owner_id LIKE '$1-%')
               - (SELECT min(applied_at) FROM sync_operations WHERE user_id LIKE '$1-%')))"
}

workload_sync() {
    # Users of this run only, so that a reused data set (BENCH_REUSE=1) takes another run.
    local run round=0 started=$SECONDS
    run=r$(date +%s)
    echo "SYNC: warming up for ${SYNC_WARMUP_SECONDS} s (queues of 2,000 operations)" >&2
    while [ $((SECONDS - started)) -lt "$SYNC_WARMUP_SECONDS" ]; do
        round=$((round + 1))
        sync_users "$run-warm$round" 20
        sync_queue "$run-warm$round" 20 100 mixed
        sync_drain "$run-warm$round" 2000 >/dev/null
    done
    for mix in chat mixed; do
        sync_users "$run-sync-$mix" "$SYNC_USERS"
        sync_queue "$run-sync-$mix" "$SYNC_USERS" "$SYNC_PER_USER" "$mix"
        local total=$((SYNC_USERS * SYNC_PER_USER)) rate
        rate=$(sync_drain "$run-sync-$mix" "$total")
        row "SYNC ($mix, $total ops from $SYNC_USERS users)" "$rate ops/s" "-" "-" "0" "-" "-"
    done
}
