package dev.offlinefirst.server.replication;

import java.util.Collection;
import java.util.Map;
import java.util.Set;

import dev.offlinefirst.server.changes.ChangeEntity;
import dev.offlinefirst.server.changes.ChangeRow;
import io.smallrye.mutiny.Uni;

/**
 * One collection a client library replicates (RxDB's {@code replicateGraphQL}: pull, push, stream),
 * contributed by the feature that owns its rows. {@link Replication} runs the protocol for every
 * collection alike; a collection says which log rows make its documents, how to load what the viewer
 * may hold, and how a pushed row is written through the feature's own services.
 *
 * @param <D> the document type, also the push input (fields the server derives are ignored)
 */
public interface ReplicatedCollection<D extends ReplicatedDocument> {

    /** The collection's name in its operations: {@code pull<Name>}, {@code push<Name>}, {@code stream<Name>}. */
    String name();

    /** The log entities whose changes (what came along included) make this collection's documents. */
    Set<ChangeEntity> entities();

    /** The id of the document a change of one of {@link #entities()} concerns for the viewer, or null for none. */
    String documentId(String viewerId, ChangeRow change);

    /**
     * The documents among these ids that the viewer holds, by id, as the viewer sees them. Runs in the
     * viewer's session, so the row filters decide; an id missing from the answer is a deleted document.
     */
    Uni<Map<String, D>> load(String viewerId, Collection<String> ids);

    /** The document that tells a client to drop {@code id}: its key and {@code deleted: true}. */
    D deleted(String id);

    /**
     * Writes one pushed row through the feature's services if the fields it changes still hold their
     * assumed values; completes with nothing when written (or nothing needed writing), or with
     * {@link PushRefused} naming why not. {@code assumed} is null for a create. Runs in the viewer's scope.
     */
    Uni<Void> write(String viewerId, D assumed, D proposed);
}
