package dev.offlinefirst.server.secrets;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Seals again, under the current key, every stored secret that another key sealed (or that was stored
 * before sealing began): after a new key is added and made current, an admin runs {@code resealSecrets}
 * and the old key can be removed once it answers 0. Works in batches, each in its own transaction.
 */
@ApplicationScoped
public class SecretRotation {

    private static final int BATCH = 500;

    private static final String STALE_PHONES = """
            SELECT user_id, phone_number FROM user_profiles
            WHERE phone_number IS NOT NULL AND phone_number NOT LIKE $1 LIMIT $2 FOR UPDATE""";
    private static final String RESEAL_PHONES = """
            UPDATE user_profiles p SET phone_number = u.sealed
            FROM unnest($1::text[], $2::text[]) AS u(user_id, sealed) WHERE p.user_id = u.user_id""";
    private static final String STALE_SETTINGS = """
            SELECT user_id, setting_key, value FROM user_settings
            WHERE secret AND value NOT LIKE $1 LIMIT $2 FOR UPDATE""";
    private static final String RESEAL_SETTINGS = """
            UPDATE user_settings s SET value = u.sealed
            FROM unnest($1::text[], $2::text[], $3::text[]) AS u(user_id, setting_key, sealed)
            WHERE s.user_id = u.user_id AND s.setting_key = u.setting_key""";

    private final Pool pool;
    private final SecretBox box;
    private final SecretsConfig config;

    public SecretRotation(Pool pool, SecretBox box, SecretsConfig config) {
        this.pool = pool;
        this.box = box;
        this.config = config;
    }

    /** How many stored values were sealed again. */
    public Uni<Integer> resealAll() {
        return phones(0).chain(phones -> settings(0).map(settings -> phones + settings));
    }

    private String current() {
        return SecretBox.PREFIX + config.currentKey().orElseThrow() + ":%";
    }

    private Uni<Integer> phones(int sofar) {
        return pool.withTransaction(connection -> connection.preparedQuery(STALE_PHONES).execute(Tuple.of(current(), BATCH))
                .chain(rows -> {
                    List<String> ids = new ArrayList<>();
                    List<String> sealed = new ArrayList<>();
                    for (Row row : rows) {
                        ids.add(row.getString("user_id"));
                        sealed.add(box.seal(box.open(row.getString("phone_number"), PhoneNumberSealing.CONTEXT),
                                PhoneNumberSealing.CONTEXT));
                    }
                    return ids.isEmpty() ? Uni.createFrom().item(0)
                            : connection.preparedQuery(RESEAL_PHONES)
                                    .execute(Tuple.of(ids.toArray(String[]::new), sealed.toArray(String[]::new)))
                                    .map(done -> ids.size());
                }))
                .chain(count -> count < BATCH ? Uni.createFrom().item(sofar + count) : phones(sofar + count));
    }

    private Uni<Integer> settings(int sofar) {
        return pool.withTransaction(connection -> connection.preparedQuery(STALE_SETTINGS).execute(Tuple.of(current(), BATCH))
                .chain(rows -> {
                    List<String> users = new ArrayList<>();
                    List<String> keys = new ArrayList<>();
                    List<String> sealed = new ArrayList<>();
                    for (Row row : rows) {
                        String context = SealedSetting.context(row.getString("user_id"), row.getString("setting_key"));
                        users.add(row.getString("user_id"));
                        keys.add(row.getString("setting_key"));
                        sealed.add(box.seal(box.open(row.getString("value"), context), context));
                    }
                    return users.isEmpty() ? Uni.createFrom().item(0)
                            : connection.preparedQuery(RESEAL_SETTINGS).execute(Tuple.of(users.toArray(String[]::new),
                                    keys.toArray(String[]::new), sealed.toArray(String[]::new))).map(done -> users.size());
                }))
                .chain(count -> count < BATCH ? Uni.createFrom().item(sofar + count) : settings(sofar + count));
    }
}
