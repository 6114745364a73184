package dev.offlinefirst.server.chat;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import dev.offlinefirst.server.changes.ChangeEntity;
import dev.offlinefirst.server.changes.ChangeRow;
import dev.offlinefirst.server.replication.PushRefused;
import dev.offlinefirst.server.replication.ReplicatedCollection;
import dev.offlinefirst.server.shared.Timestamps;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * The {@code Rooms} collection: the rooms the viewer is in, each with its member ids, changed through
 * {@link RoomService} (creating, renaming and adding or removing members by the creator, leaving).
 */
@ApplicationScoped
public class RoomReplication implements ReplicatedCollection<ReplicatedRoom> {

    private final RoomService rooms;
    private final RoomRepository repository;

    public RoomReplication(RoomService rooms, RoomRepository repository) {
        this.rooms = rooms;
        this.repository = repository;
    }

    @Override
    public String name() {
        return "Rooms";
    }

    @Override
    public Set<ChangeEntity> entities() {
        return EnumSet.of(ChangeEntity.ROOM, ChangeEntity.ROOM_MEMBER);
    }

    @Override
    public String documentId(String viewerId, ChangeRow change) {
        return ChangeEntity.ROOM.is(change.entity()) || ChangeEntity.ROOM_MEMBER.is(change.entity()) ? change.roomId() : null;
    }

    @Override
    public Uni<Map<String, ReplicatedRoom>> load(String viewerId, Collection<String> ids) {
        return repository.list("roomId in ?1", ids).chain(found -> found.isEmpty() ? Uni.createFrom().item(Map.of())
                : repository.membersOf(found.stream().map(room -> room.roomId).toList()).map(members -> {
                    Map<String, List<String>> byRoom = new HashMap<>();
                    members.forEach(member -> byRoom.computeIfAbsent(member.roomId, id -> new ArrayList<>()).add(member.userId));
                    Map<String, ReplicatedRoom> held = new HashMap<>();
                    for (ChatRoom room : found) {
                        held.put(room.roomId, new ReplicatedRoom(room.roomId, room.roomId, room.title, room.createdBy,
                                byRoom.getOrDefault(room.roomId, List.of()), Timestamps.format(room.createdAt), false));
                    }
                    return held;
                }));
    }

    @Override
    public ReplicatedRoom deleted(String id) {
        return ReplicatedRoom.deleted(id);
    }

    @Override
    public Uni<Void> write(String viewerId, ReplicatedRoom assumed, ReplicatedRoom proposed) {
        String roomId = proposed.id();
        if (proposed.roomId() != null && !proposed.roomId().equals(roomId)) {
            throw PushRefused.badInput("roomId must equal id");
        }
        return Panache.withSession(() -> load(viewerId, List.of(roomId))).chain(held -> {
            ReplicatedRoom master = held.get(roomId);
            Set<String> wanted = proposed.memberIds() == null ? Set.of() : new LinkedHashSet<>(proposed.memberIds());
            if (master == null) {
                if (proposed.deleted()) {
                    return Uni.createFrom().voidItem();
                }
                if (assumed != null) {
                    throw PushRefused.conflict();
                }
                return rooms.create(viewerId, roomId, proposed.title(), List.copyOf(wanted)).replaceWithVoid();
            }
            if (proposed.deleted() || !wanted.contains(viewerId)) {
                return rooms.removeMember(viewerId, roomId, viewerId).replaceWithVoid();
            }
            ReplicatedRoom before = assumed == null ? master : assumed;
            boolean titleChanged = !Objects.equals(proposed.title(), before.title());
            Set<String> had = before.memberIds() == null ? Set.of() : new LinkedHashSet<>(before.memberIds());
            boolean membersChanged = !wanted.equals(had);
            if (titleChanged && !Objects.equals(master.title(), before.title())
                    || membersChanged && !had.equals(new LinkedHashSet<>(master.memberIds()))) {
                throw PushRefused.conflict();
            }
            List<Uni<?>> steps = new ArrayList<>();
            if (titleChanged) {
                steps.add(rooms.rename(viewerId, roomId, proposed.title()));
            }
            wanted.stream().filter(id -> !had.contains(id)).forEach(id -> steps.add(rooms.addMember(viewerId, roomId, id)));
            had.stream().filter(id -> !wanted.contains(id)).forEach(id -> steps.add(rooms.removeMember(viewerId, roomId, id)));
            return Multi.createFrom().iterable(steps).onItem().transformToUniAndConcatenate(step -> step)
                    .collect().last().replaceWithVoid();
        });
    }
}
