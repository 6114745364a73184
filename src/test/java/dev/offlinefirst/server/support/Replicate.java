package dev.offlinefirst.server.support;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.restassured.path.json.JsonPath;

/**
 * Replication as RxDB's replicateGraphQL speaks it, one collection at a time: the pull, push and stream
 * documents a client's query builders send, with each collection's document fields.
 */
public final class Replicate {

    /** Each collection's name and the fields of its documents. */
    public enum Collection {
        MESSAGES("Messages", "Message", "id messageId roomId senderId content createdAt isMine deleted"),
        POSTS("Posts", "Post", "id postId authorId content visibility createdAt updatedAt deleted"),
        PROFILES("Profiles", "Profile", "id userId displayName bio avatarUrl phoneNumber version updatedAt deleted"),
        SETTINGS("Settings", "Setting", "id key value secret updatedAt deleted"),
        ROOMS("Rooms", "Room", "id roomId title createdBy memberIds createdAt deleted"),
        FRIENDS("Friends", "Friend", "id userId status requestedByMe updatedAt deleted");

        public final String name;
        public final String type;
        public final String fields;

        Collection(String name, String type, String fields) {
            this.name = name;
            this.type = type;
            this.fields = fields;
        }

        public String pull() {
            return "query($checkpoint: CheckpointInput, $limit: Int!) { pull%s(checkpoint: $checkpoint, limit: $limit) { documents { %s } checkpoint { cursor } resync } }"
                    .formatted(name, fields);
        }

        public String push() {
            return "mutation($rows: [%sPushRow!]!) { push%s(rows: $rows) { %s } }".formatted(type, name, fields);
        }

        public String stream() {
            return "subscription { stream%s { documents { %s } checkpoint { cursor } resync } }".formatted(name, fields);
        }
    }

    private Replicate() {
    }

    /** One pull; the batch ({@code documents}, {@code checkpoint}, {@code resync}). */
    public static JsonPath pull(GraphQLClient client, Collection collection, String checkpoint, int limit) {
        Map<String, Object> variables = new HashMap<>();
        variables.put("checkpoint", checkpoint == null ? null : Map.of("cursor", checkpoint));
        variables.put("limit", limit);
        return client.data(collection.pull(), variables).setRootPath("data.pull" + collection.name);
    }

    /** Pulls until caught up, as RxDB does; the documents by id as a client ends up holding them, deleted ones removed. */
    public static Map<String, Map<String, Object>> pullAll(GraphQLClient client, Collection collection, String checkpoint,
            Map<String, Map<String, Object>> held) {
        Map<String, Map<String, Object>> store = new HashMap<>(held);
        String at = checkpoint;
        while (true) {
            JsonPath batch = pull(client, collection, at, 100);
            List<Map<String, Object>> documents = batch.getList("documents");
            for (Map<String, Object> document : documents) {
                if (Boolean.TRUE.equals(document.get("deleted"))) {
                    store.remove((String) document.get("id"));
                } else {
                    store.put((String) document.get("id"), document);
                }
            }
            if (batch.getString("checkpoint.cursor") != null) {
                at = batch.getString("checkpoint.cursor");
            }
            if (documents.size() < 100) {
                return store;
            }
        }
    }

    /** One push; the master states answered (the rows not written). */
    public static List<Map<String, Object>> push(GraphQLClient client, Collection collection, List<Map<String, Object>> rows) {
        return client.data(collection.push(), Map.of("rows", rows)).getList("push" + collection.name);
    }

    /** A push row: the assumed master state (null for a create) and the new state. */
    public static Map<String, Object> row(Map<String, Object> assumed, Map<String, Object> proposed) {
        Map<String, Object> row = new HashMap<>();
        row.put("assumedMasterState", assumed);
        row.put("newDocumentState", proposed);
        return row;
    }

    /** A document's fields from alternating names and values. */
    public static Map<String, Object> doc(Object... fields) {
        Map<String, Object> document = new HashMap<>();
        for (int i = 0; i < fields.length; i += 2) {
            document.put((String) fields[i], fields[i + 1]);
        }
        document.putIfAbsent("deleted", false);
        return document;
    }

    /** A copy of a document with some fields changed. */
    public static Map<String, Object> with(Map<String, Object> document, Object... fields) {
        Map<String, Object> changed = new HashMap<>(document);
        for (int i = 0; i < fields.length; i += 2) {
            changed.put((String) fields[i], fields[i + 1]);
        }
        return changed;
    }
}
