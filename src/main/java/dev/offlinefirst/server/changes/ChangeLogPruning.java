package dev.offlinefirst.server.changes;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Keeps {@code change_log} from growing for ever. Past the retention it deletes rows that a later row
 * of the same entity supersedes (a reader gets the entity's current state from the later one) and
 * tombstones; the latest row of every live entity stays, so a client starting from nothing still
 * finds everything. Pruned tombstones move the horizon: a cursor below it must resync.
 */
@ApplicationScoped
public class ChangeLogPruning {

    private static final Logger LOG = Logger.getLogger(ChangeLogPruning.class);

    private static final String PRUNE = """
            WITH doomed AS (
                SELECT c.change_id, c.deleted FROM change_log c
                WHERE c.changed_at < $1
                  AND (c.deleted OR EXISTS (SELECT 1 FROM change_log later
                                           WHERE later.entity = c.entity AND later.entity_id = c.entity_id
                                             AND later.change_id > c.change_id))
                ORDER BY c.change_id LIMIT $2),
            gone AS (DELETE FROM change_log WHERE change_id IN (SELECT change_id FROM doomed) RETURNING change_id, deleted)
            UPDATE change_log_horizon
            SET pruned_through_change = GREATEST(pruned_through_change,
                    coalesce((SELECT max(change_id) FROM gone WHERE deleted), 0)),
                pruned_at = now()
            RETURNING (SELECT count(*) FROM gone) AS pruned""";

    private final Pool pool;
    private final ChangeStreamConfig config;

    public ChangeLogPruning(BackgroundSql background, ChangeStreamConfig config) {
        this.pool = background.pool();
        this.config = config;
    }

    @Scheduled(identity = "change-log-pruning", every = "${app.changes.prune-every}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> onSchedule() {
        return prune(Instant.now().minus(config.retention()))
                .invoke(count -> LOG.debugf("Pruned %d change log rows", count))
                .onFailure().invoke(failure -> LOG.warnf("Cannot prune the change log now: %s", failure.getMessage()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    /** Prunes, in batches, what changed before {@code cutoff}; answers how many rows went. */
    public Uni<Long> prune(Instant cutoff) {
        return pool.withTransaction(connection -> pruneBatch(connection, cutoff))
                .chain(count -> count < config.pruneBatchSize() ? Uni.createFrom().item(count)
                        : prune(cutoff).map(more -> count + more));
    }

    private Uni<Long> pruneBatch(SqlClient connection, Instant cutoff) {
        return connection.preparedQuery(PRUNE)
                .execute(Tuple.of(cutoff.atOffset(java.time.ZoneOffset.UTC), config.pruneBatchSize()))
                .map(rows -> rows.iterator().next().getLong("pruned"));
    }
}
