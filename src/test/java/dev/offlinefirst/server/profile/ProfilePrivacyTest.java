package dev.offlinefirst.server.profile;

import static dev.offlinefirst.server.support.Chat.SEND;
import static dev.offlinefirst.server.support.Chat.message;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.offlinefirst.server.support.Chat;
import dev.offlinefirst.server.support.GraphQLClient;
import dev.offlinefirst.server.support.Social;
import dev.offlinefirst.server.support.Sync;
import dev.offlinefirst.server.support.UserIds;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vertx.core.json.JsonObject;

/**
 * Putting someone in a room shows you their card, never their details: the leak where any user could
 * add anyone to a room and then read their phone number through every path that shows a profile.
 */
@QuarkusTest
class ProfilePrivacyTest {

    private static final String DETAILS = "userId displayName bio phoneNumber";

    private String aliceId;
    private String eveId;
    private GraphQLClient alice;
    private GraphQLClient eve;

    @BeforeEach
    void aliceHasDetailsAndEveIsAStranger() {
        aliceId = UserIds.fresh("alice");
        eveId = UserIds.fresh("eve");
        alice = GraphQLClient.as(aliceId);
        eve = GraphQLClient.as(eveId);
        Chat.users(aliceId, eveId);
        alice.data("""
                mutation { updateProfile(input: {displayName: "Alice", bio: "private life", phoneNumber: "+4911122233",
                                                 expectedVersion: 0}) { version } }""");
    }

    @Test
    void aRoomMadeWithSomeoneShowsTheirCardButNotTheirDetails() {
        String roomId = Chat.room(eveId, aliceId);
        alice.data(SEND, Map.of("input", message("hi", roomId, "who are you?")));

        JsonPath seen = eve.data("""
                query($u: ID!, $r: ID!) {
                  profile(userId: $u) { %1$s }
                  rooms { members { %1$s } }
                  messages(roomId: $r) { edges { sender { %1$s } } }
                }""".formatted(DETAILS), Map.of("u", aliceId, "r", roomId));

        assertCardOnly(seen.getMap("profile"));
        assertCardOnly(seen.getList("rooms[0].members", Map.class).stream()
                .filter(member -> aliceId.equals(member.get("userId"))).findFirst().orElseThrow());
        assertCardOnly(seen.getMap("messages.edges[0].sender"));
        JsonObject card = Sync.replay(eve, null, 500).applyTo(Map.of()).get("profile/" + aliceId);
        assertEquals("Alice", card.getString("displayName"));
        assertNull(card.getValue("bio"), card.encode());
        assertNull(card.getValue("phoneNumber"), card.encode());
    }

    @Test
    void addRoomMemberShowsTheCardOnlyToo() {
        String roomId = Chat.room(eveId);
        eve.data("mutation($r: ID!, $u: ID!) { addRoomMember(roomId: $r, userId: $u) { roomId } }",
                Map.of("r", roomId, "u", aliceId));

        assertCardOnly(eve.data("query($u: ID!) { profile(userId: $u) { %s } }".formatted(DETAILS), Map.of("u", aliceId))
                .getMap("profile"));
    }

    @Test
    void anAcceptedFriendSeesTheBioButNeverThePhoneNumber() {
        Social.befriend(aliceId, eveId);

        Map<String, Object> profile = eve.data("query($u: ID!) { profile(userId: $u) { %s } }".formatted(DETAILS),
                Map.of("u", aliceId)).getMap("profile");
        assertEquals("private life", profile.get("bio"));
        assertNull(profile.get("phoneNumber"));
        List<Map<String, Object>> friends = eve.data("{ friends { friend { %s } } }".formatted(DETAILS)).getList("friends.friend");
        assertEquals("private life", friends.get(0).get("bio"));
        assertNull(friends.get(0).get("phoneNumber"));
    }

    @Test
    void theOwnerSeesEverything() {
        Map<String, Object> me = alice.data("{ me { %s } }".formatted(DETAILS)).getMap("me");
        assertEquals("private life", me.get("bio"));
        assertEquals("+4911122233", me.get("phoneNumber"));
    }

    private void assertCardOnly(Map<?, ?> profile) {
        assertTrue(profile != null, "the card should be visible");
        assertEquals(aliceId, profile.get("userId"));
        assertEquals("Alice", profile.get("displayName"));
        assertNull(profile.get("bio"), "bio leaked: " + profile);
        assertNull(profile.get("phoneNumber"), "phone number leaked: " + profile);
    }
}
