package dev.offlinefirst.server.graphql;

import java.util.Optional;

import io.vertx.ext.web.MIMEHeader;
import io.vertx.ext.web.RoutingContext;

/**
 * The media type of a GraphQL answer over HTTP, chosen from the request's {@code Accept} header as
 * the GraphQL-over-HTTP specification says. It decides the status of an answer without data: a
 * request that failed before execution (syntax, validation, variables) is 400 in
 * {@code application/graphql-response+json} and 200 in the older {@code application/json}.
 */
enum ResponseMediaType {

    JSON("application/json; charset=utf-8"),
    GRAPHQL_RESPONSE("application/graphql-response+json; charset=utf-8");

    private final String contentType;

    ResponseMediaType(String contentType) {
        this.contentType = contentType;
    }

    String contentType() {
        return contentType;
    }

    /** The status of an answer the execution produced, with or without its {@code data} entry. */
    int status(boolean dataPresent) {
        return dataPresent || this == JSON ? 200 : 400;
    }

    /**
     * The type the client prefers among the two this server speaks; {@code application/json} when it
     * names none (no header, {@code *}{@code /*}: the specification's watershed rule); empty when it
     * accepts neither.
     */
    static Optional<ResponseMediaType> acceptedBy(RoutingContext request) {
        if (request.parsedHeaders().accept().isEmpty()) {
            return Optional.of(JSON);
        }
        // Vert.x orders the header's entries by their weight.
        for (MIMEHeader accepted : request.parsedHeaders().accept()) {
            // Not isPermitted(): in Vert.x 4.5 it answers true for a weight of zero.
            if (accepted.weight() <= 0) {
                continue;
            }
            String type = accepted.component();
            String subtype = accepted.subComponent();
            if ("application".equals(type) && "graphql-response+json".equals(subtype)) {
                return Optional.of(GRAPHQL_RESPONSE);
            }
            if ("*".equals(type) || "application".equals(type) && ("json".equals(subtype) || "*".equals(subtype))) {
                return Optional.of(JSON);
            }
        }
        return Optional.empty();
    }
}
