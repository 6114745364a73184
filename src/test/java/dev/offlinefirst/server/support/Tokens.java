package dev.offlinefirst.server.support;

import java.security.PrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.util.KeyUtils;

/**
 * Signed JWTs for tests: valid ones with the test-only key, and each kind the server must refuse. Keys
 * are named explicitly, so this works the same in {@code @QuarkusTest} and against a packaged app.
 */
public final class Tokens {

    public static final String ISSUER = "https://offline-data-server";

    private static final PrivateKey TEST_KEY = key("keys/test-private.pem");
    private static final PrivateKey ROGUE_KEY = key("keys/rogue-private.pem");

    private Tokens() {
    }

    public static String forUser(String userId, String... roles) {
        return Jwt.issuer(ISSUER).subject(userId).groups(Set.of(roles)).expiresIn(Duration.ofMinutes(10)).sign(TEST_KEY);
    }

    public static String expiringIn(String userId, Duration lifetime) {
        return Jwt.issuer(ISSUER).subject(userId).expiresIn(lifetime).sign(TEST_KEY);
    }

    public static String expired(String userId) {
        Instant past = Instant.now().minus(Duration.ofHours(2));
        return Jwt.issuer(ISSUER).subject(userId).issuedAt(past).expiresAt(past.plus(Duration.ofMinutes(5))).sign(TEST_KEY);
    }

    public static String wrongIssuer(String userId) {
        return Jwt.issuer("https://somebody-else").subject(userId).expiresIn(Duration.ofMinutes(10)).sign(TEST_KEY);
    }

    public static String badSignature(String userId) {
        return Jwt.issuer(ISSUER).subject(userId).expiresIn(Duration.ofMinutes(10)).sign(ROGUE_KEY);
    }

    private static PrivateKey key(String resource) {
        try {
            return KeyUtils.readPrivateKey(resource);
        } catch (Exception e) {
            throw new IllegalStateException("Cannot read " + resource, e);
        }
    }
}
