-- Q1: the newest 50 messages of a room as one of its members reads them (membership filter), then
-- their senders' profiles: the two statements the application sends for a page with senders.
\set r random(0, 999)
SELECT m.id, m.message_id, m.room_id, m.sender_id, m.content, m.created_at, m.received_at
FROM chat_messages m
WHERE m.room_id = 'room-' || :r
  AND EXISTS (SELECT 1 FROM room_members x WHERE x.room_id = m.room_id AND x.user_id = 'user-' || (:r * 10))
ORDER BY m.created_at DESC, m.id DESC LIMIT 51;
SELECT p.user_id, p.display_name, p.bio, p.avatar_url, p.phone_number, p.version, p.created_at, p.updated_at
FROM user_profiles p WHERE p.user_id IN ('user-' || (:r * 10), 'user-' || (:r * 10 + 1), 'user-' || (:r * 10 + 2),
  'user-' || (:r * 10 + 3), 'user-' || (:r * 10 + 4), 'user-' || (:r * 10 + 5), 'user-' || (:r * 10 + 6),
  'user-' || (:r * 10 + 7), 'user-' || (:r * 10 + 8), 'user-' || (:r * 10 + 9));
