package dev.offlinefirst.server.graphql;

import java.util.concurrent.CompletableFuture;

import graphql.ExecutionResult;
import graphql.execution.AbortExecutionException;
import graphql.execution.instrumentation.InstrumentationContext;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationExecuteOperationParameters;
import graphql.execution.instrumentation.parameters.InstrumentationExecutionParameters;
import graphql.language.OperationDefinition;

/**
 * The part of GraphQL over HTTP that only execution knows: a GET request may run a query only (a GET
 * must not change anything, and caches and prefetchers replay them), and an answer without
 * {@code data} is a request error whose status depends on the media type. Reports both to the
 * request's {@link GraphQLExchange}, from which {@link GraphQLRequestGate} sets the status.
 */
final class HttpSemantics extends SimplePerformantInstrumentation {

    @Override
    public InstrumentationContext<ExecutionResult> beginExecuteOperation(InstrumentationExecuteOperationParameters parameters,
            InstrumentationState state) {
        GraphQLExchange exchange = GraphQLExchange.current();
        OperationDefinition.Operation operation = parameters.getExecutionContext().getOperationDefinition().getOperation();
        if (exchange != null && exchange.overGet() && operation != OperationDefinition.Operation.QUERY) {
            exchange.refuseOverGet();
            throw new AbortExecutionException(operation == OperationDefinition.Operation.SUBSCRIPTION
                    ? "Only queries may be sent with GET; subscribe over the websocket (graphql-transport-ws)"
                    : "Only queries may be sent with GET; send a mutation with POST");
        }
        return super.beginExecuteOperation(parameters, state);
    }

    @Override
    public CompletableFuture<ExecutionResult> instrumentExecutionResult(ExecutionResult result,
            InstrumentationExecutionParameters parameters, InstrumentationState state) {
        if (!result.isDataPresent()) {
            GraphQLExchange exchange = GraphQLExchange.current();
            if (exchange != null) {
                exchange.endedWithoutData();
            }
        }
        return CompletableFuture.completedFuture(result);
    }
}
