package dev.offlinefirst.server.replication;

/** What every replicated document has: its key in its collection and the tombstone flag. */
public interface ReplicatedDocument {

    String id();

    boolean deleted();
}
