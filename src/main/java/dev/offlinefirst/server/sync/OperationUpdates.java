package dev.offlinefirst.server.sync;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import dev.offlinefirst.server.changes.BackgroundSql;
import dev.offlinefirst.server.changes.ChangeRow;
import dev.offlinefirst.server.changes.ChangeStream;
import dev.offlinefirst.server.changes.StreamEndings;
import dev.offlinefirst.server.changes.Topics;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Delivers each user's operations to that user's {@code operationUpdates} subscribers on this replica,
 * whichever replica changed them: it reads the change stream, and loads the operations of users who
 * follow here, in one query per batch of changes. Each subscriber sees the current state of an
 * operation after every batch of changes that touched it.
 */
@ApplicationScoped
public class OperationUpdates {

    private static final Logger LOG = Logger.getLogger(OperationUpdates.class);

    private final Topics<String, SyncOperation> owners = new Topics<>();
    private final ChangeStream stream;
    private final StreamEndings endings;
    private final Pool pool;

    public OperationUpdates(ChangeStream stream, StreamEndings endings, BackgroundSql background) {
        this.stream = stream;
        this.endings = endings;
        this.pool = background.pool();
    }

    void start(@Observes StartupEvent started) {
        stream.listen(this::onChanges);
    }

    /** The owner's operations as they change, until {@code until} (the token's expiry) or a clear of their data. */
    public Multi<SyncOperation> follow(String ownerId, Instant until) {
        return endings.whileAccountLasts(ownerId, owners.follow(ownerId)).select().first(Topics.lifetimeUntil(until));
    }

    private void onChanges(List<ChangeRow> changes) {
        Set<Long> ids = new LinkedHashSet<>();
        for (ChangeRow change : changes) {
            if ("operation".equals(change.entity()) && owners.isFollowed(change.ownerId())) {
                ids.add(Long.parseLong(change.localId()));
            }
        }
        if (ids.isEmpty()) {
            return;
        }
        // Keyed by the row's own user_id: an operation only ever reaches its owner's subscribers.
        pool.preparedQuery("""
                SELECT id, user_id, client_op_id, op_type, status, retry_count, last_error, created_at, applied_at
                FROM sync_operations WHERE id = ANY($1) ORDER BY id""")
                .execute(Tuple.of(ids.toArray(Long[]::new)))
                .subscribe().with(
                        rows -> rows.forEach(row -> owners.publish(row.getString("user_id"), toOperation(row))),
                        failure -> LOG.warnf("Cannot load changed operations for their subscribers: %s", failure.getMessage()));
    }

    private static SyncOperation toOperation(Row row) {
        SyncOperation operation = new SyncOperation();
        operation.id = row.getLong("id");
        operation.userId = row.getString("user_id");
        operation.clientOpId = row.getString("client_op_id");
        operation.type = row.getString("op_type");
        operation.status = OperationStatus.valueOf(row.getString("status"));
        operation.retryCount = row.getInteger("retry_count");
        operation.lastError = row.getString("last_error");
        operation.createdAt = row.get(OffsetDateTime.class, "created_at").toInstant();
        OffsetDateTime appliedAt = row.get(OffsetDateTime.class, "applied_at");
        operation.appliedAt = appliedAt == null ? null : appliedAt.toInstant();
        return operation;
    }
}
