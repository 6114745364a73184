package dev.offlinefirst.server.chat;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;

/** The GraphQL {@code MessageInput} type. */
@Input("MessageInput")
public record MessageInput(
        @Id @NonNull @Description("Made by the client; sending it again answers the same message.") String clientId,
        @Id @NonNull String roomId,
        @NonNull String content,
        @Description("ISO-8601 with an offset; defaults to now, and a future time becomes now.") String createdAt) {

    MessageDraft toDraft() {
        return new MessageDraft(clientId, roomId, content, createdAt);
    }
}
