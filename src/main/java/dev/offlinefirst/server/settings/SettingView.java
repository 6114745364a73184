package dev.offlinefirst.server.settings;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

import dev.offlinefirst.server.secrets.SealedSetting;
import dev.offlinefirst.server.secrets.SecretBox;
import dev.offlinefirst.server.shared.Timestamps;

/** The GraphQL {@code Setting} type. */
@Type("Setting")
public record SettingView(@NonNull String key, @NonNull String value,
        @NonNull @Description("Stored encrypted at rest (setSetting with secret: true).") boolean secret,
        @NonNull String updatedAt) {

    /** The setting as its owner reads it: a secret one opened. */
    public static SettingView of(UserSetting setting, SecretBox box) {
        return setting == null ? null
                : new SettingView(setting.key, setting.secret ? box.open(setting.value, SealedSetting.context(setting.userId, setting.key))
                        : setting.value, setting.secret, Timestamps.format(setting.updatedAt));
    }
}
