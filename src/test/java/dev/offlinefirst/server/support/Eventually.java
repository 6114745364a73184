package dev.offlinefirst.server.support;

import java.time.Duration;
import java.util.function.Supplier;

/** Reads again until a value shows up: for what reaches a replica through the change stream. */
public final class Eventually {

    private Eventually() {
    }

    /** The value once it equals {@code expected}, or the last one read when {@code within} has passed. */
    public static String equalTo(String expected, Duration within, Supplier<String> read) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        String value = read.get();
        while (!expected.equals(value) && System.nanoTime() < deadline) {
            Thread.sleep(20);
            value = read.get();
        }
        return value;
    }
}
