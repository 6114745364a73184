package dev.offlinefirst.server.isolation;

import java.util.Optional;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;

import dev.offlinefirst.server.shared.ApiException;
import io.quarkus.security.identity.CurrentIdentityAssociation;
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

    private final CurrentIdentityAssociation identities;
    private final InitPayloadToken initPayloadToken;

    @Inject
    public ViewerIsolationInterceptor(CurrentIdentityAssociation identities, InitPayloadToken initPayloadToken) {
        this.identities = identities;
        this.initPayloadToken = initPayloadToken;
    }

    /**
     * The identity is taken as a {@code Uni}: a batched {@code @Source} field can run before the
     * request's identity is resolved, and waiting for it on the event loop would fail (found under load:
     * "The current thread cannot be blocked"). It is asked for at invocation, before anything deferred runs.
     */
    @AroundInvoke
    Object isolate(InvocationContext invocation) throws Exception {
        Class<?> returnType = invocation.getMethod().getReturnType();
        Uni<Viewer> viewer = identities.getDeferredIdentity().map(ViewerIsolationInterceptor::viewerOf);
        if (Uni.class.equals(returnType)) {
            return viewer.chain(v -> ViewerScope.run(v, () -> (Uni<?>) invocation.proceed()));
        }
        if (Multi.class.equals(returnType)) {
            // A socket may carry its token as headers.Authorization in its init payload instead.
            Optional<String> nested = initPayloadToken.token();
            Uni<Viewer> streamViewer = identities.getDeferredIdentity().map(identity -> Viewer.of(identity)
                    .or(() -> nested.map(initPayloadToken::verify)).orElseThrow(ApiException::unauthenticated));
            return streamViewer.onItem().transformToMulti(v -> ViewerScope.stream(v, () -> (Multi<?>) invocation.proceed()));
        }
        throw new IllegalStateException("Resolvers must return Uni or Multi: " + invocation.getMethod());
    }

    static Viewer viewerOf(SecurityIdentity identity) {
        return Viewer.of(identity).orElseThrow(ApiException::unauthenticated);
    }
}
