package dev.offlinefirst.server.cache;

/**
 * The caches of hot reads. Every key starts with the viewer, so no cached value crosses viewers.
 * Cached values are never changed in place: writes load fresh instances in their own session.
 */
public final class CacheNames {

    /** (viewerId, userId) → the profile as that viewer may see it, or null. */
    public static final String PROFILES = "profiles";

    /** (viewerId) → the viewer's settings. */
    public static final String SETTINGS = "settings";

    /** (viewerId, roomId, size) → the newest page of a room as that viewer may see it. */
    public static final String ROOM_PAGES = "room-pages";

    /** (viewerId, status) → the viewer's friend connections of that status. */
    public static final String FRIEND_LISTS = "friend-lists";

    private CacheNames() {
    }
}
