package dev.offlinefirst.server.isolation;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;

import org.eclipse.microprofile.jwt.JsonWebToken;

import dev.offlinefirst.server.shared.Inputs;
import io.quarkus.security.identity.SecurityIdentity;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * The user a resolver acts for: the subject of the verified JWT, its roles and when the token expires
 * (long-lived subscriptions end then). It lives on the Vert.x context that {@link ViewerScope} gives
 * each resolver, where the row filters read it too.
 */
public record Viewer(String id, Set<String> roles, Instant validUntil) {

    static final String CONTEXT_KEY = Viewer.class.getName();

    public static final String ADMIN_ROLE = "admin";

    public boolean isAdmin() {
        return roles.contains(ADMIN_ROLE);
    }

    /**
     * The viewer a verified identity acts as: the subject of its JWT (1 to 64 characters), its roles and
     * the token's expiry; empty for an anonymous identity or any other principal.
     */
    public static Optional<Viewer> of(SecurityIdentity identity) {
        if (identity == null || identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken token)) {
            return Optional.empty();
        }
        return of(token, identity.getRoles());
    }

    /** The viewer a verified token acts as, with the token's groups as roles (see {@link #of(SecurityIdentity)}). */
    public static Optional<Viewer> of(JsonWebToken token) {
        return of(token, token.getGroups() == null ? Set.of() : token.getGroups());
    }

    private static Optional<Viewer> of(JsonWebToken token, Set<String> roles) {
        String subject = token.getSubject();
        if (!isUserId(subject)) {
            return Optional.empty();
        }
        Instant validUntil = token.getExpirationTime() > 0 ? Instant.ofEpochSecond(token.getExpirationTime()) : Instant.MAX;
        return Optional.of(new Viewer(subject, Set.copyOf(roles), validUntil));
    }

    /** Whether a token's subject can name a user: 1 to 64 characters. */
    public static boolean isUserId(String subject) {
        return subject != null && !subject.isEmpty() && subject.length() <= Inputs.MAX_ID_LENGTH;
    }

    /** The viewer of the running resolver; fails when code runs outside a {@link ViewerScope}. */
    public static Viewer current() {
        Context context = Vertx.currentContext();
        Viewer viewer = context == null ? null : context.getLocal(CONTEXT_KEY);
        if (viewer == null) {
            throw new IllegalStateException("No viewer on this context: the code ran outside a viewer scope");
        }
        return viewer;
    }
}
