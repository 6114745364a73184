package dev.offlinefirst.server.cache;

/**
 * The caches of hot reads. Each has one key type that carries the viewer (a {@link CachedRead}, or for
 * room pages and whole answers a key checked against {@link ChangeMarks} when read), so no
 * cached value crosses viewers, and its invalidation rule.
 * Cached values are never changed in place: writes load fresh instances in their own session.
 */
public final class CacheNames {

    /** {@link ProfileKey} → the profile as that viewer may see it, or null. */
    public static final String PROFILES = "profiles";

    /** {@link SettingsKey} → the viewer's settings. */
    public static final String SETTINGS = "settings";

    /** {@link RoomPageKey} → the newest page of a room as that viewer may see it. */
    public static final String ROOM_PAGES = "room-pages";

    /** {@link FriendListKey} → the viewer's friend connections of that status. */
    public static final String FRIEND_LISTS = "friend-lists";

    /** {@link ResponseKey} → a whole GraphQL answer for that viewer, document and variables. */
    public static final String RESPONSES = "responses";

    private CacheNames() {
    }
}
