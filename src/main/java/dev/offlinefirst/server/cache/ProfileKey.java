package dev.offlinefirst.server.cache;

/** {@code profiles}: a user's profile as one viewer may see it. */
public record ProfileKey(String viewerId, String userId) implements CachedRead {

    /** Whether the change can make any profile entry stale (so the cache is not scanned for nothing). */
    static boolean concerns(Invalidation change) {
        return change.all || !change.profilesOf.isEmpty() || !change.everythingOf.isEmpty()
                || !change.friendPairs.isEmpty() || !change.membersWhoMoved.isEmpty();
    }

    /**
     * Stale when the profile changes, when a friendship between the two changes, or when either joins
     * or leaves a room (sharing a room lets a viewer see a profile).
     */
    @Override
    public boolean isStaleAfter(Invalidation change) {
        return change.all
                || change.profilesOf.contains(userId)
                || change.everythingOf.contains(viewerId) || change.everythingOf.contains(userId)
                || !viewerId.equals(userId) && change.friendPairs.contains(Invalidation.pair(viewerId, userId))
                || change.membersWhoMoved.contains(viewerId) || change.membersWhoMoved.contains(userId);
    }
}
