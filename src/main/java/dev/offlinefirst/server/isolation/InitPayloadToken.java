package dev.offlinefirst.server.isolation;

import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import dev.offlinefirst.server.shared.ApiException;
import graphql.schema.DataFetchingEnvironment;
import io.smallrye.graphql.api.Context;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;

/**
 * The viewer of a websocket whose {@code connection_init} payload carries the token as
 * {@code headers.Authorization} (what RxDB's GraphQL replication and several other clients send).
 * Quarkus authenticates a socket from one top-level payload key only
 * ({@code quarkus.smallrye-graphql.authorization-client-init-payload-name=Authorization}); SmallRye
 * keeps the whole payload in the GraphQL context ({@code init-payload}), where this reads the nested
 * form and verifies it with the same parser as every other token.
 */
@ApplicationScoped
public class InitPayloadToken {

    /** Where SmallRye keeps a websocket's {@code connection_init} payload in the GraphQL context. */
    private static final String INIT_PAYLOAD = "init-payload";
    private static final String BEARER = "Bearer ";

    private final Context context;
    private final JWTParser parser;

    public InitPayloadToken(Context context, JWTParser parser) {
        this.context = context;
        this.parser = parser;
    }

    /** The token of {@code headers.Authorization} in this operation's init payload, if it has one. */
    Optional<String> token() {
        Map<String, Object> payload = context.unwrap(DataFetchingEnvironment.class).getGraphQlContext().get(INIT_PAYLOAD);
        Object headers = payload == null ? null : payload.get("headers");
        JsonValue authorization = headers instanceof JsonObject json ? json.get("Authorization") : null;
        return authorization instanceof JsonString value ? Optional.of(value.getString()) : Optional.empty();
    }

    /** The viewer a {@code Bearer} value acts as; {@code UNAUTHENTICATED} unless it verifies. */
    Viewer verify(String authorization) {
        if (!authorization.startsWith(BEARER)) {
            throw ApiException.unauthenticated();
        }
        try {
            return Viewer.of(parser.parse(authorization.substring(BEARER.length()))).orElseThrow(ApiException::unauthenticated);
        } catch (ParseException e) {
            throw ApiException.unauthenticated();
        }
    }
}
