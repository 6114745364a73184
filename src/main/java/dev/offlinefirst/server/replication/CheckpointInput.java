package dev.offlinefirst.server.replication;

import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;

/** The GraphQL {@code CheckpointInput} type: a checkpoint a client got from a pull or a stream. */
@Input("CheckpointInput")
public record CheckpointInput(@NonNull String cursor) {
}
