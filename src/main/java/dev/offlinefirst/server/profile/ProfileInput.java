package dev.offlinefirst.server.profile;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Input;

/** The GraphQL {@code ProfileInput} type. */
@Input("ProfileInput")
@Description("Changes to the viewer's profile: a null field stays as it is, an empty string clears it.")
public record ProfileInput(
        String displayName,
        String bio,
        String avatarUrl,
        String phoneNumber,
        @Description("The version the client last saw; a stale one is refused with CONFLICT.") int expectedVersion) {

    ProfileChanges toChanges() {
        return new ProfileChanges(displayName, bio, avatarUrl, phoneNumber, expectedVersion);
    }
}
