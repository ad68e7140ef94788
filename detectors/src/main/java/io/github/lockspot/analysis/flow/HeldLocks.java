package io.github.lockspot.analysis.flow;

import io.github.lockspot.analysis.value.LockId;
import io.github.lockspot.analysis.value.Site;
import io.github.lockspot.analysis.value.ValuePath;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The locks held before one instruction: an immutable map from lock to {@link Hold}, joined over paths. */
public final class HeldLocks {

    public static final HeldLocks NONE = new HeldLocks(Collections.emptySortedMap());

    private final Map<LockId, Hold> holds;

    private HeldLocks(Map<LockId, Hold> holds) {
        this.holds = holds;
    }

    /** Every lock with a hold record, including ones released on every path (count zero) that explain a missing lock. */
    public List<Hold> all() {
        return List.copyOf(holds.values());
    }

    /** Locks held on every path to this point, in a deterministic order. */
    public List<Hold> held() {
        List<Hold> held = new ArrayList<>();
        for (Hold hold : holds.values()) {
            if (hold.heldOnEveryPath()) {
                held.add(hold);
            }
        }
        return held;
    }

    /** Whether nothing is held on any path. */
    public boolean isEmpty() {
        for (Hold hold : holds.values()) {
            if (hold.heldOnSomePath()) {
                return false;
            }
        }
        return true;
    }

    /** The hold record of {@code lock}, or a record with zero counts. */
    public Hold of(LockId lock) {
        Hold hold = holds.get(lock);
        return hold != null ? hold : new Hold(lock, 0, 0, null, null);
    }

    /**
     * Whether {@code lock} is held on every path: itself, or the lock of a held {@code lock != null ? lock : other},
     * which is {@code lock} whenever there is one to take.
     */
    public boolean holds(LockId lock) {
        if (of(lock).heldOnEveryPath()) {
            return true;
        }
        for (Hold hold : holds.values()) {
            if (hold.heldOnEveryPath() && hold.lock().kind() == lock.kind()
                    && hold.lock().path() instanceof ValuePath.Choice choice && choice.isWhenever(lock.path())) {
                return true;
            }
        }
        return false;
    }

    HeldLocks acquire(LockId lock, Site site) {
        Hold old = of(lock);
        return with(new Hold(lock, Math.min(old.min() + 1, Hold.MAX_COUNT), Math.min(old.max() + 1, Hold.MAX_COUNT),
                old.heldOnSomePath() ? old.acquiredAt() : site, old.heldOnEveryPath() ? null : old.missingAt()));
    }

    /** A {@code tryLock()} whose outcome is not yet known: held on some paths only, missing where it may fail. */
    HeldLocks mayAcquire(LockId lock, Site site) {
        Hold old = of(lock);
        return with(new Hold(lock, old.min(), Math.min(old.max() + 1, Hold.MAX_COUNT),
                old.heldOnSomePath() ? old.acquiredAt() : site, old.heldOnEveryPath() ? old.missingAt() : site));
    }

    /** The branch on which a {@code tryLock()} returned true. */
    HeldLocks tryLockSucceeded(LockId lock) {
        Hold old = of(lock);
        int min = Math.min(old.min() + 1, Math.max(old.max(), 1));
        return with(new Hold(lock, min, Math.max(old.max(), min), old.acquiredAt(), min > 0 ? null : old.missingAt()));
    }

    /** The branch on which a {@code tryLock()} returned false. */
    HeldLocks tryLockFailed(LockId lock, Site trySite) {
        Hold old = of(lock);
        int max = Math.max(old.max() - 1, old.min());
        return with(new Hold(lock, old.min(), max, max > 0 ? old.acquiredAt() : null, old.min() > 0 ? null : trySite));
    }

    HeldLocks release(LockId lock, Site site) {
        Hold old = of(lock);
        int min = Math.max(old.min() - 1, 0);
        int max = Math.max(old.max() - 1, 0);
        return with(new Hold(lock, min, max, max > 0 ? old.acquiredAt() : null,
                min > 0 ? null : (old.min() > 1 || old.missingAt() == null ? site : old.missingAt())));
    }

    /**
     * The join of two paths' states: must-counts take the minimum, may-counts the maximum. {@code mySource} and
     * {@code otherSource} are the instructions the two paths come from; a lock held on one path only is missing on
     * the other, and that path's source explains why.
     */
    HeldLocks join(HeldLocks other, Site mySource, Site otherSource) {
        if (other == this || other.holds.equals(holds)) {
            return this;
        }
        Map<LockId, Hold> joined = new TreeMap<>();
        for (Hold mine : holds.values()) {
            joined.put(mine.lock(), joinHold(mine, other.holds.get(mine.lock()), otherSource));
        }
        for (Hold theirs : other.holds.values()) {
            if (!holds.containsKey(theirs.lock())) {
                joined.put(theirs.lock(), joinHold(theirs, null, mySource));
            }
        }
        return new HeldLocks(Collections.unmodifiableMap(joined));
    }

    private static Hold joinHold(Hold a, Hold b, Site sourceOfB) {
        if (b == null) {
            return new Hold(a.lock(), 0, a.max(), a.acquiredAt(), earliest(a.missingAt(), sourceOfB));
        }
        int min = Math.min(a.min(), b.min());
        int max = Math.max(a.max(), b.max());
        Site acquired = earliest(a.acquiredAt(), b.acquiredAt());
        Site missing = min > 0 ? null : earliest(a.missingAt(), b.missingAt());
        return new Hold(a.lock(), min, max, acquired, missing);
    }

    private static Site earliest(Site a, Site b) {
        if (a == null) {
            return b;
        }
        if (b == null) {
            return a;
        }
        return a.compareTo(b) <= 0 ? a : b;
    }

    private HeldLocks with(Hold hold) {
        Map<LockId, Hold> copy = new TreeMap<>(holds);
        copy.put(hold.lock(), hold);
        return new HeldLocks(Collections.unmodifiableMap(copy));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof HeldLocks other && holds.equals(other.holds);
    }

    @Override
    public int hashCode() {
        return holds.hashCode();
    }

    @Override
    public String toString() {
        return holds.values().toString();
    }
}
