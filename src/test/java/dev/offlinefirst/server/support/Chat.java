package dev.offlinefirst.server.support;

import java.util.List;
import java.util.Map;

/** Chat fixtures through the API: rooms with members, and messages. */
public final class Chat {

    private Chat() {
    }

    /** Creates a room owned by {@code creator}; every member must have called {@code me} before. */
    public static String room(String creator, String... members) {
        String roomId = UserIds.fresh("room");
        GraphQLClient.as(creator).data("""
                mutation($input: RoomInput!) { createRoom(input: $input) { roomId } }""",
                Map.of("input", Map.of("roomId", roomId, "title", "Room " + roomId, "memberIds", List.of(members))));
        return roomId;
    }

    /** Makes the users exist (their first {@code me}). */
    public static void users(String... userIds) {
        for (String userId : userIds) {
            GraphQLClient.as(userId).data("{ me { userId } }");
        }
    }

    public static Map<String, Object> message(String clientId, String roomId, String content) {
        return Map.of("clientId", clientId, "roomId", roomId, "content", content);
    }

    public static final String SEND = """
            mutation($input: MessageInput!) { sendMessage(input: $input) { messageId roomId senderId content createdAt isMine } }""";

    public static final String SEND_MANY = """
            mutation($inputs: [MessageInput!]!) { sendMessages(inputs: $inputs) { messageId createdAt } }""";

    public static final String PAGE = """
            query($roomId: ID!, $first: Int, $before: String) {
              messages(roomId: $roomId, first: $first, before: $before) {
                edges { messageId content senderId isMine sender { userId displayName } }
                pageInfo { hasMore endCursor }
              }
            }""";
}
