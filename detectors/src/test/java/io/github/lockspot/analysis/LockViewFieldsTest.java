package io.github.lockspot.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.lockspot.analysis.flow.ClassAnalysis;
import io.github.lockspot.analysis.flow.ClassSummary;
import io.github.lockspot.analysis.flow.Events;
import io.github.lockspot.analysis.flow.Hold;
import io.github.lockspot.analysis.flow.MethodSummary;
import io.github.lockspot.fixtures.analysis.LockViewFieldShapes;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Fields holding {@code rwl.readLock()} / {@code rwl.writeLock()} are those halves, by {@link LockViewFieldShapes}. */
class LockViewFieldsTest {

    private static ClassSummary shapes;

    @BeforeAll
    static void analyse() throws IOException {
        shapes = ClassAnalysis.analyze(HeldLocksTest.bytesOf(LockViewFieldShapes.class));
    }

    /** The locks held at {@code observe()} in {@code method}, each as kind and name. */
    private static List<String> heldAtObserve(String method) {
        List<String> held = new ArrayList<>();
        for (MethodSummary summary : shapes.methods()) {
            if (summary.method().name().equals(method)) {
                for (Events.Call call : summary.calls()) {
                    if (call.target().name().equals("observe")) {
                        for (Hold hold : call.held().held()) {
                            held.add(hold.lock().toString());
                        }
                    }
                }
            }
        }
        return held;
    }

    @Test
    void readFieldIsTheReadHalf() {
        assertEquals(List.of("READ_LOCK LockViewFieldShapes.rwl.readLock()"), heldAtObserve("readThroughField"));
    }

    @Test
    void writeFieldIsTheWriteHalfOfTheSameLock() {
        assertEquals(List.of("WRITE_LOCK LockViewFieldShapes.rwl.writeLock()"), heldAtObserve("writeThroughField"));
    }
}
