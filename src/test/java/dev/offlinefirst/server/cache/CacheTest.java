package dev.offlinefirst.server.cache;

import static dev.offlinefirst.server.support.ErrorAssertions.assertError;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.offlinefirst.server.support.Chat;
import dev.offlinefirst.server.support.Database;
import dev.offlinefirst.server.support.Eventually;
import dev.offlinefirst.server.support.GraphQLClient;
import dev.offlinefirst.server.support.Social;
import dev.offlinefirst.server.support.SqlStatements;
import dev.offlinefirst.server.support.Tokens;
import dev.offlinefirst.server.support.TestUser;
import dev.offlinefirst.server.support.UserIds;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** Hot reads come from memory, never cross viewers, and are forgotten when they go stale. */
@QuarkusTest
class CacheTest {

    private TestUser alice;
    private TestUser bob;

    @BeforeEach
    void aliceAndBobAreFriends() {
        alice = TestUser.create("alice");
        bob = TestUser.create("bob");
        Chat.users(alice.id(), bob.id());
        Social.befriend(alice.id(), bob.id());
        alice.data("mutation { updateProfile(input: {displayName: \"Alice\", expectedVersion: 0}) { version } }");
        alice.data("mutation { setSetting(key: \"theme\", value: \"dark\") { key } }");
    }

    @Test
    void aSecondReadOfEachHotReadIsServedWithoutSql() {
        String roomId = Chat.room(alice.id(), bob.id());
        alice.data(Chat.SEND, Map.of("input", Chat.message("m-1", roomId, "hello")));
        Map<String, Supplier<JsonPath>> hotReads = Map.of(
                "me", () -> alice.data("{ me { userId displayName } }"),
                "profile", () -> bob.data("query($u: ID!) { profile(userId: $u) { displayName } }", Map.of("u", alice.id())),
                "settings", () -> alice.data("{ settings { key value } }"),
                "newest room page", () -> bob.data(Chat.PAGE, Map.of("roomId", roomId)),
                "friends", () -> bob.data("{ friends { userId status } }"));

        hotReads.forEach((name, read) -> {
            // Reads share entries (a page's senders are profiles): start each from empty caches.
            alice.data("mutation { invalidateCaches }");
            bob.data("mutation { invalidateCaches }");
            JsonPath[] first = new JsonPath[1];
            JsonPath[] second = new JsonPath[1];
            long miss = SqlStatements.during(() -> first[0] = read.get());
            long hit = SqlStatements.during(() -> second[0] = read.get());
            assertTrue(miss >= 1, name + ": the first read reaches the database");
            assertEquals(0, hit, name + ": the second read is served from memory");
            assertEquals(first[0].prettify(), second[0].prettify(), name);
        });
    }

    @Test
    void aViewerWhoMayNotSeeAProfileGetsNullEvenWhenAnothersReadIsCached() {
        String eveId = UserIds.fresh("eve");
        Chat.users(eveId);
        String read = "query($u: ID!) { profile(userId: $u) { displayName } }";
        assertEquals("Alice", bob.data(read, Map.of("u", alice.id())).getString("profile.displayName"));

        assertNull(GraphQLClient.as(eveId).data(read, Map.of("u", alice.id())).get("profile"));

        Social.unfriend(bob.id(), alice.id());
        assertNull(bob.data(read, Map.of("u", alice.id())).get("profile"), "bob's cached view went with the friendship");
    }

    @Test
    void anEntryExpiresAfterItsTimeToLive() throws InterruptedException {
        assertEquals(List.of("dark"), alice.data("{ settings { value } }").getList("settings.value"));
        Database.executeUnlogged("UPDATE user_settings SET value = 'light' WHERE user_id = ?", alice.id());
        assertEquals(List.of("dark"), alice.data("{ settings { value } }").getList("settings.value"), "still cached");

        Thread.sleep(2_500);

        assertEquals(List.of("light"), alice.data("{ settings { value } }").getList("settings.value"));
    }

    @Test
    void aChangeMadeByAnotherInstanceInvalidatesTheLocalEntry() throws InterruptedException {
        String read = "query($u: ID!) { profile(userId: $u) { displayName } }";
        assertEquals("Alice", bob.data(read, Map.of("u", alice.id())).getString("profile.displayName"));
        // Another replica (or anyone) changes the row: only the database connects us, through the change stream.
        Database.execute("UPDATE user_profiles SET display_name = 'Alice B.' WHERE user_id = ?", alice.id());

        assertEquals("Alice B.", Eventually.equalTo("Alice B.", Duration.ofSeconds(2),
                () -> bob.data(read, Map.of("u", alice.id())).getString("profile.displayName")));
    }

    @Test
    void invalidateCachesDropsTheViewersEntries() {
        assertEquals(List.of("dark"), alice.data("{ settings { value } }").getList("settings.value"));
        Database.executeUnlogged("UPDATE user_settings SET value = 'light' WHERE user_id = ?", alice.id());

        assertTrue(alice.data("mutation { invalidateCaches(scope: ME) }").getBoolean("invalidateCaches"));

        assertEquals(List.of("light"), alice.data("{ settings { value } }").getList("settings.value"));
    }

    @Test
    void invalidatingEveryCacheNeedsTheAdminRole() {
        String read = "query($u: ID!) { profile(userId: $u) { displayName } }";
        bob.data(read, Map.of("u", alice.id()));
        Database.executeUnlogged("UPDATE user_profiles SET display_name = 'Changed' WHERE user_id = ?", alice.id());

        assertError(alice.run("mutation { invalidateCaches(scope: ALL) }"), "FORBIDDEN");
        assertEquals("Alice", bob.data(read, Map.of("u", alice.id())).getString("profile.displayName"), "nothing dropped");

        GraphQLClient admin = GraphQLClient.withToken(Tokens.forUser(UserIds.fresh("ops"), "admin"));
        assertTrue(admin.data("mutation { invalidateCaches(scope: ALL) }").getBoolean("invalidateCaches"));
        assertEquals("Changed", bob.data(read, Map.of("u", alice.id())).getString("profile.displayName"));
    }

    @Test
    void aChangeMadeWhileTheStreamConnectionWasDownStillInvalidates() throws InterruptedException {
        assertEquals(List.of("dark"), alice.data("{ settings { value } }").getList("settings.value"));
        String read = "query($u: ID!) { profile(userId: $u) { displayName } }";
        bob.data(read, Map.of("u", alice.id()));

        long killed = Database.count("""
                SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity
                WHERE datname = current_database() AND application_name = 'offline-data-server-background'""");
        assertTrue(killed >= 1, "no stream connection found");
        Database.execute("UPDATE user_profiles SET display_name = 'Missed' WHERE user_id = ?", alice.id());

        assertEquals("Missed", Eventually.equalTo("Missed", Duration.ofSeconds(2),
                () -> bob.data(read, Map.of("u", alice.id())).getString("profile.displayName")));
    }

    @Test
    void hitsAndMissesAreInTheMetrics() {
        // With settings beside it the document is not answered whole from the response cache.
        alice.data("{ me { userId } settings { key } }");
        double hitsBefore = metric("profiles", "hit");
        alice.data("{ me { userId } settings { key } }");
        assertTrue(metric("profiles", "hit") > hitsBefore, "a hit was counted");
        assertTrue(metric("profiles", "miss") >= 1, "misses are counted");
    }

    private static double metric(String cache, String result) {
        String body = given().get("/q/metrics").asString();
        Matcher matcher = Pattern.compile("^cache_gets_total\\{[^}]*cache=\"" + cache + "\"[^}]*result=\"" + result
                + "\"[^}]*} ([0-9.eE+]+)$", Pattern.MULTILINE).matcher(body);
        if (!matcher.find()) {
            throw new AssertionError("no cache_gets_total for " + cache + "/" + result);
        }
        return Double.parseDouble(matcher.group(1));
    }
}
