package dev.offlinefirst.server.cache;

/**
 * {@code room-pages}: the newest page of a room's messages as one viewer may see it. Stale when a
 * message lands in the room or its membership changes (which decides who sees it); checked against
 * {@link ChangeMarks} when read, with the tick at which the page was read.
 */
public record RoomPageKey(String viewerId, String roomId, int size) {

    /** Whether a page read at {@code ticket} may have changed since. */
    public boolean isStaleSince(ChangeMarks marks, long ticket) {
        return marks.everythingSince(ticket) || marks.roomSince(roomId, ticket);
    }
}
