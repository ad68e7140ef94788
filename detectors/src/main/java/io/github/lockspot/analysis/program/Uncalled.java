package io.github.lockspot.analysis.program;

import io.github.lockspot.analysis.flow.Events;
import io.github.lockspot.analysis.flow.MethodSummary;
import io.github.lockspot.analysis.value.MethodRef;
import io.github.lockspot.analysis.value.ValuePath;
import java.util.HashSet;
import java.util.Set;
import org.objectweb.asm.Opcodes;

/**
 * Private methods no thread can run: no analysed method that can run calls them, nor makes a lambda or method
 * reference of them (a call on a private method names it, so the analysed class is every caller). Constructors,
 * synthetic methods and the hooks serialization calls by reflection ({@code readObject}, ...) count as run. What
 * only such a method does is dead code (a call left commented out) and no evidence of a deadlock.
 */
public final class Uncalled {
    private static final Set<String> SERIALIZATION_HOOKS = Set.of("readObject", "writeObject", "readObjectNoData",
            "readResolve", "writeReplace");

    private Uncalled() {
    }

    /** The private methods of {@code model} that nothing runs. */
    public static Set<MethodRef> privateMethods(ProgramModel model) {
        Set<MethodRef> uncalled = new HashSet<>();
        for (MethodSummary method : model.allMethods()) {
            if ((method.access() & Opcodes.ACC_PRIVATE) != 0 && !method.isSynthetic() && !method.isConstructor()
                    && !SERIALIZATION_HOOKS.contains(method.method().name())) {
                uncalled.add(method.method());
            }
        }
        if (uncalled.isEmpty()) {
            return Set.of();
        }
        uncalled.removeAll(lambdaBodies(model));
        boolean changed = true;
        while (changed) { // shrinks to the private methods whose every caller is itself uncalled
            changed = uncalled.removeIf(method -> model.callersOf(method).stream()
                    .anyMatch(edge -> !uncalled.contains(edge.caller().method())));
        }
        return Set.copyOf(uncalled);
    }

    /** The methods the analysed code makes lambdas or method references of, where it passes or stores them. */
    private static Set<MethodRef> lambdaBodies(ProgramModel model) {
        Set<MethodRef> bodies = new HashSet<>();
        for (MethodSummary method : model.allMethods()) {
            for (Events.Call call : method.calls()) {
                addBody(call.receiver(), bodies);
                call.args().forEach(arg -> addBody(arg, bodies));
            }
            for (Events.FieldAccess access : method.fieldAccesses()) {
                addBody(access.written(), bodies);
            }
        }
        return bodies;
    }

    private static void addBody(ValuePath value, Set<MethodRef> bodies) {
        if (value instanceof ValuePath.Lambda lambda) {
            bodies.add(lambda.impl());
        }
    }
}
