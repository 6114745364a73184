package dev.offlinefirst.server.graphql;

import static dev.offlinefirst.server.support.ErrorAssertions.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.offlinefirst.server.support.TestUser;
import dev.offlinefirst.server.support.Tokens;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.vertx.core.json.JsonObject;

/**
 * The HTTP exchange of the GraphQL-over-HTTP specification: the answer's media type follows
 * {@code Accept}, a request that fails before execution is 400 in
 * {@code application/graphql-response+json} and 200 in {@code application/json}, queries also come as
 * GET, and anything that is not a GraphQL request is refused with a 4xx and a code. The whole public
 * audit runs against the packaged app in {@code GraphQLOverHttpAuditIT}.
 */
@QuarkusTest
class GraphQLOverHttpTest {

    private static final String GRAPHQL_RESPONSE = "application/graphql-response+json";
    private static final String SETTING = "query($k: String!) { setting(key: $k) { key value } }";

    @TestHTTPResource("/graphql")
    URI endpoint;

    private TestUser alice;

    @BeforeEach
    void aliceExists() {
        alice = TestUser.create("alice");
    }

    @Test
    void theAnswerTakesTheMediaTypeTheClientAccepts() {
        assertTrue(post(null, "{ me { userId } }").contentType().startsWith("application/json"));
        assertTrue(post("*/*", "{ me { userId } }").contentType().startsWith("application/json"));
        assertTrue(post(GRAPHQL_RESPONSE, "{ me { userId } }").contentType().startsWith(GRAPHQL_RESPONSE));
        assertTrue(post("application/json;q=0.5, " + GRAPHQL_RESPONSE, "{ me { userId } }").contentType()
                .startsWith(GRAPHQL_RESPONSE));
        Response refused = post("text/html", "{ me { userId } }");
        assertEquals(406, refused.statusCode());
        assertError(refused.jsonPath(), "BAD_USER_INPUT");
    }

    @Test
    void aRequestThatFailsBeforeExecutionIs400OnlyInTheNewMediaType() {
        for (String document : new String[] { "{ me { userId ", "{ noSuchField }", "query($k: String!) { me { userId } }" }) {
            assertAnswer("application/json", document, 200, "BAD_USER_INPUT");
            assertAnswer(GRAPHQL_RESPONSE, document, 400, "BAD_USER_INPUT");
        }
    }

    @Test
    void aFieldErrorWithDataIs200InBothMediaTypes() {
        String document = "mutation { addRoomMember(roomId: \"no-such-room\", userId: \"nobody\") { roomId } }";
        for (String accept : new String[] { "application/json", GRAPHQL_RESPONSE }) {
            assertAnswer(accept, document, 200, "NOT_FOUND");
        }
    }

    @Test
    void aQueryComesAsGetWithUrlEncodedVariables() {
        String key = "50% off + more & less";
        alice.data("mutation($k: String!) { setSetting(key: $k, value: \"yes\") { key } }", Map.of("k", key));
        Response answer = alice.client().request().accept(GRAPHQL_RESPONSE)
                .queryParam("query", SETTING).queryParam("variables", new JsonObject().put("k", key).encode())
                .get("/graphql");
        assertEquals(200, answer.statusCode());
        assertEquals(key, answer.jsonPath().getString("data.setting.key"));
        assertEquals("yes", answer.jsonPath().getString("data.setting.value"));
    }

    @Test
    void aMutationOrSubscriptionOverGetIsRefusedWith405AndAMutationChangesNothing() {
        Response refused = alice.client().request()
                .queryParam("query", "mutation { setSetting(key: \"via-get\", value: \"v\") { key } }").get("/graphql");
        assertEquals(405, refused.statusCode());
        assertEquals("POST", refused.header("Allow"));
        assertError(refused.jsonPath(), "BAD_USER_INPUT");
        assertNull(alice.data("{ setting(key: \"via-get\") { key } }").get("setting"));
        Response subscription = alice.client().request()
                .queryParam("query", "subscription { operationUpdates { id } }").get("/graphql");
        assertEquals(405, subscription.statusCode());
        assertTrue(assertError(subscription.jsonPath(), "BAD_USER_INPUT").contains("websocket"));
    }

    @Test
    void aBodyThatIsNotAGraphQLRequestIsRefused() throws Exception {
        HttpResponse<String> untyped = HttpClient.newHttpClient().send(HttpRequest.newBuilder(endpoint)
                .header("Authorization", "Bearer " + Tokens.forUser(alice.id()))
                .POST(HttpRequest.BodyPublishers.ofString("{\"query\": \"{ me { userId } }\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(415, untyped.statusCode());
        assertEquals("BAD_USER_INPUT", new JsonObject(untyped.body()).getJsonArray("errors").getJsonObject(0)
                .getJsonObject("extensions").getString("code"));
        assertEquals(415, alice.client().postRaw("text/plain", "{ me { userId } }").statusCode());
        for (String extensions : new String[] { "\"x\"", "1", "true", "[1]" }) {
            Response refused = alice.client().postRaw("application/json",
                    "{\"query\": \"{ me { userId } }\", \"extensions\": " + extensions + "}");
            assertEquals(400, refused.statusCode(), extensions);
            assertError(refused.jsonPath(), "BAD_USER_INPUT");
        }
        Response accepted = alice.client().postRaw("application/json",
                "{\"query\": \"{ me { userId } }\", \"extensions\": {\"some\": \"value\"}}");
        assertEquals(alice.id(), accepted.jsonPath().getString("data.me.userId"));
    }

    @Test
    void otherMethodsAreRefusedWith405() {
        Response refused = alice.client().request().put("/graphql");
        assertEquals(405, refused.statusCode());
        assertEquals("GET, POST", refused.header("Allow"));
        assertError(refused.jsonPath(), "BAD_USER_INPUT");
    }

    private void assertAnswer(String accept, String document, int status, String code) {
        Response answer = post(accept, document);
        assertEquals(status, answer.statusCode(), accept + ": " + document);
        assertError(answer.jsonPath(), code);
    }

    private Response post(String accept, String document) {
        var request = alice.client().request().contentType("application/json");
        if (accept != null) {
            request = request.accept(accept);
        }
        return request.body(new JsonObject().put("query", document).encode()).post("/graphql");
    }
}
