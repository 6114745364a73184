package dev.offlinefirst.server.chat;

/** A message as the client sent it, before any check. */
public record MessageDraft(String clientId, String roomId, String content, String createdAt) {
}
