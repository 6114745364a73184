package dev.offlinefirst.server.social;

import java.util.Objects;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

import dev.offlinefirst.server.replication.ReplicatedDocument;

import dev.offlinefirst.server.replication.DocumentIds;
import dev.offlinefirst.server.shared.Timestamps;

/**
 * A document of the {@code Posts} collection (the viewer's own posts and accepted friends' visible
 * ones), and its push input: the author edits {@code content} and {@code visibility} or deletes it;
 * the timestamps are derived and ignored on the way in.
 */
@Type("ReplicatedPost")
@Input("ReplicatedPostInput")
@Description("A post as replicated: id is authorId/postId; a deleted document has only its key.")
public record ReplicatedPost(
        @Id @NonNull String id,
        @Id String postId,
        @Id String authorId,
        String content,
        Visibility visibility,
        String createdAt,
        String updatedAt,
        boolean deleted) implements ReplicatedDocument {

    static ReplicatedPost of(SocialPost post) {
        return new ReplicatedPost(DocumentIds.of(post.authorId, post.postId), post.postId, post.authorId, post.content,
                post.visibility, Timestamps.format(post.createdAt), Timestamps.format(post.updatedAt), false);
    }

    static ReplicatedPost deleted(String id) {
        return new ReplicatedPost(id, DocumentIds.local(id), DocumentIds.owner(id), null, null, null, null, true);
    }

    boolean sameContent(ReplicatedPost other) {
        return other != null && deleted == other.deleted && Objects.equals(content, other.content)
                && Objects.equals(visibility, other.visibility);
    }
}
