package dev.offlinefirst.server.chat;

import static dev.offlinefirst.server.support.Chat.SEND;
import static dev.offlinefirst.server.support.Chat.message;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.offlinefirst.server.support.Chat;
import dev.offlinefirst.server.support.Database;
import dev.offlinefirst.server.support.GraphQLClient;
import dev.offlinefirst.server.support.GraphQLWebSocket;
import dev.offlinefirst.server.support.SqlStatements;
import dev.offlinefirst.server.support.Tokens;
import dev.offlinefirst.server.support.UserIds;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

/** The live room stream over graphql-transport-ws. */
@QuarkusTest
class RoomMessagesSubscriptionTest {

    private static final String FOLLOW = """
            subscription($roomId: ID!) { roomMessages(roomId: $roomId) { messageId roomId senderId content isMine } }""";
    private static final Duration SOON = Duration.ofSeconds(1);
    private static final Duration QUIET = Duration.ofMillis(700);

    @TestHTTPResource("/graphql")
    URI endpoint;

    @Inject
    Vertx vertx;

    private String aliceId;
    private String bobId;
    private String eveId;
    private String roomId;

    @BeforeEach
    void aliceAndBobShareARoom() {
        aliceId = UserIds.fresh("alice");
        bobId = UserIds.fresh("bob");
        eveId = UserIds.fresh("eve");
        Chat.users(aliceId, bobId, eveId);
        roomId = Chat.room(aliceId, bobId);
    }

    @Test
    void aMemberReceivesAMessageSentByMutationWithinOneSecond() throws Exception {
        try (GraphQLWebSocket bob = follow(bobId)) {
            long sentAt = System.nanoTime();
            GraphQLClient.as(aliceId).data(SEND, Map.of("input", message("live-1", roomId, "hello bob")));

            JsonObject frame = bob.nextOfInterest(SOON);
            long latencyMs = (System.nanoTime() - sentAt) / 1_000_000;

            assertNotNull(frame, "no message within a second");
            assertEquals("next", frame.getString("type"));
            JsonObject delivered = frame.getJsonObject("payload").getJsonObject("data").getJsonObject("roomMessages");
            assertEquals("live-1", delivered.getString("messageId"));
            assertEquals(aliceId, delivered.getString("senderId"));
            assertFalse(delivered.getBoolean("isMine"));
            assertTrue(latencyMs < 1_000, "latency " + latencyMs + " ms");
        }
    }

    @Test
    void liveDeliveryCostsTheSenderNothing() throws Exception {
        String quietRoom = Chat.room(aliceId, bobId);
        GraphQLClient alice = GraphQLClient.as(aliceId);
        long unwatched = SqlStatements.during(
                () -> alice.data(SEND, Map.of("input", message("quiet", quietRoom, "nobody follows"))));
        try (GraphQLWebSocket bob = follow(bobId)) {
            long before = SqlStatements.completed();
            alice.data(SEND, Map.of("input", message("watched", roomId, "bob follows")));
            assertNotNull(bob.nextOfInterest(SOON), "no live message");
            assertEquals(unwatched, SqlStatements.completed() - before, "the live stream added to the request's statements");
        }
    }

    @Test
    void aMessageOfTheLongestAllowedLengthIsDelivered() throws Exception {
        String content = "x".repeat(10_000);
        try (GraphQLWebSocket bob = follow(bobId)) {
            GraphQLClient.as(aliceId).data(SEND, Map.of("input", message("long", roomId, content)));

            JsonObject frame = bob.nextOfInterest(SOON);

            assertNotNull(frame, "no live message");
            assertEquals(content, frame.getJsonObject("payload").getJsonObject("data").getJsonObject("roomMessages")
                    .getString("content"));
        }
    }

    @Test
    void aMessageStoredByAnotherInstanceIsDelivered() throws Exception {
        try (GraphQLWebSocket bob = follow(bobId)) {
            // Another replica stored this message; only the database connects us.
            Database.execute("""
                    INSERT INTO chat_messages (message_id, room_id, sender_id, content, created_at)
                    VALUES ('elsewhere', ?, ?, 'from another replica', now())""", roomId, aliceId);

            JsonObject frame = bob.nextOfInterest(SOON);

            assertNotNull(frame, "no message within a second");
            assertEquals("from another replica",
                    frame.getJsonObject("payload").getJsonObject("data").getJsonObject("roomMessages").getString("content"));
        }
    }

    @Test
    void aNonMemberIsRefusedAndNeverReceivesAnEvent() throws Exception {
        try (GraphQLWebSocket eve = GraphQLWebSocket.connect(vertx, endpoint)) {
            eve.init(Tokens.forUser(eveId));
            assertEquals("connection_ack", eve.nextOfInterest(SOON).getString("type"));
            eve.subscribe("1", FOLLOW, new JsonObject().put("roomId", roomId));

            assertRefused(eve, "NOT_FOUND");

            GraphQLClient.as(aliceId).data(SEND, Map.of("input", message("private", roomId, "not for eve")));
            assertNull(eve.nextOfInterest(QUIET), "eve received a message after the refusal");
        }
    }

    @Test
    void aSubscriptionWithoutATokenIsRefused() throws Exception {
        try (GraphQLWebSocket anonymous = GraphQLWebSocket.connect(vertx, endpoint)) {
            anonymous.init(null);
            assertEquals("connection_ack", anonymous.nextOfInterest(SOON).getString("type"));
            anonymous.subscribe("1", FOLLOW, new JsonObject().put("roomId", roomId));

            assertRefused(anonymous, "UNAUTHENTICATED");

            GraphQLClient.as(aliceId).data(SEND, Map.of("input", message("private-2", roomId, "not for anyone else")));
            assertNull(anonymous.nextOfInterest(QUIET), "received a message after the refusal");
        }
    }

    @Test
    void aConnectionInitWithABadTokenIsClosedWith4403() throws Exception {
        try (GraphQLWebSocket mallory = GraphQLWebSocket.connect(vertx, endpoint)) {
            mallory.init(Tokens.badSignature(eveId));
            assertEquals(Short.valueOf((short) 4403), mallory.awaitClose(Duration.ofSeconds(3)));
        }
    }

    @Test
    void messagesOfOtherRoomsAreNotDelivered() throws Exception {
        String otherRoom = Chat.room(aliceId, bobId);
        try (GraphQLWebSocket bob = follow(bobId)) {
            GraphQLClient.as(aliceId).data(SEND, Map.of("input", message("elsewhere", otherRoom, "other room")));
            GraphQLClient.as(aliceId).data(SEND, Map.of("input", message("here", roomId, "this room")));

            JsonObject frame = bob.nextOfInterest(SOON);
            assertEquals("here", frame.getJsonObject("payload").getJsonObject("data").getJsonObject("roomMessages")
                    .getString("messageId"));
            assertNull(bob.nextOfInterest(QUIET));
        }
    }

    @Test
    void everyFollowerReceivesEveryMessageOfABurst() throws Exception {
        List<String> members = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            members.add(UserIds.fresh("member"));
        }
        Chat.users(members.toArray(String[]::new));
        String busyRoom = Chat.room(aliceId, members.toArray(String[]::new));
        List<GraphQLWebSocket> followers = new ArrayList<>();
        GraphQLClient alice = GraphQLClient.as(aliceId);
        try {
            for (String member : members) {
                GraphQLWebSocket socket = GraphQLWebSocket.connect(vertx, endpoint);
                socket.init(Tokens.forUser(member));
                assertEquals("connection_ack", socket.nextOfInterest(SOON).getString("type"));
                socket.subscribe("1", FOLLOW, new JsonObject().put("roomId", busyRoom));
                socket.awaitLive(() -> alice.data(SEND, Map.of("input", message("probe-" + System.nanoTime(), busyRoom, "probe"))));
                followers.add(socket);
            }
            int sent = 60;
            for (int i = 0; i < sent; i++) {
                alice.data(SEND, Map.of("input", message("burst-" + i, busyRoom, "burst " + i)));
            }
            for (int f = 0; f < followers.size(); f++) {
                Set<String> received = new HashSet<>();
                JsonObject frame;
                while (received.size() < sent && (frame = followers.get(f).nextOfInterest(Duration.ofSeconds(3))) != null) {
                    assertEquals("next", frame.getString("type"), frame.encode());
                    // Earlier followers also see the probes of later ones; only the burst counts.
                    String messageId = frame.getJsonObject("payload").getJsonObject("data").getJsonObject("roomMessages")
                            .getString("messageId");
                    if (messageId.startsWith("burst-")) {
                        received.add(messageId);
                    }
                }
                assertEquals(sent, received.size(), "follower " + f + " missed messages");
            }
        } finally {
            for (GraphQLWebSocket socket : followers) {
                socket.close();
            }
        }
    }

    @Test
    void aLongTransactionElsewhereDoesNotDelayLiveMessages() throws Exception {
        try (GraphQLWebSocket bob = follow(bobId); Connection elsewhere = Database.connect()) {
            // Someone else's transaction has written and stays open while the message is sent.
            elsewhere.setAutoCommit(false);
            try (Statement statement = elsewhere.createStatement()) {
                statement.execute("INSERT INTO user_settings (user_id, setting_key, value) VALUES ('" + eveId + "', 'slow', 'x')");
            }
            GraphQLClient.as(aliceId).data(SEND, Map.of("input", message("past-long-tx", roomId, "not held back")));

            JsonObject frame = bob.nextOfInterest(SOON);

            assertNotNull(frame, "an open transaction elsewhere held back live delivery");
            assertEquals("past-long-tx", frame.getJsonObject("payload").getJsonObject("data")
                    .getJsonObject("roomMessages").getString("messageId"));
            elsewhere.rollback();
        }
    }

    @Test
    void aMessageSentWhileTheStreamConnectionIsDownIsStillDelivered() throws Exception {
        try (GraphQLWebSocket bob = follow(bobId)) {
            long killed = Database.count("""
                    SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity
                    WHERE datname = current_database() AND application_name = 'offline-data-server-background'""");
            assertTrue(killed >= 1, "no stream connection found");
            GraphQLClient.as(aliceId).data(SEND, Map.of("input", message("during-outage", roomId, "still here")));

            JsonObject frame = bob.nextOfInterest(Duration.ofSeconds(5));
            assertNotNull(frame, "the message sent while the stream was cut off was lost");
            assertEquals("during-outage", frame.getJsonObject("payload").getJsonObject("data")
                    .getJsonObject("roomMessages").getString("messageId"));
        }
    }

    /** One {@code next} frame carrying only the coded error, then {@code complete}. */
    private static void assertRefused(GraphQLWebSocket socket, String code) throws InterruptedException {
        JsonObject refusal = socket.nextOfInterest(SOON);
        assertNotNull(refusal, "no refusal");
        assertEquals("next", refusal.getString("type"), refusal.encode());
        JsonObject payload = refusal.getJsonObject("payload");
        assertNull(payload.getValue("data"), refusal.encode());
        assertEquals(code, payload.getJsonArray("errors").getJsonObject(0).getJsonObject("extensions").getString("code"));
        JsonObject complete = socket.nextOfInterest(SOON);
        assertEquals("complete", complete == null ? null : complete.getString("type"));
    }

    private GraphQLWebSocket follow(String userId) throws Exception {
        GraphQLClient alice = GraphQLClient.as(aliceId);
        return GraphQLWebSocket.following(vertx, endpoint, userId, FOLLOW, new JsonObject().put("roomId", roomId),
                () -> alice.data(SEND, Map.of("input", message("probe-" + System.nanoTime(), roomId, "probe"))));
    }

}
