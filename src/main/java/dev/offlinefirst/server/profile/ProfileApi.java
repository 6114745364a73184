package dev.offlinefirst.server.profile;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;

import dev.offlinefirst.server.isolation.Viewer;
import dev.offlinefirst.server.isolation.ViewerIsolated;
import io.smallrye.mutiny.Uni;

/** GraphQL resolvers of profiles. */
@GraphQLApi
@ViewerIsolated
public class ProfileApi {

    private final ProfileService service;

    public ProfileApi(ProfileService service) {
        this.service = service;
    }

    @Query("me")
    @NonNull
    @Description("The viewer's own profile; the first call creates it.")
    public Uni<ProfileView> me() {
        String viewerId = Viewer.current().id();
        return service.seenBy(new ProfileKey(viewerId, viewerId)).map(SeenProfile::viewOf);
    }

    @Query("profile")
    @Description("A profile the viewer may see, or null.")
    public Uni<ProfileView> profile(@Id @NonNull String userId) {
        return service.seenBy(new ProfileKey(Viewer.current().id(), userId)).map(SeenProfile::viewOf);
    }

    @Mutation("updateProfile")
    @NonNull
    @Description("Changes the viewer's profile if expectedVersion is still current; otherwise CONFLICT.")
    public Uni<ProfileView> updateProfile(@NonNull ProfileInput input) {
        return service.update(Viewer.current().id(), input.toChanges()).map(ProfileAccess.OWNER::show);
    }
}
