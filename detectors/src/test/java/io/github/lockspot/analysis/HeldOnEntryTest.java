package io.github.lockspot.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.lockspot.analysis.flow.ClassAnalysis;
import io.github.lockspot.analysis.flow.ClassSummary;
import io.github.lockspot.analysis.flow.MethodSummary;
import io.github.lockspot.analysis.program.CallerLocks;
import io.github.lockspot.analysis.program.Construction;
import io.github.lockspot.analysis.program.ProgramModel;
import io.github.lockspot.analysis.value.LockId;
import io.github.lockspot.analysis.value.MethodRef;
import io.github.lockspot.fixtures.analysis.EntryLockShapes;
import java.io.IOException;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@link CallerLocks#heldOnEntry} and {@link Construction} on {@link EntryLockShapes}: which locks every caller holds, in the
 * callee's terms, and which methods run only during construction.
 */
class HeldOnEntryTest {

    private static ClassSummary shapes;
    private static ProgramModel model;
    private static CallerLocks entryLocks;

    @BeforeAll
    static void analyse() throws IOException {
        shapes = ClassAnalysis.analyze(HeldLocksTest.bytesOf(EntryLockShapes.class));
        model = new ProgramModel();
        model.add(shapes);
        entryLocks = model.callerLocks();
    }

    private static Set<String> heldOnEntry(String method) {
        Set<String> names = new TreeSet<>();
        for (MethodSummary summary : shapes.methods()) {
            if (summary.method().name().equals(method)) {
                for (LockId lock : entryLocks.heldOnEntry(summary.method())) {
                    names.add(lock.display());
                }
            }
        }
        return names;
    }

    @Test
    void lockHeldByEveryCallerAndItsCallers() {
        assertEquals(Set.of("EntryLockShapes.lock"), heldOnEntry("heldLock"), "other is held by one caller only");
        assertEquals(Set.of("EntryLockShapes.lock"), heldOnEntry("heldLockThroughCaller"));
        assertEquals(Set.of("EntryLockShapes.lock"), heldOnEntry("heldLockRecursive"));
    }

    @Test
    void lockHeldBySomeCallersOnlyOrByCallersOfAPublicMethodIsNot() {
        assertEquals(Set.of(), heldOnEntry("heldNothing"));
        assertEquals(Set.of(), heldOnEntry("publicHeldNothing"));
        assertEquals(Set.of("EntryLockShapes.GLOBAL"), heldOnEntry("heldGlobal"));
    }

    @Test
    void callersReceiverAndArgumentsBecomeTheCalleesThisAndParameters() {
        // callsPeerHoldingThis holds its own monitor and passes itself as the argument.
        assertEquals(Set.of("caller"), heldOnEntry("heldCallerArgument"));
    }

    @Test
    void methodsCalledOnlyFromTheConstructorOnThisRunDuringConstruction() {
        Set<String> names = new TreeSet<>();
        for (MethodRef method : Construction.onlyDuringConstruction(model)) {
            names.add(method.name());
        }
        assertEquals(Set.of("constructionOnly", "constructionOnlyThroughCaller"), names,
                "alsoCalledLater is called by reinitialise() too");
    }
}
