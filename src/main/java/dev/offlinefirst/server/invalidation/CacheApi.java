package dev.offlinefirst.server.invalidation;

import org.eclipse.microprofile.graphql.DefaultValue;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.NonNull;

import dev.offlinefirst.server.cache.CacheScope;
import dev.offlinefirst.server.isolation.Viewer;
import dev.offlinefirst.server.isolation.ViewerIsolated;
import io.smallrye.mutiny.Uni;

/** GraphQL resolver of manual cache invalidation. */
@GraphQLApi
@ViewerIsolated
public class CacheApi {

    private final CacheControl control;

    public CacheApi(CacheControl control) {
        this.control = control;
    }

    @Mutation("invalidateCaches")
    @NonNull
    @Description("Drops cached values on every replica: the viewer's (ME) or all of them (ALL, role admin only).")
    public Uni<Boolean> invalidateCaches(@DefaultValue("ME") CacheScope scope) {
        return control.invalidate(Viewer.current(), scope == null ? CacheScope.ME : scope);
    }
}
