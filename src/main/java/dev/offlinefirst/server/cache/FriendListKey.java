package dev.offlinefirst.server.cache;

import dev.offlinefirst.server.social.FriendStatus;

/** {@code friend-lists}: a viewer's friend connections of one status. */
public record FriendListKey(String viewerId, FriendStatus status) implements CachedRead {

    static boolean concerns(Invalidation change) {
        return change.all || !change.friendshipsOf.isEmpty() || !change.everythingOf.isEmpty();
    }

    /** Stale when any connection of the viewer changes. */
    @Override
    public boolean isStaleAfter(Invalidation change) {
        return change.all || change.friendshipsOf.contains(viewerId) || change.everythingOf.contains(viewerId);
    }
}
