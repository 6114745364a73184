package dev.offlinefirst.server.replication;

import static dev.offlinefirst.server.support.Replicate.doc;
import static dev.offlinefirst.server.support.Replicate.row;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.offlinefirst.server.support.Chat;
import dev.offlinefirst.server.support.Database;
import dev.offlinefirst.server.support.Replicate;
import dev.offlinefirst.server.support.Replicate.Collection;
import dev.offlinefirst.server.support.TestUser;
import io.quarkus.test.junit.QuarkusTest;

/** The Messages collection: pull, push and what neither lets another user do. */
@QuarkusTest
class MessageReplicationTest {

    @Test
    void aPushedMessageIsPulledByTheOtherMemberAndNobodyElse() {
        TestUser alice = TestUser.create("alice");
        TestUser bob = TestUser.create("bob");
        TestUser eve = TestUser.create("eve");
        String room = Chat.room(alice.id(), bob.id());
        String id = alice.id() + "/m1";
        Map<String, Object> message = doc("id", id, "messageId", "m1", "roomId", room, "senderId", alice.id(), "content", "hi");

        assertEquals(List.of(), Replicate.push(alice.client(), Collection.MESSAGES, List.of(row(null, message))));
        // a replay of the same create writes nothing more and answers nothing
        assertEquals(List.of(), Replicate.push(alice.client(), Collection.MESSAGES, List.of(row(null, message))));

        Map<String, Map<String, Object>> bobs = Replicate.pullAll(bob.client(), Collection.MESSAGES, null, Map.of());
        assertEquals(Map.of(id, "hi"), contents(bobs));
        assertEquals(false, bobs.get(id).get("isMine"));
        assertEquals(Map.of(), Replicate.pullAll(eve.client(), Collection.MESSAGES, null, Map.of()));
        assertEquals(1, Database.count("SELECT count(*) FROM chat_messages WHERE sender_id = ?", alice.id()));
    }

    @Test
    void aRefusedRowIsAnsweredWithItsMasterStateAndBlocksNothingAfterIt() {
        TestUser alice = TestUser.create("alice");
        TestUser eve = TestUser.create("eve");
        String room = Chat.room(alice.id());
        String evesRoom = Chat.room(eve.id());
        List<Map<String, Object>> answered = Replicate.push(eve.client(), Collection.MESSAGES, List.of(
                // into a room she is not in
                row(null, doc("id", eve.id() + "/x1", "messageId", "x1", "roomId", room, "senderId", eve.id(), "content", "intrude")),
                // as alice
                row(null, doc("id", alice.id() + "/x2", "messageId", "x2", "roomId", evesRoom, "senderId", alice.id(), "content", "forged")),
                // too long
                row(null, doc("id", eve.id() + "/x3", "messageId", "x3", "roomId", evesRoom, "senderId", eve.id(), "content", "y".repeat(10_001))),
                // and a good one after them
                row(null, doc("id", eve.id() + "/x4", "messageId", "x4", "roomId", evesRoom, "senderId", eve.id(), "content", "fine"))));
        assertEquals(List.of(eve.id() + "/x1", alice.id() + "/x2", eve.id() + "/x3"), answered.stream().map(d -> d.get("id")).toList());
        assertTrue(answered.stream().allMatch(d -> Boolean.TRUE.equals(d.get("deleted"))), () -> "answered " + answered);
        assertEquals(1, Database.count("SELECT count(*) FROM chat_messages WHERE sender_id = ?", eve.id()));
        assertEquals(0, Database.count("SELECT count(*) FROM chat_messages WHERE sender_id = ?", alice.id()));
    }

    @Test
    void aSentMessageNeverChangesAndACreatedThenDeletedOneIsNeverStored() {
        TestUser alice = TestUser.create("alice");
        String room = Chat.room(alice.id());
        Map<String, Object> sent = doc("id", alice.id() + "/s1", "messageId", "s1", "roomId", room, "senderId", alice.id(), "content", "first");
        Replicate.push(alice.client(), Collection.MESSAGES, List.of(row(null, sent)));
        List<Map<String, Object>> answered = Replicate.push(alice.client(), Collection.MESSAGES,
                List.of(row(sent, Replicate.with(sent, "content", "edited")), row(sent, Replicate.with(sent, "deleted", true)),
                        row(null, doc("id", alice.id() + "/gone", "messageId", "gone", "roomId", room, "content", "never", "deleted", true))));
        assertEquals(2, answered.size());
        assertTrue(answered.stream().allMatch(d -> "first".equals(d.get("content")) && Boolean.FALSE.equals(d.get("deleted"))));
        assertEquals(0, Database.count("SELECT count(*) FROM chat_messages WHERE message_id = 'gone'"));
    }

    @Test
    void leavingARoomTurnsItsMessagesIntoDeletedDocumentsOnTheNextPull() {
        TestUser alice = TestUser.create("alice");
        TestUser bob = TestUser.create("bob");
        String room = Chat.room(alice.id(), bob.id());
        alice.data(Chat.SEND, Map.of("input", Chat.message("c1", room, "hello")));
        String checkpoint = Replicate.pull(bob.client(), Collection.MESSAGES, null, 100).getString("checkpoint.cursor");
        bob.data("mutation($r: ID!, $u: ID!) { removeRoomMember(roomId: $r, userId: $u) }", Map.of("r", room, "u", bob.id()));
        List<Map<String, Object>> after = Replicate.pull(bob.client(), Collection.MESSAGES, checkpoint, 100).getList("documents");
        assertEquals(1, after.size(), () -> "after leaving: " + after);
        assertEquals(alice.id() + "/c1", after.get(0).get("id"));
        assertEquals(true, after.get(0).get("deleted"));
        assertFalse(after.get(0).containsValue("hello"));
    }

    private static Map<String, Object> contents(Map<String, Map<String, Object>> store) {
        Map<String, Object> contents = new java.util.HashMap<>();
        store.forEach((id, document) -> contents.put(id, document.get("content")));
        return contents;
    }
}
