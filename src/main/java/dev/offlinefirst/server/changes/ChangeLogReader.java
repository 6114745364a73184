package dev.offlinefirst.server.changes;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import dev.offlinefirst.server.isolation.Relations;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Reads one viewer's part of {@code change_log} after a cursor: the changes to rows the viewer may care
 * about (own rows, their rooms with members and messages, the cards of people they know, accepted
 * friends' posts, their friend connections), oldest first, one per entity at its last position. When a
 * friendship or a room membership changed, what the viewer gained or lost with it comes along (the
 * friend's card and posts, the room's members and messages), so a client that had them drops them and
 * one that lacked them gets them. It says only which rows changed; callers load their current state
 * through the viewer's row filters. Delta sync ({@code changes}) and the replication pulls read here.
 */
@ApplicationScoped
public class ChangeLogReader {

    /**
     * The change ids the viewer may care about after the cursor, among the entities asked for ($5), each
     * branch on its own index and bounded by the page size, plus the rows at or below the cursor of
     * transactions that had not committed at its read ({@link ChangeCursor}: those listed as running,
     * $3, and those from its {@code xmax} on, $6), which come whole whatever the page size (they are
     * bounded by the writes that were in flight). One statement, so the snapshot describes exactly what
     * it saw. Scoped to the viewer ($1) throughout. The viewer's own messages come with their rooms (the owner index leaves
     * messages out, see V4); a room's rows other than messages have an index of their own (V10).
     */
    private static final String PAGE = """
            WITH snap AS (
                SELECT pg_current_snapshot()::text AS snapshot,
                       (SELECT pruned_through_change FROM change_log_horizon) AS pruned,
                       (SELECT coalesce(max(change_id), 0) FROM change_log) AS head),
            my_rooms(room_id) AS (%2$s),
            friends(user_id) AS (%3$s),
            card_users AS (
                SELECT user_id FROM friends
                UNION %4$s
                UNION SELECT m.user_id FROM room_members m JOIN my_rooms r USING (room_id)),
            candidates AS (
                (SELECT change_id FROM change_log
                 WHERE owner_id = $1 AND change_id > $2 AND entity <> 'cache' AND entity <> 'message' AND entity = ANY($5::text[])
                 ORDER BY change_id LIMIT $4)
                UNION
                (SELECT change_id FROM change_log
                 WHERE peer_id = $1 AND change_id > $2 AND entity = ANY($5::text[]) ORDER BY change_id LIMIT $4)
                UNION
                SELECT c.change_id FROM my_rooms r CROSS JOIN LATERAL (
                    SELECT change_id FROM change_log
                    WHERE room_id = r.room_id AND change_id > $2 AND entity = 'message' AND 'message' = ANY($5::text[])
                    ORDER BY change_id LIMIT $4) c
                UNION
                SELECT c.change_id FROM my_rooms r CROSS JOIN LATERAL (
                    SELECT change_id FROM change_log
                    WHERE room_id = r.room_id AND change_id > $2 AND entity <> 'message' AND entity = ANY($5::text[])
                    ORDER BY change_id LIMIT $4) c
                UNION
                SELECT c.change_id FROM card_users u CROSS JOIN LATERAL (
                    SELECT change_id FROM change_log
                    WHERE owner_id = u.user_id AND entity = 'profile' AND 'profile' = ANY($5::text[]) AND change_id > $2
                    ORDER BY change_id LIMIT $4) c
                UNION
                SELECT c.change_id FROM friends f CROSS JOIN LATERAL (
                    SELECT change_id FROM change_log
                    WHERE owner_id = f.user_id AND entity = 'post' AND 'post' = ANY($5::text[]) AND change_id > $2
                    ORDER BY change_id LIMIT $4) c),
            in_flight AS (
                (SELECT * FROM change_log WHERE tx_id = ANY($3::text[]::xid8[]) AND change_id <= $2)
                UNION ALL
                (SELECT * FROM change_log WHERE tx_id >= $6::text::xid8 AND change_id <= $2)),
            late AS (
                SELECT change_id FROM in_flight c
                WHERE c.entity = ANY($5::text[])
                  AND (c.owner_id = $1 OR c.peer_id = $1 OR c.room_id IN (SELECT room_id FROM my_rooms)
                       OR (c.entity = 'profile' AND c.owner_id IN (SELECT user_id FROM card_users))
                       OR (c.entity = 'post' AND c.owner_id IN (SELECT user_id FROM friends)))),
            page AS (
                (SELECT %1$s FROM change_log
                 WHERE change_id IN (SELECT change_id FROM candidates) ORDER BY change_id LIMIT $4)
                UNION ALL
                (SELECT %1$s FROM change_log WHERE change_id IN (SELECT change_id FROM late)))
            SELECT snap.snapshot, snap.pruned, snap.head, page.* FROM snap LEFT JOIN page ON true ORDER BY page.change_id"""
            .formatted(ChangeRow.COLUMNS, Relations.as(Relations.ROOMS_OF_VIEWER, "$1"), Relations.as(Relations.FRIENDS_OF_VIEWER, "$1"),
                    Relations.as(Relations.PENDING_WITH_VIEWER, "$1"));

    /** What came with a room before a membership change: its members and messages, up to that change. */
    private static final String ROOM_BEFORE = """
            SELECT DISTINCT ON (entity, entity_id) %s FROM change_log
            WHERE room_id = $1 AND change_id < $2 AND entity IN ('room', 'room_member', 'message')
            ORDER BY entity, entity_id, change_id DESC""".formatted(ChangeRow.COLUMNS);

    /**
     * What came with a friend before a friendship change: their card and the posts a friend sees, up to
     * that change (a private post is never named, not even by a tombstone; a post removed for good keeps
     * its visibility in its tombstone's detail).
     */
    private static final String FRIEND_BEFORE = """
            SELECT DISTINCT ON (entity, entity_id) %s FROM change_log c
            LEFT JOIN social_posts p ON c.entity = 'post' AND p.author_id = c.owner_id
                                    AND p.post_id = substr(c.entity_id, length(c.owner_id) + 2)
            WHERE c.owner_id = $1 AND c.change_id < $2 AND c.entity IN ('profile', 'post')
              AND (c.entity = 'profile' OR (c.entity = 'post' AND coalesce(p.visibility, c.detail) <> 'PRIVATE'))
            ORDER BY entity, entity_id, change_id DESC""".formatted(ChangeRow.COLUMNS);

    /**
     * One read: the changes of the entities asked for (what came along included), the position after
     * them, whether more follow, and whether the cursor lies below pruned tombstones (then nothing else
     * is answered and the client must start again from nothing).
     */
    public record Page(List<ChangeRow> changes, ChangeCursor next, boolean hasMore, boolean resyncRequired) {
    }

    private final Pool pool;

    public ChangeLogReader(Pool pool) {
        this.pool = pool;
    }

    /** At most {@code size} log rows after {@code cursor} for the viewer, of these entities. */
    public Uni<Page> read(String viewerId, ChangeCursor cursor, int size, Set<ChangeEntity> entities) {
        return pool.preparedQuery(PAGE)
                .execute(Tuple.of(viewerId, cursor.lastChangeId(), cursor.runningAsText(), size + 1)
                        .addArrayOfString(ChangeEntity.sourcesAsText(entities)).addString(cursor.openFromAsText()))
                .chain(rows -> answer(viewerId, cursor, size, entities, rows));
    }

    private Uni<Page> answer(String viewerId, ChangeCursor cursor, int size, Set<ChangeEntity> entities, RowSet<Row> rows) {
        List<ChangeRow> page = new ArrayList<>();
        String snapshot = null;
        long pruned = 0;
        long head = 0;
        for (Row row : rows) {
            snapshot = row.getString("snapshot");
            pruned = row.getLong("pruned");
            head = row.getLong("head");
            if (row.getLong("change_id") != null) {
                page.add(ChangeRow.of(row));
            }
        }
        if (!cursor.isStart() && cursor.lastChangeId() < pruned) {
            return Uni.createFrom().item(new Page(List.of(), ChangeCursor.START, false, true));
        }
        // Late rows (at or below the cursor) come whole; the page size bounds the rows after it, of which
        // the statement read one more than fits to tell whether more follow.
        boolean hasMore = page.stream().filter(change -> change.changeId() > cursor.lastChangeId()).count() > size;
        List<ChangeRow> changes = hasMore ? page.subList(0, page.size() - 1) : page;
        long last = changes.isEmpty() ? cursor.lastChangeId()
                : Math.max(cursor.lastChangeId(), changes.get(changes.size() - 1).changeId());
        ChangeCursor next = cursor.next(last, snapshot, head);
        Set<String> wanted = new HashSet<>();
        entities.forEach(entity -> wanted.add(entity.logName()));
        return withWhatCameAlong(viewerId, cursor, changes).map(all -> new Page(
                all.values().stream().filter(change -> wanted.contains(change.entity())).toList(), next, hasMore, false));
    }

    /**
     * The page's changes, one per entity at its last position, each followed by what its friendship or
     * membership change brought or took away. A client starting from nothing needs none of that, nor
     * does one whose sync from nothing began after the change (see {@link ChangeCursor#originSaw}).
     */
    private Uni<Map<String, ChangeRow>> withWhatCameAlong(String viewerId, ChangeCursor cursor, List<ChangeRow> changes) {
        return Multi.createFrom().iterable(changes)
                .onItem().transformToUniAndConcatenate(change -> cursor.isStart() || cursor.originSaw(change)
                        ? Uni.createFrom().item(List.of(change))
                        : cameAlong(viewerId, change).map(extra -> {
                            List<ChangeRow> group = new ArrayList<>();
                            group.add(change);
                            group.addAll(extra);
                            return group;
                        }))
                .collect().in(LinkedHashMap<String, ChangeRow>::new, (all, group) -> group.forEach(change -> {
                    String key = change.key();
                    all.remove(key);
                    all.put(key, change);
                }));
    }

    private Uni<List<ChangeRow>> cameAlong(String viewerId, ChangeRow change) {
        if (ChangeEntity.FRIEND.is(change.entity())) {
            String other = change.ownerId().equals(viewerId) ? change.peerId() : change.ownerId();
            // Only a friendship that is or was accepted brings or takes away posts.
            Uni<List<ChangeRow>> posts = "ACCEPTED".equals(change.detail())
                    ? before(FRIEND_BEFORE, other, change.changeId()) : Uni.createFrom().item(List.of());
            return posts.map(rows -> {
                List<ChangeRow> extra = new ArrayList<>(rows);
                extra.add(card(other, change.changedAt()));
                return extra;
            });
        }
        if (ChangeEntity.ROOM_MEMBER.is(change.entity())) {
            if (!change.ownerId().equals(viewerId)) {
                return Uni.createFrom().item(List.of(card(change.ownerId(), change.changedAt()),
                        room(change.roomId(), viewerId, change.changedAt())));
            }
            // The viewer joined or left: the room itself (whatever its log rows say: a clear may have
            // removed superseded ones), its members and messages, and the members' cards.
            return before(ROOM_BEFORE, change.roomId(), change.changeId()).map(rows -> {
                List<ChangeRow> extra = new ArrayList<>(rows);
                extra.add(room(change.roomId(), viewerId, change.changedAt()));
                rows.stream().filter(row -> ChangeEntity.ROOM_MEMBER.is(row.entity()))
                        .forEach(member -> extra.add(card(member.ownerId(), change.changedAt())));
                return extra;
            });
        }
        return Uni.createFrom().item(List.of());
    }

    private Uni<List<ChangeRow>> before(String sql, String scope, long changeId) {
        return pool.preparedQuery(sql).execute(Tuple.of(scope, changeId)).map(rows -> {
            List<ChangeRow> found = new ArrayList<>();
            rows.forEach(row -> found.add(ChangeRow.of(row)));
            return found;
        });
    }

    /** A room, whose visibility or member list changed with a membership. */
    private static ChangeRow room(String roomId, String viewerId, Instant at) {
        return new ChangeRow(0, ChangeEntity.ROOM.logName(), roomId, viewerId, roomId, null, false, null, at, 0);
    }

    /** A user's card, whose visibility may have changed with a friendship or a shared room. */
    private static ChangeRow card(String userId, Instant at) {
        return new ChangeRow(0, ChangeEntity.PROFILE.logName(), userId, userId, null, null, false, null, at, 0);
    }
}
