package dev.offlinefirst.server.shared;

import java.util.concurrent.CompletableFuture;

import io.quarkus.cache.CaffeineCache;

/** Writes into the Quarkus caches that this server fills by hand (batched reads, whole answers, tokens). */
public final class CacheEntries {

    private CacheEntries() {
    }

    /**
     * Keeps {@code value} under {@code key}. A present entry (two requests that missed the same key at
     * once) is removed first instead of replaced: Caffeine reports a replaced entry of an asynchronous
     * cache by two tasks on the common pool, and {@code CompletableFuture} runs each such task on a
     * thread of its own when the common pool has a single thread, as it has with 2 CPUs or fewer (this
     * project's machines, a pod limited to 2 CPUs). Q1 cold's profile showed 1,800 threads started a
     * second for that.
     */
    public static <V> void keep(CaffeineCache cache, Object key, V value) {
        cache.invalidate(key).subscribe().with(ignored -> {
        });
        cache.put(key, CompletableFuture.completedFuture(value));
    }
}
