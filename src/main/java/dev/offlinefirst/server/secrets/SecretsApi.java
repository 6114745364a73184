package dev.offlinefirst.server.secrets;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.NonNull;

import dev.offlinefirst.server.isolation.Viewer;
import dev.offlinefirst.server.isolation.ViewerIsolated;
import dev.offlinefirst.server.shared.ApiException;
import io.smallrye.mutiny.Uni;

/** The admin's key rotation for sensitive values at rest. */
@GraphQLApi
@ViewerIsolated
public class SecretsApi {

    private final SecretRotation rotation;

    public SecretsApi(SecretRotation rotation) {
        this.rotation = rotation;
    }

    @Mutation("resealSecrets")
    @NonNull
    @Description("Seals every stored secret again under the current key (role admin); answers how many were sealed again.")
    public Uni<Integer> resealSecrets() {
        if (!Viewer.current().isAdmin()) {
            throw ApiException.forbidden("Resealing secrets needs the role " + Viewer.ADMIN_ROLE);
        }
        return rotation.resealAll();
    }
}
