package dev.offlinefirst.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import dev.offlinefirst.server.support.Tokens;
import dev.offlinefirst.server.support.UserIds;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.vertx.core.json.JsonObject;

/**
 * The public GraphQL-over-HTTP server audits of the {@code graphql-http} npm package, run by Node.js
 * against the packaged application with a valid token and introspection on (one audit queries
 * {@code __type}). Every audit passes today; one that stops passing fails the build. The runner and its
 * pinned packages are in {@code src/native-test/graphql-http-audit}; npm installs them into
 * {@code target/}. Skipped, with a message, on a machine without Node.js and npm.
 */
@QuarkusIntegrationTest
@QuarkusTestResource(PackagedAppConfiguration.class)
class GraphQLOverHttpAuditIT {

    private static final int PORT = 8092;
    private static final Path RUNNER_SOURCES = Path.of("src", "native-test", "graphql-http-audit");
    private static final Path RUNNER = Path.of("target", "graphql-http-audit");

    @Test
    void everyGraphQLOverHttpAuditPasses() throws Exception {
        Assumptions.assumeTrue(found("node") && found("npm"),
                "GraphQL-over-HTTP audit skipped: it needs Node.js 18 or later and npm on the PATH");
        installRunner();
        List<JsonObject> results;
        try (SecondReplica server = new SecondReplica(PORT, Map.of("GRAPHQL_FIELD_VISIBILITY", "default")).start()) {
            results = audit("http://localhost:" + PORT + "/graphql", Tokens.forUser(UserIds.fresh("auditor")));
        }
        List<String> misses = new ArrayList<>();
        for (JsonObject result : results) {
            if (!"ok".equals(result.getString("status"))) {
                misses.add(result.getString("status") + " " + result.getString("id") + " " + result.getString("name")
                        + ": " + result.getString("reason"));
            }
        }
        System.out.printf("graphql-http audit: %d of %d passed%n", results.size() - misses.size(), results.size());
        assertEquals(61, results.size(), "graphql-http 1.23.1 has 61 server audits");
        assertTrue(misses.isEmpty(), "audits that do not pass:\n" + String.join("\n", misses));
    }

    private static void installRunner() throws IOException, InterruptedException {
        Files.createDirectories(RUNNER);
        for (String file : new String[] { "package.json", "audit.mjs" }) {
            Files.copy(RUNNER_SOURCES.resolve(file), RUNNER.resolve(file), StandardCopyOption.REPLACE_EXISTING);
        }
        if (!Files.isDirectory(RUNNER.resolve("node_modules").resolve("graphql-http"))) {
            run(List.of("npm", "install", "--no-audit", "--no-fund", "--no-package-lock", "--loglevel=error"), Map.of());
        }
    }

    private static List<JsonObject> audit(String url, String token) throws IOException, InterruptedException {
        List<JsonObject> results = new ArrayList<>();
        for (String line : run(List.of("node", "audit.mjs"), Map.of("GRAPHQL_URL", url, "GRAPHQL_TOKEN", token))) {
            if (line.startsWith("{")) {
                results.add(new JsonObject(line));
            }
        }
        return results;
    }

    private static List<String> run(List<String> command, Map<String, String> environment)
            throws IOException, InterruptedException {
        Path output = RUNNER.resolve("output.log");
        ProcessBuilder builder = new ProcessBuilder(command).directory(RUNNER.toFile()).redirectErrorStream(true)
                .redirectOutput(output.toFile());
        builder.environment().putAll(environment);
        Process process = builder.start();
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " did not finish within 5 minutes");
        }
        List<String> lines = Files.readAllLines(output);
        assertEquals(0, process.exitValue(), String.join(" ", command) + " failed:\n" + String.join("\n", lines));
        return lines;
    }

    private static boolean found(String program) {
        try {
            return new ProcessBuilder(program, "--version").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor(30, TimeUnit.SECONDS);
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
