package dev.offlinefirst.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import dev.offlinefirst.server.support.Tokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.vertx.core.json.JsonObject;

/**
 * RxDB itself (its {@code replicateGraphQL} plugin, the plain configuration of docs/replication.md)
 * against the packaged application: two devices of one user and a friend's device replicate messages,
 * posts and profiles live through offline writes, disjoint profile edits, a refused row, a removal
 * from a room, an unfriending and pruning. The scenario and its pinned packages are in
 * {@code src/native-test/rxdb-replication}; it prints one line per check. Skipped, with a message, on a
 * machine without Node.js and npm.
 */
@QuarkusIntegrationTest
@QuarkusTestResource(PackagedAppConfiguration.class)
class ReplicationWithRxdbIT {

    private static final int PORT = 8097;

    @Test
    void rxdbDevicesReplicateEveryCaseOfTheContract() throws Exception {
        Assumptions.assumeTrue(NodeRunner.available(), "RxDB replication skipped: it needs Node.js 18 or later and npm on the PATH");
        NodeRunner runner = new NodeRunner("rxdb-replication").install("rxdb", "package.json", "scenario.mjs");
        String run = Long.toString(System.nanoTime(), 36);
        List<JsonObject> checks = new ArrayList<>();
        // Pruning every second with a retention of one second: the scenario's returning device meets a pruned log.
        try (SecondReplica server = new SecondReplica(PORT, Map.of("CHANGES_RETENTION", "PT1S", "CHANGES_PRUNE_EVERY", "1s")).start()) {
            for (String line : runner.run(List.of("node", "scenario.mjs"), Map.of(
                    "GRAPHQL_URL", "http://127.0.0.1:" + PORT + "/graphql",
                    "SIGNING_KEY", Path.of("src/test/resources/keys/test-private.pem").toAbsolutePath().toString(),
                    "ISSUER", Tokens.ISSUER,
                    "RUN", run))) {
                if (line.startsWith("{\"check\"")) {
                    checks.add(new JsonObject(line));
                }
            }
            // The post edited twice while bob was away kept one log row: pruning did run before he came back.
            assertEquals(1.0, PackagedApps.number("SELECT count(*) FROM change_log WHERE entity_id = ?", "alice-" + run + "/p1"));
        }
        List<String> failed = checks.stream().filter(check -> !check.getBoolean("ok")).map(JsonObject::encode).toList();
        checks.forEach(check -> System.out.println("rxdb: " + check.getString("check") + " " + check.getValue("detail")));
        assertEquals(14, checks.size(), () -> "checks run: " + checks);
        assertTrue(failed.isEmpty(), () -> "checks that failed:\n" + String.join("\n", failed));
    }
}
