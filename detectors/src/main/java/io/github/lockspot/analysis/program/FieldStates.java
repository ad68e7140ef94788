package io.github.lockspot.analysis.program;

import io.github.lockspot.analysis.flow.Events;
import io.github.lockspot.analysis.flow.MethodSummary;
import io.github.lockspot.analysis.value.Origin;
import io.github.lockspot.analysis.value.ValuePath;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the whole program does to its fields: where each is written, and which fields hold one-time state, null until
 * first set and never null again (a lazily made object, an address filled in at start-up), so that a test of one for
 * null passes only before it is first set.
 */
public final class FieldStates {

    private static final String ATOMIC_REFERENCE = "java/util/concurrent/atomic/AtomicReference";

    private final ProgramModel model;
    private Map<String, List<Events.FieldAccess>> writesByName;
    private Map<String, List<Events.Call>> usesByName;

    FieldStates(ProgramModel model) {
        this.model = model;
    }

    /** The writes of fields named {@code name} outside constructors, in the whole program. */
    public synchronized List<Events.FieldAccess> writesOf(String name) {
        if (writesByName == null) {
            index();
        }
        return writesByName.getOrDefault(name, List.of());
    }

    /**
     * Whether the value {@code tested} was read from one-time state: a field that every write outside constructors
     * sets to a new object, or {@code get()} of an {@code AtomicReference} in a field only constructors write, which
     * the program only ever {@code set}s to new objects and hands to no other code.
     */
    public boolean neverResetToNull(Origin tested) {
        if (tested instanceof Origin.FieldRead read) {
            List<Events.FieldAccess> writes = writesOf(read.name(), read.owner());
            return !writes.isEmpty() && writes.stream().allMatch(w -> w.written() instanceof ValuePath.NewObject);
        }
        if (!(tested instanceof Origin.CallRead get && get.name().equals("get")
                && get.owner().equals(ATOMIC_REFERENCE) && get.receiver() instanceof ValuePath.InstanceField field)) {
            return false;
        }
        if (!writesOf(field.name(), field.owner()).isEmpty()) {
            return false;
        }
        boolean set = false;
        for (Events.Call use : usesOf(field.name())) {
            if (use.args().stream().anyMatch(arg -> same(arg, field))) {
                return false; // handed on: the other code may set it to anything
            }
            if (!same(use.receiver(), field)) {
                continue;
            }
            String name = use.target().name();
            boolean setToNew = name.equals("set") && use.args().size() == 1
                    && use.args().get(0) instanceof ValuePath.NewObject;
            if (!name.equals("get") && !setToNew) {
                return false;
            }
            set |= setToNew;
        }
        return set;
    }

    /**
     * Whether no code outside constructors sets the field {@code read} read back to null, zero or false: once set to
     * something else it stays set (a cache filled once, not one that is cleared to be filled again).
     */
    public boolean neverResetToDefault(Origin.FieldRead read) {
        return writesOf(read.name(), read.owner()).stream().noneMatch(Events.FieldAccess::storesDefault);
    }

    private List<Events.FieldAccess> writesOf(String name, String owner) {
        return writesOf(name).stream().filter(w -> model.related(w.owner(), owner)).toList();
    }

    /** The calls outside constructors on, or handing on, a field named {@code name}. */
    private synchronized List<Events.Call> usesOf(String name) {
        if (usesByName == null) {
            index();
        }
        return usesByName.getOrDefault(name, List.of());
    }

    private void index() {
        writesByName = new HashMap<>();
        usesByName = new HashMap<>();
        for (MethodSummary method : model.allMethods()) {
            if (method.isConstructor()) {
                continue;
            }
            for (Events.FieldAccess access : method.fieldAccesses()) {
                if (access.write()) {
                    writesByName.computeIfAbsent(access.name(), k -> new ArrayList<>()).add(access);
                }
            }
            for (Events.Call call : method.calls()) {
                List<ValuePath> touched = new ArrayList<>(call.args());
                touched.add(call.receiver());
                for (ValuePath path : touched) {
                    if (path instanceof ValuePath.InstanceField field) {
                        usesByName.computeIfAbsent(field.name(), k -> new ArrayList<>()).add(call);
                    }
                }
            }
        }
    }

    private boolean same(ValuePath path, ValuePath.InstanceField field) {
        return path instanceof ValuePath.InstanceField other && other.name().equals(field.name())
                && model.related(other.owner(), field.owner());
    }
}
