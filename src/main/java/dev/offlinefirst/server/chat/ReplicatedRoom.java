package dev.offlinefirst.server.chat;

import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

import dev.offlinefirst.server.replication.ReplicatedDocument;

/**
 * A document of the {@code Rooms} collection (the rooms the viewer is in, with their members), and its
 * push input: a create makes the room; its creator changes the title and {@code memberIds}; any member
 * leaves by leaving themself out of {@code memberIds} or deleting the document. {@code createdBy} and
 * {@code createdAt} are derived and ignored on the way in.
 */
@Type("ReplicatedRoom")
@Input("ReplicatedRoomInput")
@Description("A chat room as replicated: id is the roomId; memberIds in joining order.")
public record ReplicatedRoom(@Id @NonNull String id, @Id String roomId, String title, @Id String createdBy,
        List<String> memberIds, String createdAt, boolean deleted) implements ReplicatedDocument {

    static ReplicatedRoom deleted(String id) {
        return new ReplicatedRoom(id, id, null, null, null, null, true);
    }
}
