package dev.offlinefirst.server.graphql;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Metrics;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.quarkus.arc.Arc;
import io.quarkus.arc.Unremovable;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.subscription.BackPressureFailure;
import io.vertx.core.net.impl.ConnectionBase;
import io.vertx.ext.web.RoutingContext;

/**
 * Bounds what a websocket whose client stopped reading can make this server hold. SmallRye's websocket
 * subscriber asks for the next event as soon as it has queued the last one on the socket, whether the
 * client took it or not, so a phone that stops reading grows the socket's outbound buffer with every
 * event (measured: 30 such sockets ran a replica with 768 MB out of direct memory). Before each event
 * of a subscription this looks at the bytes still waiting on its socket; past
 * {@link SubscriptionConfig#maxPendingBytes()} it sends a close frame with 1013 (try again later), cuts
 * the connection after {@link SubscriptionConfig#closeGrace()}, and ends the stream, so the client
 * reconnects and pulls what it missed.
 * <p>
 * Workaround: neither SmallRye's {@code GraphQLWebSocketSession} nor Quarkus exposes the socket or its
 * write queue to an application (no upstream issue found; see docs/upgrading.md), so the socket's Netty
 * channel is reached through the upgrade request's connection, as Quarkus's own websocket handler does
 * for its authentication expiry ({@code ConnectionBase}, a Vert.x implementation class).
 * {@code SlowSubscribersTest} fails when that path no longer finds the channel.
 */
@ApplicationScoped
@Unremovable
class SlowSubscribers {

    private static final Logger LOG = Logger.getLogger(SlowSubscribers.class);

    /** Counts the sockets closed for being too slow, in /q/metrics. */
    static final String CLOSED = "graphql_slow_subscribers_closed";

    /** RFC 6455's "try again later": the server cannot keep up with this client now. */
    static final short TRY_AGAIN_LATER = 1013;

    private final SubscriptionConfig config;

    SlowSubscribers(SubscriptionConfig config) {
        this.config = config;
    }

    /** The guard, for the subscription strategy (built by SmallRye's eventing SPI, outside CDI). */
    static SlowSubscribers get() {
        return Arc.container().instance(SlowSubscribers.class).get();
    }

    /** The websocket of the operation being executed, or null for one that has none. */
    static Channel currentChannel() {
        CurrentVertxRequest request = Arc.container().instance(CurrentVertxRequest.class).get();
        RoutingContext context = request == null ? null : request.getCurrent();
        if (context == null || !(context.request().connection() instanceof ConnectionBase connection)) {
            return null;
        }
        return connection.channel();
    }

    /**
     * {@code events} ended, and their socket closed, once the socket holds more than the limit unsent or
     * the events outrun the subscriber's bounded queue (a {@link BackPressureFailure} upstream).
     */
    <T> Multi<T> bounded(Multi<T> events, Channel socket) {
        if (socket == null) {
            return events;
        }
        AtomicBoolean closing = new AtomicBoolean();
        return events
                .onItem().invoke(event -> {
                    ChannelOutboundBuffer unsent = socket.unsafe().outboundBuffer();
                    long pending = unsent == null ? 0 : unsent.totalPendingWriteBytes();
                    if (pending > config.maxPendingBytes()) {
                        disconnect(socket, closing, pending + " bytes not taken by its client");
                    }
                    if (closing.get()) {
                        throw new TooSlow();
                    }
                })
                .onFailure(failure -> overflowIn(failure) != null).transform(overflow -> {
                    disconnect(socket, closing, "more events than its queue holds");
                    return new TooSlow();
                });
    }

    /** The overflow of a subscriber's queue behind {@code failure} (graphql-java and SmallRye may wrap it), or null. */
    static BackPressureFailure overflowIn(Throwable failure) {
        Throwable cause = failure;
        for (int depth = 0; cause != null && depth < 16; depth++, cause = cause.getCause()) {
            if (cause instanceof BackPressureFailure overflow) {
                return overflow;
            }
        }
        return null;
    }

    private void disconnect(Channel socket, AtomicBoolean closing, String why) {
        if (!closing.compareAndSet(false, true)) {
            return;
        }
        LOG.infof("Closing the websocket of %s: %s", socket.remoteAddress(), why);
        Metrics.counter(CLOSED).increment();
        socket.writeAndFlush(new CloseWebSocketFrame(TRY_AGAIN_LATER, "too slow: reconnect and pull"));
        socket.eventLoop().schedule(() -> socket.close(), config.closeGrace().toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Ends the stream of a client that is too slow; its socket is being closed, so nobody reads it. */
    static final class TooSlow extends RuntimeException {

        TooSlow() {
            super("the client is too slow", null, false, false);
        }
    }
}
