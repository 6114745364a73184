package dev.offlinefirst.server.support;

import java.util.Map;
import java.util.TreeMap;

/**
 * One small document per operation of the API. {@code AuthenticationTest} checks this list against
 * the live schema, so a new operation cannot ship without being tested for anonymous access.
 */
public final class Operations {

    public static final Map<String, String> EVERY_OPERATION = new TreeMap<>(Map.ofEntries(
            Map.entry("me", "{ me { userId } }"),
            Map.entry("profile", "{ profile(userId: \"someone\") { userId } }"),
            Map.entry("settings", "{ settings { key } }"),
            Map.entry("setting", "{ setting(key: \"theme\") { key } }"),
            Map.entry("updateProfile", "mutation { updateProfile(input: {expectedVersion: 0, bio: \"b\"}) { version } }"),
            Map.entry("setSetting", "mutation { setSetting(key: \"theme\", value: \"dark\") { key } }"),
            Map.entry("deleteSetting", "mutation { deleteSetting(key: \"theme\") }"),
            Map.entry("operations", "{ operations { id status } }"),
            Map.entry("rooms", "{ rooms { roomId } }"),
            Map.entry("messages", "{ messages(roomId: \"r1\") { edges { messageId } } }"),
            Map.entry("createRoom", "mutation { createRoom(input: {roomId: \"r1\"}) { roomId } }"),
            Map.entry("addRoomMember", "mutation { addRoomMember(roomId: \"r1\", userId: \"u2\") { roomId } }"),
            Map.entry("removeRoomMember", "mutation { removeRoomMember(roomId: \"r1\", userId: \"u2\") }"),
            Map.entry("sendMessage", "mutation { sendMessage(input: {clientId: \"m1\", roomId: \"r1\", content: \"hi\"}) { messageId } }"),
            Map.entry("sendMessages", "mutation { sendMessages(inputs: [{clientId: \"m1\", roomId: \"r1\", content: \"hi\"}]) { messageId } }"),
            Map.entry("friends", "{ friends { userId } }"),
            Map.entry("requestFriend", "mutation { requestFriend(userId: \"u2\") { status } }"),
            Map.entry("respondFriend", "mutation { respondFriend(userId: \"u2\", accept: true) { status } }"),
            Map.entry("removeFriend", "mutation { removeFriend(userId: \"u2\") }"),
            Map.entry("createPost", "mutation { createPost(input: {postId: \"p1\", content: \"hi\"}) { postId } }"),
            Map.entry("deletePost", "mutation { deletePost(postId: \"p1\") }"),
            Map.entry("posts", "{ posts(authorId: \"u2\") { edges { postId } } }"),
            Map.entry("feed", "{ feed { edges { postId } } }"),
            Map.entry("invalidateCaches", "mutation { invalidateCaches }"),
            Map.entry("pushOperations", "mutation { pushOperations(ops: [{clientOpId: \"o1\", type: \"delete_setting\", payload: \"{}\"}]) { id } }"),
            Map.entry("retryOperation", "mutation { retryOperation(id: \"1\") { id } }"),
            Map.entry("discardOperation", "mutation { discardOperation(id: \"1\") { id } }"),
            Map.entry("changes", "{ changes { cursor } }"),
            Map.entry("exportMyData", "{ exportMyData }"),
            Map.entry("importMyData", "mutation { importMyData(data: \"{}\") { imported } }"),
            Map.entry("clearMyData", "mutation { clearMyData }"),
            Map.entry("resealSecrets", "mutation { resealSecrets }")));

    static {
        for (Replicate.Collection collection : Replicate.Collection.values()) {
            EVERY_OPERATION.put("pull" + collection.name, "{ pull%s(limit: 10) { resync } }".formatted(collection.name));
            EVERY_OPERATION.put("push" + collection.name, "mutation { push%s(rows: [{newDocumentState: {id: \"x\", deleted: false}}]) { id } }"
                    .formatted(collection.name));
        }
    }

    private Operations() {
    }
}
