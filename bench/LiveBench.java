import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The LIVE workload: opens SUBSCRIPTIONS {@code roomMessages} streams over graphql-transport-ws (user-i
 * follows room-(i/10), the room the data set puts them in), then sends RATE messages per second through
 * {@code sendMessage}, one room after another, and measures for every frame the time from the
 * mutation's response to the frame's arrival. Only the JDK is needed:
 * {@code java bench/LiveBench.java PORT TOKENS SUBSCRIPTIONS RATE WARMUP_S MEASURE_S}.
 * Prints {@code RESULT rps=… p50=… p99=… errors=… requests=…} like the wrk script (rps: frames per second).
 */
public class LiveBench {

    private static final AtomicInteger COMPLETED = new AtomicInteger();

    private static final Pattern MESSAGE_ID = Pattern.compile("\"messageId\"\\s*:\\s*\"([^\"]+)\"");

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        List<String> tokens = Files.readAllLines(Path.of(args[1]));
        int subscriptions = Integer.parseInt(args[2]);
        int rate = Integer.parseInt(args[3]);
        int warmup = Integer.parseInt(args[4]);
        int measure = Integer.parseInt(args[5]);
        int rooms = (subscriptions + 9) / 10;

        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        Map<String, List<Long>> arrivals = new ConcurrentHashMap<>();
        AtomicInteger errors = new AtomicInteger();
        CountDownLatch acked = new CountDownLatch(subscriptions);
        List<WebSocket> sockets = new ArrayList<>();
        for (int user = 0; user < subscriptions; user++) {
            String roomId = "room-" + (user / 10);
            Follower follower = new Follower(roomId, tokens.get(user), arrivals, errors, acked);
            sockets.add(http.newWebSocketBuilder().subprotocols("graphql-transport-ws")
                    .buildAsync(URI.create("ws://127.0.0.1:" + port + "/graphql"), follower).get(10, TimeUnit.SECONDS));
        }
        if (!acked.await(60, TimeUnit.SECONDS)) {
            throw new IllegalStateException(acked.getCount() + " subscriptions were never acknowledged");
        }
        Thread.sleep(2_000); // the subscribe frames are processed after the ack

        Map<String, Long> responded = new ConcurrentHashMap<>();
        ConcurrentLinkedQueue<String> measured = new ConcurrentLinkedQueue<>();
        long start = System.nanoTime();
        long measureFrom = start + TimeUnit.SECONDS.toNanos(warmup);
        long end = measureFrom + TimeUnit.SECONDS.toNanos(measure);
        long intervalNanos = TimeUnit.SECONDS.toNanos(1) / rate;
        List<CompletableFuture<?>> inFlight = new ArrayList<>();
        for (int n = 0; System.nanoTime() < end; n++) {
            long due = start + n * intervalNanos;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            int room = n % rooms;
            String messageId = "live-" + start + "-" + n;
            boolean counted = System.nanoTime() >= measureFrom;
            String body = "{\"query\":\"mutation { sendMessage(input: {clientId: \\\"" + messageId + "\\\", roomId: \\\"room-" + room
                    + "\\\", content: \\\"live\\\"}) { messageId } }\"}";
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/graphql"))
                    .header("Content-Type", "application/json").header("Authorization", "Bearer " + tokens.get(room * 10))
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build();
            inFlight.add(http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).thenAccept(response -> {
                long at = System.nanoTime();
                if (response.statusCode() != 200 || response.body().contains("\"errors\"")) {
                    errors.incrementAndGet();
                } else if (counted) {
                    responded.put(messageId, at);
                    measured.add(messageId);
                }
            }));
        }
        CompletableFuture.allOf(inFlight.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
        Thread.sleep(2_000); // the last frames
        sockets.forEach(socket -> socket.sendClose(WebSocket.NORMAL_CLOSURE, "done"));

        List<Long> latencies = new ArrayList<>();
        int expectedFrames = 0;
        List<String> incomplete = new ArrayList<>();
        for (String messageId : measured) {
            expectedFrames += 10;
            int got = arrivals.getOrDefault(messageId, List.of()).size();
            if (got != 10 && incomplete.size() < 10) {
                incomplete.add(messageId.substring(messageId.lastIndexOf('-') + 1) + " (" + got + ")");
            }
            for (long arrival : arrivals.getOrDefault(messageId, List.of())) {
                latencies.add(Math.max(0, arrival - responded.get(messageId)));
            }
        }
        latencies.sort(null);
        int lost = expectedFrames - latencies.size();
        System.out.printf("frames %d of %d expected, %d subscriptions, %d messages/s%s%n", latencies.size(), expectedFrames,
                subscriptions, rate, (incomplete.isEmpty() ? "" : "; incomplete (message number, frames): " + incomplete)
                        + (COMPLETED.get() == 0 ? "" : "; streams the server ended: " + COMPLETED.get()));
        System.out.printf("RESULT rps=%.0f p50=%.1f p99=%.1f errors=%d requests=%d%n", latencies.size() / (double) measure,
                percentile(latencies, 0.50), percentile(latencies, 0.99), errors.get() + Math.max(0, lost), measured.size());
        System.exit(0);
    }

    private static double percentile(List<Long> sorted, double p) {
        return sorted.isEmpty() ? 0 : sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p * sorted.size()) - 1)) / 1e6;
    }

    /** One subscriber: init, subscribe after the ack, and the arrival time of every message frame. */
    private static final class Follower implements WebSocket.Listener {

        private final String roomId;
        private final String token;
        private final Map<String, List<Long>> arrivals;
        private final AtomicInteger errors;
        private final CountDownLatch acked;
        private final StringBuilder partial = new StringBuilder();
        /** A WebSocket refuses a send while the previous one is still in progress, so sends are chained. */
        private CompletableFuture<WebSocket> sending = null;

        Follower(String roomId, String token, Map<String, List<Long>> arrivals, AtomicInteger errors, CountDownLatch acked) {
            this.roomId = roomId;
            this.token = token;
            this.arrivals = arrivals;
            this.errors = errors;
            this.acked = acked;
        }

        @Override
        public void onOpen(WebSocket socket) {
            send(socket, "{\"type\":\"connection_init\",\"payload\":{\"Authorization\":\"Bearer " + token + "\"}}");
            socket.request(1);
        }

        private synchronized void send(WebSocket socket, String text) {
            sending = sending == null ? socket.sendText(text, true) : sending.thenCompose(ws -> ws.sendText(text, true));
            sending.exceptionally(failure -> {
                if (!text.contains("pong")) { // a pong racing the close at the end is no loss
                    System.err.println("cannot send " + text.substring(0, Math.min(40, text.length())) + ": " + failure);
                }
                return null;
            });
        }

        @Override
        public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
            long at = System.nanoTime();
            partial.append(data);
            if (last) {
                String frame = partial.toString();
                partial.setLength(0);
                if (frame.contains("\"connection_ack\"")) {
                    send(socket, "{\"id\":\"1\",\"type\":\"subscribe\",\"payload\":{\"query\":\"subscription { roomMessages(roomId: \\\""
                            + roomId + "\\\") { messageId } }\"}}");
                    acked.countDown();
                } else if (frame.contains("\"complete\"")) {
                    COMPLETED.incrementAndGet();
                } else if (frame.contains("\"ping\"")) {
                    send(socket, "{\"type\":\"pong\"}");
                } else if (frame.contains("\"errors\"") || frame.contains("\"error\"")) {
                    errors.incrementAndGet();
                } else {
                    Matcher id = MESSAGE_ID.matcher(frame);
                    if (id.find()) {
                        arrivals.computeIfAbsent(id.group(1), ignored -> Collections.synchronizedList(new ArrayList<>())).add(at);
                    }
                }
            }
            socket.request(1);
            return null;
        }
    }
}
