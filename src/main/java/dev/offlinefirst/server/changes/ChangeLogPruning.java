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
 * of the same entity supersedes (a reader gets the entity's current state from the later one). The
 * latest row of every entity stays, tombstones included (a tombstone is a key and a flag): a client
 * starting from nothing still finds everything, and a device back after any time offline learns of
 * every row it holds that is gone, without starting again. {@code change_log_horizon} is left for an
 * operator who removes tombstones by hand: a cursor below it must resync.
 */
@ApplicationScoped
public class ChangeLogPruning {

    private static final Logger LOG = Logger.getLogger(ChangeLogPruning.class);

    private static final String PRUNE = """
            WITH doomed AS (
                SELECT c.change_id FROM change_log c
                WHERE c.changed_at < $1
                  AND EXISTS (SELECT 1 FROM change_log later
                              WHERE later.entity = c.entity AND later.entity_id = c.entity_id
                                AND later.change_id > c.change_id)
                ORDER BY c.change_id LIMIT $2),
            gone AS (DELETE FROM change_log WHERE change_id IN (SELECT change_id FROM doomed) RETURNING change_id)
            SELECT count(*) AS pruned FROM gone""";

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
