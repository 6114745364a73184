package dev.offlinefirst.server.profile;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

import dev.offlinefirst.server.replication.ReplicatedDocument;

/**
 * A document of the {@code Profiles} collection (the viewer's own profile and the cards of the people
 * they know, with the fields the viewer may see), and its push input: the owner changes
 * {@code displayName}, {@code bio}, {@code avatarUrl} and {@code phoneNumber}; {@code version} and
 * {@code updatedAt} are derived and ignored on the way in.
 */
@Type("ReplicatedProfile")
@Input("ReplicatedProfileInput")
@Description("A profile as replicated: id is the userId; fields the viewer may not see are null.")
public record ReplicatedProfile(
        @Id @NonNull String id,
        @Id String userId,
        String displayName,
        String bio,
        String avatarUrl,
        String phoneNumber,
        Integer version,
        String updatedAt,
        boolean deleted) implements ReplicatedDocument {

    static ReplicatedProfile of(ProfileView view) {
        return new ReplicatedProfile(view.userId(), view.userId(), view.displayName(), view.bio(), view.avatarUrl(),
                view.phoneNumber(), view.version(), view.updatedAt(), false);
    }

    static ReplicatedProfile deleted(String id) {
        return new ReplicatedProfile(id, id, null, null, null, null, null, null, true);
    }
}
