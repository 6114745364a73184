package dev.offlinefirst.server.social;

import java.util.Collection;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import dev.offlinefirst.server.changes.ChangeEntity;
import dev.offlinefirst.server.changes.ChangeRow;
import dev.offlinefirst.server.replication.DocumentIds;
import dev.offlinefirst.server.replication.PushRefused;
import dev.offlinefirst.server.replication.ReplicatedCollection;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * The {@code Posts} collection: the viewer's own posts and the visible posts of accepted friends (what
 * delta sync holds). Its author creates, edits and deletes a post through {@link PostService}.
 */
@ApplicationScoped
public class PostReplication implements ReplicatedCollection<ReplicatedPost> {

    private final PostService posts;
    private final PostRepository repository;

    public PostReplication(PostService posts, PostRepository repository) {
        this.posts = posts;
        this.repository = repository;
    }

    @Override
    public String name() {
        return "Posts";
    }

    @Override
    public Set<ChangeEntity> entities() {
        return EnumSet.of(ChangeEntity.POST);
    }

    @Override
    public String documentId(String viewerId, ChangeRow change) {
        return ChangeEntity.POST.is(change.entity()) ? change.entityId() : null;
    }

    @Override
    public Uni<Map<String, ReplicatedPost>> load(String viewerId, Collection<String> ids) {
        Set<String> authors = new HashSet<>();
        Set<String> locals = new HashSet<>();
        for (String id : ids) {
            if (DocumentIds.owner(id) != null) {
                authors.add(DocumentIds.owner(id));
                locals.add(DocumentIds.local(id));
            }
        }
        if (authors.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return repository.inReach(viewerId, authors, locals)
                .map(rows -> rows.stream().map(ReplicatedPost::of).filter(post -> ids.contains(post.id()))
                        .collect(Collectors.toMap(ReplicatedPost::id, post -> post)));
    }

    @Override
    public ReplicatedPost deleted(String id) {
        return ReplicatedPost.deleted(id);
    }

    @Override
    public Uni<Void> write(String viewerId, ReplicatedPost assumed, ReplicatedPost proposed) {
        String id = DocumentIds.checked(proposed.id());
        if (!viewerId.equals(DocumentIds.owner(id)) || proposed.authorId() != null && !viewerId.equals(proposed.authorId())) {
            throw PushRefused.forbidden("a post is written by its author only: id must be your user id/postId");
        }
        String postId = DocumentIds.local(id);
        return Panache.withSession(() -> load(viewerId, List.of(id))).chain(held -> {
            ReplicatedPost master = held.get(id);
            if (assumed == null) {
                if (master != null) {
                    if (!master.sameContent(proposed)) {
                        throw PushRefused.conflict();
                    }
                    return Uni.createFrom().voidItem();
                }
                return proposed.deleted() ? Uni.createFrom().voidItem()
                        : posts.create(viewerId, postId, proposed.content(), proposed.visibility()).replaceWithVoid();
            }
            if (master == null) {
                // deleted on the server: deleting it again changes nothing
                if (proposed.deleted()) {
                    return Uni.createFrom().voidItem();
                }
                throw PushRefused.conflict();
            }
            boolean contentChanged = !Objects.equals(proposed.content(), assumed.content());
            boolean visibilityChanged = !Objects.equals(proposed.visibility(), assumed.visibility());
            if (contentChanged && !Objects.equals(master.content(), assumed.content())
                    || visibilityChanged && !Objects.equals(master.visibility(), assumed.visibility())) {
                throw PushRefused.conflict();
            }
            if (proposed.deleted()) {
                return posts.delete(viewerId, postId).replaceWithVoid();
            }
            if (!contentChanged && !visibilityChanged) {
                return Uni.createFrom().voidItem();
            }
            return posts.edit(viewerId, postId, contentChanged ? proposed.content() : null,
                    visibilityChanged ? proposed.visibility() : null).replaceWithVoid();
        });
    }
}
