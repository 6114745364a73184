package dev.offlinefirst.server.social;

import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

import dev.offlinefirst.server.shared.Timestamps;

/** The GraphQL {@code SocialPost} type; {@code author} is resolved in batches by {@link SocialApi}. */
@Type("SocialPost")
public record PostView(
        @Id @NonNull String postId,
        @Id @NonNull String authorId,
        @NonNull String content,
        @NonNull Visibility visibility,
        @NonNull String createdAt,
        @NonNull String updatedAt) {

    public static PostView of(SocialPost post) {
        return new PostView(post.postId, post.authorId, post.content, post.visibility,
                Timestamps.format(post.createdAt), Timestamps.format(post.updatedAt));
    }
}
