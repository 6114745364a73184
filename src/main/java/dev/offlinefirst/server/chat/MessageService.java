package dev.offlinefirst.server.chat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import dev.offlinefirst.server.cache.CacheInvalidator;
import dev.offlinefirst.server.cache.Invalidation;
import dev.offlinefirst.server.changes.StreamEndings;
import dev.offlinefirst.server.changes.Topics;
import dev.offlinefirst.server.shared.ApiException;
import dev.offlinefirst.server.shared.Inputs;
import dev.offlinefirst.server.shared.LimitsConfig;
import dev.offlinefirst.server.shared.Slice;
import dev.offlinefirst.server.shared.Timestamps;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * Sending and reading messages. A message keeps its client's id, unique per sender, so an offline
 * retry never makes a second row; a batch is checked whole before anything is written.
 */
@ApplicationScoped
public class MessageService {

    static final String CURSOR_KIND = "messages";
    static final int DEFAULT_PAGE_SIZE = 50;

    private final MessageRepository messages;
    private final RoomRepository rooms;
    private final RoomService roomService;
    private final RoomMessageBus bus;
    private final StreamEndings endings;
    private final MessagePages pages;
    private final CacheInvalidator invalidator;
    private final LimitsConfig limits;

    public MessageService(MessageRepository messages, RoomRepository rooms, RoomService roomService,
            RoomMessageBus bus, StreamEndings endings, MessagePages pages, CacheInvalidator invalidator,
            LimitsConfig limits) {
        this.messages = messages;
        this.rooms = rooms;
        this.roomService = roomService;
        this.bus = bus;
        this.endings = endings;
        this.pages = pages;
        this.invalidator = invalidator;
        this.limits = limits;
    }

    /**
     * New messages of a room the viewer belongs to, until {@code until} (the token's expiry). A room the
     * viewer is not in fails with {@code NOT_FOUND} before anything is streamed; the stream fails with
     * {@code FORBIDDEN} when the viewer leaves the room or clears their data.
     */
    public Multi<ChatMessage> follow(String viewerId, String roomId, Instant until) {
        Multi<ChatMessage> live = roomService.visibleRoom(roomId).onItem().transformToMulti(room -> bus.messages(roomId));
        return endings.whileMember(viewerId, roomId, live).select().first(Topics.lifetimeUntil(until));
    }

    /**
     * Writes the messages the sender has not sent before, in one statement, and answers every message
     * in input order (a replayed one as it was first stored). {@code label} names the argument in errors.
     */
    @WithTransaction
    public Uni<List<ChatMessage>> send(String senderId, String label, List<MessageDraft> drafts, boolean batch) {
        if (batch && drafts.size() > limits.messageBatchMaxSize()) {
            throw ApiException.badInput(label + " may hold at most " + limits.messageBatchMaxSize() + " messages");
        }
        Map<String, NewMessage> checked = new LinkedHashMap<>();
        for (int i = 0; i < drafts.size(); i++) {
            NewMessage message = check(batch ? label + "[" + i + "]" : label, drafts.get(i));
            checked.putIfAbsent(message.messageId(), message);
        }
        if (checked.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        List<NewMessage> unique = new ArrayList<>(checked.values());
        Set<String> roomIds = unique.stream().map(NewMessage::roomId).collect(Collectors.toCollection(LinkedHashSet::new));
        return rooms.visibleRoomIds(senderId, roomIds)
                .invoke(visible -> requireRooms(label, drafts, batch, visible))
                .chain(() -> messages.insertNew(senderId, unique))
                .call(() -> invalidator.forget(Invalidation.messages(roomIds)))
                .chain(inserted -> {
                    if (inserted == unique.size()) {
                        return Uni.createFrom().item(drafts.stream()
                                .map(draft -> checked.get(draft.clientId()).sentBy(senderId)).toList());
                    }
                    // Some were sent before: every message is answered as it was first stored.
                    return messages.bySender(senderId, checked.keySet()).map(stored -> {
                        Map<String, ChatMessage> byId = new HashMap<>();
                        stored.forEach(message -> byId.put(message.messageId, message));
                        return drafts.stream().map(draft -> byId.get(draft.clientId())).toList();
                    });
                });
    }

    /** A page of a room's messages, newest first; a room the viewer is not in reads as empty. */
    public Uni<Slice<ChatMessage>> page(String viewerId, String roomId, Integer first, String before) {
        Inputs.id("roomId", roomId);
        int size = Inputs.pageSize(first, DEFAULT_PAGE_SIZE, limits.maxPageSize());
        return before == null ? pages.newest(viewerId, new RoomPageKey(roomId, size)) : pages.older(roomId, before, size);
    }

    private NewMessage check(String label, MessageDraft draft) {
        if (draft == null) {
            throw ApiException.badInput(label + " must not be null");
        }
        String clientId = Inputs.id(label + ".clientId", draft.clientId());
        String roomId = Inputs.id(label + ".roomId", draft.roomId());
        String content = Inputs.text(label + ".content", draft.content(), limits.messageMaxLength());
        if (content.isBlank()) {
            throw ApiException.badInput(label + ".content must not be blank");
        }
        return new NewMessage(clientId, roomId, content, Timestamps.clientTime(label + ".createdAt", draft.createdAt()));
    }

    private static void requireRooms(String label, List<MessageDraft> drafts, boolean batch, List<String> visible) {
        for (int i = 0; i < drafts.size(); i++) {
            String roomId = drafts.get(i).roomId();
            if (!visible.contains(roomId)) {
                throw ApiException.notFound((batch ? label + "[" + i + "]" : label) + ": no room " + roomId);
            }
        }
    }
}
