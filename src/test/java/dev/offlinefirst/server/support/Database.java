package dev.offlinefirst.server.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import org.eclipse.microprofile.config.ConfigProvider;

/** Direct SQL on the test database, to arrange rows and to check what a request really wrote. */
public final class Database {

    private Database() {
    }

    public static long count(String sql, Object... parameters) {
        try (Connection connection = connect(); PreparedStatement statement = prepare(connection, sql, parameters);
                ResultSet rows = statement.executeQuery()) {
            rows.next();
            return rows.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String text(String sql, Object... parameters) {
        try (Connection connection = connect(); PreparedStatement statement = prepare(connection, sql, parameters);
                ResultSet rows = statement.executeQuery()) {
            return rows.next() ? rows.getString(1) : null;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public static int execute(String sql, Object... parameters) {
        try (Connection connection = connect(); PreparedStatement statement = prepare(connection, sql, parameters)) {
            return statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Changes rows without any trigger firing, so the change stream never hears of it: a stale cache
     * entry that only its time to live or a manual invalidation can remove (needs a superuser).
     */
    public static int executeUnlogged(String sql, Object... parameters) {
        try (Connection connection = connect()) {
            try (var statement = connection.createStatement()) {
                statement.execute("SET session_replication_role = replica");
            }
            try (PreparedStatement statement = prepare(connection, sql, parameters)) {
                return statement.executeUpdate();
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Makes two users accepted friends, as the social feature will. */
    public static void befriend(String requester, String addressee, String status) {
        execute("INSERT INTO friend_connections (requester_id, addressee_id, status) VALUES (?, ?, ?)",
                requester, addressee, status);
    }

    /** Puts users into a new room, as the chat feature will. */
    public static void shareRoom(String roomId, String... members) {
        execute("INSERT INTO chat_rooms (room_id, created_by) VALUES (?, ?)", roomId, members[0]);
        for (String member : members) {
            execute("INSERT INTO room_members (room_id, user_id, added_by) VALUES (?, ?, ?)", roomId, member, members[0]);
        }
    }

    public static Connection connect() throws SQLException {
        var config = ConfigProvider.getConfig();
        return DriverManager.getConnection(config.getValue("quarkus.datasource.jdbc.url", String.class),
                config.getValue("quarkus.datasource.username", String.class),
                config.getOptionalValue("quarkus.datasource.password", String.class).orElse(""));
    }

    private static PreparedStatement prepare(Connection connection, String sql, Object... parameters) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        for (int i = 0; i < parameters.length; i++) {
            statement.setObject(i + 1, parameters[i]);
        }
        return statement;
    }
}
