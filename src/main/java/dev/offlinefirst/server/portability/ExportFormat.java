package dev.offlinefirst.server.portability;

/**
 * The export document, version 1: one JSON object, written and read only here.
 *
 * <pre>
 * { "format": "offline-data-server/export", "version": 1, "userId": "...", "exportedAt": "...",
 *   "profile":    { userId, displayName, bio, avatarUrl, phoneNumber, version, updatedAt } or null,
 *   "settings":   [ { key, value, secret, updatedAt } ]   by key; a secret one's value in clear (the owner's),
 *   "rooms":      [ { roomId, title, createdBy, createdAt, joinedAt } ]           by roomId,
 *   "friends":    [ { requesterId, addresseeId, status, createdAt, updatedAt } ]  by requester, addressee,
 *   "operations": [ { clientOpId, type, entityId, payload, status, retryCount, lastError, createdAt } ]
 *                 the ones not applied yet (PENDING, FAILED, CONFLICT), in the order pushed,
 *   "posts":      [ { postId, authorId, content, visibility, createdAt, updatedAt } ]   by postId, deleted ones left out,
 *   "messages":   [ { messageId, senderId, roomId, content, createdAt } ]         by messageId }
 * </pre>
 *
 * Timestamps are ISO-8601 UTC. Only {@code exportedAt} differs between two exports of the same data;
 * an import keeps every other timestamp of the rows it writes. Ids are the clients' own, so the
 * document imports into any server.
 */
final class ExportFormat {

    static final String FORMAT = "offline-data-server/export";
    static final int VERSION = 1;

    private ExportFormat() {
    }
}
