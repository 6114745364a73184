package dev.offlinefirst.server.portability;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import dev.offlinefirst.server.isolation.Viewer;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code GET /export} with a bearer token: the same document as {@code exportMyData}, streamed as it is
 * read (chunked), for exports too large to hold in one GraphQL answer. A chunk is written only when the
 * previous one has left, so a slow client holds back the reading, not the server's memory.
 */
@ApplicationScoped
public class ExportRoute {

    private static final Logger LOG = Logger.getLogger(ExportRoute.class);

    private final DataExport export;
    private final PortabilityMetrics metrics;

    public ExportRoute(DataExport export, PortabilityMetrics metrics) {
        this.export = export;
        this.metrics = metrics;
    }

    void register(@Observes Router router) {
        router.get("/export").handler(this::stream);
    }

    private void stream(RoutingContext request) {
        QuarkusHttpUser.getSecurityIdentity(request, null)
                .map(identity -> Viewer.of(identity))
                .subscribe().with(viewer -> {
                    if (viewer.isEmpty()) {
                        request.response().setStatusCode(401).putHeader("WWW-Authenticate", "Bearer")
                                .putHeader("Content-Type", "application/json")
                                .end("{\"errors\":[{\"message\":\"Authentication required: send a valid bearer token\","
                                        + "\"extensions\":{\"code\":\"UNAUTHENTICATED\"}}]}");
                        return;
                    }
                    HttpServerResponse response = request.response().setChunked(true)
                            .putHeader("Content-Type", "application/json")
                            .putHeader("Content-Disposition", "attachment; filename=\"export.json\"");
                    export.chunks(viewer.get().id())
                            .onItem().call(chunk -> Uni.createFrom().completionStage(
                                    response.write(chunk).toCompletionStage()))
                            .subscribe().with(ignored -> {
                            }, failure -> {
                                LOG.warnf("Export for %s stopped: %s", viewer.get().id(), failure.getMessage());
                                request.response().reset();
                            }, () -> {
                                metrics.exported(true);
                                response.end();
                            });
                }, failure -> request.fail(401));
    }
}
