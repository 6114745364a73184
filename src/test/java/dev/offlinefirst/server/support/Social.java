package dev.offlinefirst.server.support;

import java.util.Map;

/** Social fixtures through the API: friend flows and posts. */
public final class Social {

    public static final String CREATE_POST = """
            mutation($input: PostInput!) { createPost(input: $input) { postId authorId content visibility createdAt updatedAt } }""";

    public static final String POSTS = """
            query($authorId: ID!, $first: Int, $after: String) {
              posts(authorId: $authorId, first: $first, after: $after) {
                edges { postId content visibility author { userId } } pageInfo { hasMore endCursor }
              }
            }""";

    public static final String FEED = """
            query($first: Int, $after: String) {
              feed(first: $first, after: $after) {
                edges { postId authorId content author { userId displayName } } pageInfo { hasMore endCursor }
              }
            }""";

    private Social() {
    }

    public static void post(String authorId, String postId, String visibility) {
        GraphQLClient.as(authorId).data(CREATE_POST,
                Map.of("input", Map.of("postId", postId, "content", "post " + postId, "visibility", visibility)));
    }

    public static void request(String fromId, String toId) {
        GraphQLClient.as(fromId).data("mutation($u: ID!) { requestFriend(userId: $u) { status } }", Map.of("u", toId));
    }

    public static void respond(String addresseeId, String requesterId, boolean accept) {
        GraphQLClient.as(addresseeId).data("mutation($u: ID!, $a: Boolean!) { respondFriend(userId: $u, accept: $a) { status } }",
                Map.of("u", requesterId, "a", accept));
    }

    public static void befriend(String oneId, String otherId) {
        request(oneId, otherId);
        respond(otherId, oneId, true);
    }

    public static void unfriend(String oneId, String otherId) {
        GraphQLClient.as(oneId).data("mutation($u: ID!) { removeFriend(userId: $u) }", Map.of("u", otherId));
    }
}
