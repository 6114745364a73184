package dev.offlinefirst.server.social;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

import dev.offlinefirst.server.replication.ReplicatedDocument;

/**
 * A document of the {@code Friends} collection (the viewer's friend connections, seen from their side),
 * and its push input: a create asks, the addressee sets ACCEPTED or DECLINED, either side deletes;
 * {@code requestedByMe} and {@code updatedAt} are derived and ignored on the way in.
 */
@Type("ReplicatedFriend")
@Input("ReplicatedFriendInput")
@Description("A friend connection as replicated: id is the other user's id.")
public record ReplicatedFriend(@Id @NonNull String id, @Id String userId, FriendStatus status, Boolean requestedByMe,
        String updatedAt, boolean deleted) implements ReplicatedDocument {

    static ReplicatedFriend of(FriendConnectionView view) {
        return new ReplicatedFriend(view.userId(), view.userId(), view.status(), view.requestedByMe(), view.updatedAt(), false);
    }

    static ReplicatedFriend deleted(String id) {
        return new ReplicatedFriend(id, id, null, null, null, true);
    }
}
