package dev.offlinefirst.server.chat;

import java.util.List;

import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

import dev.offlinefirst.server.replication.Checkpoint;
import dev.offlinefirst.server.replication.Replication;

/** The GraphQL {@code MessageBatch} type: a pull's or a stream's documents of {@code Messages}. */
@Type("MessageBatch")
public record MessageBatch(@NonNull List<@NonNull ReplicatedMessage> documents, Checkpoint checkpoint, boolean resync) {

    static MessageBatch of(Replication.Pulled<ReplicatedMessage> pulled) {
        return new MessageBatch(pulled.documents(), pulled.checkpoint(), pulled.resync());
    }
}
