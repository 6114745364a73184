package dev.offlinefirst.server.graphql;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;

import graphql.GraphQLContext;
import graphql.execution.CoercedVariables;
import graphql.language.IntValue;
import graphql.language.StringValue;
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
 * Values of {@code ID} and {@code Int}, variables and literals, as the GraphQL spec has them, refused in
 * this server's own words: an ID is a string or an integer, an Int a whole number in range. The
 * framework's scalars were lenient (graphql-java's ID took any value's {@code toString()}: a JSON list
 * became a room called {@code [x, y]}; SmallRye's Int cut {@code 1.5} down to 1, and its refusal of a
 * string literal printed graphql-java's Java object). Each scalar keeps its own coercion for everything it
 * accepts; the schema is swapped with graphql-java's schema transformer. (String, Boolean and Float keep
 * their types, which introspection shares; their refusals are worded in {@code i18n/Scalars_en.properties}.)
 */
final class StrictScalars {

    /** What a variable value of each scalar must be, and what the refusal says. */
    private static final Map<String, Rule> RULES = Map.of(
            "ID", new Rule(StrictScalars::isIdValue, StrictScalars::isIdLiteral, "expected an ID (a string or an integer)"),
            "Int", new Rule(StrictScalars::isIntValue, StrictScalars::isIntLiteral,
                    "expected an Int (a whole number from -2147483648 to 2147483647)"));

    private record Rule(Predicate<Object> accepts, Predicate<Value<?>> acceptsLiteral, String refusal) {
    }

    private StrictScalars() {
    }

    /** The schema with the strict scalars. */
    static GraphQLSchema in(GraphQLSchema schema) {
        Map<GraphQLScalarType, GraphQLScalarType> replaced = new HashMap<>();
        return SchemaTransformer.transformSchema(schema, new GraphQLTypeVisitorStub() {
            @Override
            public TraversalControl visitGraphQLScalarType(GraphQLScalarType node, TraverserContext<GraphQLSchemaElement> context) {
                Rule rule = RULES.get(node.getName());
                if (rule == null || replaced.containsValue(node)) {
                    return TraversalControl.CONTINUE;
                }
                return changeNode(context, replaced.computeIfAbsent(node, lenient -> strictVersion(lenient, rule)));
            }
        });
    }

    @SuppressWarnings("unchecked")
    private static GraphQLScalarType strictVersion(GraphQLScalarType scalar, Rule rule) {
        Coercing<Object, Object> lenient = (Coercing<Object, Object>) scalar.getCoercing();
        return scalar.transform(builder -> builder.coercing(new Coercing<Object, Object>() {

            @Override
            public Object serialize(Object value, GraphQLContext context, Locale locale) throws CoercingSerializeException {
                return lenient.serialize(value, context, locale);
            }

            @Override
            public Object parseValue(Object input, GraphQLContext context, Locale locale) throws CoercingParseValueException {
                if (!rule.accepts().test(input)) {
                    throw new CoercingParseValueException(rule.refusal());
                }
                return lenient.parseValue(input, context, locale);
            }

            @Override
            public Object parseLiteral(Value<?> input, CoercedVariables variables, GraphQLContext context, Locale locale)
                    throws CoercingParseLiteralException {
                if (!rule.acceptsLiteral().test(input)) {
                    throw new CoercingParseLiteralException(rule.refusal());
                }
                return lenient.parseLiteral(input, variables, context, locale);
            }

            @Override
            public Value<?> valueToLiteral(Object input, GraphQLContext context, Locale locale) {
                return lenient.valueToLiteral(input, context, locale);
            }
        }));
    }

    private static boolean isIdLiteral(Value<?> literal) {
        return literal instanceof StringValue || literal instanceof IntValue;
    }

    private static boolean isIntLiteral(Value<?> literal) {
        return literal instanceof IntValue number && number.getValue().bitLength() < 32;
    }

    private static boolean isIdValue(Object input) {
        return input instanceof String || wholeNumber(input) != null;
    }

    private static boolean isIntValue(Object input) {
        BigInteger number = wholeNumber(input);
        return number != null && number.bitLength() < 32;
    }

    /** The input as a whole number, or null when it is none (a fraction, a string, a list, ...). */
    private static BigInteger wholeNumber(Object input) {
        if (input instanceof Integer || input instanceof Long || input instanceof Short || input instanceof Byte) {
            return BigInteger.valueOf(((Number) input).longValue());
        }
        if (input instanceof BigInteger big) {
            return big;
        }
        if (input instanceof BigDecimal decimal && decimal.stripTrailingZeros().scale() <= 0) {
            return decimal.toBigIntegerExact();
        }
        if ((input instanceof Double || input instanceof Float) && ((Number) input).doubleValue() == Math.rint(((Number) input).doubleValue())
                && !Double.isInfinite(((Number) input).doubleValue())) {
            return BigDecimal.valueOf(((Number) input).doubleValue()).toBigIntegerExact();
        }
        return null;
    }
}
