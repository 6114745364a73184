package dev.offlinefirst.server.social;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiConsumer;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import dev.offlinefirst.server.support.Chat;
import dev.offlinefirst.server.support.GraphQLClient;
import dev.offlinefirst.server.support.Social;
import dev.offlinefirst.server.support.UserIds;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * What a viewer sees of an author's posts, profile and feed, for every relation between them. The
 * author has one post of each visibility.
 */
@QuarkusTest
class VisibilityMatrixTest {

    enum Relation {
        AUTHOR(Set.of("public", "friends", "private"), true, Set.of("public", "friends", "private"), (a, v) -> {
        }),
        ACCEPTED_FRIEND(Set.of("public", "friends"), true, Set.of("public", "friends"), Social::befriend),
        PENDING_ASKED_BY_VIEWER(Set.of("public"), false, Set.of(), (a, v) -> Social.request(v, a)),
        PENDING_ASKED_BY_AUTHOR(Set.of("public"), false, Set.of(), Social::request),
        DECLINED(Set.of("public"), false, Set.of(), (a, v) -> {
            Social.request(v, a);
            Social.respond(a, v, false);
        }),
        STRANGER(Set.of("public"), false, Set.of(), (a, v) -> {
        }),
        REMOVED_FRIEND(Set.of("public"), false, Set.of(), (a, v) -> {
            Social.befriend(a, v);
            Social.unfriend(v, a);
        });

        final Set<String> posts;
        final boolean seesProfile;
        final Set<String> inFeed;
        final BiConsumer<String, String> arrange;

        Relation(Set<String> posts, boolean seesProfile, Set<String> inFeed, BiConsumer<String, String> arrange) {
            this.posts = posts;
            this.seesProfile = seesProfile;
            this.inFeed = inFeed;
            this.arrange = arrange;
        }
    }

    @ParameterizedTest
    @EnumSource(Relation.class)
    void theViewerSeesExactlyWhatTheRelationAllows(Relation relation) {
        String authorId = UserIds.fresh("author");
        String viewerId = relation == Relation.AUTHOR ? authorId : UserIds.fresh("viewer");
        Chat.users(authorId, viewerId);
        relation.arrange.accept(authorId, viewerId);
        for (String visibility : List.of("PUBLIC", "FRIENDS", "PRIVATE")) {
            Social.post(authorId, visibility.toLowerCase(), visibility);
        }
        GraphQLClient viewer = GraphQLClient.as(viewerId);

        JsonPath byAuthor = viewer.data(Social.POSTS, Map.of("authorId", authorId));
        assertEquals(new TreeSet<>(relation.posts), new TreeSet<>(byAuthor.getList("posts.edges.postId", String.class)),
                "posts(authorId)");

        JsonPath profile = viewer.data("query($u: ID!) { profile(userId: $u) { userId } }", Map.of("u", authorId));
        assertEquals(relation.seesProfile ? authorId : null, profile.getString("profile.userId"), "profile");

        JsonPath feed = viewer.data(Social.FEED, Map.of("first", 100));
        List<String> authorsPostsInFeed = feed.getList("feed.edges.findAll { it.authorId == '" + authorId + "' }.postId",
                String.class);
        assertEquals(new TreeSet<>(relation.inFeed), new TreeSet<>(authorsPostsInFeed), "feed");
    }
}
