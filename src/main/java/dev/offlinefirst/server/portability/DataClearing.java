package dev.offlinefirst.server.portability;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import dev.offlinefirst.server.cache.CacheInvalidator;
import dev.offlinefirst.server.cache.Invalidation;
import dev.offlinefirst.server.changes.StreamEndings;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Removes everything the viewer owns in one transaction: profile, settings, posts, sent messages,
 * friend connections, memberships and sync operations. The triggers leave a tombstone for each row, so
 * the viewer's other devices and other users' devices drop them through {@code changes}; an account
 * tombstone ends the viewer's live streams and drops their cached data on every replica. Rooms the
 * viewer created stay for their other members (the earliest of them becomes the creator, see V6); a
 * room with nobody else in it goes. Afterwards no table names the viewer except the change log's tombstones.
 * Every statement is keyed by the viewer ($1).
 */
@ApplicationScoped
public class DataClearing {

    /** Run in this order, in one transaction. */
    private static final List<String> STATEMENTS = List.of(
            // Messages first, with the log rows that named them before their tombstones (found by key, so
            // on the entity index: the owner index leaves messages out).
            """
            WITH gone AS (DELETE FROM chat_messages WHERE sender_id = $1 RETURNING sender_id || '/' || message_id AS entity_id)
            DELETE FROM change_log WHERE entity = 'message' AND NOT deleted AND entity_id IN (SELECT entity_id FROM gone)""",
            // Content before relations: a device that learns of a lost relation (a friendship, a room)
            // takes what came with it from the log up to that change, tombstones included.
            "DELETE FROM user_settings WHERE user_id = $1",
            "DELETE FROM social_posts WHERE author_id = $1",
            "DELETE FROM sync_operations WHERE user_id = $1",
            "DELETE FROM user_profiles WHERE user_id = $1",
            "UPDATE room_members SET added_by = NULL WHERE added_by = $1 AND user_id <> $1",
            "DELETE FROM room_members WHERE user_id = $1",
            // Rooms the viewer created pass to their earliest other member; a room with nobody left goes.
            "SELECT hand_over_rooms($1)",
            "DELETE FROM friend_connections WHERE requester_id = $1 OR addressee_id = $1",
            // The rest of the log that named the viewer: every such row is superseded by a tombstone now.
            """
            DELETE FROM change_log
            WHERE owner_id = $1 AND entity <> 'message' AND NOT deleted""",
            "DELETE FROM change_log WHERE peer_id = $1 AND NOT deleted",
            "INSERT INTO change_log (entity, entity_id, owner_id, deleted) VALUES ('" + StreamEndings.ACCOUNT_ENTITY + "', $1::varchar, $1::varchar, true)");

    /** What the clear touches beyond the viewer: the rooms they were in and the people they knew. */
    private static final String REACH = """
            SELECT 'room' AS kind, room_id AS id FROM room_members WHERE user_id = $1
            UNION ALL
            SELECT 'friend', CASE WHEN requester_id = $1 THEN addressee_id ELSE requester_id END
            FROM friend_connections WHERE requester_id = $1 OR addressee_id = $1""";

    private final Pool pool;
    private final CacheInvalidator invalidator;

    public DataClearing(Pool pool, CacheInvalidator invalidator) {
        this.pool = pool;
        this.invalidator = invalidator;
    }

    public Uni<Boolean> clear(String viewerId) {
        Set<String> rooms = new LinkedHashSet<>();
        Set<String> friends = new LinkedHashSet<>();
        return pool.withTransaction(connection -> connection.preparedQuery(REACH).execute(Tuple.of(viewerId))
                .invoke(rows -> rows.forEach(row -> ("room".equals(row.getString("kind")) ? rooms : friends).add(row.getString("id"))))
                .chain(() -> run(connection, viewerId)))
                .call(() -> invalidator.forget(Invalidation.users(List.of(viewerId))))
                .call(() -> forgetRooms(rooms, viewerId))
                .call(() -> forgetFriends(friends, viewerId))
                .replaceWith(true);
    }

    private static Uni<Void> run(SqlConnection connection, String viewerId) {
        Tuple viewer = Tuple.of(viewerId);
        Uni<Void> all = Uni.createFrom().voidItem();
        for (String statement : STATEMENTS) {
            all = all.chain(() -> connection.preparedQuery(statement).execute(viewer)).replaceWithVoid();
        }
        return all;
    }

    private Uni<Void> forgetRooms(Set<String> rooms, String viewerId) {
        List<Uni<Void>> each = new ArrayList<>();
        for (String room : rooms) {
            each.add(invalidator.forget(Invalidation.membership(room, List.of(viewerId))));
        }
        each.add(invalidator.forget(Invalidation.messages(rooms)));
        return Uni.join().all(each).andFailFast().replaceWithVoid();
    }

    private Uni<Void> forgetFriends(Set<String> friends, String viewerId) {
        List<Uni<Void>> each = new ArrayList<>();
        for (String friend : friends) {
            each.add(invalidator.forget(Invalidation.friendship(viewerId, friend)));
        }
        return each.isEmpty() ? Uni.createFrom().voidItem() : Uni.join().all(each).andFailFast().replaceWithVoid();
    }
}
