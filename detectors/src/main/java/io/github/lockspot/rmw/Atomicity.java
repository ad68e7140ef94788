package io.github.lockspot.rmw;

import io.github.lockspot.analysis.HeldLocks;
import io.github.lockspot.analysis.Hold;
import io.github.lockspot.analysis.LockId;
import io.github.lockspot.analysis.MethodSummary;
import io.github.lockspot.analysis.ProgramModel;
import java.util.Objects;

/** Whether a read and the write derived from it happen under one hold of an exclusive lock. */
final class Atomicity {

    private Atomicity() {
    }

    /**
     * True if some exclusive lock is held from the read to the write without being released in between (the same
     * acquisition at both), or every caller of {@code method} holds one around the whole call.
     */
    static boolean atomic(ProgramModel model, MethodSummary method, HeldLocks atRead, HeldLocks atWrite) {
        for (LockId lock : model.heldOnEntry(method.method())) {
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
