package dev.offlinefirst.server.replication;

import static dev.offlinefirst.server.support.Replicate.doc;
import static dev.offlinefirst.server.support.Replicate.row;
import static dev.offlinefirst.server.support.Replicate.with;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.offlinefirst.server.support.Chat;
import dev.offlinefirst.server.support.Database;
import dev.offlinefirst.server.support.Replicate;
import dev.offlinefirst.server.support.Replicate.Collection;
import dev.offlinefirst.server.support.Social;
import dev.offlinefirst.server.support.TestUser;
import io.quarkus.test.junit.QuarkusTest;

/** Posts, profiles, settings, rooms and friends as collections: pull, push, conflicts and isolation. */
@QuarkusTest
class CollectionsReplicationTest {

    @Test
    void twoDevicesChangingDifferentProfileFieldsBothKeepTheirChange() {
        TestUser alice = TestUser.create("alice");
        Map<String, Object> pulled = Replicate.pullAll(alice.client(), Collection.PROFILES, null, Map.of()).get(alice.id());
        assertEquals(List.of(), Replicate.push(alice.client(), Collection.PROFILES, List.of(row(pulled, with(pulled, "displayName", "Alice")))));
        // the second device still assumes the old state but changes another field: written, not a conflict
        assertEquals(List.of(), Replicate.push(alice.client(), Collection.PROFILES, List.of(row(pulled, with(pulled, "bio", "hello")))));
        Map<String, Object> now = Replicate.pullAll(alice.client(), Collection.PROFILES, null, Map.of()).get(alice.id());
        assertEquals("Alice", now.get("displayName"));
        assertEquals("hello", now.get("bio"));
        // the same field changed from a stale value: answered with the master state, nothing written
        List<Map<String, Object>> conflicts = Replicate.push(alice.client(), Collection.PROFILES,
                List.of(row(pulled, with(pulled, "displayName", "Stale"))));
        assertEquals(1, conflicts.size());
        assertEquals("Alice", conflicts.get(0).get("displayName"));
    }

    @Test
    void nobodyWritesAnotherUsersProfileSettingsOrPosts() {
        TestUser alice = TestUser.create("alice");
        TestUser eve = TestUser.create("eve");
        Social.befriend(alice.id(), eve.id());
        Social.post(alice.id(), "p1", "FRIENDS");
        alice.data("mutation { setSetting(key: \"theme\", value: \"dark\") { key } }");
        Map<String, Object> card = Replicate.pullAll(eve.client(), Collection.PROFILES, null, Map.of()).get(alice.id());
        Map<String, Object> post = Replicate.pullAll(eve.client(), Collection.POSTS, null, Map.of()).get(alice.id() + "/p1");
        List<Map<String, Object>> profile = Replicate.push(eve.client(), Collection.PROFILES, List.of(row(card, with(card, "displayName", "pwned"))));
        List<Map<String, Object>> posts = Replicate.push(eve.client(), Collection.POSTS, List.of(row(post, with(post, "content", "pwned")),
                row(post, with(post, "deleted", true))));
        // eve's "theme" is her own setting, never alice's
        Replicate.push(eve.client(), Collection.SETTINGS, List.of(row(null, doc("id", "theme", "key", "theme", "value", "light"))));
        assertEquals(1, profile.size());
        assertEquals(2, posts.size());
        assertTrue(posts.stream().allMatch(p -> ("post " + "p1").equals(p.get("content"))));
        assertEquals("dark", Database.text("SELECT value FROM user_settings WHERE user_id = ? AND setting_key = 'theme'", alice.id()));
        assertEquals(0, Database.count("SELECT count(*) FROM user_profiles WHERE display_name = 'pwned'"));
        assertEquals(0, Database.count("SELECT count(*) FROM social_posts WHERE content = 'pwned' OR deleted_at IS NOT NULL AND author_id = ?", alice.id()));
        assertFalse(Replicate.pullAll(eve.client(), Collection.SETTINGS, null, Map.of()).containsValue(null));
        assertEquals("light", Replicate.pullAll(eve.client(), Collection.SETTINGS, null, Map.of()).get("theme").get("value"));
        assertNull(Replicate.pullAll(eve.client(), Collection.PROFILES, null, Map.of()).get(alice.id()).get("phoneNumber"));
    }

    @Test
    void anAuthorEditsAndDeletesAPostAndAFormerFriendLosesTheirPosts() {
        TestUser alice = TestUser.create("alice");
        TestUser bob = TestUser.create("bob");
        Social.befriend(alice.id(), bob.id());
        Map<String, Object> post = doc("id", alice.id() + "/p", "postId", "p", "authorId", alice.id(), "content", "v1", "visibility", "FRIENDS");
        assertEquals(List.of(), Replicate.push(alice.client(), Collection.POSTS, List.of(row(null, post))));
        Map<String, Object> pulled = Replicate.pullAll(alice.client(), Collection.POSTS, null, Map.of()).get(alice.id() + "/p");
        assertEquals(List.of(), Replicate.push(alice.client(), Collection.POSTS, List.of(row(pulled, with(pulled, "content", "v2")))));
        String bobsCheckpoint = Replicate.pull(bob.client(), Collection.POSTS, null, 100).getString("checkpoint.cursor");
        Map<String, Map<String, Object>> bobs = Replicate.pullAll(bob.client(), Collection.POSTS, null, Map.of());
        assertEquals("v2", bobs.get(alice.id() + "/p").get("content"));
        Social.unfriend(bob.id(), alice.id());
        assertEquals(Map.of(), Replicate.pullAll(bob.client(), Collection.POSTS, bobsCheckpoint, bobs));
        Map<String, Object> latest = Replicate.pullAll(alice.client(), Collection.POSTS, null, Map.of()).get(alice.id() + "/p");
        assertEquals(List.of(), Replicate.push(alice.client(), Collection.POSTS, List.of(row(latest, with(latest, "deleted", true)))));
        assertEquals(Map.of(), Replicate.pullAll(alice.client(), Collection.POSTS, null, Map.of()));
    }

    @Test
    void settingsRoomsAndFriendsChangeThroughTheirRules() {
        TestUser alice = TestUser.create("alice");
        TestUser bob = TestUser.create("bob");
        Map<String, Object> setting = doc("id", "lang", "key", "lang", "value", "en", "secret", false);
        assertEquals(List.of(), Replicate.push(alice.client(), Collection.SETTINGS, List.of(row(null, setting))));
        // a create of a key the server already holds with another value is a conflict
        assertEquals("en", Replicate.push(alice.client(), Collection.SETTINGS,
                List.of(row(null, with(setting, "value", "fr")))).get(0).get("value"));

        Map<String, Object> room = doc("id", "r-" + alice.id(), "roomId", "r-" + alice.id(), "title", "T", "memberIds", List.of(alice.id(), bob.id()));
        assertEquals(List.of(), Replicate.push(alice.client(), Collection.ROOMS, List.of(row(null, room))));
        Map<String, Object> bobsRoom = Replicate.pullAll(bob.client(), Collection.ROOMS, null, Map.of()).get("r-" + alice.id());
        assertEquals(List.of(alice.id(), bob.id()), bobsRoom.get("memberIds"));
        // bob may not rename it (only the creator may), but may leave it
        assertEquals("T", Replicate.push(bob.client(), Collection.ROOMS, List.of(row(bobsRoom, with(bobsRoom, "title", "mine")))).get(0).get("title"));
        assertEquals(List.of(), Replicate.push(bob.client(), Collection.ROOMS,
                List.of(row(bobsRoom, with(bobsRoom, "memberIds", List.of(alice.id()))))));
        assertEquals(Map.of(), Replicate.pullAll(bob.client(), Collection.ROOMS, null, Map.of()));
        assertEquals(List.of(alice.id()), Replicate.pullAll(alice.client(), Collection.ROOMS, null, Map.of()).get("r-" + alice.id()).get("memberIds"));

        assertEquals(List.of(), Replicate.push(alice.client(), Collection.FRIENDS, List.of(row(null, doc("id", bob.id(), "status", "PENDING")))));
        Map<String, Object> request = Replicate.pullAll(bob.client(), Collection.FRIENDS, null, Map.of()).get(alice.id());
        assertEquals(false, request.get("requestedByMe"));
        // alice cannot accept her own request; bob can
        Map<String, Object> alices = Replicate.pullAll(alice.client(), Collection.FRIENDS, null, Map.of()).get(bob.id());
        assertEquals("PENDING", Replicate.push(alice.client(), Collection.FRIENDS, List.of(row(alices, with(alices, "status", "ACCEPTED")))).get(0).get("status"));
        assertEquals(List.of(), Replicate.push(bob.client(), Collection.FRIENDS, List.of(row(request, with(request, "status", "ACCEPTED")))));
        assertEquals("ACCEPTED", Replicate.pullAll(alice.client(), Collection.FRIENDS, null, Map.of()).get(bob.id()).get("status"));
    }

    @Test
    void aPullLimitOutsideOneToAThousandOrAForeignCursorIsRefused() {
        TestUser alice = TestUser.create("alice");
        for (Collection collection : Collection.values()) {
            dev.offlinefirst.server.support.ErrorAssertions.assertError(
                    alice.run(collection.pull(), Map.of("limit", 0)), "BAD_USER_INPUT");
            dev.offlinefirst.server.support.ErrorAssertions.assertError(
                    alice.run(collection.pull(), Map.of("limit", 1001)), "BAD_USER_INPUT");
            dev.offlinefirst.server.support.ErrorAssertions.assertError(
                    alice.run(collection.pull(), Map.of("limit", 10, "checkpoint", Map.of("cursor", "nonsense"))), "BAD_USER_INPUT");
        }
    }
}
