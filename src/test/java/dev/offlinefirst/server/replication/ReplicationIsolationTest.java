package dev.offlinefirst.server.replication;

import static dev.offlinefirst.server.support.ErrorAssertions.assertError;
import static dev.offlinefirst.server.support.Replicate.doc;
import static dev.offlinefirst.server.support.Replicate.row;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.offlinefirst.server.support.Chat;
import dev.offlinefirst.server.support.Database;
import dev.offlinefirst.server.support.GraphQLWebSocket;
import dev.offlinefirst.server.support.Replicate;
import dev.offlinefirst.server.support.Replicate.Collection;
import dev.offlinefirst.server.support.Social;
import dev.offlinefirst.server.support.TestUser;
import dev.offlinefirst.server.support.Tokens;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

/**
 * User B (eve) against user A's (alice's) data through every collection's pull, push and stream, and
 * bad rows: each is answered per row with its reason and changes nothing.
 */
@QuarkusTest
class ReplicationIsolationTest {

    @TestHTTPResource("/graphql")
    URI endpoint;

    @Inject
    Vertx vertx;

    TestUser alice;
    TestUser bob;
    TestUser eve;
    String room;
    /** One document of alice's per collection, as she holds it. */
    Map<Collection, Map<String, Object>> alices = new EnumMap<>(Collection.class);

    @BeforeEach
    void aliceHasSomethingInEveryCollection() {
        alice = TestUser.create("alice");
        bob = TestUser.create("bob");
        eve = TestUser.create("eve");
        alice.data("mutation { updateProfile(input: {displayName: \"Alice\", bio: \"secret bio\", phoneNumber: \"+100\", expectedVersion: 0}) { version } }");
        Social.befriend(alice.id(), bob.id());
        room = Chat.room(alice.id(), bob.id());
        alice.data(Chat.SEND, Map.of("input", Chat.message("m1", room, "for bob only")));
        Social.post(alice.id(), "pub", "PUBLIC");
        alice.data("mutation { setSetting(key: \"token\", value: \"s3cret\", secret: true) { key } }");
        alices.put(Collection.MESSAGES, held(alice, Collection.MESSAGES, alice.id() + "/m1"));
        alices.put(Collection.POSTS, held(alice, Collection.POSTS, alice.id() + "/pub"));
        alices.put(Collection.PROFILES, held(alice, Collection.PROFILES, alice.id()));
        alices.put(Collection.SETTINGS, held(alice, Collection.SETTINGS, "token"));
        alices.put(Collection.ROOMS, held(alice, Collection.ROOMS, room));
        alices.put(Collection.FRIENDS, held(alice, Collection.FRIENDS, bob.id()));
    }

    @Test
    void noPullOfAnotherUserHoldsAnythingOfAlices() {
        for (Collection collection : Collection.values()) {
            Map<String, Map<String, Object>> eves = Replicate.pullAll(eve.client(), collection, null, Map.of());
            String everything = eves.toString();
            assertFalse(everything.contains(alice.id()) || everything.contains(room) || everything.contains("s3cret"),
                    () -> collection + " of eve holds " + everything);
        }
        // even a friend never sees alice's phone number or secrets, and sees her bio as a friend
        Map<String, Object> card = Replicate.pullAll(bob.client(), Collection.PROFILES, null, Map.of()).get(alice.id());
        assertEquals("secret bio", card.get("bio"));
        assertEquals(null, card.get("phoneNumber"));
        assertFalse(Replicate.pullAll(bob.client(), Collection.SETTINGS, null, Map.of()).toString().contains("s3cret"));
    }

    @Test
    void everyPushIntoAlicesDataIsAnsweredPerRowAndChangesNothing() {
        String before = snapshot();
        for (Collection collection : Collection.values()) {
            Map<String, Object> hers = alices.get(collection);
            Map<String, Object> changed = new java.util.HashMap<>(hers);
            Map.of("content", "pwned", "displayName", "pwned", "value", "pwned", "title", "pwned", "status", "DECLINED")
                    .forEach(changed::replace);
            JsonPath response = eve.run(collection.push(), Map.of("rows", List.of(row(hers, changed), row(hers, Replicate.with(hers, "deleted", true)))));
            List<Map<String, Object>> answered = response.getList("data.push" + collection.name);
            // the answer names no more than the key eve sent: none of alice's data
            String text = answered.toString();
            assertFalse(text.contains("pwned") || text.contains("for bob only") || text.contains("Room " + room) || text.contains("s3cret")
                    || text.contains("secret bio") || text.contains("+100"), text);
            if (collection == Collection.SETTINGS || collection == Collection.FRIENDS) {
                // a key or a friend's id names eve's own document: deleting what she does not have is harmless
                continue;
            }
            // the change is refused; deleting a room eve is not in is a no-op of hers
            assertEquals(collection == Collection.ROOMS ? 1 : 2, answered.size(), () -> collection + ": " + response.prettify());
            List<Map<String, Object>> refused = response.getList("extensions.refused");
            assertEquals(answered.size(), refused.size(), () -> collection + ": " + response.prettify());
            assertTrue(refused.stream().allMatch(r -> r.get("reason") != null && r.get("code") != null), refused::toString);
            // what eve may not hold is answered as deleted, never with alice's data
            assertTrue(answered.stream().allMatch(d -> Boolean.TRUE.equals(d.get("deleted"))), () -> collection + ": " + answered);
        }
        assertEquals(before, snapshot());
    }

    @Test
    void noStreamOfAnotherUserCarriesAlicesChanges() throws Exception {
        List<GraphQLWebSocket> sockets = new ArrayList<>();
        try {
            for (Collection collection : Collection.values()) {
                GraphQLWebSocket socket = GraphQLWebSocket.connect(vertx, endpoint);
                sockets.add(socket);
                socket.init(Tokens.forUser(eve.id()));
                socket.nextOfInterest(Duration.ofSeconds(5));
                socket.subscribe("1", collection.stream(), new JsonObject());
                JsonObject first = socket.nextOfInterest(Duration.ofSeconds(5));
                assertTrue(first.encode().contains("\"resync\":true"), first::encode);
            }
            alice.data(Chat.SEND, Map.of("input", Chat.message("m2", room, "still for bob only")));
            Social.post(alice.id(), "pub2", "PUBLIC");
            alice.data("mutation { setSetting(key: \"token\", value: \"s3cret2\") { key } }");
            alice.data("mutation { updateProfile(input: {bio: \"another\", expectedVersion: 1}) { version } }");
            Social.unfriend(alice.id(), bob.id());
            // bob's stream of the same changes is live: eve's are quiet, not late
            for (GraphQLWebSocket socket : sockets) {
                for (JsonObject frame = socket.nextOfInterest(Duration.ofMillis(400)); frame != null;
                        frame = socket.nextOfInterest(Duration.ofMillis(200))) {
                    String text = frame.encode();
                    assertFalse(text.contains(alice.id()) || text.contains(room) || text.contains("s3cret"), text);
                }
            }
        } finally {
            for (GraphQLWebSocket socket : sockets) {
                socket.close();
            }
        }
    }

    @Test
    void badRowsAreAnsweredPerRowWithAReasonAndChangeNothing() {
        String before = snapshot();
        String mine = Chat.room(eve.id());
        List<Map<String, Object>> rows = List.of(
                row(null, doc("id", eve.id() + "/long", "roomId", mine, "content", "x".repeat(10_001))),
                row(null, doc("id", "x".repeat(200), "roomId", mine, "content", "id too long")),
                row(null, doc("id", eve.id() + "/a", "messageId", "b", "roomId", mine, "content", "ids disagree")),
                row(null, doc("id", eve.id() + "/nowhere", "roomId", "no-such-room", "content", "unknown room")),
                row(null, doc("id", eve.id() + "/blank", "roomId", mine, "content", "   ")));
        JsonPath response = eve.run(Collection.MESSAGES.push(), Map.of("rows", rows));
        assertEquals(5, response.getList("data.pushMessages").size(), response::prettify);
        List<Map<String, Object>> refused = response.getList("extensions.refused");
        assertEquals(List.of("BAD_USER_INPUT", "BAD_USER_INPUT", "BAD_USER_INPUT", "NOT_FOUND", "BAD_USER_INPUT"),
                refused.stream().map(r -> r.get("code")).toList(), refused::toString);
        assertTrue(((String) refused.get(0).get("reason")).contains("at most"), refused::toString);

        assertError(eve.run(Collection.SETTINGS.push(), Map.of("rows", List.of(row(null, doc("id", "k", "value", 42, "oops", true))))),
                "BAD_USER_INPUT");
        assertError(eve.run(Collection.PROFILES.push(), Map.of("rows", List.of(row(null, doc("id", eve.id(), "version", "two"))))),
                "BAD_USER_INPUT");
        assertError(eve.run(Collection.POSTS.push(), Map.of("rows", List.of(row(null, doc("id", eve.id() + "/p", "visibility", "EVERYONE"))))),
                "BAD_USER_INPUT");
        List<Map<String, Object>> profile = Replicate.push(eve.client(), Collection.PROFILES,
                List.of(row(null, doc("id", eve.id(), "displayName", "n".repeat(101)))));
        assertEquals(1, profile.size());
        List<Map<String, Object>> setting = Replicate.push(eve.client(), Collection.SETTINGS,
                List.of(row(null, doc("id", "big", "value", "v".repeat(65_537)))));
        assertEquals(List.of(true), setting.stream().map(d -> d.get("deleted")).toList());
        assertEquals(before, snapshot());
    }

    private static Map<String, Object> held(TestUser user, Collection collection, String id) {
        Map<String, Object> document = Replicate.pullAll(user.client(), collection, null, Map.of()).get(id);
        if (document == null) {
            throw new AssertionError(user.id() + " holds no " + collection + " " + id);
        }
        return document;
    }

    /** Every row any user has, but for eve's one room: whatever a refused push changed shows here. */
    private String snapshot() {
        return Database.text("""
                SELECT concat_ws('|',
                  (SELECT string_agg(user_id || display_name || coalesce(bio, '') || version, ',' ORDER BY user_id) FROM user_profiles),
                  (SELECT string_agg(user_id || setting_key || value, ',' ORDER BY user_id, setting_key) FROM user_settings),
                  (SELECT string_agg(sender_id || message_id || content, ',' ORDER BY id) FROM chat_messages),
                  (SELECT string_agg(author_id || post_id || content || visibility || coalesce(deleted_at::text, ''), ',' ORDER BY id) FROM social_posts),
                  (SELECT string_agg(room_id || coalesce(title, ''), ',' ORDER BY room_id) FROM chat_rooms WHERE created_by <> ?),
                  (SELECT string_agg(room_id || user_id, ',' ORDER BY room_id, user_id) FROM room_members WHERE user_id <> ?),
                  (SELECT string_agg(requester_id || addressee_id || status, ',' ORDER BY requester_id, addressee_id) FROM friend_connections))""",
                eve.id(), eve.id());
    }
}
