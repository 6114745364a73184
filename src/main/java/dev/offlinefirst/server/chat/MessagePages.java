package dev.offlinefirst.server.chat;

import jakarta.enterprise.context.ApplicationScoped;

import dev.offlinefirst.server.cache.CacheNames;
import dev.offlinefirst.server.cache.ChangeMarks;
import dev.offlinefirst.server.cache.RoomPageKey;
import dev.offlinefirst.server.shared.Cursor;
import dev.offlinefirst.server.shared.Slice;
import io.quarkus.cache.CacheInvalidate;
import io.quarkus.cache.CacheResult;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

/**
 * Pages of a room's messages, newest first. The newest page, the read every client makes on opening a
 * room, is cached per viewer and page size and forgotten when a message lands in the room or its
 * membership changes; older pages are read from the database.
 */
@ApplicationScoped
public class MessagePages {

    private final MessageRepository messages;
    private final ChangeMarks marks;

    public MessagePages(MessageRepository messages, ChangeMarks marks) {
        this.messages = messages;
        this.marks = marks;
    }

    /** The newest page, from the cache while no message or member change reached the room since it was read. */
    public Uni<Slice<ChatMessage>> newest(RoomPageKey key) {
        return cachedNewest(key).chain(page -> key.isStaleSince(marks, page.readAt())
                ? forget(key).chain(() -> cachedNewest(key))
                : Uni.createFrom().item(page))
                .map(ReadPage::slice);
    }

    @CacheResult(cacheName = CacheNames.ROOM_PAGES)
    @WithSession
    Uni<ReadPage> cachedNewest(RoomPageKey key) {
        long readAt = marks.ticket();
        return read(key.roomId(), null, key.size()).map(slice -> new ReadPage(slice, readAt));
    }

    @CacheInvalidate(cacheName = CacheNames.ROOM_PAGES)
    Uni<Void> forget(RoomPageKey key) {
        return Uni.createFrom().voidItem();
    }

    /** A page and the tick at which its reading started. */
    record ReadPage(Slice<ChatMessage> slice, long readAt) {
    }

    @WithSession
    public Uni<Slice<ChatMessage>> older(String roomId, String before, int size) {
        return read(roomId, before, size);
    }

    private Uni<Slice<ChatMessage>> read(String roomId, String before, int size) {
        return Slice.read(MessageService.CURSOR_KIND, "before", before, size,
                (cursor, limit) -> messages.page(roomId, cursor, limit), MessagePages::cursorOf);
    }

    static Cursor cursorOf(ChatMessage message) {
        return new Cursor(MessageService.CURSOR_KIND, message.createdAt, message.id);
    }
}
