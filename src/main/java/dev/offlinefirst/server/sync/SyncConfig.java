package dev.offlinefirst.server.sync;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The offline operation queue and the worker that applies it. */
@ConfigMapping(prefix = "app.sync")
public interface SyncConfig {

    /** Most operations one pushOperations call accepts. */
    @WithDefault("1000")
    int maxPushSize();

    /** Longest operation payload, in characters. */
    @WithDefault("100000")
    int maxPayloadLength();

    /** How often the worker looks for due operations when no push wakes it ({@code off} disables it). */
    @WithDefault("30s")
    String workerEvery();

    /** Most users whose operations one worker round takes. */
    @WithDefault("64")
    int usersPerRound();

    /** Most operations of one user applied in one transaction. */
    @WithDefault("250")
    int operationsPerTransaction();

    /** How many users' transactions the worker runs at once. */
    @WithDefault("4")
    int concurrency();

    /** Retries after the first failed attempt before an operation is FAILED. */
    @WithDefault("3")
    int maxRetries();

    /** Delay before the first retry; it doubles with each retry, with up to 20 % jitter. */
    @WithDefault("2s")
    Duration retryBackoff();

    /** Longest delay between two retries. */
    @WithDefault("5m")
    Duration maxRetryBackoff();

    /** How often the queue gauges in /q/metrics are refreshed. */
    @WithDefault("10s")
    String metricsEvery();
}
