package dev.offlinefirst.server.sync;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.offlinefirst.server.changes.BackgroundSql;
import dev.offlinefirst.server.isolation.Viewer;
import dev.offlinefirst.server.isolation.ViewerScope;
import dev.offlinefirst.server.shared.ApiException;
import dev.offlinefirst.server.shared.ErrorCode;
import dev.offlinefirst.server.shared.Timestamps;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Applies the queued operations of every user, on a schedule and at once after a push. Each user's
 * operations are applied in push order, many per transaction, as that user (their own viewer scope,
 * so the row filters and services treat it exactly like a direct call). Any number of replicas may run
 * it: a user's oldest pending operation is locked with {@code FOR UPDATE SKIP LOCKED} for the whole
 * transaction, so one worker at a time holds a user and nothing is applied twice or out of order.
 * A failure rolls the transaction back; what came before the failing operation is applied again in a
 * new transaction and the failure is recorded: retried with exponential back-off and jitter, FAILED
 * after the last retry, or at once FAILED (invalid input) or CONFLICT (stale version).
 */
@ApplicationScoped
public class OperationWorker {

    private static final Logger LOG = Logger.getLogger(OperationWorker.class);

    /** Each user's oldest pending operation, when it is due, oldest first. System query: no viewer. */
    private static final String DUE_HEADS = """
            SELECT user_id, id FROM (
                SELECT DISTINCT ON (user_id) user_id, id, next_attempt_at
                FROM sync_operations WHERE status = 'PENDING' ORDER BY user_id, id) heads
            WHERE next_attempt_at <= now()
            ORDER BY id LIMIT $1""";

    private final OperationRepository operations;
    private final OperationApplier applier;
    private final SyncMetrics metrics;
    private final SyncConfig config;
    private final Pool pool;
    private final Vertx vertx;
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean wokenWhileRunning = new AtomicBoolean();

    public OperationWorker(OperationRepository operations, OperationApplier applier, SyncMetrics metrics,
            SyncConfig config, BackgroundSql background, Vertx vertx) {
        this.operations = operations;
        this.applier = applier;
        this.metrics = metrics;
        this.config = config;
        this.pool = background.pool();
        this.vertx = vertx;
    }

    @Scheduled(identity = "operation-worker", every = "${app.sync.worker-every}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> onSchedule() {
        return drain();
    }

    /** Starts draining now unless a drain is running, which then looks again before it stops. */
    public void wake() {
        drain().subscribe().with(ignored -> {
        }, failure -> LOG.warnf("The operation worker stopped early: %s", failure.getMessage()));
    }

    /** Applies due operations until none is left that this worker can take. */
    Uni<Void> drain() {
        if (!running.compareAndSet(false, true)) {
            wokenWhileRunning.set(true);
            return Uni.createFrom().voidItem();
        }
        Context context = cleanContext();
        return Uni.createFrom().deferred(this::rounds)
                .runSubscriptionOn(task -> context.runOnContext(ignored -> task.run()))
                .eventually(() -> {
                    running.set(false);
                    if (wokenWhileRunning.getAndSet(false)) {
                        wake();
                    }
                });
    }

    private Uni<Void> rounds() {
        wokenWhileRunning.set(false);
        return dueHeads().chain(heads -> Multi.createFrom().iterable(heads)
                .onItem().transformToUni(this::applyFor).merge(config.concurrency())
                .collect().with(Collectors.summingInt(Integer::intValue)))
                .chain(settled -> settled > 0 || wokenWhileRunning.get() ? rounds() : Uni.createFrom().voidItem());
    }

    private Uni<List<Head>> dueHeads() {
        return pool.preparedQuery(DUE_HEADS).execute(Tuple.of(config.usersPerRound())).map(rows -> {
            List<Head> heads = new ArrayList<>();
            for (Row row : rows) {
                heads.add(new Head(row.getString("user_id"), row.getLong("id")));
            }
            return heads;
        });
    }

    /** Applies one user's due operations; answers how many were settled (applied, failed or retried). */
    private Uni<Integer> applyFor(Head head) {
        Viewer owner = new Viewer(head.userId(), Set.of(), Instant.MAX);
        return ViewerScope.run(owner, () -> attempt(head, true))
                .onFailure().recoverWithItem(failure -> {
                    LOG.warnf("Cannot apply the operations of one user now (%s); they stay pending", failure.getMessage());
                    return 0;
                });
    }

    private Uni<Integer> attempt(Head head, boolean batchMessages) {
        return Panache.withTransaction(() -> claim(head).chain(batch -> {
            if (batch.isEmpty()) {
                return Uni.createFrom().item(0);
            }
            Instant now = Timestamps.now();
            List<Long> ids = batch.stream().map(operation -> operation.id).toList();
            return applier.applyAll(head.userId(), batch, batchMessages)
                    .chain(() -> operations.markApplied(ids, now))
                    .invoke(() -> metrics.applied(batch.size()))
                    .replaceWith(batch.size());
        })).onFailure(OperationApplier.OperationFailure.class).recoverWithUni(failure -> {
            OperationApplier.OperationFailure failed = (OperationApplier.OperationFailure) failure;
            return failed.batch ? attempt(head, false) : settleFailure(head, failed);
        });
    }

    /**
     * In a new transaction: applies again what came before the failed operation, and records the
     * failure. What comes after it waits for the next round (it never overtakes a pending one).
     */
    private Uni<Integer> settleFailure(Head head, OperationApplier.OperationFailure failure) {
        return Panache.withTransaction(() -> claim(head).chain(batch -> {
            List<SyncOperation> before = batch.stream().filter(operation -> operation.id < failure.operationId).toList();
            SyncOperation failed = batch.stream().filter(operation -> operation.id == failure.operationId).findFirst().orElse(null);
            if (failed == null) {
                return Uni.createFrom().item(0);
            }
            Uni<Void> prefix = before.isEmpty() ? Uni.createFrom().voidItem()
                    : applier.applyAll(head.userId(), before, false)
                            .chain(() -> operations.markApplied(before.stream().map(operation -> operation.id).toList(), Timestamps.now()))
                            .invoke(() -> metrics.applied(before.size()))
                            .replaceWithVoid();
            // Applying the prefix emptied the session: record on a fresh copy of the failed operation.
            return prefix.chain(() -> operations.lockOne(failed.id))
                    .invoke(current -> record(current, failure.getCause()))
                    .replaceWith(before.size() + 1);
        }));
    }

    /**
     * The user's pending operations, locked, when the first one is the due head we expected; empty when
     * another worker holds the user or the head changed meanwhile.
     */
    private Uni<List<SyncOperation>> claim(Head head) {
        return operations.lockPending(config.operationsPerTransaction()).map(batch -> {
            boolean ours = !batch.isEmpty() && batch.get(0).id == head.operationId()
                    && !batch.get(0).nextAttemptAt.isAfter(Timestamps.now());
            return ours ? batch : List.of();
        });
    }

    private void record(SyncOperation operation, Throwable cause) {
        ApiException refusal = refusalIn(cause);
        Instant now = Timestamps.now();
        operation.updatedAt = now;
        operation.lastError = refusal == null ? "The server could not apply the operation" : refusal.getMessage();
        if (refusal != null && refusal.code() == ErrorCode.BAD_USER_INPUT) {
            operation.status = OperationStatus.FAILED;
            metrics.failed(OperationStatus.FAILED);
        } else if (refusal != null && refusal.code() == ErrorCode.CONFLICT) {
            operation.status = OperationStatus.CONFLICT;
            metrics.failed(OperationStatus.CONFLICT);
        } else if (operation.retryCount >= config.maxRetries()) {
            operation.status = OperationStatus.FAILED;
            metrics.failed(OperationStatus.FAILED);
        } else {
            operation.retryCount++;
            Duration delay = backoff(operation.retryCount);
            operation.nextAttemptAt = now.plus(delay);
            metrics.retried();
            // Come back when it is due, rather than at the next scheduled round.
            vertx.setTimer(Math.max(1, delay.toMillis()), ignored -> wake());
        }
        if (refusal == null) {
            LOG.warnf(cause, "Operation %d could not be applied", operation.id);
        }
    }

    /** Doubling from the configured delay, capped, minus up to 20 % so that retries spread out. */
    private Duration backoff(int retry) {
        long base = config.retryBackoff().toMillis() << Math.min(retry - 1, 20);
        long capped = Math.min(base, config.maxRetryBackoff().toMillis());
        long jitter = (long) (capped * 0.2 * ThreadLocalRandom.current().nextDouble());
        return Duration.ofMillis(capped - jitter);
    }

    private static ApiException refusalIn(Throwable failure) {
        for (Throwable current = failure; current != null; current = current.getCause()) {
            if (current instanceof ApiException refusal) {
                return refusal;
            }
        }
        return null;
    }

    /** A duplicated context of its own, so the worker never inherits a caller's session or viewer. */
    private Context cleanContext() {
        Context current = Vertx.currentContext();
        Context root = current == null ? vertx.getOrCreateContext() : VertxContext.getRootContext(current);
        return VertxContext.createNewDuplicatedContext(root);
    }

    /** A user whose oldest pending operation is due. */
    private record Head(String userId, long operationId) {
    }
}
