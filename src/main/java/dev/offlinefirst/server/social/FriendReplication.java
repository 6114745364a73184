package dev.offlinefirst.server.social;

import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import dev.offlinefirst.server.changes.ChangeEntity;
import dev.offlinefirst.server.changes.ChangeRow;
import dev.offlinefirst.server.replication.PushRefused;
import dev.offlinefirst.server.replication.ReplicatedCollection;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/** The {@code Friends} collection: the viewer's connections, changed through {@link FriendService}. */
@ApplicationScoped
public class FriendReplication implements ReplicatedCollection<ReplicatedFriend> {

    private final FriendService friends;

    public FriendReplication(FriendService friends) {
        this.friends = friends;
    }

    @Override
    public String name() {
        return "Friends";
    }

    @Override
    public Set<ChangeEntity> entities() {
        return EnumSet.of(ChangeEntity.FRIEND);
    }

    @Override
    public String documentId(String viewerId, ChangeRow change) {
        if (!ChangeEntity.FRIEND.is(change.entity())) {
            return null;
        }
        return viewerId.equals(change.ownerId()) ? change.peerId() : viewerId.equals(change.peerId()) ? change.ownerId() : null;
    }

    @Override
    public Uni<Map<String, ReplicatedFriend>> load(String viewerId, Collection<String> ids) {
        return Panache.getSession().chain(session -> session.createSelectionQuery("""
                from FriendConnection f
                where (f.requesterId = :viewer and f.addresseeId in :ids) or (f.addresseeId = :viewer and f.requesterId in :ids)""",
                FriendConnection.class)
                .setParameter("viewer", viewerId)
                .setParameter("ids", ids)
                .getResultList())
                .map(rows -> rows.stream().map(f -> ReplicatedFriend.of(FriendConnectionView.of(f, viewerId)))
                        .collect(Collectors.toMap(ReplicatedFriend::id, friend -> friend)));
    }

    @Override
    public ReplicatedFriend deleted(String id) {
        return ReplicatedFriend.deleted(id);
    }

    @Override
    public Uni<Void> write(String viewerId, ReplicatedFriend assumed, ReplicatedFriend proposed) {
        String other = proposed.id();
        if (proposed.userId() != null && !proposed.userId().equals(other)) {
            throw PushRefused.badInput("userId must equal id");
        }
        return Panache.withSession(() -> load(viewerId, List.of(other))).chain(held -> {
            ReplicatedFriend master = held.get(other);
            if (master == null) {
                if (proposed.deleted()) {
                    return Uni.createFrom().voidItem();
                }
                if (assumed != null || proposed.status() != null && proposed.status() != FriendStatus.PENDING) {
                    throw PushRefused.conflict();
                }
                return friends.request(viewerId, other).replaceWithVoid();
            }
            if (assumed == null || assumed.deleted() || assumed.status() != master.status()) {
                if (!proposed.deleted() && proposed.status() == master.status()) {
                    return Uni.createFrom().voidItem();
                }
                throw PushRefused.conflict();
            }
            if (proposed.deleted()) {
                return friends.remove(viewerId, other).replaceWithVoid();
            }
            if (proposed.status() == master.status()) {
                return Uni.createFrom().voidItem();
            }
            if (proposed.status() == FriendStatus.PENDING || proposed.status() == null) {
                throw PushRefused.badInput("a connection goes back to PENDING only by removing it and asking again");
            }
            return friends.respond(viewerId, other, proposed.status() == FriendStatus.ACCEPTED).replaceWithVoid();
        });
    }
}
