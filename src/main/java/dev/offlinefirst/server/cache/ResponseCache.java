package dev.offlinefirst.server.cache;

import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import graphql.ExecutionResult;
import io.quarkus.cache.Cache;
import io.quarkus.cache.CacheName;
import io.quarkus.cache.CaffeineCache;
import io.smallrye.mutiny.Uni;

/**
 * Whole answers to repeated hot queries ({@link ResponseKey}), so that a hit skips the per-field work
 * of GraphQL execution. Only complete answers without errors are kept.
 * <p>
 * A change can commit while an answer is being computed, and the caches it was read from are
 * invalidated a moment after this one is told; so each computation takes a ticket when it starts, each
 * invalidation marks what it concerns before and again after the other caches have dropped their
 * entries, and an answer is kept only if nothing it shows was marked after its ticket. It is checked
 * again after it is stored, which closes the race with a scan running at the same time.
 */
@ApplicationScoped
public class ResponseCache {

    /** The root fields whose answers can be cached; every field they reach is covered by {@link ResponseKey}. */
    public static final Set<String> CACHEABLE_ROOT_FIELDS = Set.of("messages", "profile", "me", "__typename");

    /** Rooms share these marks by hash: a collision only costs a missed store, never a stale answer. */
    private static final int ROOM_MARKS = 1024;

    private final CaffeineCache cache;
    private final boolean enabled;
    private final AtomicLong clock = new AtomicLong();
    private final AtomicLongArray roomMarks = new AtomicLongArray(ROOM_MARKS);
    private volatile long everythingMark;
    private volatile long peopleMark;

    public ResponseCache(@CacheName(CacheNames.RESPONSES) Cache cache,
            @ConfigProperty(name = "app.cache.responses.enabled", defaultValue = "true") boolean enabled) {
        this.cache = cache.as(CaffeineCache.class);
        this.enabled = enabled;
    }

    public boolean enabled() {
        return enabled;
    }

    /** The cached answer, or null. */
    public ExecutionResult get(ResponseKey key) {
        CompletableFuture<ExecutionResult> cached = cache.getIfPresent(key);
        return cached == null ? null : cached.getNow(null);
    }

    /** Taken when a computation starts; {@link #keep} needs it. */
    public long ticket() {
        return clock.incrementAndGet();
    }

    /**
     * Keeps the answer unless something it shows changed since the ticket was taken. The caller keeps
     * only complete answers without errors.
     */
    public void keep(ResponseKey key, ExecutionResult answer, long ticket) {
        if (!markedSince(key, ticket)) {
            cache.put(key, CompletableFuture.completedFuture(answer));
            if (markedSince(key, ticket)) {
                cache.invalidate(key).subscribe().with(ignored -> {
                });
            }
        }
    }

    /** Called before the other caches drop what the change made stale. */
    void beforeInvalidation(Invalidation change) {
        mark(change);
    }

    /** Called once the other caches have dropped what the change made stale. */
    Uni<Void> afterInvalidation(Invalidation change) {
        if (!ResponseKey.concerns(change)) {
            return Uni.createFrom().voidItem();
        }
        mark(change);
        return cache.invalidateIf(key -> key instanceof ResponseKey response && response.isStaleAfter(change));
    }

    private void mark(Invalidation change) {
        if (!ResponseKey.concerns(change)) {
            return;
        }
        long now = clock.incrementAndGet();
        if (change.all || !change.everythingOf.isEmpty()) {
            everythingMark = now;
        }
        if (ResponseKey.showsPeople(change)) {
            peopleMark = now;
        }
        change.roomsWithNewMessages.forEach(room -> roomMarks.set(markOf(room), now));
        change.roomsWithNewMembers.forEach(room -> roomMarks.set(markOf(room), now));
    }

    private boolean markedSince(ResponseKey key, long ticket) {
        return everythingMark > ticket
                || key.people() && peopleMark > ticket
                || key.rooms().stream().anyMatch(room -> roomMarks.get(markOf(room)) > ticket);
    }

    private static int markOf(String roomId) {
        return Math.floorMod(roomId.hashCode(), ROOM_MARKS);
    }
}
