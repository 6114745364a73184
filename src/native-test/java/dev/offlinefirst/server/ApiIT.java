package dev.offlinefirst.server;

import static dev.offlinefirst.server.support.ErrorAssertions.assertError;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.offlinefirst.server.support.Chat;
import dev.offlinefirst.server.support.GraphQLClient;
import dev.offlinefirst.server.support.GraphQLWebSocket;
import dev.offlinefirst.server.support.Social;
import dev.offlinefirst.server.support.Tokens;
import dev.offlinefirst.server.support.UserIds;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

/**
 * The packaged application (the JVM jar in CI, the native executable with {@code -Dnative}) in the prod
 * profile, end to end: identity, isolation, a chat round trip with its live stream, a social round
 * trip, health and metrics.
 */
@QuarkusIntegrationTest
@QuarkusTestResource(PackagedAppConfiguration.class)
class ApiIT {

    private static Vertx vertx;

    @TestHTTPResource("/graphql")
    URI endpoint;

    @BeforeAll
    static void startVertx() {
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void stopVertx() {
        vertx.close();
    }

    @Test
    void anonymousCallsAndForgedTokensAreRefused() {
        assertError(GraphQLClient.anonymous().run("{ me { userId } }"), "UNAUTHENTICATED");
        Response forged = GraphQLClient.withToken(Tokens.badSignature("mallory"))
                .postRaw("application/json", "{\"query\":\"{ me { userId } }\"}");
        assertEquals(401, forged.statusCode());
        assertError(forged.jsonPath(), "UNAUTHENTICATED");
    }

    @Test
    void withoutATokenKeyTheServerRefusesToStartAndSaysWhichVariableToSet() throws Exception {
        String output = new SecondReplica(8096).refusesToStartWithout("JWT_PUBLIC_KEY_LOCATION", java.time.Duration.ofSeconds(60));
        assertTrue(output.contains("set JWT_PUBLIC_KEY_LOCATION"), output);
        assertFalse(output.startsWith("exit 0"), output);
    }

    @Test
    void introspectionIsOffInProduction() {
        assertError(GraphQLClient.as(UserIds.fresh("curious")).run("{ __schema { types { name } } }"), "BAD_USER_INPUT");
        // The schema document follows the same switch.
        given().get("/graphql/schema.graphql").then().statusCode(404);
    }

    @Test
    void twoUsersNeverSeeEachOthersData() {
        String aliceId = UserIds.fresh("alice");
        GraphQLClient alice = GraphQLClient.as(aliceId);
        GraphQLClient bob = GraphQLClient.as(UserIds.fresh("bob"));
        alice.data("mutation { setSetting(key: \"secret\", value: \"alice-only\") { key } }");
        alice.data("mutation { updateProfile(input: {displayName: \"Alice\", expectedVersion: 0}) { version } }");

        JsonPath seenByBob = bob.data("""
                query($u: ID!) { settings { key } setting(key: "secret") { value } profile(userId: $u) { displayName } }""",
                Map.of("u", aliceId));
        assertEquals(List.of(), seenByBob.getList("settings"));
        assertNull(seenByBob.get("setting"));
        assertNull(seenByBob.get("profile"));
        assertEquals("Alice", alice.data("{ me { displayName } }").getString("me.displayName"));
    }

    @Test
    void aChatMessageReachesTheOtherMembersLiveStream() throws Exception {
        String aliceId = UserIds.fresh("alice");
        String bobId = UserIds.fresh("bob");
        Chat.users(aliceId, bobId);
        String roomId = Chat.room(aliceId, bobId);
        try (GraphQLWebSocket bob = GraphQLWebSocket.connect(vertx, endpoint)) {
            bob.init(Tokens.forUser(bobId));
            assertEquals("connection_ack", bob.nextOfInterest(Duration.ofSeconds(2)).getString("type"));
            bob.subscribe("1", "subscription($r: ID!) { roomMessages(roomId: $r) { messageId content isMine } }",
                    new JsonObject().put("r", roomId));
            bob.awaitLive(() -> GraphQLClient.as(aliceId).data(Chat.SEND,
                    Map.of("input", Chat.message("probe-" + System.nanoTime(), roomId, "probe"))));

            GraphQLClient.as(aliceId).data(Chat.SEND, Map.of("input", Chat.message("hello-1", roomId, "hello bob")));

            JsonObject frame = bob.nextOfInterest(Duration.ofSeconds(2));
            assertNotNull(frame, "no live message");
            JsonObject message = frame.getJsonObject("payload").getJsonObject("data").getJsonObject("roomMessages");
            assertEquals("hello bob", message.getString("content"));
            assertFalse(message.getBoolean("isMine"));
        }
        assertEquals("hello bob",
                GraphQLClient.as(bobId).data(Chat.PAGE, Map.of("roomId", roomId)).getString("messages.edges[0].content"));
    }

    @Test
    void aFriendsPostReachesTheFeedAndAStrangerSeesNothing() {
        String aliceId = UserIds.fresh("alice");
        String bobId = UserIds.fresh("bob");
        String eveId = UserIds.fresh("eve");
        Chat.users(aliceId, bobId, eveId);
        Social.befriend(aliceId, bobId);
        Social.post(aliceId, "p-1", "FRIENDS");

        assertEquals(List.of("p-1"), GraphQLClient.as(bobId).data(Social.FEED, Map.of()).getList("feed.edges.postId"));
        assertEquals(List.of(), GraphQLClient.as(eveId).data(Social.POSTS, Map.of("authorId", aliceId)).getList("posts.edges"));
    }

    @Test
    void healthAndMetricsAreServed() {
        for (String probe : List.of("/q/health/live", "/q/health/ready", "/q/health/started")) {
            given().get(probe).then().statusCode(200).body("status", equalTo("UP"));
        }
        GraphQLClient.as(UserIds.fresh("metrics")).data("{ me { userId } }");
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("http_server_requests_seconds_count"))
                .body(containsString("cache_gets_total"));
    }
}
