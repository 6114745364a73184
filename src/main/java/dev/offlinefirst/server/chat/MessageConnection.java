package dev.offlinefirst.server.chat;

import java.util.List;

import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

import dev.offlinefirst.server.shared.PageInfo;

/** The GraphQL {@code MessageConnection} type: a page of messages, newest first. */
@Type("MessageConnection")
public record MessageConnection(@NonNull List<@NonNull MessageView> edges, @NonNull PageInfo pageInfo) {

    static MessageConnection of(MessagePage page, String viewerId) {
        return new MessageConnection(page.messages().stream().map(m -> MessageView.of(m, viewerId)).toList(),
                new PageInfo(page.hasMore(), page.next() == null ? null : page.next().encode()));
    }
}
