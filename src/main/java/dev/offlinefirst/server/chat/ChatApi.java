package dev.offlinefirst.server.chat;

import java.util.List;

import org.eclipse.microprofile.graphql.DefaultValue;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;
import org.eclipse.microprofile.graphql.Source;

import dev.offlinefirst.server.isolation.Viewer;
import dev.offlinefirst.server.isolation.ViewerIsolated;
import dev.offlinefirst.server.profile.ProfileService;
import dev.offlinefirst.server.profile.SeenProfile;
import dev.offlinefirst.server.profile.ProfileView;
import io.smallrye.graphql.api.Subscription;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/** GraphQL resolvers of chat: rooms, members, messages and the live room stream. */
@GraphQLApi
@ViewerIsolated
public class ChatApi {

    private final RoomService rooms;
    private final MessageService messages;
    private final ProfileService profiles;

    public ChatApi(RoomService rooms, MessageService messages, ProfileService profiles) {
        this.rooms = rooms;
        this.messages = messages;
        this.profiles = profiles;
    }

    @Query("rooms")
    @NonNull
    @Description("The rooms the viewer belongs to, newest first.")
    public Uni<List<@NonNull RoomView>> rooms() {
        return rooms.visibleRooms().map(list -> list.stream().map(RoomView::of).toList());
    }

    @Mutation("createRoom")
    @NonNull
    @Description("Creates a room with the viewer and memberIds in it; replaying the same roomId answers the same room.")
    public Uni<RoomView> createRoom(@NonNull RoomInput input) {
        return rooms.create(Viewer.current().id(), input.roomId(), input.title(), input.memberIds()).map(RoomView::of);
    }

    @Mutation("addRoomMember")
    @NonNull
    @Description("Adds a user to a room; only the room's creator may.")
    public Uni<RoomView> addRoomMember(@Id @NonNull String roomId, @Id @NonNull String userId) {
        return rooms.addMember(Viewer.current().id(), roomId, userId).map(RoomView::of);
    }

    @Mutation("removeRoomMember")
    @NonNull
    @Description("Removes a member: the creator removes anyone, anyone removes themself; false when they were not a member.")
    public Uni<Boolean> removeRoomMember(@Id @NonNull String roomId, @Id @NonNull String userId) {
        return rooms.removeMember(Viewer.current().id(), roomId, userId);
    }

    @Query("messages")
    @NonNull
    @Description("A room's messages, newest first; first is 1 to 100, before is the previous page's endCursor.")
    public Uni<MessageConnection> messages(@Id @NonNull String roomId, @DefaultValue("50") Integer first, String before) {
        String viewerId = Viewer.current().id();
        return messages.page(viewerId, roomId, first, before).map(page -> MessageConnection.of(page, viewerId));
    }

    @Mutation("sendMessage")
    @NonNull
    @Description("Sends a message as the viewer; sending the same clientId again answers the stored message.")
    public Uni<MessageView> sendMessage(@NonNull MessageInput input) {
        String viewerId = Viewer.current().id();
        return messages.send(viewerId, "input", List.of(input.toDraft()), false)
                .map(sent -> MessageView.of(sent.get(0), viewerId));
    }

    @Mutation("sendMessages")
    @NonNull
    @Description("Sends up to 1000 messages in one transaction; if any is invalid, none is written.")
    public Uni<List<@NonNull MessageView>> sendMessages(@NonNull List<@NonNull MessageInput> inputs) {
        String viewerId = Viewer.current().id();
        return messages.send(viewerId, "inputs", inputs.stream().map(MessageInput::toDraft).toList(), true)
                .map(sent -> sent.stream().map(m -> MessageView.of(m, viewerId)).toList());
    }

    @Subscription("roomMessages")
    @NonNull
    @Description("New messages of a room the viewer belongs to, as they land; ends when the token expires.")
    public Multi<MessageView> roomMessages(@Id @NonNull String roomId) {
        Viewer viewer = Viewer.current();
        return messages.follow(viewer.id(), roomId, viewer.validUntil()).map(m -> MessageView.of(m, viewer.id()));
    }

    @NonNull
    @Description("The room's members, in joining order.")
    public Uni<List<@NonNull List<@NonNull ProfileView>>> members(@Source List<RoomView> rooms) {
        return this.rooms.membersOf(Viewer.current().id(), rooms.stream().map(RoomView::roomId).toList())
                .map(byRoom -> rooms.stream()
                        .map(room -> byRoom.getOrDefault(room.roomId(), List.of()).stream().map(SeenProfile::view).toList())
                        .toList());
    }

    @Description("The sender's profile.")
    public Uni<List<ProfileView>> sender(@Source List<MessageView> messages) {
        return profiles.visibleFor(Viewer.current().id(), messages, MessageView::senderId);
    }
}
