package io.github.lockspot.analysis.program;

import io.github.lockspot.analysis.flow.Events;
import io.github.lockspot.analysis.flow.MethodSummary;
import io.github.lockspot.analysis.value.LockId;
import io.github.lockspot.analysis.value.MethodRef;
import io.github.lockspot.analysis.value.Paths;
import io.github.lockspot.analysis.value.ValuePath;
import java.util.List;
import org.objectweb.asm.Type;

/**
 * Locks translated across one call whose callee is known, in both directions. {@link #of}: a caller's lock named in the
 * terms of the method the call runs: the call's receiver becomes {@code this} and its arguments the parameters (named
 * as the callee's own analysis names them, so that the callee's locks and its callers' compare equal); for a lambda
 * body run as a synchronous callback ({@code computeIfAbsent}), the values the lambda captured take those places.
 * Statics and static getters keep their names; anything else of the caller becomes an unknown value of its type,
 * fields on it keeping their names, so that its lock-graph node survives. {@link #inCaller}: the reverse, a callee's
 * lock in the caller's terms. One translation for every "locks the callers hold" question ({@link CallerLocks}).
 */
final class CalleeTerms {

    private CalleeTerms() {
    }

    /** {@code lock}, held by a caller at {@code call}, as {@code callee} would name it. */
    static LockId of(LockId lock, Events.Call call, MethodSummary callee) {
        Entry entry = Entry.of(call, callee.method(), callee.isStatic());
        return new LockId(lock.kind(), rename(lock.path(), entry.receiver(), entry.passed(), callee));
    }

    /**
     * {@code lock}, named in the terms of {@code callee}, as the caller of {@code edge} names it: the callee's
     * {@code this} and parameters become what the call passes in, or, for a lambda body run as a synchronous
     * callback, what the lambda captured (its further parameters are the callback's arguments, unknown here).
     */
    static LockId inCaller(LockId lock, ProgramModel.CallEdge edge, MethodSummary callee) {
        Entry entry = Entry.of(edge.call(), callee.method(), callee.isStatic());
        return lock.rebase(root -> {
            if (root instanceof ValuePath.This self) {
                return entry.receiver() != null ? entry.receiver() : new ValuePath.Unknown(self.type());
            }
            if (root instanceof ValuePath.Param param) {
                return param.index() < entry.passed().size() && entry.passed().get(param.index()) != null
                        ? entry.passed().get(param.index()) : new ValuePath.Unknown(param.type());
            }
            return root;
        });
    }

    /**
     * What a call passes into {@code callee}: its receiver and arguments, or, when {@code callee} is a lambda body the
     * call runs as a callback, the lambda's captured values (the first is the receiver of an instance body).
     */
    private record Entry(ValuePath receiver, List<ValuePath> passed) {
        static Entry of(Events.Call call, MethodRef callee, boolean staticCallee) {
            for (ValuePath arg : call.args()) {
                if (arg instanceof ValuePath.Lambda lambda && lambda.impl().equals(callee)
                        && !call.target().equals(callee)) {
                    List<ValuePath> captured = lambda.captured();
                    boolean instanceBody = !staticCallee && !captured.isEmpty();
                    return instanceBody ? new Entry(captured.get(0), captured.subList(1, captured.size()))
                            : new Entry(null, captured);
                }
            }
            return new Entry(staticCallee ? null : call.receiver(), call.args());
        }
    }

    private static ValuePath rename(ValuePath path, ValuePath receiver, List<ValuePath> passed, MethodSummary callee) {
        if (path.equals(receiver)) {
            return new ValuePath.This(callee.method().owner());
        }
        Type[] params = Type.getArgumentTypes(callee.method().desc());
        int arg = passed.indexOf(path);
        if (arg >= 0 && arg < params.length) {
            return parameter(callee, arg, internalName(params[arg]));
        }
        if (path instanceof ValuePath.InstanceField field) {
            return Paths.field(rename(field.base(), receiver, passed, callee), field.owner(), field.name(),
                    field.type());
        }
        if (path instanceof ValuePath.CallResult result && result.base() != null) {
            return Paths.call(rename(result.base(), receiver, passed, callee), result.owner(), result.name(),
                    result.type());
        }
        if (path instanceof ValuePath.StaticField || path instanceof ValuePath.ClassLiteral
                || path instanceof ValuePath.CallResult) {
            return path;
        }
        return new ValuePath.Unknown(path.type());
    }

    private static String internalName(Type type) {
        return type.getSort() == Type.OBJECT || type.getSort() == Type.ARRAY ? type.getInternalName()
                : type.getDescriptor();
    }

    /**
     * Parameter {@code index} of {@code callee} as its own analysis names it (the local variable table's name), found
     * among the paths its events use; a parameter it never uses as a path gets no name.
     */
    private static ValuePath parameter(MethodSummary callee, int index, String type) {
        for (Events.Call call : callee.calls()) {
            ValuePath found = parameterIn(call.receiver(), index);
            for (int i = 0; found == null && i < call.args().size(); i++) {
                found = parameterIn(call.args().get(i), index);
            }
            if (found != null) {
                return found;
            }
        }
        for (Events.Acquisition acquisition : callee.acquisitions()) {
            ValuePath found = parameterIn(acquisition.lock().path(), index);
            if (found != null) {
                return found;
            }
        }
        for (Events.FieldAccess access : callee.fieldAccesses()) {
            ValuePath found = parameterIn(access.base(), index);
            if (found != null) {
                return found;
            }
        }
        return new ValuePath.Param(index, null, type);
    }

    private static ValuePath parameterIn(ValuePath path, int index) {
        return ValuePath.rootOf(path) instanceof ValuePath.Param param && param.index() == index ? param : null;
    }
}
