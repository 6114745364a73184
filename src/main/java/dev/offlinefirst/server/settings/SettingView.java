package dev.offlinefirst.server.settings;

import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

import dev.offlinefirst.server.shared.Timestamps;

/** The GraphQL {@code Setting} type. */
@Type("Setting")
public record SettingView(@NonNull String key, @NonNull String value, @NonNull String updatedAt) {

    public static SettingView of(UserSetting setting) {
        return setting == null ? null
                : new SettingView(setting.key, setting.value, Timestamps.format(setting.updatedAt));
    }
}
