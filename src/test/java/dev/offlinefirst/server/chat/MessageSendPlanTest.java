package dev.offlinefirst.server.chat;

import static dev.offlinefirst.server.support.Chat.SEND;
import static dev.offlinefirst.server.support.Chat.SEND_MANY;
import static dev.offlinefirst.server.support.Chat.message;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.hibernate.reactive.mutiny.Mutiny;
import org.hibernate.stat.Statistics;
import org.junit.jupiter.api.Test;

import dev.offlinefirst.server.support.Chat;
import dev.offlinefirst.server.support.GraphQLClient;
import dev.offlinefirst.server.support.UserIds;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * Sending reuses Hibernate's query plans: a statement whose plan is never found again adds one more
 * plan to the cache on every send, all under one hash, and each later send walks them all.
 */
@QuarkusTest
class MessageSendPlanTest {

    @Inject
    Mutiny.SessionFactory sessions;

    @Test
    void sendingAgainFindsEveryPlanItNeedsInTheCache() {
        Statistics statistics = sessions.getStatistics();
        statistics.setStatisticsEnabled(true);
        try {
            sendAsANewPair();
            statistics.clear();
            JsonPath replayed = sendAsANewPair();

            List<String> missed = new ArrayList<>();
            for (String query : statistics.getQueries()) {
                if (statistics.getQueryStatistics(query).getPlanCacheMissCount() > 0) {
                    missed.add(query);
                }
            }
            assertEquals(List.of(), missed, "statements whose plan was built again");
            assertEquals("first", replayed.getString("data.sendMessage.content"), "a replay answers the stored message");
        } finally {
            statistics.setStatisticsEnabled(false);
        }
    }

    /** One message, a batch of two, and a replay of the first with other content; answers the replay. */
    private static JsonPath sendAsANewPair() {
        String sender = UserIds.fresh("sender");
        String reader = UserIds.fresh("reader");
        Chat.users(sender, reader);
        String roomId = Chat.room(sender, reader);
        GraphQLClient client = GraphQLClient.as(sender);
        client.data(SEND, Map.of("input", message("m-1", roomId, "first")));
        client.data(SEND_MANY, Map.of("inputs", List.of(message("m-2", roomId, "second"), message("m-3", roomId, "third"))));
        return client.run(SEND, Map.of("input", message("m-1", roomId, "changed")));
    }
}
