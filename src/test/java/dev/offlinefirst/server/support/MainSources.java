package dev.offlinefirst.server.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;

/** The application's Java sources, for architecture tests that look for a rule written twice. */
public final class MainSources {

    private MainSources() {
    }

    /** The source files under src/main/java whose text matches. */
    public static List<Path> whose(Predicate<String> text) {
        try (Stream<Path> sources = Files.walk(Path.of("src", "main", "java"))) {
            return sources.filter(file -> file.toString().endsWith(".java"))
                    .filter(file -> text.test(read(file)))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
