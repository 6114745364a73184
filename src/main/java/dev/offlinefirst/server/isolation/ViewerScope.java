package dev.offlinefirst.server.isolation;

import java.util.concurrent.Callable;

import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * Runs reactive work for one viewer on a Vert.x context of its own: a fresh nested context, marked safe
 * for Hibernate Reactive, carrying the viewer. Each piece of work therefore opens its own session with
 * the row filter on, so sibling resolvers of one request never share a session (quarkus#32870,
 * hibernate-reactive#1607), and its result is handed back on the caller's context.
 */
public final class ViewerScope {

    private ViewerScope() {
    }

    public static <T> Uni<T> run(Viewer viewer, Callable<Uni<T>> work) {
        Context caller = Vertx.currentContext();
        return Uni.createFrom().deferred(() -> {
            Context own = contextFor(viewer, caller);
            Uni<T> onOwn = Uni.createFrom().deferred(() -> call(work))
                    .runSubscriptionOn(task -> own.runOnContext(ignored -> task.run()))
                    // The SQL client fails some statements with a Throwable that is no Exception
                    // (NoStackTraceThrowable); SmallRye GraphQL answers those with a null, not an error.
                    .onFailure(failure -> !(failure instanceof Exception))
                    .transform(failure -> new IllegalStateException(failure.getMessage(), failure));
            return onOwn.emitOn(task -> caller.runOnContext(ignored -> task.run()));
        });
    }

    public static <T> Multi<T> stream(Viewer viewer, Callable<Multi<T>> work) {
        Context caller = Vertx.currentContext();
        return Multi.createFrom().deferred(() -> {
            Context own = contextFor(viewer, caller);
            Multi<T> onOwn = Multi.createFrom().deferred(() -> call(work))
                    .runSubscriptionOn(task -> own.runOnContext(ignored -> task.run()));
            return onOwn.emitOn(task -> caller.runOnContext(ignored -> task.run()));
        });
    }

    private static Context contextFor(Viewer viewer, Context caller) {
        if (caller == null) {
            throw new IllegalStateException("A viewer scope must start on a Vert.x context");
        }
        Context own = VertxContext.newNestedContext(caller);
        VertxContextSafetyToggle.setContextSafe(own, true);
        own.putLocal(Viewer.CONTEXT_KEY, viewer);
        return own;
    }

    private static <T> T call(Callable<T> work) {
        try {
            return work.call();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
