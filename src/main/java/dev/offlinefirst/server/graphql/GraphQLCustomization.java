package dev.offlinefirst.server.graphql;

import graphql.GraphQL;
import io.smallrye.graphql.spi.EventingService;

/**
 * Adds this server's parts to SmallRye GraphQL's {@code GraphQL} instance through its eventing SPI
 * (registered in {@code META-INF/services}): the HTTP semantics of GraphQL over HTTP and error
 * shaping after SmallRye's own instrumentation (depth, complexity, document cache), the response cache
 * in front of SmallRye's query strategy, the subscription strategy that keeps coded refusals, strict
 * {@code ID} and {@code Int} scalars, and record components read directly ({@link RecordFields}).
 * <p>
 * The SPI is used instead of CDI events because {@code quarkus.smallrye-graphql.events.enabled} also
 * fires CDI events before and after every field of every request, which the profile of the hot read
 * showed as one of its largest costs. With no config key this service is always on, and its per-field
 * hooks are the SPI's empty defaults.
 */
public class GraphQLCustomization implements EventingService {

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
                .schema(RecordFields.in(StrictScalars.in(smallRye.getGraphQLSchema())))
                .instrumentation(OperationInstrumentation.of(smallRye.getInstrumentation(), new HttpSemantics(), new ErrorShaping()))
                .queryExecutionStrategy(new CachingQueryStrategy(smallRye.getQueryStrategy()))
                .subscriptionExecutionStrategy(new SubscriptionRefusals.Strategy());
    }
}
