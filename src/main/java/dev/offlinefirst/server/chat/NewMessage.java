package dev.offlinefirst.server.chat;

import java.time.Instant;

/** A checked message about to be written: the client's id, its room, content and time. */
public record NewMessage(String messageId, String roomId, String content, Instant createdAt) {

    /** The message as the sender's insert stored it (its server id and receipt time stay with the row). */
    ChatMessage sentBy(String senderId) {
        ChatMessage message = new ChatMessage();
        message.messageId = messageId;
        message.roomId = roomId;
        message.senderId = senderId;
        message.content = content;
        message.createdAt = createdAt;
        return message;
    }
}
