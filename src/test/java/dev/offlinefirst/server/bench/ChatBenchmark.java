package dev.offlinefirst.server.bench;

import static dev.offlinefirst.server.support.Chat.PAGE;
import static dev.offlinefirst.server.support.Chat.SEND;
import static dev.offlinefirst.server.support.Chat.SEND_MANY;
import static dev.offlinefirst.server.support.Chat.message;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import dev.offlinefirst.server.support.Chat;
import dev.offlinefirst.server.support.GraphQLWebSocket;
import dev.offlinefirst.server.support.SqlStatements;
import dev.offlinefirst.server.support.Tokens;
import dev.offlinefirst.server.support.UserIds;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

/**
 * Chat latencies over HTTP and the websocket, against the real database, one client at a time.
 * Run: {@code ./mvnw test -Dgroups=benchmark -DexcludedTestGroups= -Dtest=ChatBenchmark}.
 */
@Tag("benchmark")
@QuarkusTest
class ChatBenchmark {

    @TestHTTPResource("/graphql")
    URI endpoint;

    @Inject
    Vertx vertx;

    @Test
    void chat() throws Exception {
        String alice = UserIds.fresh("alice");
        String bob = UserIds.fresh("bob");
        Chat.users(alice, bob);
        String roomId = Chat.room(alice, bob);
        BenchClient asAlice = new BenchClient(endpoint, alice);
        AtomicInteger sequence = new AtomicInteger();

        Stopwatch.measure("sendMessage", 50, 300, () -> asAlice.run(SEND,
                Map.of("input", message("single-" + sequence.incrementAndGet(), roomId, "hello"))));
        Stopwatch.measure("me (profile read)", 200, 300, () -> asAlice.run("{ me { userId } }", Map.of()));

        Stopwatch.measure("sendMessages (1000 messages)", 2, 10, () -> {
            int batch = sequence.incrementAndGet();
            List<Map<String, Object>> inputs = new ArrayList<>();
            for (int i = 0; i < 1_000; i++) {
                inputs.add(message("batch-" + batch + "-" + i, roomId, "message " + i));
            }
            asAlice.run(SEND_MANY, Map.of("inputs", inputs));
        });

        Stopwatch.measure("messages page of 50 with senders", 200, 300,
                () -> asAlice.run(PAGE, Map.of("roomId", roomId, "first", 50)));
        System.out.printf("BENCH %-42s %d statements%n", "messages page of 50 with senders",
                SqlStatements.during(() -> asAlice.run(PAGE, Map.of("roomId", roomId, "first", 50))));

        try (GraphQLWebSocket socket = GraphQLWebSocket.connect(vertx, endpoint)) {
            socket.init(Tokens.forUser(bob));
            socket.nextOfInterest(Duration.ofSeconds(1));
            socket.subscribe("1", "subscription($r: ID!) { roomMessages(roomId: $r) { messageId } }",
                    new JsonObject().put("r", roomId));
            Thread.sleep(300);
            List<Double> delivery = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                long start = System.nanoTime();
                asAlice.run(SEND, Map.of("input", message("live-" + i, roomId, "live")));
                JsonObject frame = socket.nextOfInterest(Duration.ofSeconds(2));
                if (frame != null && i >= 20) {
                    delivery.add((System.nanoTime() - start) / 1e6);
                }
            }
            Stopwatch.report("mutation sent -> subscriber received", delivery);
        }
    }
}
