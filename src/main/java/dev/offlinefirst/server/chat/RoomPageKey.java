package dev.offlinefirst.server.chat;

import dev.offlinefirst.server.cache.ChangeMarks;

/**
 * {@code room-pages}: the newest page of a room's messages with the room's members, read by a member
 * (whose row filter shows the room's messages and members whole) and handed to members only, since it is
 * the same page for each of them. Stale when a message lands in the room or its membership changes
 * (which decides who sees it); checked against {@link ChangeMarks} when read, with the tick at which the
 * page was read.
 */
public record RoomPageKey(String roomId, int size) {

    /** Whether a page read at {@code ticket} may have changed since. */
    public boolean isStaleSince(ChangeMarks marks, long ticket) {
        return marks.everythingSince(ticket) || marks.roomSince(roomId, ticket);
    }
}
