-- Readers take the rows at or below their position of the transactions that had not committed at
-- their last read: those the snapshot listed as running, and every one from its xmax on (tx_id >= x
-- AND change_id <= y). With change_id in the index that range is read from the index alone.
CREATE INDEX idx_change_log_tx_change ON change_log (tx_id, change_id);
DROP INDEX idx_change_log_tx;
