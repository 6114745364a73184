package dev.offlinefirst.server.social;

import dev.offlinefirst.server.cache.CachedRead;
import dev.offlinefirst.server.cache.Invalidation;

/** {@code friend-lists}: a viewer's friend connections of one status. */
public record FriendListKey(String viewerId, FriendStatus status) implements CachedRead {

    static boolean concerns(Invalidation change) {
        return change.anyEverything() || change.anyFriendship();
    }

    /** Stale when any connection of the viewer changes. */
    @Override
    public boolean isStaleAfter(Invalidation change) {
        return change.everythingOf(viewerId) || change.friendshipsOf(viewerId);
    }
}
