package dev.offlinefirst.server.portability;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;

import dev.offlinefirst.server.isolation.Viewer;
import dev.offlinefirst.server.isolation.ViewerIsolated;
import io.smallrye.mutiny.Uni;

/** GraphQL resolvers of the viewer's own data as a whole: export, import and clear. */
@GraphQLApi
@ViewerIsolated
public class PortabilityApi {

    private final DataExport export;
    private final DataImport importer;
    private final DataClearing clearing;
    private final PortabilityMetrics metrics;

    public PortabilityApi(DataExport export, DataImport importer, DataClearing clearing, PortabilityMetrics metrics) {
        this.export = export;
        this.importer = importer;
        this.clearing = clearing;
        this.metrics = metrics;
    }

    @Query("exportMyData")
    @NonNull
    @Description("All of the viewer's data as one JSON document (format version 1); GET /export streams the same document.")
    public Uni<String> exportMyData() {
        return export.document(Viewer.current().id()).invoke(() -> metrics.exported(false));
    }

    @Mutation("importMyData")
    @NonNull
    @Description("Imports an export document into the viewer's account in one transaction; rows already here stay as they are.")
    public Uni<ImportResult> importMyData(@NonNull String data) {
        return importer.load(Viewer.current().id(), data).invoke(metrics::imported);
    }

    @Mutation("clearMyData")
    @NonNull
    @Description("Removes everything the viewer owns, in one transaction; their live streams end.")
    public Uni<Boolean> clearMyData() {
        return clearing.clear(Viewer.current().id()).invoke(metrics::cleared);
    }
}
