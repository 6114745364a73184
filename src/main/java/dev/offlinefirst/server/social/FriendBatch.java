package dev.offlinefirst.server.social;

import java.util.List;

import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

import dev.offlinefirst.server.replication.Checkpoint;
import dev.offlinefirst.server.replication.Replication;

/** The GraphQL {@code FriendBatch} type: a pull's or a stream's documents of {@code Friends}. */
@Type("FriendBatch")
public record FriendBatch(@NonNull List<@NonNull ReplicatedFriend> documents, Checkpoint checkpoint, boolean resync) {

    static FriendBatch of(Replication.Pulled<ReplicatedFriend> pulled) {
        return new FriendBatch(pulled.documents(), pulled.checkpoint(), pulled.resync());
    }
}
