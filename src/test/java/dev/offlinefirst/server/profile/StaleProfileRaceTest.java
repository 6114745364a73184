package dev.offlinefirst.server.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;

import dev.offlinefirst.server.support.GraphQLClient;
import dev.offlinefirst.server.support.Social;
import dev.offlinefirst.server.support.TestUser;
import io.quarkus.arc.Arc;
import io.quarkus.arc.ClientProxy;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * A batched profile read that began before an unfriending and stores after its invalidation must not
 * keep the profile as the friend saw it: the read takes a ticket, and what changed since is not kept.
 * The real repository reads the real database; only the moment its answer is handed on is held back.
 */
@QuarkusTest
class StaleProfileRaceTest {

    @Test
    void aReadThatSpansAnUnfriendingDoesNotKeepTheFriendsView() throws Exception {
        TestUser alice = TestUser.create("alice");
        TestUser bob = TestUser.create("bob");
        Social.befriend(alice.id(), bob.id());
        Social.post(bob.id(), "public-note", "PUBLIC");

        CompletableFuture<Void> readDone = new CompletableFuture<>();
        CompletableFuture<Void> release = new CompletableFuture<>();
        ProfileRepository real = ClientProxy.unwrap(Arc.container().instance(ProfileRepository.class).get());
        QuarkusMock.installMockForType(new HeldBack(real, readDone, release), ProfileRepository.class);

        CompletableFuture<JsonPath> during = CompletableFuture.supplyAsync(() -> postAuthors(alice, bob));
        readDone.get(10, TimeUnit.SECONDS);
        Social.unfriend(bob.id(), alice.id());
        release.complete(null);
        assertEquals(bob.id(), during.get(10, TimeUnit.SECONDS).getString("posts.edges[0].author.userId"),
                "the read that began while they were friends shows the card");

        assertNull(postAuthors(alice, bob).getString("posts.edges[0].author.userId"),
                "a stranger's card was kept from before the unfriending");
    }

    /** The author's card on each of the author's posts, as the viewer sees them. */
    private static JsonPath postAuthors(TestUser viewer, TestUser author) {
        return GraphQLClient.as(viewer.id()).data("query($a: ID!) { posts(authorId: $a) { edges { author { userId } } } }",
                Map.of("a", author.id()));
    }

    /** The real repository, whose first batched read is handed on only once the test says so. */
    static final class HeldBack extends ProfileRepository {

        private final ProfileRepository real;
        private final CompletableFuture<Void> readDone;
        private final CompletableFuture<Void> release;
        private final AtomicBoolean first = new AtomicBoolean(true);

        HeldBack(ProfileRepository real, CompletableFuture<Void> readDone, CompletableFuture<Void> release) {
            this.real = real;
            this.readDone = readDone;
            this.release = release;
        }

        @Override
        public Uni<List<SeenProfile>> visibleAmong(String viewerId, Collection<String> userIds) {
            Uni<List<SeenProfile>> read = real.visibleAmong(viewerId, userIds);
            if (!first.getAndSet(false)) {
                return read;
            }
            // The answer goes on where the read ran, on its Vert.x context.
            Context context = Vertx.currentContext();
            return read.call(rows -> {
                readDone.complete(null);
                return Uni.createFrom().completionStage(release).emitOn(task -> context.runOnContext(ignored -> task.run()));
            });
        }
    }
}
