package dev.offlinefirst.server.social;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

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
    public static class Key implements Serializable {

        public String requesterId;
        public String addresseeId;

        public Key() {
        }

        public Key(String requesterId, String addresseeId) {
            this.requesterId = requesterId;
            this.addresseeId = addresseeId;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key that && Objects.equals(requesterId, that.requesterId)
                    && Objects.equals(addresseeId, that.addresseeId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(requesterId, addresseeId);
        }
    }
}
