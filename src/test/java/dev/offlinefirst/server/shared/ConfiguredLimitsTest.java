package dev.offlinefirst.server.shared;

import static dev.offlinefirst.server.support.Chat.SEND;
import static dev.offlinefirst.server.support.Chat.message;
import static dev.offlinefirst.server.support.ErrorAssertions.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.offlinefirst.server.support.Chat;
import dev.offlinefirst.server.support.Database;
import dev.offlinefirst.server.support.GraphQLClient;
import dev.offlinefirst.server.support.Social;
import dev.offlinefirst.server.support.UserIds;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** The configured content lengths are the only bound: raised, they hold exactly, through the API. */
@QuarkusTest
@TestProfile(ConfiguredLimitsTest.RaisedLimits.class)
class ConfiguredLimitsTest {

    static final int RAISED = 12_000;

    public static class RaisedLimits implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("app.limits.message-max-length", String.valueOf(RAISED),
                    "app.limits.post-max-length", String.valueOf(RAISED));
        }
    }

    @Test
    void aMessageOfTheRaisedLengthIsStoredAndOneMoreIsRefused() {
        String aliceId = UserIds.fresh("alice");
        Chat.users(aliceId);
        String roomId = Chat.room(aliceId);
        GraphQLClient alice = GraphQLClient.as(aliceId);

        assertEquals(RAISED, alice.data(SEND, Map.of("input", message("max", roomId, "x".repeat(RAISED))))
                .getString("sendMessage.content").length());
        String refusal = assertError(alice.run(SEND, Map.of("input", message("over", roomId, "x".repeat(RAISED + 1)))),
                "BAD_USER_INPUT");
        assertTrue(refusal.contains(String.valueOf(RAISED)), refusal);
        assertEquals(1, Database.count("SELECT count(*) FROM chat_messages WHERE sender_id = ?", aliceId));
    }

    @Test
    void aPostOfTheRaisedLengthIsStoredAndOneMoreIsRefused() {
        String aliceId = UserIds.fresh("alice");
        Chat.users(aliceId);
        GraphQLClient alice = GraphQLClient.as(aliceId);

        assertEquals(RAISED, alice.data(Social.CREATE_POST, Map.of("input", Map.of("postId", "max", "content", "x".repeat(RAISED))))
                .getString("createPost.content").length());
        assertError(alice.run(Social.CREATE_POST, Map.of("input", Map.of("postId", "over", "content", "x".repeat(RAISED + 1)))),
                "BAD_USER_INPUT");
        assertEquals(1, Database.count("SELECT count(*) FROM social_posts WHERE author_id = ?", aliceId));
    }
}
