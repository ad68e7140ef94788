package io.github.lockspot.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.lockspot.analysis.flow.ClassAnalysis;
import io.github.lockspot.analysis.flow.ClassSummary;
import io.github.lockspot.analysis.flow.Events;
import io.github.lockspot.analysis.flow.MethodSummary;
import io.github.lockspot.fixtures.analysis.UpdateShapes;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link Events.FieldAccess#readBack()} on {@link UpdateShapes}: set on a write whose value arithmetic computed from
 * a read of the same field, and not on a write that only copies back what was read.
 */
class ReadBackTest {

    /** The fields that {@code method} writes back computed from their own read. */
    private static List<String> readBacks(String method) throws IOException {
        ClassSummary shapes = ClassAnalysis.analyze(HeldLocksTest.bytesOf(UpdateShapes.class));
        List<String> fields = new ArrayList<>();
        for (MethodSummary summary : shapes.methods()) {
            if (summary.method().name().equals(method)) {
                for (Events.FieldAccess access : summary.fieldAccesses()) {
                    if (access.readBack() != null) {
                        fields.add(access.name());
                    }
                }
            }
        }
        return fields;
    }

    @Test
    void computedWritesReadBack() throws IOException {
        assertEquals(List.of("count"), readBacks("increment"));
        assertEquals(List.of("seed"), readBacks("stepThroughALocal"));
        assertEquals(List.of("boxed"), readBacks("boxedIncrement"));
    }

    @Test
    void copiedWritesDoNot() throws IOException {
        assertEquals(List.of(), readBacks("lazyInitialisation"));
        assertEquals(List.of(), readBacks("saveAndRestore"));
    }
}
