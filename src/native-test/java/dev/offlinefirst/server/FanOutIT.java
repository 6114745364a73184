package dev.offlinefirst.server;

import static dev.offlinefirst.server.PackagedApps.graphql;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.offlinefirst.server.support.Eventually;
import dev.offlinefirst.server.support.GraphQLWebSocket;
import dev.offlinefirst.server.support.Tokens;
import dev.offlinefirst.server.support.UserIds;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

/**
 * The one change stream on two processes of the packaged application and one database: what one
 * replica writes reaches the other's live streams and caches, also across a cut database connection.
 */
@QuarkusIntegrationTest
@QuarkusTestResource(PackagedAppConfiguration.class)
class FanOutIT {

    private static final String SECOND_CONNECTIONS = "offline-data-server-second-replica";
    private static final String FOLLOW = "subscription($r: ID!) { roomMessages(roomId: $r) { messageId content } }";
    private static final String SEND = "mutation($i: MessageInput!) { sendMessage(input: $i) { messageId } }";
    private static final String PROFILE = "query($u: ID!) { profile(userId: $u) { displayName } }";
    private static final String RENAME = "mutation($n: String!, $v: Int!) { updateProfile(input: {displayName: $n, expectedVersion: $v}) { version } }";

    private static Vertx vertx;
    private static SecondReplica second;

    @TestHTTPResource("/")
    URI first;

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx();
        second = new SecondReplica(8093, Map.of("CHANGES_CONNECTION_NAME", SECOND_CONNECTIONS)).start();
    }

    @AfterAll
    static void stop() throws Exception {
        second.close();
        vertx.close();
    }

    @Test
    void whatOneReplicaWritesReachesTheOthersStreamsAndCachesAlsoAcrossACutConnection() throws Exception {
        String alice = UserIds.fresh("alice");
        String bob = UserIds.fresh("bob");
        graphql(first.getPort(), bob, "{ me { userId } }", Map.of());
        graphql(first.getPort(), alice, "mutation($n: String!) { updateProfile(input: {displayName: $n, expectedVersion: 0}) { version } }",
                Map.of("n", "Alice"));
        String roomId = alice + "-room";
        graphql(first.getPort(), alice, "mutation($r: RoomInput!) { createRoom(input: $r) { roomId } }",
                Map.of("r", Map.of("roomId", roomId, "memberIds", java.util.List.of(bob))));

        // Bob reads Alice through the second replica, which caches it.
        assertEquals("Alice", graphql(second.port(), bob, PROFILE, Map.of("u", alice)).getString("profile.displayName"));

        try (GraphQLWebSocket bobStream = GraphQLWebSocket.connect(vertx, URI.create("http://localhost:" + second.port() + "/graphql"))) {
            bobStream.init(Tokens.forUser(bob));
            assertEquals("connection_ack", bobStream.nextOfInterest(Duration.ofSeconds(5)).getString("type"));
            bobStream.subscribe("1", FOLLOW, new JsonObject().put("r", roomId));
            bobStream.awaitLive(() -> graphql(first.getPort(), alice, SEND,
                    Map.of("i", Map.of("clientId", "probe-" + System.nanoTime(), "roomId", roomId, "content", "probe"))));

            // A message sent through the first replica reaches Bob's stream on the second.
            long sent = System.nanoTime();
            graphql(first.getPort(), alice, SEND, Map.of("i", Map.of("clientId", "m1", "roomId", roomId, "content", "hello")));
            assertEquals("m1", messageIdOf(bobStream.nextOfInterest(Duration.ofSeconds(2))));
            System.out.printf("FanOutIT: first replica's mutation to second replica's subscriber: %d ms%n",
                    (System.nanoTime() - sent) / 1_000_000);

            // A profile change through the first replica is seen through the second's cached read at once.
            graphql(first.getPort(), alice, RENAME, Map.of("n", "Alice B.", "v", 1));
            assertEquals("Alice B.", Eventually.equalTo("Alice B.", Duration.ofSeconds(1),
                    () -> graphql(second.port(), bob, PROFILE, Map.of("u", alice))
                    .getString("profile.displayName")));

            // The second replica loses its stream connection; meanwhile the first writes on.
            assertTrue(killConnectionsNamed(SECOND_CONNECTIONS) >= 1, "no stream connection of the second replica");
            graphql(first.getPort(), alice, SEND, Map.of("i", Map.of("clientId", "m2", "roomId", roomId, "content", "while cut off")));
            graphql(first.getPort(), alice, RENAME, Map.of("n", "Alice C.", "v", 2));

            assertEquals("m2", messageIdOf(bobStream.nextOfInterest(Duration.ofSeconds(5))), "a live message was lost");
            assertEquals("Alice C.", Eventually.equalTo("Alice C.", Duration.ofSeconds(5),
                    () -> graphql(second.port(), bob, PROFILE, Map.of("u", alice))
                    .getString("profile.displayName")), "a stale entry stayed cached");
        }
    }

    private static String messageIdOf(JsonObject frame) {
        assertNotNull(frame, "no live message");
        return frame.getJsonObject("payload").getJsonObject("data").getJsonObject("roomMessages").getString("messageId");
    }

    private static long killConnectionsNamed(String name) throws SQLException {
        return (long) PackagedApps.number(
                "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE application_name = ?", name);
    }
}
