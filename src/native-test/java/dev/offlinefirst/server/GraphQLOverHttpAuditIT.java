package dev.offlinefirst.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

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

    @Test
    void everyGraphQLOverHttpAuditPasses() throws Exception {
        Assumptions.assumeTrue(NodeRunner.available(),
                "GraphQL-over-HTTP audit skipped: it needs Node.js 18 or later and npm on the PATH");
        NodeRunner runner = new NodeRunner("graphql-http-audit").install("graphql-http", "package.json", "audit.mjs");
        List<JsonObject> results = new ArrayList<>();
        try (SecondReplica server = new SecondReplica(PORT, Map.of("GRAPHQL_FIELD_VISIBILITY", "default")).start()) {
            for (String line : runner.run(List.of("node", "audit.mjs"), Map.of("GRAPHQL_URL", "http://localhost:" + PORT + "/graphql",
                    "GRAPHQL_TOKEN", Tokens.forUser(UserIds.fresh("auditor"))))) {
                if (line.startsWith("{")) {
                    results.add(new JsonObject(line));
                }
            }
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
}
