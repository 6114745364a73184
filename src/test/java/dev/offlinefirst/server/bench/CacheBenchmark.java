package dev.offlinefirst.server.bench;

import java.net.URI;
import java.util.Map;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import dev.offlinefirst.server.support.Chat;
import dev.offlinefirst.server.support.GraphQLClient;
import dev.offlinefirst.server.support.Social;
import dev.offlinefirst.server.support.UserIds;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Hot reads served from the cache against the same reads after the viewer's entries were dropped.
 * Run: {@code ./mvnw test -Dgroups=benchmark -DexcludedTestGroups= -Dtest=CacheBenchmark}.
 */
@Tag("benchmark")
@QuarkusTest
class CacheBenchmark {

    private static final String PROFILE = "query($u: ID!) { profile(userId: $u) { displayName bio } }";

    @TestHTTPResource("/graphql")
    URI endpoint;

    @Test
    void hitsAgainstMisses() {
        String alice = UserIds.fresh("alice");
        String bob = UserIds.fresh("bob");
        Chat.users(alice, bob);
        Social.befriend(alice, bob);
        String roomId = Chat.room(alice, bob);
        for (int i = 0; i < 50; i++) {
            GraphQLClient.as(i % 2 == 0 ? alice : bob)
                    .data(Chat.SEND, Map.of("input", Chat.message("m-" + i, roomId, "message " + i)));
        }
        BenchClient client = new BenchClient(endpoint, bob);
        Map<String, Object> profileOfAlice = Map.of("u", alice);
        Map<String, Object> room = Map.of("roomId", roomId);

        Stopwatch.measure("profile (cache hit)", 200, 300, () -> client.run(PROFILE, profileOfAlice));
        Stopwatch.measure("profile (cache miss)", 200, 300, () -> {
            client.run("mutation { invalidateCaches }", Map.of());
            client.run(PROFILE, profileOfAlice);
        });
        Stopwatch.measure("invalidateCaches alone", 100, 300, () -> client.run("mutation { invalidateCaches }", Map.of()));
        Stopwatch.measure("newest page of 50 + senders (cache hit)", 200, 300, () -> client.run(Chat.PAGE, room));
        Stopwatch.measure("newest page of 50 + senders (cache miss)", 200, 300, () -> {
            client.run("mutation { invalidateCaches }", Map.of());
            client.run(Chat.PAGE, room);
        });
    }
}
