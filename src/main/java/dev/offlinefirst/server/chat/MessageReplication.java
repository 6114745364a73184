package dev.offlinefirst.server.chat;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import dev.offlinefirst.server.changes.BackgroundSql;
import dev.offlinefirst.server.changes.ChangeEntity;
import dev.offlinefirst.server.changes.ChangeRow;
import dev.offlinefirst.server.replication.BatchDelivery;
import dev.offlinefirst.server.replication.DocumentIds;
import dev.offlinefirst.server.replication.PushRefused;
import dev.offlinefirst.server.replication.ReplicatedCollection;
import dev.offlinefirst.server.shared.Timestamps;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The {@code Messages} collection: the messages of the rooms the viewer is in. A create sends through
 * {@link MessageService} (membership, length, replay by id); a message never changes once sent.
 */
@ApplicationScoped
public class MessageReplication implements ReplicatedCollection<ReplicatedMessage>, BatchDelivery<ReplicatedMessage> {

    /**
     * New messages by key ($1 senders, $2 client ids) for the given viewers ($3) who are members of
     * their rooms: the membership of {@link Relations#ROOMS_OF_VIEWER}, the rule of the messages' row filter.
     */
    private static final String HELD_BY = """
            SELECT vm.user_id AS viewer, m.message_id, m.room_id, m.sender_id, m.content, m.created_at
            FROM unnest($1::text[], $2::text[]) WITH ORDINALITY AS k(sender_id, message_id, position)
            JOIN chat_messages m ON m.sender_id = k.sender_id AND m.message_id = k.message_id
            JOIN room_members vm ON vm.room_id = m.room_id
            WHERE vm.user_id = ANY($3::text[])
            ORDER BY k.position""";

    private final MessageService messages;
    private final Pool pool;

    public MessageReplication(MessageService messages, BackgroundSql background) {
        this.messages = messages;
        this.pool = background.pool();
    }

    @Override
    public Uni<Map<String, List<ReplicatedMessage>>> heldBy(Collection<String> viewerIds, List<ChangeRow> changes) {
        List<String> senders = new ArrayList<>();
        List<String> messageIds = new ArrayList<>();
        for (ChangeRow change : changes) {
            senders.add(change.ownerId());
            messageIds.add(change.localId());
        }
        return newMessages(senders, messageIds, viewerIds).map(rows -> {
            Map<String, List<ReplicatedMessage>> byViewer = new HashMap<>();
            for (Row row : rows) {
                String viewer = row.getString("viewer");
                String senderId = row.getString("sender_id");
                String messageId = row.getString("message_id");
                byViewer.computeIfAbsent(viewer, v -> new ArrayList<>()).add(new ReplicatedMessage(
                        DocumentIds.of(senderId, messageId), messageId, row.getString("room_id"), senderId,
                        row.getString("content"), Timestamps.format(row.get(OffsetDateTime.class, "created_at").toInstant()),
                        senderId.equals(viewer), false));
            }
            return byViewer;
        });
    }

    private Uni<RowSet<Row>> newMessages(List<String> senders, List<String> messageIds, Collection<String> viewerIds) {
        return pool.preparedQuery(HELD_BY).execute(Tuple.of(senders.toArray(String[]::new), messageIds.toArray(String[]::new),
                viewerIds.toArray(String[]::new)));
    }

    @Override
    public String name() {
        return "Messages";
    }

    @Override
    public Set<ChangeEntity> entities() {
        return EnumSet.of(ChangeEntity.MESSAGE);
    }

    @Override
    public String documentId(String viewerId, ChangeRow change) {
        return ChangeEntity.MESSAGE.is(change.entity()) ? change.entityId() : null;
    }

    @Override
    public Uni<Map<String, ReplicatedMessage>> load(String viewerId, Collection<String> ids) {
        Set<String> senders = new HashSet<>();
        Set<String> locals = new HashSet<>();
        for (String id : ids) {
            if (DocumentIds.owner(id) != null) {
                senders.add(DocumentIds.owner(id));
                locals.add(DocumentIds.local(id));
            }
        }
        if (senders.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return Panache.getSession().chain(session -> session
                .createSelectionQuery("from ChatMessage where senderId in :senders and messageId in :ids", ChatMessage.class)
                .setParameter("senders", senders)
                .setParameter("ids", locals)
                .getResultList())
                .map(rows -> rows.stream().map(row -> ReplicatedMessage.of(row, viewerId))
                        .filter(message -> ids.contains(message.id()))
                        .collect(Collectors.toMap(ReplicatedMessage::id, message -> message)));
    }

    @Override
    public ReplicatedMessage deleted(String id) {
        return ReplicatedMessage.deleted(id);
    }

    @Override
    public Uni<Void> write(String viewerId, ReplicatedMessage assumed, ReplicatedMessage proposed) {
        String id = DocumentIds.checked(proposed.id());
        if (!viewerId.equals(DocumentIds.owner(id)) || proposed.senderId() != null && !viewerId.equals(proposed.senderId())) {
            throw PushRefused.forbidden("a message is sent by its sender only: id must be your user id/messageId");
        }
        String messageId = DocumentIds.local(id);
        if (proposed.messageId() != null && !proposed.messageId().equals(messageId)) {
            throw PushRefused.badInput("messageId must be the part of id after the sender");
        }
        return Panache.withSession(() -> load(viewerId, List.of(id))).chain(held -> {
            ReplicatedMessage master = held.get(id);
            if (master != null) {
                if (!master.sameMessage(proposed)) {
                    throw PushRefused.forbidden("a message cannot change or be deleted once sent");
                }
                return Uni.createFrom().voidItem();
            }
            if (proposed.deleted()) {
                // created and deleted while offline: the server ends without it
                return Uni.createFrom().voidItem();
            }
            if (assumed != null) {
                throw PushRefused.conflict();
            }
            return messages.send(viewerId, "newDocumentState",
                    List.of(new MessageDraft(messageId, proposed.roomId(), proposed.content(), proposed.createdAt())), false)
                    .invoke(sent -> {
                        ChatMessage stored = sent.get(0);
                        if (!stored.roomId.equals(proposed.roomId()) || !stored.content.equals(proposed.content())) {
                            throw PushRefused.conflict();
                        }
                    })
                    .replaceWithVoid();
        });
    }
}
