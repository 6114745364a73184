package dev.offlinefirst.server.isolation;

import java.time.Instant;
import java.util.Set;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;

import org.eclipse.microprofile.jwt.JsonWebToken;

import dev.offlinefirst.server.shared.ApiException;
import dev.offlinefirst.server.shared.Inputs;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * Runs every resolver of a {@link ViewerIsolated} class for the JWT subject: refuses anonymous calls
 * with {@code UNAUTHENTICATED} and otherwise runs the resolver in its own {@link ViewerScope}, where
 * each session it opens has the {@link ViewerFilter} on. It sits outside Panache's interceptors
 * (priority 200) and reads the identity before any deferred work runs.
 */
@ViewerIsolated
@Interceptor
@Priority(Interceptor.Priority.PLATFORM_BEFORE + 100)
public class ViewerIsolationInterceptor {

    private final SecurityIdentity identity;

    @Inject
    public ViewerIsolationInterceptor(SecurityIdentity identity) {
        this.identity = identity;
    }

    @AroundInvoke
    Object isolate(InvocationContext invocation) throws Exception {
        Class<?> returnType = invocation.getMethod().getReturnType();
        ApiException refusal = null;
        Viewer viewer = null;
        try {
            viewer = viewerOf(identity);
        } catch (ApiException e) {
            refusal = e;
        }
        if (Uni.class.equals(returnType)) {
            return refusal != null
                    ? Uni.createFrom().failure(refusal)
                    : ViewerScope.run(viewer, () -> (Uni<?>) invocation.proceed());
        }
        if (Multi.class.equals(returnType)) {
            return refusal != null
                    ? Multi.createFrom().failure(refusal)
                    : ViewerScope.stream(viewer, () -> (Multi<?>) invocation.proceed());
        }
        throw new IllegalStateException("Resolvers must return Uni or Multi: " + invocation.getMethod());
    }

    static Viewer viewerOf(SecurityIdentity identity) {
        if (identity == null || identity.isAnonymous()
                || !(identity.getPrincipal() instanceof JsonWebToken token)) {
            throw ApiException.unauthenticated();
        }
        String subject = token.getSubject();
        if (subject == null || subject.isEmpty() || subject.length() > Inputs.MAX_ID_LENGTH) {
            throw ApiException.unauthenticated();
        }
        Instant validUntil = token.getExpirationTime() > 0 ? Instant.ofEpochSecond(token.getExpirationTime()) : Instant.MAX;
        return new Viewer(subject, Set.copyOf(identity.getRoles()), validUntil);
    }
}
