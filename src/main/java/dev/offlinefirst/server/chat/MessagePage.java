package dev.offlinefirst.server.chat;

import java.util.List;

import dev.offlinefirst.server.shared.Cursor;

/** One page of a room's messages, newest first, and where the next page starts. */
public record MessagePage(List<ChatMessage> messages, boolean hasMore, Cursor next) {
}
