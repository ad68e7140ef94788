package io.github.lockspot.analysis;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.objectweb.asm.Opcodes;

/**
 * The locks held on entry to methods that only analysed code calls: for every method that is not public and has
 * analysed callers, the locks that every caller holds (on every path) at every call, named in the method's own terms
 * ({@link CalleeTerms}: a caller's lock the method cannot name keeps its fields on an unknown base, so that its
 * lock-graph node survives). Locks a caller holds on its own entry count at its calls: a greatest fixed
 * point over the call graph. Public methods, and methods no analysed code calls, hold nothing on entry: code that was
 * not analysed may call them. (Non-public methods are assumed called only by the analysed code; a subclass outside it
 * calling a protected method is not seen.)
 */
public final class EntryLocks {
    /** Rounds of the fixed point; recursion rarely needs more than a few. */
    static final int MAX_ROUNDS = 10;

    private final Map<MethodRef, Set<LockId>> heldOnEntry;

    private EntryLocks(Map<MethodRef, Set<LockId>> heldOnEntry) {
        this.heldOnEntry = heldOnEntry;
    }

    /** The locks held on entry to every method of {@code model}. */
    public static EntryLocks of(ProgramModel model) {
        Map<MethodRef, Set<LockId>> held = new HashMap<>();
        List<MethodSummary> closed = new java.util.ArrayList<>();
        for (MethodSummary method : model.allMethods()) {
            if ((method.access() & Opcodes.ACC_PUBLIC) == 0 && !model.callersOf(method.method()).isEmpty()) {
                closed.add(method);
                held.put(method.method(), null); // not constrained yet
            }
        }
        boolean changed = true;
        for (int round = 0; changed && round < MAX_ROUNDS; round++) {
            changed = false;
            for (MethodSummary method : closed) {
                Set<LockId> meet = meetOverCallers(model, method, held);
                if (!Objects.equals(meet, held.get(method.method()))) {
                    held.put(method.method(), meet);
                    changed = true;
                }
            }
        }
        held.replaceAll((method, locks) -> locks == null ? Set.of() : Set.copyOf(locks));
        return new EntryLocks(held);
    }

    /** The locks all callers of {@code method} hold at their calls; null while no caller is constrained yet. */
    private static Set<LockId> meetOverCallers(ProgramModel model, MethodSummary method,
            Map<MethodRef, Set<LockId>> held) {
        Set<LockId> meet = null;
        for (ProgramModel.CallEdge call : model.callersOf(method.method())) {
            MethodRef caller = call.caller().method();
            Set<LockId> callerEntry = held.containsKey(caller) ? held.get(caller) : Set.of();
            if (callerEntry == null) {
                continue;
            }
            Set<LockId> here = new HashSet<>();
            for (LockId lock : callerEntry) {
                here.add(CalleeTerms.of(lock, call.call(), method));
            }
            for (Hold hold : call.call().held().held()) {
                here.add(CalleeTerms.of(hold.lock(), call.call(), method));
            }
            if (meet == null) {
                meet = here;
            } else {
                meet.retainAll(here);
            }
        }
        return meet;
    }

    /** The locks held whenever {@code method} starts; empty for methods code outside the analysis may call. */
    public Set<LockId> heldOnEntry(MethodRef method) {
        Set<LockId> locks = heldOnEntry.get(method);
        return locks == null ? Set.of() : locks;
    }
}
