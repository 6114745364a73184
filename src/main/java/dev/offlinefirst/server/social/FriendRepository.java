package dev.offlinefirst.server.social;

import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;

/** Friend connections of the viewer. */
@ApplicationScoped
public class FriendRepository implements PanacheRepositoryBase<FriendConnection, FriendConnection.Key> {

    /** The connection between two users, whichever asked. */
    public Uni<FriendConnection> between(String oneId, String otherId) {
        return find("(requesterId = ?1 and addresseeId = ?2) or (requesterId = ?2 and addresseeId = ?1)", oneId, otherId)
                .firstResult();
    }

    public Uni<List<FriendConnection>> of(String userId, FriendStatus status) {
        return list("(requesterId = ?1 or addresseeId = ?1) and status = ?2 order by updatedAt desc", userId, status);
    }

    /** Asks, unless the pair already has a connection (a racing twin request); true when created. */
    public Uni<Boolean> request(String requesterId, String addresseeId, Instant now) {
        return getSession().chain(session -> session.createNativeQuery("""
                INSERT INTO friend_connections (requester_id, addressee_id, status, created_at, updated_at)
                VALUES (:requester, :addressee, 'PENDING', :now, :now)
                ON CONFLICT DO NOTHING""")
                .setParameter("requester", requesterId)
                .setParameter("addressee", addresseeId)
                .setParameter("now", now)
                .executeUpdate())
                .map(inserted -> inserted > 0);
    }

    /** Removes the pair's connection, whoever asked; true when there was one. */
    public Uni<Boolean> remove(String oneId, String otherId) {
        return delete("(requesterId = ?1 and addresseeId = ?2) or (requesterId = ?2 and addresseeId = ?1)", oneId, otherId)
                .map(deleted -> deleted > 0);
    }
}
