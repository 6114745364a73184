package dev.offlinefirst.server.social;

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

/** GraphQL resolvers of the {@code Friends} collection's replication (RxDB's replicateGraphQL). */
@GraphQLApi
@ViewerIsolated
public class FriendReplicationApi {

    private final FriendReplication collection;
    private final Replication replication;
    private final ReplicationStreams streams;
    private final RefusalReport refusals;

    public FriendReplicationApi(FriendReplication collection, Replication replication, ReplicationStreams streams, RefusalReport refusals) {
        this.collection = collection;
        this.replication = replication;
        this.streams = streams;
        this.refusals = refusals;
    }

    @Query("pullFriends")
    @NonNull
    @Description("Friend connections changed after the checkpoint (none: from the beginning), oldest first; fewer than limit (1 to 1000) means caught up.")
    public Uni<FriendBatch> pullFriends(CheckpointInput checkpoint, int limit) {
        return replication.pull(collection, Viewer.current().id(), checkpoint, limit).map(FriendBatch::of);
    }

    @Mutation("pushFriends")
    @NonNull
    @Description("Writes each row whose changed fields still hold their assumed values; answers the master state of each row not written ([] when all were); extensions.refused says why.")
    public Uni<List<@NonNull ReplicatedFriend>> pushFriends(@NonNull List<@NonNull FriendPushRow> rows) {
        return refusals.answer("Friends", replication.push(collection, Viewer.current(), rows));
    }

    @Subscription("streamFriends")
    @NonNull
    @Description("resync first, then each change to the viewer's friend connections as it lands.")
    public Multi<FriendBatch> streamFriends() {
        return streams.follow(collection, Viewer.current()).map(FriendBatch::of);
    }
}
