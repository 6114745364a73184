package dev.offlinefirst.server.isolation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.offlinefirst.server.profile.ProfileRepository;
import dev.offlinefirst.server.profile.UserProfile;
import dev.offlinefirst.server.support.Database;
import dev.offlinefirst.server.support.UserIds;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.vertx.RunOnVertxContext;
import io.quarkus.test.vertx.UniAsserter;

/** The row filter below the API: on in every session, scoped to the viewer, closed without one. */
@QuarkusTest
class ViewerFilterTest {

    @Inject
    ProfileRepository profiles;

    private String aliceId;
    private String bobId;

    @BeforeEach
    void twoStrangers() {
        aliceId = UserIds.fresh("alice");
        bobId = UserIds.fresh("bob");
        Database.execute("INSERT INTO user_profiles (user_id) VALUES (?), (?)", aliceId, bobId);
    }

    @Test
    @RunOnVertxContext
    void aSessionWithoutAViewerFailsInsteadOfSeeingEverything(UniAsserter asserter) {
        asserter.assertFailedWith(() -> Panache.withSession(() -> profiles.listAll()),
                failure -> assertTrue(String.valueOf(rootCause(failure).getMessage()).contains("No viewer"),
                        () -> "unexpected failure " + failure));
    }

    @Test
    @RunOnVertxContext
    void listQueriesAndLoadsByIdSeeOnlyWhatTheViewerMaySee(UniAsserter asserter) {
        Viewer alice = new Viewer(aliceId, Set.of(), Instant.MAX);
        asserter.assertThat(() -> ViewerScope.run(alice, () -> Panache.withSession(() -> profiles.listAll())),
                rows -> assertEquals(List.of(aliceId), rows.stream().map(p -> p.userId).toList()));
        asserter.assertThat(() -> ViewerScope.run(alice, () -> Panache.withSession(() -> profiles.findById(bobId))),
                (UserProfile row) -> assertNull(row));
        asserter.assertThat(() -> ViewerScope.run(alice, () -> Panache.withSession(() -> profiles.count())),
                count -> assertEquals(1L, count));
    }

    private static Throwable rootCause(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause;
    }
}
