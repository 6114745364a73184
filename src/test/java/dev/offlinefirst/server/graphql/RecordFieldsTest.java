package dev.offlinefirst.server.graphql;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;

import graphql.schema.DataFetchingEnvironment;
import graphql.schema.DataFetchingEnvironmentImpl;
import graphql.schema.FieldCoordinates;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLSchema;
import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.SchemaGenerator;
import graphql.schema.idl.SchemaParser;
import io.smallrye.graphql.execution.datafetcher.FieldDataFetcher;
import io.smallrye.graphql.schema.model.Field;

/** Plain components of a record source are read from its accessor; everything else stays with SmallRye. */
class RecordFieldsTest {

    /** A GraphQL type backed by a record: two plain components, one SmallRye formats. */
    record Message(String content, boolean isMine, Instant sentAt) {
    }

    /** Stands in for SmallRye's fetcher and says when it was asked. */
    static final class SmallRyeFetcher extends FieldDataFetcher<Object> {
        SmallRyeFetcher() {
            super(new Field(), null, null);
        }

        @Override
        public Object get(DataFetchingEnvironment environment) {
            return "from SmallRye";
        }
    }

    private final GraphQLSchema schema = RecordFields.in(new SchemaGenerator().makeExecutableSchema(
            new SchemaParser().parse("""
                    type Query { message: Message }
                    type Message { content: String! isMine: Boolean! sentAt: String! }"""),
            RuntimeWiring.newRuntimeWiring().type("Message", type -> type
                    .dataFetcher("content", new SmallRyeFetcher())
                    .dataFetcher("isMine", new SmallRyeFetcher())
                    .dataFetcher("sentAt", new SmallRyeFetcher())).build()));

    @Test
    void stringAndBooleanComponentsComeFromTheRecord() throws Exception {
        Message message = new Message("hello", true, Instant.EPOCH);
        assertEquals("hello", fetch("content", message));
        assertEquals(true, fetch("isMine", message));
    }

    @Test
    void otherComponentTypesAndOtherSourcesStayWithSmallRye() throws Exception {
        assertEquals("from SmallRye", fetch("sentAt", new Message("hello", true, Instant.EPOCH)));
        assertEquals("from SmallRye", fetch("content", Map.of("content", "hello")));
    }

    private Object fetch(String field, Object source) throws Exception {
        GraphQLObjectType type = schema.getObjectType("Message");
        DataFetchingEnvironment environment = DataFetchingEnvironmentImpl.newDataFetchingEnvironment()
                .source(source).fieldDefinition(type.getFieldDefinition(field)).build();
        return schema.getCodeRegistry().getDataFetcher(FieldCoordinates.coordinates(type, type.getFieldDefinition(field)),
                type.getFieldDefinition(field)).get(environment);
    }
}
