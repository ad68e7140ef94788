package io.github.lockspot.blk;

import edu.umd.cs.findbugs.Priorities;
import io.github.lockspot.analysis.BlockingCalls;
import io.github.lockspot.analysis.BlockingCalls.Blocking;
import io.github.lockspot.analysis.Events;
import io.github.lockspot.analysis.HeldLocks;
import io.github.lockspot.analysis.Hold;
import io.github.lockspot.analysis.LockId;
import io.github.lockspot.analysis.LockKind;
import io.github.lockspot.analysis.MethodRef;
import io.github.lockspot.analysis.MethodSummary;
import io.github.lockspot.analysis.ProgramModel;
import io.github.lockspot.analysis.Reach;
import io.github.lockspot.analysis.Site;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Decides where a thread blocks while holding a lock: at a blocking call in a locked region, or at a call in a locked
 * region whose callees block. Only the locks the region's own method holds count there (a callee that blocks under
 * its own lock is found in the callee), and a wait counts only for the locks it does not release.
 */
final class BlockingFinder {

    static final String BLOCKING_CALL_UNDER_LOCK = "BLK_BLOCKING_CALL_UNDER_LOCK";
    static final String IO_UNDER_LOCK = "BLK_IO_UNDER_LOCK";
    static final String WAIT_WITH_OTHER_LOCK_HELD = "BLK_WAIT_WITH_OTHER_LOCK_HELD";

    /** What {@link ProgramModel#reachable} caches this finder's selection under. */
    private static final String REACH_KIND = "BLK blocking";

    /**
     * A thread blocks at {@code blocking} while {@code locks} of {@code method}, taken where their holds say, stay
     * held. {@code chain} is empty when {@code method} blocks itself, else the calls from the call in the locked region
     * ({@link #site()}) down to the method that blocks. {@code guessed} is true when the chain passes a call with
     * several possible implementations.
     */
    record Finding(MethodSummary method, Blocking blocking, List<Events.Call> chain, List<Hold> locks,
            boolean guessed) {
        /** The line in the locked region to report: the blocking call itself, or the call that leads to it. */
        Site site() {
            return chain.isEmpty() ? blocking.site() : chain.get(0).site();
        }

        String type() {
            if (blocking.isWait()) {
                return WAIT_WITH_OTHER_LOCK_HELD;
            }
            return blocking.category().io() ? IO_UNDER_LOCK : BLOCKING_CALL_UNDER_LOCK;
        }

        /** Waits on other threads first, I/O next; one lower when the chain is a guess among implementations. */
        int priority() {
            int priority = blocking.category().io() ? Priorities.NORMAL_PRIORITY : Priorities.HIGH_PRIORITY;
            return guessed ? priority + 1 : priority;
        }
    }

    private final ProgramModel model;
    private final BlockingCalls catalog;
    private final Map<MethodRef, List<Blocking>> blockingByMethod = new HashMap<>();

    BlockingFinder(ProgramModel model, BlockingCalls catalog) {
        this.model = model;
        this.catalog = catalog;
    }

    /** Every place in {@code method} where a thread holding one of its locks blocks, directly or through calls. */
    List<Finding> findIn(MethodSummary method) {
        List<Finding> found = new ArrayList<>();
        for (Blocking blocking : blockingIn(method)) {
            addIfBlocksUnderLock(found, method, blocking, List.of());
        }
        for (Events.Call call : method.calls()) {
            if (locksIn(call.held()).isEmpty()) {
                continue;
            }
            for (MethodSummary target : model.targets(call)) {
                for (Reach<Blocking> reach : model.reachable(target.method(), REACH_KIND, this::blockingIn)) {
                    List<Events.Call> chain = new ArrayList<>(reach.chain().size() + 1);
                    chain.add(call);
                    chain.addAll(reach.chain());
                    addIfBlocksUnderLock(found, method, reach.event(), List.copyOf(chain));
                }
            }
        }
        return found;
    }

    private List<Blocking> blockingIn(MethodSummary method) {
        return blockingByMethod.computeIfAbsent(method.method(), m -> catalog.in(method, model));
    }

    /**
     * The locks that make blocking harmful, held on every path: all but semaphore permits, which are pool slots
     * usually held on purpose while the slow work runs.
     */
    private static List<Hold> locksIn(HeldLocks held) {
        List<Hold> locks = new ArrayList<>();
        for (Hold hold : held.held()) {
            if (hold.lock().kind() != LockKind.SEMAPHORE) {
                locks.add(hold);
            }
        }
        return locks;
    }

    private void addIfBlocksUnderLock(List<Finding> found, MethodSummary method, Blocking blocking,
            List<Events.Call> chain) {
        HeldLocks rootHeld = chain.isEmpty() ? blocking.held() : chain.get(0).held();
        Set<LockId> deeper = new LinkedHashSet<>();
        Set<LockId> releasedDeeper = new LinkedHashSet<>();
        for (int depth = 1; depth <= chain.size(); depth++) {
            HeldLocks held = depth < chain.size() ? chain.get(depth).held() : blocking.held();
            for (Hold hold : held.all()) {
                LockId inRootTerms = ProgramModel.inCallerTerms(hold.lock(), chain.subList(0, depth));
                if (hold.heldOnEveryPath()) {
                    deeper.add(inRootTerms);
                } else if (!hold.heldOnSomePath()) {
                    releasedDeeper.add(inRootTerms);
                }
            }
        }
        List<Hold> locks = new ArrayList<>();
        for (Hold hold : locksIn(rootHeld)) {
            if (!deeper.contains(hold.lock()) && !releasedDeeper.contains(hold.lock())) {
                locks.add(hold);
            }
        }
        if (blocking.isWait()) {
            locks = notReleasedByWait(blocking, chain, rootHeld, deeper, locks);
        }
        if (!locks.isEmpty()) {
            found.add(new Finding(method, blocking, chain, List.copyOf(locks), isGuessed(chain)));
        }
    }

    /**
     * A wait releases the lock it waits on and blocks while the others stay held. It must own that lock (else it
     * throws at once rather than block); when the analysis cannot name the lock, it releases at most one of two or
     * more held locks.
     */
    private static List<Hold> notReleasedByWait(Blocking wait, List<Events.Call> chain, HeldLocks rootHeld,
            Set<LockId> deeper, List<Hold> locks) {
        if (wait.releases() == null) {
            Set<LockId> all = new LinkedHashSet<>(deeper);
            for (Hold hold : locksIn(rootHeld)) {
                all.add(hold.lock());
            }
            return all.size() >= 2 ? locks : List.of();
        }
        LockId released = ProgramModel.inCallerTerms(wait.releases(), chain);
        boolean owned = wait.held().of(wait.releases()).heldOnSomePath() || rootHeld.holds(released);
        if (!owned) {
            return List.of();
        }
        List<Hold> kept = new ArrayList<>();
        for (Hold hold : locks) {
            if (!hold.lock().equals(released)) {
                kept.add(hold);
            }
        }
        return kept;
    }

    private boolean isGuessed(List<Events.Call> chain) {
        for (Events.Call call : chain) {
            if (model.targets(call).size() > 1) {
                return true;
            }
        }
        return false;
    }

    /** Of findings at the same line of the same method for the same pattern, the one to report. */
    static Finding best(Collection<Finding> sameLine) {
        Finding best = null;
        for (Finding finding : sameLine) {
            if (best == null || finding.priority() < best.priority()
                    || finding.priority() == best.priority() && finding.chain().size() < best.chain().size()) {
                best = finding;
            }
        }
        return best;
    }
}
