package dev.offlinefirst.server.settings;

import dev.offlinefirst.server.cache.CachedRead;
import dev.offlinefirst.server.cache.Invalidation;

/** {@code settings}: all of a viewer's settings. */
public record SettingsKey(String viewerId) implements CachedRead {

    static boolean concerns(Invalidation change) {
        return change.anyEverything() || change.anySettings();
    }

    /** Stale when any of the viewer's settings changes. */
    @Override
    public boolean isStaleAfter(Invalidation change) {
        return change.everythingOf(viewerId) || change.settingsOf(viewerId);
    }
}
