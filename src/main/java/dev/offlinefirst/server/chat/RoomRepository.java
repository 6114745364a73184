package dev.offlinefirst.server.chat;

import java.time.Instant;
import java.util.Collection;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import dev.offlinefirst.server.isolation.Relations;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;

/** Rooms and their members; reads see only the viewer's rooms. */
@ApplicationScoped
public class RoomRepository implements PanacheRepositoryBase<ChatRoom, String> {

    public Uni<List<ChatRoom>> visibleRooms() {
        return list("order by createdAt desc, roomId");
    }

    /**
     * Which of these rooms the viewer is a member of. Native SQL with the row filter's own membership
     * rule: Hibernate translates a query again on every run while a filter is enabled (its plan cache
     * leaves such queries out), which made this check cost sendMessage more than its insert.
     */
    public Uni<List<String>> visibleRoomIds(String viewerId, Collection<String> roomIds) {
        return getSession().chain(session -> session
                .createNativeQuery("SELECT room_id FROM chat_rooms WHERE room_id IN (:ids) AND room_id IN ("
                        + Relations.ROOMS_OF_VIEWER + ")", String.class)
                .setParameter("ids", roomIds)
                .setParameter("viewerId", viewerId)
                .getResultList());
    }

    /** The members of a room, when the viewer is one of them (the row filter shows no member otherwise). */
    public Uni<List<String>> memberIds(String roomId) {
        return getSession().chain(session -> session
                .createSelectionQuery("select m.userId from RoomMember m where m.roomId = :id", String.class)
                .setParameter("id", roomId)
                .getResultList());
    }

    /** Memberships of the given rooms, oldest first. */
    public Uni<List<RoomMember>> membersOf(Collection<String> roomIds) {
        return getSession().chain(session -> session
                .createSelectionQuery("from RoomMember m where m.roomId in :ids order by m.joinedAt, m.userId",
                        RoomMember.class)
                .setParameter("ids", roomIds)
                .getResultList());
    }

    /**
     * Creates the room with its creator as first member unless the id exists; true when it was created.
     * One statement, so two replays racing each other still make one room.
     */
    public Uni<Boolean> createIfAbsent(String roomId, String title, String creatorId, Instant now) {
        return getSession().chain(session -> session.createNativeQuery("""
                WITH room AS (
                    INSERT INTO chat_rooms (room_id, title, created_by, created_at, updated_at)
                    VALUES (:roomId, :title, :creator, :now, :now)
                    ON CONFLICT (room_id) DO NOTHING
                    RETURNING room_id)
                INSERT INTO room_members (room_id, user_id, added_by, joined_at)
                SELECT room_id, :creator, :creator, :now FROM room""")
                .setParameter("roomId", roomId)
                .setParameter("title", title)
                .setParameter("creator", creatorId)
                .setParameter("now", now)
                .executeUpdate())
                .map(inserted -> inserted > 0);
    }

    /** Adds users with a profile who are not members yet; adding an existing member changes nothing. */
    public Uni<Integer> addMembers(String roomId, Collection<String> userIds, String addedBy, Instant now) {
        if (userIds.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        return getSession().chain(session -> session.createNativeQuery("""
                INSERT INTO room_members (room_id, user_id, added_by, joined_at)
                SELECT :roomId, p.user_id, :addedBy, :now FROM user_profiles p WHERE p.user_id IN (:userIds)
                ON CONFLICT (room_id, user_id) DO NOTHING""")
                .setParameter("roomId", roomId)
                .setParameter("userIds", userIds)
                .setParameter("addedBy", addedBy)
                .setParameter("now", now)
                .executeUpdate());
    }

    /** Removes a member; true when they were one. */
    public Uni<Boolean> removeMember(String roomId, String userId) {
        return getSession().chain(session -> session
                .createNativeQuery("DELETE FROM room_members WHERE room_id = :roomId AND user_id = :userId")
                .setParameter("roomId", roomId)
                .setParameter("userId", userId)
                .executeUpdate())
                .map(removed -> removed > 0);
    }

    /** Rooms created by a user who is no longer in them pass to their earliest member, or go (V6). */
    public Uni<Void> handOverRoomsOf(String leaverId) {
        return getSession().chain(session -> session
                .createNativeQuery("SELECT hand_over_rooms(:leaver)")
                .setParameter("leaver", leaverId)
                .getResultList())
                .replaceWithVoid();
    }

    /** The creator of a room, whether or not the viewer may see it; only used after a visibility check. */
    public Uni<String> ownerOf(String roomId) {
        return getSession().chain(session -> session
                .createNativeQuery("SELECT created_by FROM chat_rooms WHERE room_id = :roomId", String.class)
                .setParameter("roomId", roomId)
                .getSingleResultOrNull());
    }
}
