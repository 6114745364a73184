package dev.offlinefirst.server.portability;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/** Exports, imports and clears in /q/metrics, counted when they succeed. */
@ApplicationScoped
public class PortabilityMetrics {

    private final Counter exports;
    private final Counter streamedExports;
    private final Counter imports;
    private final Counter importedRows;
    private final Counter clears;

    public PortabilityMetrics(MeterRegistry registry) {
        exports = Counter.builder("portability_exports").description("Data exports answered").tag("via", "graphql")
                .register(registry);
        streamedExports = Counter.builder("portability_exports").description("Data exports answered").tag("via", "http")
                .register(registry);
        imports = Counter.builder("portability_imports").description("Data imports committed").register(registry);
        importedRows = Counter.builder("portability_imported_rows").description("Rows written by data imports")
                .register(registry);
        clears = Counter.builder("portability_clears").description("Users' data cleared").register(registry);
    }

    void exported(boolean streamed) {
        (streamed ? streamedExports : exports).increment();
    }

    void imported(ImportResult result) {
        imports.increment();
        importedRows.increment(result.imported());
    }

    void cleared() {
        clears.increment();
    }
}
