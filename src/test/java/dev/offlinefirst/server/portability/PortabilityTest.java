package dev.offlinefirst.server.portability;

import static dev.offlinefirst.server.support.Chat.SEND;
import static dev.offlinefirst.server.support.Chat.message;
import static dev.offlinefirst.server.support.ErrorAssertions.assertError;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.offlinefirst.server.support.Chat;
import dev.offlinefirst.server.support.Database;
import dev.offlinefirst.server.support.GraphQLClient;
import dev.offlinefirst.server.support.GraphQLWebSocket;
import dev.offlinefirst.server.support.Social;
import dev.offlinefirst.server.support.Sync;
import dev.offlinefirst.server.support.Tokens;
import dev.offlinefirst.server.support.UserIds;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** exportMyData, importMyData and clearMyData: a user's data as a whole, and nobody else's. */
@QuarkusTest
class PortabilityTest {

    private static final String EXPORT = "{ exportMyData }";
    private static final String IMPORT = """
            mutation($data: String!) { importMyData(data: $data) { imported unchanged skipped } }""";
    private static final String CLEAR = "mutation { clearMyData }";
    private static final String UPDATE_PROFILE = """
            mutation($input: ProfileInput!) { updateProfile(input: $input) { version } }""";
    private static final String SET_SETTING = """
            mutation($key: String!, $value: String!) { setSetting(key: $key, value: $value) { key } }""";

    @TestHTTPResource("/graphql")
    URI endpoint;

    @Inject
    Vertx vertx;

    private String aliceId;
    private String bobId;
    private String carolId;
    private GraphQLClient alice;
    private GraphQLClient bob;
    private String bobsRoom;
    private String alicesRoom;
    private String sharedRoom;

    /**
     * Alice has a bit of everything: a profile with details, settings, a room of Bob's, a room of her own,
     * a room she made with Bob, messages in each, posts (one deleted), an accepted friendship with Bob, a
     * pending request from Carol, and an operation that failed.
     */
    @BeforeEach
    void aliceHasABitOfEverything() {
        aliceId = UserIds.fresh("alice");
        bobId = UserIds.fresh("bob");
        carolId = UserIds.fresh("carol");
        alice = GraphQLClient.as(aliceId);
        bob = GraphQLClient.as(bobId);
        Chat.users(aliceId, bobId, carolId);
        alice.data(UPDATE_PROFILE, Map.of("input", Map.of("displayName", "Alice", "bio", "likes tea",
                "phoneNumber", "+4912345", "expectedVersion", 0)));
        alice.data(SET_SETTING, Map.of("key", "theme", "value", "dark"));
        alice.data(SET_SETTING, Map.of("key", "empty", "value", ""));
        alice.data("mutation { setSetting(key: \"pin\", value: \"4711\", secret: true) { key } }");
        bobsRoom = Chat.room(bobId, aliceId);
        alicesRoom = Chat.room(aliceId);
        sharedRoom = Chat.room(aliceId, bobId);
        alice.data(SEND, Map.of("input", message("a-1", bobsRoom, "hello bob")));
        alice.data(SEND, Map.of("input", message("a-2", alicesRoom, "note to self")));
        alice.data(SEND, Map.of("input", message("a-3", sharedRoom, "in our room")));
        bob.data(SEND, Map.of("input", message("b-1", bobsRoom, "hi alice")));
        bob.data(SEND, Map.of("input", message("b-2", sharedRoom, "bob was here")));
        Social.post(aliceId, "p-friends", "FRIENDS");
        Social.post(aliceId, "p-private", "PRIVATE");
        Social.post(aliceId, "p-gone", "PUBLIC");
        alice.data("mutation { deletePost(postId: \"p-gone\") }");
        Social.befriend(aliceId, bobId);
        Social.request(carolId, aliceId);
        Sync.push(alice, Sync.rawOp("op-broken", "set_setting", "not json"));
    }

    @Test
    void exportClearImportGivesBackTheSameExport() {
        JsonObject before = export(alice);

        assertEquals(Boolean.TRUE, alice.data(CLEAR).getBoolean("clearMyData"));
        JsonPath imported = alice.data(IMPORT, Map.of("data", before.encode()));
        JsonObject after = export(alice);

        assertEquals(withoutExportTime(before), withoutExportTime(after));
        // profile, 3 settings (one secret, sealed again on import), 3 rooms, 3 messages, 2 posts, 2 friendships, 1 operation
        assertEquals(15, imported.getInt("importMyData.imported"), imported.prettify());
        assertTrue(Database.text("SELECT value FROM user_settings WHERE user_id = ? AND setting_key = 'pin'", aliceId)
                .startsWith("aesgcm:"), "the imported secret is stored in clear");
        assertEquals(0, imported.getInt("importMyData.skipped"), imported.prettify());
    }

    @Test
    void theExportHoldsTheViewersRowsAndNoOneElses() {
        JsonObject document = export(alice);

        assertEquals("offline-data-server/export", document.getString("format"));
        assertEquals(1, document.getInteger("version"));
        assertEquals("+4912345", document.getJsonObject("profile").getString("phoneNumber"));
        assertEquals(List.of("empty", "pin", "theme"), field(document.getJsonArray("settings"), "key"));
        assertEquals("4711", document.getJsonArray("settings").getJsonObject(1).getString("value"));
        assertEquals(3, document.getJsonArray("rooms").size());
        assertEquals(List.of("a-1", "a-2", "a-3"), field(document.getJsonArray("messages"), "messageId"));
        assertEquals(List.of("p-friends", "p-private"), field(document.getJsonArray("posts"), "postId"));
        assertEquals(2, document.getJsonArray("friends").size());
        assertEquals(List.of("op-broken"), field(document.getJsonArray("operations"), "clientOpId"));
        assertFalse(document.encode().contains("hi alice"), "Bob's message is in Alice's export");
        assertFalse(document.encode().contains("bob was here"), "Bob's message is in Alice's export");

        JsonObject bobs = export(bob);
        assertFalse(bobs.encode().contains("+4912345"), "Alice's phone number is in Bob's export");
        assertFalse(bobs.encode().contains("note to self"), "Alice's message is in Bob's export");
        assertEquals(List.of("b-1", "b-2"), field(bobs.getJsonArray("messages"), "messageId"));
    }

    @Test
    void importingTheSameDocumentTwiceChangesNothingTheSecondTime() {
        String document = export(alice).encode();

        JsonPath again = alice.data(IMPORT, Map.of("data", document));

        assertEquals(0, again.getInt("importMyData.imported"), again.prettify());
        assertEquals(15, again.getInt("importMyData.unchanged"), again.prettify());
        assertEquals(3, Database.count("SELECT count(*) FROM chat_messages WHERE sender_id = ?", aliceId));
    }

    @Test
    void afterClearNoTableHoldsARowOfTheUser() throws SQLException {
        long bobsMessages = Database.count("SELECT count(*) FROM chat_messages WHERE sender_id = ?", bobId);
        String bobsRoomCreator = Database.text("SELECT created_by FROM chat_rooms WHERE room_id = ?", bobsRoom);

        alice.data(CLEAR);

        assertEquals(List.of(), rowsNaming(aliceId));
        assertEquals(bobsMessages, Database.count("SELECT count(*) FROM chat_messages WHERE sender_id = ?", bobId));
        assertEquals(bobsRoomCreator, Database.text("SELECT created_by FROM chat_rooms WHERE room_id = ?", bobsRoom));
        assertEquals(bobId, Database.text("SELECT created_by FROM chat_rooms WHERE room_id = ?", sharedRoom),
                "the room Alice made with Bob stays for Bob");
        assertEquals(0, Database.count("SELECT count(*) FROM chat_rooms WHERE room_id = ?", alicesRoom),
                "a room with nobody else in it goes");
        assertEquals(List.of("b-2"), bob.data(Chat.PAGE, Map.of("roomId", sharedRoom)).getList("messages.edges.messageId"));
    }

    @Test
    void othersDevicesDropTheClearedDataThroughChanges() {
        Sync.Replay before = Sync.replay(bob, null, 500);
        Map<String, JsonObject> store = before.applyTo(Map.of());
        assertTrue(store.containsKey("message/" + aliceId + "/a-1"), store.keySet().toString());
        assertTrue(store.containsKey("profile/" + aliceId), store.keySet().toString());

        alice.data(CLEAR);

        Map<String, JsonObject> after = Sync.replay(bob, before.cursor(), 500).applyTo(store);
        assertTrue(after.keySet().stream().noneMatch(key -> key.contains(aliceId)), after.keySet().toString());
        assertTrue(after.containsKey("message/" + bobId + "/b-1"), "Bob's own message went: " + after.keySet());
    }

    @Test
    void theViewersOtherDevicesDropEverythingThroughChanges() {
        Sync.Replay before = Sync.replay(alice, null, 500);
        Map<String, JsonObject> store = before.applyTo(Map.of());
        assertTrue(store.containsKey("setting/" + aliceId + "/theme"), store.keySet().toString());

        alice.data(CLEAR);

        Map<String, JsonObject> after = Sync.replay(alice, before.cursor(), 500).applyTo(store);
        assertEquals(Map.of(), after);
    }

    @Test
    void clearEndsTheViewersLiveStreams() throws Exception {
        try (GraphQLWebSocket socket = GraphQLWebSocket.following(vertx, endpoint, aliceId,
                "subscription($r: ID!) { roomMessages(roomId: $r) { messageId } }", new JsonObject().put("r", bobsRoom),
                () -> bob.data(SEND, Map.of("input", message(UserIds.fresh("probe"), bobsRoom, "probe"))))) {
            socket.subscribe("ops", "subscription { operationUpdates { clientOpId } }", new JsonObject());
            socket.awaitLive(() -> Sync.push(alice, Sync.rawOp(UserIds.fresh("probe"), "set_setting", "not json")));

            alice.data(CLEAR);

            assertEquals(Map.of("1", "FORBIDDEN", "ops", "FORBIDDEN"), socket.endings(2, Duration.ofSeconds(3)));
            bob.data(SEND, Map.of("input", message("after-clear", bobsRoom, "alice is gone")));
            socket.assertNothingMoreDelivered(Duration.ofMillis(700));
        }
    }

    @Test
    void aRoomTheViewerWasRemovedFromIsNotRejoinedByImport() {
        String document = export(alice).encode();
        // Bob, the creator, removes Alice from his room after she exported.
        bob.data("mutation($r: ID!, $u: ID!) { removeRoomMember(roomId: $r, userId: $u) }", Map.of("r", bobsRoom, "u", aliceId));

        JsonPath result = alice.data(IMPORT, Map.of("data", document));

        assertEquals(0, Database.count("SELECT count(*) FROM room_members WHERE room_id = ? AND user_id = ?", bobsRoom, aliceId));
        assertEquals(List.of(), alice.data(Chat.PAGE, Map.of("roomId", bobsRoom)).getList("messages.edges"));
        assertEquals(1, result.getInt("importMyData.skipped"), "the room: " + result.prettify());
    }

    @Test
    void aFriendshipIsNeverMadeUpByADocument() {
        String daveId = UserIds.fresh("dave");
        Chat.users(daveId);
        GraphQLClient.as(daveId).data(UPDATE_PROFILE, Map.of("input", Map.of("bio", "dave's secret", "expectedVersion", 0)));
        JsonObject document = export(alice);
        document.getJsonArray("friends").add(new JsonObject().put("requesterId", aliceId).put("addresseeId", daveId)
                .put("status", "ACCEPTED").put("createdAt", "2026-01-01T00:00:00Z").put("updatedAt", "2026-01-01T00:00:00Z"));

        JsonPath result = alice.data(IMPORT, Map.of("data", document.encode()));

        assertEquals(1, result.getInt("importMyData.skipped"), result.prettify());
        assertEquals(0, Database.count("""
                SELECT count(*) FROM friend_connections WHERE ? IN (requester_id, addressee_id)""", daveId));
        assertNull(alice.data("query($u: ID!) { profile(userId: $u) { bio } }", Map.of("u", daveId)).get("profile"));
    }

    @Test
    void anotherUserCannotImportTheViewersDocument() {
        String document = export(alice).encode();
        String eveId = UserIds.fresh("eve");
        GraphQLClient eve = GraphQLClient.as(eveId);

        assertError(eve.run(IMPORT, Map.of("data", document)), "FORBIDDEN");
        assertEquals(List.of(), rowsNaming(eveId));
    }

    @Test
    void badDocumentsAreRefusedAndWriteNothing() {
        JsonObject good = export(alice);
        alice.data(CLEAR);
        JsonObject withSetting = new JsonObject().put("format", "offline-data-server/export").put("version", 1)
                .put("userId", aliceId).put("settings", new JsonArray().add(setting("first", "kept?")));

        assertRefused("BAD_USER_INPUT", withSetting.copy().put("version", 2).encode());
        assertRefused("BAD_USER_INPUT", withSetting.copy().put("format", "something else").encode());
        assertRefused("BAD_USER_INPUT", withSetting.encode().substring(0, 40));
        assertRefused("BAD_USER_INPUT", "[1, 2]");
        assertRefused("FORBIDDEN", withSetting.copy().put("userId", bobId).encode());
        assertRefused("FORBIDDEN", withSetting.copy().put("messages", new JsonArray().add(new JsonObject()
                .put("messageId", "m").put("senderId", bobId).put("roomId", bobsRoom).put("content", "as bob")
                .put("createdAt", "2026-01-01T00:00:00Z"))).encode());
        assertRefused("FORBIDDEN", withSetting.copy().put("friends", new JsonArray().add(new JsonObject()
                .put("requesterId", bobId).put("addresseeId", carolId).put("status", "ACCEPTED")
                .put("createdAt", "2026-01-01T00:00:00Z").put("updatedAt", "2026-01-01T00:00:00Z"))).encode());
        assertRefused("BAD_USER_INPUT", withSetting.copy().put("settings", new JsonArray()
                .add(setting("twice", "a")).add(setting("twice", "b"))).encode());
        assertRefused("BAD_USER_INPUT", good.copy().put("messages", good.getJsonArray("messages").copy()
                .add(good.getJsonArray("messages").getJsonObject(0))).encode());
        assertRefused("BAD_USER_INPUT", withSetting.copy().put("settings", new JsonArray()
                .add(setting("first", 42))).encode());
        assertRefused("BAD_USER_INPUT", withSetting.copy().put("padding", "x".repeat(3_000_000)).encode());
        assertEquals(List.of(), rowsNaming(aliceId));
    }

    @Test
    void tenThousandMessagesImportInOneCall() {
        JsonArray messages = new JsonArray();
        for (int i = 0; i < 10_000; i++) {
            messages.add(new JsonObject().put("messageId", "bulk-" + i).put("senderId", aliceId).put("roomId", alicesRoom)
                    .put("content", "message number " + i + " of a long chat history").put("createdAt", "2026-01-01T00:00:00Z"));
        }
        String document = new JsonObject().put("format", "offline-data-server/export").put("version", 1)
                .put("userId", aliceId).put("messages", messages).encode();

        long started = System.nanoTime();
        JsonPath result = alice.data(IMPORT, Map.of("data", document));
        long millis = (System.nanoTime() - started) / 1_000_000;
        System.out.printf("importMyData of 10,000 messages (%d characters): %d ms%n", document.length(), millis);

        assertEquals(10_000, result.getInt("importMyData.imported"), result.prettify());
        assertEquals(10_003, Database.count("SELECT count(*) FROM chat_messages WHERE sender_id = ?", aliceId));
        assertEquals(10_003, export(alice).getJsonArray("messages").size(), "the export pages through all of them");
    }

    @Test
    void theStreamedExportIsTheSameDocument() {
        String streamed = given().auth().oauth2(Tokens.forUser(aliceId)).get("/export")
                .then().statusCode(200).contentType("application/json").extract().asString();

        assertEquals(withoutExportTime(export(alice)), withoutExportTime(new JsonObject(streamed)));
        given().get("/export").then().statusCode(401);
        given().auth().oauth2(Tokens.badSignature(aliceId)).get("/export").then().statusCode(401);
    }

    @Test
    void anonymousCallsAreRefused() {
        GraphQLClient anonymous = GraphQLClient.anonymous();
        assertError(anonymous.run(EXPORT), "UNAUTHENTICATED");
        assertError(anonymous.run(CLEAR), "UNAUTHENTICATED");
        assertError(anonymous.run(IMPORT, Map.of("data", "{}")), "UNAUTHENTICATED");
        assertEquals(1, Database.count("SELECT count(*) FROM user_profiles WHERE user_id = ?", aliceId));
    }

    @Test
    void theMetricsCountExportsImportsAndClears() {
        double exports = metric("portability_exports_total{via=\"graphql\"}");
        double imports = metric("portability_imports_total");
        double clears = metric("portability_clears_total");
        String document = export(alice).encode();
        alice.data(CLEAR);
        alice.data(IMPORT, Map.of("data", document));

        assertEquals(exports + 1, metric("portability_exports_total{via=\"graphql\"}"));
        assertEquals(imports + 1, metric("portability_imports_total"));
        assertEquals(clears + 1, metric("portability_clears_total"));
    }

    private void assertRefused(String code, String document) {
        assertError(alice.run(IMPORT, Map.of("data", document)), code);
    }

    private static JsonObject setting(String key, Object value) {
        return new JsonObject().put("key", key).put("value", value).put("updatedAt", "2026-01-01T00:00:00Z");
    }

    private static JsonObject export(GraphQLClient client) {
        return new JsonObject(client.data(EXPORT).getString("exportMyData"));
    }

    private static JsonObject withoutExportTime(JsonObject document) {
        JsonObject copy = document.copy();
        copy.remove("exportedAt");
        return copy;
    }

    private static List<Object> field(JsonArray rows, String name) {
        List<Object> values = new ArrayList<>();
        rows.forEach(row -> values.add(((JsonObject) row).getValue(name)));
        return values;
    }

    /**
     * Every row of every table of the schema (from the catalogue, so a table added later is covered)
     * with a text column equal to the user id or a key of theirs, as "table.column"; the change log's
     * tombstones are what a clear must leave, so they are not listed.
     */
    private static List<String> rowsNaming(String userId) {
        List<String> found = new ArrayList<>();
        List<String[]> columns = new ArrayList<>();
        try (Connection connection = Database.connect();
                ResultSet rows = connection.createStatement().executeQuery("""
                        SELECT c.table_name, c.column_name FROM information_schema.columns c
                        JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
                        WHERE c.table_schema = current_schema() AND t.table_type = 'BASE TABLE'
                          AND c.data_type IN ('text', 'character varying') AND c.table_name <> 'flyway_schema_history'""")) {
            while (rows.next()) {
                columns.add(new String[] { rows.getString(1), rows.getString(2) });
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        assertTrue(columns.size() > 20, "the catalogue lists too few columns: " + columns.size());
        for (String[] column : columns) {
            String tombstonesAllowed = "change_log".equals(column[0]) ? " AND NOT deleted" : "";
            long count = Database.count("SELECT count(*) FROM " + column[0] + " WHERE (" + column[1] + " = ? OR "
                    + column[1] + " LIKE ?)" + tombstonesAllowed, userId, userId + "/%");
            if (count > 0) {
                found.add(column[0] + "." + column[1] + ": " + count);
            }
        }
        return found;
    }

    private static double metric(String name) {
        String body = given().get("/q/metrics").then().statusCode(200).extract().asString();
        return body.lines().filter(line -> line.startsWith(name + " ")).mapToDouble(line -> Double.parseDouble(line
                .substring(line.lastIndexOf(' ') + 1))).findFirst().orElse(0);
    }
}
