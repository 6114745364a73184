package dev.offlinefirst.server.sync;

import java.util.List;

import org.eclipse.microprofile.graphql.DefaultValue;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;

import dev.offlinefirst.server.isolation.Viewer;
import dev.offlinefirst.server.isolation.ViewerIsolated;
import io.smallrye.graphql.api.Subscription;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/** GraphQL resolvers of offline sync: the operation queue, its live updates, and delta sync. */
@GraphQLApi
@ViewerIsolated
public class SyncApi {

    private final OperationService operations;
    private final OperationWorker worker;
    private final OperationUpdates updates;
    private final DeltaSync deltaSync;

    public SyncApi(OperationService operations, OperationWorker worker, OperationUpdates updates, DeltaSync deltaSync) {
        this.operations = operations;
        this.worker = worker;
        this.updates = updates;
        this.deltaSync = deltaSync;
    }

    @Query("operations")
    @NonNull
    @Description("The viewer's pushed operations in push order, optionally of one status; first is 1 to 100.")
    public Uni<List<@NonNull SyncOperationView>> operations(OperationStatus status, @DefaultValue("50") Integer first) {
        return operations.list(Viewer.current().id(), status, first)
                .map(rows -> rows.stream().map(SyncOperationView::of).toList());
    }

    @Mutation("pushOperations")
    @NonNull
    @Description("Stores a batch of offline operations durably and answers a receipt for each at once; the worker applies them in push order.")
    public Uni<List<@NonNull OperationReceipt>> pushOperations(@NonNull List<@NonNull OperationInput> ops) {
        return operations.push(Viewer.current().id(), ops).invoke(worker::wake);
    }

    @Mutation("retryOperation")
    @NonNull
    @Description("Puts a FAILED or CONFLICT operation back in the queue.")
    public Uni<SyncOperationView> retryOperation(@Id @NonNull String id) {
        return operations.retry(Viewer.current().id(), id).invoke(worker::wake).map(SyncOperationView::of);
    }

    @Mutation("discardOperation")
    @NonNull
    @Description("Gives up an operation that has not been applied.")
    public Uni<SyncOperationView> discardOperation(@Id @NonNull String id) {
        return operations.discard(Viewer.current().id(), id).map(SyncOperationView::of);
    }

    @Subscription("operationUpdates")
    @NonNull
    @Description("The viewer's own operations as their status changes; ends when the token expires.")
    public Multi<SyncOperationView> operationUpdates() {
        Viewer viewer = Viewer.current();
        return updates.follow(viewer.id(), viewer.validUntil()).map(SyncOperationView::of);
    }

    @Query("changes")
    @NonNull
    @Description("What changed among the rows the viewer may see after the cursor since (none: from the beginning), oldest first; limit is 1 to 1000; entities (Change.entity names) narrows it to some entities.")
    public Uni<ChangeSetView> changes(String since, @DefaultValue("500") Integer limit, List<String> entities) {
        return deltaSync.changes(Viewer.current().id(), since, limit, entities);
    }
}
