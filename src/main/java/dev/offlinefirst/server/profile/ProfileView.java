package dev.offlinefirst.server.profile;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

/** The GraphQL {@code UserProfile} type; made by {@link ProfileAccess#show}, which decides what it holds. */
@Type("UserProfile")
@Description("A user's profile: the card (userId, displayName, avatarUrl) for everyone who may see it, bio for the owner and accepted friends, phoneNumber for the owner; a field the viewer may not see is null.")
public record ProfileView(
        @Id @NonNull String userId,
        String displayName,
        String bio,
        String avatarUrl,
        String phoneNumber,
        @Description("Increases by one with every change; send it back as expectedVersion.") int version,
        @NonNull String updatedAt) {

    /** Its fields by name, for an error's extensions (a CONFLICT answers the current profile). */
    public java.util.Map<String, Object> asMap() {
        java.util.Map<String, Object> fields = new java.util.LinkedHashMap<>();
        fields.put("userId", userId);
        fields.put("displayName", displayName);
        fields.put("bio", bio);
        fields.put("avatarUrl", avatarUrl);
        fields.put("phoneNumber", phoneNumber);
        fields.put("version", version);
        fields.put("updatedAt", updatedAt);
        return fields;
    }
}
