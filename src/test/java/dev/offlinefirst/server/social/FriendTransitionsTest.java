package dev.offlinefirst.server.social;

import static dev.offlinefirst.server.support.ErrorAssertions.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.offlinefirst.server.support.Chat;
import dev.offlinefirst.server.support.Database;
import dev.offlinefirst.server.support.GraphQLClient;
import dev.offlinefirst.server.support.Social;
import dev.offlinefirst.server.support.UserIds;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

@QuarkusTest
class FriendTransitionsTest {

    private static final String REQUEST = "mutation($u: ID!) { requestFriend(userId: $u) { userId status requestedByMe } }";
    private static final String RESPOND = "mutation($u: ID!, $a: Boolean!) { respondFriend(userId: $u, accept: $a) { status } }";
    private static final String REMOVE = "mutation($u: ID!) { removeFriend(userId: $u) }";
    private static final String FRIENDS = "query($s: FriendStatus) { friends(status: $s) { userId status requestedByMe friend { userId } } }";

    private String aliceId;
    private String bobId;
    private String eveId;
    private GraphQLClient alice;
    private GraphQLClient bob;
    private GraphQLClient eve;

    @BeforeEach
    void threeUsers() {
        aliceId = UserIds.fresh("alice");
        bobId = UserIds.fresh("bob");
        eveId = UserIds.fresh("eve");
        Chat.users(aliceId, bobId, eveId);
        alice = GraphQLClient.as(aliceId);
        bob = GraphQLClient.as(bobId);
        eve = GraphQLClient.as(eveId);
    }

    @Test
    void aRequestIsPendingOnBothSidesUntilTheAddresseeAccepts() {
        JsonPath asked = alice.data(REQUEST, Map.of("u", bobId));
        assertEquals("PENDING", asked.getString("requestFriend.status"));
        assertTrue(asked.getBoolean("requestFriend.requestedByMe"));
        JsonPath bobsPending = bob.data(FRIENDS, Map.of("s", "PENDING"));
        assertEquals(List.of(aliceId), bobsPending.getList("friends.userId"));
        assertEquals(List.of(false), bobsPending.getList("friends.requestedByMe"));

        assertEquals("ACCEPTED", bob.data(RESPOND, Map.of("u", aliceId, "a", true)).getString("respondFriend.status"));

        assertEquals(List.of(bobId), alice.data(FRIENDS, Map.of()).getList("friends.friend.userId"));
        assertEquals(List.of(aliceId), bob.data(FRIENDS, Map.of("s", "ACCEPTED")).getList("friends.userId"));
    }

    @Test
    void askingTwiceMakesOneRequest() {
        alice.data(REQUEST, Map.of("u", bobId));
        assertEquals("PENDING", alice.data(REQUEST, Map.of("u", bobId)).getString("requestFriend.status"));
        assertEquals(1, pairRows());
    }

    @Test
    void askingSomeoneWhoAlreadyAskedYouAcceptsTheirRequest() {
        alice.data(REQUEST, Map.of("u", bobId));
        JsonPath answer = bob.data(REQUEST, Map.of("u", aliceId));
        assertEquals("ACCEPTED", answer.getString("requestFriend.status"));
        assertFalse(answer.getBoolean("requestFriend.requestedByMe"));
        assertEquals(1, pairRows());
    }

    @Test
    void onlyTheAddresseeAnswersAndOnlyOnce() {
        alice.data(REQUEST, Map.of("u", bobId));
        assertError(alice.run(RESPOND, Map.of("u", bobId, "a", true)), "FORBIDDEN");
        assertError(eve.run(RESPOND, Map.of("u", aliceId, "a", true)), "NOT_FOUND");
        bob.data(RESPOND, Map.of("u", aliceId, "a", true));

        assertError(bob.run(RESPOND, Map.of("u", aliceId, "a", true)), "CONFLICT");
        assertError(bob.run(RESPOND, Map.of("u", aliceId, "a", false)), "CONFLICT");
        assertEquals("ACCEPTED", pairStatus());
    }

    @Test
    void aDeclinedRequesterCannotAskAgainButTheAddresseeCanStillAccept() {
        alice.data(REQUEST, Map.of("u", bobId));
        assertEquals("DECLINED", bob.data(RESPOND, Map.of("u", aliceId, "a", false)).getString("respondFriend.status"));
        assertError(bob.run(RESPOND, Map.of("u", aliceId, "a", false)), "CONFLICT");

        assertError(alice.run(REQUEST, Map.of("u", bobId)), "CONFLICT");
        assertEquals("DECLINED", pairStatus());

        assertEquals("ACCEPTED", bob.data(RESPOND, Map.of("u", aliceId, "a", true)).getString("respondFriend.status"));
    }

    @Test
    void eitherSideRemovesAndRemovingAgainIsHarmless() {
        Social.befriend(aliceId, bobId);
        assertTrue(bob.data(REMOVE, Map.of("u", aliceId)).getBoolean("removeFriend"));
        assertFalse(alice.data(REMOVE, Map.of("u", bobId)).getBoolean("removeFriend"));
        assertEquals(0, pairRows());
        assertEquals(List.of(), alice.data(FRIENDS, Map.of()).getList("friends"));
        assertEquals(1, Database.count("""
                SELECT count(*) FROM change_log WHERE entity = 'friend' AND deleted AND owner_id = ? AND peer_id = ?""",
                aliceId, bobId), "removal leaves a tombstone for delta sync");
    }

    @Test
    void aThirdUserSeesNothingOfAPairAndChangesNothing() {
        alice.data(REQUEST, Map.of("u", bobId));
        for (String status : List.of("PENDING", "ACCEPTED", "DECLINED")) {
            assertEquals(List.of(), eve.data(FRIENDS, Map.of("s", status)).getList("friends"));
        }
        assertFalse(eve.data(REMOVE, Map.of("u", aliceId)).getBoolean("removeFriend"));
        assertError(eve.run(RESPOND, Map.of("u", bobId, "a", true)), "NOT_FOUND");
        assertEquals("PENDING", pairStatus());
    }

    @Test
    void badRequestsAreRefusedAndWriteNothing() {
        assertError(alice.run(REQUEST, Map.of("u", aliceId)), "BAD_USER_INPUT");
        assertError(alice.run(REQUEST, Map.of("u", "nobody-" + aliceId)), "NOT_FOUND");
        assertError(alice.run(REQUEST, Map.of("u", "x".repeat(65))), "BAD_USER_INPUT");
        assertError(alice.run(FRIENDS, Map.of("s", "BEST_FRIENDS")), "BAD_USER_INPUT");
        assertEquals(0, Database.count(
                "SELECT count(*) FROM friend_connections WHERE requester_id = ? OR addressee_id = ?", aliceId, aliceId));
    }

    private long pairRows() {
        return Database.count("""
                SELECT count(*) FROM friend_connections
                WHERE (requester_id = ? AND addressee_id = ?) OR (requester_id = ? AND addressee_id = ?)""",
                aliceId, bobId, bobId, aliceId);
    }

    private String pairStatus() {
        return Database.text("""
                SELECT status FROM friend_connections
                WHERE (requester_id = ? AND addressee_id = ?) OR (requester_id = ? AND addressee_id = ?)""",
                aliceId, bobId, bobId, aliceId);
    }
}
