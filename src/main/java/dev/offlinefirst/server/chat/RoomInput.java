package dev.offlinefirst.server.chat;

import java.util.List;

import org.eclipse.microprofile.graphql.DefaultValue;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;

/** The GraphQL {@code RoomInput} type. */
@Input("RoomInput")
public record RoomInput(
        @Id @NonNull @Description("Made by the client; replaying it answers the same room.") String roomId,
        String title,
        @Id @DefaultValue("[]") @Description("Users to add besides the creator; each must exist.") List<@NonNull String> memberIds) {
}
