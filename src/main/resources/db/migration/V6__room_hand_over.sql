-- V6: who keeps a room when its creator goes (removeRoomMember of themself, or clearMyData): the
-- earliest remaining member becomes the creator; a room nobody is left in goes, with its messages
-- (no one can read them any more). One definition, called by both.
CREATE FUNCTION hand_over_rooms(leaver varchar) RETURNS void LANGUAGE sql
SET search_path FROM CURRENT AS $$
    UPDATE chat_rooms r SET created_by = heir.user_id, updated_at = now()
    FROM (SELECT DISTINCT ON (m.room_id) m.room_id, m.user_id FROM room_members m
          JOIN chat_rooms own ON own.room_id = m.room_id AND own.created_by = leaver
          ORDER BY m.room_id, m.joined_at, m.user_id) heir
    WHERE r.room_id = heir.room_id
      AND NOT EXISTS (SELECT 1 FROM room_members still WHERE still.room_id = r.room_id AND still.user_id = leaver);
    DELETE FROM chat_rooms r WHERE r.created_by = leaver
      AND NOT EXISTS (SELECT 1 FROM room_members m WHERE m.room_id = r.room_id);
$$;
