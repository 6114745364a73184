package dev.offlinefirst.server.support;

import java.util.Map;

import io.restassured.path.json.JsonPath;

/** A user who exists (has called {@code me} once) and the client that acts as them. */
public record TestUser(String id, GraphQLClient client) {

    /** A new user with a fresh id starting with {@code name}. */
    public static TestUser create(String name) {
        String id = UserIds.fresh(name);
        GraphQLClient client = GraphQLClient.as(id);
        client.data("{ me { userId } }");
        return new TestUser(id, client);
    }

    public JsonPath data(String document) {
        return client.data(document);
    }

    public JsonPath data(String document, Map<String, Object> variables) {
        return client.data(document, variables);
    }

    public JsonPath run(String document) {
        return client.run(document);
    }

    public JsonPath run(String document, Map<String, Object> variables) {
        return client.run(document, variables);
    }
}
