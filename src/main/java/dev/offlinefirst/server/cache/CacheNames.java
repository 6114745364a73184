package dev.offlinefirst.server.cache;

/**
 * The caches of hot reads. Each has one key type that carries the viewer (a {@link CachedRead}, or for
 * whole answers a key checked against {@link ChangeMarks} when read), so no cached value crosses viewers,
 * and its invalidation rule. The one exception is a room's newest page, the same for all its members:
 * it is kept with the members it was read with and shown to them only.
 * Cached values are never changed in place: writes load fresh instances in their own session.
 */
public final class CacheNames {

    /** {@code profile.ProfileKey} → the profile as that viewer may see it, or null. */
    public static final String PROFILES = "profiles";

    /** {@code settings.SettingsKey} → the viewer's settings. */
    public static final String SETTINGS = "settings";

    /** {@code chat.RoomPageKey} → the newest page of a room and its members, shown to those members only. */
    public static final String ROOM_PAGES = "room-pages";

    /** {@code social.FriendListKey} → the viewer's friend connections of that status. */
    public static final String FRIEND_LISTS = "friend-lists";

    /** {@link ResponseKey} → a whole GraphQL answer for that viewer, document and variables. */
    public static final String RESPONSES = "responses";

    private CacheNames() {
    }
}
