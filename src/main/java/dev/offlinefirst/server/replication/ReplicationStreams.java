package dev.offlinefirst.server.replication;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
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
import dev.offlinefirst.server.isolation.Viewer;
import dev.offlinefirst.server.isolation.ViewerScope;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.subscription.MultiEmitter;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The live half of replication ({@code stream<Collection>}): on connect a batch with {@code resync}
 * (the client pulls), then, for each batch of the change stream, every device on this replica that
 * may hold a changed document pulls from its own position, and gets what the pull found as one batch
 * with the checkpoint after it. Deciding who may be concerned is one query per batch of changes,
 * whatever the number of devices; what each device gets is exactly what its pull would answer (the
 * same row filters), revocations included. Live pulls take one of a fixed number of slots
 * ({@link ReplicationConfig#maxConcurrentPulls()}). A device holds one position and two flags, never a
 * queue of changes: changes that land while its pull waits or runs make one more pull.
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
            UNION SELECT CASE WHEN requester_id = ANY($2::text[]) THEN addressee_id ELSE requester_id END
                  FROM friend_connections
                  WHERE status = 'PENDING' AND (requester_id = ANY($2::text[]) OR addressee_id = ANY($2::text[]))
            UNION SELECT other.user_id FROM room_members mine JOIN room_members other USING (room_id)
                  WHERE mine.user_id = ANY($2::text[])""";

    private final Map<ReplicatedCollection<?>, Map<String, Set<Follower<?>>>> followers = new ConcurrentHashMap<>();
    /** Devices woken and waiting for a pull slot, each at most once. */
    private final Queue<Follower<?>> waiting = new ConcurrentLinkedQueue<>();
    private final AtomicInteger pullsRunning = new AtomicInteger();
    private final ChangeStream stream;
    private final StreamEndings endings;
    private final Replication replication;
    private final Pool pool;
    private final ReplicationConfig config;

    public ReplicationStreams(ChangeStream stream, StreamEndings endings, Replication replication, BackgroundSql background,
            ReplicationConfig config) {
        this.stream = stream;
        this.endings = endings;
        this.replication = replication;
        this.pool = background.pool();
        this.config = config;
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

    void start(@Observes StartupEvent started) {
        stream.listen(this::onChanges);
    }

    /**
     * The viewer's live stream of one collection: {@code resync} first, then each change to documents
     * the viewer may hold. Ends when the token expires or the viewer clears their data.
     */
    public <D extends ReplicatedDocument> Multi<Replication.Pulled<D>> follow(ReplicatedCollection<D> collection, Viewer viewer) {
        Multi<Replication.Pulled<D>> live = Multi.createFrom().emitter(emitter -> {
            ChangeCursor from = stream.position();
            Follower<D> follower = new Follower<>(collection, viewer, from == null ? ChangeCursor.START : from, emitter,
                    Vertx.currentContext());
            followersOf(collection).computeIfAbsent(viewer.id(), id -> ConcurrentHashMap.newKeySet()).add(follower);
            emitter.onTermination(() -> followersOf(collection).computeIfPresent(viewer.id(), (id, set) -> {
                set.remove(follower);
                return set.isEmpty() ? null : set;
            }));
            emitter.emit(new Replication.Pulled<>(List.of(), null, true));
        });
        return endings.whileAccountLasts(viewer.id(), live).select().first(Topics.lifetimeUntil(viewer.validUntil()));
    }

    private Map<String, Set<Follower<?>>> followersOf(ReplicatedCollection<?> collection) {
        return followers.computeIfAbsent(collection, c -> new ConcurrentHashMap<>());
    }

    private void onChanges(List<ChangeRow> changes) {
        if (followers.values().stream().allMatch(Map::isEmpty)) {
            return;
        }
        Set<String> concerned = new HashSet<>();
        Set<String> rooms = new HashSet<>();
        Set<String> people = new HashSet<>();
        Set<String> entities = new HashSet<>();
        for (ChangeRow change : changes) {
            entities.add(change.entity());
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
            wake(concerned, entities);
            return;
        }
        pool.preparedQuery(AUDIENCE)
                .execute(Tuple.of(rooms.toArray(String[]::new), people.toArray(String[]::new)))
                .subscribe().with(rows -> {
                    rows.forEach(row -> concerned.add(row.getString(0)));
                    wake(concerned, entities);
                }, failure -> {
                    // Nobody can be left behind silently: every device here pulls.
                    LOG.warnf("Cannot find who a batch of changes concerns (%s); every live device pulls", failure.getMessage());
                    followers.values().forEach(byViewer -> byViewer.values().forEach(set -> set.forEach(Follower::wake)));
                });
    }

    private void wake(Set<String> concerned, Set<String> entities) {
        followers.forEach((collection, byViewer) -> {
            if (collection.entities().stream().flatMap(entity -> entity.sources().stream())
                    .noneMatch(source -> entities.contains(source.logName()))) {
                return;
            }
            for (String viewerId : concerned) {
                Set<Follower<?>> set = byViewer.get(viewerId);
                if (set != null) {
                    set.forEach(Follower::wake);
                }
            }
        });
    }

    /** One device following one collection: its position, and whether a pull runs or is owed. */
    private final class Follower<D extends ReplicatedDocument> {

        private final ReplicatedCollection<D> collection;
        private final Viewer viewer;
        private final MultiEmitter<? super Replication.Pulled<D>> emitter;
        private final Context context;
        private ChangeCursor position;
        private boolean pulling;
        private boolean owed;

        Follower(ReplicatedCollection<D> collection, Viewer viewer, ChangeCursor position,
                MultiEmitter<? super Replication.Pulled<D>> emitter, Context context) {
            this.collection = collection;
            this.context = context;
            this.viewer = viewer;
            this.position = position;
            this.emitter = emitter;
        }

        /** Queues a pull, or owes one more when a pull is queued or runs already. */
        synchronized void wake() {
            if (pulling) {
                owed = true;
                return;
            }
            pulling = true;
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
                    () -> replication.pullFrom(collection, viewer.id(), from, config.streamBatchLimit()))
                    .onTermination().invoke(() -> {
                        pullsRunning.decrementAndGet();
                        drain();
                    })
                    .subscribe().with(this::pulled, this::failed));
        }

        private void pulled(Replication.Pulled<D> pulled) {
            boolean again;
            synchronized (this) {
                pulling = false;
                if (pulled.resync()) {
                    ChangeCursor head = stream.position();
                    position = head == null ? position : head;
                } else if (pulled.checkpoint() != null) {
                    position = ChangeCursor.decode("checkpoint", pulled.checkpoint().cursor());
                }
                again = owed || pulled.documents().size() >= config.streamBatchLimit();
                owed = false;
            }
            if ((pulled.resync() || !pulled.documents().isEmpty()) && !emitter.isCancelled()) {
                emitter.emit(pulled);
            }
            if (again) {
                wake();
            }
        }

        private void failed(Throwable failure) {
            synchronized (this) {
                pulling = false;
            }
            // The position did not move: tell the device to pull for itself, which it retries.
            LOG.warnf("A live %s pull for %s failed (%s); the device is told to resync", collection.name(), viewer.id(),
                    failure.getMessage());
            emitter.emit(new Replication.Pulled<>(List.of(), null, true));
        }
    }
}
