package dev.offlinefirst.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A Node.js program of the integration tests: its sources in {@code src/native-test/<name>}, installed
 * with npm into {@code target/<name>} (pinned in its package.json), run against a packaged server.
 */
final class NodeRunner {

    private final Path sources;
    private final Path directory;

    NodeRunner(String name) {
        this.sources = Path.of("src", "native-test", name);
        this.directory = Path.of("target", name);
    }

    /** Whether Node.js and npm are on the PATH (.ci/run installs them where they are missing). */
    static boolean available() {
        return found("node") && found("npm");
    }

    /** Copies the program's files and installs its packages unless {@code marker} is installed already. */
    NodeRunner install(String marker, String... files) throws IOException, InterruptedException {
        Files.createDirectories(directory);
        for (String file : files) {
            Files.copy(sources.resolve(file), directory.resolve(file), StandardCopyOption.REPLACE_EXISTING);
        }
        if (!Files.isDirectory(directory.resolve("node_modules").resolve(marker))) {
            run(List.of("npm", "install", "--no-audit", "--no-fund", "--no-package-lock", "--loglevel=error"), Map.of());
        }
        return this;
    }

    /** Runs a command in the program's directory; fails unless it exits 0 within 5 minutes. Answers its output lines. */
    List<String> run(List<String> command, Map<String, String> environment) throws IOException, InterruptedException {
        Path output = directory.resolve("output.log");
        ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true)
                .redirectOutput(output.toFile());
        builder.environment().putAll(environment);
        Process process = builder.start();
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " did not finish within 5 minutes");
        }
        List<String> lines = Files.readAllLines(output);
        assertEquals(0, process.exitValue(), String.join(" ", command) + " failed:\n" + String.join("\n", lines));
        return lines;
    }

    private static boolean found(String program) {
        try {
            return new ProcessBuilder(program, "--version").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor(30, TimeUnit.SECONDS);
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
