package dev.offlinefirst.server.replication;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import graphql.extensions.ExtensionsBuilder;
import graphql.schema.DataFetchingEnvironment;
import io.smallrye.graphql.api.Context;
import io.smallrye.mutiny.Uni;

/**
 * Says why pushed rows were not written, in the response's {@code extensions.refused} (a list of
 * {@code {collection, id, code, reason}}), while the data stays what RxDB's push handler reads: the
 * master states alone. An error would make the client retry the same rows for ever. It goes through
 * graphql-java's {@link ExtensionsBuilder}, which the engine keeps in the GraphQL context.
 */
@ApplicationScoped
public class RefusalReport {

    /** The key of the response's extensions that lists refused rows. */
    public static final String EXTENSION = "refused";

    private final Context context;

    public RefusalReport(Context context) {
        this.context = context;
    }

    /** The push's master states; its refusals go to the response's extensions. Call it in the resolver. */
    public <D> Uni<List<D>> answer(String collection, Uni<Replication.Pushed<D>> push) {
        ExtensionsBuilder extensions = context.unwrap(DataFetchingEnvironment.class).getGraphQlContext()
                .get(ExtensionsBuilder.class);
        return push.map(pushed -> {
            if (extensions != null && !pushed.refusals().isEmpty()) {
                List<Object> refused = pushed.refusals().stream().<Object> map(refusal -> {
                    Map<String, Object> entry = new LinkedHashMap<>();
                    entry.put("collection", collection);
                    entry.put("id", refusal.id());
                    entry.put("code", refusal.code().name());
                    entry.put("reason", refusal.reason());
                    return entry;
                }).toList();
                extensions.addValue(EXTENSION, refused);
            }
            return pushed.masters();
        });
    }
}
