package dev.offlinefirst.server.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.offlinefirst.server.support.GraphQLWebSocket;
import dev.offlinefirst.server.support.Sync;
import dev.offlinefirst.server.support.TestUser;
import dev.offlinefirst.server.support.Tokens;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

/** The owner's operations reach the owner's live stream, and nobody else's. */
@QuarkusTest
class OperationUpdatesTest {

    private static final String FOLLOW = "subscription { operationUpdates { id clientOpId status retryCount lastError } }";

    @TestHTTPResource("/graphql")
    URI endpoint;

    @Inject
    Vertx vertx;

    @Test
    void theOwnerSeesEachOperationSettleAndAnotherUserSeesNone() throws Exception {
        TestUser alice = TestUser.create("alice");
        TestUser bob = TestUser.create("bob");
        try (GraphQLWebSocket aliceStream = follow(alice.id()); GraphQLWebSocket bobStream = follow(bob.id())) {
            Sync.push(alice.client(),
                    Sync.op("theme", "set_setting", "key", "theme", "value", "dark"),
                    Sync.rawOp("broken", "set_setting", "not json"));

            List<JsonObject> seen = new ArrayList<>();
            JsonObject applied = null;
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (applied == null && System.nanoTime() < deadline) {
                JsonObject frame = aliceStream.nextOfInterest(Duration.ofMillis(200));
                if (frame != null) {
                    assertEquals("next", frame.getString("type"), frame::encode);
                    JsonObject update = frame.getJsonObject("payload").getJsonObject("data").getJsonObject("operationUpdates");
                    seen.add(update);
                    if ("theme".equals(update.getString("clientOpId")) && "APPLIED".equals(update.getString("status"))) {
                        applied = update;
                    }
                }
            }
            assertNotNull(applied, () -> "no APPLIED update for theme; saw " + seen);
            assertEquals(true, seen.stream().anyMatch(u -> "broken".equals(u.getString("clientOpId")) && "FAILED".equals(u.getString("status"))),
                    () -> "no FAILED update for broken; saw " + seen);
            assertNull(bobStream.nextOfInterest(Duration.ofMillis(700)), "bob received alice's operation");
        }
    }

    @Test
    void anAnonymousSubscriptionIsRefused() throws Exception {
        try (GraphQLWebSocket socket = GraphQLWebSocket.connect(vertx, endpoint)) {
            socket.init(null);
            assertEquals("connection_ack", socket.nextOfInterest(Duration.ofSeconds(5)).getString("type"));
            socket.subscribe("1", FOLLOW, new JsonObject());
            JsonObject frame = socket.nextOfInterest(Duration.ofSeconds(5));
            assertEquals("next", frame.getString("type"), frame::encode);
            assertEquals("UNAUTHENTICATED", frame.getJsonObject("payload").getJsonArray("errors").getJsonObject(0)
                    .getJsonObject("extensions").getString("code"));
        }
    }

    private GraphQLWebSocket follow(String userId) throws Exception {
        GraphQLWebSocket socket = GraphQLWebSocket.connect(vertx, endpoint);
        socket.init(Tokens.forUser(userId));
        assertEquals("connection_ack", socket.nextOfInterest(Duration.ofSeconds(5)).getString("type"));
        socket.subscribe("1", FOLLOW, new JsonObject());
        // The subscription is registered once the server has processed the subscribe frame.
        Thread.sleep(300);
        return socket;
    }
}
