package dev.offlinefirst.server.sync;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import dev.offlinefirst.server.shared.ApiException;
import dev.offlinefirst.server.shared.Inputs;
import dev.offlinefirst.server.shared.LimitsConfig;
import dev.offlinefirst.server.shared.Timestamps;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/**
 * The viewer's offline queue as the server holds it: a push stores a whole batch durably and answers
 * at once; the {@link OperationWorker} applies it later. Operations that cannot be applied as sent are
 * stored FAILED with the reason, so the client sees why; a retried or discarded one changes status.
 */
@ApplicationScoped
public class OperationService {

    static final int DEFAULT_PAGE_SIZE = 50;
    public static final int MAX_TYPE_LENGTH = 32;

    private final OperationRepository operations;
    private final LimitsConfig limits;
    private final SyncConfig config;

    public OperationService(OperationRepository operations, LimitsConfig limits, SyncConfig config) {
        this.operations = operations;
        this.limits = limits;
        this.config = config;
    }

    @WithSession
    public Uni<List<SyncOperation>> list(String viewerId, OperationStatus status, Integer first) {
        int size = Inputs.pageSize(first, DEFAULT_PAGE_SIZE, limits.maxPageSize());
        return operations.listOf(viewerId, status, size);
    }

    /**
     * Stores the operations in one transaction and answers a receipt for each, in input order. An input
     * that cannot even be stored (too many, an id or type of the wrong length, an oversized payload)
     * refuses the whole push with {@code BAD_USER_INPUT}; an unknown type or an invalid payload is
     * stored FAILED with the reason. A clientOpId pushed before answers the stored operation as a
     * duplicate.
     */
    @WithTransaction
    public Uni<List<OperationReceipt>> push(String viewerId, List<OperationInput> inputs) {
        if (inputs.size() > config.maxPushSize()) {
            throw ApiException.badInput("ops may hold at most " + config.maxPushSize() + " operations");
        }
        Map<String, QueuedOperation> unique = new LinkedHashMap<>();
        for (int i = 0; i < inputs.size(); i++) {
            QueuedOperation operation = check("ops[" + i + "]", inputs.get(i));
            unique.putIfAbsent(operation.clientOpId(), operation);
        }
        if (unique.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return operations.insertNew(viewerId, List.copyOf(unique.values()), Timestamps.now())
                .chain(stored -> operations.byClientOpIds(viewerId, unique.keySet()).map(rows -> {
                    Map<String, SyncOperation> byClientOpId = rows.stream()
                            .collect(Collectors.toMap(op -> op.clientOpId, Function.identity()));
                    // The first mention of an id stored now is the original; every other mention is a duplicate.
                    Set<String> storedNow = new HashSet<>(stored);
                    List<OperationReceipt> receipts = new ArrayList<>();
                    for (OperationInput input : inputs) {
                        SyncOperation row = byClientOpId.get(input.clientOpId());
                        boolean duplicate = !storedNow.remove(input.clientOpId());
                        receipts.add(new OperationReceipt(row.clientOpId, String.valueOf(row.id), row.status, duplicate));
                    }
                    return receipts;
                }));
    }

    /** Puts a FAILED or CONFLICT operation back in the queue, with its retries counted from zero. */
    @WithTransaction
    public Uni<SyncOperation> retry(String viewerId, String id) {
        return owned(id).invoke(operation -> {
            if (operation.status != OperationStatus.FAILED && operation.status != OperationStatus.CONFLICT) {
                throw ApiException.conflict("Operation " + id + " is " + operation.status
                        + "; only FAILED or CONFLICT operations can be retried");
            }
            operation.status = OperationStatus.PENDING;
            operation.retryCount = 0;
            operation.lastError = null;
            operation.nextAttemptAt = Timestamps.now();
            operation.updatedAt = operation.nextAttemptAt;
        }).call(operations::flush);
    }

    /** Gives up an operation that has not been applied; discarding it again answers it unchanged. */
    @WithTransaction
    public Uni<SyncOperation> discard(String viewerId, String id) {
        return owned(id).invoke(operation -> {
            if (operation.status == OperationStatus.APPLIED) {
                throw ApiException.conflict("Operation " + id + " is already APPLIED and cannot be discarded");
            }
            if (operation.status != OperationStatus.DISCARDED) {
                operation.status = OperationStatus.DISCARDED;
                operation.updatedAt = Timestamps.now();
            }
        }).call(operations::flush);
    }

    /** The viewer's operation, locked; another user's looks exactly like a missing one. */
    private Uni<SyncOperation> owned(String id) {
        long operationId = operationId(id);
        return operations.lockOne(operationId)
                .onItem().ifNull().failWith(() -> ApiException.notFound("No operation " + id));
    }

    private static long operationId(String id) {
        Inputs.id("id", id);
        try {
            long value = Long.parseLong(id);
            if (value > 0) {
                return value;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw ApiException.badInput("id must be an operation id as returned by pushOperations");
    }

    private QueuedOperation check(String label, OperationInput input) {
        if (input == null) {
            throw ApiException.badInput(label + " must not be null");
        }
        String clientOpId = Inputs.id(label + ".clientOpId", input.clientOpId());
        String type = Inputs.text(label + ".type", input.type(), MAX_TYPE_LENGTH);
        if (input.entityId() != null) {
            Inputs.id(label + ".entityId", input.entityId());
        }
        if (input.payload() == null) {
            throw ApiException.badInput(label + ".payload must not be null");
        }
        Inputs.optionalText(label + ".payload", input.payload(), config.maxPayloadLength());
        String problem = problemWith(type, input.payload());
        return new QueuedOperation(clientOpId, type, input.entityId(), input.payload(),
                problem == null ? OperationStatus.PENDING : OperationStatus.FAILED, problem);
    }

    /** Why the worker could never apply this operation, or null when it may. */
    private static String problemWith(String type, String payload) {
        Optional<OperationType> known = OperationType.byWireName(type);
        if (known.isEmpty()) {
            return "Unknown operation type '" + type + "'; expected one of " + OperationType.wireNames();
        }
        try {
            known.get().read(payload);
            return null;
        } catch (Payload.InvalidPayload e) {
            return "Invalid " + type + " payload: " + e.getMessage();
        }
    }
}
