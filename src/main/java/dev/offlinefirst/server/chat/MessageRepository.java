package dev.offlinefirst.server.chat;

import java.util.Collection;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import dev.offlinefirst.server.shared.Cursor;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Page;
import io.smallrye.mutiny.Uni;

/** Messages; reads see only the rooms the viewer belongs to. */
@ApplicationScoped
public class MessageRepository implements PanacheRepositoryBase<ChatMessage, Long> {

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
     * Inserts the messages that the sender has not sent before, in one statement (the change log's
     * trigger records them for live streams and delta sync), and answers how many it inserted.
     * An update rather than {@code RETURNING}: Hibernate Reactive 3.2 never finds a native select's plan
     * in its plan cache (its result mapping has no equality), so every send would add one more plan under
     * the same hash and each lookup would walk all of them.
     */
    public Uni<Integer> insertNew(String senderId, List<NewMessage> messages) {
        StringBuilder values = new StringBuilder();
        for (int i = 0; i < messages.size(); i++) {
            values.append(i == 0 ? "" : ", ")
                    .append("(:m").append(i).append(", :r").append(i).append(", :sender, :c").append(i)
                    .append(", :t").append(i).append(")");
        }
        String sql = """
                INSERT INTO chat_messages (message_id, room_id, sender_id, content, created_at)
                VALUES %s
                ON CONFLICT (sender_id, message_id) DO NOTHING""".formatted(values);
        return getSession().chain(session -> {
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
