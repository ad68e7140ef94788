package io.github.lockspot.analysis;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Whether the callers of a method hold a lock when they call it, following callers of callers that neither take nor
 * release the lock themselves. For a method that releases, waits on or signals a lock it never takes: its callers are
 * where the lock must be held.
 */
public final class CallerLocks {

    private CallerLocks() {
    }

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

    /**
     * The calls into {@code method} (directly or through callers that leave the lock alone, at most
     * {@value ProgramModel#MAX_CALL_DEPTH} calls up) at which {@code lock}, named in {@code method}'s terms, is not held
     * on every path. Empty when every analysed caller holds it, and when {@code method} has no analysed callers.
     */
    public static List<Unheld> unheldCallers(ProgramModel model, MethodRef method, LockId lock) {
        List<Unheld> found = new ArrayList<>();
        walk(model, method, lock, List.of(), new HashSet<>(), found);
        return found;
    }

    private static void walk(ProgramModel model, MethodRef method, LockId lock, List<ProgramModel.CallEdge> below,
            Set<Visit> seen, List<Unheld> found) {
        for (ProgramModel.CallEdge edge : model.callersOf(method)) {
            LockId inCaller = inCallerTerms(lock, edge, method);
            Hold hold = edge.call().held().of(inCaller);
            if (hold.heldOnEveryPath()) {
                continue;
            }
            List<ProgramModel.CallEdge> chain = new ArrayList<>(below.size() + 1);
            chain.add(edge);
            chain.addAll(below);
            MethodRef caller = edge.caller().method();
            boolean passesThrough = !hold.heldOnSomePath() && hold.missingAt() == null;
            if (passesThrough && !model.callersOf(caller).isEmpty() && chain.size() < ProgramModel.MAX_CALL_DEPTH) {
                if (seen.add(new Visit(caller, inCaller))) {
                    walk(model, caller, inCaller, chain, seen, found);
                }
            } else {
                found.add(new Unheld(List.copyOf(chain), inCaller, hold));
            }
        }
    }

    /**
     * The callee's lock in the caller's terms. A lambda body run as a synchronous callback (e.g. by
     * {@code computeIfAbsent}) is not the call's target: its {@code this} is the enclosing instance, which javac
     * captures from the caller's {@code this}, and its parameters are not the call's arguments.
     */
    private static LockId inCallerTerms(LockId lock, ProgramModel.CallEdge edge, MethodRef callee) {
        Events.Call call = edge.call();
        boolean callback = call.args().stream()
                .anyMatch(arg -> arg instanceof ValuePath.Lambda lambda && lambda.impl().equals(callee));
        if (!callback) {
            return ProgramModel.inCallerTerms(lock, List.of(call));
        }
        boolean sharesThis = !edge.caller().isStatic() && edge.caller().method().owner().equals(callee.owner());
        return lock.rebase(root -> {
            if (root instanceof ValuePath.This self) {
                return sharesThis ? self : new ValuePath.Unknown(self.type());
            }
            return root instanceof ValuePath.Param param ? new ValuePath.Unknown(param.type()) : root;
        });
    }

    /** A method and a lock in its terms, already walked. */
    private record Visit(MethodRef method, LockId lock) {
    }
}
