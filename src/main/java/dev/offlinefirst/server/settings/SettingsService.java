package dev.offlinefirst.server.settings;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import dev.offlinefirst.server.cache.CacheInvalidator;
import dev.offlinefirst.server.cache.CacheNames;
import dev.offlinefirst.server.cache.Invalidation;
import dev.offlinefirst.server.cache.SettingsKey;
import dev.offlinefirst.server.shared.ApiException;
import dev.offlinefirst.server.shared.Inputs;
import dev.offlinefirst.server.shared.LimitsConfig;
import dev.offlinefirst.server.shared.Timestamps;
import io.quarkus.cache.CacheResult;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/** A user's key/value settings. Every statement is keyed by the viewer, so no user touches another's. */
@ApplicationScoped
public class SettingsService {

    private final SettingRepository settings;
    private final CacheInvalidator invalidator;
    private final LimitsConfig limits;

    public SettingsService(SettingRepository settings, CacheInvalidator invalidator, LimitsConfig limits) {
        this.settings = settings;
        this.invalidator = invalidator;
        this.limits = limits;
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

    @WithTransaction
    public Uni<UserSetting> set(String viewerId, String key, String value) {
        String checkedKey = checkedKey(key);
        if (value == null) {
            throw ApiException.badInput("value must not be null");
        }
        Inputs.optionalText("value", value, limits.settingValueMaxLength());
        return settings.upsert(viewerId, checkedKey, value, Timestamps.now())
                .call(() -> invalidator.forget(Invalidation.settings(viewerId)))
                .chain(() -> settings.findOne(viewerId, checkedKey));
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
