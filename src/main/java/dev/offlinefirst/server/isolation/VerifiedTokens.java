package dev.offlinefirst.server.isolation;

import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import javax.crypto.SecretKey;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;

import org.eclipse.microprofile.jwt.JsonWebToken;

import dev.offlinefirst.server.shared.CacheEntries;
import io.quarkus.cache.Cache;
import io.quarkus.cache.CacheName;
import io.quarkus.cache.CaffeineCache;
import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;

/**
 * The bearer-token parser Quarkus authenticates with, remembering each verified token until it
 * expires: a client sends the same token with every request, and checking its RS256 signature and
 * parsing its JSON again each time was about a tenth of the hot read's CPU. A token is only ever
 * remembered after the full verification succeeded, and never past its {@code exp}; a token whose
 * subject cannot be a user id is refused like a forged one. Everything else is the default parser's.
 */
@Alternative
@Priority(1)
@ApplicationScoped
public class VerifiedTokens implements JWTParser {

    public static final String CACHE = "verified-tokens";

    private final DefaultJWTParser verifier;
    private final CaffeineCache verified;

    public VerifiedTokens(DefaultJWTParser verifier, @CacheName(CACHE) Cache verified) {
        this.verifier = verifier;
        this.verified = verified.as(CaffeineCache.class);
    }

    @Override
    public JsonWebToken parse(String token) throws ParseException {
        CompletableFuture<JsonWebToken> known = verified.getIfPresent(token);
        JsonWebToken remembered = known == null ? null : known.getNow(null);
        if (remembered != null && Instant.now().getEpochSecond() < remembered.getExpirationTime()) {
            return remembered;
        }
        JsonWebToken fresh = verifier.parse(token);
        if (!Viewer.isUserId(fresh.getSubject())) {
            // One answer (401) for every token that cannot act as a user, not a per-field refusal.
            throw new ParseException("The token's subject is not a user id (1 to 64 characters)");
        }
        if (fresh.getExpirationTime() > 0) {
            CacheEntries.keep(verified, token, fresh);
        }
        return fresh;
    }

    @Override
    public JsonWebToken parse(String token, JWTAuthContextInfo context) throws ParseException {
        return verifier.parse(token, context);
    }

    @Override
    public JsonWebToken verify(String token, PublicKey key) throws ParseException {
        return verifier.verify(token, key);
    }

    @Override
    public JsonWebToken verify(String token, SecretKey key) throws ParseException {
        return verifier.verify(token, key);
    }

    @Override
    public JsonWebToken verify(String token, String secret) throws ParseException {
        return verifier.verify(token, secret);
    }

    @Override
    public JsonWebToken decrypt(String token, PrivateKey key) throws ParseException {
        return verifier.decrypt(token, key);
    }

    @Override
    public JsonWebToken decrypt(String token, SecretKey key) throws ParseException {
        return verifier.decrypt(token, key);
    }

    @Override
    public JsonWebToken decrypt(String token, String secret) throws ParseException {
        return verifier.decrypt(token, secret);
    }

    @Override
    public JsonWebToken parseOnly(String token) throws ParseException {
        return verifier.parseOnly(token);
    }
}
