package io.github.lockspot.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.lockspot.fixtures.analysis.SelfLockingSegment;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/**
 * Locks the catalogue knows beyond the JDK's lock classes: a class extending a JDK lock ({@link SelfLockingSegment})
 * locking itself with its own {@code lock()} calls, and Guava's {@code Monitor}.
 */
class LockSubclassTest {

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
