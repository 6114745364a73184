package dev.offlinefirst.server.sync;

import java.time.Instant;
import java.util.Collection;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.hibernate.LockMode;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;

/** A user's queued operations; every query sees the viewer's own operations only. */
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

    public Uni<List<SyncOperation>> byClientOpIds(String userId, Collection<String> clientOpIds) {
        return list("userId = ?1 and clientOpId in ?2", userId, clientOpIds);
    }

    /**
     * Stores the operations the user has not pushed before, in one statement; a clientOpId already
     * stored is left as it is. Returns the clientOpIds stored now.
     */
    public Uni<List<String>> insertNew(String userId, List<QueuedOperation> operations, Instant now) {
        StringBuilder values = new StringBuilder();
        for (int i = 0; i < operations.size(); i++) {
            values.append(i == 0 ? "" : ", ")
                    .append("(:user, :c").append(i).append(", :t").append(i).append(", :e").append(i)
                    .append(", :p").append(i).append(", :s").append(i).append(", :l").append(i)
                    .append(", :now, :now, :now)");
        }
        String sql = """
                INSERT INTO sync_operations (user_id, client_op_id, op_type, entity_id, payload, status, last_error,
                                             next_attempt_at, created_at, updated_at)
                VALUES %s
                ON CONFLICT (user_id, client_op_id) DO NOTHING
                RETURNING client_op_id""".formatted(values);
        return getSession().chain(session -> {
            var query = session.createNativeQuery(sql, String.class).setParameter("user", userId).setParameter("now", now);
            for (int i = 0; i < operations.size(); i++) {
                QueuedOperation operation = operations.get(i);
                query.setParameter("c" + i, operation.clientOpId())
                        .setParameter("t" + i, operation.type())
                        .setParameter("e" + i, operation.entityId())
                        .setParameter("p" + i, operation.payload())
                        .setParameter("s" + i, operation.status().name())
                        .setParameter("l" + i, operation.lastError());
            }
            return query.getResultList();
        });
    }

    /**
     * Locks the viewer's oldest pending operations, skipping rows another worker holds. The caller
     * checks that the first one is the head it expected: otherwise another worker has that user.
     */
    public Uni<List<SyncOperation>> lockPending(int limit) {
        return getSession().chain(session -> session
                .createSelectionQuery("from SyncOperation where status = :pending order by id", SyncOperation.class)
                .setParameter("pending", OperationStatus.PENDING)
                .setLockMode(LockMode.UPGRADE_SKIPLOCKED)
                .setMaxResults(limit)
                .getResultList());
    }

    /** Marks the viewer's operations applied. */
    public Uni<Integer> markApplied(Collection<Long> ids, Instant now) {
        return update("status = ?1, appliedAt = ?2, updatedAt = ?2, lastError = null where id in ?3",
                OperationStatus.APPLIED, now, ids);
    }

    /** One of the viewer's operations, locked against the worker and other devices. */
    public Uni<SyncOperation> lockOne(long id) {
        return getSession().chain(session -> session
                .createSelectionQuery("from SyncOperation where id = :id", SyncOperation.class)
                .setParameter("id", id)
                .setLockMode(LockMode.PESSIMISTIC_WRITE)
                .getSingleResultOrNull());
    }
}
