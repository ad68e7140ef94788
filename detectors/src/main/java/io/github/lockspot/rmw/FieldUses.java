package io.github.lockspot.rmw;

import io.github.lockspot.analysis.flow.ClassSummary;
import io.github.lockspot.analysis.flow.Events;
import io.github.lockspot.analysis.flow.MethodSummary;
import io.github.lockspot.analysis.program.ProgramModel;
import io.github.lockspot.analysis.value.LockId;
import io.github.lockspot.analysis.value.MethodRef;
import io.github.lockspot.analysis.value.ValuePath;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every access of every field declared in the analysed classes, each with the locks held there (in its method or by
 * all callers of a private helper) and whether it belongs to the construction of the object or class.
 */
final class FieldUses {

    /** A field by its declaring class. */
    record Field(ClassSummary owner, ClassSummary.FieldInfo info) {
        String display() {
            return owner.simpleName() + "." + info.name();
        }
    }

    /**
     * One access. {@code heldOnEntry} are the locks held throughout its method ({@link Atomicity#heldOnEntry});
     * {@code construction} is true for accesses of the object (or class) being initialised, which no other thread can
     * see yet.
     */
    record Use(Field field, MethodSummary method, Events.FieldAccess access, List<LockId> heldOnEntry,
            boolean construction) {

        /** The locks held on every path at this access, here or by every caller. */
        List<LockId> locks() {
            List<LockId> locks = new ArrayList<>(heldOnEntry);
            access.held().held().forEach(hold -> locks.add(hold.lock()));
            return locks;
        }

        /** Whether the access is to an object that this method allocated and so no other thread can see yet. */
        boolean onLocalObject() {
            return ValuePath.rootOf(access.base()) instanceof ValuePath.NewObject;
        }
    }

    private final ProgramModel model;
    private final Map<Field, List<Use>> uses = new LinkedHashMap<>();
    private final Map<String, Boolean> onlyDuring = new HashMap<>();

    private FieldUses(ProgramModel model) {
        this.model = model;
    }

    static FieldUses of(ProgramModel model) {
        FieldUses index = new FieldUses(model);
        for (MethodSummary method : model.allMethods()) {
            List<LockId> heldOnEntry = null;
            for (Events.FieldAccess access : method.fieldAccesses()) {
                Field field = index.declaration(access.owner(), access.name());
                if (field == null) {
                    continue;
                }
                if (heldOnEntry == null) {
                    heldOnEntry = Atomicity.heldOnEntry(model, method);
                }
                index.uses.computeIfAbsent(field, k -> new ArrayList<>()).add(new Use(field, method, access,
                        heldOnEntry, index.duringConstruction(method, access)));
            }
        }
        return index;
    }

    Set<Field> fields() {
        return uses.keySet();
    }

    List<Use> of(Field field) {
        return uses.getOrDefault(field, List.of());
    }

    /** The accesses another thread may see: not during construction, not to an object allocated right there. */
    List<Use> shared(Field field) {
        List<Use> shared = new ArrayList<>();
        for (Use use : of(field)) {
            if (!use.construction() && !use.onLocalObject()) {
                shared.add(use);
            }
        }
        return shared;
    }

    /** The analysed field a field path names, or null. */
    Field declaration(ValuePath path) {
        if (path instanceof ValuePath.InstanceField field) {
            return declaration(field.owner(), field.name());
        }
        return path instanceof ValuePath.StaticField field ? declaration(field.owner(), field.name()) : null;
    }

    /** The analysed field {@code owner.name} refers to, found in {@code owner} or its superclasses. */
    Field declaration(String owner, String name) {
        for (String type = owner; type != null; ) {
            ClassSummary summary = model.classNamed(type);
            if (summary == null) {
                return null;
            }
            ClassSummary.FieldInfo info = summary.fields().get(name);
            if (info != null) {
                return new Field(summary, info);
            }
            type = summary.superName();
        }
        return null;
    }

    /**
     * An instance field of {@code this} in a constructor, a static field in the class initialiser, or either in a
     * helper that the analysed code only ever calls from there.
     */
    private boolean duringConstruction(MethodSummary method, Events.FieldAccess access) {
        if (access.isStatic()) {
            return onlyDuring(method.method(), "<clinit>", new HashSet<>());
        }
        return access.base() instanceof ValuePath.This && onlyDuring(method.method(), "<init>", new HashSet<>());
    }

    /** Whether {@code method} is an {@code initializer} or runs only inside one, on the same object. */
    private boolean onlyDuring(MethodRef method, String initializer, Set<MethodRef> visiting) {
        if (method.name().equals(initializer)) {
            return true;
        }
        String key = initializer + method;
        Boolean known = onlyDuring.get(key);
        if (known != null) {
            return known;
        }
        List<ProgramModel.CallEdge> callers = model.callersOf(method);
        // A cycle of helpers that nothing else calls is not construction.
        boolean only = !callers.isEmpty() && visiting.add(method);
        for (int i = 0; only && i < callers.size(); i++) {
            ProgramModel.CallEdge edge = callers.get(i);
            boolean sameObject = edge.call().receiver() == null || edge.call().receiver() instanceof ValuePath.This;
            only = sameObject && onlyDuring(edge.caller().method(), initializer, visiting);
        }
        onlyDuring.put(key, only);
        return only;
    }
}
