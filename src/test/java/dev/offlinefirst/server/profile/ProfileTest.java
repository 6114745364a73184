package dev.offlinefirst.server.profile;

import static dev.offlinefirst.server.support.ErrorAssertions.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.offlinefirst.server.support.Database;
import dev.offlinefirst.server.support.GraphQLClient;
import dev.offlinefirst.server.support.UserIds;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

@QuarkusTest
class ProfileTest {

    private static final String UPDATE = """
            mutation($input: ProfileInput!) {
              updateProfile(input: $input) { userId displayName bio avatarUrl phoneNumber version updatedAt }
            }""";

    @Test
    void meCreatesTheProfileOnceEvenWhenAskedTwiceInOneRequest() {
        String alice = UserIds.fresh("alice");
        JsonPath data = GraphQLClient.as(alice).data("{ a: me { userId version } b: me { userId version updatedAt } }");

        assertEquals(alice, data.getString("a.userId"));
        assertEquals(alice, data.getString("b.userId"));
        assertEquals(0, data.getInt("b.version"));
        assertTrue(data.getString("b.updatedAt").endsWith("Z"), "timestamps are ISO-8601 UTC");
        assertEquals(1, Database.count("SELECT count(*) FROM user_profiles WHERE user_id = ?", alice));
    }

    @Test
    void updateProfileChangesTheFieldsAndBumpsTheVersion() {
        GraphQLClient alice = GraphQLClient.as(UserIds.fresh("alice"));
        alice.data("{ me { version } }");

        JsonPath updated = alice.data(UPDATE, Map.of("input", Map.of(
                "displayName", "Alice", "bio", "hello", "avatarUrl", "https://img.example/a.png",
                "phoneNumber", "+44 20 7946 0000", "expectedVersion", 0)));

        assertEquals("Alice", updated.getString("updateProfile.displayName"));
        assertEquals("+44 20 7946 0000", updated.getString("updateProfile.phoneNumber"));
        assertEquals(1, updated.getInt("updateProfile.version"));
        assertEquals("Alice", alice.data("{ me { displayName } }").getString("me.displayName"));
    }

    @Test
    void aNullFieldIsKeptAndAnEmptyOneIsCleared() {
        GraphQLClient alice = GraphQLClient.as(UserIds.fresh("alice"));
        alice.data(UPDATE, Map.of("input", Map.of("displayName", "Alice", "bio", "hello", "expectedVersion", 0)));

        JsonPath updated = alice.data(UPDATE, Map.of("input", Map.of("bio", "", "expectedVersion", 1)));

        assertEquals("Alice", updated.getString("updateProfile.displayName"));
        assertNull(updated.getString("updateProfile.bio"));
    }

    @Test
    void aStaleVersionIsAConflictAndChangesNothing() {
        String aliceId = UserIds.fresh("alice");
        GraphQLClient alice = GraphQLClient.as(aliceId);
        alice.data(UPDATE, Map.of("input", Map.of("displayName", "First", "expectedVersion", 0)));

        JsonPath response = alice.run(UPDATE, Map.of("input", Map.of("displayName", "Second", "expectedVersion", 0)));

        assertError(response, "CONFLICT");
        // the conflict carries the profile as it is now, so the client can merge without a read
        assertEquals("First", response.getString("errors[0].extensions.current.displayName"));
        assertEquals(1, response.getInt("errors[0].extensions.current.version"));
        assertEquals("First", Database.text("SELECT display_name FROM user_profiles WHERE user_id = ?", aliceId));
        assertEquals("1", Database.text("SELECT version::text FROM user_profiles WHERE user_id = ?", aliceId));
    }

    @Test
    void invalidProfileFieldsAreRefusedAndChangeNothing() {
        String aliceId = UserIds.fresh("alice");
        GraphQLClient alice = GraphQLClient.as(aliceId);
        alice.data(UPDATE, Map.of("input", Map.of("displayName", "Alice", "expectedVersion", 0)));

        for (Map<String, Object> input : new Map[] {
                Map.of("displayName", "x".repeat(101), "expectedVersion", 1),
                Map.of("bio", "x".repeat(1001), "expectedVersion", 1),
                Map.of("avatarUrl", "javascript:alert(1)", "expectedVersion", 1),
                Map.of("phoneNumber", "call me maybe", "expectedVersion", 1),
                Map.of("displayName", "Mallory", "expectedVersion", -1) }) {
            assertError(alice.run(UPDATE, Map.of("input", input)), "BAD_USER_INPUT");
        }

        assertEquals("Alice", Database.text("SELECT display_name FROM user_profiles WHERE user_id = ?", aliceId));
        assertEquals("1", Database.text("SELECT version::text FROM user_profiles WHERE user_id = ?", aliceId));
    }
}
