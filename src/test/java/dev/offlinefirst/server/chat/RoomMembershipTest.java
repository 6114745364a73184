package dev.offlinefirst.server.chat;

import static dev.offlinefirst.server.support.Chat.PAGE;
import static dev.offlinefirst.server.support.Chat.SEND;
import static dev.offlinefirst.server.support.Chat.message;
import static dev.offlinefirst.server.support.ErrorAssertions.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.offlinefirst.server.support.Chat;
import dev.offlinefirst.server.support.Database;
import dev.offlinefirst.server.support.GraphQLClient;
import dev.offlinefirst.server.support.GraphQLWebSocket;
import dev.offlinefirst.server.support.Sync;
import dev.offlinefirst.server.support.UserIds;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

/** removeRoomMember: the creator removes anyone, anyone leaves; the removed lose the room at once. */
@QuarkusTest
class RoomMembershipTest {

    private static final String REMOVE = "mutation($r: ID!, $u: ID!) { removeRoomMember(roomId: $r, userId: $u) }";

    @TestHTTPResource("/graphql")
    URI endpoint;

    @Inject
    Vertx vertx;

    private String aliceId;
    private String bobId;
    private String carolId;
    private GraphQLClient alice;
    private GraphQLClient bob;
    private GraphQLClient carol;
    private String roomId;

    @BeforeEach
    void aliceCreatedARoomWithBobAndCarol() {
        aliceId = UserIds.fresh("alice");
        bobId = UserIds.fresh("bob");
        carolId = UserIds.fresh("carol");
        alice = GraphQLClient.as(aliceId);
        bob = GraphQLClient.as(bobId);
        carol = GraphQLClient.as(carolId);
        Chat.users(aliceId, bobId, carolId);
        roomId = Chat.room(aliceId, bobId, carolId);
        alice.data(SEND, Map.of("input", message("before", roomId, "said before the removal")));
    }

    @Test
    void theCreatorRemovesAMemberWhoLosesTheRoomAtOnce() {
        Sync.Replay before = Sync.replay(bob, null, 500);
        assertTrue(before.applyTo(Map.of()).containsKey("message/" + aliceId + "/before"));
        assertEquals(List.of("before"), bob.data(PAGE, Map.of("roomId", roomId)).getList("messages.edges.messageId"));

        assertEquals(Boolean.TRUE, alice.data(REMOVE, Map.of("r", roomId, "u", bobId)).getBoolean("removeRoomMember"));

        assertEquals(List.of(), bob.data("{ rooms { roomId } }").getList("rooms"));
        assertEquals(List.of(), bob.data(PAGE, Map.of("roomId", roomId)).getList("messages.edges"));
        assertError(bob.run(SEND, Map.of("input", message("after", roomId, "still here?"))), "NOT_FOUND");
        assertEquals(List.of(aliceId, carolId), alice.data("{ rooms { members { userId } } }").getList("rooms[0].members.userId"));
        Map<String, JsonObject> store = Sync.replay(bob, before.cursor(), 500).applyTo(before.applyTo(Map.of()));
        assertTrue(store.keySet().stream().noneMatch(key -> key.contains(roomId) || key.endsWith("/before")),
                "Bob's device keeps the room: " + store.keySet());
    }

    @Test
    void theRemovedMembersLiveStreamEndsWithACodedError() throws Exception {
        try (GraphQLWebSocket socket = GraphQLWebSocket.following(vertx, endpoint, bobId,
                "subscription($r: ID!) { roomMessages(roomId: $r) { messageId } }", new JsonObject().put("r", roomId),
                () -> alice.data(SEND, Map.of("input", message(UserIds.fresh("probe"), roomId, "probe"))))) {

            alice.data(REMOVE, Map.of("r", roomId, "u", bobId));

            assertEquals(Map.of("1", "FORBIDDEN"), socket.endings(1, Duration.ofSeconds(3)));
            alice.data(SEND, Map.of("input", message("after", roomId, "bob must not see this")));
            socket.assertNothingMoreDelivered(Duration.ofMillis(700));
        }
    }

    @Test
    void aMemberLeavesButCannotRemoveOthers() {
        assertError(bob.run(REMOVE, Map.of("r", roomId, "u", carolId)), "FORBIDDEN");
        assertEquals(1, Database.count("SELECT count(*) FROM room_members WHERE room_id = ? AND user_id = ?", roomId, carolId));

        assertEquals(Boolean.TRUE, bob.data(REMOVE, Map.of("r", roomId, "u", bobId)).getBoolean("removeRoomMember"));
        assertEquals(List.of(), bob.data("{ rooms { roomId } }").getList("rooms"));
        assertError(bob.run(REMOVE, Map.of("r", roomId, "u", bobId)), "NOT_FOUND");
    }

    @Test
    void outsidersAndUnknownRoomsGetNotFoundAndChangeNothing() {
        String eveId = UserIds.fresh("eve");
        Chat.users(eveId);
        GraphQLClient eve = GraphQLClient.as(eveId);

        assertError(eve.run(REMOVE, Map.of("r", roomId, "u", bobId)), "NOT_FOUND");
        assertError(eve.run(REMOVE, Map.of("r", "no-such-room", "u", bobId)), "NOT_FOUND");
        assertError(eve.run(REMOVE, Map.of("r", roomId, "u", eveId)), "NOT_FOUND");
        assertEquals(3, Database.count("SELECT count(*) FROM room_members WHERE room_id = ?", roomId));
        assertEquals(Boolean.FALSE, alice.data(REMOVE, Map.of("r", roomId, "u", eveId)).getBoolean("removeRoomMember"));
    }

    @Test
    void aCreatorWhoLeavesHandsTheRoomToTheEarliestMember() {
        alice.data(REMOVE, Map.of("r", roomId, "u", aliceId));

        assertEquals(bobId, Database.text("SELECT created_by FROM chat_rooms WHERE room_id = ?", roomId));
        assertEquals(Boolean.TRUE, bob.data(REMOVE, Map.of("r", roomId, "u", carolId)).getBoolean("removeRoomMember"));
        bob.data(REMOVE, Map.of("r", roomId, "u", bobId));
        assertEquals(0, Database.count("SELECT count(*) FROM chat_rooms WHERE room_id = ?", roomId),
                "a room nobody is in goes");
    }

    @Test
    void removedCoMembersNoLongerSeeEachOthersCards() {
        assertEquals(carolId, bob.data("query($u: ID!) { profile(userId: $u) { userId } }", Map.of("u", carolId))
                .getString("profile.userId"));

        alice.data(REMOVE, Map.of("r", roomId, "u", carolId));

        assertEquals(null, bob.data("query($u: ID!) { profile(userId: $u) { userId } }", Map.of("u", carolId))
                .getString("profile.userId"));
    }
}
