package dev.offlinefirst.server.bench;

import java.net.URI;
import java.util.Map;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import dev.offlinefirst.server.support.Chat;
import dev.offlinefirst.server.support.Social;
import dev.offlinefirst.server.support.SqlStatements;
import dev.offlinefirst.server.support.UserIds;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Feed and post latencies for a user with 10 friends and 500 visible posts.
 * Run: {@code ./mvnw test -Dgroups=benchmark -DexcludedTestGroups= -Dtest=SocialBenchmark}.
 */
@Tag("benchmark")
@QuarkusTest
class SocialBenchmark {

    @TestHTTPResource("/graphql")
    URI endpoint;

    @Test
    void social() {
        String reader = UserIds.fresh("reader");
        Chat.users(reader);
        String[] friends = new String[10];
        for (int i = 0; i < friends.length; i++) {
            friends[i] = UserIds.fresh("friend" + i);
            Chat.users(friends[i]);
            Social.befriend(reader, friends[i]);
        }
        for (int i = 0; i < 500; i++) {
            Social.post(friends[i % friends.length], "p-" + i, i % 2 == 0 ? "PUBLIC" : "FRIENDS");
        }
        BenchClient client = new BenchClient(endpoint, reader);

        Stopwatch.measure("feed page of 20 with authors", 200, 300, () -> client.run(Social.FEED, Map.of("first", 20)));
        Stopwatch.measure("posts(authorId) page of 20", 200, 300,
                () -> client.run(Social.POSTS, Map.of("authorId", friends[3], "first", 20)));
        System.out.printf("BENCH %-42s %d statements%n", "feed page of 20 with authors",
                SqlStatements.during(() -> client.run(Social.FEED, Map.of("first", 20))));
        int[] sequence = { 0 };
        Stopwatch.measure("createPost", 50, 200, () -> client.run(Social.CREATE_POST,
                Map.of("input", Map.of("postId", "bench-" + sequence[0]++, "content", "hello", "visibility", "PUBLIC"))));
    }
}
