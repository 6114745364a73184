package dev.offlinefirst.server.graphql;

import graphql.schema.DataFetcher;
import graphql.schema.FieldCoordinates;
import graphql.schema.GraphQLCodeRegistry;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLSchema;

/** Swaps the fetchers SmallRye gave the fields of this server's object types, one rule at a time. */
final class FieldFetchers {

    /** The fetcher to serve a field with instead of SmallRye's, or null to keep SmallRye's. */
    @FunctionalInterface
    interface Rule {
        DataFetcher<?> replace(GraphQLObjectType type, GraphQLFieldDefinition field, DataFetcher<?> smallRye);
    }

    private FieldFetchers() {
    }

    static GraphQLSchema replaced(GraphQLSchema schema, Rule rule) {
        GraphQLCodeRegistry registry = schema.getCodeRegistry();
        GraphQLCodeRegistry.Builder fetchers = GraphQLCodeRegistry.newCodeRegistry(registry);
        for (GraphQLObjectType type : schema.getAllTypesAsList().stream()
                .filter(GraphQLObjectType.class::isInstance).map(GraphQLObjectType.class::cast)
                .filter(type -> !type.getName().startsWith("__")).toList()) {
            for (GraphQLFieldDefinition field : type.getFieldDefinitions()) {
                FieldCoordinates coordinates = FieldCoordinates.coordinates(type, field);
                DataFetcher<?> replacement = rule.replace(type, field, registry.getDataFetcher(coordinates, field));
                if (replacement != null) {
                    fetchers.dataFetcher(coordinates, replacement);
                }
            }
        }
        return schema.transform(builder -> builder.codeRegistry(fetchers.build()));
    }
}
