package dev.offlinefirst.server.replication;

import java.util.Collection;
import java.util.List;
import java.util.Map;

import dev.offlinefirst.server.changes.ChangeRow;
import io.smallrye.mutiny.Uni;

/**
 * A collection that answers a batch of new documents of its own for many devices with one query, so
 * that a live stream need not pull per device. Only batches whose rows are all of the collection's own
 * entities, none deleted, come here; anything else (a relation change, a tombstone) goes through each
 * device's pull.
 *
 * @param <D> the collection's document type
 */
public interface BatchDelivery<D extends ReplicatedDocument> {

    /**
     * For each of these viewers who holds any of these changes' documents now, those documents as the
     * viewer sees them, in change order; one query, by the same rule as the row filters.
     */
    Uni<Map<String, List<D>>> heldBy(Collection<String> viewerIds, List<ChangeRow> changes);
}
