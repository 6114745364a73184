package dev.offlinefirst.server.social;

import java.io.Serializable;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import org.hibernate.annotations.Filter;
import org.hibernate.annotations.Immutable;

import dev.offlinefirst.server.isolation.ViewerFilter;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/**
 * Accepted friendship, the one definition every filter and query uses: a row per accepted connection
 * and side, read from the view {@code accepted_friends} (V9). Seen by either side only.
 */
@Entity
@Immutable
@Table(name = "accepted_friends")
@IdClass(AcceptedFriend.Pair.class)
@Filter(name = ViewerFilter.NAME, deduceAliasInjectionPoints = false,
        condition = "({alias}.user_id = :viewerId OR {alias}.friend_id = :viewerId)")
public class AcceptedFriend extends PanacheEntityBase {

    @Id
    @Column(name = "user_id")
    public String userId;

    @Id
    @Column(name = "friend_id")
    public String friendId;

    /** The composite id: a user and one of their friends. */
    public record Pair(String userId, String friendId) implements Serializable {
    }
}
