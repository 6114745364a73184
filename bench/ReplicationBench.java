import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The replication workloads, with the JDK only.
 * <ul>
 * <li>{@code boot PORT TOKEN WARMUP_S ROUNDS}: a fresh device pulls its whole Messages and Posts
 * collections (limit 1000, until a batch holds fewer), again and again for the warm-up, then ROUNDS
 * measured times. Prints {@code RESULT rps=<documents per second> p50=<ms per boot> p99=… errors=…
 * requests=<documents per boot>}.</li>
 * <li>{@code stream PORT TOKENS DEVICES RATE WARMUP_S MEASURE_S APP_PID}: DEVICES devices (user-i), each
 * one websocket following streamMessages, streamPosts and streamProfiles; RATE messages a second are sent
 * into the rooms of the data set (10 members each, all devices when DEVICES is a multiple of 10), and
 * for every message the time from the mutation's response to each member's frame holding it is
 * measured. Prints {@code RESULT rps=<frames per second> p50=… p99=… errors=<frames lost + errors>
 * requests=<messages>} and the server's resident memory per device.</li>
 * </ul>
 */
public class ReplicationBench {

    private static final Pattern CURSOR = Pattern.compile("\"cursor\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern DOCUMENT_ID = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern LIVE_ID = Pattern.compile("\"id\"\\s*:\\s*\"[^\"/]+/(live-[^\"]+)\"");

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    public static void main(String[] args) throws Exception {
        if (args[0].equals("boot")) {
            boot(Integer.parseInt(args[1]), args[2], Integer.parseInt(args[3]), Integer.parseInt(args[4]));
        } else if (args[0].equals("changes")) {
            changes(Integer.parseInt(args[1]), args[2], Integer.parseInt(args[3]), Integer.parseInt(args[4]),
                    args.length > 5 ? args[5] : null);
        } else {
            stream(Integer.parseInt(args[1]), Files.readAllLines(Path.of(args[2])), Integer.parseInt(args[3]),
                    Integer.parseInt(args[4]), Integer.parseInt(args[5]), Integer.parseInt(args[6]), Long.parseLong(args[7]));
        }
        System.exit(0);
    }

    // --- BOOT ------------------------------------------------------------------------------------------

    private static void boot(int port, String token, int warmup, int rounds) throws Exception {
        long warmUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(warmup);
        int documents = 0;
        while (System.nanoTime() < warmUntil) {
            documents = bootOnce(port, token);
        }
        List<Long> times = new ArrayList<>();
        for (int i = 0; i < rounds; i++) {
            long start = System.nanoTime();
            documents = bootOnce(port, token);
            times.add(System.nanoTime() - start);
        }
        times.sort(null);
        double seconds = times.stream().mapToLong(Long::longValue).sum() / 1e9;
        System.out.printf("RESULT rps=%.0f p50=%.1f p99=%.1f errors=0 requests=%d%n", documents * rounds / seconds,
                percentile(times, 0.5), percentile(times, 0.99), documents);
    }

    /**
     * One fresh device's first sync of Messages and Posts; answers how many distinct documents it got
     * (a relation change read after the documents it brought sends them again: see docs/replication.md).
     */
    private static int bootOnce(int port, String token) throws Exception {
        java.util.Set<String> documents = new java.util.HashSet<>();
        for (String collection : List.of("Messages", "Posts")) {
            String checkpoint = null;
            while (true) {
                String variables = checkpoint == null ? "{\"limit\": 1000}" : "{\"limit\": 1000, \"checkpoint\": {\"cursor\": \"" + checkpoint + "\"}}";
                String body = post(port, token, "query($checkpoint: CheckpointInput, $limit: Int!) { pull" + collection
                        + "(checkpoint: $checkpoint, limit: $limit) { documents { id deleted } checkpoint { cursor } } }", variables);
                int count = 0;
                for (Matcher id = DOCUMENT_ID.matcher(body); id.find();) {
                    count++;
                    documents.add(id.group(1));
                }
                Matcher cursor = CURSOR.matcher(body);
                if (cursor.find()) {
                    checkpoint = cursor.group(1);
                }
                if (count < 1000) {
                    break;
                }
            }
        }
        return documents.size();
    }

    /**
     * {@code changes PORT TOKEN WARMUP_S ROUNDS [ENTITY]}: a fresh device reads delta sync from the start
     * until hasMore is false (limit 1000), with or without an entity filter; changes per second and the
     * time of one whole read.
     */
    private static void changes(int port, String token, int warmup, int rounds, String entity) throws Exception {
        long warmUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(warmup);
        int read = 0;
        while (System.nanoTime() < warmUntil) {
            read = changesOnce(port, token, entity);
        }
        List<Long> times = new ArrayList<>();
        for (int i = 0; i < rounds; i++) {
            long start = System.nanoTime();
            read = changesOnce(port, token, entity);
            times.add(System.nanoTime() - start);
        }
        times.sort(null);
        double seconds = times.stream().mapToLong(Long::longValue).sum() / 1e9;
        System.out.printf("RESULT rps=%.0f p50=%.1f p99=%.1f errors=0 requests=%d%n", read * rounds / seconds,
                percentile(times, 0.5), percentile(times, 0.99), read);
    }

    private static int changesOnce(int port, String token, String entity) throws Exception {
        String since = null;
        int read = 0;
        while (true) {
            String variables = "{\"since\": " + (since == null ? "null" : "\"" + since + "\"")
                    + (entity == null ? "" : ", \"entities\": [\"" + entity + "\"]") + "}";
            String body = post(port, token, "query($since: String, $entities: [String]) { changes(since: $since, limit: 1000,"
                    + " entities: $entities) { cursor hasMore changes { entity id } } }", variables);
            for (Matcher id = DOCUMENT_ID.matcher(body); id.find();) {
                read++;
            }
            Matcher next = CURSOR.matcher(body);
            next.find();
            since = next.group(1);
            if (!body.contains("\"hasMore\":true")) {
                return read;
            }
        }
    }

    private static String post(int port, String token, String query, String variables) throws Exception {
        String body = "{\"query\": \"" + query.replace("\"", "\\\"") + "\", \"variables\": " + variables + "}";
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/graphql"))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200 || response.body().contains("\"errors\"")) {
            throw new IllegalStateException("pull failed: " + response.body());
        }
        return response.body();
    }

    // --- STREAM ----------------------------------------------------------------------------------------

    private static void stream(int port, List<String> tokens, int devices, int rate, int warmup, int measure, long appPid)
            throws Exception {
        long before = residentMiB(appPid);
        Map<String, List<Long>> arrivals = new ConcurrentHashMap<>();
        AtomicInteger errors = new AtomicInteger();
        CountDownLatch resynced = new CountDownLatch(devices * 3);
        List<WebSocket> sockets = Collections.synchronizedList(new ArrayList<>());
        Semaphore opening = new Semaphore(200);
        for (int user = 0; user < devices; user++) {
            opening.acquire();
            Device device = new Device(tokens.get(user), arrivals, errors, resynced);
            HTTP.newWebSocketBuilder().subprotocols("graphql-transport-ws")
                    .buildAsync(URI.create("ws://127.0.0.1:" + port + "/graphql"), device)
                    .whenComplete((socket, failure) -> {
                        opening.release();
                        if (failure != null) {
                            errors.incrementAndGet();
                        } else {
                            sockets.add(socket);
                        }
                    });
        }
        if (!resynced.await(300, TimeUnit.SECONDS)) {
            throw new IllegalStateException(resynced.getCount() + " streams never sent their first batch");
        }
        Thread.sleep(2_000);
        long connected = residentMiB(appPid);

        int rooms = devices / 10;
        Map<String, Long> responded = new ConcurrentHashMap<>();
        ConcurrentLinkedQueue<String> measured = new ConcurrentLinkedQueue<>();
        long start = System.nanoTime();
        long measureFrom = start + TimeUnit.SECONDS.toNanos(warmup);
        long end = measureFrom + TimeUnit.SECONDS.toNanos(measure);
        long intervalNanos = TimeUnit.SECONDS.toNanos(1) / rate;
        List<CompletableFuture<?>> inFlight = new ArrayList<>();
        for (int n = 0; System.nanoTime() < end; n++) {
            long wait = start + n * intervalNanos - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            int room = n % rooms;
            String messageId = "live-" + start + "-" + n;
            boolean counted = System.nanoTime() >= measureFrom;
            // As a client sends: one document, the values as variables (parsed and validated once).
            String body = "{\"query\":\"mutation($input: MessageInput!) { sendMessage(input: $input) { messageId } }\","
                    + "\"variables\":{\"input\":{\"clientId\":\"" + messageId + "\",\"roomId\":\"room-" + room + "\",\"content\":\"live\"}}}";
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/graphql"))
                    .header("Content-Type", "application/json").header("Authorization", "Bearer " + tokens.get(room * 10))
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build();
            inFlight.add(HTTP.sendAsync(request, HttpResponse.BodyHandlers.ofString()).thenAccept(response -> {
                long at = System.nanoTime();
                if (response.statusCode() != 200 || response.body().contains("\"errors\"")) {
                    errors.incrementAndGet();
                } else if (counted) {
                    responded.put(messageId, at);
                    measured.add(messageId);
                }
            }));
        }
        CompletableFuture.allOf(inFlight.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
        Thread.sleep(3_000); // the last frames
        long after = residentMiB(appPid);
        sockets.forEach(socket -> socket.sendClose(WebSocket.NORMAL_CLOSURE, "done"));

        List<Long> latencies = new ArrayList<>();
        int expected = 0;
        List<String> incomplete = new ArrayList<>();
        for (String messageId : measured) {
            expected += 10;
            List<Long> got = arrivals.getOrDefault(messageId, List.of());
            if (got.size() != 10 && incomplete.size() < 10) {
                incomplete.add(messageId.substring(messageId.lastIndexOf('-') + 1) + " (" + got.size() + " frames)");
            }
            for (long arrival : got) {
                latencies.add(Math.max(0, arrival - responded.get(messageId)));
            }
        }
        if (!incomplete.isEmpty()) {
            System.out.println("messages not seen by all 10 members (message number): " + incomplete + "; first measured: "
                    + measured.stream().mapToLong(id -> Long.parseLong(id.substring(id.lastIndexOf('-') + 1))).min().orElse(-1));
        }
        System.out.println("p50 by second of the measured writes: " + bySecond(measured, responded, arrivals));
        System.out.println("load generator CPU: " + ProcessHandle.current().info().totalCpuDuration().map(Duration::toMillis).orElse(-1L) + " ms");
        latencies.sort(null);
        int lost = expected - latencies.size();
        System.out.printf("devices %d (3 streams each), %d messages/s: frames %d of %d expected (%d lost); resident memory %d MiB"
                + " before the devices, %d MiB with them (%.1f KiB per device), %d MiB at the end%n", devices, rate,
                latencies.size(), expected, lost, before, connected, (connected - before) * 1024.0 / devices, after);
        System.out.printf("RESULT rps=%.0f p50=%.1f p99=%.1f errors=%d requests=%d%n", latencies.size() / (double) measure,
                percentile(latencies, 0.50), percentile(latencies, 0.99), errors.get() + Math.max(0, lost), measured.size());
    }

    /** The median write-to-frame latency of the writes answered in each second, to tell a backlog from noise. */
    private static String bySecond(Collection<String> measured, Map<String, Long> responded, Map<String, List<Long>> arrivals) {
        long first = measured.stream().mapToLong(responded::get).min().orElse(0);
        Map<Long, List<Long>> seconds = new TreeMap<>();
        for (String messageId : measured) {
            long answered = responded.get(messageId);
            for (long arrival : arrivals.getOrDefault(messageId, List.of())) {
                seconds.computeIfAbsent((answered - first) / 1_000_000_000L, s -> new ArrayList<>()).add(Math.max(0, arrival - answered));
            }
        }
        StringBuilder line = new StringBuilder();
        seconds.forEach((second, latencies) -> {
            latencies.sort(null);
            line.append(String.format("%d:%.0f ", second, percentile(latencies, 0.5)));
        });
        return line.toString().trim();
    }

    private static long residentMiB(long pid) throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
            }
        }
        return -1;
    }

    private static double percentile(List<Long> sorted, double p) {
        return sorted.isEmpty() ? 0 : sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p * sorted.size()) - 1)) / 1e6;
    }

    /** One device: init, three subscriptions after the ack, the arrival time of each message it is sent. */
    private static final class Device implements WebSocket.Listener {

        private static final String[] STREAMS = { "streamMessages", "streamPosts", "streamProfiles" };

        private final String token;
        private final Map<String, List<Long>> arrivals;
        private final AtomicInteger errors;
        private final CountDownLatch resynced;
        private final StringBuilder partial = new StringBuilder();
        private CompletableFuture<WebSocket> sending;

        Device(String token, Map<String, List<Long>> arrivals, AtomicInteger errors, CountDownLatch resynced) {
            this.token = token;
            this.arrivals = arrivals;
            this.errors = errors;
            this.resynced = resynced;
        }

        @Override
        public void onOpen(WebSocket socket) {
            send(socket, "{\"type\":\"connection_init\",\"payload\":{\"headers\":{\"Authorization\":\"Bearer " + token + "\"}}}");
            socket.request(1);
        }

        private synchronized void send(WebSocket socket, String text) {
            sending = sending == null ? socket.sendText(text, true) : sending.thenCompose(ws -> ws.sendText(text, true));
        }

        @Override
        public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
            long at = System.nanoTime();
            partial.append(data);
            if (last) {
                String frame = partial.toString();
                partial.setLength(0);
                if (frame.contains("\"connection_ack\"")) {
                    for (int i = 0; i < STREAMS.length; i++) {
                        send(socket, "{\"id\":\"" + i + "\",\"type\":\"subscribe\",\"payload\":{\"query\":\"subscription { "
                                + STREAMS[i] + " { documents { id deleted } checkpoint { cursor } resync } }\"}}");
                    }
                } else if (frame.contains("\"ping\"")) {
                    send(socket, "{\"type\":\"pong\"}");
                } else if (frame.contains("\"errors\"") || frame.contains("\"complete\"")) {
                    errors.incrementAndGet();
                } else if (frame.contains("\"resync\":true")) {
                    resynced.countDown();
                } else {
                    for (Matcher id = LIVE_ID.matcher(frame); id.find();) {
                        arrivals.computeIfAbsent(id.group(1), ignored -> Collections.synchronizedList(new ArrayList<>())).add(at);
                    }
                }
            }
            socket.request(1);
            return null;
        }
    }
}
