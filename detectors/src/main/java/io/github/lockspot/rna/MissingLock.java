package io.github.lockspot.rna;

import edu.umd.cs.findbugs.Priorities;
import io.github.lockspot.analysis.flow.Events;
import io.github.lockspot.analysis.flow.Hold;
import io.github.lockspot.analysis.flow.MethodSummary;
import io.github.lockspot.analysis.value.LockId;
import io.github.lockspot.analysis.value.LockKind;
import io.github.lockspot.analysis.value.Origin;
import io.github.lockspot.analysis.value.Site;
import java.util.ArrayList;
import java.util.List;

/**
 * A path on which a method releases (or waits on, or signals) a lock it pairs itself, without holding it at that
 * point: {@code site} is where, {@code at} is where the path lost the lock, {@code cause} how.
 */
record MissingLock(Cause cause, LockId lock, Site site, Site at, Site acquiredAt, boolean onEveryPath,
        boolean onlyOnError) {

    /** How a path came to lack the lock. */
    enum Cause {
        /** A {@code tryLock()}/{@code tryAcquire()} that may have failed, its result not checked on this path. */
        TRY_FAILED,
        /** An earlier release on this path. */
        RELEASED,
        /** The acquisition did not happen on this path: it threw, or something before it threw, or a branch skipped it. */
        SKIPPED
    }

    /** Whether the method took or released {@code hold}'s lock on some path before this point: it pairs the lock itself. */
    static boolean touched(Hold hold) {
        return hold.heldOnSomePath() || hold.missingAt() != null;
    }

    /**
     * The path without the lock at {@code site} of {@code method}, where {@code hold} is not held on every path; null
     * when a condition tested after the loss decides whether {@code site} runs (a flag set on acquisition, a check of
     * the lock itself), which may make that path impossible; when the lock, released earlier, is taken back in
     * between; or when a lock without a name may have been released under another object's name.
     */
    static MissingLock find(MethodSummary method, LockId lock, Site site, Hold hold) {
        Site at = hold.missingAt();
        if (at == null) {
            return null;
        }
        for (Events.Branch guard : decidingGuards(method, site)) {
            if (guard.site().insn() > at.insn() || testsLockItself(guard, lock)) {
                return null;
            }
        }
        Cause cause = causeOf(method, lock, at);
        if (cause == Cause.RELEASED && (!lock.precise() || retakenAfter(method, lock, at))) {
            return null;
        }
        return new MissingLock(cause, lock, site, at, hold.acquiredAt(), !hold.heldOnSomePath(),
                cause == Cause.SKIPPED && throwsOnlyErrors(method, lock, at));
    }

    /** The conditions (other than null checks) that decide whether {@code site} runs. */
    static List<Events.Branch> decidingGuards(MethodSummary method, Site site) {
        List<Events.Branch> guards = new ArrayList<>();
        for (Events.Branch guard : method.guardsOf(site)) {
            if (!guard.nullCheck()) {
                guards.add(guard);
            }
        }
        return guards;
    }

    /** {@code lock.isHeldByCurrentThread()}, {@code rw.getReadHoldCount()} and the like. */
    static boolean testsLockItself(Events.Branch guard, LockId lock) {
        if (guard.tested() == null) {
            return false;
        }
        for (Origin origin : guard.tested()) {
            if (origin instanceof Origin.CallRead query
                    && (query.receiver().equals(lock.path()) || query.receiver().equals(lock.readWriteBase()))) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether the method takes the lock back after the release at {@code release} (blocking, as in
     * {@code unlock(); try { work(); } finally { lock(); }}): a path then lacks the lock only if that acquisition
     * throws, which a plain {@code lock()} does not do.
     */
    private static boolean retakenAfter(MethodSummary method, LockId lock, Site release) {
        for (Events.Acquisition acquisition : method.acquisitions()) {
            if (acquisition.blocking() && acquisition.lock().equals(lock)
                    && release.equals(acquisition.before().of(lock).missingAt())) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether the path lost the lock in a plain {@code lock()}, which throws only errors: at the call, or while
     * evaluating its receiver just before it on the same line ({@code this.lock}, whose read javac puts first).
     */
    private static boolean throwsOnlyErrors(MethodSummary method, LockId lock, Site at) {
        for (Events.Acquisition acquisition : method.acquisitions()) {
            Site taken = acquisition.site();
            boolean inTheCall = taken.equals(at)
                    || taken.line() > 0 && taken.line() == at.line() && at.insn() <= taken.insn();
            if (inTheCall && acquisition.lock().equals(lock)) {
                return acquisition.blocking() && !acquisition.interruptible();
            }
        }
        return false;
    }

    private static Cause causeOf(MethodSummary method, LockId lock, Site at) {
        for (Events.Acquisition acquisition : method.acquisitions()) {
            if (!acquisition.blocking() && acquisition.lock().equals(lock) && acquisition.site().equals(at)) {
                return Cause.TRY_FAILED;
            }
        }
        for (Events.Release release : method.releases()) {
            if (release.lock().equals(lock) && release.site().equals(at)) {
                return Cause.RELEASED;
            }
        }
        return Cause.SKIPPED;
    }

    /** The bug type of a release on this path. */
    String releaseType() {
        if (cause == Cause.RELEASED) {
            return ReleaseNotAcquiredDetector.DOUBLE_RELEASE;
        }
        return lock.kind() == LockKind.SEMAPHORE ? ReleaseNotAcquiredDetector.PERMIT_NOT_ACQUIRED
                : ReleaseNotAcquiredDetector.UNLOCK_WITHOUT_LOCK;
    }

    /**
     * A failed try happens under mere contention, a release on every path always: both are high priority. A plain
     * {@code lock()} inside the {@code try} fails only with an error (out of memory, too many holds), where
     * {@code lockInterruptibly()} or {@code Semaphore.acquire()} fail whenever the thread is interrupted: low.
     */
    int priority() {
        if (cause == Cause.TRY_FAILED || cause == Cause.RELEASED && onEveryPath) {
            return Priorities.HIGH_PRIORITY;
        }
        return onlyOnError ? Priorities.LOW_PRIORITY : Priorities.NORMAL_PRIORITY;
    }

    /**
     * What to do and why, for the report: the fix first, then what happens on the path and the evidence behind the
     * priority. No line numbers: the report's source lines show where (they would change its instance hash).
     */
    String explanation() {
        return switch (cause) {
            case TRY_FAILED -> "release only where " + tryCall() + " succeeded, e.g. if (!" + tryCall()
                    + ") return; try { ... } finally { release }: on this path its result is not checked, and it "
                    + "fails whenever another thread holds the lock";
            case RELEASED -> "release it exactly once per acquisition: "
                    + (at.equals(site) ? "the previous loop iteration already released it here"
                            : "this path already released it earlier")
                    + (onEveryPath ? ", on every path" : ", on some paths");
            case SKIPPED -> "take it before the try whose finally releases it: "
                    + (acquiredAt != null ? "the acquisition is inside the try, and " : "")
                    + "on some path the release runs although the acquisition did not happen (it threw, code before "
                    + "it threw, or a branch went around it)"
                    + (onlyOnError ? "; low priority: here only an Error (or a Lock implementation's own exception) "
                            + "takes that path" : "");
        };
    }

    private String tryCall() {
        return switch (lock.kind()) {
            case SEMAPHORE -> "tryAcquire()";
            case STAMPED_READ -> "tryReadLock()";
            case STAMPED_WRITE -> "tryWriteLock()";
            default -> "tryLock()";
        };
    }
}
