package io.github.lockspot.blk;

import edu.umd.cs.findbugs.Priorities;
import io.github.lockspot.analysis.api.BlockingCalls;
import io.github.lockspot.analysis.api.LockApi;
import io.github.lockspot.analysis.flow.Events;
import io.github.lockspot.analysis.flow.HeldLocks;
import io.github.lockspot.analysis.flow.Hold;
import io.github.lockspot.analysis.flow.MethodSummary;
import io.github.lockspot.analysis.program.BlockingSites;
import io.github.lockspot.analysis.program.BlockingSites.Blocking;
import io.github.lockspot.analysis.program.ProgramModel;
import io.github.lockspot.analysis.program.Reach;
import io.github.lockspot.analysis.value.LockId;
import io.github.lockspot.analysis.value.LockKind;
import io.github.lockspot.analysis.value.MethodRef;
import io.github.lockspot.analysis.value.Site;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
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
     * ({@link #site()}) down to the method that blocks. {@code guess} says which implementation was assumed when the
     * chain passes a call resolved to one of several of which only that one blocks (else null). {@code releaseUnknown} is true for a wait on a condition
     * whose lock cannot be named: it releases at most one of {@code locks}. {@code rank} is what the blocking costs
     * ({@link Consequence}).
     */
    record Finding(MethodSummary method, Blocking blocking, List<Events.Call> chain, List<Hold> locks,
            String guess, boolean releaseUnknown, Consequence.Rank rank) {
        /** Names the locked region: the pattern and where the locks held there were taken. */
        String region() {
            StringBuilder key = new StringBuilder(type()).append(' ').append(method.method());
            for (Hold hold : locks) {
                key.append(' ').append(hold.acquiredAt());
            }
            return key.toString();
        }

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

        /**
         * The rank's priority; one lower when the chain is a guess among implementations or longer than
         * {@value ProgramModel#CONFIDENT_CALLS} calls, lowest when both.
         */
        int priority() {
            boolean deep = chain.size() > ProgramModel.CONFIDENT_CALLS;
            return Math.min(rank.priority() + (guess != null ? 1 : 0) + (deep ? 1 : 0), Priorities.LOW_PRIORITY);
        }

        /** The rank's rule, and why the priority is lower than it says. */
        String rule() {
            String lowered = guess != null ? "; one lower: " + guess : "";
            return rank.rule() + lowered
                    + (chain.size() > ProgramModel.CONFIDENT_CALLS ? "; one lower: the chain is long" : "");
        }
    }

    private final ProgramModel model;
    private final BlockingSites sites;
    private final Consequence consequence;
    private final Map<MethodRef, List<Blocking>> blockingByMethod = new HashMap<>();

    BlockingFinder(ProgramModel model, BlockingCalls catalog) {
        this.model = model;
        this.sites = new BlockingSites(catalog);
        this.consequence = new Consequence(model, REACH_KIND, this::blockingIn);
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
                    List<Events.Call> chain = reach.chainFrom(call);
                    if (!sites.ruledOutByFlag(chain, reach.event(), model)
                            && !sites.inMemoryAlong(chain, reach.event(), model)) {
                        addIfBlocksUnderLock(found, method, reach.event(), List.copyOf(chain));
                    }
                }
            }
        }
        return found;
    }

    private List<Blocking> blockingIn(MethodSummary method) {
        return blockingByMethod.computeIfAbsent(method.method(), m -> sites.in(method, model));
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
        LockId released = blocking.isWait() ? releasedInRootTerms(blocking, chain) : null;
        if (blocking.isWait()) {
            locks = notReleasedByWait(blocking, released, rootHeld, deeper, locks);
        }
        if (!locks.isEmpty() && !model.speculative(chain, blocking.site().method())) {
            found.add(new Finding(method, blocking, chain, List.copyOf(locks), guessIn(chain, blocking),
                    blocking.isWait() && released == null, consequence.of(method, blocking, chain, locks, released)));
        }
    }

    /**
     * A wait releases the lock it waits on and blocks while the others stay held. It must own that lock (else it
     * throws at once rather than block). When the analysis cannot name that lock even in the root's terms, the wait
     * releases at most one of two or more held locks.
     */
    private static List<Hold> notReleasedByWait(Blocking wait, LockId released, HeldLocks rootHeld,
            Set<LockId> deeper, List<Hold> locks) {
        if (released == null) {
            Set<LockId> all = new LinkedHashSet<>(deeper);
            for (Hold hold : locksIn(rootHeld)) {
                all.add(hold.lock());
            }
            return all.size() >= 2 ? locks : List.of();
        }
        boolean owned = wait.releases() != null && wait.held().of(wait.releases()).heldOnSomePath()
                || rootHeld.holds(released) || deeper.contains(released);
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

    /**
     * The lock a wait releases, in the terms of the chain's root: a condition passed down as an argument is named by
     * the root, e.g. {@code this.stateLock.newCondition()}. Null if it cannot be named there either.
     */
    private static LockId releasedInRootTerms(Blocking wait, List<Events.Call> chain) {
        if (wait.releases() != null) {
            return ProgramModel.inCallerTerms(wait.releases(), chain);
        }
        Events.Call call = wait.call();
        if (call == null || call.receiver() == null) {
            return null;
        }
        MethodRef target = call.target();
        LockApi.Effect effect = LockApi.effectOf(target.owner(), target.name(), target.desc(),
                ProgramModel.inCallerTerms(call.receiver(), chain));
        return effect != null && effect.op() == LockApi.Op.WAIT ? effect.lock() : null;
    }

    /**
     * Which implementation the chain assumes, when a call of it was resolved to one of several implementations of
     * which that one is the only one that blocks ("assumed KerberosLogin.close() for Login.close(), the only one of 4
     * implementations that blocks"), or when two calls of the chain were so resolved, guesses on guesses. Null when
     * every call runs the method it names (or inherits), or a callback it is handed, or was resolved among
     * implementations of which two or more block: whichever runs blocks, so the blocking does not rest on the choice
     * (Derby's {@code UpdateLoader.modifyJar} waits through two such calls). (Calls on library types resolved to the
     * program's implementations are not reported at all: {@link ProgramModel#speculative}.)
     */
    private String guessIn(List<Events.Call> chain, Blocking blocking) {
        String guess = null;
        for (int i = 0; i < chain.size(); i++) {
            Events.Call call = chain.get(i);
            MethodRef callee = i + 1 < chain.size() ? chain.get(i + 1).site().method() : blocking.site().method();
            List<MethodSummary> targets = model.targets(call);
            if (model.resolvesExactly(call, callee) || targets.size() <= 1 || blockingTargets(targets) >= 2) {
                continue;
            }
            if (guess != null) {
                return "assumed " + callee + " for " + call.target() + " after another call resolved among "
                        + "implementations";
            }
            guess = "assumed " + callee + " for " + call.target() + ", the only one of " + targets.size()
                    + " implementations that blocks";
        }
        return guess;
    }

    private int blockingTargets(List<MethodSummary> targets) {
        int blocking = 0;
        for (MethodSummary target : targets) {
            if (!model.reachable(target.method(), REACH_KIND, this::blockingIn).isEmpty()) {
                blocking++;
            }
        }
        return blocking;
    }

    /**
     * Whether two findings of one blocking call are one root: one holder calls down, through its chain, to the other
     * holder's method. Holders that reach the call side by side each hold their own lock over it, and are not.
     */
    static boolean nested(Finding a, Finding b) {
        return passesThrough(a, b.method().method()) || passesThrough(b, a.method().method());
    }

    /** Whether {@code method} is one of the callees the finding's chain runs through, the one that blocks included. */
    private static boolean passesThrough(Finding finding, MethodRef method) {
        for (int i = 1; i < finding.chain().size(); i++) {
            if (finding.chain().get(i).site().method().equals(method)) {
                return true;
            }
        }
        return !finding.chain().isEmpty() && finding.blocking().site().method().equals(method);
    }

    /**
     * Of findings of one blocking call, the one to report: the most urgent, then the innermost holder (the shortest
     * chain), then the first in the source. The ones {@link #nested} with it are its other holders.
     */
    static Finding root(Collection<Finding> sameBlocking) {
        Comparator<Finding> order = Comparator.comparingInt(Finding::priority)
                .thenComparingInt(finding -> finding.chain().size())
                .thenComparing(finding -> finding.method().method().toString())
                .thenComparingInt(finding -> finding.site().line());
        return Collections.min(sameBlocking, order);
    }

    /**
     * Of findings in one locked region of one method for one pattern, the one to report: the most urgent, then the
     * first in the source, then the one with the shortest chain.
     */
    static Finding best(Collection<Finding> sameRegion) {
        Comparator<Finding> order = Comparator.comparingInt(Finding::priority)
                .thenComparingInt(finding -> finding.site().line())
                .thenComparingInt(finding -> finding.chain().size());
        return Collections.min(sameRegion, order);
    }
}
