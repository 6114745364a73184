package dev.offlinefirst.server.chat;

import java.util.Set;
import java.util.concurrent.CompletableFuture;

import jakarta.enterprise.context.ApplicationScoped;

import dev.offlinefirst.server.cache.CacheNames;
import dev.offlinefirst.server.cache.ChangeMarks;
import dev.offlinefirst.server.shared.CacheEntries;
import dev.offlinefirst.server.shared.Cursor;
import dev.offlinefirst.server.shared.Slice;
import io.quarkus.cache.Cache;
import io.quarkus.cache.CacheName;
import io.quarkus.cache.CaffeineCache;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

/**
 * Pages of a room's messages, newest first. The newest page, the read every client makes on opening a
 * room, is the same for every member, so it is cached once per room and page size, together with the
 * room's members, and handed only to them; it is forgotten when a message lands in the room or its
 * membership changes. Older pages are read from the database.
 */
@ApplicationScoped
public class MessagePages {

    private final MessageRepository messages;
    private final RoomRepository rooms;
    private final ChangeMarks marks;
    private final CaffeineCache newestPages;

    public MessagePages(MessageRepository messages, RoomRepository rooms, ChangeMarks marks,
            @CacheName(CacheNames.ROOM_PAGES) Cache newestPages) {
        this.messages = messages;
        this.rooms = rooms;
        this.marks = marks;
        this.newestPages = newestPages.as(CaffeineCache.class);
    }

    /**
     * The newest page as the viewer may see it: the room's cached page while nothing reached the room
     * since it was read and the viewer is among the members read with it; otherwise read anew under the
     * viewer's row filter, where a viewer outside the room finds no members and gets an empty page, which
     * is not kept.
     */
    public Uni<Slice<ChatMessage>> newest(String viewerId, RoomPageKey key) {
        CompletableFuture<MembersPage> cached = newestPages.getIfPresent(key);
        MembersPage page = cached == null ? null : cached.getNow(null);
        if (page != null && !key.isStaleSince(marks, page.readAt())) {
            return Uni.createFrom().item(page.shownTo(viewerId));
        }
        long readAt = marks.ticket();
        return Panache.withSession(() -> rooms.memberIds(key.roomId()).chain(members -> members.isEmpty()
                ? Uni.createFrom().item(new MembersPage(Slice.empty(), Set.of(), readAt))
                : read(key.roomId(), null, key.size()).map(slice -> new MembersPage(slice, Set.copyOf(members), readAt))))
                .invoke(read -> {
                    if (!read.members().isEmpty() && !key.isStaleSince(marks, readAt)) {
                        CacheEntries.keep(newestPages, key, read);
                    }
                })
                .map(read -> read.shownTo(viewerId));
    }

    /** A room's newest page, the members it may be shown to, and the tick at which its reading started. */
    record MembersPage(Slice<ChatMessage> slice, Set<String> members, long readAt) {

        Slice<ChatMessage> shownTo(String viewerId) {
            return members.contains(viewerId) ? slice : Slice.empty();
        }
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
