package dev.offlinefirst.server.sync;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.offlinefirst.server.changes.BackgroundSql;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;

/**
 * The queue in /q/metrics: depth by status and worker lag (age of the oldest due operation), refreshed
 * on a schedule; operations applied, retried and failed, counted as they happen. A long queue is load,
 * not a fault: readiness does not look at it.
 */
@ApplicationScoped
public class SyncMetrics {

    private static final Logger LOG = Logger.getLogger(SyncMetrics.class);

    private static final String QUEUE = """
            SELECT status, count(*) AS depth, NULL::float8 AS lag FROM sync_operations GROUP BY status
            UNION ALL
            SELECT 'LAG', 0, extract(epoch FROM now() - min(next_attempt_at))
            FROM sync_operations WHERE status = 'PENDING' AND next_attempt_at <= now()""";

    private final Pool pool;
    private final Counter applied;
    private final Counter retried;
    private final Map<OperationStatus, Counter> failed = new EnumMap<>(OperationStatus.class);
    private final Map<OperationStatus, AtomicLong> depth = new EnumMap<>(OperationStatus.class);
    private final AtomicLong lagMillis = new AtomicLong();

    public SyncMetrics(MeterRegistry registry, BackgroundSql background) {
        this.pool = background.pool();
        this.applied = Counter.builder("sync_operations_applied").description("Operations applied by the worker")
                .register(registry);
        this.retried = Counter.builder("sync_operations_retried").description("Failed attempts that will be retried")
                .register(registry);
        for (OperationStatus status : new OperationStatus[] { OperationStatus.FAILED, OperationStatus.CONFLICT }) {
            failed.put(status, Counter.builder("sync_operations_failed").description("Operations that ended without being applied")
                    .tag("status", status.name()).register(registry));
        }
        for (OperationStatus status : OperationStatus.values()) {
            AtomicLong value = new AtomicLong();
            depth.put(status, value);
            Gauge.builder("sync_queue_depth", value, AtomicLong::get).description("Operations in the queue by status")
                    .tag("status", status.name()).register(registry);
        }
        Gauge.builder("sync_worker_lag_seconds", lagMillis, millis -> millis.get() / 1000.0)
                .description("Age of the oldest due pending operation").register(registry);
    }

    void applied(int count) {
        applied.increment(count);
    }

    void retried() {
        retried.increment();
    }

    void failed(OperationStatus status) {
        failed.get(status).increment();
    }

    @Scheduled(identity = "sync-metrics", every = "${app.sync.metrics-every}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> refresh() {
        return pool.query(QUEUE).execute().invoke(rows -> {
            depth.values().forEach(value -> value.set(0));
            lagMillis.set(0);
            for (Row row : rows) {
                String status = row.getString("status");
                if ("LAG".equals(status)) {
                    Double lag = row.getDouble("lag");
                    lagMillis.set(lag == null ? 0 : Math.round(lag * 1000));
                } else {
                    depth.get(OperationStatus.valueOf(status)).set(row.getLong("depth"));
                }
            }
        }).onFailure().invoke(failure -> LOG.debugf("Cannot refresh the queue metrics: %s", failure.getMessage()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }
}
