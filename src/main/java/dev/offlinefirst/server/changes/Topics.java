package dev.offlinefirst.server.changes;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Flow.Processor;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;

/**
 * Local subscribers grouped by key (a room, a user): publishing to a key nobody here follows costs
 * nothing, and a key is forgotten when its last subscriber leaves.
 *
 * @param <K> what subscribers follow
 * @param <T> what they receive
 */
public final class Topics<K, T> {

    /**
     * Items one subscriber may have published to it and not yet taken: a burst larger than this for a
     * subscriber that cannot keep up ends its stream (the transport then closes its socket, see
     * graphql/SlowSubscribers), instead of queueing without bound.
     */
    public static final int SUBSCRIBER_QUEUE = 1024;

    /** Streams of a token without an expiry still end, so that no socket lives for ever. */
    private static final Duration LONGEST_STREAM = Duration.ofDays(1);

    private final Map<K, Topic<T>> topics = new ConcurrentHashMap<>();

    /** How long a live stream for a token valid until {@code until} may run: to the expiry, at most a day. */
    public static Duration lifetimeUntil(Instant until) {
        Duration remaining = Duration.between(Instant.now(), until);
        return remaining.compareTo(LONGEST_STREAM) > 0 ? LONGEST_STREAM : remaining.isNegative() ? Duration.ZERO : remaining;
    }

    /** Everything published to {@code key} from now on, for as long as the subscriber stays. */
    public Multi<T> follow(K key) {
        return Multi.createFrom().deferred(() -> {
            Topic<T> topic = topics.compute(key, (k, existing) -> (existing == null ? new Topic<T>() : existing).join());
            return Multi.createFrom().publisher(topic.hub).onOverflow().buffer(SUBSCRIBER_QUEUE)
                    .onTermination().invoke(() -> leave(key, topic));
        });
    }

    public boolean isFollowed(K key) {
        return topics.containsKey(key);
    }

    public void publish(K key, T item) {
        Topic<T> topic = topics.get(key);
        if (topic != null) {
            topic.hub.onNext(item);
        }
    }

    private void leave(K key, Topic<T> topic) {
        topics.computeIfPresent(key, (k, current) -> current != topic ? current : current.leave());
    }

    private static final class Topic<T> {

        // Publishers run on any event loop; the processor must see one onNext at a time.
        final Processor<T, T> hub = BroadcastProcessor.<T> create().serialized();
        private int subscribers;

        Topic<T> join() {
            subscribers++;
            return this;
        }

        /** This topic, or null once its last subscriber has left. */
        Topic<T> leave() {
            return --subscribers == 0 ? null : this;
        }
    }
}
