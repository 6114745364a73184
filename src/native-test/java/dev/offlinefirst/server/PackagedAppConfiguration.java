package dev.offlinefirst.server;

import java.nio.file.Path;
import java.util.Map;

import dev.offlinefirst.server.devdb.EmbeddedDatabase;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Configures the packaged application (prod profile) the way an operator would, through the variables
 * the README lists: the tests' database (the local one, or this JVM's embedded one when that is
 * wanted: see EmbeddedDatabase) and the test-only public key.
 */
public class PackagedAppConfiguration implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        return settings();
    }

    /** The variables the packaged app gets, for a second process of it too. */
    static Map<String, String> settings() {
        // Once started, the embedded server is the tests' database for the whole run: the settings
        // below (DB_HOST among them) become system properties of this JVM, which wanted() would then read.
        boolean embedded = EmbeddedDatabase.running() || EmbeddedDatabase.wanted();
        return Map.of(
                "DB_HOST", embedded ? "127.0.0.1" : env("DB_HOST", "127.0.0.1"),
                "DB_PORT", embedded ? String.valueOf(EmbeddedDatabase.start("test", false)) : env("DB_PORT", "5432"),
                "DB_NAME", env("DB_NAME", "test"),
                "DB_USERNAME", env("DB_USERNAME", "postgres"),
                "DB_PASSWORD", env("DB_PASSWORD", ""),
                "JWT_PUBLIC_KEY_LOCATION", Path.of("src/test/resources/keys/test-public.pem").toAbsolutePath().toString(),
                // A test-only key, the same as the test profile's.
                "SECRETS_KEYS", "test-1:dGVzdC1vbmx5LWtleS1mb3ItZGV2LWFuZC10ZXN0cyE=",
                "SECRETS_CURRENT_KEY", "test-1",
                // Drain the queue promptly when a second replica takes over work that a push woke elsewhere.
                "SYNC_WORKER_EVERY", "1s");
    }

    @Override
    public void stop() {
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null ? fallback : value;
    }
}
