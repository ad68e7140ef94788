package io.github.lockspot.analysis;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Computes {@link ProgramModel#heldByCallers}: the locks every analysed caller of a method holds when calling it,
 * rewritten from each caller's terms into the callee's ({@link CalleeTerms}).
 */
final class CallerHeldLocks {

    private final ProgramModel model;
    private final Map<MethodRef, List<LockId>> known = new HashMap<>();
    private final Set<MethodRef> inProgress = new HashSet<>();

    CallerHeldLocks(ProgramModel model) {
        this.model = model;
    }

    List<LockId> heldByCallers(MethodRef method) {
        List<LockId> cached = known.get(method);
        if (cached != null) {
            return cached;
        }
        MethodSummary callee = model.method(method);
        if (callee == null || model.threadEntryPoints().containsKey(method) || !inProgress.add(method)) {
            return List.of();
        }
        Set<LockId> common = null;
        for (ProgramModel.CallEdge edge : model.callersOf(method)) {
            // A recursive call adds nothing the outer callers do not already hold; a constructor's call on the object
            // it is making needs no lock, as no other thread can see that object yet.
            if (inProgress.contains(edge.caller().method()) || duringConstruction(edge)) {
                continue;
            }
            Set<LockId> atCall = new TreeSet<>();
            for (Hold hold : edge.call().held().held()) {
                addInCalleeTerms(hold.lock(), edge.call(), callee, atCall);
            }
            for (LockId lock : heldByCallers(edge.caller().method())) {
                addInCalleeTerms(lock, edge.call(), callee, atCall);
            }
            if (common == null) {
                common = atCall;
            } else {
                common.retainAll(atCall);
            }
        }
        inProgress.remove(method);
        List<LockId> held = common == null ? List.of() : List.copyOf(common);
        known.put(method, held);
        return held;
    }

    private static boolean duringConstruction(ProgramModel.CallEdge edge) {
        ValuePath receiver = edge.call().receiver();
        return edge.caller().isConstructor() && (receiver == null || receiver instanceof ValuePath.This);
    }

    /** {@code lock} in the callee's terms, if the callee can name it: locks on values only the caller knows drop out. */
    private static void addInCalleeTerms(LockId lock, Events.Call call, MethodSummary callee, Set<LockId> into) {
        LockId renamed = CalleeTerms.of(lock, call, callee);
        if (CalleeTerms.nameable(renamed)) {
            into.add(renamed);
        }
    }
}
