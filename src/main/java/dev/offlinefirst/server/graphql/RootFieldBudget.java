package dev.offlinefirst.server.graphql;

import java.util.Map;

import dev.offlinefirst.server.shared.LimitsConfig;
import graphql.ExecutionResult;
import graphql.execution.AbortExecutionException;
import graphql.execution.instrumentation.InstrumentationContext;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationExecuteOperationParameters;
import graphql.language.Field;
import graphql.language.FragmentDefinition;
import graphql.language.FragmentSpread;
import graphql.language.InlineFragment;
import graphql.language.Selection;
import graphql.language.SelectionSet;
import io.quarkus.arc.Arc;

/**
 * Bounds the root fields of one operation, aliases and fragments included ({@link LimitsConfig#maxRootFields()}).
 * Each root field is resolved on a session and statements of its own, so a document of 200 aliases of
 * {@code profile(userId:)} cost 200 statements in 200 sessions (0.5 to 0.7 s of server time) while the
 * complexity budget, which counts fields, let it through. Refused before anything runs, with
 * {@code BAD_USER_INPUT} (an aborted execution, see {@link ErrorShaping}).
 */
final class RootFieldBudget extends SimplePerformantInstrumentation {

    /** The limit, read once: SmallRye's eventing SPI builds this outside CDI. */
    private volatile int most;

    @Override
    public InstrumentationContext<ExecutionResult> beginExecuteOperation(InstrumentationExecuteOperationParameters parameters,
            InstrumentationState state) {
        var execution = parameters.getExecutionContext();
        int most = most();
        int fields = count(execution.getOperationDefinition().getSelectionSet(), execution.getFragmentsByName(), most);
        if (fields > most) {
            throw new AbortExecutionException("An operation may have at most " + most
                    + " root fields (aliases and fragments included); send the rest in another request");
        }
        return super.beginExecuteOperation(parameters, state);
    }

    private int most() {
        if (most == 0) {
            most = Arc.container().instance(LimitsConfig.class).get().maxRootFields();
        }
        return most;
    }

    /** The fields of a root selection set through its fragments, counted up to one past {@code most}. */
    private static int count(SelectionSet selections, Map<String, FragmentDefinition> fragments, int most) {
        int fields = 0;
        for (Selection<?> selection : selections.getSelections()) {
            if (fields > most) {
                break;
            }
            if (selection instanceof Field) {
                fields++;
            } else if (selection instanceof InlineFragment inline) {
                fields += count(inline.getSelectionSet(), fragments, most - fields);
            } else if (selection instanceof FragmentSpread spread && fragments.get(spread.getName()) != null) {
                fields += count(fragments.get(spread.getName()).getSelectionSet(), fragments, most - fields);
            }
        }
        return fields;
    }
}
