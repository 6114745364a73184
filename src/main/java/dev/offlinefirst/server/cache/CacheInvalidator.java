package dev.offlinefirst.server.cache;

import java.util.List;
import java.util.function.Predicate;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import dev.offlinefirst.server.changes.ChangeRow;
import dev.offlinefirst.server.changes.ChangeStream;
import io.quarkus.arc.All;
import io.quarkus.cache.Cache;
import io.quarkus.cache.CacheManager;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;

/**
 * Drops cached values that writes made stale. Every instance reads the change stream, so a write made
 * anywhere (or straight in the database) reaches every instance's caches within a poll of the stream,
 * and an instance that lost its connection catches up from where it stopped. A write also forgets on
 * its own instance at once, so its client reads its own write.
 */
@ApplicationScoped
public class CacheInvalidator {

    private static final Logger LOG = Logger.getLogger(CacheInvalidator.class);

    private final List<KeyedCache> caches;
    private final ChangeStream stream;
    private final ChangeMarks marks;

    public CacheInvalidator(CacheManager manager, @All List<ScannedCache> scanned, ChangeStream stream, ChangeMarks marks) {
        // Room pages and whole answers are checked against ChangeMarks when read, not scanned here:
        // every message would otherwise scan them.
        this.caches = scanned.stream().map(declared -> new KeyedCache(manager.getCache(declared.name())
                .orElseThrow(() -> new IllegalStateException("No cache named " + declared.name())), declared.concerns())).toList();
        this.stream = stream;
        this.marks = marks;
    }

    void start(@Observes StartupEvent started) {
        stream.listen(this::onChanges);
    }

    /**
     * Forgets on this instance what the change made stale; the change stream tells the others. The
     * change is marked before and after the scanned caches drop their entries: whole answers are
     * computed from those caches.
     */
    public Uni<Void> forget(Invalidation change) {
        if (change.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        marks.mark(change);
        return forgetReads(change).invoke(() -> marks.mark(change));
    }

    private Uni<Void> forgetReads(Invalidation change) {
        if (change.all) {
            return Uni.join().all(caches.stream().map(keyed -> keyed.cache().invalidateAll()).toList()).andFailFast()
                    .replaceWithVoid();
        }
        // A scan checks every entry of a cache, so only the caches the change can concern are scanned.
        List<Uni<Void>> scans = caches.stream().filter(keyed -> keyed.concerns().test(change))
                .map(keyed -> keyed.cache().invalidateIf(key -> key instanceof CachedRead read && read.isStaleAfter(change)))
                .toList();
        return scans.isEmpty() ? Uni.createFrom().voidItem() : Uni.join().all(scans).andFailFast().replaceWithVoid();
    }

    /** A cache and the test of whether a change can concern any of its keys. */
    private record KeyedCache(Cache cache, Predicate<Invalidation> concerns) {
    }

    private void onChanges(List<ChangeRow> changes) {
        forget(Invalidation.of(changes)).subscribe().with(ignored -> {
        }, failure -> LOG.warnf("Cannot invalidate caches after %d changes: %s", changes.size(), failure.getMessage()));
    }
}
