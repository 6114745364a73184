package dev.offlinefirst.server.cache;

/** How much {@code invalidateCaches} drops. */
public enum CacheScope {
    /** Everything cached for or about the viewer. */
    ME,
    /** Everything, on every replica; needs the role admin. */
    ALL
}
