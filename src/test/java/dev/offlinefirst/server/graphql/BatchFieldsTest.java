package dev.offlinefirst.server.graphql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.dataloader.BatchLoaderWithContext;
import org.dataloader.DataLoaderFactory;
import org.dataloader.DataLoaderRegistry;
import org.junit.jupiter.api.Test;

import graphql.schema.DataFetchingEnvironment;
import graphql.schema.DataFetchingEnvironmentImpl;
import graphql.schema.FieldCoordinates;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLSchema;
import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.SchemaGenerator;
import graphql.schema.idl.SchemaParser;
import io.smallrye.graphql.execution.datafetcher.BatchDataFetcher;
import io.smallrye.graphql.execution.datafetcher.helper.BatchLoaderHelper;
import io.smallrye.graphql.schema.model.Operation;
import io.smallrye.graphql.schema.model.Reference;
import io.smallrye.graphql.schema.model.Type;

/** A batched field without arguments queues its source on SmallRye's loader; anything else stays with SmallRye. */
class BatchFieldsTest {

    /** Stands in for SmallRye's batch fetcher and counts the sources it was asked for. */
    static final class SmallRyeFetcher extends BatchDataFetcher<Object> {
        int calls;

        SmallRyeFetcher(String field) {
            super(operation(field), new Type());
        }

        @Override
        public Object get(DataFetchingEnvironment environment) {
            calls++;
            return "from SmallRye";
        }
    }

    private final SmallRyeFetcher sender = new SmallRyeFetcher("sender");
    private final SmallRyeFetcher senders = new SmallRyeFetcher("senders");
    private final GraphQLSchema schema = BatchFields.in(new SchemaGenerator().makeExecutableSchema(
            new SchemaParser().parse("""
                    type Query { message: Message }
                    type Message { sender: String senders(first: Int): String }"""),
            RuntimeWiring.newRuntimeWiring().type("Message", type -> type
                    .dataFetcher("sender", sender)
                    .dataFetcher("senders", senders)).build()));

    private final List<Object> loadedKeys = new ArrayList<>();
    private final List<Object> keyContexts = new ArrayList<>();
    private final DataLoaderRegistry registry = new DataLoaderRegistry();

    BatchFieldsTest() {
        BatchLoaderWithContext<Object, Object> loader = (keys, environment) -> {
            loadedKeys.addAll(keys);
            keyContexts.addAll(environment.getKeyContextsList());
            return CompletableFuture.completedFuture(keys.stream().map(key -> (Object) ("loaded " + key)).toList());
        };
        // The name SmallRye registers the field's loader under.
        registry.register(new BatchLoaderHelper().getName(operation("sender")), DataLoaderFactory.newDataLoader(loader));
    }

    @Test
    void aFieldWithoutArgumentsQueuesItsSourceOnSmallRyesLoader() throws Exception {
        DataFetchingEnvironment environment = environment("sender", "m-1", registry);
        CompletableFuture<?> queued = (CompletableFuture<?>) fetch("sender", environment);
        registry.dispatchAll();

        assertEquals("loaded m-1", queued.join());
        assertEquals(List.of("m-1"), loadedKeys);
        assertEquals(0, sender.calls, "SmallRye's fetcher was asked");
        // What SmallRye's batch loader reads: no arguments besides the sources, and the environment.
        Map<?, ?> context = (Map<?, ?>) keyContexts.get(0);
        assertEquals(List.of(), context.get(BatchLoaderHelper.ARGUMENTS));
        assertSame(environment, context.get(BatchLoaderHelper.DATA_FETCHING_ENVIRONMENT));
    }

    @Test
    void aFieldWithArgumentsOrARequestWithoutTheLoaderStaysWithSmallRye() throws Exception {
        assertEquals("from SmallRye", fetch("senders", environment("senders", "m-1", registry)));
        assertEquals("from SmallRye", fetch("sender", environment("sender", "m-1", new DataLoaderRegistry())));
        assertEquals(List.of(), loadedKeys);
    }

    private static Operation operation(String field) {
        Reference message = new Reference();
        message.setName("Message");
        Operation operation = new Operation();
        operation.setName(field);
        operation.setSourceFieldOn(message);
        return operation;
    }

    private DataFetchingEnvironment environment(String field, Object source, DataLoaderRegistry loaders) {
        return DataFetchingEnvironmentImpl.newDataFetchingEnvironment()
                .source(source).fieldDefinition(definition(field)).dataLoaderRegistry(loaders).build();
    }

    private GraphQLFieldDefinition definition(String field) {
        return schema.getObjectType("Message").getFieldDefinition(field);
    }

    private Object fetch(String field, DataFetchingEnvironment environment) throws Exception {
        GraphQLObjectType type = schema.getObjectType("Message");
        return schema.getCodeRegistry().getDataFetcher(FieldCoordinates.coordinates(type, definition(field)),
                definition(field)).get(environment);
    }
}
