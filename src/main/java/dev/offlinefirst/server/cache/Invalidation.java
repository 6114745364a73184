package dev.offlinefirst.server.cache;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import dev.offlinefirst.server.changes.ChangeEntity;
import dev.offlinefirst.server.changes.ChangeRow;

/**
 * What some writes made stale, which every cache key checks itself against (see {@link CachedRead}).
 * Built by a write for the instance it ran on, and from each batch of the change stream for every
 * instance.
 */
public final class Invalidation {

    final Set<String> profilesOf = new HashSet<>();
    final Set<String> settingsOf = new HashSet<>();
    /** Both sides of every friend connection that changed, and each pair as {@link #pair}. */
    final Set<String> friendshipsOf = new HashSet<>();
    final Set<String> friendPairs = new HashSet<>();
    /** Rooms whose membership changed, and the users who joined or left them. */
    final Set<String> roomsWithNewMembers = new HashSet<>();
    final Set<String> membersWhoMoved = new HashSet<>();
    final Set<String> roomsWithNewMessages = new HashSet<>();
    /** Users everything cached for or about whom goes. */
    final Set<String> everythingOf = new HashSet<>();
    boolean all;

    private Invalidation() {
    }

    public static Invalidation profile(String userId) {
        Invalidation change = new Invalidation();
        change.profilesOf.add(userId);
        return change;
    }

    public static Invalidation settings(String userId) {
        Invalidation change = new Invalidation();
        change.settingsOf.add(userId);
        return change;
    }

    public static Invalidation friendship(String oneId, String otherId) {
        Invalidation change = new Invalidation();
        change.addFriendship(oneId, otherId);
        return change;
    }

    public static Invalidation membership(String roomId, Collection<String> userIds) {
        Invalidation change = new Invalidation();
        change.roomsWithNewMembers.add(roomId);
        change.membersWhoMoved.addAll(userIds);
        return change;
    }

    public static Invalidation messages(Collection<String> roomIds) {
        Invalidation change = new Invalidation();
        change.roomsWithNewMessages.addAll(roomIds);
        return change;
    }

    public static Invalidation users(Collection<String> userIds) {
        Invalidation change = new Invalidation();
        change.everythingOf.addAll(userIds);
        return change;
    }

    public static Invalidation all() {
        Invalidation change = new Invalidation();
        change.all = true;
        return change;
    }

    /** What a batch of the change stream made stale. */
    public static Invalidation of(List<ChangeRow> changes) {
        Invalidation change = new Invalidation();
        for (ChangeRow row : changes) {
            ChangeEntity.byLogName(row.entity()).ifPresent(entity -> change.add(entity, row));
        }
        return change;
    }

    private void add(ChangeEntity entity, ChangeRow row) {
        switch (entity) {
            case PROFILE -> profilesOf.add(row.ownerId());
            case SETTING -> settingsOf.add(row.ownerId());
            case FRIEND -> addFriendship(row.ownerId(), row.peerId());
            case ROOM_MEMBER -> {
                roomsWithNewMembers.add(row.roomId());
                membersWhoMoved.add(row.ownerId());
            }
            case MESSAGE -> roomsWithNewMessages.add(row.roomId());
            case ACCOUNT -> everythingOf.add(row.ownerId());
            case CACHE -> {
                if (CacheScope.ALL.name().equals(row.entityId())) {
                    all = true;
                } else {
                    everythingOf.add(row.ownerId());
                }
            }
            case ROOM, POST, OPERATION -> {
                // not cached
            }
        }
    }

    /** Whether everything cached for or about this user goes (their account cleared, a manual invalidation). */
    public boolean everythingOf(String userId) {
        return all || everythingOf.contains(userId);
    }

    public boolean profileOf(String userId) {
        return profilesOf.contains(userId);
    }

    public boolean settingsOf(String userId) {
        return settingsOf.contains(userId);
    }

    /** Whether any friend connection of this user changed. */
    public boolean friendshipsOf(String userId) {
        return friendshipsOf.contains(userId);
    }

    /** Whether the connection between these two changed. */
    public boolean friendshipBetween(String oneId, String otherId) {
        return friendPairs.contains(pair(oneId, otherId));
    }

    /** Whether this user joined or left a room. */
    public boolean membershipsOf(String userId) {
        return membersWhoMoved.contains(userId);
    }

    /** Whether some user's everything goes: every cache must look. */
    public boolean anyEverything() {
        return all || !everythingOf.isEmpty();
    }

    public boolean anyProfile() {
        return !profilesOf.isEmpty();
    }

    public boolean anySettings() {
        return !settingsOf.isEmpty();
    }

    public boolean anyFriendship() {
        return !friendshipsOf.isEmpty();
    }

    public boolean anyMembership() {
        return !membersWhoMoved.isEmpty();
    }

    public boolean isEmpty() {
        return !all && profilesOf.isEmpty() && settingsOf.isEmpty() && friendshipsOf.isEmpty()
                && roomsWithNewMembers.isEmpty() && roomsWithNewMessages.isEmpty() && everythingOf.isEmpty();
    }

    /** Whether the change can alter a profile as some viewer sees it (its fields, or who may see it). */
    boolean touchesPeople() {
        return !profilesOf.isEmpty() || !friendshipsOf.isEmpty() || !membersWhoMoved.isEmpty();
    }

    private static String pair(String oneId, String otherId) {
        return oneId.compareTo(otherId) < 0 ? oneId + '\u0000' + otherId : otherId + '\u0000' + oneId;
    }

    private void addFriendship(String oneId, String otherId) {
        friendshipsOf.add(oneId);
        friendshipsOf.add(otherId);
        friendPairs.add(pair(oneId, otherId));
    }
}
