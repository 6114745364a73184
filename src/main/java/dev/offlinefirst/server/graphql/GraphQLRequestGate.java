package dev.offlinefirst.server.graphql;

import java.util.concurrent.CompletableFuture;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import dev.offlinefirst.server.shared.ErrorCode;
import graphql.parser.InvalidSyntaxException;
import graphql.parser.Parser;
import io.quarkus.cache.Cache;
import io.quarkus.cache.CacheName;
import io.quarkus.cache.CaffeineCache;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.security.AuthenticationFailedException;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

/**
 * Answers requests that never reach GraphQL execution in GraphQL's own error shape, with an
 * {@code extensions.code}: a body over the size limit, a body that is not a GraphQL request, a
 * document with a syntax error, and a bearer token that fails verification. It also hides the schema
 * document when introspection is off.
 */
@ApplicationScoped
public class GraphQLRequestGate {

    static final String GRAPHQL_PATH = "/graphql";

    /** Documents that parsed before: clients send the same few documents again and again. */
    static final String WELL_FORMED_DOCUMENTS = "well-formed-documents";

    /** Documents longer than this are checked every time rather than remembered. */
    private static final int REMEMBERED_DOCUMENT_LENGTH = 8_192;

    private final long maxBodyBytes;
    private final CaffeineCache wellFormed;
    private final boolean introspection;

    public GraphQLRequestGate(@ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize maxBodySize,
            @ConfigProperty(name = "quarkus.smallrye-graphql.field-visibility") String fieldVisibility,
            @CacheName(WELL_FORMED_DOCUMENTS) Cache wellFormed) {
        this.maxBodyBytes = maxBodySize.asLongValue();
        this.introspection = !fieldVisibility.contains("no-introspection");
        this.wellFormed = wellFormed.as(CaffeineCache.class);
    }

    void register(@Observes Router router) {
        // The schema document follows the introspection switch; SmallRye's own switch for it
        // (quarkus.smallrye-graphql.schema-available) is fixed at build time.
        router.get(GRAPHQL_PATH + "/schema.graphql").order(-100).handler(request -> {
            if (introspection) {
                request.next();
            } else {
                request.response().setStatusCode(404).end();
            }
        });
        router.post(GRAPHQL_PATH).order(-100)
                .handler(BodyHandler.create(false).setBodyLimit(maxBodyBytes))
                .handler(this::checkRequest);
        router.route().order(-100).failureHandler(this::answerFailure);
    }

    private void checkRequest(RoutingContext request) {
        String contentType = request.request().getHeader(HttpHeaders.CONTENT_TYPE);
        String problem = contentType != null && contentType.startsWith("application/graphql")
                && !contentType.startsWith("application/graphql+json")
                        ? syntaxProblem(request.body().asString())
                        : requestProblem(request);
        if (problem == null) {
            request.next();
        } else {
            reply(request, 400, ErrorCode.BAD_USER_INPUT, problem);
        }
    }

    private String requestProblem(RoutingContext request) {
        JsonObject body;
        try {
            body = request.body().asJsonObject();
        } catch (DecodeException | ClassCastException e) {
            return "The request body must be a JSON object with a \"query\" string";
        }
        if (body == null || !(body.getValue("query") instanceof String query) || query.isBlank()) {
            return "The request body must be a JSON object with a \"query\" string";
        }
        Object variables = body.getValue("variables");
        if (variables != null && !(variables instanceof JsonObject)) {
            return "\"variables\" must be a JSON object";
        }
        Object operationName = body.getValue("operationName");
        if (operationName != null && !(operationName instanceof String)) {
            return "\"operationName\" must be a string";
        }
        return syntaxProblem(query);
    }

    private String syntaxProblem(String document) {
        if (document == null || document.isBlank()) {
            return "The request has no GraphQL document";
        }
        if (wellFormed.getIfPresent(document) != null) {
            return null;
        }
        try {
            Parser.parse(document);
        } catch (InvalidSyntaxException e) {
            return "Syntax error in the GraphQL document: " + e.getMessage();
        }
        if (document.length() <= REMEMBERED_DOCUMENT_LENGTH) {
            wellFormed.put(document, CompletableFuture.completedFuture(Boolean.TRUE));
        }
        return null;
    }

    private void answerFailure(RoutingContext request) {
        if (request.failure() instanceof AuthenticationFailedException) {
            request.response().putHeader("WWW-Authenticate", "Bearer");
            reply(request, 401, ErrorCode.UNAUTHENTICATED,
                    "The bearer token is invalid: its signature, issuer or expiry was refused");
        } else if (request.statusCode() == 413) {
            reply(request, 413, ErrorCode.BAD_USER_INPUT,
                    "The request body is larger than the limit of " + maxBodyBytes + " bytes");
        } else {
            request.next();
        }
    }

    static void reply(RoutingContext request, int status, ErrorCode code, String message) {
        if (request.response().ended()) {
            return;
        }
        JsonObject error = new JsonObject()
                .put("message", message)
                .put("extensions", new JsonObject().put("code", code.name()));
        request.response()
                .setStatusCode(status)
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                .end(new JsonObject().put("errors", new JsonArray().add(error)).encode());
    }
}
