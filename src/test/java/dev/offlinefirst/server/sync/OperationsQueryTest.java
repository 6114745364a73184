package dev.offlinefirst.server.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.offlinefirst.server.support.Database;
import dev.offlinefirst.server.support.GraphQLClient;
import dev.offlinefirst.server.support.UserIds;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

@QuarkusTest
class OperationsQueryTest {

    private String aliceId;
    private GraphQLClient alice;

    @BeforeEach
    void aliceHasPushedThreeOperations() {
        aliceId = UserIds.fresh("alice");
        alice = GraphQLClient.as(aliceId);
        insert(aliceId, "op-1", "PENDING", null);
        insert(aliceId, "op-2", "FAILED", "room not found");
        insert(aliceId, "op-3", "APPLIED", null);
    }

    @Test
    void theOwnerSeesHerOperationsInPushOrder() {
        JsonPath data = alice.data("{ operations { clientOpId type status retryCount lastError createdAt } }");
        assertEquals(List.of("op-1", "op-2", "op-3"), data.getList("operations.clientOpId"));
        assertEquals(List.of("PENDING", "FAILED", "APPLIED"), data.getList("operations.status"));
        assertEquals("room not found", data.getString("operations[1].lastError"));
    }

    @Test
    void operationsCanBeFilteredByStatusAndPaged() {
        assertEquals(List.of("op-2"), alice.data("{ operations(status: FAILED) { clientOpId } }").getList("operations.clientOpId"));
        assertEquals(List.of("op-1", "op-2"), alice.data("{ operations(first: 2) { clientOpId } }").getList("operations.clientOpId"));
    }

    @Test
    void nobodyElseSeesThem() {
        GraphQLClient bob = GraphQLClient.as(UserIds.fresh("bob"));
        JsonPath data = bob.data("{ all: operations { id } failed: operations(status: FAILED) { id } }");
        assertEquals(List.of(), data.getList("all"));
        assertEquals(List.of(), data.getList("failed"));
    }

    private static void insert(String userId, String clientOpId, String status, String lastError) {
        Database.execute("""
                INSERT INTO sync_operations (user_id, client_op_id, op_type, payload, status, last_error, next_attempt_at)
                VALUES (?, ?, 'set_setting', '{"key":"theme","value":"dark"}', ?, ?, now() + interval '1 hour')""",
                userId, clientOpId, status, lastError);
    }
}
