package dev.offlinefirst.server.chat;

import java.util.List;

import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

import dev.offlinefirst.server.shared.PageInfo;
import dev.offlinefirst.server.shared.Slice;

/** The GraphQL {@code MessageConnection} type: a page of messages, newest first. */
@Type("MessageConnection")
public record MessageConnection(@NonNull List<@NonNull MessageView> edges, @NonNull PageInfo pageInfo) {

    static MessageConnection of(Slice<ChatMessage> page, String viewerId) {
        return new MessageConnection(page.items().stream().map(m -> MessageView.of(m, viewerId)).toList(),
                PageInfo.of(page));
    }
}
