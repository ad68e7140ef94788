package io.github.lockspot.rmw;

import io.github.lockspot.analysis.flow.HeldLocks;
import io.github.lockspot.analysis.flow.Hold;
import io.github.lockspot.analysis.flow.MethodSummary;
import io.github.lockspot.analysis.program.ProgramModel;
import io.github.lockspot.analysis.value.LockId;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;

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
        return atomicUnder(model, method, atRead, atWrite, lock -> true);
    }

    /** {@link #atomic}, counting only the exclusive locks that {@code counts} accepts. */
    static boolean atomicUnder(ProgramModel model, MethodSummary method, HeldLocks atRead, HeldLocks atWrite,
            Predicate<LockId> counts) {
        for (LockId lock : heldOnEntry(model, method)) {
            if (lock.kind().guardsWrites() && counts.test(lock)) {
                return true;
            }
        }
        for (Hold hold : atWrite.held()) {
            Hold before = atRead.of(hold.lock());
            if (hold.lock().kind().guardsWrites() && counts.test(hold.lock()) && before.heldOnEveryPath()
                    && Objects.equals(before.acquiredAt(), hold.acquiredAt())) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether {@code held} may be {@code guard}: the same lock-graph node, or a lock the method cannot name precisely
     * (one its callers hold on a value of theirs), which may be the guard under another name.
     */
    static boolean mayBe(LockId guard, LockId held) {
        return !held.precise() || held.node().equals(guard.node());
    }

    /** One exclusive lock held from the read to the write, in the method or on entry to it; null if none is. */
    static LockId heldThroughout(ProgramModel model, MethodSummary method, HeldLocks atRead, HeldLocks atWrite) {
        List<LockId> candidates = heldOnEntry(model, method);
        atWrite.held().forEach(hold -> candidates.add(hold.lock()));
        for (LockId lock : candidates) {
            if (atomicUnder(model, method, atRead, atWrite, lock::equals)) {
                return lock;
            }
        }
        return null;
    }
}
