package dev.offlinefirst.server.shared;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import org.junit.jupiter.api.Test;

import dev.offlinefirst.server.support.GraphQLClient;
import dev.offlinefirst.server.support.UserIds;
import io.quarkus.test.junit.QuarkusTest;

/** Health and metrics, as Kubernetes and Prometheus read them. */
@QuarkusTest
class OperationsEndpointsTest {

    @Test
    void livenessIsUp() {
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void readinessIncludesTheDatabase() {
        given().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem(containsString("Reactive PostgreSQL")));
    }

    @Test
    void metricsAreExposedForPrometheus() {
        GraphQLClient.as(UserIds.fresh("alice")).data("{ me { userId } }");
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("http_server_requests_seconds_count"))
                .body(containsString("uri=\"/graphql\""));
    }
}
