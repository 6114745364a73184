package dev.offlinefirst.server.sync;

import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

/** The GraphQL {@code OperationReceipt} type: what the server holds for one pushed operation. */
@Type("OperationReceipt")
public record OperationReceipt(
        @NonNull String clientOpId,
        @Id @NonNull String id,
        @NonNull OperationStatus status,
        boolean duplicate) {
}
