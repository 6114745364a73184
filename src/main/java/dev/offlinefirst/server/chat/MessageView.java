package dev.offlinefirst.server.chat;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

import dev.offlinefirst.server.shared.Timestamps;

/** The GraphQL {@code ChatMessage} type; {@code sender} is resolved in batches by {@link ChatApi}. */
@Type("ChatMessage")
public record MessageView(
        @Id @NonNull @Description("The sending client's id, unique per sender.") String messageId,
        @Id @NonNull String roomId,
        @Id @NonNull String senderId,
        @NonNull String content,
        @NonNull @Description("The client's time, clamped to the server's clock.") String createdAt,
        @Name("isMine") @Description("Whether the viewer sent it.") boolean isMine) {

    public static MessageView of(ChatMessage message, String viewerId) {
        return new MessageView(message.messageId, message.roomId, message.senderId, message.content,
                Timestamps.format(message.createdAt), message.senderId.equals(viewerId));
    }
}
