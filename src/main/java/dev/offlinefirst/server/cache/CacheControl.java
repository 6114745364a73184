package dev.offlinefirst.server.cache;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import dev.offlinefirst.server.isolation.Viewer;
import dev.offlinefirst.server.shared.ApiException;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/** Manual invalidation: the seed's "manual invalidation", for a user or (admins only) for everyone. */
@ApplicationScoped
public class CacheControl {

    private final CacheInvalidator invalidator;

    public CacheControl(CacheInvalidator invalidator) {
        this.invalidator = invalidator;
    }

    @WithTransaction
    public Uni<Boolean> invalidate(Viewer viewer, CacheScope scope) {
        if (scope == CacheScope.ALL && !viewer.isAdmin()) {
            throw ApiException.forbidden("Dropping every cache needs the role " + Viewer.ADMIN_ROLE);
        }
        Invalidation invalidation = scope == CacheScope.ALL ? Invalidation.all() : Invalidation.users(List.of(viewer.id()));
        return invalidator.stale(invalidation).replaceWith(true);
    }
}
