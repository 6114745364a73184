package dev.offlinefirst.server;

import static io.restassured.RestAssured.given;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

import dev.offlinefirst.server.support.Tokens;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/** What tests of several packaged processes share: GraphQL on a given port, SQL on their database. */
final class PackagedApps {

    private PackagedApps() {
    }

    /** Executes a document that must succeed on the process at {@code port}, as {@code userId}. */
    static JsonPath graphql(int port, String userId, String query, Map<String, Object> variables) {
        Map<String, Object> body = new HashMap<>();
        body.put("query", query);
        body.put("variables", variables);
        JsonPath response = given().port(port).header("Authorization", "Bearer " + Tokens.forUser(userId))
                .contentType(ContentType.JSON).body(body).post("/graphql").jsonPath();
        if (response.getList("errors") != null) {
            throw new AssertionError("errors: " + response.getList("errors"));
        }
        return response.setRootPath("data");
    }

    /** The first column of the first row of a query on the processes' database. */
    static double number(String sql, Object... parameters) throws SQLException {
        Map<String, String> settings = PackagedAppConfiguration.settings();
        String url = "jdbc:postgresql://" + settings.get("DB_HOST") + ":" + settings.get("DB_PORT") + "/" + settings.get("DB_NAME");
        try (Connection connection = DriverManager.getConnection(url, settings.get("DB_USERNAME"), settings.get("DB_PASSWORD"));
                PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getDouble(1);
            }
        }
    }
}
