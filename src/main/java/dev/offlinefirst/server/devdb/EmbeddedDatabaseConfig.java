package dev.offlinefirst.server.devdb;

import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

import org.eclipse.microprofile.config.spi.ConfigSource;

import io.quarkus.runtime.LaunchMode;
import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.PropertiesConfigSource;

/**
 * Points dev mode and the tests at {@link EmbeddedDatabase} when it is wanted, by setting
 * {@code DB_HOST} and {@code DB_PORT} (which the datasource URLs read) below the environment's
 * ordinal. Does nothing in the packaged application (the prod launch mode).
 */
public class EmbeddedDatabaseConfig implements ConfigSourceFactory {

    /** Above application.properties (250), below environment variables (300) and system properties (400). */
    private static final int ORDINAL = 275;

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        LaunchMode mode = LaunchMode.current();
        if (mode == LaunchMode.NORMAL || !EmbeddedDatabase.wanted(value(context, EmbeddedDatabase.SWITCH),
                value(context, "DB_HOST"), value(context, "DB_PORT"))) {
            return List.of();
        }
        boolean dev = mode == LaunchMode.DEVELOPMENT;
        int port = EmbeddedDatabase.start(dev ? "dev" : "test", dev);
        return List.of(new PropertiesConfigSource(Map.of("DB_HOST", "127.0.0.1", "DB_PORT", String.valueOf(port)),
                "embedded PostgreSQL", ORDINAL));
    }

    @Override
    public OptionalInt getPriority() {
        return OptionalInt.of(ORDINAL);
    }

    private static String value(ConfigSourceContext context, String name) {
        ConfigValue value = context.getValue(name);
        return value == null ? null : value.getValue();
    }
}
