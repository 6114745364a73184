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
 * What a viewer sees of an author's posts, profile (field by field) and feed, for every relation
 * between them. The author has one post of each visibility and fills every field of their profile.
 */
@QuarkusTest
class VisibilityMatrixTest {

    private static final Set<String> CARD = Set.of("userId", "displayName", "avatarUrl");
    private static final Set<String> CARD_AND_BIO = Set.of("userId", "displayName", "avatarUrl", "bio");
    private static final Set<String> EVERY_FIELD = Set.of("userId", "displayName", "avatarUrl", "bio", "phoneNumber");

    enum Relation {
        AUTHOR(Set.of("public", "friends", "private"), EVERY_FIELD, Set.of("public", "friends", "private"), (a, v) -> {
        }),
        ACCEPTED_FRIEND(Set.of("public", "friends"), CARD_AND_BIO, Set.of("public", "friends"), Social::befriend),
        PENDING_ASKED_BY_VIEWER(Set.of("public"), CARD, Set.of(), (a, v) -> Social.request(v, a)),
        PENDING_ASKED_BY_AUTHOR(Set.of("public"), CARD, Set.of(), Social::request),
        DECLINED(Set.of("public"), Set.of(), Set.of(), (a, v) -> {
            Social.request(v, a);
            Social.respond(a, v, false);
        }),
        STRANGER(Set.of("public"), Set.of(), Set.of(), (a, v) -> {
        }),
        REMOVED_FRIEND(Set.of("public"), Set.of(), Set.of(), (a, v) -> {
            Social.befriend(a, v);
            Social.unfriend(v, a);
        }),
        // A room made by the viewer with the author in it shows the viewer the author's card, nothing more.
        CO_MEMBER(Set.of("public"), CARD, Set.of(), (a, v) -> Chat.room(v, a)),
        REMOVED_CO_MEMBER(Set.of("public"), Set.of(), Set.of(), (a, v) -> {
            String room = Chat.room(a, v);
            GraphQLClient.as(a).data("mutation($r: ID!, $u: ID!) { removeRoomMember(roomId: $r, userId: $u) }",
                    Map.of("r", room, "u", v));
        });

        final Set<String> posts;
        final Set<String> profileFields;
        final Set<String> inFeed;
        final BiConsumer<String, String> arrange;

        Relation(Set<String> posts, Set<String> profileFields, Set<String> inFeed, BiConsumer<String, String> arrange) {
            this.posts = posts;
            this.profileFields = profileFields;
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
        GraphQLClient.as(authorId).data("""
                mutation { updateProfile(input: {displayName: "Author", bio: "my bio", avatarUrl: "https://a.example/x.png",
                                                 phoneNumber: "+100200300", expectedVersion: 0}) { version } }""");
        relation.arrange.accept(authorId, viewerId);
        for (String visibility : List.of("PUBLIC", "FRIENDS", "PRIVATE")) {
            Social.post(authorId, visibility.toLowerCase(), visibility);
        }
        GraphQLClient viewer = GraphQLClient.as(viewerId);

        JsonPath byAuthor = viewer.data(Social.POSTS, Map.of("authorId", authorId));
        assertEquals(new TreeSet<>(relation.posts), new TreeSet<>(byAuthor.getList("posts.edges.postId", String.class)),
                "posts(authorId)");

        Map<String, Object> profile = viewer.data("query($u: ID!) { profile(userId: $u) { userId displayName avatarUrl bio phoneNumber } }",
                Map.of("u", authorId)).getMap("profile");
        Set<String> shown = new TreeSet<>();
        if (profile != null) {
            profile.forEach((field, value) -> {
                if (value != null) {
                    shown.add(field);
                }
            });
        }
        assertEquals(new TreeSet<>(relation.profileFields), shown, "profile fields");

        JsonPath feed = viewer.data(Social.FEED, Map.of("first", 100));
        List<String> authorsPostsInFeed = feed.getList("feed.edges.findAll { it.authorId == '" + authorId + "' }.postId",
                String.class);
        assertEquals(new TreeSet<>(relation.inFeed), new TreeSet<>(authorsPostsInFeed), "feed");
    }
}
