package dev.offlinefirst.server.social;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import dev.offlinefirst.server.cache.CacheInvalidator;
import dev.offlinefirst.server.cache.CacheNames;
import dev.offlinefirst.server.cache.Invalidation;
import dev.offlinefirst.server.cache.ScannedCache;
import dev.offlinefirst.server.profile.ProfileService;
import dev.offlinefirst.server.shared.ApiException;
import dev.offlinefirst.server.shared.Inputs;
import dev.offlinefirst.server.shared.Timestamps;
import io.quarkus.cache.CacheResult;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/**
 * Friend connections and their transitions: the requester asks, the addressee accepts or declines,
 * either side removes. Asking someone who already asked you accepts their request.
 */
@ApplicationScoped
public class FriendService {

    /** Its cache, which the cache invalidator scans on the changes that concern it. */
    @Produces
    @Singleton
    static ScannedCache friendlistsCache() {
        return new ScannedCache(CacheNames.FRIEND_LISTS, FriendListKey::concerns);
    }

    private final FriendRepository friends;
    private final ProfileService profiles;
    private final CacheInvalidator invalidator;

    public FriendService(FriendRepository friends, ProfileService profiles, CacheInvalidator invalidator) {
        this.friends = friends;
        this.profiles = profiles;
        this.invalidator = invalidator;
    }

    /** The viewer's connections of one status; cached per viewer and status. */
    @CacheResult(cacheName = CacheNames.FRIEND_LISTS)
    @WithSession
    public Uni<List<FriendConnection>> connections(FriendListKey key) {
        return friends.of(key.viewerId(), key.status());
    }

    @WithTransaction
    public Uni<FriendConnection> request(String viewerId, String userId) {
        Inputs.id("userId", userId);
        if (userId.equals(viewerId)) {
            throw ApiException.badInput("You cannot send a friend request to yourself");
        }
        return profiles.own(viewerId)
                .chain(() -> profiles.requireExisting(List.of(userId)))
                .chain(() -> friends.between(viewerId, userId))
                .chain(existing -> existing == null
                        ? friends.request(viewerId, userId, Timestamps.now()).chain(() -> friends.between(viewerId, userId))
                        : Uni.createFrom().item(answerRequest(viewerId, existing)))
                .call(() -> invalidator.forget(Invalidation.friendship(viewerId, userId)));
    }

    @WithTransaction
    public Uni<FriendConnection> respond(String viewerId, String userId, boolean accept) {
        Inputs.id("userId", userId);
        return friends.between(viewerId, userId).map(connection -> {
            if (connection == null) {
                throw ApiException.notFound("No friend request from " + userId);
            }
            if (!connection.addresseeId.equals(viewerId)) {
                throw ApiException.forbidden("Only " + userId + " can answer your request");
            }
            FriendStatus wanted = accept ? FriendStatus.ACCEPTED : FriendStatus.DECLINED;
            if (connection.status == wanted) {
                throw ApiException.conflict("You already " + (accept ? "accepted" : "declined") + " this request");
            }
            if (connection.status == FriendStatus.ACCEPTED) {
                throw ApiException.conflict("You are already friends: use removeFriend to end it");
            }
            return changeStatus(connection, wanted);
        }).call(() -> invalidator.forget(Invalidation.friendship(viewerId, userId)));
    }

    /** Ends the connection whoever asked and whatever its status; false when there was none. */
    @WithTransaction
    public Uni<Boolean> remove(String viewerId, String userId) {
        Inputs.id("userId", userId);
        return friends.remove(viewerId, userId)
                .call(removed -> removed ? invalidator.forget(Invalidation.friendship(viewerId, userId))
                        : Uni.createFrom().voidItem());
    }

    /** A second request between a pair: idempotent for the requester, an acceptance for the addressee. */
    private static FriendConnection answerRequest(String viewerId, FriendConnection existing) {
        boolean askedByViewer = existing.requesterId.equals(viewerId);
        if (askedByViewer && existing.status == FriendStatus.DECLINED) {
            throw ApiException.conflict(existing.addresseeId + " declined your friend request");
        }
        if (!askedByViewer && existing.status != FriendStatus.ACCEPTED) {
            return changeStatus(existing, FriendStatus.ACCEPTED);
        }
        return existing;
    }

    private static FriendConnection changeStatus(FriendConnection connection, FriendStatus status) {
        connection.status = status;
        connection.updatedAt = Timestamps.now();
        return connection;
    }
}
