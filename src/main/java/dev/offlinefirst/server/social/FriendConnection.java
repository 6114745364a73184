package dev.offlinefirst.server.social;

import java.io.Serializable;
import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import org.hibernate.annotations.Filter;

import dev.offlinefirst.server.isolation.ViewerFilter;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** One friend connection per pair of users, whichever side asked; seen by both sides only. */
@Entity
@Table(name = "friend_connections")
@IdClass(FriendConnection.Key.class)
@Filter(name = ViewerFilter.NAME, deduceAliasInjectionPoints = false,
        condition = "({alias}.requester_id = :viewerId OR {alias}.addressee_id = :viewerId)")
public class FriendConnection extends PanacheEntityBase {

    @Id
    @Column(name = "requester_id")
    public String requesterId;

    @Id
    @Column(name = "addressee_id")
    public String addresseeId;

    @Enumerated(EnumType.STRING)
    public FriendStatus status;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;

    /** The side that is not {@code userId}. */
    public String otherSide(String userId) {
        return requesterId.equals(userId) ? addresseeId : requesterId;
    }

    /** The composite id: who asked whom. */
    public record Key(String requesterId, String addresseeId) implements Serializable {
    }
}
