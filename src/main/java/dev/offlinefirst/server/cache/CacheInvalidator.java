package dev.offlinefirst.server.cache;

import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import dev.offlinefirst.server.shared.PgNotifications;
import io.quarkus.cache.Cache;
import io.quarkus.cache.CacheName;
import io.quarkus.cache.CompositeCacheKey;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;

/**
 * Drops cached values that a write made stale, here and on every replica. A write calls
 * {@link #stale} inside its transaction: this instance forgets at once, and a NOTIFY on
 * {@link #CHANNEL} reaches every instance when the transaction commits (so a replica never reloads
 * the old value after forgetting). New chat messages need no extra notification: the chat feature
 * forwards their own {@code room_messages} notification here. After the listening connection was
 * lost, everything is dropped, since notifications may have been missed.
 */
@ApplicationScoped
public class CacheInvalidator {

    public static final String CHANNEL = "cache_invalidation";

    private static final Logger LOG = Logger.getLogger(CacheInvalidator.class);

    private final Cache profiles;
    private final Cache settings;
    private final Cache roomPages;
    private final Cache friendLists;
    private final PgNotifications notifications;

    public CacheInvalidator(@CacheName(CacheNames.PROFILES) Cache profiles,
            @CacheName(CacheNames.SETTINGS) Cache settings,
            @CacheName(CacheNames.ROOM_PAGES) Cache roomPages,
            @CacheName(CacheNames.FRIEND_LISTS) Cache friendLists,
            PgNotifications notifications) {
        this.profiles = profiles;
        this.settings = settings;
        this.roomPages = roomPages;
        this.friendLists = friendLists;
        this.notifications = notifications;
    }

    void start(@Observes StartupEvent started) {
        notifications.listen(CHANNEL, this::onInvalidation);
        notifications.onReconnect(() -> forgetHere(Invalidation.all()).subscribe().with(ignored -> {
        }));
    }

    /** Forgets now what the change made stale, and tells every replica when the transaction commits. */
    public Uni<Void> stale(Invalidation invalidation) {
        return forgetHere(invalidation).chain(() -> notifications.notifyOnCommit(CHANNEL, invalidation.toPayloads()));
    }

    /** Forgets on this instance only (for changes whose own notification reaches the others). */
    public Uni<Void> forgetHere(Invalidation invalidation) {
        List<String> ids = invalidation.ids();
        return switch (invalidation.kind()) {
            case PROFILE -> profiles.invalidateIf(keyAt(1, Set.copyOf(ids)));
            case SETTINGS -> settings.invalidateIf(keyAt(0, Set.copyOf(ids)));
            case FRIENDSHIP -> {
                Set<String> pair = Set.copyOf(ids);
                yield Uni.combine().all().unis(
                        profiles.invalidateIf(key -> elementAt(key, 0, pair) && elementAt(key, 1, pair)),
                        friendLists.invalidateIf(keyAt(0, pair))).discardItems();
            }
            case MEMBERSHIP -> {
                Set<String> room = Set.of(ids.get(0));
                Set<String> joined = Set.copyOf(ids.subList(1, ids.size()));
                yield Uni.combine().all().unis(
                        roomPages.invalidateIf(keyAt(1, room)),
                        profiles.invalidateIf(keyAt(0, joined).or(keyAt(1, joined)))).discardItems();
            }
            case MESSAGES -> roomPages.invalidateIf(keyAt(1, Set.copyOf(ids)));
            case USERS -> {
                Set<String> users = Set.copyOf(ids);
                yield Uni.combine().all().unis(
                        profiles.invalidateIf(keyAt(0, users).or(keyAt(1, users))),
                        settings.invalidateIf(keyAt(0, users)),
                        roomPages.invalidateIf(keyAt(0, users)),
                        friendLists.invalidateIf(keyAt(0, users))).discardItems();
            }
            case ALL -> Uni.combine().all().unis(profiles.invalidateAll(), settings.invalidateAll(),
                    roomPages.invalidateAll(), friendLists.invalidateAll()).discardItems();
        };
    }

    private void onInvalidation(String payload) {
        Invalidation invalidation;
        try {
            invalidation = Invalidation.decode(payload);
        } catch (IllegalArgumentException e) {
            LOG.warnf("Ignoring a malformed %s notification", CHANNEL);
            return;
        }
        forgetHere(invalidation).subscribe().with(ignored -> {
        }, failure -> LOG.warnf("Cannot apply %s: %s", invalidation, failure.getMessage()));
    }

    /** Keys whose element at {@code index} is one of {@code values}. */
    private static Predicate<Object> keyAt(int index, Set<String> values) {
        return key -> elementAt(key, index, values);
    }

    private static boolean elementAt(Object key, int index, Set<String> values) {
        Object element;
        if (key instanceof CompositeCacheKey composite) {
            Object[] elements = composite.getKeyElements();
            element = index < elements.length ? elements[index] : null;
        } else {
            element = index == 0 ? key : null;
        }
        return element != null && values.contains(element.toString());
    }
}
