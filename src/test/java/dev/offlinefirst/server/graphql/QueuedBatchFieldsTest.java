package dev.offlinefirst.server.graphql;

import static dev.offlinefirst.server.support.Chat.PAGE;
import static dev.offlinefirst.server.support.Chat.SEND;
import static dev.offlinefirst.server.support.Chat.message;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.offlinefirst.server.support.Chat;
import dev.offlinefirst.server.support.GraphQLClient;
import dev.offlinefirst.server.support.UserIds;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Metrics;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** This server's batched fields find SmallRye's loaders under the names BatchFields gives them. */
@QuarkusTest
class QueuedBatchFieldsTest {

    @Test
    void sendersAndMembersAreQueuedOnSmallRyesLoadersNotFetchedOneByOne() {
        String alice = UserIds.fresh("alice");
        String bob = UserIds.fresh("bob");
        Chat.users(alice, bob);
        String roomId = Chat.room(alice, bob);
        GraphQLClient.as(alice).data(SEND, Map.of("input", message("m-1", roomId, "from alice")));
        GraphQLClient.as(bob).data(SEND, Map.of("input", message("m-2", roomId, "from bob")));

        JsonPath page = GraphQLClient.as(bob).data(PAGE, Map.of("roomId", roomId));
        JsonPath rooms = GraphQLClient.as(alice).data("{ rooms { roomId members { userId } } }");

        assertEquals(List.of(bob, alice), page.getList("messages.edges.sender.userId"));
        assertEquals(List.of(alice, bob), rooms.getList("rooms.find { it.roomId == '" + roomId + "' }.members.userId"));
        // Every field SmallRye's fetcher had to serve since the application started, in any test.
        List<String> fallbacks = Metrics.globalRegistry.find(BatchFields.FALLBACKS).counters().stream()
                .filter(counter -> counter.count() > 0).map(Counter::getId).map(id -> id.getTag("field")).toList();
        assertEquals(List.of(), fallbacks);
    }
}
