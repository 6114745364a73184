package dev.offlinefirst.server.settings;

import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import dev.offlinefirst.server.changes.ChangeEntity;
import dev.offlinefirst.server.changes.ChangeRow;
import dev.offlinefirst.server.replication.PushRefused;
import dev.offlinefirst.server.replication.ReplicatedCollection;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/** The {@code Settings} collection: the viewer's own settings, written through {@link SettingsService}. */
@ApplicationScoped
public class SettingReplication implements ReplicatedCollection<ReplicatedSetting> {

    private final SettingsService settings;
    private final SettingRepository repository;

    public SettingReplication(SettingsService settings, SettingRepository repository) {
        this.settings = settings;
        this.repository = repository;
    }

    @Override
    public String name() {
        return "Settings";
    }

    @Override
    public Set<ChangeEntity> entities() {
        return EnumSet.of(ChangeEntity.SETTING);
    }

    @Override
    public String documentId(String viewerId, ChangeRow change) {
        return ChangeEntity.SETTING.is(change.entity()) && viewerId.equals(change.ownerId()) ? change.localId() : null;
    }

    @Override
    public Uni<Map<String, ReplicatedSetting>> load(String viewerId, Collection<String> ids) {
        return repository.listOf(viewerId).map(all -> all.stream().filter(setting -> ids.contains(setting.key))
                .map(setting -> ReplicatedSetting.of(settings.view(setting)))
                .collect(Collectors.toMap(ReplicatedSetting::id, setting -> setting)));
    }

    @Override
    public ReplicatedSetting deleted(String id) {
        return ReplicatedSetting.deleted(id);
    }

    @Override
    public Uni<Void> write(String viewerId, ReplicatedSetting assumed, ReplicatedSetting proposed) {
        String key = proposed.id();
        if (proposed.key() != null && !proposed.key().equals(key)) {
            throw PushRefused.badInput("key must equal id");
        }
        return Panache.withSession(() -> load(viewerId, List.of(key))).chain(held -> {
            ReplicatedSetting master = held.get(key);
            boolean holds = assumed == null ? master == null
                    : master != null && !assumed.deleted() && Objects.equals(master.value(), assumed.value())
                            && master.secretOrFalse() == assumed.secretOrFalse()
                            || master == null && assumed.deleted();
            if (master != null && same(master, proposed) || master == null && proposed.deleted()) {
                return Uni.createFrom().voidItem();
            }
            if (!holds) {
                throw PushRefused.conflict();
            }
            return proposed.deleted() ? settings.delete(viewerId, key).replaceWithVoid()
                    : settings.set(viewerId, key, proposed.value(), proposed.secretOrFalse()).replaceWithVoid();
        });
    }

    private static boolean same(ReplicatedSetting master, ReplicatedSetting proposed) {
        return !proposed.deleted() && Objects.equals(master.value(), proposed.value())
                && master.secretOrFalse() == proposed.secretOrFalse();
    }
}
