package io.github.lockspot.rna;

import io.github.lockspot.analysis.flow.ClassSummary;
import io.github.lockspot.analysis.flow.Events;
import io.github.lockspot.analysis.flow.MethodSummary;
import io.github.lockspot.analysis.program.ProgramModel;
import io.github.lockspot.analysis.value.LockId;
import io.github.lockspot.analysis.value.LockKind;
import io.github.lockspot.analysis.value.Names;
import io.github.lockspot.analysis.value.Origin;
import io.github.lockspot.analysis.value.Site;
import io.github.lockspot.analysis.value.ValuePath;
import java.util.Set;
import java.util.TreeSet;

/**
 * An owned lock taken in one method and released in another, each only when shared state says so: the seed's naive
 * readers-writer lock, where the first reader in locks and the last reader out unlocks. Which thread is last depends
 * on timing, so the releasing thread need not be the one holding the lock, and {@code unlock()} by another thread
 * throws {@code IllegalMonitorStateException}. A lock wrapper whose {@code lock()}/{@code unlock()} methods run
 * unconditionally, or that test the lock itself ({@code isHeldByCurrentThread()}), leaves pairing to each caller's
 * thread and is not matched.
 */
final class OtherThreadRelease {

    /** Locks whose release checks the owning thread; permits and stamps have no owner. */
    private static final Set<LockKind> OWNED = Set.of(LockKind.LOCK, LockKind.READ_LOCK, LockKind.WRITE_LOCK);

    private OtherThreadRelease() {
    }

    /** The acquisition that a release pairs with, and the shared state (a field) that gates both. */
    record Partner(Events.Acquisition acquisition, String state) {
    }

    /**
     * For a release of a lock its method never takes, run only when some shared state says so: another method of the
     * same class that takes the lock, never releases it, and does so only when the same state says so; else null.
     */
    static Partner find(ProgramModel model, MethodSummary releaser, Events.Release release) {
        LockId lock = release.lock();
        ClassSummary owner = model.classNamed(releaser.method().owner());
        if (!OWNED.contains(lock.kind()) || owner == null) {
            return null;
        }
        Set<String> releaseGate = sharedStateTested(releaser, release.site(), lock);
        for (MethodSummary method : owner.methods()) {
            for (Events.Acquisition acquisition : ReleaseNotAcquiredDetector.keptAcquisitions(method, lock)) {
                Set<String> acquireGate = sharedStateTested(method, acquisition.site(), lock);
                acquireGate.retainAll(releaseGate);
                if (!acquireGate.isEmpty()) {
                    return new Partner(acquisition, acquireGate.iterator().next());
                }
            }
        }
        return null;
    }

    /**
     * The fields (by readable name) that the conditions deciding whether {@code site} runs were computed from: read
     * directly or through a call on them ({@code readers.decrementAndGet()}); queries of the lock itself do not count.
     */
    private static Set<String> sharedStateTested(MethodSummary method, Site site, LockId lock) {
        Set<String> fields = new TreeSet<>();
        for (Events.Branch guard : MissingLock.decidingGuards(method, site)) {
            if (guard.tested() == null || MissingLock.testsLockItself(guard, lock)) {
                continue;
            }
            for (Origin origin : guard.tested()) {
                if (origin instanceof Origin.FieldRead read) {
                    fields.add(Names.simpleName(read.owner()) + "." + read.name());
                } else if (origin instanceof Origin.CallRead call && isField(call.receiver())) {
                    fields.add(call.receiver().display());
                }
            }
        }
        return fields;
    }

    private static boolean isField(ValuePath path) {
        return path instanceof ValuePath.InstanceField || path instanceof ValuePath.StaticField;
    }
}
