package dev.offlinefirst.server.isolation;

import static dev.offlinefirst.server.support.ErrorAssertions.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import dev.offlinefirst.server.support.Database;
import dev.offlinefirst.server.support.GraphQLClient;
import dev.offlinefirst.server.support.Operations;
import dev.offlinefirst.server.support.Tokens;
import dev.offlinefirst.server.support.UserIds;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

@QuarkusTest
class AuthenticationTest {

    static Iterable<String> everyOperation() {
        return Operations.EVERY_OPERATION.keySet();
    }

    @Test
    void theOperationCatalogueCoversTheWholeSchema() {
        GraphQLClient client = GraphQLClient.as(UserIds.fresh("introspector"));
        // Two requests: graphql-java refuses introspection that repeats __Type.fields as not in good faith.
        TreeSet<String> live = new TreeSet<>(client.data("{ __schema { queryType { fields { name } } } }")
                .getList("__schema.queryType.fields.name", String.class));
        live.addAll(client.data("{ __schema { mutationType { fields { name } } } }")
                .getList("__schema.mutationType.fields.name", String.class));
        assertEquals(new TreeSet<>(Operations.EVERY_OPERATION.keySet()), live);
    }

    @ParameterizedTest
    @MethodSource("everyOperation")
    void anAnonymousCallIsRefusedAndWritesNothing(String operation) {
        long profiles = Database.count("SELECT count(*) FROM user_profiles");
        long settings = Database.count("SELECT count(*) FROM user_settings");
        long changes = Database.count("SELECT count(*) FROM change_log");

        JsonPath response = GraphQLClient.anonymous().run(Operations.EVERY_OPERATION.get(operation));

        assertError(response, "UNAUTHENTICATED");
        assertNull(response.get("data." + operation));
        assertEquals(profiles, Database.count("SELECT count(*) FROM user_profiles"));
        assertEquals(settings, Database.count("SELECT count(*) FROM user_settings"));
        assertEquals(changes, Database.count("SELECT count(*) FROM change_log"), "an anonymous call wrote something");
    }

    @Test
    void aTokenWithABadSignatureIsRefused() {
        assertRefusedToken(Tokens.badSignature("mallory"));
    }

    @Test
    void aTokenFromAnotherIssuerIsRefused() {
        assertRefusedToken(Tokens.wrongIssuer("mallory"));
    }

    @Test
    void anExpiredTokenIsRefused() {
        assertRefusedToken(Tokens.expired("mallory"));
    }

    @Test
    void aTokenAcceptedBeforeIsRefusedOnceItHasExpired() throws InterruptedException {
        // Verified tokens are remembered (isolation/VerifiedTokens), never past their expiry.
        String token = Tokens.expiringIn("mallory", Duration.ofSeconds(1));
        assertEquals("mallory", GraphQLClient.withToken(token).data("{ me { userId } }").getString("me.userId"));
        Database.execute("DELETE FROM user_profiles WHERE user_id = 'mallory'");

        Thread.sleep(3_200); // past the expiry and the test profile's clock skew of 1 s

        assertRefusedToken(token);
    }

    @Test
    void aTokenThatIsNotAJwtIsRefused() {
        assertRefusedToken("not-a-jwt");
    }

    @Test
    void aSubjectLongerThanAUserIdIsRefusedLikeEveryOtherBadToken() {
        String tooLong = "u".repeat(65);
        Response response = GraphQLClient.withToken(Tokens.forUser(tooLong)).postRaw("application/json",
                "{\"query\":\"{ me { userId } }\"}");
        assertEquals(401, response.statusCode());
        assertError(response.jsonPath(), "UNAUTHENTICATED");
        assertEquals(0, Database.count("SELECT count(*) FROM user_profiles WHERE user_id = ?", tooLong));
    }

    @Test
    void aValidTokenActsAsItsSubject() {
        String alice = UserIds.fresh("alice");
        assertEquals(alice, GraphQLClient.as(alice).data("{ me { userId } }").getString("me.userId"));
    }

    private static void assertRefusedToken(String token) {
        Response response = GraphQLClient.withToken(token).postRaw("application/json", "{\"query\":\"{ me { userId } }\"}");
        assertEquals(401, response.statusCode());
        assertError(response.jsonPath(), "UNAUTHENTICATED");
        assertEquals(0, Database.count("SELECT count(*) FROM user_profiles WHERE user_id = 'mallory'"));
    }
}
