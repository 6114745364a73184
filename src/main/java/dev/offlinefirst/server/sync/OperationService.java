package dev.offlinefirst.server.sync;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import dev.offlinefirst.server.shared.Inputs;
import dev.offlinefirst.server.shared.LimitsConfig;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

/** The viewer's offline queue as the server holds it. */
@ApplicationScoped
public class OperationService {

    static final int DEFAULT_PAGE_SIZE = 50;

    private final OperationRepository operations;
    private final LimitsConfig limits;

    public OperationService(OperationRepository operations, LimitsConfig limits) {
        this.operations = operations;
        this.limits = limits;
    }

    @WithSession
    public Uni<List<SyncOperation>> list(String viewerId, OperationStatus status, Integer first) {
        int size = Inputs.pageSize(first, DEFAULT_PAGE_SIZE, limits.maxPageSize());
        return operations.listOf(viewerId, status, size);
    }
}
