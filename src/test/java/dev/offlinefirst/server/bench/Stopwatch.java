package dev.offlinefirst.server.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Times repeated runs of one action and prints percentiles, for benchmarks (never for assertions). */
final class Stopwatch {

    private Stopwatch() {
    }

    /** Runs {@code action} {@code warmup} times untimed, then {@code runs} times, and prints the figures. */
    static void measure(String name, int warmup, int runs, Runnable action) {
        for (int i = 0; i < warmup; i++) {
            action.run();
        }
        List<Double> millis = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            long start = System.nanoTime();
            action.run();
            millis.add((System.nanoTime() - start) / 1e6);
        }
        report(name, millis);
    }

    static void report(String name, List<Double> millis) {
        List<Double> sorted = new ArrayList<>(millis);
        Collections.sort(sorted);
        System.out.printf("BENCH %-42s n=%-4d p50=%8.2f ms  p95=%8.2f ms  max=%8.2f ms%n", name, sorted.size(),
                percentile(sorted, 50), percentile(sorted, 95), sorted.get(sorted.size() - 1));
    }

    private static double percentile(List<Double> sorted, int percent) {
        int index = (int) Math.ceil(percent / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(index, sorted.size() - 1)));
    }
}
