package dev.offlinefirst.server.settings;

import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;

/** Setting rows, always addressed by owner and key. */
@ApplicationScoped
public class SettingRepository implements PanacheRepositoryBase<UserSetting, UserSetting.Key> {

    public Uni<List<UserSetting>> listOf(String userId) {
        return list("userId", Sort.by("key"), userId);
    }

    public Uni<UserSetting> findOne(String userId, String key) {
        return findById(new UserSetting.Key(userId, key));
    }

    /**
     * Inserts or changes a setting in one statement, so concurrent writers of a new key cannot collide.
     * Writing the value it already has changes nothing, so replayed writes leave no trace.
     */
    public Uni<Integer> upsert(String userId, String key, String value, boolean secret, Instant now) {
        return getSession().chain(session -> session.createNativeQuery("""
                INSERT INTO user_settings (user_id, setting_key, value, secret, updated_at)
                VALUES (:userId, :key, :value, :secret, :now)
                ON CONFLICT (user_id, setting_key) DO UPDATE
                    SET value = EXCLUDED.value, secret = EXCLUDED.secret, updated_at = EXCLUDED.updated_at
                    WHERE (user_settings.value, user_settings.secret) IS DISTINCT FROM (EXCLUDED.value, EXCLUDED.secret)""")
                .setParameter("userId", userId)
                .setParameter("key", key)
                .setParameter("value", value)
                .setParameter("secret", secret)
                .setParameter("now", now)
                .executeUpdate());
    }

    public Uni<Long> deleteOne(String userId, String key) {
        return delete("userId = ?1 and key = ?2", userId, key);
    }
}
