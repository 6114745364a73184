package dev.offlinefirst.server.invalidation;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import dev.offlinefirst.server.cache.CacheInvalidator;
import dev.offlinefirst.server.cache.CacheScope;
import dev.offlinefirst.server.cache.Invalidation;
import dev.offlinefirst.server.changes.ChangeEntity;
import dev.offlinefirst.server.isolation.Viewer;
import dev.offlinefirst.server.shared.ApiException;
import io.quarkus.hibernate.reactive.panache.Panache;
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
        Invalidation change = scope == CacheScope.ALL ? Invalidation.all() : Invalidation.users(List.of(viewer.id()));
        // No table changes, so the signal goes into the change stream itself; delta sync skips it.
        return Panache.getSession().chain(session -> session.createNativeQuery(
                "INSERT INTO change_log (entity, entity_id, owner_id) VALUES (:entity, :scope, :viewer)")
                .setParameter("entity", ChangeEntity.CACHE.logName())
                .setParameter("scope", scope.name())
                .setParameter("viewer", viewer.id())
                .executeUpdate())
                .chain(() -> invalidator.forget(change))
                .replaceWith(true);
    }
}
