package io.github.lockspot.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.lockspot.analysis.api.LockApi;
import io.github.lockspot.analysis.flow.ClassAnalysis;
import io.github.lockspot.analysis.flow.ClassSummary;
import io.github.lockspot.analysis.flow.Events;
import io.github.lockspot.analysis.flow.Hold;
import io.github.lockspot.analysis.flow.MethodSummary;
import io.github.lockspot.analysis.program.ProgramModel;
import io.github.lockspot.analysis.program.Reach;
import io.github.lockspot.analysis.value.LockKind;
import io.github.lockspot.analysis.value.MethodRef;
import io.github.lockspot.analysis.value.Names;
import io.github.lockspot.fixtures.analysis.HeldLockShapes;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The held-lock dataflow on {@link HeldLockShapes}: at each {@code observeN()} call, exactly which locks are held on
 * every path, by readable name; and how releases are classified.
 */
class HeldLocksTest {

    private static ProgramModel model;
    private static ClassSummary shapes;

    @BeforeAll
    static void analyse() throws IOException {
        shapes = ClassAnalysis.analyze(bytesOf(HeldLockShapes.class));
        model = new ProgramModel();
        model.add(shapes);
    }

    static byte[] bytesOf(Class<?> type) throws IOException {
        try (InputStream in = type.getResourceAsStream(type.getSimpleName() + ".class")) {
            return in.readAllBytes();
        }
    }

    private static MethodSummary method(String prefix) {
        List<MethodSummary> found = new ArrayList<>();
        for (MethodSummary method : shapes.methods()) {
            if (method.method().name().startsWith(prefix)) {
                found.add(method);
            }
        }
        assertEquals(1, found.size(), "methods named " + prefix + "*");
        assertNull(found.get(0).skipReason(), "analysis skipped " + prefix);
        return found.get(0);
    }

    /**
     * Names of the locks held on every path at the calls to {@code observe} in {@code method}; javac copies finally
     * blocks, so one source call may be several bytecode calls, which must all agree.
     */
    private static Set<String> heldAt(String method, String observe) {
        Set<Set<String>> seen = new java.util.HashSet<>();
        for (Events.Call call : method(method).calls()) {
            if (call.target().name().equals(observe)) {
                Set<String> names = new TreeSet<>();
                for (Hold hold : call.held().held()) {
                    names.add(hold.lock().display());
                }
                seen.add(names);
            }
        }
        assertEquals(1, seen.size(), "held sets at " + observe + " in " + method + ": " + seen);
        return seen.iterator().next();
    }

    private static List<Events.Release> releases(String method) {
        return method(method).releases();
    }

    @Test
    void nestedMonitorsAreHeldInsideTheirBlocksOnly() {
        assertEquals(Set.of("HeldLockShapes.a"), heldAt("nestedMonitors", "observe1"));
        assertEquals(Set.of("HeldLockShapes.a", "HeldLockShapes.b"), heldAt("nestedMonitors", "observe2"));
        assertEquals(Set.of("HeldLockShapes.a"), heldAt("nestedMonitors", "observe3"));
    }

    @Test
    void lockIsHeldInTryAndNotAfterUnlockInFinally() {
        assertEquals(Set.of("HeldLockShapes.lock"), heldAt("lockTryFinally", "observe1"));
        assertEquals(Set.of(), heldAt("lockTryFinally", "observe2"));
        // javac copies the finally block: one unlock on the normal path, one on the exception path; both held.
        List<Events.Release> unlocks = releases("lockTryFinally");
        assertEquals(2, unlocks.size());
        for (Events.Release unlock : unlocks) {
            assertTrue(unlock.before().heldOnEveryPath(), unlock.toString());
        }
    }

    @Test
    void lockTakenInsideTryIsMissingInFinallyOnTheExceptionPath() {
        assertEquals(Set.of("HeldLockShapes.lock"), heldAt("lockInsideTry", "observe1"));
        Events.Release onException = null;
        for (Events.Release unlock : releases("lockInsideTry")) {
            if (!unlock.before().heldOnEveryPath()) {
                onException = unlock;
            }
        }
        assertTrue(onException != null, "one unlock reachable without the lock");
        assertEquals(61, onException.before().missingAt().line(), "missing because lock() at line 61 may throw");
    }

    @Test
    void tryLockIsHeldOnlyOnItsTrueBranch() {
        assertEquals(Set.of("HeldLockShapes.lock"), heldAt("tryLockBranch", "observe1"));
        assertEquals(Set.of(), heldAt("tryLockBranch", "observe2"));
        assertEquals(Set.of(), heldAt("tryLockNegated", "observe1"));
        assertEquals(Set.of("HeldLockShapes.lock"), heldAt("tryLockNegated", "observe2"));
        for (Events.Release unlock : releases("tryLockBranch")) {
            assertTrue(unlock.before().heldOnEveryPath(), unlock.toString());
        }
    }

    @Test
    void ignoredTryLockResultLeavesTheLockHeldOnSomePathsOnly() {
        assertEquals(Set.of(), heldAt("ignoredTryLock", "observe1"));
        Hold beforeUnlock = releases("ignoredTryLock").get(0).before();
        assertEquals(0, beforeUnlock.min());
        assertEquals(1, beforeUnlock.max());
        assertEquals(93, beforeUnlock.missingAt().line(), "the ignored tryLock()");
    }

    @Test
    void secondUnlockIsNotHeldOnAnyPathAndPointsAtTheFirst() {
        List<Events.Release> unlocks = releases("doubleUnlock");
        assertEquals(2, unlocks.size());
        assertTrue(unlocks.get(0).before().heldOnEveryPath());
        assertEquals(0, unlocks.get(1).before().max());
        assertEquals(100, unlocks.get(1).before().missingAt().line());
    }

    @Test
    void lambdaCreatedUnderALockDoesNotHoldItInsideItsBody() {
        assertEquals(Set.of("this (HeldLockShapes)"), heldAt("lambdaUnderLock", "observe2"));
        assertEquals(Set.of(), heldAt("lambda$lambdaUnderLock", "observe1"));
        MethodRef body = method("lambda$lambdaUnderLock").method();
        assertTrue(model.threadEntryPoints().containsKey(body), "the lambda is handed to an executor");
        assertEquals(108, model.threadEntryPoints().get(body).line(), "launched by executor.execute");
    }

    @Test
    void readHalfOfAReadWriteLockIsNamedAsSuch() {
        assertEquals(Set.of("HeldLockShapes.rw.readLock()"), heldAt("readHalf", "observe1"));
        assertEquals(LockKind.READ_LOCK, releases("readHalf").get(0).lock().kind());
    }

    @Test
    void synchronizedMethodsHoldTheirReceiverOrClass() {
        assertEquals(Set.of("this (HeldLockShapes)"), heldAt("synchronizedMethod", "observe1"));
        assertEquals(Set.of("HeldLockShapes.class"), heldAt("staticSynchronized", "observe1"));
    }

    @Test
    void semaphorePermitIsHeldBetweenAcquireAndRelease() {
        assertEquals(Set.of("permits of HeldLockShapes.permits"), heldAt("semaphore", "observe1"));
    }

    @Test
    void waitAndAwaitReleaseAndRetakeTheirOwnLock() {
        assertEquals(Set.of("this (HeldLockShapes)"), heldAt("waitReleasesAndRetakes", "observe1"));
        Events.MonitorUse wait = method("waitReleasesAndRetakes").monitorUses().get(0);
        assertEquals(LockApi.Op.WAIT, wait.op());
        assertTrue(wait.held().holds(wait.lock()));
        assertEquals(Set.of("HeldLockShapes.lock"), heldAt("conditionAwait", "observe1"));
        Events.MonitorUse await = method("conditionAwait").monitorUses().get(0);
        assertEquals("HeldLockShapes.lock", await.lock().display(), "the condition's own lock");
        assertTrue(await.held().holds(await.lock()));
    }

    @Test
    void parameterLocksAreNamedByParameter() {
        assertEquals(Set.of("from", "to"), heldAt("parameterLocks", "observe1"));
    }

    @Test
    void stampedLockWriteModeIsHeldUntilUnlockWrite() {
        assertEquals(Set.of("HeldLockShapes.sl (write mode)"), heldAt("stamped", "observe1"));
        assertTrue(releases("stamped").get(0).before().heldOnEveryPath());
    }

    @Test
    void locksTakenInCalleesAreReachableWithTheirCallChain() {
        MethodRef caller = method("callsLockingHelper").method();
        List<Reach<Events.Acquisition>> reached = model.reachable(caller, "acquisitions", MethodSummary::acquisitions);
        assertEquals(2, reached.size());
        Reach<Events.Acquisition> inHelper = reached.get(1);
        assertEquals("HeldLockShapes.b", ProgramModel.inCallerTerms(inHelper.event().lock(), inHelper.chain()).display());
        assertEquals(1, inHelper.depth());
        assertEquals(178, inHelper.chain().get(0).site().line(), "the call to lockingHelper()");
    }
}
