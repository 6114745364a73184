-- V4: a message's change_log row costs the write path fewer index entries.
--
-- A reader never looks up messages by their sender in the log: a viewer's own messages reach delta
-- sync through their rooms (and leave with a room through its membership change), so the owner index
-- leaves messages out. It was one of six index entries per message, most of the log's rows.
DROP INDEX idx_change_log_owner;
CREATE INDEX idx_change_log_owner ON change_log (owner_id, change_id) WHERE entity <> 'message';

-- Pruning reads the log by age, in ranges; rows are written in time order, so a block range index
-- serves it at a fraction of a B-tree's cost per insert.
DROP INDEX idx_change_log_changed_at;
CREATE INDEX idx_change_log_changed_at ON change_log USING brin (changed_at);
