package dev.offlinefirst.server.cache;

import java.util.Collection;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Invalidation by marks instead of scans, for caches whose entries are many and whose writes are
 * frequent (a message lands in a room many times a second). Every change marks what it concerns (its
 * rooms, people, everything) with a new tick of one clock; an entry remembers the tick taken when its
 * computation started and is valid only while nothing it shows was marked later. A write then costs a
 * few array stores however many entries are cached, and a stale entry is dropped when next asked for.
 * <p>
 * {@link CacheInvalidator} marks each change twice, before and after the scanned caches drop their
 * entries, so an entry computed from one of those caches in between is never valid.
 */
@ApplicationScoped
public class ChangeMarks {

    /** Rooms share marks by hash: a collision only costs a miss, never a stale entry. */
    private static final int ROOM_MARKS = 8192;

    private final AtomicLong clock = new AtomicLong();
    private final AtomicLongArray roomMarks = new AtomicLongArray(ROOM_MARKS);
    private volatile long everythingMark;
    private volatile long peopleMark;

    /** Taken when a computation starts. */
    public long ticket() {
        return clock.incrementAndGet();
    }

    void mark(Invalidation change) {
        boolean everything = change.all || !change.everythingOf.isEmpty();
        boolean people = change.touchesPeople();
        if (!everything && !people && change.roomsWithNewMessages.isEmpty() && change.roomsWithNewMembers.isEmpty()) {
            return;
        }
        long now = clock.incrementAndGet();
        if (everything) {
            everythingMark = now;
        }
        if (people) {
            peopleMark = now;
        }
        change.roomsWithNewMessages.forEach(room -> roomMarks.set(markOf(room), now));
        change.roomsWithNewMembers.forEach(room -> roomMarks.set(markOf(room), now));
    }

    /** Whether everything was marked (caches invalidated wholesale, or a user's everything) since the ticket. */
    public boolean everythingSince(long ticket) {
        return everythingMark > ticket;
    }

    /** Whether any profile, friendship or membership changed since the ticket. */
    public boolean peopleSince(long ticket) {
        return peopleMark > ticket;
    }

    /** Whether the room got a message or a member change since the ticket. */
    public boolean roomSince(String room, long ticket) {
        return roomMarks.get(markOf(room)) > ticket;
    }

    /** Whether one of the rooms got a message or a member change since the ticket. */
    boolean anyRoomSince(Collection<String> rooms, long ticket) {
        for (String room : rooms) {
            if (roomSince(room, ticket)) {
                return true;
            }
        }
        return false;
    }

    private static int markOf(String roomId) {
        return Math.floorMod(roomId.hashCode(), ROOM_MARKS);
    }
}
