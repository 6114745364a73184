package dev.offlinefirst.server.graphql;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import dev.offlinefirst.server.shared.CacheEntries;
import dev.offlinefirst.server.shared.ErrorCode;
import graphql.parser.InvalidSyntaxException;
import graphql.parser.Parser;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.quarkus.cache.Cache;
import io.quarkus.cache.CacheName;
import io.quarkus.cache.CaffeineCache;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.security.AuthenticationFailedException;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

/**
 * The HTTP side of GraphQL over HTTP, in front of SmallRye's handler: refuses requests that are not
 * GraphQL requests (a body over the size limit, no JSON object with a {@code query} string, a media
 * type it cannot read or answer, a bearer token that fails verification) in GraphQL's error shape with
 * an {@code extensions.code}, and gives every answer the media type the client accepts and the
 * status that media type calls for. It also hides the schema document when introspection is off.
 * Validation and variable errors are GraphQL's to find; syntax errors are found here (see
 * {@link #syntaxProblem}).
 */
@ApplicationScoped
public class GraphQLRequestGate {

    static final String GRAPHQL_PATH = "/graphql";

    /** The request parameters of the GraphQL-over-HTTP specification, and those of them that are JSON objects. */
    private static final List<String> PARAMETERS = List.of("query", "operationName", "variables", "extensions");
    private static final List<String> JSON_PARAMETERS = List.of("variables", "extensions");

    /** Documents that parsed before: clients send the same few documents again and again. */
    static final String WELL_FORMED_DOCUMENTS = "well-formed-documents";

    /** Documents longer than this are checked every time rather than remembered. */
    private static final int REMEMBERED_DOCUMENT_LENGTH = 8_192;

    private final long maxBodyBytes;
    private final boolean introspection;
    private final CaffeineCache wellFormed;

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
        router.get(GRAPHQL_PATH).order(-100).handler(this::checkRequest);
        router.route(GRAPHQL_PATH).method(HttpMethod.PUT).method(HttpMethod.PATCH).method(HttpMethod.DELETE).order(-100)
                .handler(request -> {
                    request.response().putHeader(HttpHeaders.ALLOW, "GET, POST");
                    reply(request, 405, "GraphQL takes queries with GET or POST and mutations with POST");
                });
        router.route().order(-100).failureHandler(this::answerFailure);
    }

    private void checkRequest(RoutingContext request) {
        if (isWebSocketUpgrade(request)) {
            request.next();
            return;
        }
        Optional<ResponseMediaType> accepted = ResponseMediaType.acceptedBy(request);
        if (accepted.isEmpty()) {
            reply(request, 406,
                    "The Accept header must allow application/graphql-response+json or application/json");
            return;
        }
        ResponseMediaType mediaType = accepted.get();
        boolean overGet = request.request().method() == HttpMethod.GET;
        GraphQLExchange exchange = GraphQLExchange.open(Vertx.currentContext(), overGet);
        HttpServerResponse response = request.response();
        // Through the routing context, which runs every such handler; the response keeps only one.
        request.addHeadersEndHandler(ignored -> settle(response, mediaType, exchange));
        Request parsed = overGet ? getRequest(request) : postRequest(request);
        if (parsed.refusal() != null) {
            reply(request, parsed.refusal().status(), parsed.refusal().message());
            return;
        }
        String syntaxProblem = syntaxProblem(parsed.document());
        if (syntaxProblem == null) {
            if (overGet) {
                encodeParametersAgain(request);
            }
            request.next();
        } else {
            reply(request, mediaType.status(false), syntaxProblem);
        }
    }

    /**
     * Gives the answer the accepted media type, and the status it calls for: SmallRye answers every
     * executed request with 200 and echoes the Accept header as its type.
     */
    private static void settle(HttpServerResponse response, ResponseMediaType mediaType, GraphQLExchange exchange) {
        response.putHeader(HttpHeaders.CONTENT_TYPE, mediaType.contentType());
        if (response.getStatusCode() != 200) {
            return;
        }
        if (exchange.refusedOverGet()) {
            status(response, 405).putHeader(HttpHeaders.ALLOW, "POST");
        } else {
            status(response, mediaType.status(!exchange.withoutData()));
        }
    }

    private static HttpServerResponse status(HttpServerResponse response, int status) {
        return response.setStatusCode(status).setStatusMessage(HttpResponseStatus.valueOf(status).reasonPhrase());
    }

    // SmallRye answers a syntax error with a bare "Unparseable input document", without a code and before
    // any instrumentation runs (its fix for smallrye/smallrye-graphql#1666), so a new document is parsed here first.
    private String syntaxProblem(String document) {
        if (wellFormed.getIfPresent(document) != null) {
            return null;
        }
        try {
            Parser.parse(document);
        } catch (InvalidSyntaxException e) {
            return "Syntax error in the GraphQL document: " + e.getMessage();
        }
        if (document.length() <= REMEMBERED_DOCUMENT_LENGTH) {
            CacheEntries.keep(wellFormed, document, Boolean.TRUE);
        }
        return null;
    }

    private static Request postRequest(RoutingContext request) {
        String contentType = request.request().getHeader(HttpHeaders.CONTENT_TYPE);
        if (contentType == null) {
            return Request.refused(415, "The request needs a Content-Type header: application/json");
        }
        if (contentType.startsWith("application/graphql") && !contentType.startsWith("application/graphql+json")) {
            String document = request.body().asString();
            return document == null || document.isBlank() ? Request.refused(400, "The request has no GraphQL document")
                    : new Request(document, null);
        }
        if (!contentType.startsWith("application/json") && !contentType.startsWith("application/graphql+json")) {
            return Request.refused(415, "The request body must be application/json");
        }
        JsonObject body;
        try {
            body = request.body().asJsonObject();
        } catch (DecodeException | ClassCastException e) {
            body = null;
        }
        return checked(body);
    }

    private static Request getRequest(RoutingContext request) {
        JsonObject parameters = new JsonObject();
        try {
            for (String name : PARAMETERS) {
                String value = request.queryParams().get(name);
                parameters.put(name, value == null || !JSON_PARAMETERS.contains(name) ? value : new JsonObject(value));
            }
        } catch (DecodeException | ClassCastException e) {
            return Request.refused(400, "\"variables\" and \"extensions\" must be URL-encoded JSON objects");
        }
        return checked(parameters);
    }

    // Quarkus 3.33's SmallRye handler URL-decodes the parameters Vert.x already decoded (no upstream issue
    // found), so "+" became a space and "%" a failure: it gets them encoded once more.
    private static void encodeParametersAgain(RoutingContext request) {
        MultiMap parameters = request.queryParams();
        for (String name : PARAMETERS) {
            String value = parameters.get(name);
            if (value != null) {
                parameters.set(name, URLEncoder.encode(value, StandardCharsets.UTF_8));
            }
        }
    }

    /** The request parameters of the specification, whichever way they came. */
    private static Request checked(JsonObject parameters) {
        if (parameters == null || !(parameters.getValue("query") instanceof String query) || query.isBlank()) {
            return Request.refused(400, "The request must carry a \"query\" string with a GraphQL document");
        }
        for (String name : JSON_PARAMETERS) {
            Object value = parameters.getValue(name);
            if (value != null && !(value instanceof JsonObject)) {
                return Request.refused(400, "\"" + name + "\" must be a JSON object");
            }
        }
        Object operationName = parameters.getValue("operationName");
        if (operationName != null && !(operationName instanceof String)) {
            return Request.refused(400, "\"operationName\" must be a string");
        }
        return new Request(query, null);
    }

    private static boolean isWebSocketUpgrade(RoutingContext request) {
        return "websocket".equalsIgnoreCase(request.request().getHeader(HttpHeaders.UPGRADE));
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

    private static void reply(RoutingContext request, int status, String message) {
        reply(request, status, ErrorCode.BAD_USER_INPUT, message);
    }

    private static void reply(RoutingContext request, int status, ErrorCode code, String message) {
        if (request.response().ended()) {
            return;
        }
        JsonObject error = new JsonObject()
                .put("message", message)
                .put("extensions", new JsonObject().put("code", code.name()));
        status(request.response(), status)
                .putHeader(HttpHeaders.CONTENT_TYPE, ResponseMediaType.JSON.contentType())
                .end(new JsonObject().put("errors", new JsonArray().add(error)).encode());
    }

    /** A request's GraphQL document, or why the request is refused before GraphQL sees it. */
    private record Request(String document, Refusal refusal) {

        static Request refused(int status, String message) {
            return new Request(null, new Refusal(status, message));
        }
    }

    private record Refusal(int status, String message) {
    }
}
