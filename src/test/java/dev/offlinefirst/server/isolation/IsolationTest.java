package dev.offlinefirst.server.isolation;

import static dev.offlinefirst.server.support.ErrorAssertions.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.offlinefirst.server.support.Database;
import dev.offlinefirst.server.support.GraphQLClient;
import dev.offlinefirst.server.support.UserIds;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** User B tries to read and change user A's profile and settings through every operation. */
@QuarkusTest
class IsolationTest {

    private String aliceId;
    private String bobId;
    private GraphQLClient alice;
    private GraphQLClient bob;

    @BeforeEach
    void aliceHasAProfileAndSettings() {
        aliceId = UserIds.fresh("alice");
        bobId = UserIds.fresh("bob");
        alice = GraphQLClient.as(aliceId);
        bob = GraphQLClient.as(bobId);
        alice.data("mutation { updateProfile(input: {displayName: \"Alice\", expectedVersion: 0}) { version } }");
        alice.data("mutation { setSetting(key: \"secret\", value: \"alice-only\") { key } }");
        bob.data("{ me { userId } }");
    }

    @Test
    void bobCannotReadAlicesSettingsByAnyQuery() {
        JsonPath data = bob.data("""
                { all: settings { key value } one: setting(key: "secret") { value } }""");
        assertEquals(List.of(), data.getList("all"));
        assertNull(data.get("one"));
    }

    @Test
    void bobCannotChangeOrDeleteAlicesSettings() {
        assertFalse(bob.data("mutation { deleteSetting(key: \"secret\") }").getBoolean("deleteSetting"));
        bob.data("mutation { setSetting(key: \"secret\", value: \"bob-was-here\") { key } }");

        assertEquals("alice-only", alice.data("{ setting(key: \"secret\") { value } }").getString("setting.value"));
        assertEquals("bob-was-here", bob.data("{ setting(key: \"secret\") { value } }").getString("setting.value"));
    }

    @Test
    void aStrangersProfileLooksExactlyLikeAMissingOne() {
        JsonPath data = bob.data("""
                { hidden: profile(userId: "%s") { userId displayName } missing: profile(userId: "nobody-at-all") { userId } }"""
                .formatted(aliceId));
        assertNull(data.get("hidden"));
        assertNull(data.get("missing"));
    }

    @Test
    void bobCanOnlyEverUpdateHisOwnProfile() {
        bob.data("mutation { updateProfile(input: {displayName: \"Mallory\", expectedVersion: 0}) { userId } }");

        assertEquals("Alice", Database.text("SELECT display_name FROM user_profiles WHERE user_id = ?", aliceId));
        assertEquals("Mallory", Database.text("SELECT display_name FROM user_profiles WHERE user_id = ?", bobId));
    }

    @Test
    void friendsAndPendingRequestsShowTheCardAndDeclinedOnesDoNot() {
        String carolId = UserIds.fresh("carol");
        String daveId = UserIds.fresh("dave");
        GraphQLClient.as(carolId).data("{ me { userId } }");
        GraphQLClient.as(daveId).data("{ me { userId } }");
        Database.befriend(aliceId, bobId, "ACCEPTED");
        Database.befriend(carolId, aliceId, "PENDING");
        Database.befriend(aliceId, daveId, "DECLINED");

        assertEquals("Alice", bob.data("{ profile(userId: \"%s\") { displayName } }".formatted(aliceId))
                .getString("profile.displayName"));
        assertEquals(bobId, alice.data("{ profile(userId: \"%s\") { userId } }".formatted(bobId)).getString("profile.userId"));
        // A pending request shows each side the other's card (DESIGN), never their details.
        assertEquals(aliceId, GraphQLClient.as(carolId).data("{ profile(userId: \"%s\") { userId bio } }".formatted(aliceId))
                .getString("profile.userId"));
        assertEquals(carolId, alice.data("{ profile(userId: \"%s\") { userId } }".formatted(carolId)).getString("profile.userId"));
        assertNull(GraphQLClient.as(daveId).data("{ profile(userId: \"%s\") { userId } }".formatted(aliceId)).get("profile"));
    }

    @Test
    void roomCoMembersSeeEachOthersProfiles() {
        Database.shareRoom(UserIds.fresh("room"), aliceId, bobId);
        assertEquals("Alice", bob.data("{ profile(userId: \"%s\") { displayName } }".formatted(aliceId))
                .getString("profile.displayName"));
    }

    @Test
    void twoDatabaseBackedAliasesInOneRequestSucceed() {
        JsonPath data = alice.data("""
                { a: me { userId displayName } b: settings { key value } c: setting(key: "secret") { value }
                  d: profile(userId: "%s") { displayName } }""".formatted(aliceId));
        assertEquals("Alice", data.getString("a.displayName"));
        assertEquals(List.of("secret"), data.getList("b.key"));
        assertEquals("alice-only", data.getString("c.value"));
        assertEquals("Alice", data.getString("d.displayName"));
    }

    @Test
    void concurrentAliasedRequestsOfDifferentUsersNeitherFailNorLeak() throws Exception {
        bob.data("mutation { setSetting(key: \"secret\", value: \"bob-only\") { key } }");
        String document = """
                { a: me { userId } b: settings { value } c: setting(key: "secret") { value }
                  d: profile(userId: "%s") { userId } e: profile(userId: "%s") { userId } }""".formatted(aliceId, bobId);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<String>> outcomes = new ArrayList<>();
            for (int i = 0; i < 120; i++) {
                boolean asAlice = i % 2 == 0;
                outcomes.add(pool.submit(() -> checkOwnView(asAlice ? alice : bob, asAlice ? aliceId : bobId,
                        asAlice ? "alice-only" : "bob-only", document)));
            }
            List<String> problems = new ArrayList<>();
            for (Future<String> outcome : outcomes) {
                String problem = outcome.get();
                if (problem != null) {
                    problems.add(problem);
                }
            }
            assertEquals(List.of(), problems);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aWriteAttemptOnSomeoneElsesIdCannotBeExpressed() {
        // No mutation takes an owner: every write addresses the viewer's own rows.
        JsonPath response = bob.run("mutation { setSetting(userId: \"%s\", key: \"secret\", value: \"x\") { key } }"
                .formatted(aliceId));
        assertError(response, "BAD_USER_INPUT");
        assertEquals("alice-only", Database.text(
                "SELECT value FROM user_settings WHERE user_id = ? AND setting_key = 'secret'", aliceId));
    }

    private static String checkOwnView(GraphQLClient client, String userId, String secret, String document) {
        JsonPath response = client.run(document, Map.of());
        if (response.getList("errors") != null) {
            return "errors: " + response.getList("errors");
        }
        if (!userId.equals(response.getString("data.a.userId"))
                || !List.of(secret).equals(response.getList("data.b.value"))
                || !secret.equals(response.getString("data.c.value"))) {
            return userId + " saw " + response.prettify();
        }
        String other = response.getString(userId.startsWith("alice") ? "data.e" : "data.d");
        return other == null ? null : userId + " saw the other profile";
    }
}
