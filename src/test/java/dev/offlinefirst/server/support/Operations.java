package dev.offlinefirst.server.support;

import java.util.Map;
import java.util.TreeMap;

/**
 * One small document per operation of the API. {@code AuthenticationTest} checks this list against
 * the live schema, so a new operation cannot ship without being tested for anonymous access.
 */
public final class Operations {

    public static final Map<String, String> EVERY_OPERATION = new TreeMap<>(Map.of(
            "me", "{ me { userId } }",
            "profile", "{ profile(userId: \"someone\") { userId } }",
            "settings", "{ settings { key } }",
            "setting", "{ setting(key: \"theme\") { key } }",
            "updateProfile", "mutation { updateProfile(input: {expectedVersion: 0, bio: \"b\"}) { version } }",
            "setSetting", "mutation { setSetting(key: \"theme\", value: \"dark\") { key } }",
            "deleteSetting", "mutation { deleteSetting(key: \"theme\") }",
            "operations", "{ operations { id status } }"));

    private Operations() {
    }
}
