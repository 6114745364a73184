package dev.offlinefirst.server.profile;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

import dev.offlinefirst.server.shared.Timestamps;

/** The GraphQL {@code UserProfile} type. */
@Type("UserProfile")
@Description("A user's public face. Visible to its owner, accepted friends and room co-members.")
public record ProfileView(
        @Id @NonNull String userId,
        String displayName,
        String bio,
        String avatarUrl,
        String phoneNumber,
        @Description("Increases by one with every change; send it back as expectedVersion.") int version,
        @NonNull String updatedAt) {

    public static ProfileView of(UserProfile profile) {
        return profile == null ? null
                : new ProfileView(profile.userId, profile.displayName, profile.bio, profile.avatarUrl,
                        profile.phoneNumber, profile.version, Timestamps.format(profile.updatedAt));
    }
}
