package dev.offlinefirst.server.settings;

import java.io.Serializable;
import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import org.hibernate.annotations.Filter;

import dev.offlinefirst.server.isolation.ViewerFilter;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** One preference of one user (the seed's SharedPreferences); seen and written by its owner only. */
@Entity
@Table(name = "user_settings")
@IdClass(UserSetting.Key.class)
@Filter(name = ViewerFilter.NAME, deduceAliasInjectionPoints = false, condition = "{alias}.user_id = :viewerId")
public class UserSetting extends PanacheEntityBase {

    @Id
    @Column(name = "user_id")
    public String userId;

    @Id
    @Column(name = "setting_key")
    public String key;

    /** Sealed (secrets/SecretBox) when {@link #secret}; {@link SettingView#of} opens it. */
    public String value;

    public boolean secret;

    @Column(name = "updated_at")
    public Instant updatedAt;

    /** The composite id: owner and key. */
    public record Key(String userId, String key) implements Serializable {
    }
}
