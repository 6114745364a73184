package dev.offlinefirst.server.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import dev.offlinefirst.server.support.Chat;
import dev.offlinefirst.server.support.Database;
import dev.offlinefirst.server.support.GraphQLClient;
import dev.offlinefirst.server.support.Replicate;
import dev.offlinefirst.server.support.Replicate.Collection;
import dev.offlinefirst.server.support.Social;
import dev.offlinefirst.server.support.Sync;
import dev.offlinefirst.server.support.Tokens;
import dev.offlinefirst.server.support.UserIds;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The table of mutation → what it makes stale: each row primes the cached reads a mutation affects,
 * runs the mutation, and checks the next read is fresh. A mutation without a row fails the build.
 */
@QuarkusTest
class MutationInvalidationTest {

    private static final String PROFILE = "query($u: ID!) { profile(userId: $u) { displayName } }";
    private static final String PROFILE_BIO = "query($u: ID!) { profile(userId: $u) { bio } }";
    private static final String FRIENDS = "query($s: FriendStatus) { friends(status: $s) { userId } }";
    private static final String SEND_TO_ROOM = """
            mutation($r: ID!) { sendMessage(input: {clientId: "from-alice", roomId: $r, content: "hi"}) { messageId } }""";

    /** One row of the table: arrange, prime the cached reads, mutate, check the reads. */
    interface Row {
        void run(Users users);
    }

    /** Three users that exist; alice and bob are friends, carol is a stranger. */
    record Users(String alice, String bob, String carol) {

        GraphQLClient as(String userId) {
            return GraphQLClient.as(userId);
        }
    }

    static final Map<String, Row> TABLE = new LinkedHashMap<>();

    static {
        TABLE.put("updateProfile → profiles (own and as seen by friends)", u -> {
            u.as(u.bob()).data(PROFILE, Map.of("u", u.alice()));
            u.as(u.alice()).data("{ me { displayName } }");
            u.as(u.alice()).data("mutation { updateProfile(input: {displayName: \"New\", expectedVersion: 1}) { version } }");
            assertEquals("New", u.as(u.bob()).data(PROFILE, Map.of("u", u.alice())).getString("profile.displayName"));
            assertEquals("New", u.as(u.alice()).data("{ me { displayName } }").getString("me.displayName"));
        });
        TABLE.put("setSetting → settings", u -> {
            u.as(u.alice()).data("{ settings { value } }");
            u.as(u.alice()).data("mutation { setSetting(key: \"k\", value: \"v2\") { key } }");
            assertEquals(List.of("v2"), u.as(u.alice()).data("{ settings { value } }").getList("settings.value"));
        });
        TABLE.put("deleteSetting → settings", u -> {
            u.as(u.alice()).data("mutation { setSetting(key: \"k\", value: \"v\") { key } }");
            u.as(u.alice()).data("{ settings { value } }");
            u.as(u.alice()).data("mutation { deleteSetting(key: \"k\") }");
            assertEquals(List.of(), u.as(u.alice()).data("{ settings { value } }").getList("settings"));
        });
        TABLE.put("createRoom → profiles of the new co-members", u -> {
            assertNull(u.as(u.carol()).data(PROFILE, Map.of("u", u.alice())).get("profile"));
            Chat.room(u.alice(), u.carol());
            assertEquals("Alice", u.as(u.carol()).data(PROFILE, Map.of("u", u.alice())).getString("profile.displayName"));
        });
        TABLE.put("addRoomMember → newest room page and co-member profiles", u -> {
            String roomId = Chat.room(u.alice());
            u.as(u.alice()).data(Chat.SEND, Map.of("input", Chat.message("m", roomId, "hi")));
            assertEquals(List.of(), u.as(u.carol()).data(Chat.PAGE, Map.of("roomId", roomId)).getList("messages.edges"));
            u.as(u.alice()).data("mutation($r: ID!, $u: ID!) { addRoomMember(roomId: $r, userId: $u) { roomId } }",
                    Map.of("r", roomId, "u", u.carol()));
            assertEquals(List.of("hi"), u.as(u.carol()).data(Chat.PAGE, Map.of("roomId", roomId)).getList("messages.edges.content"));
            assertEquals("Alice", u.as(u.carol()).data(PROFILE, Map.of("u", u.alice())).getString("profile.displayName"));
        });
        TABLE.put("sendMessage → newest room page", u -> {
            String roomId = Chat.room(u.alice(), u.bob());
            u.as(u.bob()).data(Chat.PAGE, Map.of("roomId", roomId));
            u.as(u.alice()).data(Chat.SEND, Map.of("input", Chat.message("m", roomId, "new")));
            assertEquals(List.of("new"), u.as(u.bob()).data(Chat.PAGE, Map.of("roomId", roomId)).getList("messages.edges.content"));
        });
        TABLE.put("sendMessages → newest room page", u -> {
            String roomId = Chat.room(u.alice(), u.bob());
            u.as(u.bob()).data(Chat.PAGE, Map.of("roomId", roomId));
            u.as(u.alice()).data(Chat.SEND_MANY, Map.of("inputs", List.of(Chat.message("a", roomId, "one"))));
            assertEquals(List.of("one"), u.as(u.bob()).data(Chat.PAGE, Map.of("roomId", roomId)).getList("messages.edges.content"));
        });
        TABLE.put("requestFriend → friend lists of both sides", u -> {
            u.as(u.carol()).data(FRIENDS, Map.of("s", "PENDING"));
            u.as(u.alice()).data("mutation($u: ID!) { requestFriend(userId: $u) { status } }", Map.of("u", u.carol()));
            assertEquals(List.of(u.alice()), u.as(u.carol()).data(FRIENDS, Map.of("s", "PENDING")).getList("friends.userId"));
        });
        TABLE.put("respondFriend → friend lists and profiles of both sides (a friend sees the bio)", u -> {
            u.as(u.alice()).data("mutation { updateProfile(input: {bio: \"hers\", expectedVersion: 1}) { version } }");
            Social.request(u.carol(), u.alice());
            u.as(u.carol()).data(FRIENDS, Map.of("s", "ACCEPTED"));
            assertNull(u.as(u.carol()).data(PROFILE_BIO, Map.of("u", u.alice())).getString("profile.bio"));
            Social.respond(u.alice(), u.carol(), true);
            assertEquals(List.of(u.alice()), u.as(u.carol()).data(FRIENDS, Map.of("s", "ACCEPTED")).getList("friends.userId"));
            assertEquals("hers", u.as(u.carol()).data(PROFILE_BIO, Map.of("u", u.alice())).getString("profile.bio"));
        });
        TABLE.put("removeFriend → friend lists and profiles of both sides", u -> {
            u.as(u.bob()).data(FRIENDS, Map.of());
            u.as(u.bob()).data(PROFILE, Map.of("u", u.alice()));
            Social.unfriend(u.alice(), u.bob());
            assertEquals(List.of(), u.as(u.bob()).data(FRIENDS, Map.of()).getList("friends"));
            assertNull(u.as(u.bob()).data(PROFILE, Map.of("u", u.alice())).get("profile"));
        });
        TABLE.put("createPost → nothing cached (posts and feed are read live)", u -> {
            u.as(u.bob()).data(Social.FEED, Map.of());
            Social.post(u.alice(), "p", "FRIENDS");
            assertEquals(List.of("p"), u.as(u.bob()).data(Social.FEED, Map.of()).getList("feed.edges.postId"));
        });
        TABLE.put("deletePost → nothing cached (posts and feed are read live)", u -> {
            Social.post(u.alice(), "p", "FRIENDS");
            u.as(u.bob()).data(Social.FEED, Map.of());
            u.as(u.alice()).data("mutation { deletePost(postId: \"p\") }");
            assertEquals(List.of(), u.as(u.bob()).data(Social.FEED, Map.of()).getList("feed.edges"));
        });
        TABLE.put("pushProfiles → profiles (own and as seen by friends)", u -> {
            u.as(u.bob()).data(PROFILE, Map.of("u", u.alice()));
            Map<String, Object> own = Replicate.pullAll(u.as(u.alice()), Collection.PROFILES, null, Map.of()).get(u.alice());
            Replicate.push(u.as(u.alice()), Collection.PROFILES, List.of(Replicate.row(own, Replicate.with(own, "displayName", "Pushed"))));
            assertEquals("Pushed", u.as(u.bob()).data(PROFILE, Map.of("u", u.alice())).getString("profile.displayName"));
        });
        TABLE.put("pushSettings → settings", u -> {
            u.as(u.alice()).data("{ settings { value } }");
            Map<String, Object> held = Replicate.pullAll(u.as(u.alice()), Collection.SETTINGS, null, Map.of()).get("k");
            assertEquals(List.of(), Replicate.push(u.as(u.alice()), Collection.SETTINGS,
                    List.of(Replicate.row(held, Replicate.with(held, "value", "pushed")))));
            assertEquals(List.of("pushed"), u.as(u.alice()).data("{ settings { value } }").getList("settings.value"));
        });
        TABLE.put("pushRooms → profiles of the new co-members", u -> {
            assertNull(u.as(u.carol()).data(PROFILE, Map.of("u", u.alice())).get("profile"));
            Replicate.push(u.as(u.alice()), Collection.ROOMS, List.of(Replicate.row(null,
                    Replicate.doc("id", "pushed-room-" + u.alice(), "memberIds", List.of(u.alice(), u.carol())))));
            assertEquals("Alice", u.as(u.carol()).data(PROFILE, Map.of("u", u.alice())).getString("profile.displayName"));
        });
        TABLE.put("pushMessages → newest room page", u -> {
            String roomId = Chat.room(u.alice(), u.bob());
            u.as(u.bob()).data(Chat.PAGE, Map.of("roomId", roomId));
            Replicate.push(u.as(u.alice()), Collection.MESSAGES, List.of(Replicate.row(null,
                    Replicate.doc("id", u.alice() + "/pm", "roomId", roomId, "content", "pushed"))));
            assertEquals(List.of("pushed"), u.as(u.bob()).data(Chat.PAGE, Map.of("roomId", roomId)).getList("messages.edges.content"));
        });
        TABLE.put("pushPosts → nothing cached (posts and feed are read live)", u -> {
            u.as(u.bob()).data(Social.FEED, Map.of());
            Replicate.push(u.as(u.alice()), Collection.POSTS, List.of(Replicate.row(null,
                    Replicate.doc("id", u.alice() + "/pp", "content", "pushed", "visibility", "FRIENDS"))));
            assertEquals(List.of("pp"), u.as(u.bob()).data(Social.FEED, Map.of()).getList("feed.edges.postId"));
        });
        TABLE.put("pushFriends → friend lists of both sides", u -> {
            u.as(u.carol()).data(FRIENDS, Map.of("s", "PENDING"));
            Replicate.push(u.as(u.alice()), Collection.FRIENDS, List.of(Replicate.row(null, Replicate.doc("id", u.carol(), "status", "PENDING"))));
            assertEquals(List.of(u.alice()), u.as(u.carol()).data(FRIENDS, Map.of("s", "PENDING")).getList("friends.userId"));
        });
        TABLE.put("pushOperations → what each applied operation's mutation invalidates", u -> {
            u.as(u.bob()).data(PROFILE, Map.of("u", u.alice()));
            u.as(u.alice()).data("{ settings { value } }");
            GraphQLClient alice = u.as(u.alice());
            Sync.push(alice, Sync.op("o1", "update_profile", "displayName", "Queued", "expectedVersion", 1),
                    Sync.op("o2", "set_setting", "key", "k", "value", "queued"));
            Sync.settled(alice, "o1", "o2");
            assertEquals("Queued", u.as(u.bob()).data(PROFILE, Map.of("u", u.alice())).getString("profile.displayName"));
            assertEquals(List.of("queued"), alice.data("{ settings { value } }").getList("settings.value"));
        });
        TABLE.put("retryOperation → nothing cached (it only requeues; the applied operation invalidates)", u -> {
            GraphQLClient alice = u.as(u.alice());
            Sync.push(alice, Sync.op("o1", "update_profile", "displayName", "Stale", "expectedVersion", 0));
            String id = (String) Sync.settled(alice, "o1").get("o1").get("id");
            u.as(u.bob()).data(PROFILE, Map.of("u", u.alice()));
            Database.execute("UPDATE user_profiles SET version = 0 WHERE user_id = ?", u.alice());
            alice.data("mutation($id: ID!) { retryOperation(id: $id) { status } }", Map.of("id", id));
            Sync.settled(alice, "o1");
            assertEquals("Stale", u.as(u.bob()).data(PROFILE, Map.of("u", u.alice())).getString("profile.displayName"));
        });
        TABLE.put("discardOperation → nothing cached (nothing is applied)", u -> {
            GraphQLClient alice = u.as(u.alice());
            Sync.push(alice, Sync.op("o1", "update_profile", "displayName", "Stale", "expectedVersion", 0));
            String id = (String) Sync.settled(alice, "o1").get("o1").get("id");
            alice.data("mutation($id: ID!) { discardOperation(id: $id) { status } }", Map.of("id", id));
            assertEquals("Alice", u.as(u.bob()).data(PROFILE, Map.of("u", u.alice())).getString("profile.displayName"));
        });
        TABLE.put("removeRoomMember → the removed member's view of the room and the co-members' cards", u -> {
            String room = Chat.room(u.alice(), u.carol());
            u.as(u.alice()).data(SEND_TO_ROOM, Map.of("r", room));
            u.as(u.carol()).data(Chat.PAGE, Map.of("roomId", room));
            u.as(u.carol()).data(PROFILE, Map.of("u", u.alice()));
            u.as(u.carol()).data("{ rooms { roomId } }");
            u.as(u.alice()).data("mutation($r: ID!, $u: ID!) { removeRoomMember(roomId: $r, userId: $u) }",
                    Map.of("r", room, "u", u.carol()));
            assertEquals(List.of(), u.as(u.carol()).data(Chat.PAGE, Map.of("roomId", room)).getList("messages.edges"));
            assertNull(u.as(u.carol()).data(PROFILE, Map.of("u", u.alice())).get("profile"));
            assertEquals(List.of(), u.as(u.carol()).data("{ rooms { roomId } }").getList("rooms"));
        });
        TABLE.put("clearMyData → everything of and about the viewer (profiles as others see them, settings, rooms)", u -> {
            String room = Chat.room(u.alice(), u.carol());
            u.as(u.carol()).data(Chat.PAGE, Map.of("roomId", room));
            u.as(u.alice()).data(SEND_TO_ROOM, Map.of("r", room));
            u.as(u.carol()).data(Chat.PAGE, Map.of("roomId", room));
            u.as(u.bob()).data(PROFILE, Map.of("u", u.alice()));
            u.as(u.bob()).data(FRIENDS, Map.of("s", "ACCEPTED"));
            u.as(u.alice()).data("{ settings { value } }");
            u.as(u.alice()).data("mutation { clearMyData }");
            assertNull(u.as(u.bob()).data(PROFILE, Map.of("u", u.alice())).get("profile"));
            assertEquals(List.of(), u.as(u.bob()).data(FRIENDS, Map.of("s", "ACCEPTED")).getList("friends"));
            assertEquals(List.of(), u.as(u.alice()).data("{ settings { value } }").getList("settings"));
            assertEquals(List.of(), u.as(u.carol()).data(Chat.PAGE, Map.of("roomId", room)).getList("messages.edges"));
        });
        TABLE.put("importMyData → what the imported rows touch (settings, profile, rooms)", u -> {
            String document = u.as(u.alice()).data("{ exportMyData }").getString("exportMyData");
            u.as(u.alice()).data("mutation { clearMyData }");
            u.as(u.alice()).data("{ settings { value } }");
            u.as(u.bob()).data(PROFILE, Map.of("u", u.alice()));
            u.as(u.alice()).data("mutation($d: String!) { importMyData(data: $d) { imported } }", Map.of("d", document));
            assertEquals(List.of("v1"), u.as(u.alice()).data("{ settings { value } }").getList("settings.value"));
            assertEquals("Alice", u.as(u.bob()).data(PROFILE, Map.of("u", u.alice())).getString("profile.displayName"));
        });
        TABLE.put("resealSecrets → nothing cached (values stay the same; only their sealing changes)", u -> {
            u.as(u.alice()).data("mutation { updateProfile(input: {phoneNumber: \"+491234\", expectedVersion: 1}) { version } }");
            u.as(u.alice()).data("{ me { phoneNumber } }");
            GraphQLClient.withToken(Tokens.forUser(UserIds.fresh("root"), "admin")).data("mutation { resealSecrets }");
            assertEquals("+491234", u.as(u.alice()).data("{ me { phoneNumber } }").getString("me.phoneNumber"));
        });
        TABLE.put("invalidateCaches → everything of the viewer", u -> {
            u.as(u.alice()).data("{ settings { value } }");
            Database.executeUnlogged("UPDATE user_settings SET value = 'direct' WHERE user_id = ?", u.alice());
            u.as(u.alice()).data("mutation { invalidateCaches }");
            assertEquals(List.of("direct"), u.as(u.alice()).data("{ settings { value } }").getList("settings.value"));
        });
    }

    private Users users;

    @BeforeEach
    void threeUsers() {
        users = new Users(UserIds.fresh("alice"), UserIds.fresh("bob"), UserIds.fresh("carol"));
        Chat.users(users.alice(), users.bob(), users.carol());
        Social.befriend(users.alice(), users.bob());
        GraphQLClient.as(users.alice()).data(
                "mutation { updateProfile(input: {displayName: \"Alice\", expectedVersion: 0}) { version } }");
        GraphQLClient.as(users.alice()).data("mutation { setSetting(key: \"k\", value: \"v1\") { key } }");
    }

    static Iterable<String> rows() {
        return TABLE.keySet();
    }

    @ParameterizedTest
    @MethodSource("rows")
    void theMutationLeavesNoStaleRead(String row) {
        TABLE.get(row).run(users);
    }

    @Test
    void everyMutationOfTheSchemaHasARow() {
        TreeSet<String> live = new TreeSet<>(GraphQLClient.as(users.alice())
                .data("{ __schema { mutationType { fields { name } } } }")
                .getList("__schema.mutationType.fields.name", String.class));
        TreeSet<String> covered = new TreeSet<>();
        TABLE.keySet().forEach(row -> covered.add(row.substring(0, row.indexOf(' '))));
        assertEquals(live, covered);
    }
}
