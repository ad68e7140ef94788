package io.github.lockspot.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.lockspot.analysis.flow.ClassAnalysis;
import io.github.lockspot.analysis.flow.ClassSummary;
import io.github.lockspot.analysis.flow.Events;
import io.github.lockspot.analysis.flow.Hold;
import io.github.lockspot.analysis.flow.MethodSummary;
import io.github.lockspot.analysis.program.CallerLocks;
import io.github.lockspot.analysis.program.ProgramModel;
import io.github.lockspot.analysis.value.LockId;
import io.github.lockspot.analysis.value.Origin;
import io.github.lockspot.analysis.value.Site;
import io.github.lockspot.fixtures.analysis.GuardShapes;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Path facts on {@link GuardShapes}: which conditions decide whether an instruction runs
 * ({@link MethodSummary#guardsOf}), which paths reach a {@code finally}, and at which calls the callers of a method
 * miss a lock ({@link CallerLocks}).
 */
class GuardsTest {

    private static ProgramModel model;
    private static ClassSummary shapes;

    @BeforeAll
    static void analyse() throws IOException {
        shapes = ClassAnalysis.analyze(HeldLocksTest.bytesOf(GuardShapes.class));
        model = new ProgramModel();
        model.add(shapes);
    }

    private static MethodSummary method(String name) {
        for (MethodSummary method : shapes.methods()) {
            if (method.method().name().equals(name)) {
                assertNull(method.skipReason(), "analysis skipped " + name);
                return method;
            }
        }
        throw new AssertionError("no method " + name);
    }

    /** The guards of the one call to {@code observe} in {@code method}. */
    private static List<Events.Branch> guardsAt(String method, String observe) {
        MethodSummary summary = method(method);
        List<Events.Call> calls = summary.calls().stream().filter(c -> c.target().name().equals(observe)).toList();
        assertEquals(1, calls.size(), observe + " calls in " + method);
        return summary.guardsOf(calls.get(0).site());
    }

    private static String testedField(Events.Branch guard) {
        assertEquals(1, guard.tested().size(), guard.toString());
        Origin origin = guard.tested().iterator().next();
        return origin instanceof Origin.FieldRead read ? read.name() : ((Origin.CallRead) origin).name();
    }

    @Test
    void thenAndElseAreDecidedByTheirConditionAndCodeAfterwardsIsNot() {
        List<Events.Branch> then = guardsAt("ifElse", "observe1");
        List<Events.Branch> otherwise = guardsAt("ifElse", "observe2");
        assertEquals(1, then.size());
        assertEquals(1, otherwise.size());
        assertEquals(then.get(0).site(), otherwise.get(0).site(), "one condition decides both");
        assertEquals("ready", testedField(then.get(0)));
        assertEquals(List.of(), guardsAt("ifElse", "observe3"));
    }

    @Test
    void loopBodyIsDecidedByTheLoopConditionAndCodeAfterTheLoopIsNot() {
        assertEquals(1, guardsAt("loopBody", "observe1").size());
        assertEquals(List.of(), guardsAt("loopBody", "observe2"));
    }

    @Test
    void flagGuardDecidesEachCopyOfTheFinallyReleaseAndNotTheHandlerJavacPlacedInsideItsJump() {
        List<Events.Release> unlocks = method("flagSetOnAcquisition").releases();
        assertEquals(2, unlocks.size(), "javac copies the finally block");
        for (Events.Release unlock : unlocks) {
            List<Events.Branch> guards = method("flagSetOnAcquisition").guardsOf(unlock.site());
            assertEquals(1, guards.size(), "only its own if (locked): " + guards);
            assertEquals(List.of(), List.copyOf(guards.get(0).tested()), "a local flag comes from no field");
            Site lost = unlock.before().missingAt();
            assertTrue(lost == null || guards.get(0).site().insn() > lost.insn(),
                    "the flag is tested after the path lost the lock");
        }
        assertTrue(unlocks.stream().anyMatch(unlock -> !unlock.before().heldOnEveryPath()),
                "the exception path's copy is reached without the lock");
    }

    @Test
    void finallySeesOnlyPathsFromInstructionsThatCanThrow() {
        Hold onException = method("lockInsideTryAfterLocalWork").releases().stream().map(Events.Release::before)
                .filter(hold -> !hold.heldOnEveryPath()).findFirst().orElseThrow();
        // attempts++ at line 77 cannot throw; the first thing in the try that can is this.lock, read at line 78
        assertEquals(78, onException.missingAt().line());
    }

    @Test
    void testedValuesNameTheirFieldOrLockQuery() {
        assertEquals("isHeldByCurrentThread", testedField(guardsAt("lockQuery", "observe1").get(0)));
        assertEquals("readers", testedField(guardsAt("sharedCounter", "observe1").get(0)));
        assertTrue(guardsAt("nullCheck", "observe1").get(0).nullCheck());
        assertTrue(!guardsAt("nullCheck", "observe1").get(0).whenNull(), "if (value != null) runs on a value");
        assertTrue(!guardsAt("sharedCounter", "observe1").get(0).nullCheck());
    }

    @Test
    void callersMissingALockAreFoundThroughCallersThatLeaveItAlone() {
        MethodSummary helper = method("releaseHelper");
        LockId lock = helper.releases().get(0).lock();
        List<String> found = new ArrayList<>();
        for (CallerLocks.Unheld unheld : model.callerLocks().unheldCallers(helper.method(), lock)) {
            found.add(unheld.call().caller().method().name() + (unheld.fromOutside() ? " from outside" : " missing")
                    + " via " + unheld.chain().size());
            assertEquals("GuardShapes.lock", unheld.lock().display());
        }
        // holdsForHelper and holdsAroundPassThrough hold it; missesForHelper may not (lockInterruptibly may throw);
        // callsPassThroughBare reaches it through passesThrough and has no callers of its own.
        assertEquals(List.of("missesForHelper missing via 1", "callsPassThroughBare from outside via 2"), found);
    }

    @Test
    void lambdaRunAsACallbackSeesTheCallersThisAsItsOwn() {
        MethodSummary body = shapes.methods().stream().filter(m -> m.method().name().startsWith("lambda$"))
                .findFirst().orElseThrow();
        LockId monitor = body.monitorUses().get(0).lock();
        assertEquals("this (GuardShapes)", monitor.display());
        assertEquals(1, model.callersOf(body.method()).size(), "computeIfAbsent runs it");
        assertEquals(List.of(), model.callerLocks().unheldCallers(body.method(), monitor),
                "callbackUnderMonitor is synchronized");
    }
}
