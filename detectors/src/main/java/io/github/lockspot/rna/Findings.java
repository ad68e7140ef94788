package io.github.lockspot.rna;

import edu.umd.cs.findbugs.BugInstance;
import edu.umd.cs.findbugs.Priorities;
import io.github.lockspot.analysis.flow.Events;
import io.github.lockspot.analysis.program.ProgramModel;
import io.github.lockspot.analysis.value.LockId;
import io.github.lockspot.analysis.value.Site;
import io.github.lockspot.spotbugs.Reports;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The detector's reports, one per method, line and lock: javac copies a {@code finally} block for every way out of
 * its {@code try}, so one source release is often several bytecode releases. Every report names the lock ({3} in the
 * messages) and explains the path and the fix ({4}); further source lines follow: where the lock was taken, where the
 * path lost it, the wait, signal or release in a callee.
 */
final class Findings {

    private final ProgramModel model;
    private final Reports reports;
    private final Map<String, BugInstance> bugs = new LinkedHashMap<>();

    Findings(ProgramModel model, Reports reports) {
        this.model = model;
        this.reports = reports;
    }

    /**
     * A release or monitor use at {@code site} (a call to {@code callee} when that is where it happens) on the path
     * {@code missing} describes.
     */
    void missing(String type, Site site, MissingLock missing, Site callee) {
        BugInstance bug = start(type, missing.priority(), site, missing.lock(), missing.explanation()
                + throughCall(callee));
        if (bug != null) {
            Site acquired = missing.acquiredAt();
            if (acquired != null) {
                bug.addSourceLine(reports.line(acquired, model)).describe("SOURCE_LINE_LOCK_OBTAINED_AT");
            }
            if (!missing.at().equals(acquired)) {
                bug.addSourceLine(reports.line(missing.at(), model)); // where the path lost the lock
            }
            addCallee(bug, callee);
        }
    }

    /**
     * A release at {@code site} (a call to the releasing {@code callee}, when that is where it happens) of one half of
     * a read-write lock where the method took the other half, {@code taken}, at {@code takenAt}.
     */
    void mismatch(Site site, LockId released, LockId taken, Site takenAt, Site callee) {
        BugInstance bug = start(ReleaseNotAcquiredDetector.READ_WRITE_MISMATCH, Priorities.HIGH_PRIORITY, site,
                released, "release the half it took: it took " + taken.display()
                        + (takenAt.method().equals(site.method()) ? "" : " in " + takenAt.method())
                        + throughCall(callee));
        if (bug != null) {
            bug.addSourceLine(reports.line(takenAt, model)).describe("SOURCE_LINE_LOCK_OBTAINED_AT");
            addCallee(bug, callee);
        }
    }

    /** A release at {@code site} of a lock that no code can take: it throws every time. */
    void neverTaken(Site site, LockId lock) {
        start(ReleaseNotAcquiredDetector.UNLOCK_WITHOUT_LOCK, Priorities.HIGH_PRIORITY, site, lock,
                "take it before the try whose finally releases it: no analysed code ever takes it (it is made "
                        + "here, or a private field no method locks, passes on or returns), so unlock() always throws "
                        + "IllegalMonitorStateException");
    }

    /**
     * A wait or notify at {@code site} (a call to {@code callee} when that is where it happens) with its lock held
     * neither there nor by any analysed caller.
     */
    void unowned(Site site, LockId lock, Site callee) {
        BugInstance bug = start(ReleaseNotAcquiredDetector.MONITOR_NOT_OWNED,
                callee == null ? Priorities.HIGH_PRIORITY : Priorities.NORMAL_PRIORITY, site, lock,
                "hold it around the call: neither this method nor any analysed caller holds it, so it throws "
                        + "IllegalMonitorStateException" + throughCall(callee));
        if (bug != null) {
            addCallee(bug, callee);
        }
    }

    /** A release gated by shared state of a lock that {@code partner}'s method takes under the same gate. */
    void otherThread(Events.Release release, OtherThreadRelease.Partner partner) {
        Site acquired = partner.acquisition().site();
        BugInstance bug = start(ReleaseNotAcquiredDetector.UNLOCK_IN_OTHER_THREAD, Priorities.NORMAL_PRIORITY,
                release.site(), release.lock(), "use a lock without an owner (Semaphore) or let every thread take "
                        + "and release its own (ReadWriteLock): " + acquired.method() + " takes it and this method "
                        + "releases it, each when " + partner.state() + " says so; the thread that releases need not "
                        + "be the one that took it, and then unlock() throws IllegalMonitorStateException and the "
                        + "lock stays held");
        if (bug != null) {
            bug.addSourceLine(reports.line(acquired, model)).describe("SOURCE_LINE_LOCK_OBTAINED_AT");
        }
    }

    private static String throughCall(Site callee) {
        return callee == null ? "" : " (it happens in " + callee.method() + ", called here)";
    }

    private void addCallee(BugInstance bug, Site callee) {
        if (callee != null) {
            bug.addSourceLine(reports.line(callee, model)).describe("SOURCE_LINE_INVOKED");
        }
    }

    /** A new bug at {@code site} naming {@code lock} and explaining it, or null if {@code site} already has one. */
    private BugInstance start(String type, int priority, Site site, LockId lock, String explanation) {
        String key = site.method() + ":" + site.line() + ":" + lock;
        if (bugs.containsKey(key)) {
            return null;
        }
        BugInstance bug = reports.bugAt(type, priority, site, model);
        bug.addString(lock.display()).describe("STRING_MESSAGE");
        bug.addString(explanation).describe("STRING_MESSAGE");
        bugs.put(key, bug);
        return bug;
    }

    void reportAll() {
        for (BugInstance bug : bugs.values()) {
            reports.report(bug);
        }
    }
}
