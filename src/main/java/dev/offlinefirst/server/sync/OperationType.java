package dev.offlinefirst.server.sync;

import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import dev.offlinefirst.server.chat.MessageDraft;
import dev.offlinefirst.server.profile.ProfileChanges;
import dev.offlinefirst.server.social.PostInput;
import dev.offlinefirst.server.social.Visibility;

/**
 * The kinds of operation a client may queue offline. Each payload is the JSON of the matching
 * mutation's input and reads into its {@link Command}.
 */
enum OperationType {

    CREATE_MESSAGE("create_message", Set.of("clientId", "roomId", "content", "createdAt"),
            p -> new Command.SendMessage(new MessageDraft(p.string("clientId"), p.string("roomId"), p.string("content"),
                    p.optionalString("createdAt")))),
    UPDATE_PROFILE("update_profile", Set.of("displayName", "bio", "avatarUrl", "phoneNumber", "expectedVersion"),
            p -> new Command.UpdateProfile(new ProfileChanges(p.optionalString("displayName"), p.optionalString("bio"),
                    p.optionalString("avatarUrl"), p.optionalString("phoneNumber"), p.integer("expectedVersion")))),
    DELETE_POST("delete_post", Set.of("postId"), p -> new Command.DeletePost(p.string("postId"))),
    CREATE_POST("create_post", Set.of("postId", "content", "visibility"),
            p -> new Command.CreatePost(new PostInput(p.string("postId"), p.string("content"),
                    p.optionalEnum("visibility", Visibility.class)))),
    SET_SETTING("set_setting", Set.of("key", "value", "secret"),
            p -> new Command.SetSetting(p.string("key"), p.string("value"), p.optionalFlag("secret"))),
    DELETE_SETTING("delete_setting", Set.of("key"), p -> new Command.DeleteSetting(p.string("key")));

    private final String wireName;
    private final Set<String> fields;
    private final Function<Payload, Command> reader;

    OperationType(String wireName, Set<String> fields, Function<Payload, Command> reader) {
        this.wireName = wireName;
        this.fields = fields;
        this.reader = reader;
    }

    String wireName() {
        return wireName;
    }

    /** The command a payload carries; an invalid payload is a {@link Payload.InvalidPayload}. */
    Command read(String payload) {
        return reader.apply(Payload.parse(payload, fields));
    }

    static Optional<OperationType> byWireName(String name) {
        return Arrays.stream(values()).filter(type -> type.wireName.equals(name)).findFirst();
    }

    static String wireNames() {
        return Arrays.stream(values()).map(OperationType::wireName).toList().toString();
    }
}
