package dev.offlinefirst.server.graphql;

import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.Set;
import java.util.function.Supplier;

import graphql.schema.DataFetcher;
import graphql.schema.DataFetchingEnvironment;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLScalarType;
import graphql.schema.GraphQLSchema;
import graphql.schema.GraphQLTypeUtil;
import graphql.schema.LightDataFetcher;
import io.smallrye.graphql.execution.datafetcher.FieldDataFetcher;

/**
 * Scalar fields of this server's GraphQL types (Java records) read straight from the record's
 * accessor. SmallRye's field fetcher fills its request context for every field it reads (about 300 in
 * a page of 50 messages with senders), which was 8 % of the uncached page's CPU; these fields need no
 * context, no argument and no conversion. A field keeps SmallRye's fetcher whenever the source is not
 * a record or the component is not a {@code String}, {@code boolean} or {@code int} (SmallRye formats
 * other Java types), or when reflection cannot see the record (a native image without its metadata).
 */
final class RecordFields {

    private static final Set<String> SCALARS = Set.of("String", "ID", "Boolean", "Int");
    private static final Set<Class<?>> PLAIN = Set.of(String.class, boolean.class, Boolean.class, int.class, Integer.class);

    private RecordFields() {
    }

    /** The schema with direct scalar fields. */
    static GraphQLSchema in(GraphQLSchema schema) {
        return FieldFetchers.replaced(schema, (type, field, smallRye) ->
                smallRye instanceof FieldDataFetcher && field.getArguments().isEmpty()
                        && GraphQLTypeUtil.unwrapNonNull(field.getType()) instanceof GraphQLScalarType scalar
                        && SCALARS.contains(scalar.getName())
                        ? new Accessor(field.getName(), smallRye)
                        : null);
    }

    /** Reads one component of a record source, or asks SmallRye's fetcher for any other source. */
    private static final class Accessor implements LightDataFetcher<Object> {

        private final String component;
        private final DataFetcher<?> smallRye;
        private final ClassValue<Method> accessors = new ClassValue<>() {
            @Override
            protected Method computeValue(Class<?> type) {
                return accessorOf(type);
            }
        };

        Accessor(String component, DataFetcher<?> smallRye) {
            this.component = component;
            this.smallRye = smallRye;
        }

        @Override
        public Object get(GraphQLFieldDefinition field, Object source, Supplier<DataFetchingEnvironment> environment)
                throws Exception {
            Method accessor = source == null ? null : accessors.get(source.getClass());
            return accessor == null ? smallRye.get(environment.get()) : accessor.invoke(source);
        }

        @Override
        public Object get(DataFetchingEnvironment environment) throws Exception {
            return get(environment.getFieldDefinition(), environment.getSource(), () -> environment);
        }

        private Method accessorOf(Class<?> type) {
            try {
                RecordComponent[] components = type.isRecord() ? type.getRecordComponents() : null;
                if (components == null) {
                    return null;
                }
                for (RecordComponent candidate : components) {
                    if (candidate.getName().equals(component) && PLAIN.contains(candidate.getType())) {
                        Method accessor = candidate.getAccessor();
                        accessor.setAccessible(true);
                        return accessor;
                    }
                }
            } catch (RuntimeException | LinkageError reflectionUnavailable) {
                // Left to SmallRye's fetcher (a native image reports missing metadata as a LinkageError).
            }
            return null;
        }
    }
}
