package io.github.lockspot.analysis;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.objectweb.asm.Type;

/**
 * Computes {@link ProgramModel#heldByCallers}: the locks every analysed caller of a method holds when calling it,
 * rewritten from each caller's terms into the callee's.
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

    private static void addInCalleeTerms(LockId lock, Events.Call call, MethodSummary callee, Set<LockId> into) {
        Map<ValuePath, ValuePath> roots = calleeRoots(call, callee);
        ValuePath path = inCalleeTerms(lock.path(), roots);
        if (path != null) {
            into.add(new LockId(lock.kind(), path));
        }
    }

    /**
     * What the caller's values become in the callee: the receiver its {@code this}, the arguments its parameters; for
     * a lambda body run by a callback, the values the lambda captured.
     */
    private static Map<ValuePath, ValuePath> calleeRoots(Events.Call call, MethodSummary callee) {
        MethodRef ref = callee.method();
        List<ValuePath> passed = call.args();
        ValuePath receiver = call.receiver();
        for (ValuePath arg : call.args()) {
            if (arg instanceof ValuePath.Lambda lambda && lambda.impl().equals(ref) && !call.target().equals(ref)) {
                boolean instanceBody = !callee.isStatic() && !lambda.captured().isEmpty();
                receiver = instanceBody ? lambda.captured().get(0) : null;
                passed = instanceBody ? lambda.captured().subList(1, lambda.captured().size()) : lambda.captured();
                break;
            }
        }
        Map<ValuePath, ValuePath> roots = new HashMap<>();
        if (receiver != null && !callee.isStatic()) {
            roots.put(receiver, new ValuePath.This(ref.owner()));
        }
        Type[] params = Type.getArgumentTypes(ref.desc());
        for (int i = 0; i < passed.size() && i < params.length; i++) {
            if (passed.get(i) != null) {
                roots.putIfAbsent(passed.get(i), new ValuePath.Param(i, null, internalName(params[i])));
            }
        }
        return roots;
    }

    private static String internalName(Type type) {
        return type.getSort() == Type.OBJECT || type.getSort() == Type.ARRAY ? type.getInternalName()
                : type.getDescriptor();
    }

    /** {@code path} with its caller-side part replaced by the callee's name for it; null if the callee has none. */
    private static ValuePath inCalleeTerms(ValuePath path, Map<ValuePath, ValuePath> roots) {
        ValuePath mapped = roots.get(path);
        if (mapped != null) {
            return mapped;
        }
        if (path instanceof ValuePath.InstanceField field) {
            ValuePath base = inCalleeTerms(field.base(), roots);
            return base == null ? null : Paths.field(base, field.owner(), field.name(), field.type());
        }
        if (path instanceof ValuePath.CallResult result && result.base() != null) {
            ValuePath base = inCalleeTerms(result.base(), roots);
            return base == null ? null : Paths.call(base, result.owner(), result.name(), result.type());
        }
        boolean global = path instanceof ValuePath.StaticField || path instanceof ValuePath.ClassLiteral
                || path instanceof ValuePath.CallResult;
        return global ? path : null;
    }
}
