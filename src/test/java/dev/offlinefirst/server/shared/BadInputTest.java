package dev.offlinefirst.server.shared;

import static dev.offlinefirst.server.support.ErrorAssertions.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.offlinefirst.server.support.Database;
import dev.offlinefirst.server.support.GraphQLClient;
import dev.offlinefirst.server.support.UserIds;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/** Hostile and malformed requests get a clear error with the right code and write nothing. */
@QuarkusTest
class BadInputTest {

    private String aliceId;
    private GraphQLClient alice;
    private long changesBefore;

    @BeforeEach
    void aliceExists() {
        aliceId = UserIds.fresh("alice");
        alice = GraphQLClient.as(aliceId);
        alice.data("{ me { userId } }");
        changesBefore = Database.count("SELECT count(*) FROM change_log WHERE owner_id = ?", aliceId);
    }

    @AfterEach
    void nothingWasWritten() {
        assertEquals(changesBefore, Database.count("SELECT count(*) FROM change_log WHERE owner_id = ?", aliceId));
    }

    @Test
    void anArgumentOfTheWrongTypeIsRefusedWithoutNamingJavaTypes() {
        for (String document : new String[] { "mutation { updateProfile(input: {expectedVersion: \"one\"}) { version } }",
                "mutation { setSetting(key: 42, value: \"x\") { key } }", "mutation { setSetting(key: \"k\", value: \"x\", secret: 3) { key } }" }) {
            String message = assertError(alice.run(document), "BAD_USER_INPUT");
            assertTrue(message.contains("argument '") && !message.matches("(?s).*(StringValue|IntValue|Value\\{|java\\.).*"), message);
        }
    }

    @Test
    void aVariableOfTheWrongTypeIsRefusedWithoutNamingJavaTypes() {
        String message = assertError(alice.run(
                "mutation($v: Int!) { updateProfile(input: {expectedVersion: $v}) { version } }", Map.of("v", "abc")),
                "BAD_USER_INPUT");
        assertTrue(message.contains("'v'") && message.contains("Int"), message);
    }

    @Test
    void anIdGivenAsAListOrAnObjectIsRefused() {
        String create = "mutation($r: ID!) { createRoom(input: {roomId: $r}) { roomId } }";
        for (Object notAnId : new Object[] { java.util.List.of("x", "y"), Map.of("a", 1), true, 1.5 }) {
            String message = assertError(alice.run(create, Map.of("r", notAnId)), "BAD_USER_INPUT");
            assertTrue(message.contains("$r") || message.contains("'r'"), message);
        }
        assertError(alice.run("mutation($i: RoomInput!) { createRoom(input: $i) { roomId } }",
                Map.of("i", Map.of("roomId", java.util.List.of("x", "y")))), "BAD_USER_INPUT");
        assertEquals("r-42", alice.data(create, Map.of("r", "r-42")).getString("createRoom.roomId"));
        changesBefore = Database.count("SELECT count(*) FROM change_log WHERE owner_id = ?", aliceId);
    }

    @Test
    void messagesNameTheArgumentAndTheExpectedTypeNotJavaClasses() {
        Map<String, Object[]> wrongValues = Map.of(
                "mutation($v: Int!) { updateProfile(input: {expectedVersion: $v}) { version } }",
                new Object[] { Map.of("a", 1), java.util.List.of(1), new java.math.BigDecimal("1.5"), "ten" },
                "mutation($v: String!) { setSetting(key: $v, value: \"x\") { key } }",
                new Object[] { Map.of("a", 1), java.util.List.of(1), new java.math.BigDecimal("1.5") },
                "mutation($v: Boolean) { setSetting(key: \"k\", value: \"x\", secret: $v) { key } }",
                new Object[] { Map.of("a", 1), java.util.List.of(true), "yes", 1 });
        for (String document : wrongValues.keySet()) {
            for (Object wrong : wrongValues.get(document)) {
                String message = assertError(alice.run(document, Map.of("v", wrong)), "BAD_USER_INPUT");
                assertTrue(!message.matches("(?s).*(HashMap|ArrayList|BigDecimal|StringValue|SRGQL|java\\.).*"), message);
            }
        }
        changesBefore = Database.count("SELECT count(*) FROM change_log WHERE owner_id = ?", aliceId);
    }

    @Test
    void anUnknownFieldOrArgumentIsRefused() {
        assertError(alice.run("{ me { userId password } }"), "BAD_USER_INPUT");
        assertError(alice.run("mutation { updateProfile(input: {expectedVersion: 0, role: \"admin\"}) { version } }"),
                "BAD_USER_INPUT");
    }

    @Test
    void aMissingRequiredArgumentIsRefused() {
        assertError(alice.run("mutation { setSetting(key: \"theme\") { key } }"), "BAD_USER_INPUT");
    }

    @Test
    void aPageSizeOutside1To100IsRefused() {
        for (int first : new int[] { 100_000, 101, 0, -5 }) {
            String message = assertError(alice.run("{ operations(first: %d) { id } }".formatted(first)), "BAD_USER_INPUT");
            assertTrue(message.contains("first"), message);
        }
    }

    @Test
    void aMalformedJsonBodyIsRefused() {
        assertRequestRefused(alice.postRaw("application/json", "{\"query\": \"{ me { userId } }"));
        assertRequestRefused(alice.postRaw("application/json", "[1, 2, 3]"));
        assertRequestRefused(alice.postRaw("application/json", "{\"query\": 12}"));
        assertRequestRefused(alice.postRaw("application/json", "{\"query\": \"{ me { userId } }\", \"variables\": [1]}"));
    }

    @Test
    void aDocumentWithASyntaxErrorIsRefused() {
        String message = assertError(alice.run("mutation { setSetting(key: \"k\", value: \"v\") { key "), "BAD_USER_INPUT");
        assertTrue(message.startsWith("Syntax error"), message);
    }

    @Test
    void aQueryFiftyLevelsDeepIsRefused() {
        String deep = "{ __schema { types { fields { type " + "{ ofType ".repeat(45) + "{ name }" + " }".repeat(45)
                + " } } } }";
        String message = assertError(alice.run(deep), "BAD_USER_INPUT");
        assertTrue(message.contains("depth"), message);
    }

    @Test
    void aQueryWithTooManyFieldsIsRefused() {
        StringBuilder wide = new StringBuilder("{");
        for (int i = 0; i < 1_100; i++) {
            wide.append(" f").append(i).append(": me { userId }");
        }
        String message = assertError(alice.run(wide.append(" }").toString()), "BAD_USER_INPUT");
        assertTrue(message.contains("complexity"), message);
    }

    @Test
    void anOperationWithMoreRootFieldsThanTheLimitIsRefusedBeforeAnythingRuns() {
        String message = assertError(alice.run(aliasesOfProfile(200, "")), "BAD_USER_INPUT");
        assertTrue(message.contains("root fields"), message);
        // Fragments count their fields too.
        assertError(alice.run(aliasesOfProfile(11, "...more") + " fragment more on Query { "
                + "a: me { userId } b: me { userId } c: me { userId } d: me { userId } e: me { userId }"
                + " f: me { userId } g: me { userId } h: me { userId } i: me { userId } j: me { userId } }"), "BAD_USER_INPUT");
        StringBuilder mutations = new StringBuilder("mutation {");
        for (int i = 0; i < 21; i++) {
            mutations.append(" s").append(i).append(": setSetting(key: \"k").append(i).append("\", value: \"v\") { key }");
        }
        assertError(alice.run(mutations.append(" }").toString()), "BAD_USER_INPUT");

        assertEquals(aliceId, alice.data(aliasesOfProfile(20, "")).getString("p19.userId"));
    }

    /** {@code count} aliases of {@code profile} for the viewer, then {@code more} inside the same selection. */
    private String aliasesOfProfile(int count, String more) {
        StringBuilder document = new StringBuilder("query {");
        for (int i = 0; i < count; i++) {
            document.append(" p").append(i).append(": profile(userId: \"").append(aliceId).append("\") { userId }");
        }
        return document.append(' ').append(more).append(" }").toString();
    }

    private static void assertRequestRefused(Response response) {
        assertEquals(400, response.statusCode());
        assertError(response.jsonPath(), "BAD_USER_INPUT");
    }
}
