package dev.offlinefirst.server.social;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

import dev.offlinefirst.server.shared.Timestamps;

/** The GraphQL {@code FriendConnection} type, seen from the viewer's side. */
@Type("FriendConnection")
public record FriendConnectionView(
        @Id @NonNull @Description("The other side of the connection.") String userId,
        @NonNull FriendStatus status,
        @Description("Whether the viewer sent the request.") boolean requestedByMe,
        @NonNull String updatedAt) {

    public static FriendConnectionView of(FriendConnection connection, String viewerId) {
        return new FriendConnectionView(connection.otherSide(viewerId), connection.status,
                connection.requesterId.equals(viewerId), Timestamps.format(connection.updatedAt));
    }
}
