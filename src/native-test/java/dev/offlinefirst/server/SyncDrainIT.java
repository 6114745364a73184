package dev.offlinefirst.server;

import static dev.offlinefirst.server.PackagedApps.graphql;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import dev.offlinefirst.server.support.UserIds;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.restassured.path.json.JsonPath;
import io.vertx.core.json.JsonObject;

/**
 * Two processes of the packaged application on one database drain one queue of 10,000 operations from
 * 100 users, and one of them is killed with {@code kill -9} halfway and started again: every operation is
 * applied exactly once and each user's in push order, as the database shows afterwards.
 */
@QuarkusIntegrationTest
@QuarkusTestResource(PackagedAppConfiguration.class)
class SyncDrainIT {

    private static final int USERS = 100;
    private static final int OPERATIONS_PER_USER = 100;
    private static final int UPDATES_PER_USER = OPERATIONS_PER_USER / 10;
    private static final String PUSH = """
            mutation($ops: [OperationInput!]!) { pushOperations(ops: $ops) { status duplicate } }""";

    @TestHTTPResource("/")
    java.net.URI first;

    @Test
    void twoReplicasApplyEveryOperationExactlyOnceAndInOrderThroughAKill() throws Exception {
        String prefix = UserIds.fresh("drain");
        List<String> users = new ArrayList<>();
        for (int u = 0; u < USERS; u++) {
            String userId = prefix + "-" + u;
            users.add(userId);
            graphql(first.getPort(), userId, "mutation($r: RoomInput!) { createRoom(input: $r) { roomId } }",
                    Map.of("r", Map.of("roomId", userId + "-room")));
        }

        try (SecondReplica second = new SecondReplica(first.getPort() + 11).start()) {
            // Half the users push through each replica, all at once.
            ExecutorService pushers = Executors.newFixedThreadPool(8);
            List<Future<?>> pushes = new ArrayList<>();
            for (int u = 0; u < USERS; u++) {
                String userId = users.get(u);
                int port = u % 2 == 0 ? first.getPort() : second.port();
                pushes.add(pushers.submit(() -> {
                    JsonPath receipts = graphql(port, userId, PUSH, Map.of("ops", queueOf(userId)));
                    assertEquals(OPERATIONS_PER_USER, receipts.getList("pushOperations.status").stream().filter("PENDING"::equals).count());
                }));
            }
            for (Future<?> push : pushes) {
                push.get();
            }
            pushers.shutdown();

            awaitApplied(prefix, USERS * OPERATIONS_PER_USER / 5);
            second.kill();
            long appliedAtKill = count("SELECT count(*) FROM sync_operations WHERE user_id LIKE ? AND status = 'APPLIED'", prefix + "-%");
            second.start();
            awaitApplied(prefix, USERS * OPERATIONS_PER_USER);
            System.out.printf("SyncDrainIT: %d of %d operations were applied when one replica was killed%n",
                    appliedAtKill, USERS * OPERATIONS_PER_USER);
        }

        String like = prefix + "-%";
        assertEquals(USERS * OPERATIONS_PER_USER, count("SELECT count(*) FROM sync_operations WHERE user_id LIKE ? AND status = 'APPLIED'", like));
        // Each update expected the version before it: applied twice or out of order, it would have been a CONFLICT.
        assertEquals(USERS, count("SELECT count(*) FROM user_profiles WHERE user_id LIKE ? AND version = ?", like, UPDATES_PER_USER));
        assertEquals(USERS * (OPERATIONS_PER_USER - UPDATES_PER_USER), count("SELECT count(*) FROM chat_messages WHERE sender_id LIKE ?", like));
        assertEquals(USERS * UPDATES_PER_USER,
                count("SELECT count(*) FROM change_log WHERE entity = 'profile' AND owner_id LIKE ? AND NOT deleted", like) - USERS,
                "a profile update was written more than once");
        assertEquals(0, count("""
                SELECT count(*) FROM (
                    SELECT applied_at < lag(applied_at) OVER (PARTITION BY user_id ORDER BY id) AS overtaken
                    FROM sync_operations WHERE user_id LIKE ?) ordered
                WHERE overtaken""", like), "an operation was applied before an earlier one of the same user");
        System.out.printf("SyncDrainIT: the two replicas applied %d operations at %.0f per second (first to last applied_at)%n",
                USERS * OPERATIONS_PER_USER, USERS * OPERATIONS_PER_USER / seconds(
                        "SELECT extract(epoch FROM max(applied_at) - min(applied_at)) FROM sync_operations WHERE user_id LIKE ?", like));
    }

    /**
     * Nine messages, then a profile update, ten times over: update k expects version k, so an update
     * applied twice or out of order would end CONFLICT, and the messages show each applied once.
     */
    private static List<Map<String, Object>> queueOf(String userId) {
        List<Map<String, Object>> ops = new ArrayList<>();
        for (int i = 0; i < OPERATIONS_PER_USER; i++) {
            boolean update = i % 10 == 9;
            JsonObject payload = update
                    ? new JsonObject().put("displayName", "v" + (i / 10 + 1)).put("expectedVersion", i / 10)
                    : new JsonObject().put("clientId", "m" + i).put("roomId", userId + "-room").put("content", "offline " + i);
            ops.add(Map.of("clientOpId", "op-" + i, "type", update ? "update_profile" : "create_message",
                    "payload", payload.encode()));
        }
        return ops;
    }

    private static void awaitApplied(String prefix, long target) throws Exception {
        long deadline = System.currentTimeMillis() + 180_000;
        while (System.currentTimeMillis() < deadline) {
            long settled = count("SELECT count(*) FROM sync_operations WHERE user_id LIKE ? AND status <> 'PENDING'", prefix + "-%");
            if (settled >= target) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the queue was not drained in time");
    }

    private static long count(String sql, Object... parameters) throws SQLException {
        return (long) PackagedApps.number(sql, parameters);
    }

    private static double seconds(String sql, Object... parameters) throws SQLException {
        return PackagedApps.number(sql, parameters);
    }
}
