package dev.offlinefirst.server.chat;

import static dev.offlinefirst.server.support.Chat.PAGE;
import static dev.offlinefirst.server.support.Chat.SEND_MANY;
import static dev.offlinefirst.server.support.Chat.message;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.offlinefirst.server.support.Chat;
import dev.offlinefirst.server.support.GraphQLClient;
import dev.offlinefirst.server.support.SqlStatements;
import dev.offlinefirst.server.support.UserIds;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** Senders and members load in one batched query per level, never one per row. */
@QuarkusTest
class MessagePageCostTest {

    @Test
    void aPageOf50MessagesWithTheirSendersCostsAtMostThreeStatementsAndOneForTheNextMember() {
        String[] users = { UserIds.fresh("a"), UserIds.fresh("b"), UserIds.fresh("c"), UserIds.fresh("d") };
        Chat.users(users);
        String roomId = Chat.room(users[0], users[1], users[2], users[3]);
        for (String user : users) {
            List<Map<String, Object>> batch = new ArrayList<>();
            for (int i = 0; i < 15; i++) {
                batch.add(message("m-" + i, roomId, "from " + user));
            }
            GraphQLClient.as(user).data(SEND_MANY, Map.of("inputs", batch));
        }

        GraphQLClient reader = GraphQLClient.as(users[0]);
        JsonPath[] page = new JsonPath[1];
        long statements = SqlStatements.during(() -> page[0] = reader.data(PAGE, Map.of("roomId", roomId, "first", 50)));

        assertEquals(50, page[0].getList("messages.edges").size());
        assertEquals(4, page[0].getList("messages.edges.sender.userId").stream().distinct().count());
        // The room's members, the page, the senders as this reader may see them.
        assertTrue(statements >= 1 && statements <= 3, statements + " statements");

        GraphQLClient next = GraphQLClient.as(users[1]);
        JsonPath[] same = new JsonPath[1];
        long nextStatements = SqlStatements.during(() -> same[0] = next.data(PAGE, Map.of("roomId", roomId, "first", 50)));
        assertEquals(page[0].getList("messages.edges.messageId"), same[0].getList("messages.edges.messageId"));
        assertTrue(nextStatements <= 1, "another member's read shares the room's page: " + nextStatements + " statements");
    }

    @Test
    void roomsWithTheirMembersCostAtMostThreeStatements() {
        String owner = UserIds.fresh("owner");
        String[] others = { UserIds.fresh("x"), UserIds.fresh("y") };
        Chat.users(owner, others[0], others[1]);
        for (int i = 0; i < 5; i++) {
            Chat.room(owner, others);
        }

        GraphQLClient reader = GraphQLClient.as(owner);
        JsonPath[] rooms = new JsonPath[1];
        long statements = SqlStatements.during(() -> rooms[0] = reader.data("{ rooms { roomId members { userId } } }"));

        assertEquals(5, rooms[0].getList("rooms").size());
        assertEquals(3, rooms[0].getList("rooms[4].members").size());
        assertTrue(statements >= 1 && statements <= 3, statements + " statements");
    }
}
