package dev.offlinefirst.server.cache;

import java.util.function.Predicate;

/**
 * A cache whose keys are {@link CachedRead}s, declared by the feature that owns it (a CDI bean):
 * {@link CacheInvalidator} scans it for stale keys on each change that {@code concerns} it, and skips it
 * for the others (most changes are messages, which concern none of them).
 *
 * @param name the cache's name (see {@link CacheNames})
 * @param concerns whether a change can make any of its keys stale
 */
public record ScannedCache(String name, Predicate<Invalidation> concerns) {
}
