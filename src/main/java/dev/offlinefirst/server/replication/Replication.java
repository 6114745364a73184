package dev.offlinefirst.server.replication;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.offlinefirst.server.changes.ChangeCursor;
import dev.offlinefirst.server.changes.ChangeLogReader;
import dev.offlinefirst.server.changes.ChangeRow;
import dev.offlinefirst.server.changes.ChangeStreamConfig;
import dev.offlinefirst.server.isolation.Viewer;
import dev.offlinefirst.server.isolation.ViewerScope;
import dev.offlinefirst.server.shared.ApiException;
import dev.offlinefirst.server.shared.ErrorCode;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * RxDB's GraphQL replication protocol for any {@link ReplicatedCollection}: pull from a checkpoint on
 * the change log (the same late-commit-safe cursor as delta sync), push rows each written or answered
 * with its master state, one row never blocking the next.
 */
@ApplicationScoped
public class Replication {

    private static final Logger LOG = Logger.getLogger(Replication.class);

    /**
     * One pull's answer: documents oldest first, the checkpoint after them (null when nothing was
     * read from no checkpoint), and whether the client must start again from nothing.
     */
    public record Pulled<D>(List<D> documents, Checkpoint checkpoint, boolean resync) {
    }

    /** One push's answer: the master state of each row not written, and why each was not. */
    public record Pushed<D>(List<D> masters, List<Refusal> refusals) {
    }

    /** Why one pushed row was not written: its document id, an error code and a reason a person can read. */
    public record Refusal(String id, ErrorCode code, String reason) {
    }

    /** One row's outcome: nothing (written), or its master state and why it was not written. */
    private record Outcome<D>(D master, Refusal refusal) {
    }

    private final ChangeLogReader reader;
    private final ChangeStreamConfig config;

    public Replication(ChangeLogReader reader, ChangeStreamConfig config) {
        this.reader = reader;
        this.config = config;
    }

    /**
     * The collection's documents that changed after {@code checkpoint} for the viewer, at least
     * {@code limit} unless caught up: fewer than {@code limit} means caught up, as RxDB's pull loop reads
     * it. What came along with one relation change (a room joined, a friend made) comes whole. Runs in
     * the viewer's scope.
     */
    public <D extends ReplicatedDocument> Uni<Pulled<D>> pull(ReplicatedCollection<D> collection, String viewerId,
            CheckpointInput checkpoint, int limit) {
        if (limit < 1 || limit > config.maxPageSize()) {
            throw ApiException.badInput("limit must be between 1 and " + config.maxPageSize());
        }
        ChangeCursor from = ChangeCursor.decode("checkpoint.cursor", checkpoint == null ? null : checkpoint.cursor());
        return pullFrom(collection, viewerId, from, limit);
    }

    /** {@link #pull} from a position this server keeps (a live stream's). Runs in the viewer's scope. */
    <D extends ReplicatedDocument> Uni<Pulled<D>> pullFrom(ReplicatedCollection<D> collection, String viewerId,
            ChangeCursor from, int limit) {
        return Panache.withSession(() -> collect(collection, viewerId, from, limit, new LinkedHashSet<>()));
    }

    private <D extends ReplicatedDocument> Uni<Pulled<D>> collect(ReplicatedCollection<D> collection, String viewerId,
            ChangeCursor from, int limit, Set<String> ids) {
        return reader.read(viewerId, from, limit, collection.entities()).chain(page -> {
            if (page.resyncRequired()) {
                return Uni.createFrom().item(new Pulled<D>(List.of(), null, true));
            }
            for (ChangeRow change : page.changes()) {
                String id = collection.documentId(viewerId, change);
                if (id != null) {
                    // oldest first: a document changed again moves to its last position
                    ids.remove(id);
                    ids.add(id);
                }
            }
            if (page.hasMore() && ids.size() < limit) {
                return collect(collection, viewerId, page.next(), limit, ids);
            }
            Checkpoint checkpoint = from.isStart() && page.next().lastChangeId() == 0 ? null
                    : new Checkpoint(page.next().encode());
            return documents(collection, viewerId, ids).map(documents -> new Pulled<>(documents, checkpoint, false));
        });
    }

    private <D extends ReplicatedDocument> Uni<List<D>> documents(ReplicatedCollection<D> collection, String viewerId,
            Set<String> ids) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return collection.load(viewerId, ids).map(held -> {
            List<D> documents = new ArrayList<>(ids.size());
            for (String id : ids) {
                D document = held.get(id);
                documents.add(document != null ? document : collection.deleted(id));
            }
            return documents;
        });
    }

    /**
     * Writes each row whose changed fields still hold their assumed values, through the collection's
     * rules, one after another, each in a session of its own; answers the master state of every row
     * not written ({@code []} when all were). A row the rules refuse is answered the same way, never
     * with an error for the whole push: only a failure of the server itself (the database down) fails
     * it, and then the client retries the same rows.
     */
    public <D extends ReplicatedDocument> Uni<Pushed<D>> push(ReplicatedCollection<D> collection, Viewer viewer,
            List<? extends PushRow<D>> rows) {
        if (rows.size() > config.maxPageSize()) {
            throw ApiException.badInput("rows may hold at most " + config.maxPageSize() + " rows");
        }
        return Multi.createFrom().iterable(rows)
                .onItem().transformToUniAndConcatenate(row -> pushOne(collection, viewer, row))
                .filter(Optional::isPresent).map(Optional::get)
                .collect().asList()
                .map(outcomes -> new Pushed<>(outcomes.stream().map(Outcome::master).toList(),
                        outcomes.stream().map(Outcome::refusal).toList()));
    }

    private <D extends ReplicatedDocument> Uni<Optional<Outcome<D>>> pushOne(ReplicatedCollection<D> collection, Viewer viewer,
            PushRow<D> row) {
        D proposed = row.newDocumentState();
        String id = proposed.id();
        return ViewerScope.run(viewer, () -> collection.write(viewer.id(), row.assumedMasterState(), proposed))
                .map(written -> Optional.<Outcome<D>> empty())
                .onFailure(Replication::isRefusal).recoverWithUni(refusal -> {
                    Refusal why = refusal instanceof PushRefused rule ? new Refusal(id, rule.code(), rule.getMessage())
                            : new Refusal(id, ((ApiException) refusal).code(), refusal.getMessage());
                    LOG.debugf("%s row %s of %s not written: %s", collection.name(), id, viewer.id(), why);
                    return master(collection, viewer, id).map(master -> Optional.of(new Outcome<>(master, why)));
                });
    }

    /** A row the rules or a conflict refused, as opposed to a server that cannot work now. */
    private static boolean isRefusal(Throwable failure) {
        return failure instanceof PushRefused
                || failure instanceof ApiException api && api.code() != ErrorCode.UNAVAILABLE && api.code() != ErrorCode.INTERNAL;
    }

    /** The document as the viewer holds it on the server now, or a deleted one. */
    private <D extends ReplicatedDocument> Uni<D> master(ReplicatedCollection<D> collection, Viewer viewer, String id) {
        return ViewerScope.run(viewer, () -> Panache.withSession(() -> collection.load(viewer.id(), List.of(id))))
                .map(held -> held.getOrDefault(id, collection.deleted(id)));
    }
}
