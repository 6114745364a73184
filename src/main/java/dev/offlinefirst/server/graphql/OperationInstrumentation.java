package dev.offlinefirst.server.graphql;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import graphql.analysis.MaxQueryComplexityInstrumentation;
import graphql.analysis.MaxQueryDepthInstrumentation;
import graphql.execution.instrumentation.ChainedInstrumentation;
import graphql.execution.instrumentation.ExecuteObjectInstrumentationContext;
import graphql.execution.instrumentation.FieldFetchingInstrumentationContext;
import graphql.execution.instrumentation.Instrumentation;
import graphql.execution.instrumentation.InstrumentationContext;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.parameters.InstrumentationExecutionStrategyParameters;
import graphql.execution.instrumentation.parameters.InstrumentationFieldCompleteParameters;
import graphql.execution.instrumentation.parameters.InstrumentationFieldFetchParameters;
import graphql.execution.instrumentation.parameters.InstrumentationFieldParameters;
import graphql.schema.DataFetcher;
import io.smallrye.graphql.execution.QueryCache;

/**
 * This server's instrumentations (SmallRye's complexity and depth limits and document cache, then
 * {@link HttpSemantics} and {@link ErrorShaping}) as one flat chain that is called per operation, never
 * per field. None of them looks at single fields, yet graphql-java's chain calls every member around
 * every field and allocates its contexts (a page of 50 messages with senders has about 300 fields):
 * 15 % of the uncached page's CPU in its profile. A member of any other class (SmallRye adds federation
 * tracing when federation is on) may need those calls, so a chain holding one stays a plain chain.
 */
final class OperationInstrumentation extends ChainedInstrumentation {

    /** The members known to act per operation only; {@code OperationInstrumentationTest} checks each. */
    static final Set<Class<?>> PER_OPERATION = Set.of(MaxQueryComplexityInstrumentation.class,
            MaxQueryDepthInstrumentation.class, QueryCache.class, HttpSemantics.class, RootFieldBudget.class, ErrorShaping.class);

    private OperationInstrumentation(List<Instrumentation> members) {
        super(members);
    }

    /** SmallRye's instrumentation followed by {@code ours}, flattened, and per operation when every member allows it. */
    static Instrumentation of(Instrumentation smallRye, Instrumentation... ours) {
        List<Instrumentation> members = new ArrayList<>(smallRye instanceof ChainedInstrumentation chain
                ? chain.getInstrumentations() : List.of(smallRye));
        members.addAll(List.of(ours));
        return members.stream().allMatch(member -> PER_OPERATION.contains(member.getClass()))
                ? new OperationInstrumentation(members) : new ChainedInstrumentation(members);
    }

    // A null context is graphql-java's "nothing to do here" (SimplePerformantInstrumentation answers the same).

    @Override
    public ExecuteObjectInstrumentationContext beginExecuteObject(InstrumentationExecutionStrategyParameters parameters,
            InstrumentationState state) {
        return null;
    }

    @Override
    public InstrumentationContext<Object> beginFieldExecution(InstrumentationFieldParameters parameters, InstrumentationState state) {
        return null;
    }

    @Override
    public InstrumentationContext<Object> beginFieldFetch(InstrumentationFieldFetchParameters parameters, InstrumentationState state) {
        return null;
    }

    @Override
    public FieldFetchingInstrumentationContext beginFieldFetching(InstrumentationFieldFetchParameters parameters,
            InstrumentationState state) {
        return null;
    }

    @Override
    public InstrumentationContext<Object> beginFieldCompletion(InstrumentationFieldCompleteParameters parameters,
            InstrumentationState state) {
        return null;
    }

    @Override
    public InstrumentationContext<Object> beginFieldListCompletion(InstrumentationFieldCompleteParameters parameters,
            InstrumentationState state) {
        return null;
    }

    @Override
    public DataFetcher<?> instrumentDataFetcher(DataFetcher<?> dataFetcher, InstrumentationFieldFetchParameters parameters,
            InstrumentationState state) {
        return dataFetcher;
    }
}
