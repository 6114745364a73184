package dev.offlinefirst.server.chat;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

import dev.offlinefirst.server.replication.ReplicatedDocument;

import dev.offlinefirst.server.replication.DocumentIds;
import dev.offlinefirst.server.shared.Timestamps;

/**
 * A document of the {@code Messages} collection, and its push input: clients push back what they
 * pulled; {@code isMine} is derived and ignored on the way in.
 */
@Type("ReplicatedMessage")
@Input("ReplicatedMessageInput")
@Description("A chat message as replicated: id is senderId/messageId; a deleted document has only its key.")
public record ReplicatedMessage(
        @Id @NonNull String id,
        @Id String messageId,
        @Id String roomId,
        @Id String senderId,
        String content,
        String createdAt,
        @Name("isMine") Boolean isMine,
        boolean deleted) implements ReplicatedDocument {

    static ReplicatedMessage of(ChatMessage message, String viewerId) {
        return new ReplicatedMessage(DocumentIds.of(message.senderId, message.messageId), message.messageId, message.roomId,
                message.senderId, message.content, Timestamps.format(message.createdAt), message.senderId.equals(viewerId), false);
    }

    static ReplicatedMessage deleted(String id) {
        return new ReplicatedMessage(id, DocumentIds.local(id), null, DocumentIds.owner(id), null, null, null, true);
    }

    /** Whether two states say the same message: what a client may write (messages never change once sent). */
    boolean sameMessage(ReplicatedMessage other) {
        return other != null && deleted == other.deleted && java.util.Objects.equals(roomId, other.roomId)
                && java.util.Objects.equals(content, other.content);
    }
}
