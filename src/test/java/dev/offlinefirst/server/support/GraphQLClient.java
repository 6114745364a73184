package dev.offlinefirst.server.support;

import static io.restassured.RestAssured.given;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/** Posts GraphQL documents to the running test app, as a user or anonymously. */
public final class GraphQLClient {

    private final String token;

    private GraphQLClient(String token) {
        this.token = token;
    }

    public static GraphQLClient as(String userId) {
        return new GraphQLClient(Tokens.forUser(userId));
    }

    public static GraphQLClient withToken(String token) {
        return new GraphQLClient(token);
    }

    public static GraphQLClient anonymous() {
        return new GraphQLClient(null);
    }

    /** Executes a document and returns the response body; the HTTP status is not checked. */
    public JsonPath run(String document) {
        return run(document, Map.of());
    }

    public JsonPath run(String document, Map<String, Object> variables) {
        Map<String, Object> body = new HashMap<>();
        body.put("query", document);
        body.put("variables", variables);
        return post(request().contentType(ContentType.JSON).body(body)).jsonPath();
    }

    /** Posts a raw body, for requests that are not valid GraphQL. */
    public Response postRaw(String contentType, String body) {
        return post(request().contentType(contentType).body(body));
    }

    /** Executes a document that must succeed and returns its data. */
    public JsonPath data(String document, Map<String, Object> variables) {
        JsonPath response = run(document, variables);
        List<Object> errors = response.getList("errors");
        if (errors != null && !errors.isEmpty()) {
            throw new AssertionError("Expected no errors but got " + errors);
        }
        return response.setRootPath("data");
    }

    public JsonPath data(String document) {
        return data(document, Map.of());
    }

    /** A request carrying this client's token, for tests of the HTTP exchange itself. */
    public RequestSpecification request() {
        RequestSpecification request = given();
        return token == null ? request : request.header("Authorization", "Bearer " + token);
    }

    private static Response post(RequestSpecification request) {
        return request.when().post("/graphql").andReturn();
    }
}
