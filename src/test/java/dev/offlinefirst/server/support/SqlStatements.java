package dev.offlinefirst.server.support;

import static io.restassured.RestAssured.given;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Counts the SQL statements the application sends to PostgreSQL, as its reactive client reports them
 * in {@code /q/metrics} ({@code postgresql_completed_total}). Tests run one request at a time, so the
 * difference around a request is that request's cost.
 */
public final class SqlStatements {

    private static final Pattern COMPLETED = Pattern.compile(
            "^postgresql_completed_total\\{[^}]*clientName=\"<default>\"[^}]*} ([0-9.eE+]+)$", Pattern.MULTILINE);

    private SqlStatements() {
    }

    public static long completed() {
        Matcher matcher = COMPLETED.matcher(given().get("/q/metrics").asString());
        if (!matcher.find()) {
            throw new AssertionError("postgresql_completed_total is missing from /q/metrics");
        }
        return (long) Double.parseDouble(matcher.group(1));
    }

    /** How many statements the action made the application send. */
    public static long during(Runnable action) {
        long before = completed();
        action.run();
        return completed() - before;
    }
}
