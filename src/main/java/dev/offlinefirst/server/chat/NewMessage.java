package dev.offlinefirst.server.chat;

import java.time.Instant;

/** A checked message about to be written: the client's id, its room, content and time. */
public record NewMessage(String messageId, String roomId, String content, Instant createdAt) {
}
