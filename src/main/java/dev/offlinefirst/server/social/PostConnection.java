package dev.offlinefirst.server.social;

import java.util.List;

import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

import dev.offlinefirst.server.shared.PageInfo;
import dev.offlinefirst.server.shared.Slice;

/** The GraphQL {@code PostConnection} type: a page of posts, newest first. */
@Type("PostConnection")
public record PostConnection(@NonNull List<@NonNull PostView> edges, @NonNull PageInfo pageInfo) {

    static PostConnection of(Slice<SocialPost> page) {
        return new PostConnection(page.items().stream().map(PostView::of).toList(), PageInfo.of(page));
    }
}
