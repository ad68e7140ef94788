package io.github.lockspot.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.lockspot.analysis.flow.ClassAnalysis;
import io.github.lockspot.analysis.flow.MethodSummary;
import io.github.lockspot.analysis.program.ProgramModel;
import io.github.lockspot.analysis.program.Reach;
import io.github.lockspot.analysis.program.TaskLaunch;
import io.github.lockspot.analysis.value.LockId;
import io.github.lockspot.analysis.value.MethodRef;
import io.github.lockspot.analysis.value.Site;
import io.github.lockspot.analysis.value.ValuePath;
import io.github.lockspot.fixtures.analysis.TaskAndCallerShapes;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The program-model queries about tasks and callers on {@link TaskAndCallerShapes}: loops, task launches (and whether
 * they start many copies), lambda captures, parallel streams as thread entry points, and the locks held on entry to
 * private methods.
 */
class TaskAndCallerQueriesTest {

    private static ProgramModel model;

    @BeforeAll
    static void analyse() throws IOException {
        model = new ProgramModel();
        model.add(ClassAnalysis.analyze(bytesOf(TaskAndCallerShapes.class)));
        model.add(ClassAnalysis.analyze(bytesOf(TaskAndCallerShapes.Job.class)));
    }

    /** The class file of {@code type}, nested classes included ({@code Outer$Inner.class}). */
    private static byte[] bytesOf(Class<?> type) throws IOException {
        String file = type.getName().substring(type.getName().lastIndexOf('.') + 1) + ".class";
        try (InputStream in = type.getResourceAsStream(file)) {
            return in.readAllBytes();
        }
    }

    private static MethodSummary method(String owner, String prefix) {
        List<MethodSummary> found = new ArrayList<>();
        for (MethodSummary method : model.classNamed(owner).methods()) {
            if (method.method().name().startsWith(prefix)) {
                found.add(method);
            }
        }
        assertEquals(1, found.size(), "methods named " + prefix + "*");
        return found.get(0);
    }

    private static MethodSummary method(String prefix) {
        return method(TaskAndCallerShapes.class.getName().replace('.', '/'), prefix);
    }

    private static List<TaskLaunch> launchesOf(MethodSummary task) {
        return model.taskLaunches().getOrDefault(task.method(), List.of());
    }

    private static List<String> heldByCallers(String prefix) {
        List<String> names = new ArrayList<>();
        for (LockId lock : model.callerLocks().heldByAnalysedCallers(method(prefix).method())) {
            names.add(lock.display());
        }
        return names;
    }

    @Test
    void aLambdaLaunchedOnceCapturesThisAndIsNotRepeated() {
        List<TaskLaunch> launches = launchesOf(method("lambda$launches$0"));
        assertEquals(1, launches.size());
        assertFalse(launches.get(0).repeated());
        assertEquals(23, launches.get(0).site().line(), "pool.execute(() -> counter++)");
        assertInstanceOf(ValuePath.This.class, launches.get(0).captured().get(0));
    }

    @Test
    void aLambdaLaunchedInALoopIsRepeatedAndCapturesWhatWasMadeBeforeTheLoop() {
        MethodSummary launcher = method("launches");
        List<TaskLaunch> launches = launchesOf(method("lambda$launches$1"));
        assertEquals(1, launches.size());
        TaskLaunch launch = launches.get(0);
        assertTrue(launch.repeated());
        ValuePath.NewObject list = assertInstanceOf(ValuePath.NewObject.class, launch.captured().get(0));
        assertEquals(24, list.site().line(), "the list made before the loop");
        assertTrue(launcher.inLoop(launch.site()));
        assertFalse(launcher.inSameLoop(list.site(), launch.site()));
    }

    @Test
    void aParallelStreamLambdaIsAThreadEntryPointOfManyCopies() {
        MethodRef body = method("lambda$parallelStream").method();
        Map<MethodRef, Site> entries = model.threadEntryPoints();
        assertTrue(entries.containsKey(body));
        assertEquals(32, entries.get(body).line());
        assertTrue(launchesOf(method("lambda$parallelStream")).get(0).repeated());
    }

    @Test
    void taskObjectsHandedToAnExecutorInALoopLaunchTheirRunMethodRepeatedly() {
        MethodSummary run = method(TaskAndCallerShapes.Job.class.getName().replace('.', '/'), "run");
        List<TaskLaunch> launches = launchesOf(run);
        assertEquals(1, launches.size());
        TaskLaunch launch = launches.get(0);
        assertTrue(launch.repeated());
        assertEquals(38, launch.site().line(), "pool.execute(new Job())");
        assertFalse(launch.isLambda());
        assertEquals(TaskAndCallerShapes.Job.class.getName().replace('.', '/'), launch.taskType());
    }

    @Test
    void privateHelperHoldsWhatEveryCallerHolds() {
        assertEquals(List.of("this (TaskAndCallerShapes)"), heldByCallers("lockedHelper"));
        assertEquals(List.of(), heldByCallers("mixedHelper"));
        assertEquals(List.of("parameter 1"), heldByCallers("staticHelper"), "the monitor of the argument it gets");
    }

    @Test
    void aCallbackLambdaHoldsTheLocksAroundTheCallThatRunsIt() {
        assertEquals(List.of("TaskAndCallerShapes.lock"), heldByCallers("lambda$callbackUnderLock"));
    }

    @Test
    void callsByTheConstructorOnItsOwnObjectNeedNoLock() {
        assertEquals(List.of("TaskAndCallerShapes.lock"), heldByCallers("calledByConstructorAndUnderLock"));
    }

    @Test
    void locksHeldAlongACallChainAreInTheTermsOfItsStart() {
        MethodRef start = method("callsHelperUnderThis").method();
        Reach<MethodRef> toHelper = model.reachable(start, "methods", summary -> List.of(summary.method())).stream()
                .filter(reach -> reach.event().name().equals("lockedHelper")).findFirst().orElseThrow();
        List<String> held = new ArrayList<>();
        ProgramModel.heldAlong(toHelper.chain()).forEach(lock -> held.add(lock.display()));
        assertEquals(List.of("this (TaskAndCallerShapes)"), held);
    }

    @Test
    void aMethodsGuardedByAnnotationIsRecorded() {
        assertEquals("lock", method("declaredToRunUnderLock").guardedBy());
    }

    @Test
    void methodsWithoutAnalysedCallersHoldNothing() {
        assertEquals(List.of(), heldByCallers("callsHelperUnderThis"));
    }

    @Test
    void aNonPrivateMethodHoldsWhatItsAnalysedCallersHold() {
        assertEquals(List.of("this (TaskAndCallerShapes)"), heldByCallers("calledOnlyUnderThis"));
    }
}
