package dev.offlinefirst.server.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import dev.offlinefirst.server.support.Tokens;
import io.vertx.core.json.JsonObject;

/** A lean GraphQL client for benchmarks (the JDK's HttpClient), so the numbers are mostly the server's. */
final class BenchClient {

    private final HttpClient http = HttpClient.newHttpClient();
    private final URI endpoint;
    private final String authorization;

    BenchClient(URI endpoint, String userId) {
        this.endpoint = endpoint;
        this.authorization = "Bearer " + Tokens.forUser(userId);
    }

    /** Executes a document and fails on any GraphQL error. */
    JsonObject run(String document, Map<String, Object> variables) {
        String body = new JsonObject().put("query", document).put("variables", new JsonObject(variables)).encode();
        HttpRequest request = HttpRequest.newBuilder(endpoint)
                .header("Authorization", authorization)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        try {
            JsonObject response = new JsonObject(http.send(request, HttpResponse.BodyHandlers.ofString()).body());
            if (response.containsKey("errors")) {
                throw new IllegalStateException("GraphQL errors: " + response.getJsonArray("errors"));
            }
            return response.getJsonObject("data");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
