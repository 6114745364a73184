package dev.offlinefirst.server.chat;

import static dev.offlinefirst.server.support.Chat.PAGE;
import static dev.offlinefirst.server.support.Chat.SEND;
import static dev.offlinefirst.server.support.Chat.SEND_MANY;
import static dev.offlinefirst.server.support.Chat.message;
import static dev.offlinefirst.server.support.ErrorAssertions.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.offlinefirst.server.support.Chat;
import dev.offlinefirst.server.support.Database;
import dev.offlinefirst.server.support.TestUser;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** Members see and write a room; everyone else learns nothing about it and changes nothing. */
@QuarkusTest
class ChatIsolationTest {

    private TestUser alice;
    private TestUser bob;
    private TestUser eve;
    private String roomId;

    @BeforeEach
    void aliceCreatedARoomWithBobAndEveIsOutside() {
        alice = TestUser.create("alice");
        bob = TestUser.create("bob");
        eve = TestUser.create("eve");
        Chat.users(alice.id(), bob.id(), eve.id());
        roomId = Chat.room(alice.id(), bob.id());
        alice.data(SEND, Map.of("input", message("secret", roomId, "for members only")));
    }

    @Test
    void membersSeeTheRoomItsMembersAndItsMessages() {
        for (TestUser member : List.of(alice, bob)) {
            JsonPath data = member.data("{ rooms { roomId members { userId } } }");
            assertEquals(List.of(roomId), data.getList("rooms.roomId"));
            assertEquals(List.of(alice.id(), bob.id()), data.getList("rooms[0].members.userId"));
            assertEquals(List.of("for members only"),
                    member.data(PAGE, Map.of("roomId", roomId)).getList("messages.edges.content"));
        }
    }

    @Test
    void aNonMemberSeesNoRoomNoMessagesAndNoMembersProfiles() {
        JsonPath data = eve.data("""
                query($roomId: ID!) {
                  rooms { roomId }
                  messages(roomId: $roomId) { edges { messageId } pageInfo { hasMore endCursor } }
                  missing: messages(roomId: "no-such-room") { edges { messageId } pageInfo { hasMore endCursor } }
                  alice: profile(userId: "%s") { userId }
                }""".formatted(alice.id()), Map.of("roomId", roomId));
        assertEquals(List.of(), data.getList("rooms"));
        assertEquals(data.getMap("missing"), data.getMap("messages"), "a hidden room reads exactly like a missing one");
        assertNull(data.get("alice"));
    }

    @Test
    void coMembersSeeEachOthersProfiles() {
        assertEquals(alice.id(), bob.data("{ profile(userId: \"%s\") { userId } }".formatted(alice.id())).getString("profile.userId"));
        assertEquals(bob.id(), alice.data("{ profile(userId: \"%s\") { userId } }".formatted(bob.id())).getString("profile.userId"));
    }

    @Test
    void aNonMemberCannotSendToTheRoom() {
        assertError(eve.run(SEND, Map.of("input", message("intrude", roomId, "hi"))), "NOT_FOUND");
        assertError(eve.run(SEND_MANY, Map.of("inputs", List.of(message("intrude-2", roomId, "hi")))), "NOT_FOUND");
        assertEquals(0, Database.count("SELECT count(*) FROM chat_messages WHERE sender_id = ?", eve.id()));
    }

    @Test
    void aNonMemberCannotAddHimselfAndAMemberWhoIsNotTheCreatorCannotAddAnyone() {
        String add = "mutation($roomId: ID!, $userId: ID!) { addRoomMember(roomId: $roomId, userId: $userId) { roomId } }";
        String hiddenMessage = assertError(eve.run(add, Map.of("roomId", roomId, "userId", eve.id())), "NOT_FOUND");
        String missingMessage = assertError(eve.run(add, Map.of("roomId", "no-such-room", "userId", eve.id())), "NOT_FOUND");
        assertEquals(missingMessage.replace("no-such-room", roomId), hiddenMessage);
        assertError(bob.run(add, Map.of("roomId", roomId, "userId", eve.id())), "FORBIDDEN");
        assertEquals(2, Database.count("SELECT count(*) FROM room_members WHERE room_id = ?", roomId));
    }

    @Test
    void aPageAMemberReadIsNotShownToANonMember() {
        String missing = eve.data("{ messages(roomId: \"no-such-room\") { edges { messageId } pageInfo { hasMore endCursor } } }")
                .getMap("messages").toString();
        for (int read = 0; read < 2; read++) {
            assertEquals(List.of("for members only"), alice.data(PAGE, Map.of("roomId", roomId)).getList("messages.edges.content"));
            assertEquals(missing, eve.data(PAGE, Map.of("roomId", roomId)).getMap("messages").toString(),
                    "the page cached for the room's members reads as a missing room to Eve");
        }
    }

    @Test
    void theCreatorAddsMembersWhoThenSeeTheHistory() {
        assertEquals(List.of(), eve.data(PAGE, Map.of("roomId", roomId)).getList("messages.edges"));
        assertEquals(List.of("for members only"), alice.data(PAGE, Map.of("roomId", roomId)).getList("messages.edges.content"));
        alice.data("mutation { addRoomMember(roomId: \"%s\", userId: \"%s\") { roomId } }".formatted(roomId, eve.id()));
        assertEquals(List.of("for members only"), eve.data(PAGE, Map.of("roomId", roomId)).getList("messages.edges.content"));
        // Adding again changes nothing.
        alice.data("mutation { addRoomMember(roomId: \"%s\", userId: \"%s\") { roomId } }".formatted(roomId, eve.id()));
        assertEquals(3, Database.count("SELECT count(*) FROM room_members WHERE room_id = ?", roomId));
    }

    @Test
    void aTakenRoomIdCannotBeClaimedByAnotherUser() {
        JsonPath response = eve.run("""
                mutation($input: RoomInput!) { createRoom(input: $input) { roomId members { userId } } }""",
                Map.of("input", Map.of("roomId", roomId, "memberIds", List.of(eve.id()))));
        assertError(response, "CONFLICT");
        assertEquals(0, Database.count("SELECT count(*) FROM room_members WHERE room_id = ? AND user_id = ?", roomId, eve.id()));
    }

    @Test
    void replayingCreateRoomAnswersTheSameRoom() {
        JsonPath replay = alice.data("""
                mutation($input: RoomInput!) { createRoom(input: $input) { roomId createdBy members { userId } } }""",
                Map.of("input", Map.of("roomId", roomId, "memberIds", List.of(bob.id()))));
        assertEquals(alice.id(), replay.getString("createRoom.createdBy"));
        assertEquals(List.of(alice.id(), bob.id()), replay.getList("createRoom.members.userId"));
        assertEquals(1, Database.count("SELECT count(*) FROM chat_rooms WHERE room_id = ?", roomId));
    }

    @Test
    void roomsCannotBeCreatedWithUnknownUsersOrBadIds() {
        String create = "mutation($input: RoomInput!) { createRoom(input: $input) { roomId } }";
        assertError(alice.run(create, Map.of("input", Map.of("roomId", "r-ghost", "memberIds", List.of("ghost-user")))),
                "NOT_FOUND");
        assertError(alice.run(create, Map.of("input", Map.of("roomId", "r".repeat(65)))), "BAD_USER_INPUT");
        assertError(alice.run(create, Map.of("input", Map.of("roomId", "", "memberIds", List.of()))), "BAD_USER_INPUT");
        assertError(alice.run(create, Map.of("input", Map.of("roomId", "r-title", "title", "t".repeat(201)))),
                "BAD_USER_INPUT");
        assertEquals(0, Database.count("SELECT count(*) FROM chat_rooms WHERE room_id IN ('r-ghost', 'r-title', '')"));
    }
}
