package dev.offlinefirst.server.chat;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import dev.offlinefirst.server.changes.BackgroundSql;
import dev.offlinefirst.server.changes.ChangeRow;
import dev.offlinefirst.server.changes.ChangeStream;
import dev.offlinefirst.server.changes.Topics;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Delivers every new message to this instance's room subscribers, whichever instance stored it: it
 * reads the change stream, and for the rooms someone here follows loads the new messages in one query
 * per batch of changes. Writers pay nothing for it; a long transaction elsewhere delays nobody; after
 * a lost connection the stream resumes where it stopped, so live subscribers miss nothing.
 */
@ApplicationScoped
public class RoomMessageBus {

    private static final Logger LOG = Logger.getLogger(RoomMessageBus.class);

    /** Keyed by (sender, client id), the log's key of a message. */
    private static final String LOAD = """
            SELECT m.id, m.message_id, m.room_id, m.sender_id, m.content, m.created_at, m.received_at
            FROM unnest($1::text[], $2::text[]) AS k(sender_id, message_id)
            JOIN chat_messages m ON m.sender_id = k.sender_id AND m.message_id = k.message_id
            ORDER BY m.id""";

    private final Topics<String, ChatMessage> rooms = new Topics<>();
    private final ChangeStream stream;
    private final Pool pool;

    public RoomMessageBus(ChangeStream stream, BackgroundSql background) {
        this.stream = stream;
        this.pool = background.pool();
    }

    void start(@Observes StartupEvent started) {
        stream.listen(this::onChanges);
    }

    /** New messages of one room, as they land, for as long as the subscriber stays. */
    public Multi<ChatMessage> messages(String roomId) {
        return rooms.follow(roomId);
    }

    private void onChanges(List<ChangeRow> changes) {
        List<String> senders = new ArrayList<>();
        List<String> messageIds = new ArrayList<>();
        for (ChangeRow change : changes) {
            if ("message".equals(change.entity()) && !change.deleted() && rooms.isFollowed(change.roomId())) {
                senders.add(change.ownerId());
                messageIds.add(change.localId());
            }
        }
        if (senders.isEmpty()) {
            return;
        }
        pool.preparedQuery(LOAD)
                .execute(Tuple.of(senders.toArray(String[]::new), messageIds.toArray(String[]::new)))
                .subscribe().with(
                        // Published under the room the stored row names, never the one a change claimed.
                        rows -> rows.forEach(row -> rooms.publish(row.getString("room_id"), toMessage(row))),
                        failure -> LOG.warnf("Cannot load %d new messages for their subscribers: %s", senders.size(),
                                failure.getMessage()));
    }

    private static ChatMessage toMessage(Row row) {
        ChatMessage message = new ChatMessage();
        message.id = row.getLong("id");
        message.messageId = row.getString("message_id");
        message.roomId = row.getString("room_id");
        message.senderId = row.getString("sender_id");
        message.content = row.getString("content");
        message.createdAt = row.get(OffsetDateTime.class, "created_at").toInstant();
        message.receivedAt = row.get(OffsetDateTime.class, "received_at").toInstant();
        return message;
    }
}
