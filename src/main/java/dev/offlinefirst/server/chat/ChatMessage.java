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

/**
 * A chat message. {@code messageId} is the sending client's id, unique per sender; {@code createdAt} is
 * the client's time (clamped to the server's clock). Seen by the room's members only.
 */
@Entity
@Table(name = "chat_messages")
@Filter(name = ViewerFilter.NAME, deduceAliasInjectionPoints = false,
        condition = "{alias}.room_id IN (" + Relations.ROOMS_OF_VIEWER + ")")
public class ChatMessage extends PanacheEntityBase {

    /** Server-assigned; orders messages that share a createdAt and keys notifications. */
    @Id
    public Long id;

    @Column(name = "message_id")
    public String messageId;

    @Column(name = "room_id")
    public String roomId;

    @Column(name = "sender_id")
    public String senderId;

    public String content;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "received_at")
    public Instant receivedAt;
}
