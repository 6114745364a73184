package dev.offlinefirst.server.support;

import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;

/** A minimal {@code graphql-transport-ws} client for tests: every frame it receives lands in a queue. */
public final class GraphQLWebSocket implements AutoCloseable {

    public static final String PROTOCOL = "graphql-transport-ws";

    private final HttpClient client;
    private final WebSocket socket;
    private final BlockingQueue<JsonObject> received = new LinkedBlockingQueue<>();
    private final CompletableFuture<Short> closed = new CompletableFuture<>();

    private GraphQLWebSocket(HttpClient client, WebSocket socket) {
        this.client = client;
        this.socket = socket;
        socket.textMessageHandler(text -> received.add(new JsonObject(text)));
        socket.closeHandler(ignored -> closed.complete(socket.closeStatusCode()));
    }

    public static GraphQLWebSocket connect(Vertx vertx, URI graphqlEndpoint) throws Exception {
        HttpClient client = vertx.createHttpClient();
        WebSocketConnectOptions options = new WebSocketConnectOptions()
                .setHost(graphqlEndpoint.getHost())
                .setPort(graphqlEndpoint.getPort())
                .setURI(graphqlEndpoint.getPath())
                .addSubProtocol(PROTOCOL);
        WebSocket socket = client.webSocket(options).toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
        return new GraphQLWebSocket(client, socket);
    }

    /** A socket of {@code userId}'s, acknowledged, with one live subscription (proved live by {@code probe}). */
    public static GraphQLWebSocket following(Vertx vertx, URI graphqlEndpoint, String userId, String query,
            JsonObject variables, Runnable probe) throws Exception {
        GraphQLWebSocket socket = connect(vertx, graphqlEndpoint);
        socket.init(Tokens.forUser(userId));
        JsonObject ack = socket.nextOfInterest(Duration.ofSeconds(5));
        if (ack == null || !"connection_ack".equals(ack.getString("type"))) {
            socket.close();
            throw new AssertionError("no connection_ack but " + ack);
        }
        socket.subscribe("1", query, variables);
        socket.awaitLive(probe);
        return socket;
    }

    /**
     * The {@code extensions.code} of the error frame that ends each subscription, by subscription id,
     * once {@code count} of them ended; data frames before them (late probes) are skipped.
     */
    public Map<String, String> endings(int count, Duration within) throws InterruptedException {
        Map<String, String> endings = new HashMap<>();
        long deadline = System.nanoTime() + within.toNanos();
        while (endings.size() < count && System.nanoTime() < deadline) {
            JsonObject frame = nextOfInterest(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
            if (frame != null && "next".equals(frame.getString("type")) && frame.getJsonObject("payload").containsKey("errors")) {
                JsonObject payload = frame.getJsonObject("payload");
                if (!payload.containsKey("data") || payload.getValue("data") != null) {
                    throw new AssertionError("a stream's error frame must carry data: null, not " + frame.encode());
                }
                endings.put(frame.getString("id"), frame.getJsonObject("payload").getJsonArray("errors").getJsonObject(0)
                        .getJsonObject("extensions").getString("code"));
            }
        }
        return endings;
    }

    /** Fails if a data frame arrives before the socket stays quiet for {@code quiet}. */
    public void assertNothingMoreDelivered(Duration quiet) throws InterruptedException {
        for (JsonObject frame = nextOfInterest(quiet); frame != null; frame = nextOfInterest(quiet)) {
            if ("next".equals(frame.getString("type"))) {
                throw new AssertionError("still delivering: " + frame);
            }
        }
    }

    /** Sends {@code connection_init}, with {@code Authorization: Bearer <token>} unless the token is null. */
    public void init(String token) {
        JsonObject init = new JsonObject().put("type", "connection_init");
        if (token != null) {
            init.put("payload", new JsonObject().put("Authorization", "Bearer " + token));
        }
        socket.writeTextMessage(init.encode());
    }

    /** Sends {@code connection_init} with the token as {@code headers.Authorization}, as RxDB's plugin does. */
    public void initWithHeaders(String token) {
        socket.writeTextMessage(new JsonObject().put("type", "connection_init").put("payload",
                new JsonObject().put("headers", new JsonObject().put("Authorization", "Bearer " + token))).encode());
    }

    public void subscribe(String id, String query, JsonObject variables) {
        socket.writeTextMessage(new JsonObject().put("id", id).put("type", "subscribe")
                .put("payload", new JsonObject().put("query", query).put("variables", variables)).encode());
    }

    /** The next frame, or null when none arrives in time. */
    public JsonObject next(Duration timeout) throws InterruptedException {
        return received.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The next frame whose type is not {@code ping}/{@code pong}, or null. */
    public JsonObject nextOfInterest(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            JsonObject frame = next(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
            if (frame == null || !frame.getString("type", "").matches("ping|pong")) {
                return frame;
            }
        }
    }

    /**
     * Returns once the subscription just sent delivers: the protocol sends no frame when a subscription
     * starts, so a fixed pause races the server on a busy machine. {@code probe} makes the server publish
     * something this subscription receives (a message, an operation); it runs again each second until a
     * frame arrives, and late frames of earlier probes are drained so the caller sees only what follows.
     */
    public void awaitLive(Runnable probe) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            probe.run();
            if (nextOfInterest(Duration.ofSeconds(1)) != null) {
                while (nextOfInterest(Duration.ofMillis(300)) != null) {
                    // a frame of an earlier probe, arriving late
                }
                return;
            }
        }
        throw new AssertionError("the subscription never delivered a probe");
    }

    /** The close code, or null when the socket is still open after the timeout. */
    public Short awaitClose(Duration timeout) {
        try {
            return closed.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            return null;
        }
    }

    /** Stops reading the socket, as a phone whose app froze: the server's frames pile up in front of it. */
    public void stopReading() {
        socket.pause();
    }

    /** Reads again after {@link #stopReading()}: what the server sent meanwhile, and its close if it closed. */
    public void resumeReading() {
        socket.resume();
    }

    @Override
    public void close() {
        socket.close();
        client.close();
    }
}
