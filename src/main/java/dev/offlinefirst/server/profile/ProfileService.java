package dev.offlinefirst.server.profile;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.OptimisticLockException;

import org.hibernate.StaleStateException;

import dev.offlinefirst.server.shared.ApiException;
import dev.offlinefirst.server.shared.Inputs;
import dev.offlinefirst.server.shared.Timestamps;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/** Reads and writes profiles; a user writes only their own, guarded by an expected version. */
@ApplicationScoped
public class ProfileService {

    static final int DISPLAY_NAME_MAX = 100;
    static final int BIO_MAX = 1000;
    static final int AVATAR_URL_MAX = 2048;
    static final int PHONE_NUMBER_MAX = 32;

    private static final Pattern AVATAR_URL = Pattern.compile("https?://\\S+", Pattern.CASE_INSENSITIVE);
    private static final Pattern PHONE_NUMBER = Pattern.compile("\\+?[0-9][0-9 ()./-]{2,31}");

    private final ProfileRepository profiles;

    public ProfileService(ProfileRepository profiles) {
        this.profiles = profiles;
    }

    /** The viewer's own profile, created empty on first use. */
    @WithTransaction
    public Uni<UserProfile> own(String viewerId) {
        return profiles.createIfMissing(viewerId, Timestamps.now())
                .chain(() -> profiles.findById(viewerId));
    }

    /** A profile the viewer may see, or null: an invisible profile looks exactly like a missing one. */
    @WithSession
    public Uni<UserProfile> visible(String userId) {
        Inputs.id("userId", userId);
        return profiles.findById(userId);
    }

    /** The profiles among these users that the viewer may see, by user id; one query. */
    @WithSession
    public Uni<Map<String, UserProfile>> visibleByIds(Collection<String> userIds) {
        if (userIds.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return profiles.visibleAmong(userIds)
                .map(rows -> rows.stream().collect(Collectors.toMap(p -> p.userId, Function.identity())));
    }

    /**
     * For each source, the profile of the user it names if the viewer may see it, else null; aligned
     * with {@code sources}, one query for all of them (what batched {@code @Source} fields need).
     */
    public <T> Uni<List<UserProfile>> visibleFor(List<T> sources, Function<T, String> userIdOf) {
        return visibleByIds(sources.stream().map(userIdOf).collect(Collectors.toSet()))
                .map(byId -> sources.stream().map(source -> byId.get(userIdOf.apply(source))).toList());
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
                .onFailure(failure -> failure instanceof OptimisticLockException || failure instanceof StaleStateException)
                .transform(failure -> staleVersion(changes.expectedVersion()));
    }

    private static void apply(UserProfile profile, ProfileChanges changes) {
        if (profile.version != changes.expectedVersion()) {
            throw ApiException.conflict("Profile version is " + profile.version + ", not "
                    + changes.expectedVersion() + ": reload it and apply the change again");
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
