package dev.offlinefirst.server.graphql;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Locale;

import graphql.GraphQLContext;
import graphql.Scalars;
import graphql.execution.CoercedVariables;
import graphql.language.Value;
import graphql.schema.Coercing;
import graphql.schema.CoercingParseLiteralException;
import graphql.schema.CoercingParseValueException;
import graphql.schema.CoercingSerializeException;
import graphql.schema.GraphQLScalarType;
import graphql.schema.GraphQLSchema;
import graphql.schema.GraphQLSchemaElement;
import graphql.schema.GraphQLTypeVisitorStub;
import graphql.schema.SchemaTransformer;
import graphql.util.TraversalControl;
import graphql.util.TraverserContext;

/**
 * The {@code ID} scalar as the GraphQL spec has it for input: a string, or an integer written as one.
 * graphql-java's own {@code ID} turns any variable value into its {@code toString()}, so a JSON list
 * given for an id became a room called {@code [x, y]}. Swapped in with graphql-java's schema transformer.
 */
final class StrictId {

    @SuppressWarnings("unchecked")
    private static final Coercing<Object, Object> LENIENT = (Coercing<Object, Object>) Scalars.GraphQLID.getCoercing();

    static final GraphQLScalarType SCALAR = Scalars.GraphQLID.transform(builder -> builder.coercing(new Coercing<Object, Object>() {

        @Override
        public Object serialize(Object value, GraphQLContext context, Locale locale) throws CoercingSerializeException {
            return LENIENT.serialize(value, context, locale);
        }

        @Override
        public Object parseValue(Object input, GraphQLContext context, Locale locale) throws CoercingParseValueException {
            if (input instanceof String text) {
                return text;
            }
            if (input instanceof Integer || input instanceof Long || input instanceof BigInteger) {
                return input.toString();
            }
            if (input instanceof BigDecimal number && number.stripTrailingZeros().scale() <= 0) {
                return number.toBigIntegerExact().toString();
            }
            throw new CoercingParseValueException("expected an ID (a string or an integer)");
        }

        @Override
        public Object parseLiteral(Value<?> input, CoercedVariables variables, GraphQLContext context, Locale locale)
                throws CoercingParseLiteralException {
            return LENIENT.parseLiteral(input, variables, context, locale);
        }

        @Override
        public Value<?> valueToLiteral(Object input, GraphQLContext context, Locale locale) {
            return LENIENT.valueToLiteral(input, context, locale);
        }
    }));

    private StrictId() {
    }

    private static GraphQLSchema original;
    private static GraphQLSchema strict;

    /**
     * The schema with every use of {@code ID} replaced by the strict one; the same instance each time
     * for the same schema. SmallRye may build its {@code GraphQL} more than once (concurrent first
     * requests); two transformed copies would give one request's variables the types of one copy and its
     * fields those of the other, and the validation failure would stay in SmallRye's document cache.
     */
    static synchronized GraphQLSchema in(GraphQLSchema schema) {
        if (schema != original) {
            original = schema;
            strict = transformed(schema);
        }
        return strict;
    }

    private static GraphQLSchema transformed(GraphQLSchema schema) {
        return SchemaTransformer.transformSchema(schema, new GraphQLTypeVisitorStub() {
            @Override
            public TraversalControl visitGraphQLScalarType(GraphQLScalarType node, TraverserContext<GraphQLSchemaElement> context) {
                return node.getName().equals(SCALAR.getName()) && node != SCALAR ? changeNode(context, SCALAR)
                        : TraversalControl.CONTINUE;
            }
        });
    }
}
