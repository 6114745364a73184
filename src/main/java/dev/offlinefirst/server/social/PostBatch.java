package dev.offlinefirst.server.social;

import java.util.List;

import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

import dev.offlinefirst.server.replication.Checkpoint;
import dev.offlinefirst.server.replication.Replication;

/** The GraphQL {@code PostBatch} type: a pull's or a stream's documents of {@code Posts}. */
@Type("PostBatch")
public record PostBatch(@NonNull List<@NonNull ReplicatedPost> documents, Checkpoint checkpoint, boolean resync) {

    static PostBatch of(Replication.Pulled<ReplicatedPost> pulled) {
        return new PostBatch(pulled.documents(), pulled.checkpoint(), pulled.resync());
    }
}
