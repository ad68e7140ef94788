package io.github.lockspot.analysis.program;

import io.github.lockspot.analysis.flow.Hold;
import io.github.lockspot.analysis.flow.MethodSummary;
import io.github.lockspot.analysis.value.LockId;
import io.github.lockspot.analysis.value.MethodRef;
import io.github.lockspot.analysis.value.ValuePath;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.objectweb.asm.Opcodes;

/**
 * The one view of the locks a method's callers hold, every question asked with the callee passed in and every lock
 * translated between a caller's and the callee's terms by {@link CalleeTerms}.
 *
 * <p>{@link #heldByAnalysedCallers} is the meet, over every analysed call of the method, of the locks held at the call
 * and the locks its caller is itself entered with: a greatest fixed point over the call graph. A thread entry point
 * is entered with nothing held, and calls a constructor makes on the object it is building are left out: no other
 * thread can see that object yet. {@link #heldOnEntry} is the same meet for methods only analysed code can call (not
 * public); a public method may be called by code outside the analysis, so nothing is held on entry to it. (A subclass
 * outside the analysis calling a protected method is not seen.) {@link #unheldCallers} walks the other way: the
 * calls at which a lock the method needs is missing.
 */
public final class CallerLocks {

    /** Rounds of the fixed point; recursion rarely needs more than a few. */
    static final int MAX_ROUNDS = 10;

    /**
     * A way into a method without {@code lock} held on every path. {@code chain} runs from the caller that lacks the
     * lock down to the method; {@code lock} and {@code hold} are in the terms of that first caller, at its call. A hold
     * with no trace of the lock ({@link #fromOutside()}) means the first caller neither takes nor releases it and has
     * no analysed callers: the lock would have to be taken outside the analysed code.
     */
    public record Unheld(List<ProgramModel.CallEdge> chain, LockId lock, Hold hold) {

        public boolean fromOutside() {
            return !hold.heldOnSomePath() && hold.missingAt() == null;
        }

        /** The call where the lock is missing. */
        public ProgramModel.CallEdge call() {
            return chain.get(0);
        }
    }

    private final ProgramModel model;
    /** Per method with analysed callers, the meet over them; the fixed point is computed once, on first use. */
    private Map<MethodRef, Set<LockId>> byCallers;

    CallerLocks(ProgramModel model) {
        this.model = model;
    }

    /** The locks held whenever {@code method} starts; none for methods that code outside the analysis may call. */
    public Set<LockId> heldOnEntry(MethodRef method) {
        MethodSummary summary = model.method(method);
        return summary == null || (summary.access() & Opcodes.ACC_PUBLIC) != 0 ? Set.of() : meetOverCallers(method);
    }

    /**
     * The locks every analysed caller holds on every path when it calls {@code method}, transitively through the
     * callers' own callers, in {@code method}'s terms. For private methods, synthetic accessors and callback lambdas
     * these are all the callers there are; for other methods this says how the analysed program calls it. Empty for
     * thread entry points and methods without analysed callers. A lock on a value only the callers know (client-side
     * locking: the owner's monitor around {@code owner.beat.fail()}) is kept, rooted at an unknown value of its type
     * and so not {@link LockId#precise() precise}: it still serialises every analysed run of the method.
     */
    public Set<LockId> heldByAnalysedCallers(MethodRef method) {
        return meetOverCallers(method);
    }

    private synchronized Set<LockId> meetOverCallers(MethodRef method) {
        if (byCallers == null) {
            byCallers = fixedPoint();
        }
        Set<LockId> locks = byCallers.get(method);
        return locks == null ? Set.of() : locks;
    }

    private Map<MethodRef, Set<LockId>> fixedPoint() {
        Map<MethodRef, Set<LockId>> held = new HashMap<>();
        List<MethodSummary> constrained = new ArrayList<>();
        Set<MethodRef> entries = model.threadEntryPoints().keySet();
        for (MethodSummary method : model.allMethods()) {
            if (!entries.contains(method.method()) && !callsInto(method).isEmpty()) {
                constrained.add(method);
                held.put(method.method(), null); // not constrained yet: every lock
            }
        }
        boolean changed = true;
        for (int round = 0; changed && round < MAX_ROUNDS; round++) {
            changed = false;
            for (MethodSummary method : constrained) {
                Set<LockId> meet = meetOverCallers(method, held);
                if (!Objects.equals(meet, held.get(method.method()))) {
                    held.put(method.method(), meet);
                    changed = true;
                }
            }
        }
        held.replaceAll((method, locks) -> locks == null ? Set.of() : Set.copyOf(locks));
        return held;
    }

    /** The calls into {@code method} that can see it shared: all but a constructor's calls on its own object. */
    private List<ProgramModel.CallEdge> callsInto(MethodSummary method) {
        List<ProgramModel.CallEdge> calls = new ArrayList<>();
        for (ProgramModel.CallEdge edge : model.callersOf(method.method())) {
            ValuePath receiver = edge.call().receiver();
            boolean constructing = edge.caller().isConstructor()
                    && (receiver == null || receiver instanceof ValuePath.This);
            if (!constructing) {
                calls.add(edge);
            }
        }
        return calls;
    }

    /** The locks all callers of {@code method} hold at their calls; null while no caller is constrained yet. */
    private Set<LockId> meetOverCallers(MethodSummary method, Map<MethodRef, Set<LockId>> held) {
        Set<LockId> meet = null;
        for (ProgramModel.CallEdge edge : callsInto(method)) {
            MethodRef caller = edge.caller().method();
            Set<LockId> callerEntry = held.containsKey(caller) ? held.get(caller) : Set.of();
            if (callerEntry == null) {
                continue;
            }
            Set<LockId> here = new HashSet<>();
            for (LockId lock : callerEntry) {
                here.add(CalleeTerms.of(lock, edge.call(), method));
            }
            for (Hold hold : edge.call().held().held()) {
                here.add(CalleeTerms.of(hold.lock(), edge.call(), method));
            }
            if (meet == null) {
                meet = here;
            } else {
                meet.retainAll(here);
            }
        }
        return meet;
    }

    /**
     * The calls into {@code method} (directly or through callers that leave the lock alone, at most
     * {@value ProgramModel#MAX_CALL_DEPTH} calls up) at which {@code lock}, named in {@code method}'s terms, is not held
     * on every path. Empty when every analysed caller holds it, and when {@code method} has no analysed callers.
     */
    public List<Unheld> unheldCallers(MethodRef method, LockId lock) {
        List<Unheld> found = new ArrayList<>();
        MethodSummary summary = model.method(method);
        if (summary != null) {
            walk(summary, lock, List.of(), new HashSet<>(), found);
        }
        return found;
    }

    private void walk(MethodSummary method, LockId lock, List<ProgramModel.CallEdge> below, Set<Visit> seen,
            List<Unheld> found) {
        for (ProgramModel.CallEdge edge : model.callersOf(method.method())) {
            LockId inCaller = CalleeTerms.inCaller(lock, edge, method);
            Hold hold = edge.call().held().of(inCaller);
            if (hold.heldOnEveryPath()) {
                continue;
            }
            List<ProgramModel.CallEdge> chain = new ArrayList<>(below.size() + 1);
            chain.add(edge);
            chain.addAll(below);
            MethodSummary caller = edge.caller();
            boolean passesThrough = !hold.heldOnSomePath() && hold.missingAt() == null;
            if (passesThrough && !model.callersOf(caller.method()).isEmpty()
                    && chain.size() < ProgramModel.MAX_CALL_DEPTH) {
                if (seen.add(new Visit(caller.method(), inCaller))) {
                    walk(caller, inCaller, chain, seen, found);
                }
            } else {
                found.add(new Unheld(List.copyOf(chain), inCaller, hold));
            }
        }
    }

    /** A method and a lock in its terms, already walked. */
    private record Visit(MethodRef method, LockId lock) {
    }
}
