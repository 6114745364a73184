package dev.offlinefirst.server.sync;

import java.lang.reflect.RecordComponent;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import dev.offlinefirst.server.changes.ChangeRow;
import dev.offlinefirst.server.changes.StreamEndings;
import dev.offlinefirst.server.chat.ChatMessage;
import dev.offlinefirst.server.chat.ChatRoom;
import dev.offlinefirst.server.chat.MessageView;
import dev.offlinefirst.server.chat.RoomMember;
import dev.offlinefirst.server.chat.RoomView;
import dev.offlinefirst.server.profile.ProfileView;
import dev.offlinefirst.server.profile.ProfileRepository;
import dev.offlinefirst.server.profile.SeenProfile;
import dev.offlinefirst.server.secrets.SecretBox;
import dev.offlinefirst.server.settings.SettingView;
import dev.offlinefirst.server.settings.UserSetting;
import dev.offlinefirst.server.shared.Timestamps;
import dev.offlinefirst.server.social.FriendConnection;
import dev.offlinefirst.server.social.FriendConnectionView;
import dev.offlinefirst.server.social.PostRepository;
import dev.offlinefirst.server.social.PostView;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;

/**
 * The current state of changed entities as the viewer may see them, loaded in the viewer's session so
 * that the row filters decide: an entity the viewer may not see (any more) is absent, and becomes a
 * tombstone. One query per kind of entity, whatever the number of changes. The JSON of an entity is
 * its GraphQL type's fields.
 */
@ApplicationScoped
@RegisterForReflection(targets = { ProfileView.class, SettingView.class, RoomView.class, CurrentState.MemberState.class,
        MessageView.class, PostView.class, FriendConnectionView.class, SyncOperationView.class })
class CurrentState {

    private final ProfileRepository profiles;
    private final PostRepository posts;
    private final SecretBox box;

    CurrentState(ProfileRepository profiles, PostRepository posts, SecretBox box) {
        this.profiles = profiles;
        this.posts = posts;
        this.box = box;
    }

    /** A room membership as delta sync describes it. */
    record MemberState(String roomId, String userId, String joinedAt) {
    }

    /** The JSON of each of these changes' entities that the viewer may see, by {@code entity/entityId}. */
    Uni<Map<String, JsonObject>> visible(String viewerId, Collection<ChangeRow> changes) {
        Map<String, List<ChangeRow>> byEntity = changes.stream().collect(Collectors.groupingBy(ChangeRow::entity));
        Map<String, JsonObject> found = new HashMap<>();
        Uni<Void> all = Uni.createFrom().voidItem();
        for (var entry : byEntity.entrySet()) {
            List<ChangeRow> rows = entry.getValue();
            all = all.chain(() -> load(viewerId, entry.getKey(), rows).invoke(found::putAll)).replaceWithVoid();
        }
        return all.replaceWith(found);
    }

    /** The entity's key fields, which a tombstone carries so that the client knows which row to drop. */
    static JsonObject keyOf(ChangeRow change) {
        String local = change.localId();
        return switch (change.entity()) {
            case "profile" -> new JsonObject().put("userId", change.ownerId());
            case "setting" -> new JsonObject().put("key", local);
            case "room" -> new JsonObject().put("roomId", change.entityId());
            case "room_member" -> new JsonObject().put("roomId", local).put("userId", change.ownerId());
            case "message" -> new JsonObject().put("messageId", local).put("senderId", change.ownerId()).put("roomId", change.roomId());
            case "post" -> new JsonObject().put("postId", local).put("authorId", change.ownerId());
            case "friend" -> new JsonObject().put("requesterId", change.ownerId()).put("addresseeId", local);
            case "operation" -> new JsonObject().put("id", local);
            case StreamEndings.ACCOUNT_ENTITY -> new JsonObject().put("userId", change.ownerId());
            default -> new JsonObject();
        };
    }

    private Uni<Map<String, JsonObject>> load(String viewerId, String entity, List<ChangeRow> rows) {
        Set<String> owners = rows.stream().map(ChangeRow::ownerId).collect(Collectors.toSet());
        Set<String> locals = rows.stream().map(ChangeRow::localId).collect(Collectors.toSet());
        return switch (entity) {
            case "profile" -> profiles.visibleAmong(viewerId, owners)
                    .map(list -> index(entity, list, p -> p.profile().userId, SeenProfile::view));
            case "setting" -> query(UserSetting.class, "from UserSetting where userId = :a and key in :b", viewerId, locals)
                    .map(list -> index(entity, list, s -> s.userId + "/" + s.key, s -> SettingView.of(s, box)));
            case "room" -> query(ChatRoom.class, "from ChatRoom where roomId in :a",
                    rows.stream().map(ChangeRow::entityId).collect(Collectors.toSet()), null)
                    .map(list -> index(entity, list, r -> r.roomId, RoomView::of));
            case "room_member" -> query(RoomMember.class, "from RoomMember where userId in :a and roomId in :b", owners, locals)
                    .map(list -> index(entity, list, m -> m.userId + "/" + m.roomId,
                            m -> new MemberState(m.roomId, m.userId, Timestamps.format(m.joinedAt))));
            case "message" -> query(ChatMessage.class, "from ChatMessage where senderId in :a and messageId in :b", owners, locals)
                    .map(list -> index(entity, list, m -> m.senderId + "/" + m.messageId, m -> MessageView.of(m, viewerId)));
            case "post" -> posts.inReach(viewerId, owners, locals)
                    .map(list -> index(entity, list, p -> p.authorId + "/" + p.postId, PostView::of));
            case "friend" -> query(FriendConnection.class, "from FriendConnection where requesterId in :a and addresseeId in :b",
                    owners, locals)
                    .map(list -> index(entity, list, f -> f.requesterId + "/" + f.addresseeId,
                            f -> FriendConnectionView.of(f, viewerId)));
            case "operation" -> query(SyncOperation.class, "from SyncOperation where id in :a",
                    locals.stream().map(Long::valueOf).toList(), null)
                    .map(list -> index(entity, list, o -> o.userId + "/" + o.id, SyncOperationView::of));
            default -> Uni.createFrom().item(Map.of());
        };
    }

    private static <T> Uni<List<T>> query(Class<T> type, String hql, Object a, Object b) {
        return Panache.getSession().chain(session -> {
            var query = session.createSelectionQuery(hql, type).setParameter("a", a);
            if (b != null) {
                query.setParameter("b", b);
            }
            return query.getResultList();
        });
    }

    private static <T> Map<String, JsonObject> index(String entity, List<T> rows, Function<T, String> idOf,
            Function<T, ? extends Record> view) {
        Map<String, JsonObject> byKey = new HashMap<>();
        for (T row : rows) {
            byKey.put(entity + "/" + idOf.apply(row), toJson(view.apply(row)));
        }
        return byKey;
    }

    /** A GraphQL type's fields as JSON: each record component by name, enums by name. */
    static JsonObject toJson(Record view) {
        JsonObject json = new JsonObject();
        for (RecordComponent component : view.getClass().getRecordComponents()) {
            try {
                Object value = component.getAccessor().invoke(view);
                json.put(component.getName(), value instanceof Enum<?> constant ? constant.name() : value);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("Cannot read " + component, e);
            }
        }
        return json;
    }
}
