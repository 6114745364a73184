package dev.offlinefirst.server.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import org.eclipse.microprofile.config.ConfigProvider;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationVersion;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.offlinefirst.server.support.Database;
import io.quarkus.test.junit.QuarkusTest;

/** A database filled at V1 upgrades to V2 with every row intact, in a schema of its own. */
@QuarkusTest
class MigrationTest {

    private static final String SCHEMA = "migration_check";

    @Test
    void aFilledV1DatabaseUpgradesToV2WithEveryRowIntact() throws SQLException {
        Flyway flyway = flyway(MigrationVersion.fromVersion("1"));
        flyway.clean();
        flyway.migrate();
        try (Connection connection = Database.connect(); Statement sql = connection.createStatement()) {
            sql.execute("SET search_path = " + SCHEMA);
            sql.execute("""
                    INSERT INTO user_profiles (user_id, display_name, bio, version) VALUES ('alice', 'Alice', 'hi', 3), ('bob', 'Bob', NULL, 0);
                    INSERT INTO user_settings (user_id, setting_key, value) VALUES ('alice', 'theme', 'dark');
                    INSERT INTO chat_rooms (room_id, title, created_by) VALUES ('r1', 'Room', 'alice');
                    INSERT INTO room_members (room_id, user_id, added_by) VALUES ('r1', 'alice', 'alice'), ('r1', 'bob', 'alice');
                    INSERT INTO chat_messages (message_id, room_id, sender_id, content, created_at) VALUES ('m1', 'r1', 'bob', 'hello', now());
                    INSERT INTO social_posts (post_id, author_id, content, visibility) VALUES ('p1', 'alice', 'post', 'PUBLIC');
                    INSERT INTO friend_connections (requester_id, addressee_id, status) VALUES ('alice', 'bob', 'ACCEPTED');
                    INSERT INTO sync_operations (user_id, client_op_id, op_type, payload) VALUES ('bob', 'op1', 'set_setting', '{}');
                    """);
        }

        flyway(MigrationVersion.LATEST).migrate();

        try (Connection connection = Database.connect(); Statement sql = connection.createStatement()) {
            sql.execute("SET search_path = " + SCHEMA);
            assertEquals(2, count(sql, "user_profiles"));
            assertEquals(1, count(sql, "user_settings"));
            assertEquals(1, count(sql, "chat_rooms"));
            assertEquals(2, count(sql, "room_members"));
            assertEquals(1, count(sql, "chat_messages"));
            assertEquals(1, count(sql, "social_posts"));
            assertEquals(1, count(sql, "friend_connections"));
            assertEquals(1, count(sql, "sync_operations"));
            try (ResultSet alice = sql.executeQuery(
                    "SELECT display_name, bio, version, phone_number FROM user_profiles WHERE user_id = 'alice'")) {
                alice.next();
                assertEquals("Alice", alice.getString(1));
                assertEquals("hi", alice.getString(2));
                assertEquals(3, alice.getInt(3));
                assertNull(alice.getString(4));
            }
            sql.execute("UPDATE user_profiles SET phone_number = '+15550100' WHERE user_id = 'bob'");
            assertEquals(1, count(sql, "user_profiles WHERE phone_number = '+15550100'"));
        }
    }

    @AfterEach
    void dropTheScratchSchema() {
        Database.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
    }

    private static Flyway flyway(MigrationVersion target) {
        var config = ConfigProvider.getConfig();
        return Flyway.configure()
                .dataSource(config.getValue("quarkus.datasource.jdbc.url", String.class),
                        config.getValue("quarkus.datasource.username", String.class),
                        config.getOptionalValue("quarkus.datasource.password", String.class).orElse(""))
                .schemas(SCHEMA)
                .target(target)
                .cleanDisabled(false)
                .load();
    }

    private static long count(Statement sql, String table) throws SQLException {
        try (ResultSet rows = sql.executeQuery("SELECT count(*) FROM " + table)) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
