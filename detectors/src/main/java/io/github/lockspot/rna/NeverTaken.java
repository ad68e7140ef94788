package io.github.lockspot.rna;

import io.github.lockspot.analysis.flow.ClassSummary;
import io.github.lockspot.analysis.flow.Events;
import io.github.lockspot.analysis.flow.MethodSummary;
import io.github.lockspot.analysis.program.ProgramModel;
import io.github.lockspot.analysis.value.LockId;
import io.github.lockspot.analysis.value.ValuePath;
import java.util.HashSet;
import java.util.Set;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/**
 * Locks that no code can take: a lock the releasing method has just made and handed to no one, or a private lock field
 * of an analysed class that no analysed method takes, passes on or may return. Releasing one always throws
 * {@link IllegalMonitorStateException}.
 */
final class NeverTaken {

    private final ProgramModel model;
    /** Lock-graph node and kind of every acquisition in the analysed code, made on first use. */
    private Set<String> taken;

    NeverTaken(ProgramModel model) {
        this.model = model;
    }

    /** Whether {@code lock}, released in {@code method} without being held there, is one no code can take. */
    boolean neverTaken(MethodSummary method, LockId lock) {
        ValuePath path = lock.readWriteBase();
        if (path instanceof ValuePath.NewObject) {
            return !handedOn(method, path);
        }
        ClassSummary owner = null;
        String name = null;
        if (path instanceof ValuePath.InstanceField field && field.base() instanceof ValuePath.This) {
            owner = model.classNamed(field.owner());
            name = field.name();
        } else if (path instanceof ValuePath.StaticField field) {
            owner = model.classNamed(field.owner());
            name = field.name();
        }
        ClassSummary.FieldInfo info = owner == null ? null : owner.fields().get(name);
        if (info == null || (info.access() & Opcodes.ACC_PRIVATE) == 0 || takenSomewhere(lock)) {
            return false;
        }
        for (MethodSummary other : owner.methods()) {
            if (mayReturn(other, name) || handedOn(other, path)) {
                return false;
            }
        }
        return true;
    }

    private boolean takenSomewhere(LockId lock) {
        if (taken == null) {
            taken = new HashSet<>();
            for (MethodSummary method : model.allMethods()) {
                for (Events.Acquisition acquisition : method.acquisitions()) {
                    taken.add(key(acquisition.lock()));
                }
            }
        }
        return taken.contains(key(lock));
    }

    private static String key(LockId lock) {
        return lock.kind() + " " + lock.node();
    }

    /** Whether {@code method} passes {@code path} (or a half of it) to a call, where it may be taken. */
    private static boolean handedOn(MethodSummary method, ValuePath path) {
        for (Events.Call call : method.calls()) {
            for (ValuePath arg : call.args()) {
                if (path.equals(arg) || arg instanceof ValuePath.CallResult view && path.equals(view.base())) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Whether {@code method} reads the field and returns an object, possibly the lock (a getter). */
    private static boolean mayReturn(MethodSummary method, String field) {
        int returns = Type.getReturnType(method.method().desc()).getSort();
        if (returns != Type.OBJECT && returns != Type.ARRAY) {
            return false;
        }
        return method.fieldAccesses().stream().anyMatch(access -> !access.write() && access.name().equals(field));
    }
}
