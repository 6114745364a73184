package dev.offlinefirst.server.graphql;

import graphql.GraphQL;
import graphql.schema.GraphQLSchema;
import io.smallrye.graphql.spi.EventingService;

/**
 * Adds this server's parts to SmallRye GraphQL's {@code GraphQL} instance through its eventing SPI
 * (registered in {@code META-INF/services}): the HTTP semantics of GraphQL over HTTP and error
 * shaping after SmallRye's own instrumentation (depth, complexity, document cache), the response cache
 * in front of SmallRye's query strategy, the subscription strategy that keeps coded refusals, strict
 * {@code ID} and {@code Int} scalars, record components read directly ({@link RecordFields}) and batched
 * fields queued directly ({@link BatchFields}).
 * <p>
 * The SPI is used instead of CDI events because {@code quarkus.smallrye-graphql.events.enabled} also
 * fires CDI events before and after every field of every request, which the profile of the hot read
 * showed as one of its largest costs. With no config key this service is always on, and its per-field
 * hooks are the SPI's empty defaults.
 */
public class GraphQLCustomization implements EventingService {

    private static GraphQLSchema original;
    private static GraphQLSchema served;

    @Override
    public String getConfigKey() {
        return null;
    }

    @Override
    public GraphQL.Builder beforeGraphQLBuild(GraphQL.Builder builder) {
        // The builder has no getter for the chain SmallRye set; a GraphQL built from it has one, and
        // building has no effect beyond filling defaults the final build would fill the same way.
        GraphQL smallRye = builder.build();
        return builder
                .schema(served(smallRye.getGraphQLSchema()))
                .instrumentation(OperationInstrumentation.of(smallRye.getInstrumentation(), new HttpSemantics(), new RootFieldBudget(), new ErrorShaping()))
                .queryExecutionStrategy(new CachingQueryStrategy(smallRye.getQueryStrategy()))
                .subscriptionExecutionStrategy(new SubscriptionRefusals.Strategy());
    }

    /**
     * SmallRye's schema with this server's strict scalars, direct record fields and queued batch
     * fields; the same instance each time for the same schema. SmallRye may build its {@code GraphQL}
     * more than once (concurrent first requests); two transformed copies would give one request's
     * variables the types of one copy and its fields those of the other, and the validation failure
     * would stay in SmallRye's document cache (FirstRequestsIT).
     */
    private static synchronized GraphQLSchema served(GraphQLSchema schema) {
        if (schema != original) {
            original = schema;
            served = BatchFields.in(RecordFields.in(StrictScalars.in(schema)));
        }
        return served;
    }
}
