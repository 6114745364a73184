package dev.offlinefirst.server.chat;

/**
 * Room membership, the relation behind the visibility of rooms, their members and their messages,
 * written once for the row filters: a row of {@code room_members} makes its user a member.
 */
public final class RoomMembership {

    /** The ids of the rooms the viewer is a member of, as SQL for row filters. */
    public static final String ROOMS_OF_VIEWER = "SELECT vm.room_id FROM room_members vm WHERE vm.user_id = :viewerId";

    private RoomMembership() {
    }
}
