package io.github.lockspot.analysis;

import java.util.List;
import org.objectweb.asm.Type;

/**
 * A caller's lock named in the terms of the method a call runs, the reverse of {@link ProgramModel#inCallerTerms}: the
 * call's receiver becomes {@code this} and its arguments the parameters (named as the callee's own analysis names
 * them, so that the callee's locks and its callers' compare equal); for a lambda body run as a synchronous callback
 * ({@code computeIfAbsent}), the values the lambda captured take those places. Statics and static getters keep their
 * names; anything else of the caller becomes an unknown value of its type, fields on it keeping their names, so that
 * its lock-graph node survives. One translation for every "locks the callers hold" question ({@link EntryLocks},
 * {@link ProgramModel#heldByCallers}).
 */
final class CalleeTerms {

    private CalleeTerms() {
    }

    /** {@code lock}, held by a caller at {@code call}, as {@code callee} would name it. */
    static LockId of(LockId lock, Events.Call call, MethodSummary callee) {
        MethodRef ref = callee.method();
        ValuePath receiver = call.receiver();
        List<ValuePath> passed = call.args();
        for (ValuePath arg : call.args()) {
            if (arg instanceof ValuePath.Lambda lambda && lambda.impl().equals(ref) && !call.target().equals(ref)) {
                boolean instanceBody = !callee.isStatic() && !lambda.captured().isEmpty();
                receiver = instanceBody ? lambda.captured().get(0) : null;
                passed = instanceBody ? lambda.captured().subList(1, lambda.captured().size()) : lambda.captured();
                break;
            }
        }
        return new LockId(lock.kind(), rename(lock.path(), callee.isStatic() ? null : receiver, passed, callee));
    }

    /** Whether the callee can name the lock at all: it does not start from a value only the caller knows. */
    static boolean nameable(LockId lock) {
        return !(ValuePath.rootOf(lock.path()) instanceof ValuePath.Unknown);
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
