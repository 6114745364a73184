-- Q2: one profile as a friend reads it (the visibility filter: self, accepted friend or co-member).
\set u random(0, 9999)
\set f random(1, 5)
\set t (:u + :f) % 10000
SELECT p.user_id, p.display_name, p.bio, p.avatar_url, p.phone_number, p.version, p.created_at, p.updated_at
FROM user_profiles p
WHERE p.user_id = 'user-' || :t
  AND (p.user_id = 'user-' || :u
       OR EXISTS (SELECT 1 FROM friend_connections c WHERE c.status = 'ACCEPTED'
                  AND ((c.requester_id = 'user-' || :u AND c.addressee_id = p.user_id)
                    OR (c.addressee_id = 'user-' || :u AND c.requester_id = p.user_id)))
       OR EXISTS (SELECT 1 FROM room_members a JOIN room_members b ON b.room_id = a.room_id
                  WHERE a.user_id = 'user-' || :u AND b.user_id = p.user_id));
