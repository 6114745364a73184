package dev.offlinefirst.server.profile;

import java.util.List;

import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

import dev.offlinefirst.server.replication.Checkpoint;
import dev.offlinefirst.server.replication.Replication;

/** The GraphQL {@code ProfileBatch} type: a pull's or a stream's documents of {@code Profiles}. */
@Type("ProfileBatch")
public record ProfileBatch(@NonNull List<@NonNull ReplicatedProfile> documents, Checkpoint checkpoint, boolean resync) {

    static ProfileBatch of(Replication.Pulled<ReplicatedProfile> pulled) {
        return new ProfileBatch(pulled.documents(), pulled.checkpoint(), pulled.resync());
    }
}
