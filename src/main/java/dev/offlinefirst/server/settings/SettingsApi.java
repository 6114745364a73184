package dev.offlinefirst.server.settings;

import java.util.List;

import org.eclipse.microprofile.graphql.DefaultValue;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;

import dev.offlinefirst.server.isolation.Viewer;
import dev.offlinefirst.server.isolation.ViewerIsolated;
import io.smallrye.mutiny.Uni;

/** GraphQL resolvers of the viewer's settings. */
@GraphQLApi
@ViewerIsolated
public class SettingsApi {

    private final SettingsService service;

    public SettingsApi(SettingsService service) {
        this.service = service;
    }

    @Query("settings")
    @NonNull
    @Description("All of the viewer's settings, by key.")
    public Uni<List<@NonNull SettingView>> settings() {
        return service.all(new SettingsKey(Viewer.current().id())).map(rows -> rows.stream().map(service::view).toList());
    }

    @Query("setting")
    @Description("One of the viewer's settings, or null.")
    public Uni<SettingView> setting(@NonNull String key) {
        return service.one(Viewer.current().id(), key).map(service::view);
    }

    @Mutation("setSetting")
    @NonNull
    @Description("Creates or replaces one of the viewer's settings; secret: true stores the value encrypted at rest.")
    public Uni<SettingView> setSetting(@NonNull String key, @NonNull String value, @DefaultValue("false") Boolean secret) {
        return service.set(Viewer.current().id(), key, value, Boolean.TRUE.equals(secret)).map(service::view);
    }

    @Mutation("deleteSetting")
    @NonNull
    @Description("Deletes one of the viewer's settings; false when there was none.")
    public Uni<Boolean> deleteSetting(@NonNull String key) {
        return service.delete(Viewer.current().id(), key);
    }
}
