package dev.offlinefirst.server.support;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.util.KeyUtils;

/** Signed JWTs for tests: valid ones with the test key, and each kind the server must refuse. */
public final class Tokens {

    public static final String ISSUER = "https://offline-data-server";

    private Tokens() {
    }

    public static String forUser(String userId, String... roles) {
        return Jwt.issuer(ISSUER).subject(userId).groups(Set.of(roles)).expiresIn(Duration.ofMinutes(10)).sign();
    }

    public static String expired(String userId) {
        Instant past = Instant.now().minus(Duration.ofHours(2));
        return Jwt.issuer(ISSUER).subject(userId).issuedAt(past).expiresAt(past.plus(Duration.ofMinutes(5))).sign();
    }

    public static String wrongIssuer(String userId) {
        return Jwt.issuer("https://somebody-else").subject(userId).expiresIn(Duration.ofMinutes(10)).sign();
    }

    public static String badSignature(String userId) {
        try {
            return Jwt.issuer(ISSUER).subject(userId).expiresIn(Duration.ofMinutes(10))
                    .sign(KeyUtils.readPrivateKey("keys/rogue-private.pem"));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
