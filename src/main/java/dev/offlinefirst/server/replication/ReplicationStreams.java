package dev.offlinefirst.server.replication;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import dev.offlinefirst.server.changes.BackgroundSql;
import dev.offlinefirst.server.changes.ChangeCursor;
import dev.offlinefirst.server.changes.ChangeEntity;
import dev.offlinefirst.server.changes.ChangeRow;
import dev.offlinefirst.server.changes.ChangeStream;
import dev.offlinefirst.server.changes.StreamEndings;
import dev.offlinefirst.server.changes.Topics;
import dev.offlinefirst.server.isolation.Relations;
import dev.offlinefirst.server.isolation.Viewer;
import dev.offlinefirst.server.isolation.ViewerScope;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.MultiEmitter;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The live half of replication ({@code stream<Collection>}): on connect a batch with {@code resync}
 * (the client pulls), then each change to the documents the device may hold, as batches with the
 * checkpoint after them.
 * <p>
 * Each batch of the change stream is handled once per collection, in stream order. One query finds who
 * besides the rows' owners may hold what changed (room members, whoever sees the owners' cards or
 * posts), whatever the number of devices, and only their devices are visited. A device in step (at the
 * end of the previous batch) that the batch concerns gets the batch's documents loaded once for all such
 * devices ({@link BatchDelivery}) when the batch holds only new documents of the collection; otherwise (a
 * relation change, a tombstone, a device out of step) the device pulls from its own position, in one of
 * a fixed number of pull slots ({@link ReplicationConfig#maxConcurrentPulls()}), and gets exactly what
 * the pull answers, revocations included. A pulled device that caught up with nothing owed steps back
 * in. A device holds a few flags and, out of step, a position; never a queue of changes.
 */
@ApplicationScoped
public class ReplicationStreams {

    private static final Logger LOG = Logger.getLogger(ReplicationStreams.class);

    /**
     * Who besides the rows' owners and peers may hold what these changes touch: the members of the
     * rooms ($1), and everyone who sees the cards or posts of these users ($2): accepted friends,
     * either side of a pending request, co-members. A superset is harmless (their pull finds nothing).
     */
    private static final String AUDIENCE = """
            SELECT user_id FROM room_members WHERE room_id = ANY($1::text[])
            UNION SELECT friend_id FROM accepted_friends WHERE user_id = ANY($2::text[])
            UNION SELECT pending.user_id FROM unnest($2::text[]) AS person(id) CROSS JOIN LATERAL (%s) AS pending(user_id)
            UNION SELECT other.user_id FROM room_members mine JOIN room_members other USING (room_id)
                  WHERE mine.user_id = ANY($2::text[])""".formatted(Relations.as(Relations.PENDING_WITH_VIEWER, "person.id"));

    private final Map<ReplicatedCollection<?>, Lane<?>> lanes = new ConcurrentHashMap<>();
    /** Devices waiting for a pull slot, each at most once. */
    private final Queue<Follower<?>> waiting = new ConcurrentLinkedQueue<>();
    private final AtomicInteger pullsRunning = new AtomicInteger();
    private final ChangeStream stream;
    private final StreamEndings endings;
    private final Replication replication;
    private final Pool pool;
    private final ReplicationConfig config;
    /** Batches are handled one after another: the next waits for the previous one's deliveries. */
    private CompletableFuture<Void> handled = CompletableFuture.completedFuture(null);

    public ReplicationStreams(ChangeStream stream, StreamEndings endings, Replication replication, BackgroundSql background,
            ReplicationConfig config) {
        this.stream = stream;
        this.endings = endings;
        this.replication = replication;
        this.pool = background.pool();
        this.config = config;
    }

    void start(@Observes StartupEvent started) {
        stream.listen(this::onBatch);
    }

    /**
     * The viewer's live stream of one collection: {@code resync} first, then each change to documents
     * the viewer may hold. Ends when the token expires or the viewer clears their data.
     */
    public <D extends ReplicatedDocument> Multi<Replication.Pulled<D>> follow(ReplicatedCollection<D> collection, Viewer viewer) {
        @SuppressWarnings("unchecked")
        Lane<D> lane = (Lane<D>) lanes.computeIfAbsent(collection, c -> new Lane<>(collection));
        Multi<Replication.Pulled<D>> live = Multi.createFrom().emitter(emitter -> {
            Follower<D> follower = new Follower<>(lane, viewer, emitter, Vertx.currentContext());
            lane.join(follower);
            emitter.onTermination(() -> lane.leave(follower));
            emitter.emit(new Replication.Pulled<>(List.of(), null, true));
        });
        return endings.whileAccountLasts(viewer.id(), live).select().first(Topics.lifetimeUntil(viewer.validUntil()));
    }

    private synchronized void onBatch(ChangeCursor from, ChangeCursor to, List<ChangeRow> changes) {
        handled = handled.thenCompose(ignored -> (lanes.values().stream().allMatch(Lane::isEmpty)
                ? Uni.createFrom().item(Set.<String> of()) : concerned(changes))
                .chain(concerned -> Multi.createFrom().iterable(List.copyOf(lanes.values()))
                        .onItem().transformToUniAndConcatenate(lane -> lane.handle(from, to, changes, concerned))
                        .collect().last())
                .onFailure().recoverWithItem(failure -> {
                    LOG.errorf(failure, "A batch of changes could not be handed to live streams; their devices resync");
                    lanes.values().forEach(lane -> lane.resyncAll(from));
                    return null;
                })
                .replaceWithVoid()
                .subscribeAsCompletionStage());
    }

    /** Everyone who may hold what these changes touch (a superset), with one query at most. */
    private Uni<Set<String>> concerned(List<ChangeRow> changes) {
        Set<String> concerned = new HashSet<>();
        Set<String> rooms = new HashSet<>();
        Set<String> people = new HashSet<>();
        for (ChangeRow change : changes) {
            concerned.add(change.ownerId());
            if (change.peerId() != null) {
                concerned.add(change.peerId());
            }
            if (change.roomId() != null) {
                rooms.add(change.roomId());
            }
            if (ChangeEntity.PROFILE.is(change.entity()) || ChangeEntity.POST.is(change.entity())) {
                people.add(change.ownerId());
            }
        }
        if (rooms.isEmpty() && people.isEmpty()) {
            return Uni.createFrom().item(concerned);
        }
        return pool.preparedQuery(AUDIENCE)
                .execute(Tuple.of(rooms.toArray(String[]::new), people.toArray(String[]::new)))
                .map(rows -> {
                    rows.forEach(row -> concerned.add(row.getString(0)));
                    return concerned;
                });
    }

    /** Starts the pulls of waiting devices while fewer than the most allowed run. */
    private void drain() {
        while (true) {
            int running = pullsRunning.get();
            if (running >= config.maxConcurrentPulls() || waiting.isEmpty()) {
                return;
            }
            if (pullsRunning.compareAndSet(running, running + 1)) {
                Follower<?> next = waiting.poll();
                if (next == null) {
                    pullsRunning.decrementAndGet();
                    return;
                }
                next.pull();
            }
        }
    }

    /**
     * One collection's devices on this replica. A device is in step (at the end of the last batch handed
     * to the lane) or holds a position of its own; a batch visits only the devices it concerns, so a
     * batch costs its audience, not the lane's size.
     */
    private final class Lane<D extends ReplicatedDocument> {

        private final ReplicatedCollection<D> collection;
        private final Set<String> sources = new HashSet<>();
        private final Map<String, Set<Follower<D>>> byViewer = new ConcurrentHashMap<>();

        Lane(ReplicatedCollection<D> collection) {
            this.collection = collection;
            collection.entities().forEach(entity -> entity.sources().forEach(source -> sources.add(source.logName())));
        }

        boolean isEmpty() {
            return byViewer.isEmpty();
        }

        /**
         * A new device starts in step: every batch handed to the lane from now on reaches it, and what came
         * before it connected it pulls itself after the {@code resync} it is sent first.
         */
        synchronized void join(Follower<D> follower) {
            follower.inStep = true;
            byViewer.computeIfAbsent(follower.viewer.id(), id -> ConcurrentHashMap.newKeySet()).add(follower);
        }

        void leave(Follower<D> follower) {
            byViewer.computeIfPresent(follower.viewer.id(), (id, set) -> {
                set.remove(follower);
                return set.isEmpty() ? null : set;
            });
        }

        /** Decides for each device the batch concerns, then delivers it to those in step, in one query. */
        Uni<Void> handle(ChangeCursor from, ChangeCursor to, List<ChangeRow> changes, Set<String> concerned) {
            List<ChangeRow> relevant = changes.stream().filter(change -> sources.contains(change.entity())).toList();
            if (relevant.isEmpty()) {
                // Devices in step stay in step; the others keep their own positions.
                return Uni.createFrom().voidItem();
            }
            boolean direct = collection instanceof BatchDelivery<?>
                    && relevant.stream().allMatch(change -> !change.deleted()
                            && collection.entities().stream().anyMatch(entity -> entity.is(change.entity())));
            List<Follower<D>> inStep = new ArrayList<>();
            List<Follower<D>> toPull = new ArrayList<>();
            synchronized (this) {
                for (String viewerId : concerned) {
                    for (Follower<D> follower : byViewer.getOrDefault(viewerId, Set.of())) {
                        switch (follower.decide(from, direct)) {
                            case DELIVER -> inStep.add(follower);
                            case PULL -> toPull.add(follower);
                            default -> {
                            }
                        }
                    }
                }
            }
            toPull.forEach(Follower::enqueue);
            if (inStep.isEmpty()) {
                return Uni.createFrom().voidItem();
            }
            @SuppressWarnings("unchecked")
            BatchDelivery<D> delivery = (BatchDelivery<D>) collection;
            Set<String> viewers = new HashSet<>();
            inStep.forEach(follower -> viewers.add(follower.viewer.id()));
            return delivery.heldBy(viewers, relevant)
                    .invoke(byViewer -> inStep.forEach(follower -> follower.delivered(to, byViewer.getOrDefault(follower.viewer.id(), List.of()))))
                    .onFailure().invoke(failure -> inStep.forEach(follower -> follower.failed(failure, from)))
                    .onFailure().recoverWithNull()
                    .replaceWithVoid();
        }

        void resyncAll(ChangeCursor from) {
            byViewer.values().forEach(followers -> followers.forEach(follower -> follower.failed(null, from)));
        }
    }

    private enum Decision {
        /** In step and concerned: gets the batch's documents directly. */
        DELIVER,
        /** Must pull from its own position. */
        PULL,
        /** Nothing to do (not concerned, or a pull already owed). */
        NONE
    }

    /** One device following one collection. Its fields change under its own lock. */
    private final class Follower<D extends ReplicatedDocument> {

        private final Lane<D> lane;
        private final Viewer viewer;
        private final MultiEmitter<? super Replication.Pulled<D>> emitter;
        private final Context context;
        /** At the end of the last batch handed to the lane; else at {@link #position}. */
        private boolean inStep;
        private ChangeCursor position;
        /** A pull is queued or runs, or a direct delivery is being loaded. */
        private boolean busy;
        private boolean owed;

        Follower(Lane<D> lane, Viewer viewer, MultiEmitter<? super Replication.Pulled<D>> emitter, Context context) {
            this.lane = lane;
            this.viewer = viewer;
            this.emitter = emitter;
            this.context = context;
        }

        /** A batch from {@code from} concerns this device. Called with the lane's lock held, in stream order. */
        synchronized Decision decide(ChangeCursor from, boolean direct) {
            if (busy) {
                owed = true;
                return Decision.NONE;
            }
            busy = true;
            if (inStep && direct) {
                return Decision.DELIVER;
            }
            if (inStep) {
                inStep = false;
                position = from;
            }
            return Decision.PULL;
        }

        /** The batch's documents for this device, loaded for all devices in step. */
        void delivered(ChangeCursor to, List<D> documents) {
            boolean again;
            synchronized (this) {
                again = owed;
                owed = false;
                busy = again;
                inStep = !again;
                if (again) {
                    position = to;
                }
            }
            if (!documents.isEmpty() && !emitter.isCancelled()) {
                emitter.emit(new Replication.Pulled<>(documents, new Checkpoint(to.encode()), false));
            }
            if (again) {
                enqueue();
            }
        }

        /** Queues a pull of a device marked busy for it. */
        void enqueue() {
            waiting.add(this);
            drain();
        }

        /** Pulls from this device's position, in one of the replica's pull slots. */
        void pull() {
            ChangeCursor from;
            synchronized (this) {
                from = position;
            }
            // Pulls run on the subscription's own context, where its frames are written.
            context.runOnContext(ignored -> ViewerScope.run(viewer,
                    () -> replication.pullFrom(lane.collection, viewer.id(), from, config.streamBatchLimit()))
                    .onTermination().invoke(() -> {
                        pullsRunning.decrementAndGet();
                        drain();
                    })
                    .subscribe().with(this::pulled, failure -> failed(failure, from)));
        }

        private void pulled(Replication.Pulled<D> pulled) {
            boolean again;
            boolean caughtUp = !pulled.resync() && pulled.documents().size() < config.streamBatchLimit();
            synchronized (lane) {
                synchronized (this) {
                    if (pulled.checkpoint() != null) {
                        position = ChangeCursor.decode("checkpoint", pulled.checkpoint().cursor());
                    }
                    again = owed || !caughtUp;
                    owed = false;
                    // Caught up, and no batch since the pull began concerned this device: it steps in.
                    inStep = !again;
                    busy = again;
                }
            }
            if ((pulled.resync() || !pulled.documents().isEmpty()) && !emitter.isCancelled()) {
                emitter.emit(pulled);
            }
            if (again) {
                enqueue();
            }
        }

        /** A delivery or pull from {@code at} failed (null: the batch could not be handled). */
        private void failed(Throwable failure, ChangeCursor at) {
            synchronized (this) {
                busy = false;
                if (inStep) {
                    inStep = false;
                    position = at;
                }
            }
            // The position did not move: tell the device to pull for itself, which it retries.
            if (failure != null) {
                LOG.warnf("A live %s delivery for %s failed (%s); the device is told to resync", lane.collection.name(), viewer.id(),
                        failure.getMessage());
            }
            if (!emitter.isCancelled()) {
                emitter.emit(new Replication.Pulled<>(List.of(), null, true));
            }
        }
    }
}
