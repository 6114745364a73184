package dev.offlinefirst.server.chat;

import static dev.offlinefirst.server.support.Chat.PAGE;
import static dev.offlinefirst.server.support.Chat.SEND;
import static dev.offlinefirst.server.support.Chat.SEND_MANY;
import static dev.offlinefirst.server.support.Chat.message;
import static dev.offlinefirst.server.support.ErrorAssertions.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.offlinefirst.server.support.Chat;
import dev.offlinefirst.server.support.Database;
import dev.offlinefirst.server.support.TestUser;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

@QuarkusTest
class MessagesTest {

    private TestUser alice;
    private TestUser bob;
    private String roomId;

    @BeforeEach
    void aliceAndBobShareARoom() {
        alice = TestUser.create("alice");
        bob = TestUser.create("bob");
        Chat.users(alice.id(), bob.id());
        roomId = Chat.room(alice.id(), bob.id());
    }

    @Test
    void theSameClientIdSentTwiceMakesOneRowAndTheSameAnswer() {
        JsonPath first = alice.data(SEND, Map.of("input", message("m-1", roomId, "hello")));
        JsonPath retry = alice.data(SEND, Map.of("input", message("m-1", roomId, "hello")));

        assertEquals(first.getMap("sendMessage"), retry.getMap("sendMessage"));
        assertEquals(1, Database.count("SELECT count(*) FROM chat_messages WHERE sender_id = ? AND message_id = 'm-1'", alice.id()));
    }

    @Test
    void aBatchMixingARetryWithNewMessagesAnswersEachAsStored() {
        alice.data(SEND, Map.of("input", message("m-1", roomId, "hello")));

        JsonPath sent = alice.data("""
                mutation($inputs: [MessageInput!]!) { sendMessages(inputs: $inputs) { messageId content createdAt } }""",
                Map.of("inputs", List.of(message("m-1", roomId, "changed offline"), message("m-2", roomId, "new"),
                        message("m-2", roomId, "new, sent twice in one batch"))));

        assertEquals(List.of("hello", "new", "new"), sent.getList("sendMessages.content"));
        assertEquals(2, Database.count("SELECT count(*) FROM chat_messages WHERE sender_id = ?", alice.id()));
        // A new message is answered as a later read shows it.
        JsonPath read = bob.data("""
                query($roomId: ID!) { messages(roomId: $roomId) { edges { messageId content createdAt } } }""",
                Map.of("roomId", roomId));
        assertEquals(sent.getMap("sendMessages[1]"), read.getMap("messages.edges[0]"));
    }

    @Test
    void twoSendersMayUseTheSameClientId() {
        alice.data(SEND, Map.of("input", message("same", roomId, "from alice")));
        bob.data(SEND, Map.of("input", message("same", roomId, "from bob")));
        assertEquals(2, Database.count("SELECT count(*) FROM chat_messages WHERE room_id = ?", roomId));
    }

    @Test
    void isMineAndSenderAreComputedPerViewer() {
        alice.data(SEND, Map.of("input", message("m-1", roomId, "hello")));
        assertTrue(alice.data(PAGE, Map.of("roomId", roomId)).getBoolean("messages.edges[0].isMine"));
        JsonPath seenByBob = bob.data(PAGE, Map.of("roomId", roomId));
        assertFalse(seenByBob.getBoolean("messages.edges[0].isMine"));
        assertEquals(alice.id(), seenByBob.getString("messages.edges[0].sender.userId"));
    }

    @Test
    void theClientsTimeIsKeptAndAFutureTimeBecomesNow() {
        Map<String, Object> past = new HashMap<>(message("past", roomId, "written offline"));
        past.put("createdAt", "2024-03-01T10:15:30.123456+02:00");
        Map<String, Object> future = new HashMap<>(message("future", roomId, "clock skew"));
        future.put("createdAt", "2999-01-01T00:00:00Z");

        JsonPath sent = alice.data(SEND_MANY, Map.of("inputs", List.of(past, future)));

        assertEquals("2024-03-01T08:15:30.123456Z", sent.getString("sendMessages[0].createdAt"));
        Instant clamped = Instant.parse(sent.getString("sendMessages[1].createdAt"));
        assertTrue(Duration.between(clamped, Instant.now()).abs().toSeconds() < 60, "clamped to now: " + clamped);
    }

    @Test
    void aThousandMessagesAreWrittenInOneCall() {
        List<Map<String, Object>> batch = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            batch.add(message("bulk-" + i, roomId, "message " + i));
        }

        JsonPath sent = alice.data(SEND_MANY, Map.of("inputs", batch));

        assertEquals(1_000, sent.getList("sendMessages").size());
        assertEquals("bulk-999", sent.getString("sendMessages[999].messageId"));
        assertEquals(1_000, Database.count("SELECT count(*) FROM chat_messages WHERE room_id = ?", roomId));
        // Replaying the whole batch (an offline queue sent twice) changes nothing.
        alice.data(SEND_MANY, Map.of("inputs", batch));
        assertEquals(1_000, Database.count("SELECT count(*) FROM chat_messages WHERE room_id = ?", roomId));
    }

    @Test
    void aBatchOverTheLimitIsRefused() {
        List<Map<String, Object>> batch = new ArrayList<>();
        for (int i = 0; i < 1_001; i++) {
            batch.add(message("over-" + i, roomId, "x"));
        }
        assertError(alice.run(SEND_MANY, Map.of("inputs", batch)), "BAD_USER_INPUT");
        assertEquals(0, Database.count("SELECT count(*) FROM chat_messages WHERE room_id = ?", roomId));
    }

    @Test
    void aBatchWithOneInvalidItemWritesNothingAndNamesTheItem() {
        List<Map<String, Object>> batch = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            batch.add(message("b-" + i, roomId, i == 7 ? "" : "fine"));
        }
        String message = assertError(alice.run(SEND_MANY, Map.of("inputs", batch)), "BAD_USER_INPUT");
        assertTrue(message.contains("inputs[7].content"), message);

        batch.set(7, message("b-7", "no-such-room", "fine"));
        message = assertError(alice.run(SEND_MANY, Map.of("inputs", batch)), "NOT_FOUND");
        assertTrue(message.contains("inputs[7]"), message);

        assertEquals(0, Database.count("SELECT count(*) FROM chat_messages WHERE room_id = ?", roomId));
    }

    @Test
    void badMessagesAreRefusedAndWriteNothing() {
        assertError(alice.run(SEND, Map.of("input", message("e", roomId, ""))), "BAD_USER_INPUT");
        assertError(alice.run(SEND, Map.of("input", message("blank", roomId, "   "))), "BAD_USER_INPUT");
        assertError(alice.run(SEND, Map.of("input", message("long", roomId, "x".repeat(10_001)))), "BAD_USER_INPUT");
        assertError(alice.run(SEND, Map.of("input", message("x".repeat(65), roomId, "hi"))), "BAD_USER_INPUT");
        assertError(alice.run(SEND, Map.of("input", message("unknown-room", "no-such-room", "hi"))), "NOT_FOUND");
        Map<String, Object> badTime = new HashMap<>(message("t", roomId, "hi"));
        badTime.put("createdAt", "yesterday");
        assertError(alice.run(SEND, Map.of("input", badTime)), "BAD_USER_INPUT");

        assertEquals(0, Database.count("SELECT count(*) FROM chat_messages WHERE room_id = ?", roomId));
        assertEquals(10_000, alice.data(SEND, Map.of("input", message("max", roomId, "x".repeat(10_000))))
                .getString("sendMessage.content").length());
    }

    @Test
    void badPageRequestsAreRefused() {
        for (int first : new int[] { 0, 101, 100_000, -1 }) {
            assertError(alice.run(PAGE, Map.of("roomId", roomId, "first", first)), "BAD_USER_INPUT");
        }
        assertError(alice.run(PAGE, Map.of("roomId", roomId, "before", "not a cursor!")), "BAD_USER_INPUT");
        String otherKind = Base64.getUrlEncoder().withoutPadding()
                .encodeToString("posts:1700000000000000:5".getBytes(StandardCharsets.UTF_8));
        assertError(alice.run(PAGE, Map.of("roomId", roomId, "before", otherKind)), "BAD_USER_INPUT");
        assertError(alice.run(PAGE, Map.of("roomId", "r".repeat(65))), "BAD_USER_INPUT");
    }

    @Test
    void pagingThrough250MessagesReturnsEachOnceInOrderWhileOthersArrive() throws Exception {
        List<Map<String, Object>> batch = new ArrayList<>();
        Instant start = Instant.parse("2025-01-01T00:00:00Z");
        for (int i = 0; i < 250; i++) {
            Map<String, Object> item = new HashMap<>(message("old-" + i, roomId, "old " + i));
            // Pairs share a timestamp, so the id must break ties.
            item.put("createdAt", start.plusSeconds(i / 2).toString());
            batch.add(item);
        }
        alice.data(SEND_MANY, Map.of("inputs", batch));

        AtomicBoolean paging = new AtomicBoolean(true);
        ExecutorService sender = Executors.newSingleThreadExecutor();
        Future<Integer> arrivals = sender.submit(() -> {
            int sent = 0;
            while (paging.get()) {
                bob.data(SEND, Map.of("input", message("new-" + sent++, roomId, "live")));
            }
            return sent;
        });
        List<String> seen = new ArrayList<>();
        try {
            Map<String, Object> variables = new HashMap<>(Map.of("roomId", roomId, "first", 30));
            JsonPath page = alice.data(PAGE, variables);
            while (true) {
                seen.addAll(page.getList("messages.edges.messageId"));
                if (!page.getBoolean("messages.pageInfo.hasMore")) {
                    break;
                }
                variables.put("before", page.getString("messages.pageInfo.endCursor"));
                page = alice.data(PAGE, variables);
            }
        } finally {
            paging.set(false);
            sender.shutdown();
        }
        assertTrue(arrivals.get() > 0, "messages arrived during paging");

        List<String> old = seen.stream().filter(id -> id.startsWith("old-")).toList();
        List<String> expected = new ArrayList<>();
        for (int i = 249; i >= 0; i--) {
            expected.add("old-" + i);
        }
        assertEquals(expected, old, "each old message once, newest first");
        Set<String> unique = new HashSet<>(seen);
        assertEquals(seen.size(), unique.size(), "no message twice");
    }
}
