package dev.offlinefirst.server.settings;

import java.util.List;

import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

import dev.offlinefirst.server.replication.Checkpoint;
import dev.offlinefirst.server.replication.Replication;

/** The GraphQL {@code SettingBatch} type: a pull's or a stream's documents of {@code Settings}. */
@Type("SettingBatch")
public record SettingBatch(@NonNull List<@NonNull ReplicatedSetting> documents, Checkpoint checkpoint, boolean resync) {

    static SettingBatch of(Replication.Pulled<ReplicatedSetting> pulled) {
        return new SettingBatch(pulled.documents(), pulled.checkpoint(), pulled.resync());
    }
}
