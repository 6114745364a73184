package dev.offlinefirst.server.cache;

import java.util.Set;
import java.util.concurrent.CompletableFuture;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import dev.offlinefirst.server.shared.CacheEntries;
import graphql.ExecutionResult;
import io.quarkus.arc.Unremovable;
import io.quarkus.cache.Cache;
import io.quarkus.cache.CacheName;
import io.quarkus.cache.CaffeineCache;

/**
 * Whole answers to repeated hot queries ({@link ResponseKey}), so that a hit skips the per-field work
 * of GraphQL execution. Only complete answers without errors to a question asked before
 * ({@link Repeats}) are kept, each with the tick at which its computation started; {@link ChangeMarks}
 * decides whether it is still valid, so no write scans this cache.
 */
@ApplicationScoped
@Unremovable // looked up by graphql/CachingQueryStrategy, which SmallRye creates outside CDI
public class ResponseCache {

    /** The root fields whose answers can be cached; every field they reach is covered by {@link ResponseKey}. */
    public static final Set<String> CACHEABLE_ROOT_FIELDS = Set.of("messages", "profile", "me", "__typename");

    private final CaffeineCache cache;
    private final ChangeMarks marks;
    private final boolean enabled;
    private final Repeats asked = new Repeats(13);

    public ResponseCache(@CacheName(CacheNames.RESPONSES) Cache cache, ChangeMarks marks,
            @ConfigProperty(name = "app.cache.responses.enabled", defaultValue = "true") boolean enabled) {
        this.cache = cache.as(CaffeineCache.class);
        this.marks = marks;
        this.enabled = enabled;
    }

    public boolean enabled() {
        return enabled;
    }

    /** The cached answer while it is valid, or null. */
    public ExecutionResult get(ResponseKey key) {
        CompletableFuture<Answer> cached = cache.getIfPresent(key);
        Answer answer = cached == null ? null : cached.getNow(null);
        if (answer == null) {
            return null;
        }
        if (changedSince(key, answer.ticket())) {
            cache.invalidate(key).subscribe().with(ignored -> {
            });
            return null;
        }
        return answer.result();
    }

    /** Taken when a computation starts; {@link #keep} needs it. */
    public long ticket() {
        return marks.ticket();
    }

    /**
     * Keeps a complete answer without errors, valid until something it shows changes after the ticket,
     * once its question has been asked before: the first answer to a question is not kept.
     */
    public void keep(ResponseKey key, ExecutionResult answer, long ticket) {
        if (asked.seenAgain(key) && !changedSince(key, ticket)) {
            CacheEntries.keep(cache, key, new Answer(answer, ticket));
        }
    }

    private boolean changedSince(ResponseKey key, long ticket) {
        return marks.everythingSince(ticket) || key.people() && marks.peopleSince(ticket)
                || marks.anyRoomSince(key.rooms(), ticket);
    }

    /** An answer and the tick at which its computation started. */
    private record Answer(ExecutionResult result, long ticket) {
    }
}
