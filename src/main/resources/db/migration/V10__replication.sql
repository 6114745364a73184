-- V10: replication pulls per collection read a room's rows other than its messages (the room itself and
-- its memberships) without walking its messages: a partial index that message writes never touch.
CREATE INDEX idx_change_log_room_rows ON change_log (room_id, change_id) WHERE room_id IS NOT NULL AND entity <> 'message';
