package dev.offlinefirst.server.changes;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * This replica's single reader of {@code change_log}, the one stream every write lands in (through
 * database triggers). It polls every few milliseconds from its {@link ChangeCursor}, so writers pay
 * nothing for the fan-out, a long transaction elsewhere delays nobody, and after a lost connection it
 * resumes where it stopped instead of losing what it missed. Listeners (live streams, cache
 * invalidation) get each batch in stream order.
 */
@ApplicationScoped
public class ChangeStream {

    private static final Logger LOG = Logger.getLogger(ChangeStream.class);
    private static final long MAX_RETRY_DELAY_MS = 1_000;

    /**
     * One statement, so the snapshot describes exactly what the read saw. Rows above the position (at
     * most a batch), and every row at or below it of the transactions that had not committed at the last
     * read: those listed as running, and those from its {@code xmax} on. Each branch has its own index
     * (one {@code OR} would scan the whole log); the last two are bounded by the writes in flight, so a
     * batch is never cut among them.
     */
    private static final String READ = """
            WITH snap AS (SELECT pg_current_snapshot()::text AS snapshot)
            SELECT snap.snapshot, c.*
            FROM snap LEFT JOIN LATERAL (
                (SELECT %1$s FROM change_log WHERE change_id > $1 ORDER BY change_id LIMIT $3)
                UNION ALL
                (SELECT %1$s FROM change_log WHERE tx_id = ANY($2::text[]::xid8[]) AND change_id <= $1)
                UNION ALL
                (SELECT %1$s FROM change_log WHERE tx_id >= $4::text::xid8 AND change_id <= $1)) c ON true
            ORDER BY c.change_id""".formatted(ChangeRow.COLUMNS);

    private final Pool pool;
    private final Vertx vertx;
    private final ChangeStreamConfig config;
    private final List<ChangeListener> listeners = new CopyOnWriteArrayList<>();
    private final List<BatchListener> batchListeners = new CopyOnWriteArrayList<>();
    private final AtomicBoolean stopped = new AtomicBoolean();
    private volatile ChangeCursor position;
    /** The position after the last batch given to the listeners (reads that found nothing leave it). */
    private volatile ChangeCursor delivered;
    private int failures;

    public ChangeStream(BackgroundSql background, Vertx vertx, ChangeStreamConfig config) {
        this.pool = background.pool();
        this.vertx = vertx;
        this.config = config;
    }

    /** Adds a listener for every change read from now on. */
    public void listen(ChangeListener listener) {
        listeners.add(listener);
    }

    /**
     * Receives each batch with the positions around it: {@code from}, where the previous batch ended,
     * and {@code to}, where this one does. A reader at {@code from} that takes the batch is at
     * {@code to} (reads in between found nothing, so they moved no reader's knowledge).
     */
    @FunctionalInterface
    public interface BatchListener {

        /** On the event loop, in stream order; must not block. */
        void onBatch(ChangeCursor from, ChangeCursor to, List<ChangeRow> changes);
    }

    /** Adds a listener for every batch read from now on, with its positions. */
    public void listen(BatchListener listener) {
        batchListeners.add(listener);
    }

    void start(@Observes StartupEvent started) {
        // A replica follows what happens from its start on; history is for delta sync.
        pool.query("SELECT coalesce(max(change_id), 0) AS last, pg_current_snapshot()::text AS snapshot FROM change_log")
                .execute()
                .subscribe().with(rows -> {
                    Row row = rows.iterator().next();
                    position = ChangeCursor.after(row.getLong("last"), row.getString("snapshot"));
                    delivered = position;
                    schedule(0);
                }, failure -> {
                    LOG.warnf("Cannot find the head of the change stream (%s); retrying", failure.getMessage());
                    vertx.setTimer(MAX_RETRY_DELAY_MS, ignored -> start(started));
                });
    }

    void stop(@Observes ShutdownEvent stopping) {
        stopped.set(true);
    }

    private void schedule(long delayMs) {
        if (stopped.get()) {
            return;
        }
        if (delayMs <= 0) {
            vertx.runOnContext(this::poll);
        } else {
            vertx.setTimer(delayMs, ignored -> poll());
        }
    }

    private void poll() {
        ChangeCursor from = position;
        read(from).subscribe().with(rows -> {
            if (failures > 0) {
                LOG.infof("Reading the change stream again after %d failed reads", failures);
                failures = 0;
            }
            List<ChangeRow> changes = new ArrayList<>();
            String snapshot = null;
            for (Row row : rows) {
                snapshot = row.getString("snapshot");
                if (row.getLong("change_id") != null) {
                    changes.add(ChangeRow.of(row));
                }
            }
            long last = changes.isEmpty() ? from.lastChangeId() : Math.max(from.lastChangeId(), changes.get(changes.size() - 1).changeId());
            position = ChangeCursor.after(last, snapshot);
            if (!changes.isEmpty()) {
                deliver(changes);
                ChangeCursor before = delivered;
                delivered = position;
                deliverBatch(before, position, List.copyOf(changes));
            }
            boolean full = changes.stream().filter(change -> change.changeId() > from.lastChangeId()).count() >= config.readBatchSize();
            schedule(full ? 0 : config.pollInterval().toMillis());
        }, failure -> {
            if (failures++ == 0) {
                LOG.warnf("Cannot read the change stream (%s); retrying from the same position", failure.getMessage());
            }
            schedule(Math.min(config.pollInterval().toMillis() << Math.min(failures, 7), MAX_RETRY_DELAY_MS));
        });
    }

    private Uni<RowSet<Row>> read(ChangeCursor from) {
        return pool.preparedQuery(READ).execute(Tuple.of(from.lastChangeId(), from.runningAsText(), config.readBatchSize(), from.openFromAsText()));
    }

    private void deliverBatch(ChangeCursor from, ChangeCursor to, List<ChangeRow> batch) {
        for (BatchListener listener : batchListeners) {
            try {
                listener.onBatch(from, to, batch);
            } catch (RuntimeException e) {
                LOG.errorf(e, "A change batch listener failed");
            }
        }
    }

    private void deliver(List<ChangeRow> changes) {
        List<ChangeRow> batch = List.copyOf(changes);
        for (ChangeListener listener : listeners) {
            try {
                listener.onChanges(batch);
            } catch (RuntimeException e) {
                LOG.errorf(e, "A change listener failed");
            }
        }
    }
}
