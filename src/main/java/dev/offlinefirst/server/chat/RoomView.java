package dev.offlinefirst.server.chat;

import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

import dev.offlinefirst.server.shared.Timestamps;

/** The GraphQL {@code ChatRoom} type; {@code members} is resolved in batches by {@link ChatApi}. */
@Type("ChatRoom")
public record RoomView(@Id @NonNull String roomId, String title, @Id @NonNull String createdBy, @NonNull String createdAt) {

    public static RoomView of(ChatRoom room) {
        return new RoomView(room.roomId, room.title, room.createdBy, Timestamps.format(room.createdAt));
    }
}
