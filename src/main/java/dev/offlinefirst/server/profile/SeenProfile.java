package dev.offlinefirst.server.profile;

/** A profile a viewer may see, with how much of it they see; what the {@code profiles} cache holds. */
public record SeenProfile(UserProfile profile, ProfileAccess access) {

    public ProfileView view() {
        return access.show(profile);
    }

    /** The view of a profile that may be missing (not visible). */
    public static ProfileView viewOf(SeenProfile seen) {
        return seen == null ? null : seen.view();
    }
}
