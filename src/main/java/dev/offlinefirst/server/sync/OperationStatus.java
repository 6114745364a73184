package dev.offlinefirst.server.sync;

/** Where a pushed offline operation stands. */
public enum OperationStatus {
    /** Stored, waiting for the sync worker. */
    PENDING,
    /** Applied through the same service as the matching mutation. */
    APPLIED,
    /** Failed after the last retry; stays visible until retried or discarded. */
    FAILED,
    /** Refused because the client's expected version was stale. */
    CONFLICT,
    /** Given up by the client. */
    DISCARDED
}
