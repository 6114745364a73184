package dev.offlinefirst.server;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Another process of the packaged application (the JVM jar, or the native executable when that is what
 * was built) on its own port and the same database, configured like the one the test framework starts:
 * a second replica, for tests of what replicas share.
 */
final class SecondReplica implements AutoCloseable {

    private final int port;
    private final Map<String, String> extraSettings;
    private final List<String> jvmOptions;
    private final Path log;
    private Process process;

    SecondReplica(int port) {
        this(port, Map.of());
    }

    /** With {@code extraSettings} on top of the packaged app's usual ones. */
    SecondReplica(int port, Map<String, String> extraSettings) {
        this(port, extraSettings, List.of());
    }

    /** With {@code extraSettings}, and {@code jvmOptions} for the JVM (ignored by a native executable). */
    SecondReplica(int port, Map<String, String> extraSettings, List<String> jvmOptions) {
        this.port = port;
        this.extraSettings = extraSettings;
        this.jvmOptions = jvmOptions;
        this.log = Path.of("target", "second-replica-" + port + ".log");
    }

    int port() {
        return port;
    }

    /** Starts the process and waits until it is ready. */
    SecondReplica start() throws IOException, InterruptedException {
        launch();
        awaitReady();
        return this;
    }

    /**
     * Starts the process without {@code setting}, expecting it to refuse to start: answers its exit code
     * and what it printed, or fails when it is still running after {@code within}.
     */
    String refusesToStartWithout(String setting, Duration within) throws IOException, InterruptedException {
        Map<String, String> settings = new java.util.HashMap<>(extraSettings);
        settings.put(setting, null);
        SecondReplica without = new SecondReplica(port, settings);
        without.launch();
        if (!without.process.waitFor(within.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
            without.process.destroyForcibly();
            throw new AssertionError("it started without " + setting);
        }
        return "exit " + without.process.exitValue() + "\n" + Files.readString(without.log);
    }

    private void launch() throws IOException {
        List<String> command = new ArrayList<>();
        Path nativeRunner = Path.of(System.getProperty("native.image.path", "none"));
        Path jar = Path.of("target", "quarkus-app", "quarkus-run.jar");
        if (Files.isExecutable(nativeRunner) && !Files.exists(jar)) {
            command.add(nativeRunner.toString());
        } else {
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.addAll(jvmOptions);
        }
        command.add("-Dquarkus.http.port=" + port);
        Map<String, String> settings = new java.util.HashMap<>(PackagedAppConfiguration.settings());
        settings.putAll(extraSettings);
        for (Map.Entry<String, String> setting : settings.entrySet()) {
            if (setting.getValue() != null) {
                command.add("-D" + setting.getKey() + "=" + setting.getValue());
            }
        }
        if (!command.get(0).equals(nativeRunner.toString())) {
            command.add("-jar");
            command.add(jar.toString());
        }
        Files.deleteIfExists(log);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(new File(log.toString())));
        settings.forEach((name, value) -> {
            if (value == null) {
                builder.environment().remove(name);
            }
        });
        process = builder.start();
    }

    /** The process's resident memory now, in MiB, from /proc (Linux). */
    long residentMiB() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(process.pid()), "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
            }
        }
        throw new IllegalStateException("no VmRSS for " + process.pid());
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** Ends the process the hard way, as a crash or {@code kill -9} would, and waits until it is gone. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    private void awaitReady() throws InterruptedException {
        HttpClient client = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("The second replica exited; see " + log);
            }
            try {
                HttpResponse<Void> ready = client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/q/health/ready")).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (ready.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("The second replica did not become ready; see " + log);
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            process.waitFor();
        }
    }
}
