package dev.offlinefirst.server.graphql;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Live subscriptions over websockets: how much a socket that stops reading may hold the server to. */
@ConfigMapping(prefix = "app.subscriptions")
public interface SubscriptionConfig {

    /**
     * Bytes written to a socket and not yet taken by its client past which the client is too slow: the
     * socket is closed with 1013 (try again later) and the client catches up by pulling.
     */
    @WithDefault("1048576")
    int maxPendingBytes();

    /** How long a socket found too slow may take its close frame before its connection is cut. */
    @WithDefault("1s")
    Duration closeGrace();
}
