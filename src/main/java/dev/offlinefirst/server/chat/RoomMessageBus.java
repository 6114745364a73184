package dev.offlinefirst.server.chat;

import java.time.OffsetDateTime;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import dev.offlinefirst.server.cache.CacheInvalidator;
import dev.offlinefirst.server.cache.Invalidation;
import dev.offlinefirst.server.changes.Topics;
import dev.offlinefirst.server.shared.PgNotifications;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Delivers every new message to this instance's room subscribers, whichever instance stored it: it
 * listens on {@link MessageRepository#CHANNEL}, whose notifications carry the message itself; only a
 * message too long for a notification is loaded, and only when someone here follows its room. A
 * notification sent while the listening connection was down is lost; subscribers catch up by paging
 * ({@code messages}) or delta sync.
 */
@ApplicationScoped
public class RoomMessageBus {

    private static final Logger LOG = Logger.getLogger(RoomMessageBus.class);

    private final Topics<String, ChatMessage> rooms = new Topics<>();
    private final Pool pool;
    private final PgNotifications notifications;
    private final CacheInvalidator invalidator;

    public RoomMessageBus(Pool pool, PgNotifications notifications, CacheInvalidator invalidator) {
        this.pool = pool;
        this.notifications = notifications;
        this.invalidator = invalidator;
    }

    void start(@Observes StartupEvent started) {
        notifications.listen(MessageRepository.CHANNEL, this::onNotification);
    }

    /** New messages of one room, as they land, for as long as the subscriber stays. */
    public Multi<ChatMessage> messages(String roomId) {
        return rooms.follow(roomId);
    }

    private void onNotification(String payload) {
        JsonObject notice;
        String roomId;
        long id;
        try {
            notice = new JsonObject(payload);
            roomId = notice.getString("roomId");
            id = notice.getLong("id");
        } catch (DecodeException | ClassCastException | NullPointerException e) {
            LOG.warnf("Ignoring a malformed %s notification", MessageRepository.CHANNEL);
            return;
        }
        // The message's own notification tells every replica that the room's newest page changed.
        invalidator.forgetHere(Invalidation.messages(List.of(roomId))).subscribe().with(ignored -> {
        });
        if (!rooms.isFollowed(roomId)) {
            return;
        }
        if (notice.containsKey("content")) {
            rooms.publish(roomId, fromNotice(notice));
            return;
        }
        pool.preparedQuery("""
                SELECT id, message_id, room_id, sender_id, content, created_at, received_at
                FROM chat_messages WHERE id = $1""")
                .execute(Tuple.of(id))
                .subscribe().with(
                        rows -> rows.forEach(row -> rooms.publish(roomId, toMessage(row))),
                        failure -> LOG.warnf("Cannot load message %d for its subscribers: %s", id, failure.getMessage()));
    }

    private static ChatMessage fromNotice(JsonObject notice) {
        ChatMessage message = new ChatMessage();
        message.id = notice.getLong("id");
        message.messageId = notice.getString("messageId");
        message.roomId = notice.getString("roomId");
        message.senderId = notice.getString("senderId");
        message.content = notice.getString("content");
        message.createdAt = OffsetDateTime.parse(notice.getString("createdAt")).toInstant();
        message.receivedAt = OffsetDateTime.parse(notice.getString("receivedAt")).toInstant();
        return message;
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
