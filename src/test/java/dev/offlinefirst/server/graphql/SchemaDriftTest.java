package dev.offlinefirst.server.graphql;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/**
 * The schema clients code against is checked in as {@code src/main/resources/schema.graphql}, readable
 * without running the server; this fails when the served schema drifts from it. After an intended
 * change, {@code ./mvnw test -Dtest=SchemaDriftTest -Dschema.write=true} writes the served schema there,
 * and the diff goes into the same commit.
 */
@QuarkusTest
class SchemaDriftTest {

    private static final Path CHECKED_IN = Path.of("src", "main", "resources", "schema.graphql");

    @Test
    void theServedSchemaIsTheCheckedInOne() throws IOException {
        String served = normalized(given().get("/graphql/schema.graphql").then().statusCode(200).extract().asString());
        if (Boolean.getBoolean("schema.write")) {
            Files.writeString(CHECKED_IN, served);
        }
        String checkedIn = Files.exists(CHECKED_IN) ? normalized(Files.readString(CHECKED_IN)) : "";
        assertEquals(checkedIn, served, "the served schema differs from " + CHECKED_IN
                + "; if the change is intended, run ./mvnw test -Dtest=SchemaDriftTest -Dschema.write=true and commit the file");
    }

    private static String normalized(String schema) {
        return schema.replace("\r\n", "\n").strip() + "\n";
    }
}
