package dev.offlinefirst.server.isolation;

/**
 * The relations between users that decide who sees what, each written once, as SQL for the row filters
 * ({@code :viewerId}, as here) and for native reads ({@link #as(String, String)} puts their own viewer
 * parameter in its place). Features build their rules from these; none restates one
 * ({@code IsolationArchitectureTest} guards that).
 */
public final class Relations {

    /** The viewer's parameter in the relations below. */
    public static final String VIEWER = ":viewerId";

    /** The ids of the rooms the viewer is a member of: a row of {@code room_members} makes its user a member. */
    public static final String ROOMS_OF_VIEWER = "SELECT vm.room_id FROM room_members vm WHERE vm.user_id = :viewerId";

    /** The user ids of the viewer's accepted friends (the view {@code accepted_friends}, V9). */
    public static final String FRIENDS_OF_VIEWER = "SELECT af.friend_id FROM accepted_friends af WHERE af.user_id = :viewerId";

    /**
     * The user ids on the other side of the viewer's pending friend requests, sent or received: either
     * side of a pending request sees the other's card (to decide on it, or to see it is still waiting).
     */
    public static final String PENDING_WITH_VIEWER = "SELECT CASE WHEN pf.requester_id = :viewerId THEN pf.addressee_id"
            + " ELSE pf.requester_id END FROM friend_connections pf"
            + " WHERE pf.status = 'PENDING' AND (pf.requester_id = :viewerId OR pf.addressee_id = :viewerId)";

    private Relations() {
    }

    /** A relation with {@code viewer} (a parameter such as {@code $1}, or a column) in place of {@link #VIEWER}. */
    public static String as(String relation, String viewer) {
        return relation.replace(VIEWER, viewer);
    }
}
