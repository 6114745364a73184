package dev.offlinefirst.server.social;

import static dev.offlinefirst.server.support.ErrorAssertions.assertError;
import static dev.offlinefirst.server.support.Social.CREATE_POST;
import static dev.offlinefirst.server.support.Social.FEED;
import static dev.offlinefirst.server.support.Social.POSTS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.offlinefirst.server.support.Chat;
import dev.offlinefirst.server.support.Database;
import dev.offlinefirst.server.support.Social;
import dev.offlinefirst.server.support.SqlStatements;
import dev.offlinefirst.server.support.TestUser;
import dev.offlinefirst.server.support.UserIds;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

@QuarkusTest
class PostsTest {

    private TestUser alice;
    private TestUser bob;
    private TestUser eve;

    @BeforeEach
    void aliceAndBobAreFriendsEveIsAStranger() {
        alice = TestUser.create("alice");
        bob = TestUser.create("bob");
        eve = TestUser.create("eve");
        Chat.users(alice.id(), bob.id(), eve.id());
        Social.befriend(alice.id(), bob.id());
    }

    @Test
    void theSamePostIdTwiceGivesOnePostAndTheSameAnswer() {
        Map<String, Object> input = Map.of("postId", "p-1", "content", "hello", "visibility", "PUBLIC");
        JsonPath first = alice.data(CREATE_POST, Map.of("input", input));
        JsonPath replay = alice.data(CREATE_POST, Map.of("input", input));

        assertEquals(first.getMap("createPost"), replay.getMap("createPost"));
        assertEquals(1, Database.count("SELECT count(*) FROM social_posts WHERE author_id = ? AND post_id = 'p-1'", alice.id()));
    }

    @Test
    void visibilityDefaultsToFriends() {
        JsonPath created = alice.data(CREATE_POST, Map.of("input", Map.of("postId", "p-default", "content", "hi")));
        assertEquals("FRIENDS", created.getString("createPost.visibility"));
    }

    @Test
    void deletingSomeoneElsesPostIsNotFoundAndChangesNothing() {
        Social.post(alice.id(), "p-1", "PUBLIC");
        assertError(bob.run("mutation { deletePost(postId: \"p-1\") }"), "NOT_FOUND");
        assertError(eve.run("mutation { deletePost(postId: \"p-1\") }"), "NOT_FOUND");
        assertEquals(1, Database.count(
                "SELECT count(*) FROM social_posts WHERE author_id = ? AND post_id = 'p-1' AND deleted_at IS NULL", alice.id()));
        assertError(alice.run("mutation { deletePost(postId: \"never-was\") }"), "NOT_FOUND");
    }

    @Test
    void aDeletedPostDisappearsForEveryViewerAtOnceAndLeavesATombstone() {
        Social.post(alice.id(), "p-1", "PUBLIC");
        assertTrue(alice.data("mutation { deletePost(postId: \"p-1\") }").getBoolean("deletePost"));
        assertTrue(alice.data("mutation { deletePost(postId: \"p-1\") }").getBoolean("deletePost"), "a replayed delete");

        for (TestUser viewer : List.of(alice, bob, eve)) {
            assertEquals(List.of(), viewer.data(POSTS, Map.of("authorId", alice.id())).getList("posts.edges"));
        }
        assertEquals(List.of(), alice.data(FEED, Map.of()).getList("feed.edges"));
        assertEquals(List.of(), bob.data(FEED, Map.of()).getList("feed.edges"));
        assertEquals(1, Database.count("""
                SELECT count(*) FROM change_log WHERE entity = 'post' AND entity_id = ? AND deleted""", alice.id() + "/p-1"));
        assertError(alice.run(CREATE_POST, Map.of("input", Map.of("postId", "p-1", "content", "back"))), "CONFLICT");
    }

    @Test
    void theFeedPagesThroughOwnAndFriendsPostsNewestFirst() {
        for (int i = 0; i < 45; i++) {
            Social.post(i % 2 == 0 ? alice.id() : bob.id(), "p-" + i, i % 3 == 0 ? "PUBLIC" : "FRIENDS");
        }
        Social.post(eve.id(), "eve-public", "PUBLIC");

        List<String> seen = new ArrayList<>();
        Map<String, Object> variables = new HashMap<>(Map.of("first", 20));
        List<Integer> pageSizes = new ArrayList<>();
        while (true) {
            JsonPath page = bob.data(FEED, variables);
            List<String> ids = page.getList("feed.edges.postId");
            pageSizes.add(ids.size());
            seen.addAll(ids);
            if (!page.getBoolean("feed.pageInfo.hasMore")) {
                break;
            }
            variables.put("after", page.getString("feed.pageInfo.endCursor"));
        }
        List<String> expected = new ArrayList<>();
        for (int i = 44; i >= 0; i--) {
            expected.add("p-" + i);
        }
        assertEquals(expected, seen);
        assertEquals(List.of(20, 20, 5), pageSizes);
        assertEquals(seen.size(), new HashSet<>(seen).size());
    }

    @Test
    void aFeedPageOf20PostsWithAuthorsCostsAtMostThreeStatements() {
        String carolId = UserIds.fresh("carol");
        String danId = UserIds.fresh("dan");
        Chat.users(carolId, danId);
        Social.befriend(bob.id(), carolId);
        Social.befriend(danId, bob.id());
        String[] authors = { alice.id(), bob.id(), carolId, danId };
        for (int i = 0; i < 24; i++) {
            Social.post(authors[i % 4], "cost-" + i, "FRIENDS");
        }

        JsonPath[] page = new JsonPath[1];
        long statements = SqlStatements.during(() -> page[0] = bob.data(FEED, Map.of("first", 20)));

        assertEquals(20, page[0].getList("feed.edges").size());
        assertEquals(4, page[0].getList("feed.edges.author.userId").stream().distinct().count());
        assertTrue(statements >= 1 && statements <= 3, statements + " statements");
    }

    @Test
    void badPostsAndPagesAreRefusedAndWriteNothing() {
        String create = CREATE_POST;
        assertError(alice.run(create, Map.of("input", Map.of("postId", "e", "content", ""))), "BAD_USER_INPUT");
        assertError(alice.run(create, Map.of("input", Map.of("postId", "b", "content", "   "))), "BAD_USER_INPUT");
        assertError(alice.run(create, Map.of("input", Map.of("postId", "l", "content", "x".repeat(10_001)))), "BAD_USER_INPUT");
        assertError(alice.run(create, Map.of("input", Map.of("postId", "v", "content", "hi", "visibility", "SECRET"))),
                "BAD_USER_INPUT");
        assertError(alice.run("mutation { createPost(input: {postId: \"v2\", content: \"hi\", visibility: SECRET}) { postId } }"),
                "BAD_USER_INPUT");
        assertError(alice.run(create, Map.of("input", Map.of("postId", "p".repeat(65), "content", "hi"))), "BAD_USER_INPUT");
        assertEquals(0, Database.count("SELECT count(*) FROM social_posts WHERE author_id = ?", alice.id()));

        Social.post(alice.id(), "p-1", "PUBLIC");
        Social.post(alice.id(), "p-2", "PUBLIC");
        String feedCursor = bob.data(FEED, Map.of("first", 1)).getString("feed.pageInfo.endCursor");
        assertError(bob.run(POSTS, Map.of("authorId", alice.id(), "after", feedCursor)), "BAD_USER_INPUT");
        String messagesCursor = Base64.getUrlEncoder().withoutPadding()
                .encodeToString("messages:1700000000000000:5".getBytes(StandardCharsets.UTF_8));
        assertError(bob.run(FEED, Map.of("after", messagesCursor)), "BAD_USER_INPUT");
        assertError(bob.run(FEED, Map.of("after", "%%%")), "BAD_USER_INPUT");
        for (int first : new int[] { 0, 101, 100_000 }) {
            assertError(bob.run(FEED, Map.of("first", first)), "BAD_USER_INPUT");
        }
        assertEquals(10_000, alice.data(create, Map.of("input", Map.of("postId", "max", "content", "x".repeat(10_000))))
                .getString("createPost.content").length());
    }

    @Test
    void postsOfAnUnknownAuthorReadAsEmpty() {
        assertEquals(List.of(), bob.data(POSTS, Map.of("authorId", "nobody-" + bob.id())).getList("posts.edges"));
    }
}
