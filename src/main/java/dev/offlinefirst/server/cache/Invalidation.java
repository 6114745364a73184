package dev.offlinefirst.server.cache;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import dev.offlinefirst.server.shared.PgNotifications;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * What a write made stale, in terms every replica understands: it travels as a NOTIFY payload.
 *
 * @param kind what changed
 * @param ids the users or rooms concerned (see {@link Kind})
 */
public record Invalidation(Kind kind, List<String> ids) {

    /** What changed. */
    public enum Kind {
        /** A user's profile ({@code ids}: the user). */
        PROFILE,
        /** A user's settings ({@code ids}: the user). */
        SETTINGS,
        /** The friend connection between two users ({@code ids}: both). */
        FRIENDSHIP,
        /** A room's membership ({@code ids}: the room, then the members who joined). */
        MEMBERSHIP,
        /** New messages in rooms ({@code ids}: the rooms). */
        MESSAGES,
        /** Everything cached for or about users ({@code ids}: the users). */
        USERS,
        /** Everything. */
        ALL
    }

    private static final int IDS_PER_PAYLOAD = 60;

    public static Invalidation profile(String userId) {
        return new Invalidation(Kind.PROFILE, List.of(userId));
    }

    public static Invalidation settings(String userId) {
        return new Invalidation(Kind.SETTINGS, List.of(userId));
    }

    public static Invalidation friendship(String oneId, String otherId) {
        return new Invalidation(Kind.FRIENDSHIP, List.of(oneId, otherId));
    }

    public static Invalidation membership(String roomId, List<String> joinedIds) {
        List<String> ids = new ArrayList<>();
        ids.add(roomId);
        ids.addAll(joinedIds);
        return new Invalidation(Kind.MEMBERSHIP, List.copyOf(ids));
    }

    public static Invalidation messages(List<String> roomIds) {
        return new Invalidation(Kind.MESSAGES, List.copyOf(roomIds));
    }

    public static Invalidation users(List<String> userIds) {
        return new Invalidation(Kind.USERS, List.copyOf(userIds));
    }

    public static Invalidation all() {
        return new Invalidation(Kind.ALL, List.of());
    }

    /**
     * The NOTIFY payloads carrying this invalidation, each under PostgreSQL's size limit. Kinds whose
     * ids are independent are split; a membership change (room first) keeps the room in every part.
     */
    public List<String> toPayloads() {
        if (ids.size() <= IDS_PER_PAYLOAD) {
            return List.of(encode(ids));
        }
        boolean roomFirst = kind == Kind.MEMBERSHIP;
        List<String> rest = roomFirst ? ids.subList(1, ids.size()) : ids;
        List<String> payloads = new ArrayList<>();
        for (int from = 0; from < rest.size(); from += IDS_PER_PAYLOAD) {
            List<String> part = new ArrayList<>();
            if (roomFirst) {
                part.add(ids.get(0));
            }
            part.addAll(rest.subList(from, Math.min(from + IDS_PER_PAYLOAD, rest.size())));
            payloads.add(encode(part));
        }
        return payloads;
    }

    /** Reads a payload; throws {@link IllegalArgumentException} for anything that is not one. */
    public static Invalidation decode(String payload) {
        try {
            JsonObject json = new JsonObject(payload);
            JsonArray ids = json.getJsonArray("ids", new JsonArray());
            List<String> values = new ArrayList<>();
            for (int i = 0; i < ids.size(); i++) {
                values.add(ids.getString(i));
            }
            return new Invalidation(Kind.valueOf(json.getString("kind")), List.copyOf(values));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("Not an invalidation: " + payload, e);
        }
    }

    private String encode(List<String> part) {
        String payload = new JsonObject().put("kind", kind.name()).put("ids", new JsonArray(part)).encode();
        if (payload.getBytes(StandardCharsets.UTF_8).length > PgNotifications.MAX_PAYLOAD_BYTES) {
            throw new IllegalStateException("Invalidation payload too large");
        }
        return payload;
    }
}
