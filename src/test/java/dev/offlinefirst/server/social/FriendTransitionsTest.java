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
import dev.offlinefirst.server.support.Social;
import dev.offlinefirst.server.support.TestUser;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

@QuarkusTest
class FriendTransitionsTest {

    private static final String REQUEST = "mutation($u: ID!) { requestFriend(userId: $u) { userId status requestedByMe } }";
    private static final String RESPOND = "mutation($u: ID!, $a: Boolean!) { respondFriend(userId: $u, accept: $a) { status } }";
    private static final String REMOVE = "mutation($u: ID!) { removeFriend(userId: $u) }";
    private static final String FRIENDS = "query($s: FriendStatus) { friends(status: $s) { userId status requestedByMe friend { userId } } }";

    private TestUser alice;
    private TestUser bob;
    private TestUser eve;

    @BeforeEach
    void threeUsers() {
        alice = TestUser.create("alice");
        bob = TestUser.create("bob");
        eve = TestUser.create("eve");
        Chat.users(alice.id(), bob.id(), eve.id());
    }

    @Test
    void aRequestIsPendingOnBothSidesUntilTheAddresseeAccepts() {
        JsonPath asked = alice.data(REQUEST, Map.of("u", bob.id()));
        assertEquals("PENDING", asked.getString("requestFriend.status"));
        assertTrue(asked.getBoolean("requestFriend.requestedByMe"));
        JsonPath bobsPending = bob.data(FRIENDS, Map.of("s", "PENDING"));
        assertEquals(List.of(alice.id()), bobsPending.getList("friends.userId"));
        assertEquals(List.of(false), bobsPending.getList("friends.requestedByMe"));

        assertEquals("ACCEPTED", bob.data(RESPOND, Map.of("u", alice.id(), "a", true)).getString("respondFriend.status"));

        assertEquals(List.of(bob.id()), alice.data(FRIENDS, Map.of()).getList("friends.friend.userId"));
        assertEquals(List.of(alice.id()), bob.data(FRIENDS, Map.of("s", "ACCEPTED")).getList("friends.userId"));
    }

    @Test
    void askingTwiceMakesOneRequest() {
        alice.data(REQUEST, Map.of("u", bob.id()));
        assertEquals("PENDING", alice.data(REQUEST, Map.of("u", bob.id())).getString("requestFriend.status"));
        assertEquals(1, pairRows());
    }

    @Test
    void askingSomeoneWhoAlreadyAskedYouAcceptsTheirRequest() {
        alice.data(REQUEST, Map.of("u", bob.id()));
        JsonPath answer = bob.data(REQUEST, Map.of("u", alice.id()));
        assertEquals("ACCEPTED", answer.getString("requestFriend.status"));
        assertFalse(answer.getBoolean("requestFriend.requestedByMe"));
        assertEquals(1, pairRows());
    }

    @Test
    void onlyTheAddresseeAnswersAndOnlyOnce() {
        alice.data(REQUEST, Map.of("u", bob.id()));
        assertError(alice.run(RESPOND, Map.of("u", bob.id(), "a", true)), "FORBIDDEN");
        assertError(eve.run(RESPOND, Map.of("u", alice.id(), "a", true)), "NOT_FOUND");
        bob.data(RESPOND, Map.of("u", alice.id(), "a", true));

        assertError(bob.run(RESPOND, Map.of("u", alice.id(), "a", true)), "CONFLICT");
        assertError(bob.run(RESPOND, Map.of("u", alice.id(), "a", false)), "CONFLICT");
        assertEquals("ACCEPTED", pairStatus());
    }

    @Test
    void aDeclinedRequesterCannotAskAgainButTheAddresseeCanStillAccept() {
        alice.data(REQUEST, Map.of("u", bob.id()));
        assertEquals("DECLINED", bob.data(RESPOND, Map.of("u", alice.id(), "a", false)).getString("respondFriend.status"));
        assertError(bob.run(RESPOND, Map.of("u", alice.id(), "a", false)), "CONFLICT");

        assertError(alice.run(REQUEST, Map.of("u", bob.id())), "CONFLICT");
        assertEquals("DECLINED", pairStatus());

        assertEquals("ACCEPTED", bob.data(RESPOND, Map.of("u", alice.id(), "a", true)).getString("respondFriend.status"));
    }

    @Test
    void eitherSideRemovesAndRemovingAgainIsHarmless() {
        Social.befriend(alice.id(), bob.id());
        assertTrue(bob.data(REMOVE, Map.of("u", alice.id())).getBoolean("removeFriend"));
        assertFalse(alice.data(REMOVE, Map.of("u", bob.id())).getBoolean("removeFriend"));
        assertEquals(0, pairRows());
        assertEquals(List.of(), alice.data(FRIENDS, Map.of()).getList("friends"));
        assertEquals(1, Database.count("""
                SELECT count(*) FROM change_log WHERE entity = 'friend' AND deleted AND owner_id = ? AND peer_id = ?""",
                alice.id(), bob.id()), "removal leaves a tombstone for delta sync");
    }

    @Test
    void aThirdUserSeesNothingOfAPairAndChangesNothing() {
        alice.data(REQUEST, Map.of("u", bob.id()));
        for (String status : List.of("PENDING", "ACCEPTED", "DECLINED")) {
            assertEquals(List.of(), eve.data(FRIENDS, Map.of("s", status)).getList("friends"));
        }
        assertFalse(eve.data(REMOVE, Map.of("u", alice.id())).getBoolean("removeFriend"));
        assertError(eve.run(RESPOND, Map.of("u", bob.id(), "a", true)), "NOT_FOUND");
        assertEquals("PENDING", pairStatus());
    }

    @Test
    void badRequestsAreRefusedAndWriteNothing() {
        assertError(alice.run(REQUEST, Map.of("u", alice.id())), "BAD_USER_INPUT");
        assertError(alice.run(REQUEST, Map.of("u", "nobody-" + alice.id())), "NOT_FOUND");
        assertError(alice.run(REQUEST, Map.of("u", "x".repeat(65))), "BAD_USER_INPUT");
        assertError(alice.run(FRIENDS, Map.of("s", "BEST_FRIENDS")), "BAD_USER_INPUT");
        assertEquals(0, Database.count(
                "SELECT count(*) FROM friend_connections WHERE requester_id = ? OR addressee_id = ?", alice.id(), alice.id()));
    }

    private long pairRows() {
        return Database.count("""
                SELECT count(*) FROM friend_connections
                WHERE (requester_id = ? AND addressee_id = ?) OR (requester_id = ? AND addressee_id = ?)""",
                alice.id(), bob.id(), bob.id(), alice.id());
    }

    private String pairStatus() {
        return Database.text("""
                SELECT status FROM friend_connections
                WHERE (requester_id = ? AND addressee_id = ?) OR (requester_id = ? AND addressee_id = ?)""",
                alice.id(), bob.id(), bob.id(), alice.id());
    }
}
