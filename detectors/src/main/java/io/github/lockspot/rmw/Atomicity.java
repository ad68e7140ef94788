package io.github.lockspot.rmw;

import io.github.lockspot.analysis.flow.HeldLocks;
import io.github.lockspot.analysis.flow.Hold;
import io.github.lockspot.analysis.flow.MethodSummary;
import io.github.lockspot.analysis.program.ProgramModel;
import io.github.lockspot.analysis.value.LockId;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** Whether a read and the write derived from it happen under one hold of an exclusive lock. */
final class Atomicity {

    private Atomicity() {
    }

    /** Whether one of {@code locks} excludes other writers (not a read lock or a semaphore permit). */
    static boolean exclusive(List<LockId> locks) {
        return locks.stream().anyMatch(lock -> lock.kind().guardsWrites());
    }

    /**
     * The locks held throughout {@code method}: those every analysed caller holds, and the one its
     * {@code @GuardedBy} annotation says callers must hold.
     */
    static List<LockId> heldOnEntry(ProgramModel model, MethodSummary method) {
        List<LockId> locks = new ArrayList<>(model.callerLocks().heldByAnalysedCallers(method.method()));
        LockId declared = GuardDeclaration.heldOnEntry(method);
        if (declared != null) {
            locks.add(declared);
        }
        return locks;
    }

    /**
     * True if some exclusive lock is held from the read to the write without being released in between (the same
     * acquisition at both), or around the whole call of {@code method} ({@link #heldOnEntry}).
     */
    static boolean atomic(ProgramModel model, MethodSummary method, HeldLocks atRead, HeldLocks atWrite) {
        for (LockId lock : heldOnEntry(model, method)) {
            if (lock.kind().guardsWrites()) {
                return true;
            }
        }
        for (Hold hold : atWrite.held()) {
            Hold before = atRead.of(hold.lock());
            if (hold.lock().kind().guardsWrites() && before.heldOnEveryPath()
                    && Objects.equals(before.acquiredAt(), hold.acquiredAt())) {
                return true;
            }
        }
        return false;
    }
}
