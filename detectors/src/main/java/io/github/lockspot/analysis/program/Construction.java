package io.github.lockspot.analysis.program;

import io.github.lockspot.analysis.flow.MethodSummary;
import io.github.lockspot.analysis.value.MethodRef;
import io.github.lockspot.analysis.value.ValuePath;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.objectweb.asm.Opcodes;

/**
 * Methods that run only while their object is being constructed: non-public methods (so only analysed code calls
 * them, as {@link CallerLocks#heldOnEntry} assumes) whose every analysed call is made on {@code this} by a constructor of the class
 * or by another such method. No other thread can see the object yet (unless the constructor leaks {@code this}), so
 * what they do to {@code this} and its fields is not shared.
 */
public final class Construction {

    private Construction() {
    }

    /** The methods of {@code model} that run only during the construction of their object. */
    public static Set<MethodRef> onlyDuringConstruction(ProgramModel model) {
        Set<MethodRef> only = new HashSet<>();
        for (MethodSummary method : model.allMethods()) {
            if ((method.access() & (Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC)) == 0 && !method.isConstructor()
                    && !model.callersOf(method.method()).isEmpty()) {
                only.add(method.method());
            }
        }
        boolean changed = true;
        while (changed) { // shrinks to the greatest set closed under "every caller is a constructor or in the set"
            changed = only.removeIf(method -> !calledOnlyDuringConstruction(model, method, only));
        }
        return Set.copyOf(only);
    }

    private static boolean calledOnlyDuringConstruction(ProgramModel model, MethodRef method, Set<MethodRef> only) {
        List<ProgramModel.CallEdge> calls = model.callersOf(method);
        for (ProgramModel.CallEdge call : calls) {
            MethodRef caller = call.caller().method();
            boolean constructing = caller.name().equals("<init>") && caller.owner().equals(method.owner())
                    || only.contains(caller);
            if (!constructing || !(call.call().receiver() instanceof ValuePath.This)) {
                return false;
            }
        }
        return true;
    }
}
