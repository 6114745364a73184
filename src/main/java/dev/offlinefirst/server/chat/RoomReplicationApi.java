package dev.offlinefirst.server.chat;

import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;

import dev.offlinefirst.server.isolation.Viewer;
import dev.offlinefirst.server.isolation.ViewerIsolated;
import dev.offlinefirst.server.replication.CheckpointInput;
import dev.offlinefirst.server.replication.RefusalReport;
import dev.offlinefirst.server.replication.Replication;
import dev.offlinefirst.server.replication.ReplicationStreams;
import io.smallrye.graphql.api.Subscription;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/** GraphQL resolvers of the {@code Rooms} collection's replication (RxDB's replicateGraphQL). */
@GraphQLApi
@ViewerIsolated
public class RoomReplicationApi {

    private final RoomReplication collection;
    private final Replication replication;
    private final ReplicationStreams streams;
    private final RefusalReport refusals;

    public RoomReplicationApi(RoomReplication collection, Replication replication, ReplicationStreams streams, RefusalReport refusals) {
        this.collection = collection;
        this.replication = replication;
        this.streams = streams;
        this.refusals = refusals;
    }

    @Query("pullRooms")
    @NonNull
    @Description("Rooms changed after the checkpoint (none: from the beginning), oldest first; fewer than limit (1 to 1000) means caught up.")
    public Uni<RoomBatch> pullRooms(CheckpointInput checkpoint, int limit) {
        return replication.pull(collection, Viewer.current().id(), checkpoint, limit).map(RoomBatch::of);
    }

    @Mutation("pushRooms")
    @NonNull
    @Description("Writes each row whose changed fields still hold their assumed values; answers the master state of each row not written ([] when all were); extensions.refused says why.")
    public Uni<List<@NonNull ReplicatedRoom>> pushRooms(@NonNull List<@NonNull RoomPushRow> rows) {
        return refusals.answer("Rooms", replication.push(collection, Viewer.current(), rows));
    }

    @Subscription("streamRooms")
    @NonNull
    @Description("resync first, then each change to the viewer's rooms as it lands.")
    public Multi<RoomBatch> streamRooms() {
        return streams.follow(collection, Viewer.current()).map(RoomBatch::of);
    }
}
