package dev.offlinefirst.server.portability;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import dev.offlinefirst.server.cache.CacheInvalidator;
import dev.offlinefirst.server.cache.Invalidation;
import dev.offlinefirst.server.changes.StreamEndings;
import dev.offlinefirst.server.secrets.PhoneNumberSealing;
import dev.offlinefirst.server.secrets.SealedSetting;
import dev.offlinefirst.server.secrets.SecretBox;
import dev.offlinefirst.server.shared.LimitsConfig;
import dev.offlinefirst.server.shared.Timestamps;
import dev.offlinefirst.server.sync.OperationStatus;
import dev.offlinefirst.server.sync.OperationWorker;
import dev.offlinefirst.server.sync.SyncConfig;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Imports an export document into the viewer's account: the whole document is checked first
 * ({@link ImportDocument}), then written in one transaction, a statement per section. Client ids are
 * kept, so a row the server already holds is left as it is and counted {@code unchanged}. Every row is
 * written as the viewer ($1), whatever the document says. A relation with another user (a room
 * membership, a friendship) is created only where the server's own change log shows that the viewer's
 * {@code clearMyData} removed it: a room the viewer left or was removed from, or a friendship the other
 * side ended, stays as it is. Likewise a room that the clear handed to another member comes back to
 * the viewer only if nothing changed it since. The log keeps that record for its retention (30 days).
 */
@ApplicationScoped
public class DataImport {

    /** Also fills the empty profile that a first {@code me} creates. */
    private static final String PROFILE = """
            INSERT INTO user_profiles AS p (user_id, display_name, bio, avatar_url, phone_number, version, created_at, updated_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7::text::timestamptz, $7::text::timestamptz)
            ON CONFLICT (user_id) DO UPDATE SET display_name = EXCLUDED.display_name, bio = EXCLUDED.bio,
                avatar_url = EXCLUDED.avatar_url, phone_number = EXCLUDED.phone_number, version = EXCLUDED.version,
                updated_at = EXCLUDED.updated_at
            WHERE p.version = 0 AND p.display_name IS NULL AND p.bio IS NULL AND p.avatar_url IS NULL AND p.phone_number IS NULL""";
    private static final String SETTINGS = """
            INSERT INTO user_settings (user_id, setting_key, value, secret, updated_at)
            SELECT $1::varchar, u.setting_key, u.value, u.secret, u.updated_at::timestamptz
            FROM unnest($2::text[], $3::text[], $4::bool[], $5::text[]) AS u(setting_key, value, secret, updated_at)
            ON CONFLICT DO NOTHING""";
    /** What the server knows of each room of the document, as far as the viewer is concerned. */
    private static final String ROOM_STATES = """
            SELECT k.room_id, r.room_id IS NOT NULL AS room_exists,
                   EXISTS (SELECT 1 FROM room_members m WHERE m.room_id = k.room_id AND m.user_id = $1) AS member,
                   EXISTS (SELECT 1 FROM (SELECT deleted, tx_id FROM change_log
                                          WHERE entity = 'room_member' AND entity_id = $1::varchar || '/' || k.room_id
                                          ORDER BY change_id DESC LIMIT 1) last
                           WHERE last.deleted AND %s) AS cleared,
                   EXISTS (SELECT 1 FROM (SELECT tx_id FROM change_log WHERE entity = 'room' AND entity_id = k.room_id
                                          ORDER BY change_id DESC LIMIT 1) last
                           WHERE %s) AS handed_over
            FROM unnest($2::text[]) AS k(room_id) LEFT JOIN chat_rooms r ON r.room_id = k.room_id"""
            .formatted(clearedBy("last.tx_id"), clearedBy("last.tx_id"));
    /** A room the viewer's clear handed to another member, untouched since, comes back to the viewer. */
    private static final String RECLAIMED_ROOMS = """
            UPDATE chat_rooms SET created_by = $1, updated_at = now() WHERE room_id = ANY($2::text[])""";
    private static final String NEW_ROOMS = """
            INSERT INTO chat_rooms (room_id, title, created_by, created_at, updated_at)
            SELECT u.room_id, u.title, $1::varchar, u.created_at::timestamptz, u.created_at::timestamptz
            FROM unnest($2::text[], $3::text[], $4::text[]) AS u(room_id, title, created_at)
            ON CONFLICT DO NOTHING""";
    /** A room of the document joins only where it is the viewer's own or the viewer's clear left it. */
    private static final String MEMBERSHIPS = """
            INSERT INTO room_members (room_id, user_id, added_by, joined_at)
            SELECT u.room_id, $1::varchar, $1::varchar, u.joined_at::timestamptz
            FROM unnest($2::text[], $3::text[], $4::bool[]) AS u(room_id, joined_at, own)
            WHERE NOT u.own OR EXISTS (SELECT 1 FROM chat_rooms r WHERE r.room_id = u.room_id AND r.created_by = $1)
            ON CONFLICT DO NOTHING""";
    private static final String EXISTING_MESSAGES = """
            SELECT message_id FROM chat_messages WHERE sender_id = $1 AND message_id = ANY($2::text[])""";
    private static final String MESSAGES = """
            INSERT INTO chat_messages (message_id, room_id, sender_id, content, created_at)
            SELECT u.message_id, u.room_id, $1::varchar, u.content, u.created_at::timestamptz
            FROM unnest($2::text[], $3::text[], $4::text[], $5::text[]) AS u(message_id, room_id, content, created_at)
            WHERE EXISTS (SELECT 1 FROM room_members m WHERE m.room_id = u.room_id AND m.user_id = $1)
            ON CONFLICT DO NOTHING""";
    /** A post the author deleted since the export stays deleted: counted as skipped, not unchanged. */
    private static final String EXISTING_POSTS = """
            SELECT post_id FROM social_posts WHERE author_id = $1 AND post_id = ANY($2::text[]) AND deleted_at IS NULL""";
    private static final String POSTS = """
            INSERT INTO social_posts (post_id, author_id, content, visibility, created_at, updated_at)
            SELECT u.post_id, $1::varchar, u.content, u.visibility, u.created_at::timestamptz, u.updated_at::timestamptz
            FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[])
                 AS u(post_id, content, visibility, created_at, updated_at)
            ON CONFLICT DO NOTHING""";
    private static final String EXISTING_FRIENDS = """
            SELECT CASE WHEN requester_id = $1 THEN addressee_id ELSE requester_id END AS other FROM friend_connections
            WHERE (requester_id = $1 AND addressee_id = ANY($2::text[])) OR (addressee_id = $1 AND requester_id = ANY($2::text[]))""";
    /**
     * Friendships of the document that the viewer's clear removed, as the log recorded them: sides and
     * status come from the log, never from the document.
     */
    private static final String CLEARED_FRIENDS = """
            SELECT last.owner_id AS requester_id, last.peer_id AS addressee_id, last.detail AS status, u.created_at, u.updated_at
            FROM unnest($2::text[], $3::text[], $4::text[]) AS u(log_key, created_at, updated_at)
            CROSS JOIN LATERAL (SELECT owner_id, peer_id, detail, deleted, tx_id FROM change_log
                                WHERE entity = 'friend' AND entity_id = u.log_key ORDER BY change_id DESC LIMIT 1) last
            WHERE last.deleted AND (last.owner_id = $1 OR last.peer_id = $1) AND %s""".formatted(clearedBy("last.tx_id"));
    private static final String FRIENDS = """
            INSERT INTO friend_connections (requester_id, addressee_id, status, created_at, updated_at)
            SELECT u.requester_id, u.addressee_id, u.status, u.created_at::timestamptz, u.updated_at::timestamptz
            FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[])
                 AS u(requester_id, addressee_id, status, created_at, updated_at)
            WHERE $1::varchar IN (u.requester_id, u.addressee_id)
            ON CONFLICT DO NOTHING""";
    private static final String OPERATIONS = """
            INSERT INTO sync_operations (user_id, client_op_id, op_type, entity_id, payload, status, retry_count, last_error,
                                         created_at, updated_at)
            SELECT $1::varchar, u.client_op_id, u.op_type, u.entity_id, u.payload, u.status, u.retry_count, u.last_error,
                   u.created_at::timestamptz, now()
            FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::int[], $8::text[], $9::text[])
                 WITH ORDINALITY AS u(client_op_id, op_type, entity_id, payload, status, retry_count, last_error, created_at, ord)
            ORDER BY u.ord
            ON CONFLICT DO NOTHING""";

    private final Pool pool;
    private final PortabilityConfig config;
    private final LimitsConfig limits;
    private final SyncConfig sync;
    private final CacheInvalidator invalidator;
    private final OperationWorker worker;
    private final SecretBox box;

    public DataImport(Pool pool, PortabilityConfig config, LimitsConfig limits, SyncConfig sync,
            CacheInvalidator invalidator, OperationWorker worker, SecretBox box) {
        this.box = box;
        this.pool = pool;
        this.config = config;
        this.limits = limits;
        this.sync = sync;
        this.invalidator = invalidator;
        this.worker = worker;
    }

    public Uni<ImportResult> load(String viewerId, String data) {
        ImportDocument document = ImportDocument.read(viewerId, data, config, limits, sync.maxPayloadLength());
        return pool.withTransaction(connection -> write(connection, viewerId, document))
                .call(() -> invalidator.forget(Invalidation.users(List.of(viewerId))))
                .call(() -> invalidator.forget(Invalidation.messages(document.rooms().stream().map(ImportDocument.Room::roomId)
                        .toList())))
                .invoke(() -> {
                    if (document.operations().stream().anyMatch(op -> op.status() == OperationStatus.PENDING)) {
                        worker.wake();
                    }
                });
    }

    private Uni<ImportResult> write(SqlConnection connection, String viewerId, ImportDocument document) {
        return profile(connection, viewerId, document)
                .chain(result -> settings(connection, viewerId, document).map(result::plus))
                .chain(result -> rooms(connection, viewerId, document).map(result::plus))
                .chain(result -> messages(connection, viewerId, document).map(result::plus))
                .chain(result -> posts(connection, viewerId, document).map(result::plus))
                .chain(result -> friends(connection, viewerId, document).map(result::plus))
                .chain(result -> operations(connection, viewerId, document).map(result::plus));
    }

    private Uni<ImportResult> profile(SqlConnection connection, String viewerId, ImportDocument document) {
        ImportDocument.Profile p = document.profile();
        if (p == null) {
            return Uni.createFrom().item(new ImportResult(0, 0, 0));
        }
        return connection.preparedQuery(PROFILE)
                .execute(Tuple.from(Arrays.asList(viewerId, p.displayName(), p.bio(), p.avatarUrl(),
                        box.seal(p.phoneNumber(), PhoneNumberSealing.CONTEXT),
                        p.version(), time(p.updatedAt()))))
                .map(rows -> ImportResult.of(rows.rowCount(), 1 - rows.rowCount(), 1));
    }

    private Uni<ImportResult> settings(SqlConnection connection, String viewerId, ImportDocument document) {
        List<ImportDocument.Setting> rows = document.settings();
        if (rows.isEmpty()) {
            return none();
        }
        return connection.preparedQuery(SETTINGS)
                .execute(Tuple.of(viewerId, column(rows, ImportDocument.Setting::key),
                        column(rows, s -> s.secret() ? box.seal(s.value(), SealedSetting.context(viewerId, s.key())) : s.value()),
                        rows.stream().map(ImportDocument.Setting::secret).toArray(Boolean[]::new),
                        column(rows, s -> time(s.updatedAt()))))
                .map(written -> ImportResult.of(written.rowCount(), rows.size() - written.rowCount(), rows.size()));
    }

    private static Uni<ImportResult> rooms(SqlConnection connection, String viewerId, ImportDocument document) {
        List<ImportDocument.Room> rows = document.rooms();
        if (rows.isEmpty()) {
            return none();
        }
        return connection.preparedQuery(ROOM_STATES).execute(Tuple.of(viewerId, column(rows, ImportDocument.Room::roomId)))
                .chain(states -> {
                    Map<String, Row> byRoom = new HashMap<>();
                    states.forEach(state -> byRoom.put(state.getString("room_id"), state));
                    List<ImportDocument.Room> created = new ArrayList<>();
                    List<ImportDocument.Room> joined = new ArrayList<>();
                    List<Boolean> own = new ArrayList<>();
                    List<String> reclaimed = new ArrayList<>();
                    int unchanged = 0;
                    for (ImportDocument.Room room : rows) {
                        Row state = byRoom.get(room.roomId());
                        if (state.getBoolean("member")) {
                            unchanged++;
                        } else if (!state.getBoolean("room_exists") && viewerId.equals(room.createdBy())) {
                            created.add(room);
                            joined.add(room);
                            own.add(true);
                        } else if (state.getBoolean("room_exists") && state.getBoolean("cleared")) {
                            joined.add(room);
                            own.add(false);
                            if (viewerId.equals(room.createdBy()) && state.getBoolean("handed_over")) {
                                reclaimed.add(room.roomId());
                            }
                        }
                    }
                    int kept = unchanged;
                    Uni<Void> newRooms = created.isEmpty() ? Uni.createFrom().voidItem()
                            : connection.preparedQuery(NEW_ROOMS).execute(Tuple.of(viewerId, column(created, ImportDocument.Room::roomId),
                                    column(created, ImportDocument.Room::title), column(created, r -> time(r.createdAt()))))
                                    .replaceWithVoid();
                    if (joined.isEmpty()) {
                        return newRooms.replaceWith(ImportResult.of(0, kept, rows.size()));
                    }
                    return newRooms.chain(() -> connection.preparedQuery(MEMBERSHIPS).execute(Tuple.of(viewerId,
                            column(joined, ImportDocument.Room::roomId), column(joined, r -> time(r.joinedAt())),
                            own.toArray(Boolean[]::new))))
                            .call(() -> reclaimed.isEmpty() ? Uni.createFrom().voidItem()
                                    : connection.preparedQuery(RECLAIMED_ROOMS).execute(Tuple.of(viewerId,
                                            reclaimed.toArray(String[]::new))).replaceWithVoid())
                            .map(written -> ImportResult.of(written.rowCount(), kept, rows.size()));
                });
    }

    private static Uni<ImportResult> messages(SqlConnection connection, String viewerId, ImportDocument document) {
        List<ImportDocument.Message> rows = document.messages();
        if (rows.isEmpty()) {
            return none();
        }
        String[] ids = column(rows, ImportDocument.Message::messageId);
        return connection.preparedQuery(EXISTING_MESSAGES).execute(Tuple.of(viewerId, ids))
                .chain(existing -> connection.preparedQuery(MESSAGES)
                        .execute(Tuple.of(viewerId, ids, column(rows, ImportDocument.Message::roomId),
                                column(rows, ImportDocument.Message::content), column(rows, m -> time(m.createdAt()))))
                        .map(written -> ImportResult.of(written.rowCount(), existing.rowCount(), rows.size())));
    }

    private static Uni<ImportResult> posts(SqlConnection connection, String viewerId, ImportDocument document) {
        List<ImportDocument.Post> rows = document.posts();
        if (rows.isEmpty()) {
            return none();
        }
        String[] ids = column(rows, ImportDocument.Post::postId);
        return connection.preparedQuery(EXISTING_POSTS).execute(Tuple.of(viewerId, ids))
                .chain(existing -> connection.preparedQuery(POSTS)
                        .execute(Tuple.of(viewerId, ids, column(rows, ImportDocument.Post::content),
                                column(rows, p -> p.visibility().name()), column(rows, p -> time(p.createdAt())),
                                column(rows, p -> time(p.updatedAt()))))
                        .map(written -> ImportResult.of(written.rowCount(), existing.rowCount(), rows.size())));
    }

    private static Uni<ImportResult> friends(SqlConnection connection, String viewerId, ImportDocument document) {
        List<ImportDocument.Friend> rows = document.friends();
        if (rows.isEmpty()) {
            return none();
        }
        String[] others = column(rows, f -> viewerId.equals(f.requesterId()) ? f.addresseeId() : f.requesterId());
        return connection.preparedQuery(EXISTING_FRIENDS).execute(Tuple.of(viewerId, others)).chain(existing -> {
            Set<String> connected = new HashSet<>();
            existing.forEach(row -> connected.add(row.getString("other")));
            List<ImportDocument.Friend> missing = rows.stream()
                    .filter(f -> !connected.contains(viewerId.equals(f.requesterId()) ? f.addresseeId() : f.requesterId()))
                    .toList();
            if (missing.isEmpty()) {
                return Uni.createFrom().item(ImportResult.of(0, connected.size(), rows.size()));
            }
            return connection.preparedQuery(CLEARED_FRIENDS)
                    .execute(Tuple.of(viewerId, column(missing, ImportDocument.Friend::logKey),
                            column(missing, f -> time(f.createdAt())), column(missing, f -> time(f.updatedAt()))))
                    .chain(restorable -> {
                        List<Row> found = new ArrayList<>();
                        restorable.forEach(found::add);
                        if (found.isEmpty()) {
                            return Uni.createFrom().item(ImportResult.of(0, connected.size(), rows.size()));
                        }
                        return connection.preparedQuery(FRIENDS).execute(Tuple.of(viewerId,
                                found.stream().map(r -> r.getString("requester_id")).toArray(String[]::new),
                                found.stream().map(r -> r.getString("addressee_id")).toArray(String[]::new),
                                found.stream().map(r -> r.getString("status")).toArray(String[]::new),
                                found.stream().map(r -> r.getString("created_at")).toArray(String[]::new),
                                found.stream().map(r -> r.getString("updated_at")).toArray(String[]::new)))
                                .map(written -> ImportResult.of(written.rowCount(), connected.size(), rows.size()));
                    });
        });
    }

    private static Uni<ImportResult> operations(SqlConnection connection, String viewerId, ImportDocument document) {
        List<ImportDocument.Operation> rows = document.operations();
        if (rows.isEmpty()) {
            return none();
        }
        return connection.preparedQuery(OPERATIONS)
                .execute(Tuple.from(Arrays.asList(viewerId, column(rows, ImportDocument.Operation::clientOpId),
                        column(rows, ImportDocument.Operation::type), column(rows, ImportDocument.Operation::entityId),
                        column(rows, ImportDocument.Operation::payload), column(rows, o -> o.status().name()),
                        rows.stream().map(ImportDocument.Operation::retryCount).toArray(Integer[]::new),
                        column(rows, ImportDocument.Operation::lastError), column(rows, o -> time(o.createdAt())))))
                .map(written -> ImportResult.of(written.rowCount(), rows.size() - written.rowCount(), rows.size()));
    }

    /** A condition on a log row's transaction: the viewer's own clearMyData wrote it. */
    private static String clearedBy(String txColumn) {
        return "EXISTS (SELECT 1 FROM change_log a WHERE a.entity = '" + StreamEndings.ACCOUNT_ENTITY
                + "' AND a.owner_id = $1 AND a.deleted AND a.tx_id = " + txColumn + ")";
    }

    private static Uni<ImportResult> none() {
        return Uni.createFrom().item(new ImportResult(0, 0, 0));
    }

    private static <T> String[] column(List<T> rows, Function<T, String> field) {
        return rows.stream().map(field).toArray(String[]::new);
    }

    private static String time(Instant instant) {
        return Timestamps.format(instant);
    }
}
