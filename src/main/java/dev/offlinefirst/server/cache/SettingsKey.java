package dev.offlinefirst.server.cache;

/** {@code settings}: all of a viewer's settings. */
public record SettingsKey(String viewerId) implements CachedRead {

    static boolean concerns(Invalidation change) {
        return change.all || !change.settingsOf.isEmpty() || !change.everythingOf.isEmpty();
    }

    /** Stale when any of the viewer's settings changes. */
    @Override
    public boolean isStaleAfter(Invalidation change) {
        return change.all || change.settingsOf.contains(viewerId) || change.everythingOf.contains(viewerId);
    }
}
