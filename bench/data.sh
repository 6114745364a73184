# The deterministic data set of the benchmarks, loaded with SQL (sourced by bench/run): 10,000 users
# (user-0 … user-9999), 1,000 rooms of 10 members (room-r holds user-10r … user-10r+9), 1,000,000
# messages (1,000 per room), each user an accepted friend of the next five, 5 posts and 3 settings each.
# shellcheck shell=bash

load_data() {
    echo "Loading 10,000 users, 1,000 rooms, 1,000,000 messages, friendships, posts, settings" >&2
    local started=$SECONDS
    psql_bench <<'SQL'
INSERT INTO user_profiles (user_id, display_name, bio)
SELECT 'user-' || u, 'User ' || u, 'Bio of user ' || u FROM generate_series(0, 9999) u;
INSERT INTO chat_rooms (room_id, title, created_by)
SELECT 'room-' || r, 'Room ' || r, 'user-' || (r * 10) FROM generate_series(0, 999) r;
INSERT INTO room_members (room_id, user_id, added_by)
SELECT 'room-' || r, 'user-' || (r * 10 + k), 'user-' || (r * 10) FROM generate_series(0, 999) r, generate_series(0, 9) k;
INSERT INTO chat_messages (message_id, room_id, sender_id, content, created_at)
SELECT 'm-' || r || '-' || i, 'room-' || r, 'user-' || (r * 10 + i % 10), 'Message ' || i || ' of room ' || r,
       timestamptz '2026-01-01' + (i * interval '1 minute')
FROM generate_series(0, 999) r, generate_series(0, 999) i;
INSERT INTO friend_connections (requester_id, addressee_id, status)
SELECT 'user-' || u, 'user-' || ((u + d) % 10000), 'ACCEPTED' FROM generate_series(0, 9999) u, generate_series(1, 5) d;
INSERT INTO social_posts (post_id, author_id, content, visibility, created_at)
SELECT 'p-' || i, 'user-' || u, 'Post ' || i || ' of user ' || u, CASE WHEN i % 2 = 0 THEN 'FRIENDS' ELSE 'PUBLIC' END,
       timestamptz '2026-01-01' + ((u * 5 + i) * interval '1 second')
FROM generate_series(0, 9999) u, generate_series(0, 4) i;
INSERT INTO user_settings (user_id, setting_key, value)
SELECT 'user-' || u, k, 'value ' || u FROM generate_series(0, 9999) u, unnest(ARRAY['theme', 'language', 'notifications']) k;
VACUUM ANALYZE;
SQL
    echo "Loaded in $((SECONDS - started)) s" >&2
}

# write_tokens FILE COUNT: COUNT tokens for user-0 … user-(COUNT-1), one per line (wrk reads them).
write_tokens() {
    java bench/TokenSigner.java "$TEST_KEY" "$2" "$1"
}

# True when the database already holds this data set (BENCH_REUSE=1 then skips the load).
data_loaded() {
    [ "$(sql_value "SELECT count(*) FROM user_profiles WHERE user_id ~ '^user-[0-9]{1,4}$'" 2>/dev/null)" = 10000 ]
}
