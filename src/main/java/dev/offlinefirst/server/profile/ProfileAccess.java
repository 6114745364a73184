package dev.offlinefirst.server.profile;

import dev.offlinefirst.server.shared.Timestamps;

/**
 * How much of a profile a viewer sees, the one place field visibility is decided (DESIGN, "Who may
 * see what"): the card ({@code userId}, {@code displayName}, {@code avatarUrl}) to everyone who may see
 * the profile at all (the row filter of {@link UserProfile} decides that), the {@code bio} to the owner
 * and accepted friends, the {@code phoneNumber} to the owner only. A field the viewer may not see is null.
 */
public enum ProfileAccess {

    OWNER, FRIEND, CARD;

    public static ProfileAccess of(String viewerId, String ownerId, boolean acceptedFriend) {
        return viewerId.equals(ownerId) ? OWNER : acceptedFriend ? FRIEND : CARD;
    }

    /** The profile as seen with this access. */
    public ProfileView show(UserProfile profile) {
        return new ProfileView(profile.userId, profile.displayName, this == CARD ? null : profile.bio, profile.avatarUrl,
                this == OWNER ? profile.phoneNumber : null, profile.version, Timestamps.format(profile.updatedAt));
    }
}
