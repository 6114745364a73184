package dev.offlinefirst.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;

import dev.offlinefirst.server.support.Tokens;
import dev.offlinefirst.server.support.UserIds;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.vertx.core.json.JsonObject;

/**
 * The very first requests of a fresh process arrive at once on every event loop, where SmallRye builds
 * its GraphQL instance more than once: each of them must be validated against one schema (a race here
 * once failed a document with "MessageInput! used in position expecting MessageInput!" and kept
 * failing it from SmallRye's document cache).
 */
@QuarkusIntegrationTest
@QuarkusTestResource(PackagedAppConfiguration.class)
class FirstRequestsIT {

    private static final int PORT = 8098;
    private static final String SEND = "mutation($i: MessageInput!) { sendMessage(input: $i) { messageId } }";

    @Test
    void concurrentFirstRequestsAreAllValidatedAlike() throws Exception {
        String token = Tokens.forUser(UserIds.fresh("alice"));
        HttpClient http = HttpClient.newHttpClient();
        try (SecondReplica fresh = new SecondReplica(PORT).start()) {
            List<CompletableFuture<String>> answers = new ArrayList<>();
            for (int i = 0; i < 32; i++) {
                JsonObject body = new JsonObject().put("query", SEND).put("variables", new JsonObject().put("i",
                        new JsonObject().put("clientId", "m-" + i).put("roomId", "no-such-room").put("content", "hi")));
                answers.add(http.sendAsync(HttpRequest.newBuilder(URI.create("http://localhost:" + PORT + "/graphql"))
                        .timeout(Duration.ofSeconds(20)).header("Authorization", "Bearer " + token)
                        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body.encode()))
                        .build(), HttpResponse.BodyHandlers.ofString()).thenApply(HttpResponse::body));
            }
            for (CompletableFuture<String> answer : answers) {
                JsonObject error = new JsonObject(answer.get()).getJsonArray("errors").getJsonObject(0);
                assertEquals("NOT_FOUND", error.getJsonObject("extensions").getString("code"), error.encode());
            }
        }
    }
}
