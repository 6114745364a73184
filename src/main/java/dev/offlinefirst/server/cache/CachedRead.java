package dev.offlinefirst.server.cache;

/**
 * A cache key that knows which writes make its value stale. Each cache has one key type, and the key's
 * rule sits beside its fields, so a cache cannot be invalidated by the wrong field.
 */
public interface CachedRead {

    /** The viewer the value was read for: no cached value crosses viewers. */
    String viewerId();

    boolean isStaleAfter(Invalidation change);
}
