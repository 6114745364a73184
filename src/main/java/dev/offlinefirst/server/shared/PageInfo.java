package dev.offlinefirst.server.shared;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Type;

/** The GraphQL {@code PageInfo} type: whether more items follow, and the cursor to ask for them. */
@Type("PageInfo")
public record PageInfo(
        boolean hasMore,
        @Description("Pass it as `before` (messages) or `after` (posts) to get the next page.") String endCursor) {

    public static PageInfo of(Slice<?> slice) {
        return new PageInfo(slice.hasMore(), slice.next() == null ? null : slice.next().encode());
    }
}
