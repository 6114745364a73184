package dev.offlinefirst.server.sync;

import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

import dev.offlinefirst.server.shared.Timestamps;

/** The GraphQL {@code SyncOperation} type. */
@Type("SyncOperation")
public record SyncOperationView(
        @Id @NonNull String id,
        @NonNull String clientOpId,
        @NonNull String type,
        @NonNull OperationStatus status,
        int retryCount,
        String lastError,
        @NonNull String createdAt,
        String appliedAt) {

    static SyncOperationView of(SyncOperation operation) {
        return new SyncOperationView(String.valueOf(operation.id), operation.clientOpId, operation.type,
                operation.status, operation.retryCount, operation.lastError,
                Timestamps.format(operation.createdAt), Timestamps.format(operation.appliedAt));
    }
}
