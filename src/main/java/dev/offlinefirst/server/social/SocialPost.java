package dev.offlinefirst.server.social;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.Filter;

import dev.offlinefirst.server.isolation.Relations;
import dev.offlinefirst.server.isolation.ViewerFilter;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/**
 * A post; {@code postId} is the author's client id, unique per author. Seen by its author, by everyone
 * when PUBLIC, by accepted friends when FRIENDS. A deleted post (a tombstone kept for delta sync) is
 * seen by nobody. The friends are one uncorrelated subquery (a hashed set computed once per query), not
 * a check per post: scanning a feed newest first otherwise probed friendships for every post passed.
 */
@Entity
@Table(name = "social_posts")
@Filter(name = ViewerFilter.NAME, deduceAliasInjectionPoints = false, condition = "({alias}.deleted_at IS NULL"
        + " AND ({alias}.author_id = :viewerId OR {alias}.visibility = 'PUBLIC'"
        + "   OR ({alias}.visibility = 'FRIENDS' AND {alias}.author_id IN (" + Relations.FRIENDS_OF_VIEWER + "))))")
public class SocialPost extends PanacheEntityBase {

    /** Server-assigned; breaks ties between posts of the same instant in pages. */
    @Id
    public Long id;

    @Column(name = "post_id")
    public String postId;

    @Column(name = "author_id")
    public String authorId;

    public String content;

    @Enumerated(EnumType.STRING)
    public Visibility visibility;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;

    @Column(name = "deleted_at")
    public Instant deletedAt;
}
