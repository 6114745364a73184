package dev.offlinefirst.server.graphql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.offlinefirst.server.support.Chat;
import dev.offlinefirst.server.support.GraphQLWebSocket;
import dev.offlinefirst.server.support.TestUser;
import io.micrometer.core.instrument.Metrics;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

/**
 * A subscriber that stops reading its socket is disconnected once the socket holds more than the limit
 * (256 KiB in the test profile), while the other devices keep their stream and writes keep being
 * answered. This also proves the workaround still finds each subscription's socket (see
 * {@link SlowSubscribers}): without it the slow socket is never closed.
 */
@QuarkusTest
class SlowSubscribersTest {

    private static final String FOLLOW = "subscription($roomId: ID!) { roomMessages(roomId: $roomId) { messageId content } }";

    @TestHTTPResource("/graphql")
    URI endpoint;

    @Inject
    Vertx vertx;

    @Test
    void aSubscriberThatStopsReadingIsDisconnectedAndTheOthersKeepTheirStream() throws Exception {
        TestUser alice = TestUser.create("alice");
        TestUser bob = TestUser.create("bob");
        String room = Chat.room(alice.id(), bob.id());
        Runnable probe = () -> alice.data(Chat.SEND, Map.of("input", Chat.message("probe-" + System.nanoTime(), room, "probe")));
        JsonObject variables = new JsonObject().put("roomId", room);
        double closedBefore = closed();
        try (GraphQLWebSocket slow = GraphQLWebSocket.following(vertx, endpoint, bob.id(), FOLLOW, variables, probe);
                GraphQLWebSocket healthy = GraphQLWebSocket.following(vertx, endpoint, bob.id(), FOLLOW, variables, probe)) {
            slow.stopReading();
            String content = "x".repeat(5_000);
            for (int batch = 0; batch < 40 && closed() == closedBefore; batch++) {
                List<Map<String, Object>> messages = new ArrayList<>();
                for (int i = 0; i < 200; i++) {
                    messages.add(Chat.message("bulk-" + batch + "-" + i, room, content));
                }
                // every write is still answered while the slow socket fills
                assertEquals(200, alice.data(Chat.SEND_MANY, Map.of("inputs", messages)).getList("sendMessages").size());
                while (healthy.nextOfInterest(Duration.ofMillis(20)) != null) {
                    // the healthy device reads what it gets
                }
            }
            assertTrue(closed() > closedBefore, "the socket that stopped reading was never closed");
            // the client reads again and finds its connection closed (the close frame may be cut with the
            // data queued before it: 1006 then)
            slow.resumeReading();
            Short code = slow.awaitClose(Duration.ofSeconds(10));
            assertNotNull(code, "the slow client never learned that it was disconnected");
            assertTrue(code == SlowSubscribers.TRY_AGAIN_LATER || code == 1006, "close code " + code);
            alice.data(Chat.SEND, Map.of("input", Chat.message("after", room, "still live")));
            JsonObject frame;
            do {
                frame = healthy.nextOfInterest(Duration.ofSeconds(5));
            } while (frame != null && !frame.encode().contains("still live"));
            assertNotNull(frame, "the healthy device lost its stream");
        }
    }

    private static double closed() {
        var counter = Metrics.globalRegistry.find(SlowSubscribers.CLOSED).counter();
        return counter == null ? 0 : counter.count();
    }
}
