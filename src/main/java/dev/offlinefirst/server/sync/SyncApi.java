package dev.offlinefirst.server.sync;

import java.util.List;

import org.eclipse.microprofile.graphql.DefaultValue;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;

import dev.offlinefirst.server.isolation.Viewer;
import dev.offlinefirst.server.isolation.ViewerIsolated;
import io.smallrye.mutiny.Uni;

/** GraphQL resolvers of the viewer's offline operation queue. */
@GraphQLApi
@ViewerIsolated
public class SyncApi {

    private final OperationService service;

    public SyncApi(OperationService service) {
        this.service = service;
    }

    @Query("operations")
    @NonNull
    @Description("The viewer's pushed operations in push order, optionally of one status; first is 1 to 100.")
    public Uni<List<@NonNull SyncOperationView>> operations(OperationStatus status, @DefaultValue("50") Integer first) {
        return service.list(Viewer.current().id(), status, first)
                .map(rows -> rows.stream().map(SyncOperationView::of).toList());
    }
}
