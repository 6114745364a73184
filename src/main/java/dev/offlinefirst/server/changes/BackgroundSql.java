package dev.offlinefirst.server.changes;

import java.util.Optional;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.PoolOptions;

/**
 * A small connection pool of this replica's own for its background work (the change stream reader,
 * the sync worker's queue scan, pruning, queue metrics), so that it never waits behind request
 * traffic and request metrics count requests only. Every statement sent through it is a system query
 * with no viewer: it must scope itself.
 */
@ApplicationScoped
public class BackgroundSql {

    private final Pool pool;

    public BackgroundSql(Vertx vertx,
            @ConfigProperty(name = "quarkus.datasource.reactive.url") String url,
            @ConfigProperty(name = "quarkus.datasource.username") String username,
            @ConfigProperty(name = "quarkus.datasource.password") Optional<String> password,
            ChangeStreamConfig config) {
        PgConnectOptions options = PgConnectOptions.fromUri(url).setUser(username).setPassword(password.orElse(""))
                .addProperty("application_name", config.connectionName());
        this.pool = Pool.newInstance(PgBuilder.pool()
                .with(new PoolOptions().setMaxSize(3).setName("background"))
                .connectingTo(options)
                .using(vertx)
                .build());
    }

    public Pool pool() {
        return pool;
    }

    @PreDestroy
    void close() {
        pool.closeAndForget();
    }
}
