package dev.offlinefirst.server.changes;

import java.time.Instant;

import io.vertx.mutiny.sqlclient.Row;

/**
 * One row of {@code change_log}: which entity changed, whose it is and where it lives. It says only that
 * something changed; readers load the current state themselves.
 *
 * @param changeId position in the stream
 * @param entity {@code profile}, {@code setting}, {@code room}, {@code room_member}, {@code message},
 *        {@code post}, {@code friend} or {@code operation}
 * @param entityId the entity's key: {@code owner/id} for entities keyed within an owner, else the id
 * @param ownerId the user the row belongs to (for a room, its creator)
 * @param roomId the room, for rooms, memberships and messages
 * @param peerId the addressee, for friend connections
 * @param deleted a tombstone
 * @param detail for friend connections, the status (a deleted one's last status); for a post's
 *        tombstone, its visibility
 * @param changedAt when the change was written
 * @param txId the writing transaction ({@code xid8}); 0 for a row made up by a reader
 */
public record ChangeRow(long changeId, String entity, String entityId, String ownerId, String roomId,
        String peerId, boolean deleted, String detail, Instant changedAt, long txId) {

    /** The columns {@link #of(Row)} reads, for SELECT lists. */
    public static final String COLUMNS =
            "change_id, entity, entity_id, owner_id, room_id, peer_id, deleted, detail, changed_at, tx_id::text AS tx_id";

    public static ChangeRow of(Row row) {
        return new ChangeRow(row.getLong("change_id"), row.getString("entity"), row.getString("entity_id"),
                row.getString("owner_id"), row.getString("room_id"), row.getString("peer_id"),
                row.getBoolean("deleted"), row.getString("detail"), row.getOffsetDateTime("changed_at").toInstant(),
                Long.parseLong(row.getString("tx_id")));
    }

    /** {@code entity/entityId}: unique for one row of one entity. */
    public String key() {
        return entity + "/" + entityId;
    }

    /** The entity's own id within its owner: the part of {@link #entityId} after {@code owner/}. */
    public String localId() {
        String prefix = ownerId + "/";
        return entityId.startsWith(prefix) ? entityId.substring(prefix.length()) : entityId;
    }
}
