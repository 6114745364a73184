package dev.offlinefirst.server.isolation;

import java.time.Duration;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import dev.offlinefirst.server.shared.Inputs;
import io.quarkus.arc.profile.IfBuildProfile;
import io.smallrye.jwt.build.Jwt;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Dev mode only: {@code GET /dev/token?userId=alice[&roles=admin]} answers a signed JWT for any user,
 * signed with the test-only key. The bean is not part of any other build.
 */
@IfBuildProfile("dev")
@ApplicationScoped
public class DevTokens {

    void register(@Observes Router router) {
        router.get("/dev/token").handler(this::issue);
    }

    private void issue(RoutingContext request) {
        String userId = request.queryParams().get("userId");
        if (userId == null || userId.isEmpty() || userId.length() > Inputs.MAX_ID_LENGTH) {
            request.response().setStatusCode(400).end("userId must be 1 to " + Inputs.MAX_ID_LENGTH + " characters\n");
            return;
        }
        String roles = request.queryParams().get("roles");
        Set<String> groups = roles == null ? Set.of()
                : Arrays.stream(roles.split(",")).map(String::trim).filter(r -> !r.isEmpty()).collect(Collectors.toSet());
        String token = Jwt.subject(userId).upn(userId).groups(groups).expiresIn(Duration.ofHours(12)).sign();
        request.response().putHeader("Content-Type", "text/plain").end(token + "\n");
    }
}
