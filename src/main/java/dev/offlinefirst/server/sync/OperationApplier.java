package dev.offlinefirst.server.sync;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import dev.offlinefirst.server.chat.MessageDraft;
import dev.offlinefirst.server.chat.MessageService;
import dev.offlinefirst.server.profile.ProfileService;
import dev.offlinefirst.server.settings.SettingsService;
import dev.offlinefirst.server.shared.ApiException;
import dev.offlinefirst.server.social.PostService;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * Applies one user's queued operations, in order, in the caller's transaction, through the same
 * services as the direct mutations: isolation, idempotency and cache invalidation hold exactly as for
 * a direct call. Consecutive messages can go in one batch insert.
 */
@ApplicationScoped
class OperationApplier {

    private final Command.Services services;

    OperationApplier(MessageService messages, ProfileService profiles, PostService posts, SettingsService settings) {
        this.services = new Command.Services(messages, profiles, posts, settings);
    }

    /**
     * Applies the operations one after another; the first failure stops the rest and fails with an
     * {@link OperationFailure} naming the operation (or the batch of messages it was part of).
     */
    Uni<Void> applyAll(String userId, List<SyncOperation> operations, boolean batchMessages) {
        return Multi.createFrom().iterable(steps(operations, batchMessages))
                .onItem().transformToUniAndConcatenate(step -> Uni.createFrom().deferred(() -> apply(userId, step))
                        .call(OperationApplier::forgetLoadedEntities)
                        .onFailure().transform(failure -> new OperationFailure(step.get(0).id, step.size() > 1, failure)))
                .collect().last().replaceWithVoid();
    }

    /** Runs of consecutive messages (when batching), every other operation on its own. */
    private static List<List<SyncOperation>> steps(List<SyncOperation> operations, boolean batchMessages) {
        List<List<SyncOperation>> steps = new ArrayList<>();
        for (SyncOperation operation : operations) {
            List<SyncOperation> last = steps.isEmpty() ? null : steps.get(steps.size() - 1);
            if (batchMessages && last != null && isMessage(operation) && isMessage(last.get(0))) {
                last.add(operation);
            } else {
                steps.add(new ArrayList<>(List.of(operation)));
            }
        }
        return steps;
    }

    private Uni<Void> apply(String userId, List<SyncOperation> step) {
        if (step.size() > 1) {
            List<MessageDraft> drafts = step.stream().map(operation -> command(operation).message().orElseThrow()).toList();
            return services.messages().send(userId, "payload", drafts, true).replaceWithVoid();
        }
        return command(step.get(0)).apply(userId, services);
    }

    /**
     * Writes what the step changed and empties the session: every query flushes first and checks every
     * entity the session holds, so a session that kept each operation's entities would make a batch
     * quadratic.
     */
    private static Uni<Void> forgetLoadedEntities() {
        return Panache.getSession().chain(session -> session.flush().invoke(session::clear));
    }

    private static boolean isMessage(SyncOperation operation) {
        return OperationType.byWireName(operation.type).orElse(null) == OperationType.CREATE_MESSAGE;
    }

    private static OperationType typeOf(SyncOperation operation) {
        return OperationType.byWireName(operation.type)
                .orElseThrow(() -> ApiException.badInput("Unknown operation type '" + operation.type + "'"));
    }

    private static Command command(SyncOperation operation) {
        try {
            return typeOf(operation).read(operation.payload);
        } catch (Payload.InvalidPayload e) {
            throw ApiException.badInput("Invalid " + operation.type + " payload: " + e.getMessage());
        }
    }

    /** An operation (or the batch of messages starting with it) failed; its transaction must not commit. */
    static final class OperationFailure extends RuntimeException {

        final long operationId;
        final boolean batch;

        OperationFailure(long operationId, boolean batch, Throwable cause) {
            super("Operation " + operationId + " failed", cause, false, false);
            this.operationId = operationId;
            this.batch = batch;
        }
    }
}
