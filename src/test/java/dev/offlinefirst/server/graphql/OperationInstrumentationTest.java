package dev.offlinefirst.server.graphql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import graphql.analysis.MaxQueryDepthInstrumentation;
import graphql.execution.instrumentation.ChainedInstrumentation;
import graphql.execution.instrumentation.Instrumentation;
import graphql.execution.instrumentation.SimpleInstrumentation;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.tracing.TracingInstrumentation;

/** The flat chain skips per-field calls only for members that do nothing per field. */
class OperationInstrumentationTest {

    /** The hooks the flat chain answers itself instead of calling its members. */
    private static final Set<String> FIELD_HOOKS = Arrays.stream(OperationInstrumentation.class.getDeclaredMethods())
            .filter(method -> Modifier.isPublic(method.getModifiers()))
            .map(Method::getName)
            .collect(Collectors.toSet());
    private static final Set<Class<?>> DO_NOTHING = Set.of(Instrumentation.class, SimpleInstrumentation.class,
            SimplePerformantInstrumentation.class);

    @Test
    void noMemberOfTheFlatChainActsPerField() {
        assertEquals(7, FIELD_HOOKS.size(), "the per-field hooks the flat chain skips: " + FIELD_HOOKS);
        for (Class<?> member : OperationInstrumentation.PER_OPERATION) {
            List<String> overridden = Arrays.stream(member.getMethods())
                    .filter(method -> FIELD_HOOKS.contains(method.getName()))
                    .map(Method::getDeclaringClass)
                    .filter(declaring -> !DO_NOTHING.contains(declaring))
                    .map(Class::getName)
                    .toList();
            assertEquals(List.of(), overridden, member.getName() + " acts per field");
        }
    }

    @Test
    void aChainWithAnotherMemberStaysAPlainChain() {
        Instrumentation smallRye = new ChainedInstrumentation(List.of(new MaxQueryDepthInstrumentation(12)));
        Instrumentation flat = OperationInstrumentation.of(smallRye, new HttpSemantics(), new ErrorShaping());
        assertInstanceOf(OperationInstrumentation.class, flat);
        assertEquals(3, ((ChainedInstrumentation) flat).getInstrumentations().size(), "SmallRye's chain is flattened");

        Instrumentation traced = OperationInstrumentation.of(new ChainedInstrumentation(List.of(new TracingInstrumentation())),
                new ErrorShaping());
        assertNotEquals(OperationInstrumentation.class, traced.getClass());
    }
}
