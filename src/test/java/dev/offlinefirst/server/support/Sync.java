package dev.offlinefirst.server.support;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.restassured.path.json.JsonPath;
import io.vertx.core.json.JsonObject;

/** Offline operations and delta sync as a client uses them: push a queue, wait for it, read changes. */
public final class Sync {

    public static final String PUSH = """
            mutation($ops: [OperationInput!]!) { pushOperations(ops: $ops) { clientOpId id status duplicate } }""";

    public static final String OPERATIONS = """
            query($status: OperationStatus) {
              operations(status: $status, first: 100) { id clientOpId type status retryCount lastError appliedAt }
            }""";

    public static final String CHANGES = """
            query($since: String, $limit: Int) {
              changes(since: $since, limit: $limit) { cursor hasMore resyncRequired changes { entity id deleted data } }
            }""";

    private Sync() {
    }

    /** One queue entry: its payload is given as alternating field names and values. */
    public static Map<String, Object> op(String clientOpId, String type, Object... payload) {
        JsonObject json = new JsonObject();
        for (int i = 0; i < payload.length; i += 2) {
            json.put((String) payload[i], payload[i + 1]);
        }
        return rawOp(clientOpId, type, json.encode());
    }

    public static Map<String, Object> rawOp(String clientOpId, String type, String payload) {
        Map<String, Object> op = new HashMap<>();
        op.put("clientOpId", clientOpId);
        op.put("type", type);
        op.put("payload", payload);
        return op;
    }

    @SafeVarargs
    public static JsonPath push(GraphQLClient client, Map<String, Object>... ops) {
        return client.data(PUSH, Map.of("ops", Arrays.asList(ops)));
    }

    /** Waits until every one of the user's operations with these client ids has left PENDING; returns them by id. */
    public static Map<String, Map<String, Object>> settled(GraphQLClient client, String... clientOpIds) {
        long deadline = System.nanoTime() + 15_000_000_000L;
        while (true) {
            Map<String, Map<String, Object>> byId = byClientOpId(client);
            boolean done = Arrays.stream(clientOpIds)
                    .allMatch(id -> byId.containsKey(id) && !"PENDING".equals(byId.get(id).get("status")));
            if (done) {
                return byId;
            }
            if (System.nanoTime() > deadline) {
                fail("operations still pending: " + byId);
            }
            sleep(50);
        }
    }

    public static Map<String, Map<String, Object>> byClientOpId(GraphQLClient client) {
        List<Map<String, Object>> list = client.data(OPERATIONS, new HashMap<>()).getList("operations");
        Map<String, Map<String, Object>> byId = new HashMap<>();
        list.forEach(op -> byId.put((String) op.get("clientOpId"), op));
        return byId;
    }

    /** Every change after {@code since} (null: from the beginning), following hasMore; the last page's cursor is last. */
    public static Replay replay(GraphQLClient client, String since, int limit) {
        List<Map<String, Object>> changes = new ArrayList<>();
        String cursor = since;
        while (true) {
            Map<String, Object> variables = new HashMap<>();
            variables.put("since", cursor);
            variables.put("limit", limit);
            JsonPath page = client.data(CHANGES, variables);
            changes.addAll(page.getList("changes.changes"));
            cursor = page.getString("changes.cursor");
            if (!page.getBoolean("changes.hasMore")) {
                return new Replay(changes, cursor);
            }
        }
    }

    /** What a client's local store holds after applying changes: entity/id → data, tombstones removed. */
    public record Replay(List<Map<String, Object>> changes, String cursor) {

        public Map<String, JsonObject> applyTo(Map<String, JsonObject> store) {
            Map<String, JsonObject> result = new HashMap<>(store);
            for (Map<String, Object> change : changes) {
                String key = change.get("entity") + "/" + change.get("id");
                if (Boolean.TRUE.equals(change.get("deleted"))) {
                    result.remove(key);
                } else {
                    result.put(key, new JsonObject((String) change.get("data")));
                }
            }
            return result;
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
