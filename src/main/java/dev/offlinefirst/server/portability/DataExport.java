package dev.offlinefirst.server.portability;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import dev.offlinefirst.server.secrets.PhoneNumberSealing;
import dev.offlinefirst.server.secrets.SealedSetting;
import dev.offlinefirst.server.secrets.SecretBox;
import dev.offlinefirst.server.shared.Timestamps;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Writes the viewer's export document ({@link ExportFormat}) as a stream of text chunks, read in one
 * read-only snapshot: the small sections at once, posts and messages a page at a time, so a user with
 * 100,000 messages never needs the whole document in memory when it is streamed. Every statement is
 * keyed by the viewer ($1).
 */
@ApplicationScoped
public class DataExport {

    private static final String PROFILE = """
            SELECT user_id, display_name, bio, avatar_url, phone_number, version, updated_at
            FROM user_profiles WHERE user_id = $1""";
    private static final String SETTINGS = """
            SELECT user_id, setting_key, value, secret, updated_at FROM user_settings WHERE user_id = $1 ORDER BY setting_key""";
    private static final String ROOMS = """
            SELECT r.room_id, r.title, r.created_by, r.created_at, m.joined_at
            FROM room_members m JOIN chat_rooms r ON r.room_id = m.room_id
            WHERE m.user_id = $1 ORDER BY r.room_id""";
    private static final String FRIENDS = """
            SELECT requester_id, addressee_id, status, created_at, updated_at FROM friend_connections
            WHERE requester_id = $1 OR addressee_id = $1 ORDER BY requester_id, addressee_id""";
    private static final String OPERATIONS = """
            SELECT client_op_id, op_type, entity_id, payload, status, retry_count, last_error, created_at
            FROM sync_operations WHERE user_id = $1 AND status IN ('PENDING', 'FAILED', 'CONFLICT') ORDER BY id""";
    private static final String POSTS = """
            SELECT post_id, author_id, content, visibility, created_at, updated_at FROM social_posts
            WHERE author_id = $1 AND deleted_at IS NULL AND post_id > $2 ORDER BY post_id LIMIT $3""";
    private static final String MESSAGES = """
            SELECT message_id, sender_id, room_id, content, created_at FROM chat_messages
            WHERE sender_id = $1 AND message_id > $2 ORDER BY message_id LIMIT $3""";

    private final Pool pool;
    private final PortabilityConfig config;
    private final SecretBox box;

    public DataExport(Pool pool, PortabilityConfig config, SecretBox box) {
        this.pool = pool;
        this.config = config;
        this.box = box;
    }

    /** The whole document as one string, for {@code exportMyData}. */
    public Uni<String> document(String viewerId) {
        return chunks(viewerId).collect().in(StringBuilder::new, StringBuilder::append).map(StringBuilder::toString);
    }

    /** The document as consecutive chunks; concatenated, they are one JSON object. */
    public Multi<String> chunks(String viewerId) {
        return pool.getConnection().onItem().transformToMulti(connection -> Multi.createFrom()
                .resource(() -> connection, c -> snapshot(c, viewerId))
                .withFinalizer(DataExport::release));
    }

    /** Ends the read-only transaction and hands the connection back, whatever became of the export. */
    private static Uni<Void> release(SqlConnection connection) {
        return connection.query("ROLLBACK").execute().onFailure().recoverWithNull().replaceWithVoid()
                .eventually(connection::close);
    }

    private Multi<String> snapshot(SqlConnection connection, String viewerId) {
        Tuple viewer = Tuple.of(viewerId);
        Uni<String> head = connection.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY").execute()
                .chain(() -> connection.preparedQuery(PROFILE).execute(viewer))
                .map(rows -> {
                    JsonObject start = new JsonObject()
                            .put("format", ExportFormat.FORMAT)
                            .put("version", ExportFormat.VERSION)
                            .put("userId", viewerId)
                            .put("exportedAt", Timestamps.format(Timestamps.now()))
                            .put("profile", rows.size() == 0 ? null : profile(rows.iterator().next()));
                    String json = start.encode();
                    return json.substring(0, json.length() - 1);
                })
                .chain(start -> section(connection, SETTINGS, viewer, this::setting)
                        .map(settings -> start + ",\"settings\":" + settings))
                .chain(start -> section(connection, ROOMS, viewer, DataExport::room)
                        .map(rooms -> start + ",\"rooms\":" + rooms))
                .chain(start -> section(connection, FRIENDS, viewer, DataExport::friend)
                        .map(friends -> start + ",\"friends\":" + friends))
                .chain(start -> section(connection, OPERATIONS, viewer, DataExport::operation)
                        .map(operations -> start + ",\"operations\":" + operations));
        return Multi.createBy().concatenating().streams(
                head.toMulti(),
                paged(connection, viewerId, ",\"posts\":[", POSTS, "post_id", DataExport::post),
                paged(connection, viewerId, "],\"messages\":[", MESSAGES, "message_id", DataExport::message),
                Multi.createFrom().item("]}"));
    }

    private static Uni<String> section(SqlConnection connection, String sql, Tuple viewer, Function<Row, JsonObject> toJson) {
        return connection.preparedQuery(sql).execute(viewer).map(rows -> {
            JsonArray array = new JsonArray();
            rows.forEach(row -> array.add(toJson.apply(row)));
            return array.encode();
        });
    }

    /** {@code opening}, then the rows page by page (keyset on {@code key}), comma-separated. */
    private Multi<String> paged(SqlConnection connection, String viewerId, String opening, String sql, String key,
            Function<Row, JsonObject> toJson) {
        int size = config.exportPageSize();
        String[] after = { "" };
        Multi<String> pages = Multi.createBy().repeating()
                .uni(() -> connection.preparedQuery(sql).execute(Tuple.of(viewerId, after[0], size)))
                // whilst emits the short page that ends the repetition
                .whilst(rows -> rows.size() == size)
                .onItem().transform(rows -> page(rows, key, toJson, after));
        return Multi.createBy().concatenating().streams(Multi.createFrom().item(opening), pages)
                .filter(chunk -> !chunk.isEmpty());
    }

    /** One page's rows, each preceded by a comma unless it is the first row of the section. */
    private static String page(RowSet<Row> rows, String key, Function<Row, JsonObject> toJson, String[] after) {
        List<String> encoded = new ArrayList<>(rows.size());
        boolean first = after[0].isEmpty();
        for (Row row : rows) {
            encoded.add(toJson.apply(row).encode());
            after[0] = row.getString(key);
        }
        String joined = String.join(",", encoded);
        return first || joined.isEmpty() ? joined : "," + joined;
    }

    private JsonObject profile(Row row) {
        return new JsonObject()
                .put("userId", row.getString("user_id"))
                .put("displayName", row.getString("display_name"))
                .put("bio", row.getString("bio"))
                .put("avatarUrl", row.getString("avatar_url"))
                .put("phoneNumber", box.open(row.getString("phone_number"), PhoneNumberSealing.CONTEXT))
                .put("version", row.getInteger("version"))
                .put("updatedAt", time(row, "updated_at"));
    }

    private JsonObject setting(Row row) {
        boolean secret = row.getBoolean("secret");
        String value = row.getString("value");
        return new JsonObject()
                .put("key", row.getString("setting_key"))
                .put("value", secret ? box.open(value, SealedSetting.context(row.getString("user_id"), row.getString("setting_key"))) : value)
                .put("secret", secret)
                .put("updatedAt", time(row, "updated_at"));
    }

    private static JsonObject room(Row row) {
        return new JsonObject()
                .put("roomId", row.getString("room_id"))
                .put("title", row.getString("title"))
                .put("createdBy", row.getString("created_by"))
                .put("createdAt", time(row, "created_at"))
                .put("joinedAt", time(row, "joined_at"));
    }

    private static JsonObject friend(Row row) {
        return new JsonObject()
                .put("requesterId", row.getString("requester_id"))
                .put("addresseeId", row.getString("addressee_id"))
                .put("status", row.getString("status"))
                .put("createdAt", time(row, "created_at"))
                .put("updatedAt", time(row, "updated_at"));
    }

    private static JsonObject operation(Row row) {
        return new JsonObject()
                .put("clientOpId", row.getString("client_op_id"))
                .put("type", row.getString("op_type"))
                .put("entityId", row.getString("entity_id"))
                .put("payload", row.getString("payload"))
                .put("status", row.getString("status"))
                .put("retryCount", row.getInteger("retry_count"))
                .put("lastError", row.getString("last_error"))
                .put("createdAt", time(row, "created_at"));
    }

    private static JsonObject post(Row row) {
        return new JsonObject()
                .put("postId", row.getString("post_id"))
                .put("authorId", row.getString("author_id"))
                .put("content", row.getString("content"))
                .put("visibility", row.getString("visibility"))
                .put("createdAt", time(row, "created_at"))
                .put("updatedAt", time(row, "updated_at"));
    }

    private static JsonObject message(Row row) {
        return new JsonObject()
                .put("messageId", row.getString("message_id"))
                .put("senderId", row.getString("sender_id"))
                .put("roomId", row.getString("room_id"))
                .put("content", row.getString("content"))
                .put("createdAt", time(row, "created_at"));
    }

    private static String time(Row row, String column) {
        OffsetDateTime value = row.get(OffsetDateTime.class, column);
        return value == null ? null : Timestamps.format(value.toInstant());
    }
}
