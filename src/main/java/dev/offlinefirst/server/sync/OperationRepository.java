package dev.offlinefirst.server.sync;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;

/** A user's queued operations. */
@ApplicationScoped
public class OperationRepository implements PanacheRepositoryBase<SyncOperation, Long> {

    /** The user's operations in push order, optionally of one status. */
    public Uni<List<SyncOperation>> listOf(String userId, OperationStatus status, int limit) {
        Sort pushOrder = Sort.by("id");
        var query = status == null
                ? find("userId", pushOrder, userId)
                : find("userId = ?1 and status = ?2", pushOrder, userId, status);
        return query.page(Page.ofSize(limit)).list();
    }
}
