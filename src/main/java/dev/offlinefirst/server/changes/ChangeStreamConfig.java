package dev.offlinefirst.server.changes;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How each replica reads the change stream and how long the stream keeps what it no longer needs. */
@ConfigMapping(prefix = "app.changes")
public interface ChangeStreamConfig {

    /** The {@code application_name} of the background connections (the stream reader's among them). */
    @WithDefault("offline-data-server-background")
    String connectionName();

    /** Pause between two reads of the stream when the last read found nothing new. */
    @WithDefault("10ms")
    Duration pollInterval();

    /** Most rows one read of the stream takes; a full read is followed by the next at once. */
    @WithDefault("1000")
    int readBatchSize();

    /** Most changes one {@code changes} call returns (its {@code limit} argument is 1 to this). */
    @WithDefault("1000")
    int maxPageSize();

    /** How long superseded rows stay in the log (the latest row of every entity, tombstones included, stays). */
    @WithDefault("P30D")
    Duration retention();

    /** How often the pruning job runs ({@code off} disables it). */
    @WithDefault("1h")
    String pruneEvery();

    /** Most rows one pruning transaction deletes. */
    @WithDefault("10000")
    int pruneBatchSize();
}
