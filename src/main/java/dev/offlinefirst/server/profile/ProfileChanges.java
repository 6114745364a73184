package dev.offlinefirst.server.profile;

/**
 * What a client asks to change on its profile. A null field is left as it is; an empty string clears
 * it. {@code expectedVersion} is the version the client last saw.
 */
public record ProfileChanges(String displayName, String bio, String avatarUrl, String phoneNumber,
        int expectedVersion) {
}
