package dev.offlinefirst.server.profile;

import dev.offlinefirst.server.cache.CachedRead;
import dev.offlinefirst.server.cache.ChangeMarks;
import dev.offlinefirst.server.cache.Invalidation;

/** {@code profiles}: a user's profile as one viewer may see it. */
public record ProfileKey(String viewerId, String userId) implements CachedRead {

    /** Whether the change can make any profile entry stale (so the cache is not scanned for nothing). */
    static boolean concerns(Invalidation change) {
        return change.anyEverything() || change.anyProfile() || change.anyFriendship() || change.anyMembership();
    }

    /**
     * Stale when the profile changes, when a friendship between the two changes, or when either joins
     * or leaves a room (sharing a room lets a viewer see a profile).
     */
    @Override
    public boolean isStaleAfter(Invalidation change) {
        return change.everythingOf(viewerId) || change.everythingOf(userId)
                || change.profileOf(userId)
                || !viewerId.equals(userId) && change.friendshipBetween(viewerId, userId)
                || change.membershipsOf(viewerId) || change.membershipsOf(userId);
    }

    /**
     * Whether a profile read at {@code ticket} may be stale by now: a profile, friendship or membership
     * changed since (any, not only this pair's: marks are coarse, a miss costs one read).
     */
    public boolean isStaleSince(ChangeMarks marks, long ticket) {
        return marks.everythingSince(ticket) || marks.peopleSince(ticket);
    }
}
