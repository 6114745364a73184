package dev.offlinefirst.server.settings;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

import dev.offlinefirst.server.replication.ReplicatedDocument;

/**
 * A document of the {@code Settings} collection (the viewer's own settings, secret ones opened), and
 * its push input; {@code updatedAt} is derived and ignored on the way in.
 */
@Type("ReplicatedSetting")
@Input("ReplicatedSettingInput")
@Description("A setting as replicated: id is its key; secret: stored encrypted at rest.")
public record ReplicatedSetting(@Id @NonNull String id, String key, String value, Boolean secret, String updatedAt,
        boolean deleted) implements ReplicatedDocument {

    static ReplicatedSetting of(SettingView view) {
        return new ReplicatedSetting(view.key(), view.key(), view.value(), view.secret(), view.updatedAt(), false);
    }

    static ReplicatedSetting deleted(String id) {
        return new ReplicatedSetting(id, id, null, null, null, true);
    }

    boolean secretOrFalse() {
        return Boolean.TRUE.equals(secret);
    }
}
