package dev.offlinefirst.server.sync;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import dev.offlinefirst.server.changes.ChangeCursor;
import dev.offlinefirst.server.changes.ChangeEntity;
import dev.offlinefirst.server.changes.ChangeLogReader;
import dev.offlinefirst.server.changes.ChangeRow;
import dev.offlinefirst.server.changes.ChangeStreamConfig;
import dev.offlinefirst.server.shared.ApiException;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;

/**
 * Delta sync ({@code changes}): what changed after the client's cursor among the rows the viewer may
 * see, oldest first, each as its current state or a tombstone ({@link ChangeLogReader} says which rows;
 * {@link CurrentState} loads them through the viewer's row filters). Optionally only some entities.
 */
@ApplicationScoped
public class DeltaSync {

    static final int DEFAULT_LIMIT = 500;

    private final ChangeLogReader reader;
    private final CurrentState state;
    private final ChangeStreamConfig config;

    public DeltaSync(ChangeLogReader reader, CurrentState state, ChangeStreamConfig config) {
        this.reader = reader;
        this.state = state;
        this.config = config;
    }

    @WithSession
    public Uni<ChangeSetView> changes(String viewerId, String since, Integer limit, List<String> entities) {
        ChangeCursor cursor = ChangeCursor.decode("since", since);
        int size = limit == null ? DEFAULT_LIMIT : limit;
        if (size < 1 || size > config.maxPageSize()) {
            throw ApiException.badInput("limit must be between 1 and " + config.maxPageSize());
        }
        return reader.read(viewerId, cursor, size, entitiesNamed(entities)).chain(page -> {
            if (page.resyncRequired()) {
                return Uni.createFrom().item(new ChangeSetView(page.next().encode(), false, true, List.of()));
            }
            return state.visible(viewerId, page.changes()).map(visible -> {
                List<ChangeView> views = new ArrayList<>();
                for (ChangeRow change : page.changes()) {
                    JsonObject data = visible.get(change.key());
                    JsonObject shown = data != null ? data : CurrentState.keyOf(change);
                    views.add(new ChangeView(change.entity(), change.entityId(), data == null, shown.encode()));
                }
                return new ChangeSetView(page.next().encode(), page.hasMore(), false, views);
            });
        });
    }

    /** The entities a client asked for by their {@code Change.entity} names; none named means all. */
    private static Set<ChangeEntity> entitiesNamed(List<String> names) {
        if (names == null || names.isEmpty()) {
            return EnumSet.copyOf(ChangeEntity.DATA);
        }
        Set<ChangeEntity> entities = EnumSet.noneOf(ChangeEntity.class);
        for (String name : names) {
            entities.add(ChangeEntity.byLogName(name).filter(ChangeEntity.DATA::contains)
                    .orElseThrow(() -> ApiException.badInput("entities: no entity " + name + "; known: "
                            + ChangeEntity.DATA.stream().map(ChangeEntity::logName).toList())));
        }
        return entities;
    }
}
