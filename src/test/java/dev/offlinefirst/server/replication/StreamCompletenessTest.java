package dev.offlinefirst.server.replication;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.offlinefirst.server.support.Chat;
import dev.offlinefirst.server.support.GraphQLWebSocket;
import dev.offlinefirst.server.support.Replicate.Collection;
import dev.offlinefirst.server.support.TestUser;
import dev.offlinefirst.server.support.Tokens;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

/** Every message sent concurrently into a room reaches every member's live Messages stream, none lost. */
@QuarkusTest
class StreamCompletenessTest {

    @TestHTTPResource("/graphql")
    URI endpoint;

    @Inject
    Vertx vertx;

    @Test
    void everyMessageOfAConcurrentBurstReachesEveryMember() throws Exception {
        List<TestUser> members = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            members.add(TestUser.create("member"));
        }
        String room = Chat.room(members.get(0).id(), members.subList(1, 6).stream().map(TestUser::id).toArray(String[]::new));
        List<GraphQLWebSocket> sockets = new ArrayList<>();
        ExecutorService senders = Executors.newFixedThreadPool(8);
        try {
            for (TestUser member : members) {
                GraphQLWebSocket socket = GraphQLWebSocket.connect(vertx, endpoint);
                socket.init(Tokens.forUser(member.id()));
                socket.nextOfInterest(Duration.ofSeconds(5));
                socket.subscribe("1", Collection.MESSAGES.stream(), new JsonObject());
                socket.nextOfInterest(Duration.ofSeconds(5));
                sockets.add(socket);
            }
            int count = 600;
            for (int n = 0; n < count; n++) {
                int number = n;
                TestUser sender = members.get(n % members.size());
                senders.submit(() -> sender.data(Chat.SEND, Map.of("input", Chat.message("burst-" + number, room, "m" + number))));
            }
            senders.shutdown();
            senders.awaitTermination(60, TimeUnit.SECONDS);
            for (GraphQLWebSocket socket : sockets) {
                Set<String> seen = new HashSet<>();
                long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
                while (seen.size() < count && System.nanoTime() < deadline) {
                    JsonObject frame = socket.nextOfInterest(Duration.ofMillis(200));
                    if (frame != null && frame.getJsonObject("payload").getJsonObject("data") != null) {
                        frame.getJsonObject("payload").getJsonObject("data").getJsonObject("streamMessages").getJsonArray("documents")
                                .forEach(d -> seen.add(((JsonObject) d).getString("messageId")));
                    }
                }
                assertEquals(count, seen.size(), "messages seen by one member");
            }
        } finally {
            sockets.forEach(GraphQLWebSocket::close);
        }
    }
}
