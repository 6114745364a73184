package dev.offlinefirst.server.chat;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import dev.offlinefirst.server.cache.CacheInvalidator;
import dev.offlinefirst.server.cache.Invalidation;
import dev.offlinefirst.server.profile.ProfileService;
import dev.offlinefirst.server.profile.SeenProfile;
import dev.offlinefirst.server.shared.ApiException;
import dev.offlinefirst.server.shared.Inputs;
import dev.offlinefirst.server.shared.LimitsConfig;
import dev.offlinefirst.server.shared.Timestamps;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/** Rooms and membership: anyone creates a room with a client-made id; only its creator adds members. */
@ApplicationScoped
public class RoomService {

    public static final int TITLE_MAX = 200;

    private final RoomRepository rooms;
    private final ProfileService profiles;
    private final CacheInvalidator invalidator;
    private final LimitsConfig limits;

    public RoomService(RoomRepository rooms, ProfileService profiles, CacheInvalidator invalidator, LimitsConfig limits) {
        this.rooms = rooms;
        this.profiles = profiles;
        this.invalidator = invalidator;
        this.limits = limits;
    }

    @WithSession
    public Uni<List<ChatRoom>> visibleRooms() {
        return rooms.visibleRooms();
    }

    /**
     * Creates the room, or answers the existing one when the creator replays the same id. An id that
     * another user already took is a {@code CONFLICT}.
     */
    @WithTransaction
    public Uni<ChatRoom> create(String viewerId, String roomId, String title, List<String> memberIds) {
        Inputs.id("roomId", roomId);
        Inputs.optionalText("title", title, TITLE_MAX);
        Set<String> others = otherMembers(viewerId, memberIds);
        return profiles.own(viewerId)
                .chain(() -> profiles.requireExisting(others))
                .chain(() -> rooms.createIfAbsent(roomId, title, viewerId, Timestamps.now()))
                .chain(created -> created
                        ? rooms.addMembers(roomId, others, viewerId, Timestamps.now())
                                .call(() -> invalidator.forget(Invalidation.membership(roomId, withCreator(viewerId, others))))
                                .replaceWithVoid()
                        : requireCreatedBy(viewerId, roomId))
                .chain(() -> rooms.findById(roomId));
    }

    @WithTransaction
    public Uni<ChatRoom> addMember(String viewerId, String roomId, String userId) {
        Inputs.id("roomId", roomId);
        Inputs.id("userId", userId);
        return visibleRoom(roomId)
                .invoke(room -> {
                    if (!room.createdBy.equals(viewerId)) {
                        throw ApiException.forbidden("Only the room's creator adds members");
                    }
                })
                .call(() -> profiles.requireExisting(List.of(userId)))
                .call(room -> rooms.addMembers(roomId, List.of(userId), viewerId, Timestamps.now()))
                .call(() -> invalidator.forget(Invalidation.membership(roomId, List.of(userId))));
    }

    /** Changes the room's title; only its creator may. */
    @WithTransaction
    public Uni<ChatRoom> rename(String viewerId, String roomId, String title) {
        Inputs.optionalText("title", title, TITLE_MAX);
        return visibleRoom(roomId).invoke(room -> {
            if (!room.createdBy.equals(viewerId)) {
                throw ApiException.forbidden("Only the room's creator renames it");
            }
            room.title = title;
            room.updatedAt = Timestamps.now();
        });
    }

    /**
     * Removes {@code userId} from the room: the creator removes anyone, any member removes themself
     * (leaves; a leaving creator hands the room over, see V6). True when they were a member. The
     * removed user's live streams of the room end on every replica, through the change stream.
     */
    @WithTransaction
    public Uni<Boolean> removeMember(String viewerId, String roomId, String userId) {
        Inputs.id("userId", userId);
        return visibleRoom(roomId)
                .invoke(room -> {
                    if (!viewerId.equals(userId) && !room.createdBy.equals(viewerId)) {
                        throw ApiException.forbidden("Only the room's creator removes other members; anyone may leave");
                    }
                })
                .chain(room -> rooms.removeMember(roomId, userId)
                        .call(removed -> removed && room.createdBy.equals(userId) ? rooms.handOverRoomsOf(userId)
                                : Uni.createFrom().voidItem())
                        .call(removed -> removed ? invalidator.forget(Invalidation.membership(roomId, List.of(userId)))
                                : Uni.createFrom().voidItem()));
    }

    /** The room if the viewer is a member; otherwise {@code NOT_FOUND}, exactly as for a missing room. */
    @WithSession
    public Uni<ChatRoom> visibleRoom(String roomId) {
        Inputs.id("roomId", roomId);
        return rooms.findById(roomId).onItem().ifNull().failWith(() -> ApiException.notFound("No room " + roomId));
    }

    /** The member profiles of each room, in joining order; at most two queries for any number of rooms. */
    @WithSession
    public Uni<Map<String, List<SeenProfile>>> membersOf(String viewerId, Collection<String> roomIds) {
        return rooms.membersOf(roomIds).chain(memberships -> profiles
                .visibleByIds(viewerId, memberships.stream().map(m -> m.userId).collect(Collectors.toSet()))
                .map(byId -> memberships.stream()
                        .filter(m -> byId.containsKey(m.userId))
                        .collect(Collectors.groupingBy(m -> m.roomId,
                                Collectors.mapping(m -> byId.get(m.userId), Collectors.toList())))));
    }

    private Set<String> otherMembers(String viewerId, List<String> memberIds) {
        List<String> requested = memberIds == null ? List.of() : memberIds;
        if (requested.size() > limits.roomInitialMembersMax()) {
            throw ApiException.badInput("memberIds may name at most " + limits.roomInitialMembersMax() + " users");
        }
        Set<String> others = new LinkedHashSet<>();
        for (int i = 0; i < requested.size(); i++) {
            String memberId = Inputs.id("memberIds[" + i + "]", requested.get(i));
            if (!memberId.equals(viewerId)) {
                others.add(memberId);
            }
        }
        return others;
    }

    private static List<String> withCreator(String creatorId, Set<String> others) {
        List<String> members = new ArrayList<>(others);
        members.add(0, creatorId);
        return members;
    }

    private Uni<Void> requireCreatedBy(String viewerId, String roomId) {
        return rooms.ownerOf(roomId).invoke(owner -> {
            if (!viewerId.equals(owner)) {
                throw ApiException.conflict("The room id " + roomId + " is already taken: choose another id");
            }
        }).replaceWithVoid();
    }
}
