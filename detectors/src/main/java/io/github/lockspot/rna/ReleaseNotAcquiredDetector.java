package io.github.lockspot.rna;

import edu.umd.cs.findbugs.BugReporter;
import io.github.lockspot.analysis.flow.ClassSummary;
import io.github.lockspot.analysis.flow.Events;
import io.github.lockspot.analysis.flow.Hold;
import io.github.lockspot.analysis.flow.MethodSummary;
import io.github.lockspot.analysis.program.CallerLocks;
import io.github.lockspot.analysis.program.ProgramModel;
import io.github.lockspot.analysis.value.LockId;
import io.github.lockspot.analysis.value.LockKind;
import io.github.lockspot.analysis.value.Site;
import io.github.lockspot.spotbugs.LockSpotDetector;
import io.github.lockspot.spotbugs.Reports;
import java.util.List;
import org.objectweb.asm.Opcodes;

/**
 * Releasing what was never acquired: {@code unlock()} of a lock not held on some path, a permit released that this code
 * never took, wait/notify/signal without the lock, one half of a read-write lock released after taking the other, and
 * a lock released by another method than the one that took it, each gated by shared state so that another thread may
 * do the releasing.
 *
 * <p>Each release is judged where its lock is decided. A method that takes or releases the lock itself pairs it and is
 * judged on its own paths: a path reaching the release without the lock (a try-acquisition that may have failed, an
 * acquisition that threw or was skipped, an earlier release) is reported unless a condition tested after that point
 * decides whether the release runs (a flag set on acquisition, {@code isHeldByCurrentThread()}): the analysis does not
 * correlate conditions, so such a path may be impossible. A method that never touches the lock before releasing it is a
 * helper: its callers must hold the lock, and a caller that pairs it but misses it on some path is reported at its
 * call. A caller that neither takes the lock nor has analysed callers leaves the protocol to code outside the analysis
 * (a lock wrapper's {@code unlock()}, a {@code Lock} implementation) and is not reported for releases.
 *
 * <p>Semaphore permits have no owner: a release in a method that takes no permit from that semaphore on any path to it
 * is a signal or a hand-off and is never reported; only code that pairs acquire and release itself is checked.
 */
public final class ReleaseNotAcquiredDetector extends LockSpotDetector {

    static final String UNLOCK_WITHOUT_LOCK = "RNA_UNLOCK_WITHOUT_LOCK";
    static final String DOUBLE_RELEASE = "RNA_DOUBLE_RELEASE";
    static final String READ_WRITE_MISMATCH = "RNA_READ_WRITE_MISMATCH";
    static final String PERMIT_NOT_ACQUIRED = "RNA_PERMIT_NOT_ACQUIRED";
    static final String MONITOR_NOT_OWNED = "RNA_MONITOR_NOT_OWNED";
    static final String UNLOCK_IN_OTHER_THREAD = "RNA_UNLOCK_IN_OTHER_THREAD";

    private static final String LOCK_INTERFACE = "java/util/concurrent/locks/Lock";

    public ReleaseNotAcquiredDetector(BugReporter bugReporter) {
        super(bugReporter);
    }

    @Override
    protected void report(ProgramModel model, Reports reports) {
        Findings findings = new Findings(model, reports);
        NeverTaken neverTaken = new NeverTaken(model);
        for (ClassSummary owner : model.classes()) {
            boolean implementsLock = model.isSubtype(owner.name(), LOCK_INTERFACE);
            for (MethodSummary method : owner.methods()) {
                if (method.skipReason() != null || (method.access() & Opcodes.ACC_BRIDGE) != 0) {
                    continue;
                }
                for (Events.Release release : method.releases()) {
                    checkRelease(model, findings, neverTaken, method, release, implementsLock);
                }
                for (Events.MonitorUse use : method.monitorUses()) {
                    checkMonitorUse(model, findings, method, use);
                }
            }
        }
        findings.reportAll();
    }

    private static void checkRelease(ProgramModel model, Findings findings, NeverTaken neverTaken,
            MethodSummary method, Events.Release release, boolean implementsLock) {
        Hold hold = release.before();
        LockId lock = release.lock();
        if (hold.heldOnEveryPath() || lock.kind() == LockKind.MONITOR) {
            return; // javac pairs monitorenter and monitorexit itself
        }
        if (MissingLock.touched(hold)) {
            MissingLock missing = MissingLock.find(method, lock, release.site(), hold);
            if (missing != null) {
                findings.missing(missing.releaseType(), release.site(), missing, null);
            }
            return;
        }
        if (lock.kind() == LockKind.SEMAPHORE || implementsLock) {
            return;
        }
        Events.Acquisition otherHalf = otherHalfTaken(method, lock);
        OtherHalf throughCall = otherHalf == null ? otherHalfTakenByCallee(model, method, lock) : null;
        if (otherHalf != null) {
            findings.mismatch(release.site(), lock, otherHalf.lock(), otherHalf.site(), null);
        } else if (throughCall != null) {
            findings.mismatch(release.site(), lock, throughCall.lock(), throughCall.takenAt(), null);
        } else if (neverTaken.neverTaken(method, lock)) {
            findings.neverTaken(release.site(), lock);
        } else if (!MissingLock.decidingGuards(method, release.site()).isEmpty()) {
            OtherThreadRelease.Partner partner = OtherThreadRelease.find(model, method, release);
            if (partner != null) {
                findings.otherThread(release, partner);
            }
        } else {
            checkCallers(model, findings, method, release.site(), lock, false);
        }
    }

    /** The other half of a read-write lock, in the caller's terms, taken by a callee at {@code takenAt}. */
    private record OtherHalf(LockId lock, Site takenAt) {
    }

    /**
     * For a release of one half of a read-write lock that the method never takes: the other half of the same lock, if
     * the method takes it and never releases it.
     */
    private static Events.Acquisition otherHalfTaken(MethodSummary method, LockId released) {
        LockKind otherKind = otherHalfKind(released);
        for (Events.Acquisition acquisition : method.acquisitions()) {
            LockId taken = acquisition.lock();
            if (taken.kind() == otherKind && taken.readWriteBase().equals(released.readWriteBase())
                    && !keptAcquisitions(method, taken).isEmpty()) {
                return acquisition;
            }
        }
        return null;
    }

    /**
     * The same for a helper the method calls to take the lock: a callee that takes the other half and leaves it held
     * for its caller ({@code beginWrite()}), or null.
     */
    private static OtherHalf otherHalfTakenByCallee(ProgramModel model, MethodSummary method, LockId released) {
        if (otherHalfKind(released) == null) {
            return null;
        }
        for (Events.Call call : method.calls()) {
            for (MethodSummary callee : model.targets(call)) {
                for (Events.Acquisition acquisition : callee.acquisitions()) {
                    LockId taken = ProgramModel.inCallerTerms(acquisition.lock(), List.of(call));
                    if (taken.kind() == otherHalfKind(released)
                            && taken.readWriteBase().equals(released.readWriteBase())
                            && !keptAcquisitions(callee, acquisition.lock()).isEmpty()) {
                        return new OtherHalf(taken, acquisition.site());
                    }
                }
            }
        }
        return null;
    }

    private static LockKind otherHalfKind(LockId released) {
        return switch (released.kind()) {
            case READ_LOCK -> LockKind.WRITE_LOCK;
            case WRITE_LOCK -> LockKind.READ_LOCK;
            case STAMPED_READ -> LockKind.STAMPED_WRITE;
            case STAMPED_WRITE -> LockKind.STAMPED_READ;
            default -> null;
        };
    }

    private static void checkMonitorUse(ProgramModel model, Findings findings, MethodSummary method,
            Events.MonitorUse use) {
        LockId lock = use.lock();
        Hold hold = use.held().of(lock);
        if (hold.heldOnEveryPath() || !lock.precise() && !use.held().isEmpty()) {
            return; // held; or an object without a name, which may be a held lock under another name
        }
        if (MissingLock.touched(hold)) {
            MissingLock missing = MissingLock.find(method, lock, use.site(), hold);
            if (missing != null) {
                findings.missing(MONITOR_NOT_OWNED, use.site(), missing, null);
            }
        } else if (!model.callersOf(method.method()).isEmpty()) {
            checkCallers(model, findings, method, use.site(), lock, true);
        } else if (!leftToCallers(model, method, lock)) {
            findings.unowned(use.site(), lock, null);
        }
    }

    /**
     * Whether a method without analysed callers leaves holding {@code lock} around its wait or signal to code outside
     * the analysis: a lambda body, which runs wherever the code it is handed to runs it (unless that is a new thread),
     * or a method of a class that wraps the lock, i.e. takes it in one of its methods and leaves it held for the
     * caller.
     */
    private static boolean leftToCallers(ProgramModel model, MethodSummary method, LockId lock) {
        boolean lambdaBody = method.isSynthetic() && method.method().name().startsWith("lambda$");
        if (lambdaBody) {
            return !model.threadEntryPoints().containsKey(method.method());
        }
        ClassSummary owner = model.classNamed(method.method().owner());
        return owner.methods().stream().anyMatch(other -> !keptAcquisitions(other, lock).isEmpty());
    }

    /**
     * The blocking acquisitions of {@code lock} in a method that never releases it: the caller gets it held. Monitors
     * never outlive their block or synchronized method.
     */
    static List<Events.Acquisition> keptAcquisitions(MethodSummary method, LockId lock) {
        if (lock.kind() == LockKind.MONITOR
                || method.releases().stream().anyMatch(release -> release.lock().equals(lock))) {
            return List.of();
        }
        return method.acquisitions().stream()
                .filter(acquisition -> acquisition.blocking() && acquisition.lock().equals(lock)).toList();
    }

    /**
     * The release or monitor use at {@code site} of a method that never takes {@code lock}: each analysed caller must
     * hold it. A caller that pairs the lock itself but misses it on some path is reported at its call; for monitor
     * uses, so is an outermost caller that never takes it, unless it leaves that to its own callers.
     */
    private static void checkCallers(ProgramModel model, Findings findings, MethodSummary method, Site site,
            LockId lock, boolean monitorUse) {
        for (CallerLocks.Unheld unheld : model.callerLocks().unheldCallers(method.method(), lock)) {
            Site call = unheld.call().call().site();
            Events.Acquisition otherHalf = monitorUse ? null : otherHalfTaken(unheld.call().caller(), unheld.lock());
            if (otherHalf != null) {
                findings.mismatch(call, unheld.lock(), otherHalf.lock(), otherHalf.site(), site);
                continue;
            }
            if (unheld.fromOutside()) {
                if (monitorUse && unheld.lock().precise()
                        && !leftToCallers(model, unheld.call().caller(), unheld.lock())) {
                    findings.unowned(call, unheld.lock(), site);
                }
                continue;
            }
            MissingLock missing = MissingLock.find(unheld.call().caller(), unheld.lock(), call, unheld.hold());
            if (missing != null) {
                findings.missing(monitorUse ? MONITOR_NOT_OWNED : missing.releaseType(), call, missing, site);
            }
        }
    }
}
