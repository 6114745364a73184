package dev.offlinefirst.server;

import static dev.offlinefirst.server.PackagedApps.graphql;
import static dev.offlinefirst.server.support.ErrorAssertions.assertError;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.offlinefirst.server.support.GraphQLWebSocket;
import dev.offlinefirst.server.support.Tokens;
import dev.offlinefirst.server.support.UserIds;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

/**
 * The database goes away and comes back: a replica whose only way to PostgreSQL is a relay the test
 * cuts. While it is away, readiness is DOWN, liveness UP, and requests fail fast with UNAVAILABLE; once
 * it is back, the replica serves again without a restart, live streams included.
 */
@QuarkusIntegrationTest
@QuarkusTestResource(PackagedAppConfiguration.class)
class DatabaseOutageIT {

    private static final String SEND = "mutation($i: MessageInput!) { sendMessage(input: $i) { messageId } }";

    @TestHTTPResource("/")
    URI first;

    @Test
    void whileTheDatabaseIsAwayTheReplicaSaysSoAndAfterwardsItRecovers() throws Exception {
        Map<String, String> settings = PackagedAppConfiguration.settings();
        Vertx vertx = Vertx.vertx();
        try (DatabaseRelay relay = new DatabaseRelay(settings.get("DB_HOST"), Integer.parseInt(settings.get("DB_PORT"))).open();
                SecondReplica replica = new SecondReplica(8094, Map.of("DB_HOST", "127.0.0.1", "DB_PORT", String.valueOf(relay.port())))
                        .start()) {
            String alice = UserIds.fresh("alice");
            String bob = UserIds.fresh("bob");
            graphql(first.getPort(), bob, "{ me { userId } }", Map.of());
            String roomId = alice + "-room";
            graphql(replica.port(), alice, "mutation($r: RoomInput!) { createRoom(input: $r) { roomId } }",
                    Map.of("r", Map.of("roomId", roomId, "memberIds", List.of(bob))));

            try (GraphQLWebSocket bobStream = GraphQLWebSocket.connect(vertx, URI.create("http://localhost:" + replica.port() + "/graphql"))) {
                bobStream.init(Tokens.forUser(bob));
                assertEquals("connection_ack", bobStream.nextOfInterest(Duration.ofSeconds(5)).getString("type"));
                bobStream.subscribe("1", "subscription($r: ID!) { roomMessages(roomId: $r) { messageId } }",
                        new JsonObject().put("r", roomId));
                bobStream.awaitLive(() -> send(first.getPort(), alice, roomId, "probe-" + System.nanoTime()));

                relay.cut();

                long downAfter = awaitStatus(replica.port(), "/q/health/ready", 503, Duration.ofSeconds(20));
                given().port(replica.port()).get("/q/health/live").then().statusCode(200);
                long started = System.nanoTime();
                JsonPath refused = raw(replica.port(), alice, "{ me { userId } }");
                long refusedInMs = (System.nanoTime() - started) / 1_000_000;
                String message = assertError(refused, "UNAVAILABLE");
                assertTrue(refusedInMs < 1_000, "the refusal took " + refusedInMs + " ms");
                assertTrue(message.toLowerCase().contains("retry"), message);

                relay.open();
                long readyAfter = awaitStatus(replica.port(), "/q/health/ready", 200, Duration.ofSeconds(30));
                assertEquals(alice, graphql(replica.port(), alice, "{ me { userId } }", Map.of()).getString("me.userId"));
                send(first.getPort(), alice, roomId, "after-outage");
                JsonObject frame = bobStream.nextOfInterest(Duration.ofSeconds(10));
                assertNotNull(frame, "the live stream did not recover");
                System.out.printf("DatabaseOutageIT: readiness DOWN %d ms after the cut; a request refused in %d ms;"
                        + " ready again %d ms after the database returned%n", downAfter, refusedInMs, readyAfter);
            }
        } finally {
            vertx.close();
        }
    }

    private static void send(int port, String userId, String roomId, String clientId) {
        graphql(port, userId, SEND, Map.of("i", Map.of("clientId", clientId, "roomId", roomId, "content", "hi")));
    }

    private static JsonPath raw(int port, String userId, String query) {
        Map<String, Object> body = new HashMap<>();
        body.put("query", query);
        return given().port(port).header("Authorization", "Bearer " + Tokens.forUser(userId))
                .contentType(ContentType.JSON).body(body).post("/graphql").jsonPath();
    }

    /** Milliseconds until {@code path} answers {@code status}. */
    private static long awaitStatus(int port, String path, int status, Duration within) throws InterruptedException {
        long started = System.nanoTime();
        long deadline = started + within.toNanos();
        while (System.nanoTime() < deadline) {
            if (given().port(port).get(path).statusCode() == status) {
                return (System.nanoTime() - started) / 1_000_000;
            }
            Thread.sleep(100);
        }
        throw new AssertionError(path + " did not answer " + status + " within " + within);
    }
}
