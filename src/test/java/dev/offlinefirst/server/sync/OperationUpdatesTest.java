package dev.offlinefirst.server.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
        try (GraphQLWebSocket aliceStream = follow(alice); GraphQLWebSocket bobStream = follow(bob)) {
            Sync.push(alice.client(),
                    Sync.op("theme", "set_setting", "key", "theme", "value", "dark"),
                    Sync.rawOp("broken", "set_setting", "not json"));

            // Each operation's state is read when its change is published, so the insert may already show
            // theme APPLIED, in any order with broken's FAILED: wait for both.
            List<JsonObject> seen = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (!(saw(seen, "theme", "APPLIED") && saw(seen, "broken", "FAILED")) && System.nanoTime() < deadline) {
                JsonObject frame = aliceStream.nextOfInterest(Duration.ofMillis(200));
                if (frame != null) {
                    assertEquals("next", frame.getString("type"), frame::encode);
                    seen.add(frame.getJsonObject("payload").getJsonObject("data").getJsonObject("operationUpdates"));
                }
            }
            assertTrue(saw(seen, "theme", "APPLIED"), () -> "no APPLIED update for theme; saw " + seen);
            assertTrue(saw(seen, "broken", "FAILED"), () -> "no FAILED update for broken; saw " + seen);
            // Bob's stream may still repeat his own probe; anything else on it is alice's.
            for (JsonObject frame = bobStream.nextOfInterest(Duration.ofMillis(700)); frame != null;
                    frame = bobStream.nextOfInterest(Duration.ofMillis(700))) {
                JsonObject leaked = frame;
                String clientOpId = leaked.getJsonObject("payload").getJsonObject("data").getJsonObject("operationUpdates").getString("clientOpId");
                assertTrue(clientOpId.startsWith("probe-" + bob.id()), () -> "bob received alice's operation: " + leaked.encode());
            }
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

    private static boolean saw(List<JsonObject> updates, String clientOpId, String status) {
        return updates.stream().anyMatch(u -> clientOpId.equals(u.getString("clientOpId")) && status.equals(u.getString("status")));
    }

    /**
     * Opens the user's stream and returns once it is live: the server gives no frame for a registered
     * subscription, so the user pushes a probe operation and the stream must show it settle. A fixed
     * pause here was not enough on a busy machine.
     */
    private GraphQLWebSocket follow(TestUser user) throws Exception {
        GraphQLWebSocket socket = GraphQLWebSocket.connect(vertx, endpoint);
        socket.init(Tokens.forUser(user.id()));
        assertEquals("connection_ack", socket.nextOfInterest(Duration.ofSeconds(5)).getString("type"));
        socket.subscribe("1", FOLLOW, new JsonObject());
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        int probe = 0;
        while (System.nanoTime() < deadline) {
            String clientOpId = "probe-" + user.id() + "-" + probe++;
            Sync.push(user.client(), Sync.op(clientOpId, "set_setting", "key", "probe", "value", clientOpId));
            if (sawSettled(socket, clientOpId, Duration.ofSeconds(2))) {
                return socket;
            }
        }
        socket.close();
        throw new AssertionError("the operationUpdates stream of " + user.id() + " never went live");
    }

    /** Drains frames until the probe shows APPLIED; later probes make earlier ones irrelevant. */
    private static boolean sawSettled(GraphQLWebSocket socket, String clientOpId, Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < deadline) {
            JsonObject frame = socket.nextOfInterest(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
            if (frame == null) {
                return false;
            }
            JsonObject update = frame.getJsonObject("payload").getJsonObject("data").getJsonObject("operationUpdates");
            if (clientOpId.equals(update.getString("clientOpId")) && "APPLIED".equals(update.getString("status"))) {
                return true;
            }
        }
        return false;
    }
}
