package dev.offlinefirst.server.replication;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Live replication streams. */
@ConfigMapping(prefix = "app.replication")
public interface ReplicationConfig {

    /**
     * Most live pulls one replica runs at once, so that requests keep connections of the pool; devices
     * woken meanwhile wait their turn, and each one's next pull takes everything that changed meanwhile.
     */
    @WithDefault("6")
    int maxConcurrentPulls();

    /** Most documents one live batch carries; a full batch is followed by the next at once. */
    @WithDefault("200")
    int streamBatchLimit();
}
