package dev.offlinefirst.server.replication;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

/** The GraphQL {@code Checkpoint} type: where a pull or a stream batch ended, to pull from next time. */
@Type("Checkpoint")
@Description("A position in the change stream; send it back as CheckpointInput. It never expires.")
public record Checkpoint(@NonNull String cursor) {
}
