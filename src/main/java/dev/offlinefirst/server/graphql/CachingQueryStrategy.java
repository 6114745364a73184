package dev.offlinefirst.server.graphql;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import dev.offlinefirst.server.cache.ResponseCache;
import dev.offlinefirst.server.cache.ResponseKey;
import dev.offlinefirst.server.isolation.Viewer;
import graphql.ExecutionResult;
import graphql.execution.ExecutionContext;
import graphql.execution.ExecutionStrategy;
import graphql.execution.ExecutionStrategyParameters;
import graphql.execution.MergedField;
import graphql.language.Argument;
import graphql.language.IntValue;
import graphql.language.StringValue;
import graphql.language.Value;
import graphql.language.VariableReference;
import io.quarkus.arc.Arc;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.quarkus.security.identity.SecurityIdentity;

/**
 * The query strategy with the {@link ResponseCache} in front: a document whose root fields are all
 * cacheable is answered from the cache when it can be, and its error-free answer is kept otherwise.
 * Everything else, and every miss, runs through SmallRye's own strategy unchanged.
 */
final class CachingQueryStrategy extends ExecutionStrategy {

    private final ExecutionStrategy smallRye;
    private volatile ResponseCache responses;
    private volatile CurrentIdentityAssociation identities;

    CachingQueryStrategy(ExecutionStrategy smallRye) {
        this.smallRye = smallRye;
    }

    @Override
    public CompletableFuture<ExecutionResult> execute(ExecutionContext context, ExecutionStrategyParameters parameters) {
        ResponseCache cache = responses();
        Shown shown = cache.enabled() ? shownBy(context, parameters) : null;
        if (shown == null) {
            return smallRye.execute(context, parameters);
        }
        return identities().getDeferredIdentity().subscribeAsCompletionStage().thenCompose(identity -> {
            ResponseKey key = keyOf(context, shown, identity);
            if (key == null) {
                return smallRye.execute(context, parameters);
            }
            ExecutionResult cached = cache.get(key);
            if (cached != null) {
                return CompletableFuture.completedFuture(cached);
            }
            long ticket = cache.ticket();
            return smallRye.execute(context, parameters).thenApply(answer -> {
                // Field errors reach the context; graphql-java adds them to the answer after this strategy.
                if (context.getErrors().isEmpty() && answer.getErrors().isEmpty() && answer.getData() != null) {
                    cache.keep(key, answer, ticket);
                }
                return answer;
            });
        });
    }

    /** What a document whose root fields are all cacheable shows, or null for any other document. */
    private static Shown shownBy(ExecutionContext context, ExecutionStrategyParameters parameters) {
        Set<String> rooms = new HashSet<>();
        boolean people = false;
        for (MergedField field : parameters.getFields().getSubFieldsList()) {
            if (!ResponseCache.CACHEABLE_ROOT_FIELDS.contains(field.getName())) {
                return null;
            }
            if ("messages".equals(field.getName())) {
                String roomId = argument(context, field.getSingleField().getArguments(), "roomId");
                if (roomId == null) {
                    return null;
                }
                rooms.add(roomId);
            }
            people |= !"__typename".equals(field.getName());
        }
        return new Shown(Set.copyOf(rooms), people);
    }

    /** The key for an authenticated viewer (as resolvers see it), or null. */
    private static ResponseKey keyOf(ExecutionContext context, Shown shown, SecurityIdentity identity) {
        String operationName = context.getOperationDefinition().getName();
        return Viewer.of(identity).map(viewer -> new ResponseKey(viewer.id(), viewer.roles(),
                context.getExecutionInput().getQuery(), operationName == null ? "" : operationName,
                context.getCoercedVariables().toMap(), shown.rooms(), shown.people())).orElse(null);
    }

    /** The rooms whose messages a document shows, and whether it shows people. */
    private record Shown(Set<String> rooms, boolean people) {
    }

    private static String argument(ExecutionContext context, List<Argument> arguments, String name) {
        for (Argument argument : arguments) {
            if (name.equals(argument.getName())) {
                Value<?> value = argument.getValue();
                if (value instanceof VariableReference variable) {
                    Object coerced = context.getCoercedVariables().get(variable.getName());
                    return coerced instanceof String text ? text : null;
                }
                if (value instanceof StringValue text) {
                    return text.getValue();
                }
                return value instanceof IntValue number ? number.getValue().toString() : null;
            }
        }
        return null;
    }

    private ResponseCache responses() {
        if (responses == null) {
            responses = Arc.container().instance(ResponseCache.class).get();
        }
        return responses;
    }

    private CurrentIdentityAssociation identities() {
        if (identities == null) {
            identities = Arc.container().instance(CurrentIdentityAssociation.class).get();
        }
        return identities;
    }
}
