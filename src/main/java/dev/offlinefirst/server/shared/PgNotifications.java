package dev.offlinefirst.server.shared;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.pubsub.PgSubscriber;
import io.vertx.pgclient.PgConnectOptions;

/**
 * PostgreSQL LISTEN/NOTIFY for this instance: one listening connection of its own, reconnected with
 * back-off when it drops. A notification sent while it was down is lost, so whoever listens also
 * registers what to do after a reconnect (caches clear themselves, streams rely on catch-up reads).
 */
@ApplicationScoped
public class PgNotifications {

    private static final Logger LOG = Logger.getLogger(PgNotifications.class);
    private static final long MAX_RECONNECT_DELAY_MS = 5_000;
    /** PostgreSQL refuses payloads of 8000 bytes or more. */
    public static final int MAX_PAYLOAD_BYTES = 7_900;

    private final Vertx vertx;
    private final PgConnectOptions options;
    private final Map<String, Consumer<String>> handlers = new ConcurrentHashMap<>();
    private final Map<String, Integer> subscriptions = new ConcurrentHashMap<>();
    private final List<Runnable> reconnectListeners = new CopyOnWriteArrayList<>();
    private PgSubscriber subscriber;
    /** Every channel is listened to again after a reconnect; this one's LISTEN announces it. */
    private String signalChannel;

    public PgNotifications(Vertx vertx,
            @ConfigProperty(name = "quarkus.datasource.reactive.url") String url,
            @ConfigProperty(name = "quarkus.datasource.username") String username,
            @ConfigProperty(name = "quarkus.datasource.password") Optional<String> password) {
        this.vertx = vertx;
        this.options = PgConnectOptions.fromUri(url).setUser(username).setPassword(password.orElse(""));
    }

    /** Calls {@code handler} with the payload of every notification on {@code channel}, from any instance. */
    public synchronized void listen(String channel, Consumer<String> handler) {
        handlers.put(channel, handler);
        if (signalChannel == null) {
            signalChannel = channel;
        }
        if (subscriber != null) {
            subscribe(channel);
        }
    }

    /** Runs {@code listener} each time the connection came back after a drop. */
    public void onReconnect(Runnable listener) {
        reconnectListeners.add(listener);
    }

    /**
     * Sends the payloads on {@code channel} from the current transaction: PostgreSQL delivers them to
     * every instance, this one included, only if the transaction commits.
     */
    public Uni<Void> notifyOnCommit(String channel, List<String> payloads) {
        if (payloads.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        StringBuilder values = new StringBuilder();
        for (int i = 0; i < payloads.size(); i++) {
            values.append(i == 0 ? "" : ", ").append("(:p").append(i).append(")");
        }
        return Panache.getSession().chain(session -> {
            // An update, not a typed select: see MessageRepository.insertNew for the plan-cache cost.
            var query = session.createNativeQuery("SELECT pg_notify(:channel, v) FROM (VALUES " + values + ") AS t(v)")
                    .setParameter("channel", channel);
            for (int i = 0; i < payloads.size(); i++) {
                query.setParameter("p" + i, payloads.get(i));
            }
            return query.executeUpdate();
        }).replaceWithVoid();
    }

    synchronized void start(@Observes StartupEvent started) {
        subscriber = PgSubscriber.subscriber(vertx, options)
                .reconnectPolicy(attempt -> Math.min(100L << Math.min(attempt, 6), MAX_RECONNECT_DELAY_MS));
        handlers.keySet().forEach(this::subscribe);
        connect();
    }

    void stop(@Observes ShutdownEvent stopping) {
        if (subscriber != null) {
            subscriber.closeAndForget();
        }
    }

    private void subscribe(String channel) {
        subscriber.channel(channel)
                .handler(payload -> handlers.get(channel).accept(payload))
                .subscribeHandler(() -> {
                    // The first LISTEN is the start; any later one follows a reconnect.
                    if (subscriptions.merge(channel, 1, Integer::sum) > 1 && channel.equals(signalChannel)) {
                        LOG.infof("Listening on %s again after a reconnect", channel);
                        reconnectListeners.forEach(Runnable::run);
                    }
                });
    }

    private void connect() {
        subscriber.connect().subscribe().with(
                connected -> LOG.debugf("Listening on %s", handlers.keySet()),
                failure -> {
                    LOG.warnf("Cannot listen for notifications (%s); retrying", failure.getMessage());
                    vertx.setTimer(MAX_RECONNECT_DELAY_MS, ignored -> connect());
                });
    }
}
