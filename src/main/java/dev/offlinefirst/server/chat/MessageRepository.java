package dev.offlinefirst.server.chat;

import java.util.Collection;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import dev.offlinefirst.server.shared.Cursor;
import dev.offlinefirst.server.shared.PgNotifications;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Page;
import io.smallrye.mutiny.Uni;

/** Messages; reads see only the rooms the viewer belongs to. */
@ApplicationScoped
public class MessageRepository implements PanacheRepositoryBase<ChatMessage, Long> {

    /**
     * The NOTIFY channel that announces every new message: the whole message as JSON when it fits in a
     * notification, else only {@code {"roomId": ..., "id": ...}}.
     */
    public static final String CHANNEL = "room_messages";

    /** Up to {@code limit} messages of a room older than {@code before}, newest first. */
    public Uni<List<ChatMessage>> page(String roomId, Cursor before, int limit) {
        var query = before == null
                ? find("roomId = ?1 order by createdAt desc, id desc", roomId)
                : find("roomId = ?1 and (createdAt < ?2 or (createdAt = ?2 and id < ?3)) order by createdAt desc, id desc",
                        roomId, before.at(), before.id());
        return query.page(Page.ofSize(limit)).list();
    }

    public Uni<List<ChatMessage>> bySender(String senderId, Collection<String> messageIds) {
        return list("senderId = ?1 and messageId in ?2", senderId, messageIds);
    }

    /**
     * Inserts the messages that the sender has not sent before, in one statement, and announces each
     * new one on {@link #CHANNEL}; PostgreSQL delivers the notifications only if the transaction commits.
     * A notification carries the whole message unless that would pass PostgreSQL's payload limit, so
     * listeners rarely need to load it. Returns how many were new.
     */
    public Uni<Integer> insertNew(String senderId, List<NewMessage> messages) {
        StringBuilder values = new StringBuilder();
        for (int i = 0; i < messages.size(); i++) {
            values.append(i == 0 ? "" : ", ")
                    .append("(:m").append(i).append(", :r").append(i).append(", :sender, :c").append(i)
                    .append(", :t").append(i).append(")");
        }
        String sql = """
                WITH inserted AS (
                    INSERT INTO chat_messages (message_id, room_id, sender_id, content, created_at)
                    VALUES %s
                    ON CONFLICT (sender_id, message_id) DO NOTHING
                    RETURNING id, message_id, room_id, sender_id, content, created_at, received_at),
                notices AS (
                    SELECT json_build_object('roomId', room_id, 'id', id, 'messageId', message_id,
                               'senderId', sender_id, 'content', content, 'createdAt', created_at,
                               'receivedAt', received_at)::text AS whole,
                           json_build_object('roomId', room_id, 'id', id)::text AS reference
                    FROM inserted)
                SELECT pg_notify('%s', CASE WHEN octet_length(whole) <= %d THEN whole ELSE reference END)
                FROM notices"""
                .formatted(values, CHANNEL, PgNotifications.MAX_PAYLOAD_BYTES);
        return getSession().chain(session -> {
            // Run as an update (its count is the rows of the final SELECT): a native query with a result
            // type adds a plan-cache entry per execution in Hibernate ORM 7.2, all under one hash, and
            // every later lookup compares against them all (measured: 15 % of the worker's CPU).
            var query = session.createNativeQuery(sql).setParameter("sender", senderId);
            for (int i = 0; i < messages.size(); i++) {
                NewMessage message = messages.get(i);
                query.setParameter("m" + i, message.messageId())
                        .setParameter("r" + i, message.roomId())
                        .setParameter("c" + i, message.content())
                        .setParameter("t" + i, message.createdAt());
            }
            return query.executeUpdate();
        });
    }
}
