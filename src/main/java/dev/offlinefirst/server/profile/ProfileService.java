package dev.offlinefirst.server.profile;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import jakarta.persistence.OptimisticLockException;

import org.hibernate.StaleStateException;

import dev.offlinefirst.server.cache.CacheInvalidator;
import dev.offlinefirst.server.cache.CacheNames;
import dev.offlinefirst.server.cache.ChangeMarks;
import dev.offlinefirst.server.cache.Invalidation;
import dev.offlinefirst.server.cache.ScannedCache;
import dev.offlinefirst.server.shared.ApiException;
import dev.offlinefirst.server.shared.CacheEntries;
import dev.offlinefirst.server.shared.Inputs;
import dev.offlinefirst.server.shared.Timestamps;
import io.quarkus.cache.Cache;
import io.quarkus.cache.CacheName;
import io.quarkus.cache.CacheResult;
import io.quarkus.cache.CaffeineCache;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/** Reads and writes profiles; a user writes only their own, guarded by an expected version. */
@ApplicationScoped
public class ProfileService {

    /** Its cache, which the cache invalidator scans on the changes that concern it. */
    @Produces
    @Singleton
    static ScannedCache profilesCache() {
        return new ScannedCache(CacheNames.PROFILES, ProfileKey::concerns);
    }

    public static final int DISPLAY_NAME_MAX = 100;
    public static final int BIO_MAX = 1000;
    public static final int AVATAR_URL_MAX = 2048;
    public static final int PHONE_NUMBER_MAX = 32;

    /** The {@code extensions} entry of a {@code CONFLICT} that holds the profile as it is now. */
    public static final String CONFLICT_CURRENT = "current";

    private static final Pattern AVATAR_URL = Pattern.compile("https?://\\S+", Pattern.CASE_INSENSITIVE);
    private static final Pattern PHONE_NUMBER = Pattern.compile("\\+?[0-9][0-9 ()./-]{2,31}");

    private final ProfileRepository profiles;
    private final CaffeineCache profileCache;
    private final CacheInvalidator invalidator;
    private final ChangeMarks marks;

    public ProfileService(ProfileRepository profiles, @CacheName(CacheNames.PROFILES) Cache profileCache,
            CacheInvalidator invalidator, ChangeMarks marks) {
        this.profiles = profiles;
        this.profileCache = profileCache.as(CaffeineCache.class);
        this.invalidator = invalidator;
        this.marks = marks;
    }

    /** The viewer's own profile, created empty on first use. */
    @WithTransaction
    public Uni<UserProfile> own(String viewerId) {
        return profiles.createIfMissing(viewerId, Timestamps.now())
                .chain(() -> profiles.findById(viewerId));
    }

    /**
     * The profile of {@code userId} as the viewer may see it, or null: an invisible profile looks exactly
     * like a missing one. The viewer's own profile is created on first use. Cached per viewer.
     */
    @CacheResult(cacheName = CacheNames.PROFILES)
    @WithTransaction
    public Uni<SeenProfile> seenBy(ProfileKey key) {
        Inputs.id("userId", key.userId());
        return key.viewerId().equals(key.userId())
                ? own(key.userId()).map(profile -> new SeenProfile(profile, ProfileAccess.OWNER))
                : profiles.visibleAmong(key.viewerId(), List.of(key.userId())).map(found -> found.isEmpty() ? null : found.get(0));
    }

    /**
     * The profiles among these users that the viewer may see, by user id. Profiles cached for this
     * viewer come from memory; the rest load in one query and join the cache.
     */
    public Uni<Map<String, SeenProfile>> visibleByIds(String viewerId, Collection<String> userIds) {
        Map<String, SeenProfile> found = new HashMap<>();
        List<String> missing = new ArrayList<>();
        for (String userId : new HashSet<>(userIds)) {
            CompletableFuture<SeenProfile> cached = profileCache.getIfPresent(new ProfileKey(viewerId, userId));
            if (cached != null && cached.isDone() && !cached.isCompletedExceptionally()) {
                SeenProfile seen = cached.join();
                if (seen != null) {
                    found.put(userId, seen);
                }
            } else {
                missing.add(userId);
            }
        }
        if (missing.isEmpty()) {
            return Uni.createFrom().item(found);
        }
        // A change that lands while the read runs may already have been scanned for: what it concerns is not kept.
        long ticket = marks.ticket();
        return Panache.withSession(() -> profiles.visibleAmong(viewerId, missing)).map(rows -> {
            for (SeenProfile seen : rows) {
                ProfileKey key = new ProfileKey(viewerId, seen.profile().userId);
                if (!key.isStaleSince(marks, ticket)) {
                    CacheEntries.keep(profileCache, key, seen);
                }
                found.put(seen.profile().userId, seen);
            }
            return found;
        });
    }

    /**
     * For each source, the profile of the user it names as the viewer may see it, else null; aligned
     * with {@code sources}, at most one query for all of them (what batched {@code @Source} fields need).
     */
    public <T> Uni<List<ProfileView>> visibleFor(String viewerId, List<T> sources, Function<T, String> userIdOf) {
        return visibleByIds(viewerId, sources.stream().map(userIdOf).toList())
                .map(byId -> sources.stream().map(source -> SeenProfile.viewOf(byId.get(userIdOf.apply(source)))).toList());
    }

    /**
     * Refuses with {@code NOT_FOUND} unless every one of these users exists. Says only that an account
     * exists, never anything of its profile.
     */
    @WithSession
    public Uni<Void> requireExisting(Collection<String> userIds) {
        if (userIds.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return profiles.existingUserIds(userIds).invoke(existing -> {
            List<String> missing = userIds.stream().filter(id -> !existing.contains(id)).toList();
            if (!missing.isEmpty()) {
                throw ApiException.notFound("No user " + missing.get(0));
            }
        }).replaceWithVoid();
    }

    @WithTransaction
    public Uni<UserProfile> update(String viewerId, ProfileChanges changes) {
        validate(changes);
        return own(viewerId)
                .invoke(profile -> apply(profile, changes))
                .call(profiles::flush)
                .call(() -> invalidator.forget(Invalidation.profile(viewerId)))
                .onFailure(failure -> failure instanceof OptimisticLockException || failure instanceof StaleStateException)
                .transform(failure -> staleVersion(changes.expectedVersion()));
    }

    private static void apply(UserProfile profile, ProfileChanges changes) {
        if (profile.version != changes.expectedVersion()) {
            throw ApiException.conflict("Profile version is " + profile.version + ", not "
                    + changes.expectedVersion() + ": reload it and apply the change again")
                    .with(CONFLICT_CURRENT, ProfileAccess.OWNER.show(profile).asMap());
        }
        profile.displayName = merge(profile.displayName, changes.displayName());
        profile.bio = merge(profile.bio, changes.bio());
        profile.avatarUrl = merge(profile.avatarUrl, changes.avatarUrl());
        profile.phoneNumber = merge(profile.phoneNumber, changes.phoneNumber());
        profile.updatedAt = Timestamps.now();
    }

    private static String merge(String current, String requested) {
        if (requested == null) {
            return current;
        }
        return requested.isEmpty() ? null : requested;
    }

    private static void validate(ProfileChanges changes) {
        if (changes.expectedVersion() < 0) {
            throw ApiException.badInput("expectedVersion must not be negative");
        }
        Inputs.optionalText("displayName", changes.displayName(), DISPLAY_NAME_MAX);
        Inputs.optionalText("bio", changes.bio(), BIO_MAX);
        Inputs.optionalText("avatarUrl", changes.avatarUrl(), AVATAR_URL_MAX);
        Inputs.optionalText("phoneNumber", changes.phoneNumber(), PHONE_NUMBER_MAX);
        if (isSet(changes.avatarUrl()) && !AVATAR_URL.matcher(changes.avatarUrl()).matches()) {
            throw ApiException.badInput("avatarUrl must be an http or https URL");
        }
        if (isSet(changes.phoneNumber()) && !PHONE_NUMBER.matcher(changes.phoneNumber()).matches()) {
            throw ApiException.badInput("phoneNumber must be digits, optionally with a leading + and separators");
        }
    }

    private static boolean isSet(String value) {
        return value != null && !value.isEmpty();
    }

    private static ApiException staleVersion(int expectedVersion) {
        return ApiException.conflict("Profile changed concurrently; version " + expectedVersion
                + " is stale: reload it and apply the change again");
    }
}
