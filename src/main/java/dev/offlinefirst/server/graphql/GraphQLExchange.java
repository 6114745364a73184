package dev.offlinefirst.server.graphql;

import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * What the execution of one HTTP request tells the HTTP layer: whether it ended before execution
 * (no {@code data} entry) and whether it asked for a mutation over GET. The request gate opens one on
 * the request's Vert.x context; {@link HttpSemantics} fills it in. Both steps that fill it run on that
 * context: a request that fails before execution fails there, synchronously.
 */
final class GraphQLExchange {

    private static final String CONTEXT_KEY = GraphQLExchange.class.getName();

    private final boolean overGet;
    private volatile boolean withoutData;
    private volatile boolean refusedOverGet;

    private GraphQLExchange(boolean overGet) {
        this.overGet = overGet;
    }

    /** Starts the exchange of the request running on the current Vert.x context. */
    static GraphQLExchange open(Context context, boolean overGet) {
        GraphQLExchange exchange = new GraphQLExchange(overGet);
        context.putLocal(CONTEXT_KEY, exchange);
        return exchange;
    }

    /** The exchange of the request running here, or null outside one (a websocket, a scheduled job). */
    static GraphQLExchange current() {
        Context context = Vertx.currentContext();
        return context == null ? null : context.getLocal(CONTEXT_KEY);
    }

    boolean overGet() {
        return overGet;
    }

    void endedWithoutData() {
        withoutData = true;
    }

    void refuseOverGet() {
        refusedOverGet = true;
    }

    boolean withoutData() {
        return withoutData;
    }

    boolean refusedOverGet() {
        return refusedOverGet;
    }
}
