-- V5: clearMyData removes every row of a user. A membership that user added for someone else stays
-- (it is the other member's), but no longer names who added it.
ALTER TABLE room_members ALTER COLUMN added_by DROP NOT NULL;

-- A post removed for good (clearMyData) keeps its visibility in its tombstone: delta sync names a
-- friend's post to a former friend only if it was not private, and the row is gone by then.
CREATE OR REPLACE FUNCTION log_social_posts_delete() RETURNS trigger LANGUAGE plpgsql
SET search_path FROM CURRENT AS $body$ BEGIN
INSERT INTO change_log (entity, entity_id, owner_id, room_id, peer_id, deleted, detail)
SELECT 'post', author_id || '/' || post_id, author_id, NULL, NULL, true, visibility FROM changed_rows;
RETURN NULL; END $body$;
