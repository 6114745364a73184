package dev.offlinefirst.server.social;

import jakarta.enterprise.context.ApplicationScoped;

import dev.offlinefirst.server.profile.ProfileService;
import dev.offlinefirst.server.shared.ApiException;
import dev.offlinefirst.server.shared.Cursor;
import dev.offlinefirst.server.shared.Inputs;
import dev.offlinefirst.server.shared.LimitsConfig;
import dev.offlinefirst.server.shared.Slice;
import dev.offlinefirst.server.shared.Timestamps;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/**
 * Posts: created with the author's client id (a replay answers the same post), soft-deleted by their
 * author, read through the visibility filter.
 */
@ApplicationScoped
public class PostService {

    static final String FEED_CURSOR = "feed";
    static final String POSTS_CURSOR = "posts";
    static final int DEFAULT_PAGE_SIZE = 20;

    private final PostRepository posts;
    private final ProfileService profiles;
    private final LimitsConfig limits;

    public PostService(PostRepository posts, ProfileService profiles, LimitsConfig limits) {
        this.posts = posts;
        this.profiles = profiles;
        this.limits = limits;
    }

    @WithTransaction
    public Uni<SocialPost> create(String viewerId, String postId, String content, Visibility visibility) {
        Inputs.id("postId", postId);
        Inputs.text("content", content, limits.postMaxLength());
        if (content.isBlank()) {
            throw ApiException.badInput("content must not be blank");
        }
        Visibility chosen = visibility == null ? Visibility.FRIENDS : visibility;
        return profiles.own(viewerId)
                .chain(() -> posts.insertNew(viewerId, postId, content, chosen, Timestamps.now()))
                .chain(() -> posts.own(viewerId, postId))
                .onItem().ifNull().failWith(() -> ApiException.conflict(
                        "Post " + postId + " was deleted; a deleted post's id cannot be used again"));
    }

    /**
     * Changes the content or visibility (null: unchanged) of the viewer's live post; someone else's,
     * a deleted or no post is {@code NOT_FOUND}.
     */
    @WithTransaction
    public Uni<SocialPost> edit(String viewerId, String postId, String content, Visibility visibility) {
        Inputs.id("postId", postId);
        if (content != null) {
            Inputs.text("content", content, limits.postMaxLength());
            if (content.isBlank()) {
                throw ApiException.badInput("content must not be blank");
            }
        }
        return posts.own(viewerId, postId)
                .onItem().ifNull().failWith(() -> ApiException.notFound("No post " + postId))
                .invoke(post -> {
                    if (content != null) {
                        post.content = content;
                    }
                    if (visibility != null) {
                        post.visibility = visibility;
                    }
                    post.updatedAt = Timestamps.now();
                });
    }

    /** True when the viewer's post is (now or already) deleted; someone else's or no post is NOT_FOUND. */
    @WithTransaction
    public Uni<Boolean> delete(String viewerId, String postId) {
        Inputs.id("postId", postId);
        return posts.softDelete(viewerId, postId, Timestamps.now())
                .chain(deleted -> deleted ? Uni.createFrom().item(true) : posts.everUsed(viewerId, postId))
                .invoke(found -> {
                    if (!found) {
                        throw ApiException.notFound("No post " + postId);
                    }
                });
    }

    @WithSession
    public Uni<Slice<SocialPost>> byAuthor(String authorId, Integer first, String after) {
        Inputs.id("authorId", authorId);
        return page(POSTS_CURSOR, first, after, (cursor, size) -> posts.byAuthor(authorId, cursor, size));
    }

    @WithSession
    public Uni<Slice<SocialPost>> feed(String viewerId, Integer first, String after) {
        return page(FEED_CURSOR, first, after, (cursor, size) -> posts.feed(viewerId, cursor, size));
    }

    private Uni<Slice<SocialPost>> page(String kind, Integer first, String after, Slice.PageQuery<SocialPost> query) {
        int size = Inputs.pageSize(first, DEFAULT_PAGE_SIZE, limits.maxPageSize());
        return Slice.read(kind, "after", after, size, query, post -> new Cursor(kind, post.createdAt, post.id));
    }
}
