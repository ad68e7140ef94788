package io.github.lockspot.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.lockspot.analysis.api.LockApi;
import io.github.lockspot.analysis.api.Supertypes;
import io.github.lockspot.analysis.flow.ClassAnalysis;
import io.github.lockspot.analysis.flow.ClassSummary;
import io.github.lockspot.analysis.flow.Events;
import io.github.lockspot.analysis.flow.MethodSummary;
import io.github.lockspot.analysis.value.LockId;
import io.github.lockspot.analysis.value.LockKind;
import io.github.lockspot.analysis.value.ValuePath;
import io.github.lockspot.fixtures.analysis.LockSubclassShapes;
import io.github.lockspot.fixtures.analysis.SelfLockingSegment;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Calls on a user subclass of a JDK lock act as calls on that JDK lock once the subclass's supertypes are known; a
 * class extending a JDK lock ({@link SelfLockingSegment}) locks itself; Guava's {@code Monitor} is a lock.
 */
class LockSubclassTest {

    /** Subtyping as the test's own class path sees it. */
    private static boolean isSubtype(String type, String supertype) {
        try {
            ClassLoader loader = LockSubclassTest.class.getClassLoader();
            return Class.forName(supertype.replace('/', '.'), false, loader)
                    .isAssignableFrom(Class.forName(type.replace('/', '.'), false, loader));
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    private static MethodSummary signalling(Supertypes supertypes) throws IOException {
        ClassSummary shapes = ClassAnalysis.analyze(HeldLocksTest.bytesOf(LockSubclassShapes.class), supertypes);
        return shapes.methods().stream().filter(m -> m.method().name().equals("signalUnderSubclassLock"))
                .findFirst().orElseThrow();
    }

    @Test
    void subclassLockIsTakenHeldAndReleasedAsTheJdkLockItExtends() throws IOException {
        MethodSummary method = signalling(LockSubclassTest::isSubtype);

        assertEquals(1, method.acquisitions().size());
        LockId lock = method.acquisitions().get(0).lock();
        assertEquals("LockSubclassShapes.lock", lock.display());
        assertEquals(LockKind.LOCK, lock.kind());
        Events.MonitorUse signal = method.monitorUses().get(0);
        assertEquals(lock, signal.lock(), "the condition's lock");
        assertTrue(signal.held().holds(lock), "signal() runs with the subclass lock held");
        assertTrue(method.releases().stream().allMatch(release -> release.before().heldOnEveryPath()));
    }

    @Test
    void withoutItsSupertypesTheSubclassIsNoLock() throws IOException {
        MethodSummary method = signalling(Supertypes.JDK_ONLY);

        assertEquals(List.of(), method.acquisitions());
        assertEquals(List.of(), method.releases());
    }

    @Test
    void ownLockCallsOfALockSubclassAreLockCalls() throws IOException {
        ClassSummary segment = ClassAnalysis.analyze(HeldLocksTest.bytesOf(SelfLockingSegment.class));
        MethodSummary put = segment.methods().stream().filter(m -> m.method().name().equals("put")).findFirst()
                .orElseThrow();
        LockId self = new LockId(LockKind.LOCK, new ValuePath.This(segment.name()));
        assertEquals(1, put.acquisitions().size());
        assertEquals(self, put.acquisitions().get(0).lock());
        for (Events.FieldAccess access : put.fieldAccesses()) {
            assertTrue(access.held().holds(self), "count++ holds the segment's own lock: " + access);
        }
        for (Events.Release release : put.releases()) {
            assertTrue(release.before().heldOnEveryPath(), release.toString());
        }
    }

    @Test
    void guavaMonitorEnterAndLeaveAreLockCalls() {
        String monitor = "com/google/common/util/concurrent/Monitor";
        ValuePath field = new ValuePath.StaticField("Owner", "monitor", monitor);
        assertEquals(LockApi.Op.ACQUIRE, LockApi.effectOf(monitor, "enter", "()V", field).op());
        assertEquals(LockApi.Op.TRY_ACQUIRE, LockApi.effectOf(monitor, "enterIf",
                "(Lcom/google/common/util/concurrent/Monitor$Guard;)Z", field).op());
        assertEquals(LockApi.Op.RELEASE, LockApi.effectOf(monitor, "leave", "()V", field).op());
        assertEquals(LockKind.LOCK, LockApi.effectOf(monitor, "leave", "()V", field).lock().kind());
    }
}
