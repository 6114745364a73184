package dev.offlinefirst.server.settings;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import dev.offlinefirst.server.cache.CacheInvalidator;
import dev.offlinefirst.server.cache.CacheNames;
import dev.offlinefirst.server.cache.Invalidation;
import dev.offlinefirst.server.cache.ScannedCache;
import dev.offlinefirst.server.secrets.SealedSetting;
import dev.offlinefirst.server.secrets.SecretBox;
import dev.offlinefirst.server.shared.ApiException;
import dev.offlinefirst.server.shared.Inputs;
import dev.offlinefirst.server.shared.LimitsConfig;
import dev.offlinefirst.server.shared.Timestamps;
import io.quarkus.cache.CacheResult;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/** A user's key/value settings. Every statement is keyed by the viewer, so no user touches another's. */
@ApplicationScoped
public class SettingsService {

    /** Its cache, which the cache invalidator scans on the changes that concern it. */
    @Produces
    @Singleton
    static ScannedCache settingsCache() {
        return new ScannedCache(CacheNames.SETTINGS, SettingsKey::concerns);
    }

    private final SettingRepository settings;
    private final CacheInvalidator invalidator;
    private final LimitsConfig limits;
    private final SecretBox box;

    public SettingsService(SettingRepository settings, CacheInvalidator invalidator, LimitsConfig limits, SecretBox box) {
        this.settings = settings;
        this.invalidator = invalidator;
        this.limits = limits;
        this.box = box;
    }

    /** The viewer's settings by key; cached per viewer. */
    @CacheResult(cacheName = CacheNames.SETTINGS)
    @WithSession
    public Uni<List<UserSetting>> all(SettingsKey key) {
        return settings.listOf(key.viewerId());
    }

    @WithSession
    public Uni<UserSetting> one(String viewerId, String key) {
        return settings.findOne(viewerId, checkedKey(key));
    }

    /**
     * Creates or replaces a setting; a secret one is stored sealed. Writing what it already holds changes
     * nothing (a sealed value differs every time, so a secret is compared opened).
     */
    @WithTransaction
    public Uni<UserSetting> set(String viewerId, String key, String value, boolean secret) {
        String checkedKey = checkedKey(key);
        if (value == null) {
            throw ApiException.badInput("value must not be null");
        }
        Inputs.optionalText("value", value, limits.settingValueMaxLength());
        return settings.findOne(viewerId, checkedKey).chain(existing -> {
            if (existing != null && secret && existing.secret
                    && value.equals(box.open(existing.value, SealedSetting.context(viewerId, checkedKey)))) {
                return Uni.createFrom().item(existing);
            }
            String stored = secret ? box.seal(value, SealedSetting.context(viewerId, checkedKey)) : value;
            return settings.upsert(viewerId, checkedKey, stored, secret, Timestamps.now())
                    .call(() -> invalidator.forget(Invalidation.settings(viewerId)))
                    // the session holds the row as it was before the statement
                    .call(() -> existing == null ? Uni.createFrom().voidItem()
                            : Panache.getSession().chain(session -> session.refresh(existing)))
                    .chain(() -> settings.findOne(viewerId, checkedKey));
        });
    }

    /** The setting as its owner reads it (a secret one opened). */
    public SettingView view(UserSetting setting) {
        return SettingView.of(setting, box);
    }

    /** True when the setting existed; deleting a missing key is harmless, as offline replays need. */
    @WithTransaction
    public Uni<Boolean> delete(String viewerId, String key) {
        return settings.deleteOne(viewerId, checkedKey(key))
                .call(count -> count > 0 ? invalidator.forget(Invalidation.settings(viewerId)) : Uni.createFrom().voidItem())
                .map(count -> count > 0);
    }

    private String checkedKey(String key) {
        Inputs.text("key", key, limits.settingKeyMaxLength());
        if (key.chars().anyMatch(Character::isISOControl)) {
            throw ApiException.badInput("key must not contain control characters");
        }
        return key;
    }
}
