package dev.offlinefirst.server.replication;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.offlinefirst.server.support.Chat;
import dev.offlinefirst.server.support.GraphQLWebSocket;
import dev.offlinefirst.server.support.Replicate.Collection;
import dev.offlinefirst.server.support.Social;
import dev.offlinefirst.server.support.TestUser;
import dev.offlinefirst.server.support.Tokens;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

/** The live half of replication: resync on connect, then each change to what the viewer holds. */
@QuarkusTest
class ReplicationStreamTest {

    @TestHTTPResource("/graphql")
    URI endpoint;

    @Inject
    Vertx vertx;

    @Test
    void aFriendsPostArrivesLiveAndLeavesWithTheFriendshipWhileAStrangerSeesNothing() throws Exception {
        TestUser alice = TestUser.create("alice");
        TestUser bob = TestUser.create("bob");
        TestUser eve = TestUser.create("eve");
        Social.befriend(alice.id(), bob.id());
        try (GraphQLWebSocket bobs = open(bob, Collection.POSTS); GraphQLWebSocket eves = open(eve, Collection.POSTS)) {
            Social.post(alice.id(), "live", "FRIENDS");
            JsonObject batch = batchWith(bobs, "streamPosts", alice.id() + "/live");
            assertNotNull(batch.getJsonObject("checkpoint"), batch::encode);
            Social.unfriend(alice.id(), bob.id());
            JsonObject gone = batchWith(bobs, "streamPosts", alice.id() + "/live");
            assertEquals(true, gone.getJsonArray("documents").getJsonObject(0).getBoolean("deleted"), gone::encode);
            // eve's stream carries nothing of alice's
            for (JsonObject frame = eves.nextOfInterest(Duration.ofMillis(500)); frame != null;
                    frame = eves.nextOfInterest(Duration.ofMillis(500))) {
                assertTrue(!frame.encode().contains(alice.id()), frame::encode);
            }
        }
    }

    @Test
    void newMessagesReachTheMembersLiveAndARemovalTurnsThemIntoDeletedDocuments() throws Exception {
        TestUser alice = TestUser.create("alice");
        TestUser bob = TestUser.create("bob");
        TestUser eve = TestUser.create("eve");
        String room = Chat.room(alice.id(), bob.id());
        try (GraphQLWebSocket bobs = open(bob, Collection.MESSAGES); GraphQLWebSocket eves = open(eve, Collection.MESSAGES)) {
            for (int i = 0; i < 3; i++) {
                alice.data(Chat.SEND, Map.of("input", Chat.message("live-" + i, room, "live " + i)));
            }
            // one batch may carry several of them
            Map<String, Boolean> mine = new java.util.HashMap<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (mine.size() < 3 && System.nanoTime() < deadline) {
                JsonObject frame = bobs.nextOfInterest(Duration.ofMillis(200));
                if (frame != null) {
                    frame.getJsonObject("payload").getJsonObject("data").getJsonObject("streamMessages").getJsonArray("documents")
                            .forEach(d -> mine.put(((JsonObject) d).getString("id"), ((JsonObject) d).getBoolean("isMine")));
                }
            }
            assertEquals(Map.of(alice.id() + "/live-0", false, alice.id() + "/live-1", false, alice.id() + "/live-2", false), mine);
            alice.data("mutation($r: ID!, $u: ID!) { removeRoomMember(roomId: $r, userId: $u) }", Map.of("r", room, "u", bob.id()));
            JsonObject gone = batchWith(bobs, "streamMessages", alice.id() + "/live-0");
            assertTrue(gone.getJsonArray("documents").stream().allMatch(d -> ((JsonObject) d).getBoolean("deleted")), gone::encode);
            alice.data(Chat.SEND, Map.of("input", Chat.message("after", room, "not for bob")));
            for (GraphQLWebSocket socket : List.of(bobs, eves)) {
                for (JsonObject frame = socket.nextOfInterest(Duration.ofMillis(500)); frame != null;
                        frame = socket.nextOfInterest(Duration.ofMillis(200))) {
                    assertTrue(!frame.encode().contains("not for bob") && (socket == bobs || !frame.encode().contains("live ")),
                            frame::encode);
                }
            }
        }
    }

    @Test
    void aTokenInTheInitPayloadsHeadersIsAcceptedAndAForgedOneRefused() throws Exception {
        TestUser alice = TestUser.create("alice");
        try (GraphQLWebSocket socket = GraphQLWebSocket.connect(vertx, endpoint)) {
            socket.initWithHeaders(Tokens.forUser(alice.id()));
            assertEquals("connection_ack", socket.nextOfInterest(Duration.ofSeconds(5)).getString("type"));
            socket.subscribe("1", Collection.SETTINGS.stream(), new JsonObject());
            JsonObject first = socket.nextOfInterest(Duration.ofSeconds(5));
            assertEquals(true, first.getJsonObject("payload").getJsonObject("data").getJsonObject("streamSettings")
                    .getBoolean("resync"), first::encode);
            alice.data("mutation { setSetting(key: \"live\", value: \"on\") { key } }");
            JsonObject batch = socket.nextOfInterest(Duration.ofSeconds(5));
            assertEquals("live", batch.getJsonObject("payload").getJsonObject("data").getJsonObject("streamSettings")
                    .getJsonArray("documents").getJsonObject(0).getString("id"), batch::encode);
        }
        try (GraphQLWebSocket forged = GraphQLWebSocket.connect(vertx, endpoint)) {
            forged.initWithHeaders(Tokens.badSignature(alice.id()));
            forged.nextOfInterest(Duration.ofSeconds(5));
            forged.subscribe("1", Collection.SETTINGS.stream(), new JsonObject());
            assertEquals(Map.of("1", "UNAUTHENTICATED"), forged.endings(1, Duration.ofSeconds(5)));
        }
    }

    /** A socket following one collection, past its first batch, which must be a resync. */
    private GraphQLWebSocket open(TestUser user, Collection collection) throws Exception {
        GraphQLWebSocket socket = GraphQLWebSocket.connect(vertx, endpoint);
        socket.init(Tokens.forUser(user.id()));
        assertEquals("connection_ack", socket.nextOfInterest(Duration.ofSeconds(5)).getString("type"));
        socket.subscribe("1", collection.stream(), new JsonObject());
        JsonObject first = socket.nextOfInterest(Duration.ofSeconds(5));
        JsonObject data = first.getJsonObject("payload").getJsonObject("data").getJsonObject("stream" + collection.name);
        assertEquals(true, data.getBoolean("resync"), first::encode);
        return socket;
    }

    /** The next batch of this stream holding this document, within 5 seconds. */
    private static JsonObject batchWith(GraphQLWebSocket socket, String stream, String id) throws InterruptedException {
        List<String> seen = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (System.nanoTime() < deadline) {
            JsonObject frame = socket.nextOfInterest(Duration.ofMillis(200));
            if (frame == null) {
                continue;
            }
            seen.add(frame.encode());
            JsonObject batch = frame.getJsonObject("payload").getJsonObject("data").getJsonObject(stream);
            if (batch.getJsonArray("documents").stream().anyMatch(d -> id.equals(((JsonObject) d).getString("id")))) {
                return batch;
            }
        }
        throw new AssertionError("no batch with " + id + "; saw " + seen);
    }
}
