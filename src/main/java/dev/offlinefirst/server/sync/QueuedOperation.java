package dev.offlinefirst.server.sync;

/** A pushed operation checked and ready to store: PENDING, or FAILED at once with the reason. */
record QueuedOperation(String clientOpId, String type, String entityId, String payload, OperationStatus status,
        String lastError) {
}
