package dev.offlinefirst.server;

import static dev.offlinefirst.server.PackagedApps.graphql;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import dev.offlinefirst.server.support.Tokens;
import dev.offlinefirst.server.support.UserIds;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.vertx.core.json.JsonObject;

/**
 * {@code kill -9} of a replica in the middle of a write load loses no acknowledged write: every message
 * that got an answer is stored exactly once, and replaying every write (answered or not) after the
 * restart stores each message once.
 */
@QuarkusIntegrationTest
@QuarkusTestResource(PackagedAppConfiguration.class)
class KillDuringWritesIT {

    private static final int PORT = 8095;
    private static final int WRITERS = 8;
    private static final String SEND = "mutation($i: MessageInput!) { sendMessage(input: $i) { messageId } }";

    @Test
    void noAcknowledgedWriteIsLostAndReplaysMakeNoDuplicates() throws Exception {
        String alice = UserIds.fresh("alice");
        String token = Tokens.forUser(alice);
        String roomId = alice + "-room";
        Set<String> attempted = ConcurrentHashMap.newKeySet();
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

        SecondReplica replica = new SecondReplica(PORT).start();
        try {
            graphql(PORT, alice, "mutation($r: RoomInput!) { createRoom(input: $r) { roomId } }", Map.of("r", Map.of("roomId", roomId)));
            AtomicBoolean writing = new AtomicBoolean(true);
            AtomicInteger next = new AtomicInteger();
            ExecutorService writers = Executors.newFixedThreadPool(WRITERS);
            for (int w = 0; w < WRITERS; w++) {
                writers.submit(() -> {
                    while (writing.get()) {
                        String clientId = "w-" + next.incrementAndGet();
                        attempted.add(clientId);
                        if (send(http, token, roomId, clientId)) {
                            acknowledged.add(clientId);
                        }
                    }
                    return null;
                });
            }
            while (acknowledged.size() < 300) {
                Thread.sleep(10);
            }
            replica.kill();
            writing.set(false);
            writers.shutdown();
            assertTrue(writers.awaitTermination(30, TimeUnit.SECONDS), "writers did not stop");

            assertEquals(Set.of(), missing(alice, acknowledged), "acknowledged writes were lost");
            long storedBeforeReplay = stored(alice);

            replica = new SecondReplica(PORT).start();
            for (String clientId : attempted) {
                assertTrue(send(http, token, roomId, clientId), "replaying " + clientId + " failed");
            }
            long duplicates = (long) PackagedApps.number("""
                    SELECT count(*) - count(DISTINCT message_id) FROM chat_messages WHERE sender_id = ?""", alice);
            assertEquals(0, duplicates);
            assertEquals(attempted.size(), stored(alice), "a replay made a second row or lost one");
            System.out.printf("KillDuringWritesIT: %d writes sent, %d acknowledged before kill -9, all %d found once;"
                    + " %d stored at the kill (answered or not); after replaying all %d: %d rows, %d duplicates%n",
                    attempted.size(), acknowledged.size(), acknowledged.size(), storedBeforeReplay, attempted.size(),
                    stored(alice), duplicates);
        } finally {
            replica.close();
        }
    }

    private static boolean send(HttpClient http, String token, String roomId, String clientId) {
        JsonObject body = new JsonObject().put("query", SEND).put("variables", new JsonObject()
                .put("i", new JsonObject().put("clientId", clientId).put("roomId", roomId).put("content", "message " + clientId)));
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + PORT + "/graphql"))
                    .timeout(Duration.ofSeconds(10))
                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body.encode())).build(), HttpResponse.BodyHandlers.ofString());
            JsonObject answer = new JsonObject(response.body());
            return response.statusCode() == 200 && answer.getJsonArray("errors") == null
                    && clientId.equals(answer.getJsonObject("data").getJsonObject("sendMessage").getString("messageId"));
        } catch (Exception e) {
            return false;
        }
    }

    private static Set<String> missing(String senderId, Set<String> acknowledged) throws Exception {
        Set<String> missing = ConcurrentHashMap.newKeySet();
        for (String clientId : List.copyOf(acknowledged)) {
            if (PackagedApps.number("SELECT count(*) FROM chat_messages WHERE sender_id = ? AND message_id = ?",
                    senderId, clientId) != 1) {
                missing.add(clientId);
            }
        }
        return missing;
    }

    private static long stored(String senderId) throws Exception {
        return (long) PackagedApps.number("SELECT count(*) FROM chat_messages WHERE sender_id = ?", senderId);
    }
}
