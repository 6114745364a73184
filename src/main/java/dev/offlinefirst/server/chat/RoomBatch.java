package dev.offlinefirst.server.chat;

import java.util.List;

import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

import dev.offlinefirst.server.replication.Checkpoint;
import dev.offlinefirst.server.replication.Replication;

/** The GraphQL {@code RoomBatch} type: a pull's or a stream's documents of {@code Rooms}. */
@Type("RoomBatch")
public record RoomBatch(@NonNull List<@NonNull ReplicatedRoom> documents, Checkpoint checkpoint, boolean resync) {

    static RoomBatch of(Replication.Pulled<ReplicatedRoom> pulled) {
        return new RoomBatch(pulled.documents(), pulled.checkpoint(), pulled.resync());
    }
}
