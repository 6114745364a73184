package dev.offlinefirst.server.chat;

import java.io.Serializable;
import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import org.hibernate.annotations.Filter;

import dev.offlinefirst.server.isolation.Relations;
import dev.offlinefirst.server.isolation.ViewerFilter;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** A user's membership of a room. Members of a room see its whole member list; nobody else sees any. */
@Entity
@Table(name = "room_members")
@IdClass(RoomMember.Key.class)
@Filter(name = ViewerFilter.NAME, deduceAliasInjectionPoints = false,
        condition = "{alias}.room_id IN (" + Relations.ROOMS_OF_VIEWER + ")")
public class RoomMember extends PanacheEntityBase {

    @Id
    @Column(name = "room_id")
    public String roomId;

    @Id
    @Column(name = "user_id")
    public String userId;

    @Column(name = "added_by")
    public String addedBy;

    @Column(name = "joined_at")
    public Instant joinedAt;

    /** The composite id: room and member. */
    public record Key(String roomId, String userId) implements Serializable {
    }
}
