package dev.offlinefirst.server.sync;

import static dev.offlinefirst.server.support.ErrorAssertions.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.offlinefirst.server.changes.ChangeLogPruning;
import dev.offlinefirst.server.support.Chat;
import dev.offlinefirst.server.support.Database;
import dev.offlinefirst.server.support.Social;
import dev.offlinefirst.server.support.Sync;
import dev.offlinefirst.server.support.TestUser;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vertx.core.json.JsonObject;

/** Delta sync as a device uses it: replay to build a local store, then keep it current with changes. */
@QuarkusTest
class DeltaSyncTest {

    @Inject
    ChangeLogPruning pruning;

    private TestUser alice;
    private TestUser bob;
    private TestUser carol;
    private TestUser dave;

    @BeforeEach
    void users() {
        alice = TestUser.create("alice");
        bob = TestUser.create("bob");
        carol = TestUser.create("carol");
        dave = TestUser.create("dave");
    }

    @Test
    void aTransactionThatCommitsAfterALaterOneIsNotSkipped() throws Exception {
        String start = Sync.replay(alice.client(), null, 500).cursor();
        try (Connection early = transaction(); Connection late = transaction()) {
            execute(early, insertSetting("early"));
            execute(late, insertSetting("late"));
            assertReadInCommitOrder(start, late, "late", early, "early");
        }
    }

    /**
     * The case the running list alone misses: PostgreSQL's snapshot lists only transactions below the
     * newest committed one, so one that took its id after it and wrote a lower change id is in no list.
     */
    @Test
    void aTransactionNewerThanTheLastCommitThatWroteFirstIsNotSkipped() throws Exception {
        String start = Sync.replay(alice.client(), null, 500).cursor();
        try (Connection older = transaction(); Connection newer = transaction()) {
            execute(older, "SELECT pg_current_xact_id()");
            execute(newer, insertSetting("written-first"));
            execute(older, insertSetting("committed-first"));
            assertReadInCommitOrder(start, older, "committed-first", newer, "written-first");
        }
    }

    /** {@code first} commits and a replay from {@code start} reads its setting alone; then {@code last}'s is read, and nothing more. */
    private void assertReadInCommitOrder(String start, Connection first, String firstKey, Connection last, String lastKey)
            throws SQLException {
        first.commit();
        Sync.Replay one = Sync.replay(alice.client(), start, 500);
        assertEquals(List.of("setting/" + alice.id() + "/" + firstKey), keys(one));
        last.commit();
        Sync.Replay two = Sync.replay(alice.client(), one.cursor(), 500);
        assertEquals(List.of("setting/" + alice.id() + "/" + lastKey), keys(two), "the transaction that committed last was skipped");
        assertEquals(List.of(), keys(Sync.replay(alice.client(), two.cursor(), 500)));
    }

    private String insertSetting(String key) {
        return "INSERT INTO user_settings (user_id, setting_key, value) VALUES ('" + alice.id() + "', '" + key + "', 'v')";
    }

    private static Connection transaction() throws SQLException {
        Connection connection = Database.connect();
        connection.setAutoCommit(false);
        return connection;
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    /** Rows of a transaction in flight at the last read come whole, even when they outnumber a page. */
    @Test
    void aLateTransactionLargerThanAPageIsReadWhole() throws Exception {
        String start = Sync.replay(alice.client(), null, 500).cursor();
        try (Connection late = transaction()) {
            execute(late, "INSERT INTO user_settings (user_id, setting_key, value) SELECT '" + alice.id()
                    + "', 'bulk-' || i, 'v' FROM generate_series(1, 12) i");
            alice.data("mutation { setSetting(key: \"after\", value: \"x\") { key } }");
            Sync.Replay first = Sync.replay(alice.client(), start, 500);
            assertEquals(List.of("setting/" + alice.id() + "/after"), keys(first));

            late.commit();
            Set<String> seen = new TreeSet<>();
            String cursor = first.cursor();
            for (int page = 0; page < 10; page++) {
                JsonPath answer = alice.client().data("query($since: String) { changes(since: $since, limit: 5) { cursor hasMore changes { entity id } } }",
                        java.util.Collections.singletonMap("since", cursor));
                answer.getList("changes.changes", Map.class).forEach(change -> seen.add(change.get("entity") + "/" + change.get("id")));
                cursor = answer.getString("changes.cursor");
                if (!answer.getBoolean("changes.hasMore")) {
                    break;
                }
            }
            assertEquals(12, seen.stream().filter(key -> key.contains("/bulk-")).count(), () -> "seen: " + seen);
        }
    }

    @Test
    void replayingFromNothingRebuildsExactlyWhatTheViewerMaySee() {
        Map<String, String> expected = aliceWorld();
        Map<String, JsonObject> store = Sync.replay(alice.client(), null, 3).applyTo(Map.of());
        assertEquals(new TreeSet<>(expected.keySet()), new TreeSet<>(store.keySet()));
        expected.forEach((key, field) -> {
            if (field != null) {
                String[] pair = field.split("=", 2);
                assertEquals(pair[1], String.valueOf(store.get(key).getValue(pair[0])), () -> key + " in " + store.get(key));
            }
        });
        assertEquals("true", String.valueOf(store.get("message/" + alice.id() + "/hello").getValue("isMine")));
    }

    @Test
    void anUnfriendAndARoomRemovalArriveAsTombstonesOfWhatWasLost() {
        aliceWorld();
        Sync.Replay before = Sync.replay(alice.client(), null, 500);
        Map<String, JsonObject> store = before.applyTo(Map.of());
        String roomId = Database.text("SELECT room_id FROM room_members WHERE user_id = ? AND room_id LIKE 'room-%' LIMIT 1", carol.id());
        assertTrue(store.containsKey("post/" + bob.id() + "/bob-friends"));
        assertTrue(store.containsKey("message/" + carol.id() + "/carol-says"));

        Social.unfriend(bob.id(), alice.id());
        // As removeRoomMember does: the membership row goes.
        Database.execute("DELETE FROM room_members WHERE room_id = ? AND user_id = ?", roomId, alice.id());

        Sync.Replay after = Sync.replay(alice.client(), before.cursor(), 500);
        Set<String> tombstones = new TreeSet<>();
        after.changes().stream().filter(c -> Boolean.TRUE.equals(c.get("deleted"))).forEach(c -> tombstones.add(c.get("entity") + "/" + c.get("id")));
        assertTrue(tombstones.containsAll(List.of(
                "friend/" + alice.id() + "/" + bob.id(),
                "post/" + bob.id() + "/bob-friends",
                "post/" + bob.id() + "/bob-public",
                "profile/" + bob.id(),
                "room/" + roomId,
                "room_member/" + alice.id() + "/" + roomId,
                "room_member/" + carol.id() + "/" + roomId,
                "message/" + carol.id() + "/carol-says",
                "message/" + alice.id() + "/hello")), () -> "tombstones: " + tombstones);
        assertFalse(tombstones.contains("post/" + bob.id() + "/bob-private"), "named a private post the viewer never saw");

        Map<String, JsonObject> incremental = after.applyTo(store);
        Map<String, JsonObject> fresh = Sync.replay(alice.client(), null, 500).applyTo(Map.of());
        assertEquals(new TreeSet<>(fresh.keySet()), new TreeSet<>(incremental.keySet()));
    }

    @Test
    void aNewFriendsEarlierPostsArriveWithTheFriendship() {
        Social.post(dave.id(), "dave-old", "FRIENDS");
        Social.post(dave.id(), "dave-private", "PRIVATE");
        String cursor = Sync.replay(alice.client(), null, 500).cursor();
        Social.befriend(alice.id(), dave.id());
        Map<String, JsonObject> store = Sync.replay(alice.client(), cursor, 500).applyTo(Map.of());
        assertTrue(store.containsKey("post/" + dave.id() + "/dave-old"), () -> "store: " + store.keySet());
        assertTrue(store.containsKey("profile/" + dave.id()));
        assertFalse(store.containsKey("post/" + dave.id() + "/dave-private"));
    }

    @Test
    void nothingOfAnotherUserLeaksIntoMyChanges() {
        aliceWorld();
        // Dave only asked Alice to be friends: his own card, his request and (at most) Alice's card.
        Map<String, JsonObject> daves = Sync.replay(dave.client(), null, 500).applyTo(Map.of());
        String request = "friend/" + dave.id() + "/" + alice.id();
        assertTrue(daves.containsKey(request), () -> "dave's store: " + daves.keySet());
        assertTrue(Set.of("profile/" + dave.id(), "profile/" + alice.id(), request).containsAll(daves.keySet()),
                () -> "dave sees more than his request: " + daves.keySet());
        Map<String, JsonObject> bobs = Sync.replay(bob.client(), null, 500).applyTo(Map.of());
        assertFalse(bobs.keySet().stream().anyMatch(key -> key.startsWith("setting/" + alice.id()) || key.startsWith("operation/" + alice.id())),
                () -> "bob sees " + bobs.keySet());
        assertFalse(bobs.containsKey("post/" + alice.id() + "/alice-private"));
        assertTrue(bobs.containsKey("post/" + alice.id() + "/alice-friends"));
    }

    @Test
    void aMalformedCursorOrLimitIsRefused() {
        assertError(alice.run(Sync.CHANGES, Map.of("since", "not a cursor")), "BAD_USER_INPUT");
        assertError(alice.run(Sync.CHANGES, Map.of("since", "YzEuLTEu")), "BAD_USER_INPUT");
        assertError(alice.run(Sync.CHANGES, Map.of("limit", 0)), "BAD_USER_INPUT");
        assertError(alice.run(Sync.CHANGES, Map.of("limit", 1001)), "BAD_USER_INPUT");
    }

    @Test
    void aFreshDeviceReadingInSmallPagesGetsNothingTwice() {
        TestUser bob = TestUser.create("bob");
        for (int i = 0; i < 3; i++) {
            Social.post(bob.id(), "before-" + i, "FRIENDS");
        }
        String room = Chat.room(bob.id());
        bob.data(Chat.SEND, Map.of("input", Chat.message("early", room, "before alice joined")));
        // the friendship and the membership come after what they bring, in the log
        Social.befriend(alice.id(), bob.id());
        bob.data("mutation($r: ID!, $u: ID!) { addRoomMember(roomId: $r, userId: $u) { roomId } }", Map.of("r", room, "u", alice.id()));
        List<String> read = new java.util.ArrayList<>();
        String since = null;
        JsonPath page;
        do {
            Map<String, Object> variables = new HashMap<>();
            variables.put("since", since);
            variables.put("limit", 2);
            page = alice.data(Sync.CHANGES, variables);
            for (Map<String, Object> change : page.<Map<String, Object>> getList("changes.changes")) {
                read.add(change.get("entity") + "/" + change.get("id"));
            }
            since = page.getString("changes.cursor");
        } while (page.getBoolean("changes.hasMore"));
        assertTrue(read.contains("post/" + bob.id() + "/before-0") && read.contains("message/" + bob.id() + "/early"), read::toString);
        assertEquals(new java.util.HashSet<>(read).size(), read.size(), () -> "read twice: " + read);
    }

    @Test
    void anEntityFilterAnswersOnlyThoseEntitiesWithWhatCameAlong() {
        TestUser bob = TestUser.create("bob");
        Social.post(bob.id(), "bob-before", "FRIENDS");
        String room = Chat.room(alice.id());
        alice.data(Chat.SEND, Map.of("input", Chat.message("noise", room, "not a post")));
        alice.data("mutation { setSetting(key: \"noise\", value: \"x\") { key } }");
        String cursor = alice.data(POSTS_ONLY, Map.of()).getString("changes.cursor");
        Social.befriend(alice.id(), bob.id());
        alice.data(Chat.SEND, Map.of("input", Chat.message("more-noise", room, "still not a post")));
        JsonPath page = alice.data(POSTS_ONLY, Map.of("since", cursor));
        assertEquals(List.of("post"), page.getList("changes.changes.entity").stream().distinct().toList());
        assertEquals(List.of(bob.id() + "/bob-before"), page.getList("changes.changes.id"));
        assertError(alice.run("{ changes(entities: [\"nonsense\"]) { cursor } }"), "BAD_USER_INPUT");
    }

    private static final String POSTS_ONLY = """
            query($since: String) { changes(since: $since, entities: ["post"]) { cursor changes { entity id deleted } } }""";

    @Test
    void aCursorOlderThanPruningStillLearnsOfEveryDeletion() {
        alice.data("mutation { setSetting(key: \"gone\", value: \"x\") { key } }");
        alice.data("mutation { setSetting(key: \"kept\", value: \"1\") { key } }");
        String cursor = Sync.replay(alice.client(), null, 500).cursor();
        alice.data("mutation { deleteSetting(key: \"gone\") }");
        alice.data("mutation { setSetting(key: \"kept\", value: \"2\") { key } }");
        alice.data("mutation { setSetting(key: \"kept\", value: \"3\") { key } }");
        Database.execute("UPDATE change_log SET changed_at = now() - interval '400 days' WHERE owner_id = ?", alice.id());
        pruning.prune(Instant.now().minus(Duration.ofDays(30))).await().indefinitely();
        // only superseded rows went: one row is left per entity, the tombstone included
        assertEquals(1, Database.count("SELECT count(*) FROM change_log WHERE entity_id = ?", alice.id() + "/kept"));
        assertEquals(1, Database.count("SELECT count(*) FROM change_log WHERE entity_id = ?", alice.id() + "/gone"));
        JsonPath page = alice.data(Sync.CHANGES, Map.of("since", cursor));
        assertFalse(page.getBoolean("changes.resyncRequired"));
        Map<String, Boolean> deleted = new HashMap<>();
        for (Map<String, Object> change : page.<Map<String, Object>> getList("changes.changes")) {
            deleted.put((String) change.get("id"), (Boolean) change.get("deleted"));
        }
        assertEquals(Map.of(alice.id() + "/gone", true, alice.id() + "/kept", false), deleted);
    }

    @Test
    void aCursorBelowTombstonesRemovedByHandMustResync() {
        String cursor = Sync.replay(alice.client(), null, 500).cursor();
        alice.data("mutation { setSetting(key: \"later\", value: \"x\") { key } }");
        Database.execute("UPDATE change_log_horizon SET pruned_through_change = (SELECT max(change_id) FROM change_log)");
        try {
            JsonPath page = alice.data(Sync.CHANGES, Map.of("since", cursor));
            assertTrue(page.getBoolean("changes.resyncRequired"));
            assertEquals(List.of(), page.getList("changes.changes"));
        } finally {
            Database.execute("UPDATE change_log_horizon SET pruned_through_change = 0");
        }
    }

    /**
     * Alice: a setting (and one deleted), a room with carol and messages, bob an accepted friend with
     * posts of each visibility, a pending request from dave, her own posts and an operation. Answers the
     * keys her store must hold, each with one field=value to check (or null).
     */
    private Map<String, String> aliceWorld() {
        String a = alice.id();
        String b = bob.id();
        String c = carol.id();
        alice.data("mutation { setSetting(key: \"theme\", value: \"dark\") { key } }");
        alice.data("mutation { setSetting(key: \"theme\", value: \"light\") { key } }");
        alice.data("mutation { setSetting(key: \"tmp\", value: \"x\") { key } }");
        alice.data("mutation { deleteSetting(key: \"tmp\") }");
        String roomId = Chat.room(c, a);
        alice.data(Chat.SEND, Map.of("input", Chat.message("hello", roomId, "hi carol")));
        carol.data(Chat.SEND, Map.of("input", Chat.message("carol-says", roomId, "hi alice")));
        Social.befriend(a, b);
        Social.post(b, "bob-friends", "FRIENDS");
        Social.post(b, "bob-public", "PUBLIC");
        Social.post(b, "bob-private", "PRIVATE");
        Social.post(a, "alice-friends", "FRIENDS");
        Social.post(a, "alice-private", "PRIVATE");
        Social.post(a, "alice-deleted", "PUBLIC");
        alice.data("mutation { deletePost(postId: \"alice-deleted\") }");
        Social.request(dave.id(), a);
        Sync.push(alice.client(), Sync.op("op-1", "set_setting", "key", "queued", "value", "q"));
        String opId = (String) Sync.settled(alice.client(), "op-1").get("op-1").get("id");

        Map<String, String> expected = new HashMap<>();
        expected.put("profile/" + a, "userId=" + a);
        expected.put("profile/" + b, "userId=" + b);
        expected.put("profile/" + c, "userId=" + c);
        // dave asked alice to be friends: each sees the other's card
        expected.put("profile/" + dave.id(), "userId=" + dave.id());
        expected.put("setting/" + a + "/theme", "value=light");
        expected.put("setting/" + a + "/queued", "value=q");
        expected.put("room/" + roomId, "createdBy=" + c);
        expected.put("room_member/" + a + "/" + roomId, null);
        expected.put("room_member/" + c + "/" + roomId, null);
        expected.put("message/" + a + "/hello", "content=hi carol");
        expected.put("message/" + c + "/carol-says", "content=hi alice");
        expected.put("friend/" + a + "/" + b, "status=ACCEPTED");
        expected.put("friend/" + dave.id() + "/" + a, "status=PENDING");
        expected.put("post/" + b + "/bob-friends", "visibility=FRIENDS");
        expected.put("post/" + b + "/bob-public", "visibility=PUBLIC");
        expected.put("post/" + a + "/alice-friends", null);
        expected.put("post/" + a + "/alice-private", null);
        expected.put("operation/" + a + "/" + opId, "status=APPLIED");
        return expected;
    }

    private static List<String> keys(Sync.Replay replay) {
        return replay.changes().stream().map(change -> change.get("entity") + "/" + change.get("id")).toList();
    }
}
