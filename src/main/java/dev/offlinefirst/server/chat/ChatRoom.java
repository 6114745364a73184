package dev.offlinefirst.server.chat;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.Filter;

import dev.offlinefirst.server.isolation.Relations;
import dev.offlinefirst.server.isolation.ViewerFilter;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** A chat room; its id is made by the creating client. Seen by its members only. */
@Entity
@Table(name = "chat_rooms")
@Filter(name = ViewerFilter.NAME, deduceAliasInjectionPoints = false,
        condition = "{alias}.room_id IN (" + Relations.ROOMS_OF_VIEWER + ")")
public class ChatRoom extends PanacheEntityBase {

    @Id
    @Column(name = "room_id")
    public String roomId;

    public String title;

    @Column(name = "created_by")
    public String createdBy;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;
}
