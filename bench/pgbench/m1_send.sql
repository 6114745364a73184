-- M1: sendMessage as the application sends it: the room check, then the insert (whose change_log
-- trigger fires), in one transaction. No NOTIFY: replicas read the change log.
\set u random(0, 999)
\set n random(1, 2000000000)
BEGIN;
SELECT r.room_id FROM chat_rooms r
WHERE r.room_id = 'room-' || (:u / 10)
  AND EXISTS (SELECT 1 FROM room_members m WHERE m.room_id = r.room_id AND m.user_id = 'user-' || :u);
INSERT INTO chat_messages (message_id, room_id, sender_id, content, created_at)
VALUES ('pgb-' || :n || '-' || :client_id, 'room-' || (:u / 10), 'user-' || :u, 'pgbench message', now())
ON CONFLICT (sender_id, message_id) DO NOTHING;
COMMIT;
