package dev.offlinefirst.server.social;

import java.time.Instant;
import java.util.Collection;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import dev.offlinefirst.server.shared.Cursor;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Parameters;
import io.smallrye.mutiny.Uni;

/** Posts; reads see only what the viewer may see, and never a deleted post. */
@ApplicationScoped
public class PostRepository implements PanacheRepositoryBase<SocialPost, Long> {

    private static final String AFTER = " and (p.createdAt < :at or (p.createdAt = :at and p.id < :id))";
    private static final String NEWEST_FIRST = " order by p.createdAt desc, p.id desc";

    /** What the viewer may see of one author, newest first. */
    public Uni<List<SocialPost>> byAuthor(String authorId, Cursor after, int limit) {
        Parameters parameters = Parameters.with("author", authorId);
        return page("from SocialPost p where p.authorId = :author", parameters, after, limit);
    }

    /** The viewer's own posts and the visible posts of accepted friends, newest first. */
    public Uni<List<SocialPost>> feed(String viewerId, Cursor after, int limit) {
        return page("""
                from SocialPost p where (p.authorId = :viewer
                    or p.authorId in (select f.friendId from AcceptedFriend f where f.userId = :viewer))""",
                Parameters.with("viewer", viewerId), after, limit);
    }

    /**
     * The posts among these that belong in the viewer's local store: their own and the visible posts of
     * accepted friends (a stranger's public post is readable but not held). Delta sync and the
     * {@code Posts} collection both load through here.
     */
    public Uni<List<SocialPost>> inReach(String viewerId, Collection<String> authors, Collection<String> postIds) {
        return find("""
                authorId in ?1 and postId in ?2 and (authorId = ?3 or (visibility <> ?4
                    and authorId in (select f.friendId from AcceptedFriend f where f.userId = ?3)))""",
                authors, postIds, viewerId, Visibility.PRIVATE).list();
    }

    /** The author's own live post with this client id, or null. */
    public Uni<SocialPost> own(String authorId, String postId) {
        return find("authorId = ?1 and postId = ?2", authorId, postId).firstResult();
    }

    /** Stores the post unless the author already used this id; true when stored. */
    public Uni<Boolean> insertNew(String authorId, String postId, String content, Visibility visibility, Instant now) {
        return getSession().chain(session -> session.createNativeQuery("""
                INSERT INTO social_posts (post_id, author_id, content, visibility, created_at, updated_at)
                VALUES (:postId, :author, :content, :visibility, :now, :now)
                ON CONFLICT (author_id, post_id) DO NOTHING""")
                .setParameter("postId", postId)
                .setParameter("author", authorId)
                .setParameter("content", content)
                .setParameter("visibility", visibility.name())
                .setParameter("now", now)
                .executeUpdate())
                .map(inserted -> inserted > 0);
    }

    /** Soft-deletes the author's live post, leaving its tombstone; true when one was deleted now. */
    public Uni<Boolean> softDelete(String authorId, String postId, Instant now) {
        return getSession().chain(session -> session.createNativeQuery("""
                UPDATE social_posts SET deleted_at = :now, updated_at = :now
                WHERE author_id = :author AND post_id = :postId AND deleted_at IS NULL""")
                .setParameter("author", authorId)
                .setParameter("postId", postId)
                .setParameter("now", now)
                .executeUpdate())
                .map(updated -> updated > 0);
    }

    /** Whether the author ever used this id, deleted or not; only the author's own rows are asked about. */
    public Uni<Boolean> everUsed(String authorId, String postId) {
        return getSession().chain(session -> session.createNativeQuery(
                "SELECT count(*) FROM social_posts WHERE author_id = :author AND post_id = :postId", Long.class)
                .setParameter("author", authorId)
                .setParameter("postId", postId)
                .getSingleResult())
                .map(count -> count > 0);
    }

    private Uni<List<SocialPost>> page(String query, Parameters parameters, Cursor after, int limit) {
        if (after != null) {
            parameters.and("at", after.at()).and("id", after.id());
        }
        return find(query + (after == null ? "" : AFTER) + NEWEST_FIRST, parameters).page(Page.ofSize(limit)).list();
    }
}
