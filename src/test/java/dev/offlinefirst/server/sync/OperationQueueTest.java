package dev.offlinefirst.server.sync;

import static dev.offlinefirst.server.support.ErrorAssertions.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.offlinefirst.server.support.Chat;
import dev.offlinefirst.server.support.Database;
import dev.offlinefirst.server.support.Social;
import dev.offlinefirst.server.support.Sync;
import dev.offlinefirst.server.support.TestUser;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** Pushing an offline queue, the worker applying it, and what the owner can do with what failed. */
@QuarkusTest
class OperationQueueTest {

    private TestUser alice;
    private TestUser bob;
    private String roomId;

    @BeforeEach
    void aliceHasARoom() {
        alice = TestUser.create("alice");
        bob = TestUser.create("bob");
        roomId = Chat.room(alice.id());
    }

    @Test
    void aPushedBatchIsAppliedThroughEveryKindOfOperation() {
        Social.post(alice.id(), "old-post", "FRIENDS");
        alice.data("mutation { setSetting(key: \"old\", value: \"x\") { key } }");
        JsonPath receipts = Sync.push(alice.client(),
                Sync.op("o1", "create_message", "clientId", "m1", "roomId", roomId, "content", "first"),
                Sync.op("o2", "create_message", "clientId", "m2", "roomId", roomId, "content", "second"),
                Sync.op("o3", "update_profile", "displayName", "Offline Alice", "expectedVersion", 0),
                Sync.op("o4", "create_post", "postId", "new-post", "content", "written offline", "visibility", "PUBLIC"),
                Sync.op("o5", "delete_post", "postId", "old-post"),
                Sync.op("o6", "set_setting", "key", "theme", "value", "dark"),
                Sync.op("o7", "delete_setting", "key", "old"));
        assertEquals(List.of("PENDING", "PENDING", "PENDING", "PENDING", "PENDING", "PENDING", "PENDING"),
                receipts.getList("pushOperations.status"));
        assertEquals(List.of(false, false, false, false, false, false, false), receipts.getList("pushOperations.duplicate"));

        var settled = Sync.settled(alice.client(), "o1", "o2", "o3", "o4", "o5", "o6", "o7");
        settled.values().forEach(op -> assertEquals("APPLIED", op.get("status"), () -> "not applied: " + op));
        assertEquals(List.of("second", "first"),
                alice.data(Chat.PAGE, Map.of("roomId", roomId)).getList("messages.edges.content"));
        assertEquals("Offline Alice", alice.data("{ me { displayName } }").getString("me.displayName"));
        assertEquals(List.of("new-post"), alice.data(Social.POSTS, Map.of("authorId", alice.id())).getList("posts.edges.postId"));
        assertEquals(List.of("theme"), alice.data("{ settings { key } }").getList("settings.key"));
    }

    @Test
    void aDuplicateIsAnsweredWithTheOriginalAndNeverAppliedTwice() {
        var op = Sync.op("same", "update_profile", "displayName", "Once", "expectedVersion", 0);
        JsonPath first = Sync.push(alice.client(), op, op);
        assertEquals(List.of(false, true), first.getList("pushOperations.duplicate"));
        String id = first.getString("pushOperations[0].id");
        assertEquals(id, first.getString("pushOperations[1].id"));
        Sync.settled(alice.client(), "same");

        JsonPath again = Sync.push(alice.client(), op);
        assertEquals(id, again.getString("pushOperations[0].id"));
        assertTrue(again.getBoolean("pushOperations[0].duplicate"));
        assertEquals("APPLIED", again.getString("pushOperations[0].status"));
        Sync.settled(alice.client(), "same");
        assertEquals(1, alice.data("{ me { version } }").getInt("me.version"));
        assertEquals(1, Database.count("SELECT count(*) FROM sync_operations WHERE user_id = ?", alice.id()));
    }

    @Test
    void anInvalidOperationFailsAtOnceWithItsReasonWhileTheRestOfItsBatchApplies() {
        JsonPath receipts = Sync.push(alice.client(),
                Sync.op("good-1", "set_setting", "key", "a", "value", "1"),
                Sync.rawOp("not-json", "set_setting", "{key: a"),
                Sync.op("unknown", "launch_rocket", "key", "a"),
                Sync.op("wrong-type", "update_profile", "expectedVersion", "three"),
                Sync.op("extra-field", "delete_setting", "key", "a", "owner", "bob"),
                Sync.op("good-2", "set_setting", "key", "b", "value", "2"));
        assertEquals(List.of("PENDING", "FAILED", "FAILED", "FAILED", "FAILED", "PENDING"),
                receipts.getList("pushOperations.status"));

        var settled = Sync.settled(alice.client(), "good-1", "good-2");
        assertEquals("APPLIED", settled.get("good-1").get("status"));
        assertEquals("APPLIED", settled.get("good-2").get("status"));
        assertEquals("Invalid set_setting payload: payload is not valid JSON", settled.get("not-json").get("lastError"));
        assertTrue(((String) settled.get("unknown").get("lastError")).startsWith("Unknown operation type 'launch_rocket'"));
        assertEquals("Invalid update_profile payload: payload.expectedVersion must be an integer",
                settled.get("wrong-type").get("lastError"));
        assertTrue(((String) settled.get("extra-field").get("lastError")).contains("unknown field 'owner'"));
        assertEquals(List.of("a", "b"), alice.data("{ settings { key } }").getList("settings.key"));
    }

    @Test
    void anOperationThatKeepsFailingEndsFailedAfterThreeRetriesAndTheNextWaitsForIt() {
        Sync.push(alice.client(),
                Sync.op("doomed", "delete_post", "postId", "never-existed"),
                Sync.op("after", "set_setting", "key", "after", "value", "1"));
        var settled = Sync.settled(alice.client(), "doomed", "after");
        Map<String, Object> doomed = settled.get("doomed");
        assertEquals("FAILED", doomed.get("status"));
        assertEquals(3, doomed.get("retryCount"));
        assertEquals("No post never-existed", doomed.get("lastError"));
        assertEquals("APPLIED", settled.get("after").get("status"));
        assertTrue(Database.count("""
                SELECT count(*) FROM sync_operations a JOIN sync_operations d ON d.user_id = a.user_id
                WHERE a.user_id = ? AND a.client_op_id = 'after' AND d.client_op_id = 'doomed'
                  AND a.applied_at >= d.updated_at""", alice.id()) == 1, "the later operation overtook the failing one");
        assertEquals(List.of("doomed"), alice.data(Sync.OPERATIONS, Map.of("status", "FAILED")).getList("operations.clientOpId"));
    }

    @Test
    void aStaleVersionEndsInConflictNamingTheCurrentVersion() {
        alice.data("mutation { updateProfile(input: {displayName: \"Now\", expectedVersion: 0}) { version } }");
        Sync.push(alice.client(), Sync.op("stale", "update_profile", "displayName", "Old", "expectedVersion", 0));
        Map<String, Object> stale = Sync.settled(alice.client(), "stale").get("stale");
        assertEquals("CONFLICT", stale.get("status"));
        assertEquals(0, stale.get("retryCount"));
        assertTrue(((String) stale.get("lastError")).contains("version is 1"), () -> "lastError: " + stale.get("lastError"));
        assertEquals("Now", alice.data("{ me { displayName } }").getString("me.displayName"));
    }

    @Test
    void anOperationOnAnotherUsersDataFailsAsNotFoundAndChangesNothing() {
        Social.post(alice.id(), "alice-post", "PUBLIC");
        Sync.push(bob.client(),
                Sync.op("steal-post", "delete_post", "postId", "alice-post"),
                Sync.op("intrude", "create_message", "clientId", "m", "roomId", roomId, "content", "let me in"));
        var settled = Sync.settled(bob.client(), "steal-post", "intrude");
        assertEquals("FAILED", settled.get("steal-post").get("status"));
        assertEquals("No post alice-post", settled.get("steal-post").get("lastError"));
        assertEquals("FAILED", settled.get("intrude").get("status"));
        assertEquals(List.of("alice-post"), alice.data(Social.POSTS, Map.of("authorId", alice.id())).getList("posts.edges.postId"));
        assertEquals(0, Database.count("SELECT count(*) FROM chat_messages WHERE room_id = ?", roomId));
    }

    @Test
    void anotherUserCanNeitherSeeNorRetryNorDiscardMyOperations() {
        Sync.push(alice.client(), Sync.op("mine", "update_profile", "displayName", "x", "expectedVersion", 9));
        String id = (String) Sync.settled(alice.client(), "mine").get("mine").get("id");

        assertEquals(List.of(), bob.data(Sync.OPERATIONS, Map.of()).getList("operations"));
        assertError(bob.run("mutation($id: ID!) { retryOperation(id: $id) { status } }", Map.of("id", id)), "NOT_FOUND");
        assertError(bob.run("mutation($id: ID!) { discardOperation(id: $id) { status } }", Map.of("id", id)), "NOT_FOUND");
        assertEquals("CONFLICT", Sync.byClientOpId(alice.client()).get("mine").get("status"));
    }

    @Test
    void theOwnerRetriesOrDiscardsWhatFailed() {
        Sync.push(alice.client(), Sync.op("conflicted", "update_profile", "displayName", "Retried", "expectedVersion", 1));
        String id = (String) Sync.settled(alice.client(), "conflicted").get("conflicted").get("id");
        alice.data("mutation { updateProfile(input: {displayName: \"v1\", expectedVersion: 0}) { version } }");

        JsonPath retried = alice.data("mutation($id: ID!) { retryOperation(id: $id) { status retryCount lastError } }", Map.of("id", id));
        assertEquals("PENDING", retried.getString("retryOperation.status"));
        assertNull(retried.get("retryOperation.lastError"));
        assertEquals("APPLIED", Sync.settled(alice.client(), "conflicted").get("conflicted").get("status"));
        assertEquals("Retried", alice.data("{ me { displayName } }").getString("me.displayName"));
        assertError(alice.run("mutation($id: ID!) { retryOperation(id: $id) { status } }", Map.of("id", id)), "CONFLICT");
        assertError(alice.run("mutation($id: ID!) { discardOperation(id: $id) { status } }", Map.of("id", id)), "CONFLICT");

        Sync.push(alice.client(), Sync.op("given-up", "delete_setting", "key", 7));
        String failedId = (String) Sync.settled(alice.client(), "given-up").get("given-up").get("id");
        String discard = "mutation($id: ID!) { discardOperation(id: $id) { status } }";
        assertEquals("DISCARDED", alice.data(discard, Map.of("id", failedId)).getString("discardOperation.status"));
        assertEquals("DISCARDED", alice.data(discard, Map.of("id", failedId)).getString("discardOperation.status"));
        assertError(alice.run(discard, Map.of("id", "not-a-number")), "BAD_USER_INPUT");
        assertError(alice.run(discard, Map.of("id", "999999999")), "NOT_FOUND");
    }

    @Test
    void aPushThatCannotBeStoredIsRefusedWhole() {
        List<Map<String, Object>> tooMany = new ArrayList<>();
        for (int i = 0; i <= 1000; i++) {
            tooMany.add(Sync.op("op-" + i, "delete_setting", "key", "k"));
        }
        assertError(alice.run(Sync.PUSH, Map.of("ops", tooMany)), "BAD_USER_INPUT");

        var good = Sync.op("fine", "delete_setting", "key", "k");
        String longId = "x".repeat(65);
        String message = assertError(alice.run(Sync.PUSH, Map.of("ops", List.of(good, Sync.op(longId, "delete_setting", "key", "k")))),
                "BAD_USER_INPUT");
        assertEquals("ops[1].clientOpId must be at most 64 characters", message);
        assertError(alice.run(Sync.PUSH, Map.of("ops", List.of(good, Sync.op("t", "x".repeat(33), "key", "k")))), "BAD_USER_INPUT");
        assertError(alice.run(Sync.PUSH, Map.of("ops", List.of(good,
                Sync.op("big", "set_setting", "key", "k", "value", "v".repeat(100_001))))), "BAD_USER_INPUT");
        assertError(alice.run(Sync.PUSH, Map.of("ops", List.of(Map.of("clientOpId", "c", "type", "delete_setting", "payload", List.of(1))))),
                "BAD_USER_INPUT");
        assertEquals(0, Database.count("SELECT count(*) FROM sync_operations WHERE user_id = ?", alice.id()));
    }

    @Test
    void aWorkerTransactionThatFailsLosesNothingAndAppliesNothingTwice() {
        Database.execute("""
                CREATE OR REPLACE FUNCTION test_refuse_boom() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF NEW.value = 'boom' THEN RAISE EXCEPTION 'refused by test trigger'; END IF;
                    RETURN NEW;
                END $$""");
        Database.execute("CREATE TRIGGER test_refuse_boom BEFORE INSERT OR UPDATE ON user_settings "
                + "FOR EACH ROW EXECUTE FUNCTION test_refuse_boom()");
        try {
            Sync.push(alice.client(),
                    Sync.op("before", "set_setting", "key", "before", "value", "1"),
                    Sync.op("boom", "set_setting", "key", "boom", "value", "boom"),
                    Sync.op("after", "set_setting", "key", "after", "value", "3"));
            var settled = Sync.settled(alice.client(), "before", "boom", "after");
            assertEquals("APPLIED", settled.get("before").get("status"));
            assertEquals("FAILED", settled.get("boom").get("status"));
            assertEquals(3, settled.get("boom").get("retryCount"));
            assertEquals("The server could not apply the operation", settled.get("boom").get("lastError"));
            assertEquals("APPLIED", settled.get("after").get("status"));
            // The rolled-back attempts left no trace: one write of each applied setting.
            assertEquals(1, Database.count("SELECT count(*) FROM change_log WHERE entity = 'setting' AND entity_id = ?",
                    alice.id() + "/before"));
            assertEquals(0, Database.count("SELECT count(*) FROM user_settings WHERE user_id = ? AND setting_key = 'boom'", alice.id()));
        } finally {
            Database.execute("DROP TRIGGER test_refuse_boom ON user_settings");
            Database.execute("DROP FUNCTION test_refuse_boom()");
        }
    }

    @Test
    void theQueueIsInTheMetricsAndALongQueueKeepsTheServerReady() {
        Database.execute("""
                INSERT INTO sync_operations (user_id, client_op_id, op_type, payload, next_attempt_at)
                SELECT ?, 'later-' || n, 'delete_setting', '{"key":"k"}', now() + interval '1 hour'
                FROM generate_series(1, 2000) n""", alice.id());
        try {
            long deadline = System.currentTimeMillis() + 10_000;
            String metrics;
            do {
                metrics = io.restassured.RestAssured.get("/q/metrics").asString();
            } while (!pendingAtLeast(metrics, 2000) && System.currentTimeMillis() < deadline);
            assertTrue(pendingAtLeast(metrics, 2000), "queue depth not in metrics");
            assertTrue(metrics.contains("sync_operations_applied_total"));
            assertTrue(metrics.contains("sync_worker_lag_seconds"));
            assertTrue(metrics.contains("sync_operations_retried_total"));
            assertEquals(200, io.restassured.RestAssured.get("/q/health/ready").statusCode());
        } finally {
            Database.execute("DELETE FROM sync_operations WHERE user_id = ? AND client_op_id LIKE 'later-%'", alice.id());
        }
    }

    private static boolean pendingAtLeast(String metrics, long count) {
        return metrics.lines().filter(line -> line.startsWith("sync_queue_depth{") && line.contains("status=\"PENDING\""))
                .map(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .anyMatch(value -> value >= count);
    }
}
