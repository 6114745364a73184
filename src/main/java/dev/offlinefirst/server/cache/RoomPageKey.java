package dev.offlinefirst.server.cache;

/** {@code room-pages}: the newest page of a room's messages as one viewer may see it. */
public record RoomPageKey(String viewerId, String roomId, int size) implements CachedRead {

    static boolean concerns(Invalidation change) {
        return change.all || !change.roomsWithNewMessages.isEmpty() || !change.roomsWithNewMembers.isEmpty()
                || !change.everythingOf.isEmpty();
    }

    /** Stale when a message lands in the room or its membership changes (which decides who sees it). */
    @Override
    public boolean isStaleAfter(Invalidation change) {
        return change.all || change.roomsWithNewMessages.contains(roomId) || change.roomsWithNewMembers.contains(roomId)
                || change.everythingOf.contains(viewerId);
    }
}
